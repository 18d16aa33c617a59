"""The evidence pack on disk: one JSON file in COACH_HOME, written atomically.

It stays on the user's machine (the guide: data on the user's machine). A file that
can't be read is never silently replaced: the user is told, in one sentence, what to do.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from coach.errors import CoachError
from coach.evidence.pack import EvidencePack

PACK_FILE = "evidence-pack.json"


def pack_path(home: Path) -> Path:
    return home / PACK_FILE


def load_pack(home: Path) -> EvidencePack | None:
    """The saved pack, or None when the user has not built one yet."""
    path = pack_path(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return EvidencePack.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise CoachError(
            f"The evidence pack in {path} can't be read ({type(exc).__name__}); "
            "fix or delete that file and build the pack again."
        ) from exc


def save_pack(home: Path, pack: EvidencePack) -> Path:
    """Write the pack; a crash mid-write leaves the old file whole (atomic replace)."""
    home.mkdir(parents=True, exist_ok=True)
    path = pack_path(home)
    fd, tmp = tempfile.mkstemp(prefix=".evidence-", suffix=".json", dir=home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(pack.model_dump_json(indent=2))
        os.chmod(tmp, 0o600)  # the user's own work history: readable by them only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def delete_pack(home: Path) -> bool:
    """Remove the saved pack; True if there was one."""
    try:
        pack_path(home).unlink()
    except FileNotFoundError:
        return False
    return True
