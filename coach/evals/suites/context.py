"""What every suite runner shares in one eval run: settings, backend, caches, meter.

One ``CoachSession`` serves the whole run (the offline coach loads its models
once); each case gets a fresh thread, deleted afterwards so evals don't fill the
user's conversation history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.evals.cache import ResponseCache, cache_key, coach_prompts
from coach.evals.cost import FREE, CostMeter, Price
from coach.evals.record import ReplyRecord
from coach.evals.rubric import Rubric
from coach.playbook import Playbook
from coach.session import CoachSession

if TYPE_CHECKING:
    from coach.config import Settings
    from coach.evals.judge import Judge

EMBEDDED = "embedded"
OPENAI = "openai"


@dataclass
class Conversation:
    records: list[ReplyRecord]
    cached: bool


@dataclass
class EvalContext:
    settings: Settings
    backend: str
    model: str
    rubric: Rubric
    sections: set[str]
    meter: CostMeter
    price: Price = FREE
    turn_usd: float = 0.0  # estimated cost of one live coach turn, for the --max-cost check
    cache: ResponseCache | None = None
    judge: Judge | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _session: CoachSession | None = None
    _playbook: Playbook | None = None
    _prompts: str | None = None

    @property
    def paid(self) -> bool:
        return self.backend != EMBEDDED

    @property
    def playbook(self) -> Playbook:
        if self._playbook is None:
            self._playbook = Playbook(self.settings)
        return self._playbook

    @property
    def session(self) -> CoachSession:
        if self._session is None:
            self._session = CoachSession(self.settings)
        return self._session

    def cache_key(self, messages: list[str], sample: int) -> str:
        if self._prompts is None:
            self._prompts = coach_prompts()
        payload = {"turns": messages, "sample": sample}
        return cache_key(
            backend=self.backend, model=self.model, prompts=self._prompts, payload=payload
        )

    def is_cached(self, messages: list[str], sample: int) -> bool:
        return self.cache is not None and self.cache_key(messages, sample) in self.cache

    def converse(self, messages: list[str], sample: int = 0) -> Conversation:
        """The coach's turns for these user messages: from the cache, or live."""
        key = self.cache_key(messages, sample) if self.cache is not None else ""
        stored = self.cache.get(key) if self.cache is not None else None
        if stored is not None:
            return Conversation([ReplyRecord.from_dict(r) for r in stored], cached=True)
        if self.paid:
            self.meter.ensure_room(self.turn_usd * len(messages))
        records = self._live(messages)
        if self.paid:
            for record in records:
                self.meter.charge(self.price, record.prompt_tokens, record.completion_tokens)
        if self.cache is not None:
            self.cache.put(key, [r.to_dict() for r in records])
        return Conversation(records, cached=False)

    def _live(self, messages: list[str]) -> list[ReplyRecord]:
        thread = f"eval-{self.run_id}-{uuid.uuid4().hex[:8]}"
        records: list[ReplyRecord] = []
        try:
            for i, text in enumerate(messages):
                turn = self.session.ask(thread, text)
                records.append(ReplyRecord.from_turn(text, messages[:i], turn))
        finally:
            self.session.delete_conversation(thread)  # its messages and its place in the list
        return records
