"""A PDF page's text as a person reads it: its lines, and its paragraphs joined again.

pypdf gives each line of a page with where it starts (x, y) and its font size. A paragraph
wrapped over several lines of the page is one line of text again (as when it is pasted),
so "base salary will be CAD" / "$138,000" is read as one phrase; a table's row keeps its
cells apart with a tab, as a table pasted from Word does; paragraphs, rows and columns
stay apart. Each piece keeps its place ("page 2, line 5") for "What I read".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

# Lines of one paragraph are at most this many font sizes apart (single to 1.5 spacing);
# a paragraph's gap, a table's row or a new column is more.
_LEADING = 1.75
# A line shorter than this was not wrapped: a greeting, a signature, a "Label: value".
_SHORT = 30
_GLYPH = 0.6  # a character's width in font sizes, roughly: to see a gap between cells


@dataclass
class PageLine:
    """One line of a page: its text pieces at their x, where it starts, its font size."""

    x: float
    y: float
    size: float
    chunks: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The pieces in order of x; a gap wider than a few characters is a tab (a cell)."""
        out = ""
        end = None
        for x, text in sorted(self.chunks, key=lambda c: c[0]):
            if end is not None and x > end + 2 * self.size:
                out = out.rstrip() + "\t" + text.lstrip()
            else:
                out += text
            end = x + len(text) * self.size * _GLYPH
        # Justified text comes out with its stretched gaps as runs of spaces, which would
        # read as a table's columns: one space, as the words were written.
        return "\t".join(" ".join(cell.split()) for cell in out.split("\t")).strip()


def page_lines(page: Any) -> list[PageLine]:
    """The page's lines in the order the PDF draws them (a column after the other)."""
    lines: list[PageLine] = []
    current: PageLine | None = None

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        nonlocal current
        parts = text.split("\n")
        for number, part in enumerate(parts):
            if number:  # a line ends inside the piece
                current = None
            if not part.strip():
                continue
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]) or 1.0
            if current is None or abs(y - current.y) > 0.3 * current.size:
                current = PageLine(x, y, (size * scale) or 10.0)
                lines.append(current)
            current.chunks.append((x, part))

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text]


def _continues(previous: PageLine, line: PageLine) -> bool:
    """``line`` is the next line of ``previous``'s paragraph, wrapped there."""
    gap = previous.y - line.y
    return (
        len(previous.chunks) == 1
        and len(line.chunks) == 1
        and "\t" not in previous.text
        and len(previous.text) >= _SHORT
        and abs(previous.x - line.x) <= 0.5 * previous.size
        and abs(previous.size - line.size) <= 0.5
        and 0 < gap <= _LEADING * previous.size
    )


def _apart(previous: PageLine, line: PageLine) -> bool:
    """Space on the page between the two lines (a new paragraph or column), not counting a
    table's rows, which are read one under the other as its cells are."""
    gap = previous.y - line.y
    rows = len(previous.chunks) > 1 and len(line.chunks) > 1
    return not 0 < gap <= (3 if rows else _LEADING) * line.size


def page_paragraphs(lines: list[PageLine], page: int) -> list[list[tuple[str, str]]]:
    """The page's lines as text lines of (piece, place): a wrapped paragraph is one line;
    a blank line where the page leaves space (between paragraphs, rows, columns)."""
    out: list[list[tuple[str, str]]] = []
    previous: PageLine | None = None
    for number, line in enumerate(lines, start=1):
        piece = (line.text, f"page {page}, line {number}")
        if previous is not None and out and _continues(previous, line):
            out[-1].append(piece)
        else:
            if previous is not None and _apart(previous, line):
                out.append([("", "")])
            out.append([piece])
        previous = line
    return out
