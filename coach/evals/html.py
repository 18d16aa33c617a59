"""The self-contained HTML report: one file, inline CSS and SVG, opens offline.

Rendered from the same dict as the JSON report, so a ``--json`` file can be turned
into HTML later. Shows pass rates by suite and split (authored and fresh side by side)
and by tag with their Wilson intervals, the gates, the baseline comparison, the
graders' calibration, plots, and every failure with the answer (or transcript) and
the reason.
"""

from __future__ import annotations

from html import escape
from statistics import mean
from typing import Any

from coach.evals import plots
from coach.evals.graders.retrieval import recall_at_k

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#263238;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px} header .meta{opacity:.85;font-size:13px}
main{padding:12px 28px 40px;max-width:1250px}
h2{margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;background:#fff}
th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f4}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:#2e7d32;font-weight:600} .bad{color:#c62828;font-weight:600}
.warn{color:#ef6c00;font-weight:600}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:700;margin-left:8px}
.badge.ok{background:#e8f5e9} .badge.bad{background:#ffebee}
.plots{display:flex;flex-wrap:wrap;gap:16px}
.plots figure{margin:0;background:#fff;border:1px solid #e0e0e0;padding:6px}
.plots svg{max-width:100%;height:auto}
details{background:#fff;border:1px solid #e0e0e0;margin:6px 0;padding:6px 10px}
summary{cursor:pointer}
pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;font-size:12.5px;max-height:420px;
overflow:auto}
.tag{display:inline-block;background:#eceff1;border-radius:4px;padding:0 5px;margin-right:3px;
font-size:12px}
.reason{color:#c62828} .muted{color:#757575}
"""


def _pct(value: Any) -> str:
    return "n/a" if value is None else f"{100 * float(value):.1f}%"


def _num(value: Any) -> str:
    if value is None:
        return "n/a"
    value = float(value)
    return f"{value:.0f}" if value.is_integer() else f"{value:.3f}"


def _interval(pair: list[float]) -> str:
    return f"[{100 * pair[0]:.0f}–{100 * pair[1]:.0f}%]"


def _tags(tags: list[str]) -> str:
    return "".join(f'<span class="tag">{escape(t)}</span>' for t in tags)


def _table(head: list[str], rows: list[list[str]]) -> str:
    top = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{top}</tr>{body}</table>"


def _td(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>"


# ------------------------------------------------------------------ sections


def _header(report: dict[str, Any]) -> str:
    meta, cost = report["meta"], report["cost"]
    ok = report["exit_code"] == 0
    badge = f'<span class="badge {"ok" if ok else "bad"}">{"PASS" if ok else "FAIL"}</span>'
    usd = f"${cost['usd']:.4f}" + (
        "" if cost.get("usd_exact", True) else " (price unknown: ceiling)"
    )
    lines = [
        f"backend <b>{escape(meta['backend'])}</b> · model <b>{escape(meta['model'])}</b>",
        f"suites {escape(', '.join(meta['suites']))} · repeat {meta['repeat']}",
        f"started {escape(meta['started'])} · {meta['duration_s']} s",
        f"tokens {cost['prompt_tokens']:,} prompt + {cost['completion_tokens']:,} completion · "
        f"cost {usd} · cache hits {meta['cache']['hits']}",
        f"prompts {escape(meta['prompts'])}"
        + (f" · judge {escape(meta['judge'])}" if meta.get("judge") else ""),
    ]
    stopped = f'<p class="bad">{escape(report["stopped"])}</p>' if report.get("stopped") else ""
    return (
        f"<header><h1>coach eval {badge}</h1><div class='meta'>{'<br>'.join(lines)}</div></header>"
        + stopped
    )


def _gates(report: dict[str, Any]) -> str:
    rows = []
    for g in report["gates"]:
        sign = "≥" if g["bound"] == "min" else "≤"
        goal = g.get("goal")
        rows.append(
            [
                _td(escape(f"{g['suite']}.{g['metric']}")),
                _td(escape(g["split"])),
                _td(_num(g["value"]), "num"),
                _td(f"{sign} {g['threshold']:g}", "num"),
                _td("ok" if g["ok"] else "below", "ok" if g["ok"] else "bad"),
                _td("" if goal is None else f"{sign} {goal:g}", "num"),
            ]
        )
    head = ["gate", "split", "value", "needs", "", "goal (not gated)"]
    return "<h2>Thresholds</h2>" + _table(head, rows)


SUITE_METRICS = {
    "coach": (
        "trajectory_pass_rate",
        "facts_pass_rate",
        "advice_pass_rate",
        "numbers_pass_rate",
        "citation_pass_rate",
    ),
    "retrieval": ("hit_at_3", "recall_at_1", "recall_at_3", "recall_at_5", "mrr"),
    "roleplay": (
        "budget_breaches",
        "band_violations",
        "budget_leaks",
        "objection_coverage",
        "mistake_catch_rate",
        "mistake_false_alarms",
    ),
    "bias": (),
    "gold": ("min_precision", "min_recall"),
}


def _suite_splits(report: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(suite, split, its metrics, its row in the tag table) for every split that ran."""
    return [
        (name, split, metrics, report["tags"].get(name, {}).get("splits", {}).get(split, {}))
        for name, suite in report["suites"].items()
        for split, metrics in suite["metrics"].items()
    ]


def _suites(report: dict[str, Any]) -> str:
    rows = []
    for name, split, m, tag in _suite_splits(report):
        extra = ", ".join(f"{k} {_num(m.get(k))}" for k in SUITE_METRICS.get(name, ()))
        rows.append(
            [
                _td(f"<b>{escape(name)}</b>"),
                _td(escape(split)),
                _td(_num(m.get("cases")), "num"),
                _td(_pct(m.get("pass_rate")), "num"),
                _td(_interval(tag.get("wilson", [0, 1])), "num"),
                _td(_num(m.get("flaky_cases")), "num"),
                _td(escape(extra)),
            ]
        )
    notes = "".join(
        f"<p class='muted'>{escape(n)}</p>" for s in report["suites"].values() for n in s["notes"]
    )
    splits = (
        "<p class='muted'>authored: the cases written beside the code; fresh: paraphrases of "
        "them written blind, by someone who had not seen the code.</p>"
    )
    head = ["suite", "split", "cases", "pass rate", "95% CI", "flaky", "metrics"]
    return "<h2>Suites</h2>" + _table(head, rows) + splits + notes


def _split_rate(row: dict[str, Any], split: str) -> str:
    part = row.get("splits", {}).get(split)
    return f"{_pct(part['pass_rate'])} of {part['cases']}" if part else ""


def _tag_rows(report: dict[str, Any]) -> str:
    rows = [
        [
            _td(_tags([tag])),
            _td(str(row["cases"]), "num"),
            _td(f"{row['passes']}/{row['runs']}", "num"),
            _td(_pct(row["pass_rate"]), "num"),
            _td(_interval(row["wilson"]), "num"),
            _td(_split_rate(row, "authored"), "num"),
            _td(_split_rate(row, "fresh"), "num"),
        ]
        for tag, row in report["tags"].items()
        if tag not in report["suites"]
    ]
    head = ["tag", "cases", "runs passed", "pass rate", "95% CI", "authored", "fresh"]
    return "<h2>By tag</h2>" + _table(head, rows)


def _plots(report: dict[str, Any]) -> str:
    figures = []
    suite_rows = [
        (f"{name} · {split}", m.get("pass_rate") or 0.0, *tag.get("wilson", [0, 1]))
        for name, split, m, tag in _suite_splits(report)
    ]
    if suite_rows:
        figures.append(plots.pass_rate_bars(suite_rows, "Pass rate by suite and split"))
    tag_rows = sorted(
        (
            (t, r["pass_rate"] or 0.0, *r["wilson"])
            for t, r in report["tags"].items()
            if t not in report["suites"]
        ),
        key=lambda r: r[1],
    )[:24]
    if tag_rows:
        figures.append(plots.pass_rate_bars(tag_rows, "Pass rate by tag (lowest 24)"))
    curves = _recall_curves(report["suites"].get("retrieval"))
    if curves:
        figures.append(plots.recall_curve(curves))
    roleplay = report["suites"].get("roleplay")
    if roleplay and roleplay["cases"]:
        rows = [
            (c["id"], c["runs"][-1]["metrics"].get("gain_pct") or 0.0) for c in roleplay["cases"]
        ]
        figures.append(plots.gains(rows))
    gold = report["suites"].get("gold")
    if gold and gold["cases"]:
        m = gold["metrics"]
        items = ("facts", "advice", "numbers", "citation")
        figures.append(
            plots.grader_quality(
                [(i, m.get(f"{i}_precision"), m.get(f"{i}_recall")) for i in items]
            )
        )
    inner = "".join(f"<figure>{svg}</figure>" for svg in figures)
    return f"<h2>Plots</h2><div class='plots'>{inner}</div>"


def _recall_curves(retrieval: dict[str, Any] | None, depth: int = 10) -> dict[str, list[float]]:
    """Mean recall at k = 1..depth per split, from the ranked sections each run kept."""
    curves = {}
    for split in (retrieval or {}).get("metrics", {}):
        runs = [
            r
            for c in retrieval["cases"]  # type: ignore[index]
            if c["split"] == split
            for r in c["runs"]
            if "ranked" in r["output"]
        ]
        if runs:
            curves[split] = [
                mean(recall_at_k(r["output"]["ranked"], r["output"]["relevant"], k) for r in runs)
                for k in range(1, depth + 1)
            ]
    return curves


def _compare(report: dict[str, Any]) -> str:
    c = report.get("compare")
    if not c:
        return ""
    listed = "".join(f"<li class='bad'>{escape(k)}</li>" for k in c["regressed"]) or "<li>none</li>"
    better = "".join(f"<li class='ok'>{escape(k)}</li>" for k in c["improved"]) or "<li>none</li>"
    return (
        f"<h2>Against the baseline</h2><p>{escape(c['baseline'])}: {c['paired']} paired cases, "
        f"pass rate {_pct(c['baseline_pass_rate'])} → {_pct(c['current_pass_rate'])}, "
        f"McNemar exact p = {c['p_value']:.3g}.</p>"
        f"<p>Regressed ({len(c['regressed'])}):</p><ul>{listed}</ul>"
        f"<p>Improved ({len(c['improved'])}):</p><ul>{better}</ul>"
    )


def _calibration(report: dict[str, Any]) -> str:
    gold = report["suites"].get("gold")
    judge = report.get("judge")
    if not (gold and gold["cases"]) and not judge:
        return ""
    rows = []
    for item in ("facts", "advice", "numbers", "citation"):
        m = gold["metrics"] if gold else {}
        kappa = judge["kappa"].get(item) if judge else None
        counted = judge and item in judge["counted"]
        rows.append(
            [
                _td(item),
                _td(_num(m.get(f"{item}_precision")), "num"),
                _td(_num(m.get(f"{item}_recall")), "num"),
                _td(_num(kappa), "num"),
                _td(
                    ("counted" if counted else "not counted") if judge else "not run",
                    "ok" if counted else "muted",
                ),
            ]
        )
    head = ["rubric item", "grader precision", "grader recall", "judge κ", "judge scores"]
    misses = [c for c in (gold or {}).get("cases", []) if not c["passed"]]
    details = "".join(_case(c) for c in misses)
    if misses:
        details = (
            f"<p>Where a grader disagrees with the hand label ({len(misses)} answers): "
            "the reason says which way.</p>" + details
        )
    note = (
        f"<p class='muted'>Judge {escape(str(report['meta'].get('judge')))}: "
        f"κ on {judge['n']} gold answers; "
        f"scores count at κ ≥ {judge['min_kappa']}.</p>"
        if judge
        else "<p class='muted'>No LLM judge in this run (--judge).</p>"
    )
    return "<h2>Grader calibration (gold set)</h2>" + _table(head, rows) + note + details


def _case_body(case: dict[str, Any]) -> str:
    run = next((r for r in case["runs"] if not r["passed"]), case["runs"][-1])
    reasons = "".join(
        f"<li><b>{escape(f['name'])}</b>: <span class='reason'>{escape(f['reason'])}</span></li>"
        for f in case["failures"]
    )
    out = run["output"]
    parts = [f"<ul>{reasons}</ul>" if reasons else ""]
    if out.get("note"):
        parts.append(f"<p class='muted'>Label note: {escape(out['note'])}</p>")
    if "question" in out:
        history = "".join(f"<li>{escape(h)}</li>" for h in out.get("history", []))
        parts.append(f"<p><b>Asked:</b> {escape(out['question'])}</p>")
        if history:
            parts.append(f"<p class='muted'>Earlier turns:</p><ol>{history}</ol>")
        if out.get("tools"):
            parts.append(f"<p class='muted'>Tools: {escape('; '.join(out['tools']))}</p>")
        parts.append(f"<pre>{escape(out.get('answer', ''))}</pre>")
    if "transcript" in out:
        lines = "\n".join(f"{line['role']}: {line['text']}" for line in out["transcript"])
        parts.append(f"<pre>{escape(lines)}</pre>")
    if "ranked" in out:
        parts.append(
            f"<p>Query: {escape(out['query'])}<br>"
            f"Relevant: {escape('; '.join(out['relevant']))}</p>"
        )
        parts.append("<ol>" + "".join(f"<li>{escape(s)}</li>" for s in out["ranked"]) + "</ol>")
    if "variants" in out:
        for label, text in out["variants"].items():
            parts.append(f"<p><b>{escape(label)}</b></p><pre>{escape(text)}</pre>")
    return "".join(parts)


def _case(case: dict[str, Any]) -> str:
    state = "flaky" if case["flaky"] else "failed"
    if case["suite"] == "gold":
        state = "disagrees"
    cls = "warn" if case["flaky"] else "bad"
    original = case.get("fresh_of")
    of = f" <span class='muted'>(fresh, of {escape(original)})</span>" if original else ""
    head = (
        f"<span class='{cls}'>{state}</span> <b>{escape(case['suite'])}/{escape(case['id'])}</b>"
        f"{of} {case['passes']}/{case['n']} {_interval(case['wilson'])} {_tags(case['tags'])}"
    )
    return f"<details><summary>{head}</summary>{_case_body(case)}</details>"


def _failures(report: dict[str, Any]) -> str:
    # Gold-set disagreements are about the graders, not the coach: shown under calibration.
    cases = [c for s in report["suites"].values() if s["name"] != "gold" for c in s["cases"]]
    failing = [c for c in cases if not c["passed"]]
    flaky = [c for c in cases if c["flaky"] and c["passed"]]
    parts = [f"<h2>Failures ({len(failing)})</h2>"]
    if not failing:
        parts.append("<p class='ok'>No failing cases.</p>")
    for split in ("authored", "fresh"):
        these = [c for c in failing if c["split"] == split]
        if these:
            parts += [f"<h3>{split} ({len(these)})</h3>", *(_case(c) for c in these)]
    if flaky:
        parts += [f"<h2>Flaky ({len(flaky)})</h2>", *(_case(c) for c in flaky)]
    return "".join(parts)


def _all_cases(report: dict[str, Any]) -> str:
    rows = []
    for suite in report["suites"].values():
        for c in suite["cases"]:
            verdict = "pass" if c["passed"] else "fail"
            rows.append(
                [
                    _td(escape(f"{c['suite']}/{c['id']}")),
                    _td(escape(c["split"])),
                    _td(_tags(c["tags"])),
                    _td(f"{c['passes']}/{c['n']}", "num"),
                    _td(_interval(c["wilson"]), "num"),
                    _td(
                        verdict + (" (flaky)" if c["flaky"] else ""), "ok" if c["passed"] else "bad"
                    ),
                ]
            )
    table = _table(["case", "split", "tags", "passed", "95% CI", ""], rows)
    return f"<h2>All cases</h2><details><summary>{len(rows)} cases</summary>{table}</details>"


def render_html(report: dict[str, Any]) -> str:
    body = "".join(
        [
            _gates(report),
            _suites(report),
            _compare(report),
            _plots(report),
            _calibration(report),
            _failures(report),
            _tag_rows(report),
            _all_cases(report),
        ]
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>coach eval — {escape(report['meta']['backend'])}</title>"
        f"<style>{CSS}</style></head>"
        f"<body>{_header(report)}<main>{body}</main></body></html>"
    )
