"""Settings are read from the environment when constructed, never at import."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.config import Settings


def test_reads_environment_at_construction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "a"))
    first = Settings()
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "b"))
    assert first.home == tmp_path / "a"
    assert Settings().home == tmp_path / "b"
    assert Settings().chroma_path == tmp_path / "b" / "chroma"


def test_offline_coach_unless_an_endpoint_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Settings().uses_llm
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("COACH_MODEL", "llama3.1")
    assert Settings().uses_llm
    monkeypatch.setenv("COACH_MODEL", "embedded")
    assert not Settings().uses_llm


def test_api_key_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-very-secret")
    settings = Settings()
    assert settings.openai_api_key is not None
    assert "sk-test-very-secret" not in repr(settings)
    assert "sk-test-very-secret" not in str(settings.describe())
    assert settings.describe()["api_key"] == "set"


def test_chroma_server_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_CHROMA_URL", "http://127.0.0.1:8000")
    assert Settings().describe()["vector_store"] == "http://127.0.0.1:8000"


def test_default_bind_is_loopback() -> None:
    assert Settings().host == "127.0.0.1"
    assert Settings().port == 7860
