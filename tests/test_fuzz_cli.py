"""Bad-input fuzzing of the command line: exit 0, 1 or 2, never a traceback.

Exit 2 is either our error, one line starting "Error:" on stderr, or Click's own usage
error (an unknown option, a non-integer for an integer option) under "Usage:".
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from typer.testing import CliRunner, Result

from coach.cli import app
from coach.config import Settings
from tests.conftest import REPO
from tests.fuzz import FRAGMENTS, assert_no_leak, assert_plain, hostile_text, profile
from tests.homes import copy_home

runner = CliRunner()
# Arguments as a shell passes them: no NUL byte can be in argv.
arg_text = hostile_text(max_parts=3).map(lambda s: s.replace("\x00", ""))
words = st.sampled_from([f for f in FRAGMENTS if "\x00" not in f])
numbers = st.one_of(st.integers().map(str), st.sampled_from(["0", "-1", "1e3", "x", "", "9" * 50]))


def mostly(valid: st.SearchStrategy[str], junk: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid two times in three: enough runs get past the argument checks to go deep."""
    return st.one_of(valid, valid, junk)


offer_texts = mostly(
    st.tuples(
        st.sampled_from(["185k base", "175k base, 10% bonus", "base 150000, 20k sign-on"]),
        st.sampled_from(["", ", senior ML engineer in Seattle", " at Acme", ", 400k RSUs"]),
        words,
    ).map(lambda t: " ".join(t)),
    arg_text,
)


@pytest.fixture(scope="module")
def cli_home(ingested_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the ingested store: `ask` writes conversation memory into its home."""
    home = tmp_path_factory.mktemp("cli-fuzz") / "home"
    copy_home(ingested_settings.home, home)
    return home


@pytest.fixture(autouse=True)
def _env(cli_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_HOME", str(cli_home))


def check(result: Result) -> None:
    # --hypothesis-show-statistics shows how many runs got past the argument checks.
    if currently_in_test_context():
        usage = " (usage)" if result.stderr.startswith("Usage:") else ""
        event(f"exit {result.exit_code}{usage}")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code in (0, 1, 2), (result.exit_code, output[-2_000:], result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2:
        if result.stderr.startswith("Usage:"):
            return  # Click refused the arguments before our code ran
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, result.stderr
        assert result.stderr.strip() == errors[0], result.stderr
        assert_plain(errors[0].removeprefix("Error:").strip())
    else:
        assert_no_leak(output)


def _options(names: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    """Some of the options, each with a value, in random order."""
    pairs = st.lists(
        st.sampled_from(sorted(names)).flatmap(lambda n: st.tuples(st.just(n), names[n])),
        max_size=len(names),
        unique_by=lambda pair: pair[0],
    )
    return pairs.map(lambda ps: [part for pair in ps for part in pair])


salary_args = st.tuples(
    st.one_of(arg_text, st.sampled_from(["ML engineer", "data scientist", "senior ML engineer"])),
    _options(
        {
            "--level": st.one_of(arg_text, st.sampled_from(["senior", "L5", "staff"])),
            "--location": st.one_of(arg_text, st.sampled_from(["Seattle", "remote", "UK"])),
            "--skills": st.one_of(arg_text, st.just("rag,fine-tuning,,")),
            "--domain": arg_text,
            "--employer-type": arg_text,
            "--year": numbers,
        }
    ),
    st.booleans(),
).map(lambda t: ["salary", "--role", t[0], *t[1], *(["--json"] if t[2] else [])])


@profile(60)
@given(salary_args)
def test_salary(args: list[str]) -> None:
    check(runner.invoke(app, args))


score_args = st.tuples(
    st.one_of(offer_texts, st.sampled_from(["--", "-5k base", "examples"])),
    _options(
        {
            "--current-base": mostly(st.sampled_from(["150k", "$140,000"]), numbers),
            "--floor": mostly(st.sampled_from(["170k", "160000"]), arg_text),
            "--haircut": mostly(st.sampled_from(["0", "50", "100"]), numbers),
        }
    ),
    st.booleans(),
).map(lambda t: ["offer", "score", *t[1], *(["--json"] if t[2] else []), "--", t[0]])


@profile(60)
@given(score_args)
def test_offer_score(args: list[str]) -> None:
    check(runner.invoke(app, args))


@profile(30)
@given(arg_text, mostly(st.integers(1, 8).map(str), numbers), st.booleans())
def test_search(query: str, k: str, as_json: bool) -> None:
    check(runner.invoke(app, ["search", "-k", k, *(["--json"] if as_json else []), "--", query]))


@profile(12)
@given(st.one_of(arg_text, words), st.one_of(st.just("cli-fuzz"), arg_text), st.booleans())
def test_ask(question: str, thread: str, as_json: bool) -> None:
    flags = ["--thread", thread, *(["--json"] if as_json else [])]
    check(runner.invoke(app, ["ask", *flags, "--", question]))


SCENARIO = str(REPO / "coach" / "knowledge" / "scenarios" / "ai-engineer-lab-soft.yaml")
script_data = st.one_of(
    st.lists(st.one_of(words, arg_text), max_size=4),
    st.fixed_dictionaries(
        {"turns": st.lists(mostly(st.one_of(words, arg_text), st.integers()), max_size=4)},
        optional={
            "seed": mostly(
                st.integers(0, 50), st.one_of(st.integers(), arg_text, st.floats(), st.just([]))
            ),
            "toughness": mostly(
                st.sampled_from(["soft", "tough"]), st.one_of(arg_text, st.just(3))
            ),
            "scenario": mostly(st.sampled_from([SCENARIO, ".", "../x.yaml"]), arg_text),
        },
    ),
    hostile_text(),
)


def _script_text(data: object) -> str:
    if isinstance(data, str):
        return data
    return yaml.safe_dump(data, allow_unicode=True)


@profile(50)
@given(
    st.one_of(
        script_data.map(_script_text),
        st.sampled_from(
            [
                "[" * 5_000,
                "turns: [a, b]\nseed: 2026-13-45",
                "turns: !!timestamp nonsense",
                "- !!binary '%%%'",
                "seed: 99999999999999999999999999\nturns: [hi]",
            ]
        ),
    ),
    _options(
        {
            "--seed": mostly(st.integers(0, 50).map(str), numbers),
            "--toughness": mostly(st.sampled_from(["soft", "tough"]), arg_text),
            "--role": mostly(st.sampled_from(["ML engineer", "data scientist"]), arg_text),
            "--level": mostly(st.sampled_from(["senior", "L5"]), arg_text),
            "--location": mostly(st.sampled_from(["Seattle", "remote"]), arg_text),
        }
    ).filter(lambda options: len(options) <= 4),
    st.booleans(),
)
def test_roleplay_script(
    tmp_path_factory: pytest.TempPathFactory, script: str, options: list[str], as_json: bool
) -> None:
    folder = tmp_path_factory.mktemp("script") / "a" / "b"
    folder.mkdir(parents=True)
    path = folder / "script.yaml"
    path.write_text(script, encoding="utf-8")
    args = ["roleplay", "--script", str(path), *options, *(["--json"] if as_json else [])]
    check(runner.invoke(app, args))


def test_roleplay_script_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "script.yaml"
    path.write_bytes(b"\xff\xfe\x00turns: [hi]")
    check(runner.invoke(app, ["roleplay", "--script", str(path), "--json"]))
    check(runner.invoke(app, ["roleplay", "--script", str(tmp_path), "--json"]))
    check(runner.invoke(app, ["roleplay", "--scenario", str(path), "--seed", "1"]))
    check(runner.invoke(app, ["roleplay", "--resume", str(path), "--templates"], input="/end\n"))


@profile(30)
@given(
    st.lists(offer_texts, max_size=6),
    st.one_of(st.none(), st.sampled_from(["c.png", "c.svg", "c.xyz", "c", "no/dir/c.png", "."])),
    mostly(st.sampled_from(["0", "50"]), numbers),
)
def test_offer_compare(
    tmp_path_factory: pytest.TempPathFactory, offers: list[str], chart: str | None, haircut: str
) -> None:
    folder = tmp_path_factory.mktemp("compare")
    flags = ["--haircut", haircut, *(["--chart", str(folder / chart)] if chart else [])]
    check(runner.invoke(app, ["offer", "compare", *flags, "--", *offers]))


@pytest.mark.parametrize(
    "args",
    [
        ["salary", "--role", "ML engineer", "--skills", "[/bold],rag"],
        ["salary", "--role", "ML engineer", "--domain", "[red]x[/red]", "--employer-type", "[/]"],
        ["offer", "score", "--", "[/bold] 185k base at [red]Acme, senior ML engineer"],
        ["offer", "compare", "--", "185k base at [/b]", "175k base at Beta [link=x]"],
    ],
)
def test_text_that_looks_like_rich_markup_is_printed_as_text(args: list[str]) -> None:
    result = runner.invoke(app, args)
    check(result)
    assert result.exit_code == 0


def test_a_script_that_looks_like_rich_markup_is_printed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "script.yaml"
    turns = ["[/bold] My target is [red]200k[/red] base", "[/] I accept"]
    path.write_text(yaml.safe_dump({"seed": 3, "turns": turns}), encoding="utf-8")
    result = runner.invoke(app, ["roleplay", "--script", str(path)])
    check(result)
    assert result.exit_code == 0 and "[/bold] My target is [red]200k[/red] base" in result.stdout
