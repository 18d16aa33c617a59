"""The last check of each endpoint and model, kept in COACH_HOME/model-checks/.

The UI header reads it (a file read, never a probe), so the page is served at once; the
CLI and the UI's button write it. One JSON file per endpoint+model, named by a hash of
the two: ``ModelCheck`` holds the URL, the model, the time it ran — never the API key.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from coach.config import Settings
from coach.model_check.result import ModelCheck, endpoint_of


def cache_path(settings: Settings) -> Path:
    base_url, model = endpoint_of(settings)
    key = hashlib.sha256(f"{base_url}\n{model}".encode()).hexdigest()[:16]
    return settings.home / "model-checks" / f"{key}.json"


def save(settings: Settings, check: ModelCheck) -> Path:
    """Write it whole or not at all: a reader never sees half a file."""
    path = cache_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(check.model_dump_json(indent=2))
    os.replace(tmp, path)
    return path


def load(settings: Settings) -> ModelCheck | None:
    """The last check of the configured endpoint and model; None if never checked (or the
    file is unreadable: a check is cheap to run again)."""
    path = cache_path(settings)
    try:
        return ModelCheck.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        return None
