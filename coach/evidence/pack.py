"""What an evidence pack holds, as the user gave it and as the coach turned it into bullets."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

MAX_WORKFLOWS = 2
MAX_BULLETS = 5


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Workflow(_Part):
    """One AI workflow the user built, in their own words, field by field."""

    what: str = ""
    tools: str = ""
    gain: str = ""  # time saved or output improved
    outcome: str = ""  # what it changed for the customer or the business

    def is_empty(self) -> bool:
        return not any((self.what, self.tools, self.gain, self.outcome))


class EvalStory(_Part):
    """How the user measured that their work worked: the metric, before and after."""

    metric: str = ""
    before: str = ""
    after: str = ""

    def is_empty(self) -> bool:
        return not any((self.metric, self.before, self.after))


class EvidencePack(_Part):
    """The user's evidence, saved in COACH_HOME and editable.

    ``bullets`` are the three to five outcome bullets made from the answers (and edited by
    the user, who has the last word on them); everything that cites the user's evidence
    reads these, never the raw answers.
    """

    workflows: list[Workflow] = Field(default_factory=list, max_length=MAX_WORKFLOWS)
    eval_story: EvalStory = Field(default_factory=EvalStory)
    portability: str = ""
    bullets: list[str] = Field(default_factory=list, max_length=MAX_BULLETS)
    updated: datetime = Field(default_factory=lambda: datetime.now(UTC))

    def has_bullets(self) -> bool:
        return any(b.strip() for b in self.bullets)
