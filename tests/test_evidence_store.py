"""The evidence pack on disk: saved, read back, private, and never silently replaced."""

from __future__ import annotations

import stat

import pytest

from coach.errors import CoachError
from coach.evidence import EvalStory, EvidencePack, Workflow, delete_pack, load_pack, save_pack
from coach.evidence.store import pack_path


def _pack() -> EvidencePack:
    return EvidencePack(
        workflows=[
            Workflow(
                what="triage bot for support tickets",
                tools="GPT-4o, LangChain, Zendesk API",
                gain="first response from 6 h to 20 min",
                outcome="CSAT up 9 points",
            )
        ],
        eval_story=EvalStory(metric="routing accuracy", before="71%", after="93%"),
        portability="the same eval harness works on any ticket queue",
        bullets=["Cut first response on support tickets from 6 h to 20 min; CSAT up 9 points."],
    )


def test_no_pack_yet_reads_as_none(tmp_path):
    assert load_pack(tmp_path) is None


def test_a_saved_pack_reads_back_the_same_and_only_its_owner_can_read_it(tmp_path):
    pack = _pack()
    path = save_pack(tmp_path / "home", pack)
    assert load_pack(tmp_path / "home") == pack
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_again_replaces_the_pack_and_leaves_no_temp_file(tmp_path):
    save_pack(tmp_path, _pack())
    edited = _pack().model_copy(update={"bullets": ["Edited by the user."]})
    save_pack(tmp_path, edited)
    assert load_pack(tmp_path).bullets == ["Edited by the user."]
    assert [p.name for p in tmp_path.iterdir()] == [pack_path(tmp_path).name]


def test_an_unreadable_file_is_named_not_replaced(tmp_path):
    pack_path(tmp_path).write_text("{not json", encoding="utf-8")
    with pytest.raises(CoachError, match=r"evidence pack .* can't be read"):
        load_pack(tmp_path)
    assert pack_path(tmp_path).read_text(encoding="utf-8") == "{not json"


def test_more_than_two_workflows_is_refused():
    with pytest.raises(ValueError, match="workflows"):
        EvidencePack(workflows=[Workflow(what=str(i)) for i in range(3)])


def test_delete(tmp_path):
    assert delete_pack(tmp_path) is False
    save_pack(tmp_path, _pack())
    assert delete_pack(tmp_path) is True
    assert load_pack(tmp_path) is None
