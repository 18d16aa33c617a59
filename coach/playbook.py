"""The playbook: Markdown files -> section chunks -> Chroma -> cited search results.

Chunks are one ``##`` section each, with stable ids (``doc-id#section-slug``)
and a content hash, so a re-ingest embeds only what changed and removes what
was deleted. A file's front matter may list, per section heading, the questions
that section answers in users' words (``questions:``); each is a store entry of its
own that points to its section, hashed like a chunk, so a changed question
re-embeds alone.

Search is hybrid (``coach.hybrid_search``): BM25 over the sections' words, built in
memory once per process, fused with the dense ranking of the store's entries; one
hit per section.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
from pydantic import BaseModel

from coach.dense_index import DenseIndex
from coach.embeddings import MODEL_NAME, shared_embeddings
from coach.errors import (
    CoachError,
    DataError,
    InputError,
    StoreMissingError,
    StoreUnavailableError,
)
from coach.hybrid_search import EntryRef, Fusion, RankedSection, SectionRanker
from coach.recheck import Recheck
from coach.spelling import Speller
from coach.tail_ranking import Layout, TailModel, tail_model
from coach.vocabulary import normalise

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from coach.config import Settings

log = logging.getLogger(__name__)

MAX_K = 20
OVERVIEW = "Overview"  # the heading given to a document's text before its first section
# Text that addresses a model rather than a reader: a playbook file carrying it is not
# advice, it is an injection attempt, and its section is kept out of the store.
INJECTION = re.compile(
    r"ignore (all |any |the )?(previous|prior|above|earlier) (instructions|rules)"
    r"|disregard (all |the |your |any )?(previous |prior )?(instructions|rules)"
    r"|\byou are now\b|\bsystem prompt\b|<\|im_start\|>|\[/?INST\]"
    r"|reveal (your|the) (instructions|prompt|budget)",
    re.IGNORECASE,
)
# Dense entries kept per search: enough that the passages and the questions each rank
# most sections. With 107 sections (~120 passages) and ~1,260 questions, the nearest 150
# are mostly questions and the passages' ranking runs thin (measured on the authored split
# and on held-out front-matter questions: 250 finds a right section in the top 3 for
# 39/39 and 187/214, 150 for 38/39 and 184/214; 400 changes nothing more).
DENSE_ENTRIES = 250
# The store's collection: cosine distance, as the dense scores below assume.
COLLECTION_METADATA = {"hnsw:space": "cosine"}
# Sections longer than this are split on paragraphs: MiniLM reads ~256 word pieces.
MAX_CHUNK_CHARS = 1600
# A "see also" link in the front matter's ``related:`` reads "file-id § Heading".
LINK_MARK = "§"
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Chunk:
    """One section, or one part of a long one (``section_id`` names the section)."""

    id: str
    doc_id: str
    title: str
    section: str
    text: str
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    path: str
    section_id: str

    @property
    def embed_text(self) -> str:
        """What gets embedded: headings carry much of a section's meaning."""
        return f"{self.title}. {self.section}.\n{self.text}"

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256(f"{MODEL_NAME}\n{self.embed_text}".encode())
        return digest.hexdigest()[:16]

    def metadata(self) -> dict[str, str]:
        return {
            "kind": "passage",
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "section_id": self.section_id,
            "topics": ", ".join(self.topics),
            "sources": ", ".join(self.sources),
            "path": self.path,
            "hash": self.content_hash,
            "text": self.text,
        }


@dataclass(frozen=True)
class Question:
    """A question a section answers, in a user's words: a store entry for its section.

    Embedded alone (a user's question is nearest to another user's question), so a
    paraphrase the section's prose never uses still finds it.
    """

    id: str
    section_id: str
    doc_id: str
    section: str
    text: str
    path: str

    @property
    def embed_text(self) -> str:
        return self.text

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256(f"{MODEL_NAME}\nquestion\n{self.embed_text}".encode())
        return digest.hexdigest()[:16]

    def metadata(self) -> dict[str, str]:
        return {
            "kind": "question",
            "doc_id": self.doc_id,
            "section": self.section,
            "section_id": self.section_id,
            "path": self.path,
            "hash": self.content_hash,
        }


Entry = Chunk | Question


@dataclass(frozen=True)
class PlaybookText:
    """What the playbook files hold: the sections' chunks, the questions they answer, and
    each section's "see also" links to sections of other files (section id -> ids)."""

    chunks: list[Chunk]
    questions: list[Question]
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def entries(self) -> list[Entry]:
        return [*self.chunks, *self.questions]


class Hit(BaseModel):
    """One search result, with what a citation needs."""

    rank: int
    id: str
    doc_id: str
    title: str
    section: str
    score: float
    text: str
    sources: list[str]

    @property
    def citation(self) -> str:
        return f"{self.doc_id} § {self.section}"


class IngestReport(BaseModel):
    added: int
    updated: int
    unchanged: int
    removed: int
    quarantined: list[str] = []

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _split_long(text: str) -> list[str]:
    """Split an over-long section on blank lines into parts under MAX_CHUNK_CHARS."""
    if len(text) <= MAX_CHUNK_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for para in re.split(r"\n\s*\n", text):
        if current and len(current) + len(para) + 2 > MAX_CHUNK_CHARS:
            parts.append(current)
            current = para
        else:
            current = f"{current}\n\n{para}" if current else para
    if current:
        parts.append(current)
    return parts


def _listed(post: frontmatter.Post, key: str, path: Path) -> tuple[str, ...]:
    """A front-matter list as strings; YAML can give any type, so check it is a list."""
    value = post.get(key) or ()
    if not isinstance(value, Iterable):
        raise DataError(f"The playbook file {path.name} has a '{key}' that is not a list.")
    return tuple(str(item) for item in value)


@dataclass(frozen=True)
class _HeadingLists:
    """A front-matter key mapping section headings to lists of strings, and the words its
    errors use (YAML can give any type, so both levels are checked)."""

    key: str
    not_a_mapping: str  # what the file has when the key is no mapping
    bad_list: str  # what it has when a heading's list is wrong ({heading} filled in)
    valid: Callable[[object], bool]


_QUESTIONS = _HeadingLists(
    "questions",
    "'questions' that are not a mapping of section headings to lists of questions",
    "questions for '{heading}' that are not a list of sentences",
    lambda item: isinstance(item, str),
)
_RELATED = _HeadingLists(
    "related",
    "'related' that is not a mapping of section headings to lists of links",
    "related sections for '{heading}' that are not a list of "
    f"'file-id {LINK_MARK} Heading' links",
    lambda item: isinstance(item, str) and LINK_MARK in item,
)


def _by_heading(
    post: frontmatter.Post, path: Path, lists: _HeadingLists
) -> dict[str, tuple[str, ...]]:
    """The front matter's ``questions:`` (the questions each section answers) or
    ``related:`` (its "other-file-id § Heading" links): section heading -> its strings."""
    value = post.get(lists.key) or {}
    if not isinstance(value, dict):
        raise DataError(f"The playbook file {path.name} has {lists.not_a_mapping}.")
    found: dict[str, tuple[str, ...]] = {}
    for heading, listed in value.items():
        if not isinstance(listed, list) or not all(lists.valid(item) for item in listed):
            raise DataError(
                f"The playbook file {path.name} has {lists.bad_list.format(heading=heading)}."
            )
        found[str(heading).strip()] = tuple(item.strip() for item in listed if item.strip())
    return found


def link_target(link: str) -> str:
    """The section id a "file-id § Heading" link names."""
    doc_id, _, heading = link.partition(LINK_MARK)
    return f"{doc_id.strip()}#{slugify(heading.strip())}"


def chunk_document(path: Path) -> list[Chunk]:
    """One chunk per ``##`` section (text before the first one is the overview)."""
    return read_document(path).chunks


def read_document(path: Path) -> PlaybookText:
    """A file's chunks (one per ``##`` section, or parts of it) and its sections' questions."""
    try:
        post = frontmatter.load(path)
    except Exception as exc:  # yaml errors come in many types
        raise DataError(
            f"The playbook file {path.name} has unreadable front matter: {exc}"
        ) from exc
    doc_id = str(post.get("id") or path.stem)
    title = str(post.get("title") or doc_id)
    topics = _listed(post, "topics", path)
    sources = _listed(post, "sources", path)
    body = re.sub(r"^#\s+.*\n", "", post.content.strip() + "\n", count=1)

    sections: list[tuple[str, str]] = []
    matches = list(_HEADING.finditer(body))
    intro = body[: matches[0].start()] if matches else body
    if intro.strip():
        sections.append((OVERVIEW, intro.strip()))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        text = body[match.end() : end].strip()
        if text:
            sections.append((match.group(1).strip(), text))

    asked = _by_heading(post, path, _QUESTIONS)
    linked = _by_heading(post, path, _RELATED)
    headings = {section for section, _ in sections}
    for key, found in (("questions", asked), ("related sections", linked)):
        unknown = sorted(set(found) - headings)
        if unknown:
            raise DataError(
                f"The playbook file {path.name} has {key} for '{unknown[0]}', "
                "which is not one of its section headings."
            )
    related: dict[str, tuple[str, ...]] = {}

    chunks: list[Chunk] = []
    questions: list[Question] = []
    seen: set[str] = set()
    for section, text in sections:
        sid = f"{doc_id}#{slugify(section)}"
        while sid in seen:  # two sections with the same heading
            sid += "-2"
        parts = _split_long(text)
        for n, part in enumerate(parts, start=1):
            cid = sid + (f"-{n}" if len(parts) > 1 else "")
            while cid in seen:
                cid += "-2"
            seen.add(cid)
            chunks.append(Chunk(cid, doc_id, title, section, part, topics, sources, path.name, sid))
        seen.add(sid)
        for n, question in enumerate(asked.pop(section, ()), start=1):
            questions.append(Question(f"{sid}?q{n}", sid, doc_id, section, question, path.name))
        if section in linked:
            related[sid] = tuple(link_target(link) for link in linked.pop(section))
    return PlaybookText(chunks, questions, related)


def load_playbook(playbook_dir: Path) -> PlaybookText:
    files = sorted(playbook_dir.glob("*.md"))
    if not files:
        raise DataError(
            f"No playbook files found in {playbook_dir}: the knowledge folder is missing."
        )
    read = [read_document(path) for path in files]
    chunks = [c for doc in read for c in doc.chunks]
    related = {sid: links for doc in read for sid, links in doc.related.items()}
    return PlaybookText(
        chunks, [q for doc in read for q in doc.questions], _checked(related, chunks)
    )


def _checked(
    related: dict[str, tuple[str, ...]], chunks: list[Chunk]
) -> dict[str, tuple[str, ...]]:
    """The links, each to a section of another file. A link to a section that is not there
    (someone removed the file, or renamed or cut the section, in their playbook) is dropped
    with a warning: searches go on without it. A link into its own file is an error (the
    reading order links those already)."""
    where = {c.section_id: c for c in chunks}
    kept: dict[str, tuple[str, ...]] = {}
    for sid, links in related.items():
        for target in links:
            named = target.replace("#", f" {LINK_MARK} ")
            if target.partition("#")[0] == where[sid].doc_id:
                raise DataError(
                    f"The playbook file {where[sid].path} links its section "
                    f"'{where[sid].section}' to '{named}' in the same file: "
                    "a link names a section of another file."
                )
            if target not in where:
                log.warning(
                    "%s links to '%s': no such playbook section, link left out.",
                    where[sid].path,
                    named,
                )
        kept[sid] = tuple(t for t in links if t in where)
    return kept


def load_chunks(playbook_dir: Path) -> list[Chunk]:
    return load_playbook(playbook_dir).chunks


def admitted(text: PlaybookText) -> tuple[PlaybookText, list[str]]:
    """The playbook without what reads like instructions to a model, and what was left out.

    A quarantined section takes its questions with it; a question that reads like
    instructions is left out on its own.
    """
    bad = [c for c in text.chunks if INJECTION.search(c.embed_text)]
    gone = {c.section_id for c in bad}
    chunks = [c for c in text.chunks if c.section_id not in gone]
    questions = [q for q in text.questions if q.section_id not in gone]
    bad_questions = [q for q in questions if INJECTION.search(q.text)]
    questions = [q for q in questions if not INJECTION.search(q.text)]
    quarantined = [c.id for c in bad] + [q.id for q in bad_questions]
    return PlaybookText(chunks, questions, text.related), quarantined


class SectionIndex:
    """The playbook's sections in memory: their text for hits, and the hybrid ranker."""

    def __init__(
        self, text: PlaybookText, fusion: Fusion | None = None, tail: TailModel | None = None
    ) -> None:
        """``tail``: the model ordering the places after the first few; the shipped one
        unless given (``coach.tail_ranking``)."""
        self.parts: dict[str, list[Chunk]] = {}
        for chunk in text.chunks:
            self.parts.setdefault(chunk.section_id, []).append(chunk)
        asked: dict[str, list[str]] = {}
        for q in text.questions:
            asked.setdefault(q.section_id, []).append(q.text)
        entries = {c.id: EntryRef(c.section_id, question=False) for c in text.chunks}
        entries |= {q.id: EntryRef(q.section_id, question=True) for q in text.questions}
        self.ranker = SectionRanker(
            {sid: lexical_text(parts, asked.get(sid, [])) for sid, parts in self.parts.items()},
            entries,
            fusion,
            neighbours=neighbours(self.parts, text.related),
            layout=layout(self.parts, text.related),
            tail=tail if tail is not None else tail_model(),
        )
        from coach.minilm import english_words  # lazy: numpy and tokenizers load with it

        # Corrections go to the prose's words only: the questions keep users' typos.
        self.speller = Speller(
            (w for c in text.chunks for w in normalise(c.embed_text).split()), english_words()
        )

    def section(self, citation: str) -> Hit | None:
        """The whole section a citation names ("doc § Heading", any case), or None: what a
        citation opens in the UI when no search of the turn returned it."""
        parts = self._cited.get(" ".join(citation.split()).lower())
        if parts is not None:
            first = parts[0]
            return Hit(
                rank=1,
                id=first.id,
                doc_id=first.doc_id,
                title=first.title,
                section=first.section,
                score=1.0,
                text="\n\n".join(p.text for p in parts),
                sources=list(first.sources),
            )
        return None

    @functools.cached_property
    def _cited(self) -> dict[str, list[Chunk]]:
        """Each section's parts by its citation, in lower case."""
        return {
            f"{parts[0].doc_id} § {parts[0].section}".lower(): parts
            for parts in self.parts.values()
        }

    def hit(self, rank: int, found: RankedSection) -> Hit:
        parts = self.parts[found.section_id]
        # A long section's hit quotes its part nearest the query.
        part = next((p for p in parts if p.id == found.passage_id), parts[0])
        return Hit(
            rank=rank,
            id=part.id,
            doc_id=part.doc_id,
            title=part.title,
            section=part.section,
            score=round(found.score, 4),
            text=part.text,
            sources=list(part.sources),
        )


def neighbours(
    parts: dict[str, list[Chunk]], related: dict[str, tuple[str, ...]] | None = None
) -> dict[str, tuple[str, ...]]:
    """Each section -> the named sections just after and just before it in its document,
    the one two after it, then the sections of other files its front matter links to
    ("see also"), then those whose links name it.

    ``parts`` lists the sections in reading order. An overview is nobody's neighbour: it
    sums up the whole document rather than continuing the section beside it. A link to a
    section that is not in ``parts`` (quarantined) is dropped.

    Two after, not two before: a document runs forward, and the step after next often
    finishes the thought (what a refusal to extend says, then how to decide fast anyway;
    the annual review, then building leverage before the next one). A link read backwards
    is a link too: the editor who wrote "mistake three -> finding your function median"
    said the two answer one question, whichever of them a search finds first.

    The links are an editor's: the section that completes the same question from another
    file (comparing two offers on 4-year totals -> refresh grants and 4-year totals), which
    the reading order cannot give. The document's own neighbours come first (measured on
    the held-out questions, recall@5 0.938 vs 0.934 links first). Measured with
    benchmarks/retrieval_tuning.py, never on the fresh split: the section two after and
    the links read backwards took the tuning queries' recall@5 from 0.841 to 0.846 and the
    authored split's from 0.936 to 0.953, held-out questions unchanged (0.956); hit@3 and
    MRR unchanged on all three.
    """
    order = list(parts)
    linked_by: dict[str, list[str]] = {}
    for sid, links in (related or {}).items():
        for target in links:
            linked_by.setdefault(target, []).append(sid)
    found: dict[str, tuple[str, ...]] = {}
    for i, sid in enumerate(order):
        doc = parts[sid][0].doc_id
        beside = [order[j] for j in (i + 1, i - 1, i + 2) if 0 <= j < len(order)]
        near = [
            other
            for other in beside
            if parts[other][0].doc_id == doc and parts[other][0].section != OVERVIEW
        ]
        for other in (*(related or {}).get(sid, ()), *linked_by.get(sid, ())):
            if other in parts and other not in near and other != sid:
                near.append(other)
        found[sid] = tuple(near)
    return found


def layout(
    parts: dict[str, list[Chunk]], related: dict[str, tuple[str, ...]] | None = None
) -> Layout:
    """Where each section stands, for the model that orders the later places: its
    document, its place in reading order (``parts``' order), the overviews, and the "see
    also" links read both ways (to sections that are in ``parts``)."""
    links: dict[str, set[str]] = {}
    for sid, targets in (related or {}).items():
        for target in targets:
            if sid in parts and target in parts:
                links.setdefault(sid, set()).add(target)
                links.setdefault(target, set()).add(sid)
    return Layout(
        order={sid: n for n, sid in enumerate(parts)},
        document={sid: chunks[0].doc_id for sid, chunks in parts.items()},
        overviews=frozenset(sid for sid, chunks in parts.items() if chunks[0].section == OVERVIEW),
        links={sid: frozenset(near) for sid, near in links.items()},
    )


def lexical_text(parts: list[Chunk], questions: list[str]) -> str:
    """What BM25 reads for a section: its heading and title, its text, its questions."""
    first = parts[0]
    return "\n".join([f"{first.title}. {first.section}.", *(p.text for p in parts), *questions])


@functools.lru_cache(maxsize=4)
def _section_index(playbook_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> SectionIndex:
    del signature  # part of the cache key only: a changed file builds a new index
    text, _ = admitted(load_playbook(playbook_dir))
    return SectionIndex(text)


def section_index(playbook_dir: Path) -> SectionIndex:
    """The sections of the playbook in ``playbook_dir``, built once per process and
    rebuilt when a file changes (its files are checked at most once a second)."""
    with _WATCH_LOCK:
        watch = _WATCHES.get(playbook_dir)
        if watch is None:
            watch = _WATCHES[playbook_dir] = Recheck(functools.partial(_signature, playbook_dir))
    return _section_index(playbook_dir, watch.get())


def _signature(playbook_dir: Path) -> tuple[tuple[str, int, int], ...]:
    # One directory listing and a stat per file (pathlib's glob costs several times that
    # in Python): the files glob("*.md") matches.
    with os.scandir(playbook_dir) as found:
        return tuple(
            sorted(
                (entry.name, st.st_mtime_ns, st.st_size)
                for entry in found
                if entry.name.endswith(".md") and not entry.name.startswith(".")
                for st in [entry.stat()]
            )
        )


_WATCHES: dict[Path, Recheck[tuple[tuple[str, int, int], ...]]] = {}
_WATCH_LOCK = threading.Lock()


def recheck_playbook(playbook_dir: Path) -> None:
    """Check the files at the next search: this process has just read them (an ingest)."""
    with _WATCH_LOCK:
        watch = _WATCHES.get(playbook_dir)
    if watch is not None:
        watch.expire()


def _client(settings: Settings) -> Any:
    """A Chroma client: a server when COACH_CHROMA_URL is set, else the embedded store."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises ValueError/ConnectError variants
            raise StoreUnavailableError(
                f"The Chroma server at {settings.chroma_url} cannot be reached: "
                "start it, or unset COACH_CHROMA_URL to use the embedded store."
            ) from exc
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class Playbook:
    """The playbook store: ingest and search. Opens the store on first use.

    ``embeddings`` embeds sections and queries: the shared local model unless another is
    given (tests of ingest bookkeeping pass a fast deterministic one). A store is built
    and searched with one model; the section hashes assume the local model.
    """

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings or shared_embeddings()
        self._store: Chroma | None = None
        self._collection: Any = None
        # A local store's vectors, ranked in memory (coach.dense_index); a Chroma server
        # is asked each time: other clients may change it.
        self._dense = (
            None
            if settings.chroma_url
            else DenseIndex(
                settings.chroma_path, self._stored_vectors, snapshot=settings.store_vectors_path
            )
        )

    @property
    def collection(self) -> Any:
        """The Chroma collection itself, for searching: opened without LangChain's Chroma
        wrapper, whose vector-store base class brings LangChain's runnables and their
        tracing (~0.5 s a process); the store (``store``) wraps the same collection."""
        if self._collection is None:
            if self._store is not None:
                self._collection = self._store._collection
            else:
                self._collection = _client(self.settings).get_or_create_collection(
                    name=self.settings.collection,
                    embedding_function=None,
                    metadata=COLLECTION_METADATA,
                )
        return self._collection

    @property
    def store(self) -> Chroma:
        if self._store is None:
            from langchain_chroma import Chroma

            self._store = Chroma(
                collection_name=self.settings.collection,
                embedding_function=self.embeddings,
                client=_client(self.settings),
                collection_metadata=COLLECTION_METADATA,
            )
        return self._store

    def _existing_hashes(self) -> dict[str, str]:
        got = self._guard(lambda: self.store.get(include=["metadatas"]))
        return {
            i: (m or {}).get("hash", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def ingest(
        self, progress: Callable[[Iterable[Entry]], Iterable[Entry]] | None = None
    ) -> IngestReport:
        """Upsert new and changed entries (section chunks and their questions), delete
        vanished ones; embed only what changed."""
        text, quarantined = admitted(load_playbook(self.settings.playbook_dir))
        for eid in quarantined:
            log.warning("playbook entry %s reads like instructions to a model: not ingested", eid)
        entries = text.entries
        existing = self._existing_hashes()
        todo = [e for e in entries if existing.get(e.id) != e.content_hash]
        stale = sorted(set(existing) - {e.id for e in entries})
        batch = list(progress(todo) if progress else todo)
        if batch:
            self._guard(
                lambda: self.store.add_texts(
                    texts=[e.embed_text for e in batch],
                    metadatas=[e.metadata() for e in batch],
                    ids=[e.id for e in batch],
                )
            )
        if stale:
            self._guard(lambda: self.store.delete(ids=stale))
        if (batch or stale) and self._dense is not None:
            self._dense.forget()
        # The files were just read: the sections searched next are the ones ingested.
        recheck_playbook(self.settings.playbook_dir)
        added = sum(1 for e in todo if e.id not in existing)
        return IngestReport(
            added=added,
            updated=len(todo) - added,
            unchanged=len(entries) - len(todo),
            removed=len(stale),
            quarantined=quarantined,
        )

    def count(self) -> int:
        return self._guard(lambda: self.collection.count())

    def search(self, query: str, k: int = 4) -> list[Hit]:
        """The ``k`` sections that best answer ``query``, one hit per section.

        ``score`` is the fused reciprocal-rank score in (0, 1] (``coach.fusion``): 1.0
        when BM25, the passages' and the questions' dense rankings all put the section
        first; it orders the hits of one query and is not comparable across queries.
        """
        query = (query or "").strip()
        if not query:
            raise InputError("Please type a question or some words to search the playbook for.")
        if not 1 <= k <= MAX_K:
            raise InputError(
                f"The number of results must be between 1 and {MAX_K}; you asked for {k}."
            )
        index = section_index(self.settings.playbook_dir)
        # Both rankers read the query with its misspellings corrected ("rasie" -> "raise").
        query = index.speller.correct(query)
        dense = self._nearest_entries(query, asked=len(index.ranker.entries))
        if not dense and self.count() == 0:  # asked only then: a count per search is waste
            raise StoreMissingError(
                "The playbook store is empty: run `coach ingest` (or `make run`) to build it first."
            )
        return [
            index.hit(rank, found)
            for rank, found in enumerate(index.ranker.rank(query, dense)[:k], start=1)
        ]

    def section(self, citation: str) -> Hit | None:
        """The section a citation names, read from the playbook files (no store needed)."""
        return self.sections().section(citation)

    def sections(self) -> SectionIndex:
        """The playbook's sections as its files stand now: for several look-ups at once
        (each call checks the files for changes)."""
        return section_index(self.settings.playbook_dir)

    def _nearest_entries(self, query: str, asked: int) -> list[tuple[str, float]]:
        """The ``DENSE_ENTRIES`` store entries nearest to the query, nearest first, with
        their cosine similarity.

        ``asked``: how many entries the playbook has. The store is asked for all of them
        and cut here: asked for 150 of ~750 (then), its approximate (HNSW) search returned a
        different set from one process to the next (measured: 112 of the 195 eval queries
        differed between two runs, enough to move a section from first to fourth), while
        a search for every entry visits every entry, so the nearest 150 are exact and the
        same in every run (~3 ms more a search). A local store's ranking is the same
        exact one, computed in memory (``coach.dense_index``).
        """
        vector = self.embeddings.embed_query(query)
        if self._dense is not None:
            return self._dense.vectors().nearest(vector, DENSE_ENTRIES)
        vectors: list[Sequence[float]] = [vector]
        wanted = max(DENSE_ENTRIES, asked)
        got = self._guard(
            lambda: self.collection.query(
                query_embeddings=vectors, n_results=wanted, include=["distances"]
            )
        )
        if not got["ids"] or not got["ids"][0]:
            return []
        ids, distances = got["ids"][0][:DENSE_ENTRIES], got["distances"][0][:DENSE_ENTRIES]
        return [(eid, 1.0 - float(d)) for eid, d in zip(ids, distances, strict=True)]

    def _stored_vectors(self) -> tuple[list[str], Any]:
        """Every entry's id and vector, as the store holds them."""
        got = self.collection.get(include=["embeddings"])
        return got["ids"], got["embeddings"]

    def _guard(self, call: Callable[[], Any]) -> Any:
        """Turn a lost Chroma server into one plain sentence."""
        try:
            return call()
        except CoachError:
            raise
        except Exception as exc:
            if self.settings.chroma_url and _is_connection_error(exc):
                raise StoreUnavailableError(
                    f"The Chroma server at {self.settings.chroma_url} stopped answering: "
                    "check that it is running, or unset COACH_CHROMA_URL."
                ) from exc
            raise


def _is_connection_error(exc: BaseException) -> bool:
    import httpx

    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, (httpx.TransportError, ConnectionError)):
            return True
        if "connect" in str(chain).lower():
            return True
        chain = chain.__cause__ or chain.__context__
    return False
