"""The per-install secret for the browser's stored state: made once, owner-only, stable."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.ui.browser_key import KEY_FILE, browser_secret


def test_made_on_first_run_readable_by_its_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    secret = browser_secret(home)
    path = home / KEY_FILE
    assert len(secret) >= 32 and path.read_text() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_same_secret_after_a_restart(tmp_path: Path) -> None:
    assert browser_secret(tmp_path) == browser_secret(tmp_path)


def test_each_install_has_its_own(tmp_path: Path) -> None:
    assert browser_secret(tmp_path / "a") != browser_secret(tmp_path / "b")


def test_a_copied_key_is_made_owner_only_again(tmp_path: Path) -> None:
    secret = browser_secret(tmp_path)
    (tmp_path / KEY_FILE).chmod(0o644)
    assert browser_secret(tmp_path) == secret
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_a_broken_key_file_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_text("x")
    with pytest.raises(CoachError, match="delete it"):
        browser_secret(tmp_path)


def test_the_app_encrypts_with_the_install_secret(tmp_path: Path) -> None:
    import gradio as gr

    from coach.config import Settings
    from coach.ui.app import build_blocks
    from coach.ui.services import Services

    settings = Settings(home=tmp_path)
    secrets = set()
    for _ in range(2):  # two launches of the same install
        demo = build_blocks(Services(settings))
        states = [b for b in demo.blocks.values() if isinstance(b, gr.BrowserState)]
        assert states
        secrets |= {state.secret for state in states}
    assert secrets == {browser_secret(tmp_path)}
