"""Offer letters as files: a PDF's text layer, a Word document, an email, a text file.

``read_letter(path)`` gives the letter's text with where each line was (``LetterText``);
the text then goes through the one reading of an offer, like pasted text. Everything is
read here, on this machine: nothing is sent anywhere. A file that can't be read gives one
sentence naming the file and what to do instead (``InputError``), never a traceback: a
scan with no text layer, a password, a file too big, a file that is not what its name
says, a format not read, an empty file.

pypdf and python-docx are imported only when such a file is read: the command line
starts without them.
"""

from __future__ import annotations

import email
import email.policy
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from coach.errors import InputError
from coach.offers.letter_text import LetterText
from coach.offers.pdf_lines import page_lines, page_paragraphs

# An offer letter, even with a logo and a scanned signature, is well under this; a bigger
# file is refused before it is opened, so reading stays quick and memory stays small.
MAX_LETTER_BYTES = 10 * 1024 * 1024
MAX_LETTER_MB = MAX_LETTER_BYTES // (1024 * 1024)
MAX_PDF_PAGES = 30  # a letter with its benefits summary; a longer PDF is not a letter
# A .docx is a zip: what it unpacks to is bounded too (a small zip can unpack to gigabytes).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

LETTER_SUFFIXES = (".pdf", ".docx", ".eml", ".msg", ".txt", ".md")
_SHOWN_SUFFIXES = ".pdf, .docx, .eml, .msg saved as text, .txt or .md"

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook's own .msg, and old .doc files


def read_letter(path: str | Path, name: str | None = None) -> LetterText:
    """The text of the offer letter at ``path`` and where each line of it was.

    ``name`` is the file's name as the person knows it (an upload's temp file has another).
    Raises InputError with one sentence when the file can't be read as a letter.
    """
    path = Path(path)
    shown = name or path.name
    suffix = Path(shown).suffix.lower() or path.suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        raise InputError(
            f"{shown}: I can read offer letters as {_SHOWN_SUFFIXES}, not {kind}; "
            "paste its text instead."
        )
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"There is no offer letter at {shown}.")
        if size > MAX_LETTER_BYTES:
            raise InputError(
                f"{shown} is {size / (1024 * 1024):.1f} MB, more than the {MAX_LETTER_MB} MB "
                "an offer letter needs; paste its text instead."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"There is no offer letter at {shown}.") from None
    except OSError as err:
        raise InputError(f"{shown} can't be opened ({err.strerror or 'unreadable'}).") from None
    if not data.strip():
        raise InputError(f"{shown} is empty; choose the letter itself, or paste its text.")
    return _READERS[suffix](data, shown)


# ---- PDF ------------------------------------------------------------------------------


def _pdf(data: bytes, name: str) -> LetterText:
    if _PDF_MAGIC not in data[:1024]:  # the header may follow a little junk, never more
        raise InputError(_not_what_it_says(name, "a PDF", data))
    import pypdf

    # pypdf warns (through logging) about a file's small flaws as it reads on: not the
    # person's business, and on a terminal they would print over the answer.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise InputError(
                    f"{name} is protected by a password: save a copy without it, or paste "
                    "its text instead."
                )
            count = len(reader.pages)
            if count > MAX_PDF_PAGES:
                raise InputError(
                    f"{name} has {count} pages, more than an offer letter ({MAX_PDF_PAGES} "
                    "at most); upload just the letter, or paste its text."
                )
            pages = [page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except Exception as err:
        # A damaged file makes pypdf raise its own errors and plain Python ones (zlib,
        # struct, recursion, arithmetic on a broken matrix): all one sentence to the person.
        raise InputError(
            f"{name} is a damaged PDF that can't be read ({type(err).__name__}); "
            "paste its text instead."
        ) from None
    lines: list[list[tuple[str, str]]] = []
    for number, page in enumerate(pages, start=1):
        lines += page_paragraphs(page, number)
        lines.append([("", "")])  # pages apart, as paragraphs are
    if not any(re.search(r"\w", piece) for line in lines for piece, _ in line):
        raise InputError(
            f"{name} is a scanned image, with no text in it I can read: paste its text instead."
        )
    return LetterText.from_pieces(name, "PDF", lines, pages=len(pages))


def _opens_without_password(reader: object) -> bool:
    """A PDF locked only against editing or printing opens with the empty password."""
    from pypdf import PasswordType

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED  # type: ignore[attr-defined]
    except (NotImplementedError, ValueError):  # an encryption pypdf can't undo here
        return False


# ---- Word -----------------------------------------------------------------------------


def _docx(data: bytes, name: str) -> LetterText:
    if not data.startswith(_ZIP_MAGIC):
        raise InputError(_not_what_it_says(name, "a Word document (.docx)", data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(
            f"{name} is a damaged Word document that can't be opened; paste its text instead."
        ) from None
    if "word/document.xml" not in names:
        raise InputError(
            f"{name} is a zip archive, not a Word document (.docx); upload the letter itself."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{name} unpacks to {unpacked / (1024 * 1024):.0f} MB, far more than an offer "
            "letter; paste its text instead."
        )
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[tuple[str, str]] = []
        section = document.sections[0] if document.sections else None
        if section is not None:
            # The letterhead and the footer stand apart from the body, as on the page.
            lines += [(p.text, "the header") for p in section.header.paragraphs]
            lines.append(("", ""))
        paragraph = table_number = 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                table_number += 1
                lines += _table_lines(block, f"table {table_number}")
            elif block.text.strip():
                paragraph += 1
                lines.append((block.text, f"paragraph {paragraph}"))
            lines.append(("", ""))  # a paragraph ends its line: "Label: value" stays alone
        if section is not None:
            lines += [("", ""), *((p.text, "the footer") for p in section.footer.paragraphs)]
    except Exception as err:  # python-docx and lxml raise many kinds on a damaged part
        raise InputError(
            f"{name} is a damaged Word document that can't be read ({type(err).__name__}); "
            "paste its text instead."
        ) from None
    if not any(line.strip() for line, _ in lines):
        raise InputError(f"{name} has no text in it; paste the offer's text instead.")
    return LetterText.from_lines(name, "Word document", lines)


def _table_lines(table: object, where: str) -> list[tuple[str, str]]:
    """Each row as "cell<TAB>cell", the way a table pasted from Word arrives."""
    out = []
    for number, row in enumerate(table.rows, start=1):  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell repeats itself
                cells.append(text)
        if cells:
            out.append(("\t".join(cells), f"{where}, row {number}"))
    return out


# ---- email ----------------------------------------------------------------------------


def _eml(data: bytes, name: str) -> LetterText:
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name} is in Outlook's own format: save the email as text (.txt or .eml) "
            "and upload that, or paste its text."
        )
    _refuse_binary(data, name, "an email")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not _has_headers(message):
        return _text(data, name)  # an email's text saved without its headers
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise InputError(
            f"{name} has no text in it (only attachments?); open the email and paste "
            "the offer's text instead."
        )
    try:
        content = body.get_content()
    except (LookupError, ValueError, UnicodeError):  # an unknown charset, a bad encoding
        raise InputError(
            f"{name} is written in an encoding I can't read; paste its text."
        ) from None
    if body.get_content_subtype() == "html":
        content = html_text(content)
    lines = []
    subject = str(message.get("subject") or "").strip()
    if subject:
        lines.append((subject, "the subject line"))
        lines.append(("", ""))
    lines += [(line, f"line {n} of the message") for n, line in _numbered(content)]
    if not any(line.strip() for line, _ in lines):
        raise InputError(f"{name} has no text in it; paste the offer's text instead.")
    return LetterText.from_lines(name, "email", lines)


def _has_headers(message: EmailMessage) -> bool:
    keys = {key.lower() for key in message}
    return bool(keys & {"from", "to", "subject", "date", "content-type", "message-id"})


class _HTMLText(HTMLParser):
    """An email's HTML as the lines a reader sees: blocks and rows on their own lines."""

    # Blocks stand apart by a blank line; a row, an item or a <br> starts a new line.
    _BLOCKS = frozenset(
        ("p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section")
    )
    _LINES = frozenset(("br", "tr", "li", "div"))
    _CELLS = frozenset(("td", "th"))
    _HIDDEN = frozenset(("script", "style", "head", "title"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")
        elif tag in self._LINES:
            self.parts.append("\n")
        elif tag in self._CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))  # "<b>Base</b> salary" keeps its space


def html_text(html: str) -> str:
    """HTML as plain lines: one a block, cells apart by a tab, no blank runs."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = []
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", "".join(parser.parts))
    for raw in text.split("\n"):
        cells = (" ".join(cell.split()) for cell in raw.split("\t"))
        lines.append("\t".join(cell for cell in cells if cell))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


# ---- plain text -----------------------------------------------------------------------


def _text(data: bytes, name: str) -> LetterText:
    _refuse_binary(data, name, "a text file")
    text = _decoded(data, name)
    return LetterText.from_lines(name, "text", [(line, f"line {n}") for n, line in _numbered(text)])


def _markdown(data: bytes, name: str) -> LetterText:
    """Markdown as its reader sees it: a table's cells apart by a tab (its |---| rule
    dropped), no emphasis marks or heading hashes."""
    _refuse_binary(data, name, "a Markdown file")
    lines = []
    for number, line in _numbered(_decoded(data, name)):
        if _MD_RULE.match(line):
            continue
        if _MD_ROW.match(line):
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        line = _MD_HEADING.sub("", _MD_EMPHASIS.sub(r"\2", line))
        lines.append((line, f"line {number}"))
    return LetterText.from_lines(name, "text", lines)


_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1))


def _decoded(data: bytes, name: str) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:  # Windows' own encoding, as Notepad once saved: every byte but five decodes
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{name} is not text I can read; paste its text instead.") from None


def _refuse_binary(data: bytes, name: str, what: str) -> None:
    """A PDF, Word file or image renamed .txt is said to be what it is."""
    head = data[:1024]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 text has NULs and is text
        return
    if _PDF_MAGIC in head or head.startswith(_ZIP_MAGIC) or b"\x00" in head:
        raise InputError(_not_what_it_says(name, what, data))


def _not_what_it_says(name: str, what: str, data: bytes) -> str:
    """One sentence: the file's name says one thing, its first bytes another."""
    head = data[:1024]
    if _PDF_MAGIC in head:
        actual = "a PDF"
    elif head.startswith(_ZIP_MAGIC):
        actual = "a zip archive (a .docx?)"
    elif head.startswith(_OLE_MAGIC):
        actual = "an Office file in the old format (.doc or Outlook .msg)"
    elif head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        actual = "an image"
    elif b"\x00" in head:
        actual = "a binary file"
    else:
        actual = "plain text"
    return (
        f"{name} is named as {what} but its content is {actual}; "
        "save it in the format its name says, or paste its text instead."
    )


_READERS: dict[str, Callable[[bytes, str], LetterText]] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".eml": _eml,
    ".msg": _eml,  # saved as text: an email with its headers, or just its text
    ".txt": _text,
    ".md": _markdown,
}
