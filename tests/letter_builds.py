"""Offer letters (tests/corpora/fresh/offer_letters.yaml) built as real files: PDF, DOCX, email.

Each letter's blocks are laid out as its ``layout`` says: a table drawn as a table, a
letterhead and a footer on every page, two columns side by side, page breaks; a scan is the
letter drawn into an image (a PDF with no text layer), an encrypted one needs a password.
``letter_text`` is the same letter as a person would paste it.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import yaml

LETTERS_FILE = Path(__file__).parent / "corpora" / "fresh" / "offer_letters.yaml"


def load_letters() -> list[dict[str, Any]]:
    return list(yaml.safe_load(LETTERS_FILE.read_text(encoding="utf-8"))["letters"])


def _font() -> str:
    """A Unicode TrueType font (€, £, —) that is there wherever the project installs:
    matplotlib, a runtime dependency, ships DejaVu Sans."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def _table_line(row: list[str]) -> str:
    return f"{row[0]}: {row[1]}"


def letter_text(letter: dict[str, Any]) -> str:
    """The letter as pasted: letterhead, paragraphs, a table as "label: value" lines,
    columns one after the other, the footer once."""
    parts = ["\n".join(letter.get("header") or [])]
    for block in letter["blocks"]:
        if isinstance(block, str):
            parts.append(block)
        elif "table" in block:
            parts.append("\n".join(_table_line(row) for row in block["table"]))
        elif "columns" in block:
            parts.extend(block["columns"])
    if letter.get("footer"):
        parts.append(letter["footer"])
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def letter_markdown(letter: dict[str, Any]) -> str:
    """The letter as a .md file: the letterhead in bold, a table as a Markdown table."""
    parts = [f"**{line}**" for line in letter.get("header") or []]
    for block in letter["blocks"]:
        if isinstance(block, str):
            parts.append(block)
        elif "table" in block:
            rows = ["| Item | Detail |", "|---|---|"]
            rows += [f"| {a} | {b} |" for a, b in block["table"]]
            parts.append("\n".join(rows))
        elif "columns" in block:
            parts.extend(block["columns"])
    if letter.get("footer"):
        parts.append(f"*{letter['footer']}*")
    return "\n\n".join(parts) + "\n"


# ---- PDF ------------------------------------------------------------------------------


def build_pdf(letter: dict[str, Any], path: Path, *, password: str | None = None) -> Path:
    """The letter as a PDF with a text layer, as a word processor exports it.

    ``password``: needed to open it (user password); "" locks it only against editing."""
    from fpdf import FPDF

    header_lines = letter.get("header") or []
    footer = letter.get("footer") or ""

    class Letter(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=9)
            for line in header_lines:
                self.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT", align="R")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            pages = f"Page {self.page_no()} of {{nb}}"
            self.cell(0, 5, f"{footer}    {pages}".strip(), align="C")

    pdf = Letter(format="Letter")
    pdf.add_font("DejaVu", fname=_font())
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=22)
    if password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=password)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10.5)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for block in letter["blocks"]:
        if isinstance(block, str):
            pdf.multi_cell(0, 5.2, block, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif "table" in block:
            with pdf.table(col_widths=(45, 75), first_row_as_headings=False) as table:
                for label, value in block["table"]:
                    row = table.row()
                    row.cell(label)
                    row.cell(value)
            pdf.ln(4)
        elif "columns" in block:
            left, right = block["columns"]
            top, gap = pdf.get_y(), 8
            column = (width - gap) / 2
            pdf.multi_cell(column, 5.2, left, new_x="LMARGIN", new_y="NEXT")
            left_end = pdf.get_y()
            pdf.set_xy(pdf.l_margin + column + gap, top)
            pdf.multi_cell(column, 5.2, right, new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(max(left_end, pdf.get_y()))
            pdf.ln(3)
        elif block.get("page_break"):
            pdf.add_page()
    pdf.output(str(path))
    return path


def build_scan(letter: dict[str, Any], path: Path) -> Path:
    """The letter as a scanner makes it: each page one image, no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_font(), 22)
    image = Image.new("L", (1275, 1650), color=250)  # a Letter page at 150 dpi
    draw = ImageDraw.Draw(image)
    y = 90
    for paragraph in letter_text(letter).split("\n"):
        words, line = paragraph.split(), ""
        for word in words:
            if draw.textlength(f"{line} {word}", font=font) > 1050:
                draw.text((110, y), line, fill=20, font=font)
                y, line = y + 30, word
            else:
                line = f"{line} {word}".strip()
        draw.text((110, y), line, fill=20, font=font)
        y += 30
    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path


# ---- Word -----------------------------------------------------------------------------


def _columns(section: Any, count: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    cols = sect.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sect.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "720")


def build_docx(letter: dict[str, Any], path: Path) -> Path:
    """The letter as Word saves it: letterhead and footer in the section's header and
    footer, a real table, a two-column section, page breaks."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.text = "\n".join(letter.get("header") or [])
    if letter.get("footer"):
        section.footer.paragraphs[0].text = letter["footer"]
    for block in letter["blocks"]:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif "table" in block:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in block["table"]:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        elif "columns" in block:
            left, right = block["columns"]
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 2)
            document.add_paragraph(left).add_run().add_break(WD_BREAK.COLUMN)
            document.add_paragraph(right)
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 1)
        elif block.get("page_break"):
            document.add_page_break()
    document.save(str(path))
    return path


# ---- email ----------------------------------------------------------------------------


def letter_html(letter: dict[str, Any]) -> str:
    parts = [f"<div><b>{html.escape(line)}</b></div>" for line in letter.get("header") or []]
    for block in letter["blocks"]:
        if isinstance(block, str):
            parts.append("<p>" + html.escape(block).replace("\n", "<br>") + "</p>")
        elif "table" in block:
            rows = "".join(
                f"<tr><td><b>{html.escape(a)}</b></td><td>{html.escape(b)}</td></tr>"
                for a, b in block["table"]
            )
            parts.append(f"<table border='1'>{rows}</table>")
        elif "columns" in block:
            cells = "".join(f"<td valign='top'>{html.escape(c)}</td>" for c in block["columns"])
            parts.append(f"<table><tr>{cells}</tr></table>")
    if letter.get("footer"):
        parts.append(f"<p style='font-size:small'>{html.escape(letter['footer'])}</p>")
    return "<html><head><style>p{margin:0}</style></head><body>" + "".join(parts) + "</body></html>"


def build_eml(letter: dict[str, Any], path: Path, *, as_html: bool) -> Path:
    """The letter as an email saved from a mail client: HTML only, or plain text only."""
    message = EmailMessage()
    message["From"] = "Recruiting <recruiting@example.com>"
    message["To"] = "candidate@example.com"
    message["Subject"] = "Your offer"
    message["Date"] = "Mon, 16 Nov 2026 09:30:00 -0500"
    if as_html:
        message.set_content(letter_html(letter), subtype="html")
    else:
        message.set_content(letter_text(letter))
    path.write_bytes(bytes(message))
    return path
