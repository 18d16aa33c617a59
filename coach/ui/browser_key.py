"""The per-install secret that encrypts what the app keeps in the browser.

Gradio encrypts a ``gr.BrowserState`` with a secret and, left unset, makes a new one at
every launch: after an app restart the thread id stored in the browser can no longer be
read, so the conversation and the practice call look lost although they are on disk.
One secret per install, made on first run in ``COACH_HOME`` and readable by its owner
only (mode 0600), keeps them reachable across restarts. It never leaves the machine.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from coach.errors import CoachError

KEY_FILE = "browser-state.key"


def browser_secret(home: Path) -> str:
    """This install's secret, made on first use."""
    path = home / KEY_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it between the read and now
        return _read(path)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret)
    return secret


def _read(path: Path) -> str:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)  # a copied or restored file: readable by its owner only
    text = path.read_text(encoding="ascii", errors="replace").strip()
    if len(text) < 16:
        raise CoachError(
            f"{path} does not hold a usable secret; delete it and the app makes a new one "
            "(conversations stay on disk, but this browser's link to them is reset)."
        )
    return text
