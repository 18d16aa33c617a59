"""Offers as Markdown: the score, the counter and a comparison, for chat and the Offers tab.

Every figure is copied from an Assessment / Comparison computed by the offer math;
nothing is calculated here.
"""

from __future__ import annotations

from coach.money import format_usd
from coach.offers.assess import Assessment
from coach.offers.compare import Comparison
from coach.offers.score import MarketBenchmark
from coach.offers.totals import Totals


def _title(report: Assessment) -> str:
    offer = report.offer
    kind = offer.employer_type.label if offer.employer_type else None
    return " · ".join(
        x for x in (offer.company, offer.role, offer.level, offer.location, kind) if x
    )


def totals_table(totals: Totals) -> str:
    years = range(1, totals.horizon + 1)
    rows = [
        "| | " + " | ".join(f"Year {y}" for y in years) + " | 4-year total |",
        "|---|" + "---|" * totals.horizon + "---|",
    ]
    for line in totals.lines:
        if line.kind == "not_counted":
            continue
        cells = " | ".join(format_usd(v) for v in line.by_year)
        rows.append(f"| {line.label} | {cells} | {format_usd(line.total)} |")
    total = " | ".join(format_usd(v) for v in totals.total_by_year)
    rows.append(f"| **Total** | {total} | **{format_usd(totals.four_year_total)}** |")
    if totals.has_private_equity:
        after = " | ".join(format_usd(v) for v in totals.total_by_year_after_haircut)
        rows.append(
            f"| Total after a {totals.haircut_percent:g}% haircut on private equity | {after} | "
            f"{format_usd(totals.four_year_total_after_haircut)} |"
        )
    return "\n".join(rows)


def score_markdown(report: Assessment) -> str:
    score, market = report.score, report.market
    shown = f"score {score.score}/100" if score.score is not None else "no score yet (see below)"
    lines = [f"**Offer: {_title(report) or 'as given'} — {shown}**", ""]
    if score.verdicts:
        main = score.verdicts[0]
        lines += [f"**Verdict:** {main.headline} [{main.citation}]"]
        lines += [f"- {reason}" for reason in main.reasons]
        lines.append("")
    if market.known and market.median is not None:
        lines.append(f"Market median base: {format_usd(market.median)} ({market.basis}).")
    elif market.reason:
        lines.append(f"Market median: unknown — {market.reason}")
    if score.base_position:
        lines.append(f"Your base sits {score.base_position.words} of the market.")
    lines += [
        "",
        totals_table(report.totals),
        "",
        f"Annualised total comp: {format_usd(report.totals.annualised)}.",
    ]
    lines += ["", counter_markdown(report)]
    notes = [f"Couldn't read: {'; '.join(report.unparsed)}"] if report.unparsed else []
    assumptions = report.assumptions + report.totals.assumptions
    if assumptions:
        notes.append("Assumptions: " + " ".join(assumptions))
    if market.sources:
        notes.append("Market data: " + "; ".join(market.sources))
    if notes:
        lines += ["", "<sub>" + "<br>".join(notes) + "</sub>"]
    return "\n".join(lines)


def base_while_asking_markdown(base: int, market: MarketBenchmark) -> str:
    """What can be said of an offer while its reading asks a question (most often the
    equity's price): its base beside the market median, the rest after the answer."""
    return (
        f"**Meanwhile, the base:** {format_usd(base)} against a market median base of "
        f"{format_usd(market.median or 0)} ({market.basis}). Answer the question above and "
        "I'll score the whole offer, equity included."
    )


def counter_markdown(report: Assessment) -> str:
    counter = report.counter
    lines = ["**Counter-proposal**"]
    if counter.anchor is not None:
        lines.append(f"- Anchor: {format_usd(counter.anchor)} — {counter.anchor_basis}")
    else:
        lines.append(f"- {counter.anchor_basis}")
    if counter.range_low is not None and counter.range_high is not None:
        stretch = f" (stretch {format_usd(counter.range_stretch)})" if counter.range_stretch else ""
        lines.append(
            f"- Range: {format_usd(counter.range_low)} to {format_usd(counter.range_high)}{stretch}"
        )
    lines.append(
        "- Levers, in order of likely give (any worth under "
        f"{format_usd(counter.lever_floor)} last):"
    )
    for i, lever in enumerate(counter.levers, start=1):
        value = format_usd(lever.value) if lever.value is not None else "no dollar value"
        lines.append(f"  {i}. {lever.name} ({value}): {lever.ask} [{lever.citation}]")
    lines += ["", "**What to say or send:**", "", "> " + counter.script.replace("\n", "\n> ")]
    return "\n".join(lines)


def comparison_markdown(comparison: Comparison) -> str:
    names = comparison.names
    lines = [
        "**Offers side by side**",
        "",
        "| | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for row in comparison.rows:
        lines.append(f"| {row.label} | " + " | ".join(format_usd(v) for v in row.values) + " |")
    best = max(t.four_year_total for t in comparison.totals)
    tied = [n for n, t in zip(names, comparison.totals, strict=True) if t.four_year_total == best]
    most = f"even ({' and '.join(tied)})" if len(tied) > 1 else comparison.leader  # never by $0
    lines += [
        "",
        f"Most over four years: **{most}**"
        f" (after the equity haircut: {comparison.leader_after_haircut};"
        f" in year one: {comparison.leader_first_year}) [{comparison.citation}]",
    ]
    lines += [f"- {note}" for note in comparison.notes]
    return "\n".join(lines)
