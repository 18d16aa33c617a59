"""Offer fields the user states outside the offer's text: `coach offer score --role ...`,
the Offers tab's form.

A stated field fills what the text left out. When the text says something else, the
stated value is used and the difference is written down as an assumption: nothing is
dropped without a word. A bad value raises InputError with one sentence naming the field.
"""

from __future__ import annotations

from typing import Literal

from coach.errors import InputError
from coach.market.normalize import normalize_level
from coach.money import quote
from coach.offers.model import EmployerType, Offer, employer_type_from
from coach.vocabulary import normalise

Field = Literal["company", "role", "level", "location", "employer_type"]
LABELS: dict[Field, str] = {
    "company": "company",
    "role": "role",
    "level": "level",
    "location": "location",
    "employer_type": "employer type",
}
# Longer than any company, title or place name: a paste in the wrong field, not a name.
MAX_FIELD_CHARS = 100


def check_field(field: Field, text: str) -> str | EmployerType:
    """``text`` as the value of ``field``, or InputError with one sentence naming it."""
    label = LABELS[field]
    value = " ".join(text.split())
    if not value:
        raise InputError(f"The {label} is empty; leave it out or give one.")
    if len(value) > MAX_FIELD_CHARS:
        raise InputError(
            f"The {label} '{quote(value)}' is longer than {MAX_FIELD_CHARS} characters; "
            f"give just the {label}."
        )
    if field == "employer_type":
        return employer_type_from(value)
    if field == "level":
        normalize_level(value)  # the lookup's own reading: an unknown level is one sentence
    return value


def _shown(value: str | EmployerType) -> str:
    return value.label if isinstance(value, EmployerType) else value


def _same(a: str | EmployerType, b: str | EmployerType) -> bool:
    return a == b if isinstance(a, EmployerType) else normalise(str(a)) == normalise(str(b))


def with_stated(
    offer: Offer, stated: dict[Field, str | None], *, source: str = "you gave"
) -> tuple[Offer, list[str]]:
    """``offer`` with the ``stated`` fields (None or missing: not stated) and a note for
    each stated value that replaced a different one in the text.

    ``source`` says where the stated values came from in the note, e.g. "--role".
    """
    updates: dict[str, str | EmployerType] = {}
    notes: list[str] = []
    for field, text in stated.items():
        if text is None:
            continue
        value = check_field(field, text)
        read = getattr(offer, field)
        if read is not None and not _same(read, value):
            where = source.format(field=field.replace("_", "-"))
            notes.append(
                f"The offer gives the {LABELS[field]} as '{quote(_shown(read))}'; "
                f"using '{quote(_shown(value))}' from {where} instead."
            )
        updates[field] = value
    return offer.model_copy(update=updates), notes
