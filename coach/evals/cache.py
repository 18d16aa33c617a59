"""The response cache: a re-run of the same prompts, model and inputs is free.

Keyed by sha256 over the backend, the model, a fingerprint of the prompt files and
the case input (its messages and the sample number, so ``--repeat`` still draws N
samples). Stored as one JSON file per entry under ``COACH_HOME/eval-cache``.
Changing a prompt file changes the fingerprint, so stale answers are never reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from coach.evals.paths import PROMPTS_DIR


def fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def coach_prompts(prompts_dir: Path = PROMPTS_DIR) -> str:
    """What the coach is asked with: its system prompt and the offline coach's templates."""
    return fingerprint([prompts_dir / "coach.md", *(prompts_dir / "embedded").glob("*.md")])


def judge_prompts(prompts_dir: Path = PROMPTS_DIR) -> str:
    return fingerprint([prompts_dir / "judge.md"])


def cache_key(*, backend: str, model: str, prompts: str, payload: Any) -> str:
    blob = json.dumps(
        {"backend": backend, "model": model, "prompts": prompts, "input": payload},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def __contains__(self, key: str) -> bool:
        return self._path(key).exists()

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, default=str), encoding="utf-8")
        tmp.replace(path)  # atomic: a killed run never leaves half an entry
