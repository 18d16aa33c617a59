"""The report's charts as inline SVG strings (matplotlib, no files, no CDN).

Text stays text in the SVG (``svg.fonttype: none``), so the charts are small and
sharp, and the HTML report opens offline with nothing to fetch.
"""

from __future__ import annotations

import io
from typing import Any

GREEN, RED, GREY, BLUE = "#2e7d32", "#c62828", "#9e9e9e", "#1565c0"


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # A fixed hash salt and no date: the same report renders to the same bytes.
    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "coach-eval",
            "font.size": 9,
            "font.family": "sans-serif",
        }
    )
    return plt.subplots(figsize=(width, height))


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.tight_layout()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog: the SVG sits inside HTML


def pass_rate_bars(rows: list[tuple[str, float, float, float]], title: str) -> str:
    """Horizontal bars: (label, rate, low, high), with the Wilson interval as error bars."""
    rows = rows[::-1]
    fig, ax = _figure(6.4, 0.32 * len(rows) + 0.9)
    rates = [r[1] for r in rows]
    errors = [[r[1] - r[2] for r in rows], [r[3] - r[1] for r in rows]]
    colours = [GREEN if r >= 0.999 else (BLUE if r >= 0.8 else RED) for r in rates]
    ax.barh([r[0] for r in rows], rates, xerr=errors, color=colours, ecolor="#333", capsize=2)
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("pass rate (95% Wilson interval)")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def recall_curve(curves: dict[str, list[float]]) -> str:
    """Mean recall@k for k = 1..n, one line per split."""
    fig, ax = _figure(4.2, 2.8)
    for (label, values), colour in zip(curves.items(), (BLUE, RED, GREY), strict=False):
        ks = list(range(1, len(values) + 1))
        ax.plot(ks, values, marker="o", color=colour, label=label)
        ax.set_xticks(ks)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("k (sections)")
    ax.set_ylabel("mean recall@k")
    ax.set_title("Retrieval: recall@k")
    if len(curves) > 1:
        ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def gains(rows: list[tuple[str, float]]) -> str:
    """First-year gain per role-play script."""
    rows = rows[::-1]
    fig, ax = _figure(6.4, 0.26 * len(rows) + 0.9)
    values = [r[1] for r in rows]
    colours = [GREEN if v >= 10 else (BLUE if v > 0 else GREY) for v in values]
    ax.barh([r[0] for r in rows], values, color=colours)
    ax.axvspan(10, 20, color=GREEN, alpha=0.08, label="10–20%: a good counter")
    ax.set_xlabel("first-year gain over the first offer (%)")
    ax.set_title("Role-play: what each strategy gained")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def grader_quality(rows: list[tuple[str, float | None, float | None]]) -> str:
    """Precision and recall of each grader at catching answers labelled bad."""
    fig, ax = _figure(4.6, 2.8)
    xs = range(len(rows))
    width = 0.38
    precision = [r[1] or 0.0 for r in rows]
    recall = [r[2] or 0.0 for r in rows]
    ax.bar([x - width / 2 for x in xs], precision, width, label="precision", color=BLUE)
    ax.bar([x + width / 2 for x in xs], recall, width, label="recall", color=GREEN)
    ax.set_xticks(list(xs), [r[0] for r in rows])
    ax.set_ylim(0, 1.05)
    ax.set_title("Graders on the gold set")
    ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
