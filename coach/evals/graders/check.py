"""One grader's verdict on one thing, with the reason a reader needs when it fails."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    reason: str = ""
    counted: bool = True  # False: reported only (an uncalibrated judge)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def all_passed(checks: list[Check]) -> bool:
    return all(c.passed for c in checks if c.counted)
