"""Settings are read from the environment when constructed, never at import, and only
from the coach's own variables (COACH_*, plus OPENAI_API_KEY and OPENAI_BASE_URL)."""

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


# -- only the coach's own variables (issue 14, item 7) --------------------------------------
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No COACH_ variables, no XDG override, no .env in the working dir; HOME is tmp."""
    import os

    for name in list(os.environ):
        if name.startswith("COACH_") or name.startswith("XDG_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    user = tmp_path / "user"
    monkeypatch.setenv("HOME", str(user))
    return user


def test_unprefixed_variables_of_other_programs_do_not_leak_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = _clean_environment(monkeypatch, tmp_path)
    defaults = Settings().model_dump()
    # Every setting's bare name, as another program might set it: none may change the coach
    # (an invalid value would also fail here, as a ValidationError, if it were read).
    for field in Settings.model_fields:
        if not field.startswith("openai_") and field != "home":
            monkeypatch.setenv(field.upper(), f"leaked-{field}")
    monkeypatch.setenv("MODEL", "gpt-from-another-program")
    monkeypatch.setenv("STREAM", "false")
    monkeypatch.setenv("COLLECTION", "someone-elses")

    settings = Settings()

    assert settings.model_dump() == defaults
    assert settings.model is None and settings.stream is True
    assert settings.collection == "playbook"
    # HOME decides only where the user's data dir is, as the README says: never the dir itself.
    assert settings.home != user
    assert settings.home == user / ".local" / "share" / "coach"
    assert settings.chroma_path == user / ".local" / "share" / "coach" / "chroma"


def test_the_data_dir_is_the_platform_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    _clean_environment(monkeypatch, tmp_path)
    assert Settings().home == Path(platformdirs.user_data_dir("coach", appauthor=False))
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "mine"))
    assert Settings().home == tmp_path / "mine"


def test_prefixed_and_openai_variables_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("COACH_MODEL", "llama3.1")
    monkeypatch.setenv("COACH_STREAM", "false")
    monkeypatch.setenv("COACH_COLLECTION", "mine")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    settings = Settings()
    assert (settings.model, settings.stream, settings.collection) == ("llama3.1", False, "mine")
    assert settings.openai_api_key is not None
    assert settings.openai_api_key.get_secret_value() == "sk-test"
    assert settings.openai_base_url == "http://127.0.0.1:11434/v1"
    assert settings.uses_llm


def test_a_dotenv_file_follows_the_same_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    (tmp_path / ".env").write_text(
        "MODEL=leaked\nHOME=/leaked\nCOACH_COLLECTION=mine\n"
        "OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.model is None and settings.collection == "mine"
    assert settings.home == tmp_path / "user" / ".local" / "share" / "coach"
    assert settings.openai_base_url == "http://127.0.0.1:8080/v1"


def test_a_bad_value_names_the_variable_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.config import load_settings
    from coach.errors import InputError

    monkeypatch.setenv("COACH_PORT", "99999")
    with pytest.raises(InputError, match=r"^The setting COACH_PORT='99999' is not valid"):
        load_settings()
    monkeypatch.delenv("COACH_PORT")
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "0")
    with pytest.raises(InputError, match=r"^The setting COACH_LLM_TIMEOUT='0'"):
        load_settings()
