"""Bad-input fuzzing of `coach plan`: a plan written, or one plain sentence (exit 2),
never a traceback; a refused plan writes no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from coach.cli import app
from tests.fuzz import assert_no_leak, assert_plain, hostile_text, profile

runner = CliRunner()
arg_text = hostile_text(max_parts=3).map(lambda s: s.replace("\x00", ""))


def mostly(valid: st.SearchStrategy[str], junk: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(valid, valid, junk)


plan_args = st.fixed_dictionaries(
    {},
    optional={
        "--role": mostly(st.sampled_from(["ML engineer", "data scientist"]), arg_text),
        "--city": mostly(st.sampled_from(["Seattle", "remote", "UK"]), arg_text),
        "--level": mostly(st.sampled_from(["senior", "L5"]), arg_text),
        "--current-base": mostly(st.sampled_from(["150k", "$140,000"]), arg_text),
        "--floor": mostly(st.sampled_from(["170k", "160000", "0", "9" * 30]), arg_text),
        "--offer": mostly(
            st.sampled_from(["185k base, senior ML engineer in Seattle", "175k base at Acme"]),
            arg_text,
        ),
    },
)


@pytest.fixture(autouse=True)
def _home(home: Path) -> None:
    """A fresh COACH_HOME (no evidence pack) for each run."""


@profile(15)
@given(plan_args, st.sampled_from(["plan.md", "plan.md", "plan.txt"]))
def test_plan_writes_a_plan_or_says_one_sentence(
    tmp_path_factory: pytest.TempPathFactory, options: dict[str, str], out_name: str
) -> None:
    folder = tmp_path_factory.mktemp("plan-fuzz")
    args = ["plan", *(part for pair in options.items() for part in pair)]
    result = runner.invoke(app, [*args, "--out", str(folder / out_name)])
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code in (0, 2), (result.exit_code, output[-2_000:], result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2 and not result.stderr.startswith("Usage:"):
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
        assert_plain(result.stderr.removeprefix("Error: ").strip())
        assert not list(folder.iterdir())
    elif result.exit_code == 0:
        assert_no_leak(output)
        assert (folder / out_name).read_text(encoding="utf-8").startswith("# My negotiation plan")
