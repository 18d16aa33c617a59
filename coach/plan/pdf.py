"""The plan as a PDF that prints on one page, A4 or Letter, without scaling.

Fit by design: the page's text box is what both papers print (A4's width, Letter's
height, 10 mm margins), set in two columns. The body is tried at 8.5 pt down to 7 pt (the
smallest that reads well on paper); if even 7 pt overflows, the least important sections
are shortened one at a time (``coach.plan.markdown``: arithmetic, sources, the last
levers), then left out, and the page says which, under its title. Nothing overflows
silently: a plan that cannot fit even so raises.

Pure Python (fpdf2) with DejaVu Sans, the font matplotlib ships (a runtime dependency):
it has every character the plan uses (—, ×, –, ☐, £, €), and nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import CoachError, InputError
from coach.plan.markdown import Section, plan_markdown, sections, shortened_note
from coach.plan.model import Plan

# Millimetres. A4 is 210 × 297, Letter 215.9 × 279.4: a box 190 wide and 259 high, from
# the top-left 10 mm margins, prints whole on either.
PAGE_WIDTH, PRINTABLE_HEIGHT, MARGIN = 210.0, 279.4, 10.0
BOX_WIDTH = PAGE_WIDTH - 2 * MARGIN
BOX_BOTTOM = PRINTABLE_HEIGHT - MARGIN
GUTTER = 6.0
COLUMN_WIDTH = (BOX_WIDTH - GUTTER) / 2
INDENT = 3.2  # a bullet's text, after its marker
BODY_SIZES = (8.5, 8.0, 7.5, 7.0)  # points; 7 is the floor (legible on paper)
MIN_BODY_SIZE = BODY_SIZES[-1]
LEADING = 1.22  # line height as a multiple of the font size
PT = 0.3528  # millimetres per point
FONT = "DejaVu"
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
}
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One unit the page lays out whole: a heading, a paragraph, a bullet, a quote."""

    kind: str  # title, heading, para, bullet, check, number, quote, note
    text: str
    marker: str = ""
    section: str = ""


class PlanTooLong(CoachError):
    """The plan does not fit one page even with every section shortened or left out."""


def blocks_of(section: Section) -> list[Block]:
    """A section's Markdown as blocks: its heading, then one block a paragraph or item."""
    found: list[Block] = []
    for raw in re.split(r"\n\s*\n|\n(?=- |\d+\. |> )", section.text.strip()):
        text = " ".join(line.strip() for line in raw.strip().splitlines())
        if not text:
            continue
        if text.startswith("# "):
            found.append(Block("title", text[2:], section=section.key))
        elif text.startswith("## "):
            found.append(Block("heading", text[3:], section=section.key))
        elif text.startswith("- [ ] "):
            found.append(Block("check", text[6:], "☐", section.key))
        elif text.startswith("- "):
            found.append(Block("bullet", text[2:], "•", section.key))
        elif text.startswith("> "):
            quote = text[2:].replace(" > ", " ").replace("**", "")  # said as written: no bold
            found.append(Block("quote", quote, section=section.key))
        elif (m := _NUMBERED.match(text)) is not None:
            found.append(Block("number", m.group(2), f"{m.group(1)}.", section.key))
        elif text.startswith("*") and text.endswith("*") and not text.startswith("**"):
            found.append(Block("note", text.strip("*").replace("**", ""), section=section.key))
        else:
            found.append(Block("para", text, section=section.key))
    return found


@functools.cache
def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


Run = tuple[str, str, float]  # style, text, width in mm
Word = list[Run]  # a word's runs of one weight each ("**$250,000**," is bold then plain)
Line = list[Word]


class _Page:
    """One FPDF document: wraps blocks into lines at a size, and draws those lines.

    The wrapping is ours (greedy, at spaces, each word measured once in its weight:
    **bold** runs in bold), and the lines drawn are exactly the lines measured, so a
    layout that fits by measure fits on paper. fpdf2's own multi_cell measured every
    character on every call and took most of the build.
    """

    def __init__(self) -> None:
        from fpdf import FPDF

        pdf = FPDF(format="A4", unit="mm")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        for style, name in _FONT_FILES.items():
            pdf.add_font(FONT, style, str(_font_dir() / name))
        pdf.set_title("My negotiation plan")
        pdf.set_creator("coach")
        pdf.add_page()  # measuring needs a page; drawing goes on the same one
        self.pdf = pdf
        self._lines_cache: dict[tuple[Any, ...], list[Line]] = {}
        self._widths: dict[tuple[str, str, float], float] = {}

    def _style(self, block: Block, size: float) -> tuple[str, float]:
        if block.kind == "title":
            return "B", size + 4
        if block.kind == "heading":
            return "B", size + 1
        if block.kind == "note":
            return "", max(MIN_BODY_SIZE, size - 0.5)
        # No italic face: each font loaded costs about a third of the build (fpdf2 parses
        # the whole TrueType file); a quote is set off by its indent and its rule instead.
        return "", size

    def _indent(self, block: Block) -> float:
        return INDENT if block.marker else (2.0 if block.kind == "quote" else 0.0)

    def _before(self, block: Block, size: float) -> float:
        """Space above a block: more above a heading than between items."""
        return size * PT * (0.9 if block.kind == "heading" else 0.25)

    def height(self, block: Block, size: float, width: float) -> float:
        """The block's height at ``size`` in a column ``width`` wide."""
        _, points = self._style(block, size)
        lines = self.lines(block, size, width)
        return self._before(block, size) + len(lines) * points * PT * LEADING

    def lines(self, block: Block, size: float, width: float) -> list[Line]:
        """The block's text wrapped to the column (cached: the same block is measured
        again as the fit tries sizes and shortens other sections)."""
        key = (block.kind, block.text, bool(block.marker), size, width)
        if key not in self._lines_cache:
            style, points = self._style(block, size)
            self._lines_cache[key] = self._wrap(
                block.text, style, points, width - self._indent(block)
            )
        return self._lines_cache[key]

    def _wrap(self, text: str, style: str, points: float, width: float) -> list[Line]:
        lines: list[Line] = [[]]
        used = 0.0
        space = self._width(" ", style, points)
        for word in self._words(text, style, points):
            for piece in self._pieces(word, points, width):
                w = sum(run[2] for run in piece)
                gap = space if lines[-1] else 0.0
                if lines[-1] and used + gap + w > width:
                    lines.append([])
                    used, gap = 0.0, 0.0
                lines[-1].append(piece)
                used += gap + w
        return lines

    def _words(self, text: str, style: str, points: float) -> list[Word]:
        """The text's words, each as its runs of one weight: "**$250,000**," is one word,
        bold then plain, with no space between them."""
        bold = "B" + style.replace("B", "")
        words, inside = [], False
        for raw in text.replace("`", "").split():
            runs = []
            for i, part in enumerate(raw.split("**")):
                if i:
                    inside = not inside
                if part:
                    run_style = bold if inside else style
                    runs.append((run_style, part, self._width(part, run_style, points)))
            if runs:
                words.append(runs)
        return words

    def _pieces(self, word: Word, points: float, width: float) -> list[Word]:
        """A word longer than the line, cut where it must be (a long source name)."""
        if sum(run[2] for run in word) <= width:
            return [word]
        pieces, current = [], ""
        style = word[0][0]
        for char in "".join(run[1] for run in word):
            if current and self._width(current + char, style, points) > width:
                pieces.append([(style, current, self._width(current, style, points))])
                current = ""
            current += char
        if current:
            pieces.append([(style, current, self._width(current, style, points))])
        return pieces

    def _width(self, word: str, style: str, points: float) -> float:
        key = (word, style, points)
        if key not in self._widths:
            self.pdf.set_font(FONT, style, points)
            self._widths[key] = self.pdf.get_string_width(word)
        return self._widths[key]

    def draw(self, block: Block, size: float, x: float, y: float, width: float) -> float:
        """Draw the block's lines; where its last line ends."""
        style, points = self._style(block, size)
        pdf = self.pdf
        y += self._before(block, size)
        line_height = points * PT * LEADING
        # A line's baseline: its box's middle, lowered by about a third of the font size.
        baseline = line_height / 2 + points * PT * 0.35
        lines = self.lines(block, size, width)
        grey = {"note": (90, 90, 90), "quote": (40, 40, 40)}
        pdf.set_text_color(*grey.get(block.kind, (0, 0, 0)))
        if block.marker:
            pdf.set_font(FONT, "", points)
            pdf.text(x, y + baseline, block.marker)
        if block.kind == "quote":
            pdf.set_draw_color(150, 150, 150)
            pdf.line(x + 0.5, y + 0.4, x + 0.5, y + len(lines) * line_height - 0.4)
        space = self._width(" ", style, points)
        left = x + self._indent(block)
        for row, line in enumerate(lines):
            at = left
            for word in line:
                for run_style, text, w in word:
                    pdf.set_font(FONT, run_style, points)
                    pdf.text(at, y + row * line_height + baseline, text)
                    at += w
                at += space
        end = y + len(lines) * line_height
        if block.kind == "heading":
            pdf.set_draw_color(180, 180, 180)
            pdf.line(x, end + 0.2, x + width, end + 0.2)
        return end


Placement = list[tuple[Block, float, float, float]]  # block, x, y, width


def _layout(page: _Page, head: list[Block], body: list[Block], size: float) -> Placement | None:
    """Where each block goes at ``size``: the head across the page, the body in two
    columns (a heading kept with the block after it); None when it does not fit.

    The columns are balanced (the first breaks near half the body's height), so a short
    plan doesn't leave one column empty; when the balanced break leaves the second
    column too long, the first is filled to the foot instead."""
    placed: Placement = []
    y = MARGIN
    for block in head:
        placed.append((block, MARGIN, y, BOX_WIDTH))
        y += page.height(block, size, BOX_WIDTH)
    top = y + 1.0
    heights = [page.height(b, size, COLUMN_WIDTH) for b in body]
    half = top + sum(heights) / 2
    for limit in (half, BOX_BOTTOM):
        columns = _columns(body, heights, top, limit)
        if columns is not None:
            return placed + columns
    return None


def _columns(body: list[Block], heights: list[float], top: float, limit: float) -> Placement | None:
    """The body in two columns, the first broken where a block would pass ``limit``
    (its middle, for the balanced break; its foot, at the page's foot)."""
    placed: Placement = []
    column, y = 0, top
    balanced = limit < BOX_BOTTOM
    for i, block in enumerate(body):
        need = heights[i]
        if block.kind == "heading" and i + 1 < len(body):
            need += heights[i + 1]  # never a heading alone at a column's foot
        past = y + (need / 2 if balanced else need) > limit
        if column == 0 and (past or y + need > BOX_BOTTOM) and y > top:
            column, y = 1, top
        if y + need > BOX_BOTTOM:
            return None
        placed.append((block, MARGIN + column * (COLUMN_WIDTH + GUTTER), y, COLUMN_WIDTH))
        y += heights[i]
    return placed


def _steps(
    all_sections: list[Section], can_shorten: set[str]
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(shortened, left out) in the order tried: nothing; then each section that has a
    shorter form shortened, least important first; then the least important left out."""
    order = sorted((s for s in all_sections if s.priority > 0), key=lambda s: -s.priority)
    steps = [(frozenset[str](), frozenset[str]())]
    short: set[str] = set()
    for section in order:
        if section.key in can_shorten:
            short.add(section.key)
            steps.append((frozenset(short), frozenset()))
    dropped: set[str] = set()
    for section in order:
        if section.priority < 3:  # the figures and the script are never left out
            break
        dropped.add(section.key)
        steps.append((frozenset(short), frozenset(dropped)))
    return steps


def _candidates(plan: Plan, page: _Page) -> Iterator[tuple[Placement, float]]:
    """Layouts that fit by measure, best first: the whole plan at the largest size that
    fits, else shortened (and said so under the title), step by step."""
    full = sections(plan)
    titles = {s.key: s.title for s in full}
    shortest = sections(plan, frozenset(titles))
    can_shorten = {a.key for a, b in zip(full, shortest, strict=True) if a.text != b.text}
    for shortened, dropped in _steps(full, can_shorten):
        kept = [s for s in sections(plan, shortened) if s.key not in dropped]
        blocks = [b for s in kept for b in blocks_of(s)]
        head_count = next((i for i, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
        head, body = blocks[:head_count], blocks[head_count:]
        if shortened or dropped:
            what = [titles[k] for k in titles if k in shortened and k not in dropped]
            what += [f"left out: {titles[k]}" for k in titles if k in dropped]
            head.append(Block("note", shortened_note(what).strip("*")))
        for size in BODY_SIZES:  # the largest size that fits
            placed = _layout(page, head, body, size)
            if placed is not None:
                yield placed, size
                break


def plan_pdf(plan: Plan) -> bytes:
    """The plan on one page, as PDF bytes.

    Each layout is drawn and checked: a block whose lines ran past what was measured
    would send the plan to the next, shorter layout on a fresh page, never off the page
    or over the next block (the lines drawn are the lines measured: a safeguard).
    """
    measure = _Page()
    page = measure
    for placed, size in _candidates(plan, measure):
        ends = [
            (page.draw(block, size, x, y, width), y + measure.height(block, size, width))
            for block, x, y, width in placed
        ]
        if all(end <= room + 0.05 for end, room in ends):
            return bytes(page.pdf.output())
        page = _Page()
    raise PlanTooLong("The plan does not fit on one page even shortened; use --out plan.md.")


def write_plan(plan: Plan, path: Path) -> Path:
    """Write the plan to ``path``: .md as Markdown, .pdf as the one-page PDF."""
    suffix = path.suffix.lower()
    if suffix not in (".md", ".pdf"):
        raise InputError(f"--out: name a .md or .pdf file, not '{path.name}'.")
    data = plan_markdown(plan).encode("utf-8") if suffix == ".md" else plan_pdf(plan)
    try:
        path.write_bytes(data)
    except OSError as err:
        raise InputError(f"--out: the plan can't be saved to {path}: {err.strerror}.") from None
    return path
