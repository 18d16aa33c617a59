"""The evidence pack on disk: one JSON file in COACH_HOME, written atomically.

It stays on the user's machine (the guide: data on the user's machine). A file that
can't be read is never silently replaced: the user is told, in one sentence, what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from coach.errors import CoachError
from coach.evidence.interview import Interview
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


def saved_bullets(home: Path) -> list[str]:
    """The saved pack's bullets, blank ones left out; none when no pack is saved. A file
    that can't be read raises CoachError: each caller says so its own way (a warning, the
    log, the tab that shows the pack)."""
    pack = load_pack(home)
    return [b for b in pack.bullets if b.strip()] if pack is not None else []


def save_pack(home: Path, pack: EvidencePack) -> Path:
    """Write the pack; a crash mid-write leaves the old file whole (atomic replace)."""
    return _write(pack_path(home), pack.model_dump_json(indent=2))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".evidence-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
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


# -- the chat's interview, one small file per thread ---------------------------------------
INTERVIEWS_DIR = "evidence-interviews"


def interview_path(home: Path, thread_id: str) -> Path:
    # The thread id is the UI's or the user's: hashed, it is always a safe file name.
    name = hashlib.sha256(thread_id.encode("utf-8")).hexdigest()[:32]
    return home / INTERVIEWS_DIR / f"{name}.json"


class InterviewLostError(CoachError):
    """The thread's interview file could not be read: the interview has ended."""


def load_interview(home: Path, thread_id: str) -> Interview | None:
    """The thread's interview in progress, or None. A file that can't be read ends the
    interview (it held only answers not yet saved) rather than blocking the thread, and
    says so (InterviewLostError): the user is told, never left wondering."""
    path = interview_path(home, thread_id)
    try:
        return Interview.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        path.unlink(missing_ok=True)
        raise InterviewLostError(
            "Your evidence-pack interview in this conversation could not be read back, so it "
            "has ended; your saved pack is unchanged. Say 'help me build my evidence pack' "
            "to start again."
        ) from exc


def save_interview(home: Path, thread_id: str, interview: Interview) -> Path:
    return _write(interview_path(home, thread_id), interview.model_dump_json())


def delete_interview(home: Path, thread_id: str) -> None:
    interview_path(home, thread_id).unlink(missing_ok=True)
