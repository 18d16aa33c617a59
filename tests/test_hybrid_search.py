"""Hybrid search: rank fusion, BM25 over the real sections, the sections' questions,
query spelling, one hit per section.

Lexical ranking runs on the real playbook with the real BM25; where a dense ranking is
needed without the model, it is written out by hand (entry ids and similarities), and
ingest bookkeeping uses the deterministic fake embedder, as in test_ingest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from coach.config import Settings
from coach.errors import DataError
from coach.fusion import reciprocal_rank_fusion
from coach.hybrid_search import EntryRef, Fusion, SectionRanker
from coach.lexical import LexicalIndex, stems, words
from coach.minilm import english_words
from coach.playbook import (
    Playbook,
    SectionIndex,
    admitted,
    lexical_text,
    load_playbook,
    neighbours,
    read_document,
)
from coach.spelling import Speller

REPO = Path(__file__).resolve().parents[1]
PLAYBOOK = REPO / "coach" / "knowledge" / "playbook"


# -- fusion ------------------------------------------------------------------------------
def test_an_item_first_everywhere_scores_one_and_leads() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["a", "c", "b"]], c=5)
    assert fused[0] == ("a", 1.0)
    assert [item for item, _ in fused] == ["a", "b", "c"]  # b and c tie: b was seen first
    assert fused[1][1] == pytest.approx(fused[2][1])


def test_agreement_beats_one_rankers_first_place() -> None:
    # "x" is first for one ranker only, unranked by the other; "y" is second for both.
    fused = dict(reciprocal_rank_fusion([["x", "y"], ["z", "y"]], c=5))
    assert fused["y"] > fused["x"]


def test_a_small_constant_lets_a_confident_first_place_win() -> None:
    rankings = [["x", "q", "r", "y"], ["p", "y", "s", "t", "u", "x"]]
    loose = [i for i, _ in reciprocal_rank_fusion(rankings, c=60)]
    sharp = [i for i, _ in reciprocal_rank_fusion(rankings, c=1)]
    assert loose.index("y") < loose.index("x")
    assert sharp.index("x") < sharp.index("y")


def test_weights_and_repeats() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "a", "b"], ["b"]], c=0, weights=[1.0, 3.0]))
    # "a" counts once, at rank 1, in the first ranking; "b" is 2nd there and 1st in the other.
    assert fused["a"] == pytest.approx(1.0 / 4.0)
    assert fused["b"] == pytest.approx((0.5 + 3.0) / 4.0)


def test_bad_fusion_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="c must be 0 or more"):
        reciprocal_rank_fusion([["a"]], c=-1)
    with pytest.raises(ValueError, match="2 rankings but 1 weights"):
        reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0])
    assert reciprocal_rank_fusion([[], []]) == []


# -- BM25 over the real sections -----------------------------------------------------------
@pytest.fixture(scope="module")
def index() -> SectionIndex:
    text, quarantined = admitted(load_playbook(PLAYBOOK))
    assert not quarantined
    return SectionIndex(text)


@pytest.mark.parametrize(
    ("query", "section_id"),
    [
        # Rare exact terms: what BM25 is in the mix for.
        ("sign-on clawback", "total-package#sign-on-bonuses-and-clawbacks"),
        ("BLS OEWS software developers", "market-bands#bls-oews-baseline-for-software-developers"),
        # Stemmed: "vested" and "cliffs" meet "vesting" and "cliff".
        ("vested cliffs", "total-package#vesting-schedules-and-cliffs"),
    ],
)
def test_bm25_finds_the_section_by_its_words(
    index: SectionIndex, query: str, section_id: str
) -> None:
    ranked = [key for key, _ in index.ranker.lexical.rank(query, 3)]
    assert ranked[0] == section_id, ranked


def test_bm25_ignores_stopwords_and_unknown_words(index: SectionIndex) -> None:
    assert index.ranker.lexical.rank("the of and it is", 10) == []
    assert index.ranker.lexical.rank("zzzqqq", 10) == []


def test_bm25_length_discount_is_b() -> None:
    docs = [("short", "clawback terms"), ("long", "clawback " + "vesting cliff refresh " * 30)]
    flat = dict(LexicalIndex(docs, b=0.0).rank("clawback", 2))
    assert flat["short"] == pytest.approx(flat["long"])  # b = 0: length is not counted
    discounted = dict(LexicalIndex(docs, b=0.75).rank("clawback", 2))
    assert discounted["short"] > discounted["long"]


def test_bm25_reads_the_questions_with_their_section() -> None:
    text, _ = admitted(load_playbook(PLAYBOOK))
    index = SectionIndex(text)
    plain = LexicalIndex([(sid, lexical_text(parts, [])) for sid, parts in index.parts.items()])
    # A term only a question uses, never the prose: found with the questions, not without.
    prose = {t for c in text.chunks for t in stems(words(c.embed_text))}
    question, term = next(
        (q, w)
        for q in text.questions
        for w in words(q.text)
        if stems([w])[0] not in prose and w.isalpha()
    )
    assert question.section_id in [k for k, _ in index.ranker.lexical.rank(term, 107)]
    assert plain.rank(term, 107) == []


def test_a_lexical_index_needs_documents() -> None:
    with pytest.raises(ValueError, match="at least one document"):
        LexicalIndex([])


# -- the ranker: fusion of lexical, passages and questions --------------------------------
def _ranker(fusion: Fusion | None = None) -> SectionRanker:
    sections = {
        "d#a": "Anchoring on the market median.",
        "d#b": "Walk-away number and your floor.",
        "d#c": "Exploding offers and deadlines.",
    }
    entries = {
        "d#a": EntryRef("d#a", question=False),
        "d#b": EntryRef("d#b", question=False),
        "d#c": EntryRef("d#c", question=False),
        "d#a?q1": EntryRef("d#a", question=True),
        "d#b?q1": EntryRef("d#b", question=True),
        "d#b?q2": EntryRef("d#b", question=True),
        "d#c?q1": EntryRef("d#c", question=True),
        "d#c?q2": EntryRef("d#c", question=True),
    }
    return SectionRanker(sections, entries, fusion)


def test_two_near_questions_outrank_one_nearer_question() -> None:
    dense = [("d#a?q1", 0.80), ("d#b?q1", 0.78), ("d#b?q2", 0.77), ("d#c?q1", 0.40)]
    assert _ranker().question_ranking(dense) == ["d#b", "d#a", "d#c"]


def test_one_hit_per_section_and_unknown_entries_ignored() -> None:
    dense = [
        ("gone#old", 0.99),  # in the store, no longer in the files
        ("d#c?q1", 0.70),
        ("d#c?q2", 0.69),
        ("d#c", 0.60),
        ("d#a", 0.50),
        ("d#b", 0.40),
    ]
    ranked = _ranker().rank("deadline for the exploding offer", dense)
    assert [r.section_id for r in ranked][:1] == ["d#c"]
    assert ranked[0].score == pytest.approx(1.0)  # first for all three rankers
    assert len({r.section_id for r in ranked}) == len(ranked)
    assert "gone#old" not in {r.section_id for r in ranked}
    assert ranked[0].passage_id == "d#c"


def test_without_questions_the_question_ranking_is_left_out() -> None:
    ranker = SectionRanker(
        {"d#a": "median", "d#b": "floor"},
        {"d#a": EntryRef("d#a", False), "d#b": EntryRef("d#b", False)},
    )
    ranked = ranker.rank("median", [("d#a", 0.9), ("d#b", 0.1)])
    assert ranked[0].section_id == "d#a" and ranked[0].score == pytest.approx(1.0)


# -- neighbours: the sections beside the best ones ---------------------------------------
def _thread_ranker(fusion: Fusion | None = None) -> SectionRanker:
    """Document d is a thread a -> b -> c; e is another document's section."""
    sections = {sid: f"text of {sid}" for sid in ("d#a", "d#b", "d#c", "e#x", "e#y")}
    entries = {sid: EntryRef(sid, question=False) for sid in sections}
    beside = {"d#a": ("d#b",), "d#b": ("d#c", "d#a"), "d#c": ("d#b",), "e#x": ("e#y",)}
    return SectionRanker(sections, entries, fusion, neighbours=beside)


def test_a_neighbour_of_the_best_section_rises_below_the_kept_places() -> None:
    # d#b, e#x, e#y lead the passages; d#b's neighbour d#c is last of them.
    dense = [("d#b", 0.9), ("e#x", 0.8), ("e#y", 0.7), ("d#a", 0.6), ("d#c", 0.5)]
    plain = _thread_ranker(Fusion(neighbour_weight=0.0, kept=1))
    assert [r.section_id for r in plain.rank("zzz", dense)] == ["d#b", "e#x", "e#y", "d#a", "d#c"]
    ranked = _thread_ranker(Fusion(neighbours_of=1, kept=1)).rank("zzz", dense)
    order = [r.section_id for r in ranked]
    assert order[0] == "d#b"  # the kept place is the rankings' own
    assert order.index("d#c") < order.index("e#y") and order.index("d#a") < order.index("e#y")
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert ranked[0].score == plain.rank("zzz", dense)[0].score


def test_the_kept_places_are_never_moved_by_neighbours() -> None:
    dense = [("e#x", 0.9), ("d#b", 0.8), ("e#y", 0.7), ("d#a", 0.6), ("d#c", 0.5)]
    ranked = _thread_ranker(Fusion(neighbours_of=3, neighbour_weight=5.0, kept=3))
    assert [r.section_id for r in ranked.rank("zzz", dense)][:3] == ["e#x", "d#b", "e#y"]


def test_neighbours_are_the_named_sections_beside_one_in_its_document() -> None:
    text, _ = admitted(load_playbook(PLAYBOOK))
    index = SectionIndex(text)
    beside = neighbours(index.parts)
    order = list(index.parts)
    for sid, near in beside.items():
        assert len(near) <= 3
        for other in near:
            assert other.split("#")[0] == sid.split("#")[0]
            assert not other.endswith("#overview")
            assert order.index(other) - order.index(sid) in (1, -1, 2)
    # A document's steps follow each other: step four's neighbours are steps five and
    # three, then six (the thread runs forward); step six, the last, has five alone.
    four = next(s for s in order if s.startswith("sequence#step-four"))
    assert [n.split("#")[1].split("-")[1] for n in beside[four]] == ["five", "three", "six"]
    six = next(s for s in order if s.startswith("sequence#step-six"))
    assert [n.split("#")[1].split("-")[1] for n in beside[six]] == ["five"]


# -- questions in the front matter ---------------------------------------------------------
DOC = """---
id: demo
title: Demo document
topics: [alpha]
sources: [project-guidance]
questions:
  First section:
    - how do I do the first thing
    - whats the frist step
  'Second: with a colon':
    - and the second thing?
---
# Demo document

An overview paragraph.

## First section
Text of the first section.

## Second: with a colon
Text of the second section.
"""


def write(tmp_path: Path, text: str, name: str = "demo.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_questions_become_entries_that_point_to_their_section(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, DOC))
    assert [(q.id, q.section_id, q.text) for q in doc.questions] == [
        ("demo#first-section?q1", "demo#first-section", "how do I do the first thing"),
        ("demo#first-section?q2", "demo#first-section", "whats the frist step"),
        ("demo#second-with-a-colon?q1", "demo#second-with-a-colon", "and the second thing?"),
    ]
    assert {c.section_id for c in doc.chunks} >= {q.section_id for q in doc.questions}
    assert doc.questions[0].metadata()["kind"] == "question"


def test_a_changed_question_changes_only_its_hash(tmp_path: Path) -> None:
    before = {e.id: e.content_hash for e in read_document(write(tmp_path, DOC)).entries}
    edited = DOC.replace("whats the frist step", "what is the first step")
    after = {e.id: e.content_hash for e in read_document(write(tmp_path, edited)).entries}
    assert before.keys() == after.keys()
    assert [i for i in before if before[i] != after[i]] == ["demo#first-section?q2"]


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ("questions: [a, b]", "'questions' that are not a mapping"),
        ("questions:\n  First section: just one string", "questions for 'First section'"),
        ("questions:\n  No such heading: [why?]", "'No such heading', which is not one"),
    ],
)
def test_bad_questions_are_one_sentence_naming_the_file(
    tmp_path: Path, questions: str, message: str
) -> None:
    text = DOC.split("questions:")[0] + questions + "\n---\n" + DOC.split("\n---\n", 1)[1]
    with pytest.raises(DataError, match=message) as err:
        read_document(write(tmp_path, text))
    assert "demo.md" in str(err.value)


def test_every_playbook_section_has_its_questions() -> None:
    text = load_playbook(PLAYBOOK)
    asked = {q.section_id for q in text.questions}
    assert {c.section_id for c in text.chunks} == asked


def test_ingest_embeds_questions_and_re_embeds_only_a_changed_one(
    tmp_path: Path, home: Path, fake_embeddings: Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PLAYBOOK, knowledge / "playbook")
    settings = Settings(knowledge_dir=knowledge)
    first = Playbook(settings, fake_embeddings).ingest()
    text = load_playbook(settings.playbook_dir)
    assert first.added == len(text.chunks) + len(text.questions)

    path = knowledge / "playbook" / "timing.md"
    question = next(q for q in text.questions if q.path == "timing.md")
    path.write_text(
        path.read_text(encoding="utf-8").replace(question.text, question.text + " really", 1),
        encoding="utf-8",
    )
    seen: list[str] = []

    def progress(entries):  # type: ignore[no-untyped-def]
        entries = list(entries)
        seen.extend(e.id for e in entries)
        return entries

    report = Playbook(settings, fake_embeddings).ingest(progress=progress)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert seen == [question.id]


# -- query spelling ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def speller(index: SectionIndex) -> Speller:
    return index.speller


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("how do i ask my manger for a rasie", "how do i ask my manager for a raise"),
        ("compnay wont give me an extention", "company wont give me an extension"),
        ("Recuiter asked, do I tell?", "Recruiter asked, do I tell?"),
        # Words ending in "nt" are words like any other; only negations are kept.
        ("the importent part of a relevnt offer", "the important part of a relevant offer"),
        ("an equivelent role, paymnet up front", "an equivalent role, payment up front"),
    ],
)
def test_misspellings_are_read_as_playbook_words(speller: Speller, typed: str, read: str) -> None:
    assert speller.correct(typed) == read


@pytest.mark.parametrize(
    "text",
    [
        "putting a neat trick on my resume",  # real words, even where the playbook lacks them
        "they dont and wont pay",  # contractions: one edit from their opposite
        "it shouldnt matter, it doesnt and couldnt",  # long ones too
        "ofer",  # too short to guess
    ],
)
def test_real_words_short_words_and_contractions_are_left_alone(
    speller: Speller, text: str
) -> None:
    assert speller.correct(text) == text


def test_a_close_call_is_left_alone() -> None:
    speller = Speller(["cant", "csat"], frozenset())
    assert speller.correct("cnats") == "cnats"  # nothing one edit away
    assert Speller(["manager"] * 3 + ["manner"], frozenset()).correct("manger") == "manager"
    assert Speller(["manager", "manner"], frozenset()).correct("manger") == "manger"


def test_the_dictionary_is_the_models_whole_words() -> None:
    words = english_words()
    assert {"putting", "trick", "salary"} <= words
    assert not {"rasie", "recuiter", "##ing"} & words


# -- search on the real model ---------------------------------------------------------------
def test_search_gives_one_hit_per_section(playbook: Playbook) -> None:
    hits = playbook.search("equity vesting refresh grants", k=20)
    assert len(hits) == 20
    assert len({h.citation for h in hits}) == 20
    assert all(0 < h.score <= 1 for h in hits)


@pytest.mark.parametrize(
    ("query", "citation"),
    [
        # Misspelt: corrected before both rankers read it.
        ("how do i ask my manger for a rasie this yr", "timing § Annual reviews"),
        ("compnay wont give me an extention on the deadlien", "exploding-offers §"),
        ("govenment data on sofware developer wages", "market-bands § BLS OEWS"),
    ],
)
def test_misspelt_queries_find_the_section(playbook: Playbook, query: str, citation: str) -> None:
    hits = playbook.search(query, k=3)
    assert any(h.citation.startswith(citation) for h in hits), [h.citation for h in hits]


# -- headings: a term the person names -------------------------------------------------
def _headed() -> SectionRanker:
    sections = {
        "objections#we-pay-based-on-internal-equity": "text",
        "total-package#start-date-and-vacation": "text",
        "anchoring#deflecting-the-current-salary-question": "text",
        "anchoring#when-telling-them-your-current-salary-can-help": "text",
    }
    return SectionRanker(sections, {sid: EntryRef(sid, question=False) for sid in sections})


def test_a_heading_naming_the_query_s_term_is_ranked() -> None:
    ranker = _headed()
    query = "got the 'internal equity' explanation from the recruiter, now what"
    assert ranker.heading_ranking(query) == ["objections#we-pay-based-on-internal-equity"]
    # Plurals and the words between are read past: "start dates" names "start date".
    assert ranker.heading_ranking("can i push back the start dates") == [
        "total-package#start-date-and-vacation"
    ]


def test_a_term_in_several_headings_names_none_of_them() -> None:
    assert _headed().heading_ranking("should I share my current salary") == []


# -- "see also" links in the front matter ---------------------------------------------------
OTHER = """---
id: other
title: Other document
related:
  Their section:
    - 'demo § Second: with a colon'
---
# Other document

## Their section
Text of theirs.
"""


def test_a_link_names_a_section_of_another_file_and_comes_after_the_reading_order(
    tmp_path: Path,
) -> None:
    write(tmp_path, DOC)
    write(tmp_path, OTHER, "other.md")
    text = load_playbook(tmp_path)
    assert text.related == {"other#their-section": ("demo#second-with-a-colon",)}
    index = SectionIndex(text)
    assert neighbours(index.parts, text.related)["other#their-section"] == (
        "demo#second-with-a-colon",
    )
    # A section's own document comes first; a link adds to it, it does not replace it.
    assert neighbours(index.parts, {"demo#first-section": ("other#their-section",)})[
        "demo#first-section"
    ] == ("demo#second-with-a-colon", "other#their-section")
    # A link read backwards is a link too, after the section's own: the linked section
    # finds the one that links to it.
    assert neighbours(index.parts, {"other#their-section": ("demo#first-section",)})[
        "demo#first-section"
    ] == ("demo#second-with-a-colon", "other#their-section")
    # Quarantined (absent) targets are dropped, not kept as ids nothing can show.
    assert neighbours(index.parts, {"demo#first-section": ("gone#x",)})["demo#first-section"] == (
        "demo#second-with-a-colon",
    )


@pytest.mark.parametrize(
    ("related", "message"),
    [
        ("related: [a, b]", "'related' that is not a mapping"),
        ("related:\n  Their section: demo § First section", "related sections for 'Their section'"),
        ("related:\n  Their section: [just a heading]", "'file-id § Heading' links"),
        ("related:\n  No such heading: [demo § First section]", "'No such heading', which is not"),
    ],
)
def test_bad_links_are_one_sentence_naming_the_file(
    tmp_path: Path, related: str, message: str
) -> None:
    text = OTHER.split("related:")[0] + related + "\n---\n" + OTHER.split("\n---\n", 1)[1]
    with pytest.raises(DataError, match=message) as err:
        read_document(write(tmp_path, text, "other.md"))
    assert "other.md" in str(err.value)


def test_a_link_into_its_own_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, DOC)
    write(
        tmp_path,
        OTHER.replace("'demo § Second: with a colon'", "other § Their section"),
        "other.md",
    )
    with pytest.raises(DataError, match=r"other\.md links its section 'Their section'") as err:
        load_playbook(tmp_path)
    assert "in the same file" in str(err.value)


@pytest.mark.parametrize("target", ["gone § Anything", "demo § No such section"])
def test_a_link_to_a_section_no_longer_there_is_left_out_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, target: str
) -> None:
    # Someone removed a file, or renamed a heading, in their own playbook: searches go on.
    write(tmp_path, DOC)
    write(tmp_path, OTHER.replace("'demo § Second: with a colon'", target), "other.md")
    assert load_playbook(tmp_path).related == {"other#their-section": ()}
    assert "other.md links to" in caplog.text and "no such playbook section" in caplog.text


def test_the_playbook_links_resolve_and_cross_files() -> None:
    text = load_playbook(PLAYBOOK)
    assert len(text.related) >= 50  # the editor linked most sections
    sections = {c.section_id for c in text.chunks}
    # Every link as written names a section: none of the shipped ones is dropped.
    written = [read_document(path).related for path in sorted(PLAYBOOK.glob("*.md"))]
    assert [links for doc in written for links in doc.values()] == list(text.related.values())
    for sid, links in text.related.items():
        assert sid in sections and set(links) <= sections
        assert all(t.split("#")[0] != sid.split("#")[0] for t in links)
