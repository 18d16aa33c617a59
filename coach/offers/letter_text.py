"""An offer letter's text as read from its file, with where each line of it was on the page.

``LetterText`` is what every file format becomes (coach/offers/letter_files.py reads them):
the text the one reading of an offer reads (``coach.offers.parse.read_offer``), and a line
map from a position in that text to a place the person can find in their file ("page 2,
line 5", "line 7", "table 1, row 3"). The reading keeps, for each field, the words it was
read from; ``where`` finds those words in the text and names their place.
"""

from __future__ import annotations

import bisect
import re

from pydantic import BaseModel, ConfigDict


class LetterText(BaseModel):
    """A letter's text and, for each of its lines, the place it came from."""

    model_config = ConfigDict(frozen=True)

    name: str  # the file's name as the person gave it ("offer.pdf")
    kind: str  # "PDF", "Word document", "email", "text"
    text: str
    # Where each stretch of ``text`` came from, as (offset it starts at, place), in order;
    # "" for a stretch that is nobody's (a blank line put between pages or paragraphs).
    marks: list[tuple[int, str]]
    pages: int | None = None  # a PDF's page count

    @classmethod
    def from_lines(
        cls, name: str, kind: str, lines: list[tuple[str, str]], pages: int | None = None
    ) -> LetterText:
        """From (line, place) pairs; a line holding a line break is split, same place."""
        return cls.from_pieces(name, kind, [[pair] for pair in lines], pages)

    @classmethod
    def from_pieces(
        cls,
        name: str,
        kind: str,
        lines: list[list[tuple[str, str]]],
        pages: int | None = None,
    ) -> LetterText:
        """From lines made of pieces (text, place) joined by a space: a PDF's paragraph
        wrapped over three lines of the page is one line of text, each piece still placed."""
        text: list[str] = []
        marks: list[tuple[int, str]] = []
        at = 0
        for pieces in lines:
            for number, (piece, place) in enumerate(pieces):
                for part_number, part in enumerate(piece.split("\n")):
                    if number or part_number:
                        sep = "\n" if part_number else " "
                        text.append(sep)
                        at += 1
                    marks.append((at, place if part.strip() else ""))
                    text.append(part)
                    at += len(part)
            text.append("\n")
            at += 1
        return cls(name=name, kind=kind, text="".join(text), marks=marks, pages=pages)

    def place_at(self, offset: int) -> str:
        """The place of the stretch of ``text`` holding ``offset``."""
        index = bisect.bisect_right([at for at, _ in self.marks], offset) - 1
        return self.marks[index][1] if index >= 0 else ""

    def where(self, words: str) -> str | None:
        """Where ``words`` (as the reading quotes them: spaces collapsed) first appear, or
        None when they are not in the text (a default, or words the reading put together)."""
        parts = words.split()
        if not parts:
            return None
        # The reading joins words a line break or a table's tab separated with one space.
        pattern = r"\s+".join(re.escape(part) for part in parts)
        found = re.search(pattern, self.text)
        if found is None:
            return None
        return self.place_at(found.start()) or None
