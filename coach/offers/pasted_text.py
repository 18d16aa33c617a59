"""Offer text as it arrives pasted: lines wrapped mid-sentence, numbers written in words.

Both rewrites keep every character's position (a newline becomes a space; "four" becomes
"   4"), so what the reader finds in the result is quoted from the original at the same
place. ``unwrapped`` runs first: the padding of "   4" would look like a table's columns.
"""

from __future__ import annotations

import itertools
import re

_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


_TEEN_WORDS = {
    w: 13 + i
    for i, w in enumerate(
        ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}
_NUMBER_WORD = re.compile(
    r"\b(?:(?P<hundreds>one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+and)?"
    r"(?:\s+(?P<rest>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))?"
    r"|(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?P<ones>one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?P<teen>thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|(?P<unit>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\b",
    re.IGNORECASE,
)
# A letter's legal habit, the figure said twice: "twelve (12) months", "fifteen percent
# (15%)". Once the words are digits it reads "12 (12)": one figure, not two.
_SAID_TWICE = re.compile(
    r"(?<![\d.,])(?P<n>\d+(?:\.\d+)?)(?P<unit>\s*(?:%|percent\b))?\s*"
    r"\(\s*(?P<again>(?P=n)\s*%?)\s*\)",
    re.IGNORECASE,
)
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        [
            "zero",
            "ten",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
        ]
    )
}


# A line broken mid-sentence by the mail client or PDF it was pasted from: it ends in a
# word, a comma or a figure and the next goes on in lower case; or it ends in a word or
# comma and the next is neither a list item nor a "Label: value" line.
_GOES_ON = re.compile(r"[ \t]*[a-z(]")
_NEW_ITEM = re.compile(r"[ \t]*(?:[-*•|]|\d+[.)]\s|[^\n:|\t]{1,30}(?::|\t|\s{2,}))")


_WRAP_WIDTH = 60  # shorter than the lines a mail client or PDF wraps prose at


def unwrapped(text: str) -> str:
    """Lines wrapped mid-sentence joined again (a space for the newline, same length)."""
    lines = text.split("\n")
    out = lines[0]
    for previous, line in itertools.pairwise(lines):
        tail = previous.rstrip()[-1:]
        # A "Label: value" line or a table row ends where it ends; a long line of prose
        # with a colon in it does not.
        labelled = (
            "\t" in previous
            or "  " in previous.strip()
            or (len(previous) < _WRAP_WIDTH and ":" in previous)
        )
        # "…a sign-" / "on bonus of $25,000": a word broken at its hyphen goes on too.
        joins = (tail.isalnum() or tail in ",$%-") and bool(_GOES_ON.match(line))
        joins = joins or (
            (tail.islower() or tail == ",")
            and not labelled
            and bool(line.strip())
            and not _NEW_ITEM.match(line)
        )
        out += (" " if joins else "\n") + line
    return out


_FRACTION_WORDS = re.compile(
    r"\b(?P<f>three[-\s]quarters?|half|a\s+quarter|one[-\s]quarter)\s+(?:of\s+)?(?:a|one)"
    r"\s+percent\b",
    re.IGNORECASE,
)
_FRACTIONS = {"three": "0.75", "half": "0.5", "a": "0.25", "one": "0.25"}
_BASIS_POINTS = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:bps|basis\s+points)\b", re.IGNORECASE)


def _percent_of_bps(match: re.Match[str]) -> str:
    """ "25 bps" is 0.25%: written as a percentage in the same room, when it fits."""
    shown = f"{int(match.group(1)) / 100:g}%"
    return shown.rjust(len(match.group(0))) if len(shown) <= len(match.group(0)) else match.group(0)


def _fraction(match: re.Match[str]) -> str:
    first = re.split(r"[-\s]", match.group("f"))[0].lower()
    return (_FRACTIONS[first] + "%").rjust(len(match.group(0)))


def numbers_in_words(text: str) -> str:
    """Words for numbers as digits, same length: "four years", "twenty percent", "two
    hundred thousand", "three-quarters of a percent"."""
    text = _FRACTION_WORDS.sub(_fraction, text)
    text = _BASIS_POINTS.sub(_percent_of_bps, text)

    def digits(match: re.Match[str]) -> str:
        if match.group("hundreds"):
            value = _WORD_NUMBERS[match.group("hundreds").lower()] * 100
            value += _TENS.get((match.group("rest") or "zero").lower(), 0)
        elif match.group("tens"):
            value = _TENS[match.group("tens").lower()]
            value += _WORD_NUMBERS[(match.group("ones") or "zero").lower()]
        elif match.group("teen"):
            value = _TEEN_WORDS[match.group("teen").lower()]
        else:
            value = _WORD_NUMBERS[match.group("unit").lower()]
        return str(value).rjust(len(match.group(0)))

    text = _NUMBER_WORD.sub(digits, text)
    return _SAID_TWICE.sub(lambda m: m.group("again").rjust(len(m.group(0))), text)
