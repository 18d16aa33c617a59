"""The playbook: Markdown files -> section chunks -> Chroma -> cited search results.

Chunks are one ``##`` section each, with stable ids (``doc-id#section-slug``)
and a content hash, so a re-ingest embeds only what changed and removes what
was deleted.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
from pydantic import BaseModel

from coach.embeddings import MODEL_NAME, shared_embeddings
from coach.errors import (
    CoachError,
    DataError,
    InputError,
    StoreMissingError,
    StoreUnavailableError,
)

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from coach.config import Settings

log = logging.getLogger(__name__)

MAX_K = 20
# Text that addresses a model rather than a reader: a playbook file carrying it is not
# advice, it is an injection attempt, and its section is kept out of the store.
INJECTION = re.compile(
    r"ignore (all |any |the )?(previous|prior|above|earlier) (instructions|rules)"
    r"|disregard (all |the |your |any )?(previous |prior )?(instructions|rules)"
    r"|\byou are now\b|\bsystem prompt\b|<\|im_start\|>|\[/?INST\]"
    r"|reveal (your|the) (instructions|prompt|budget)",
    re.IGNORECASE,
)
# Sections longer than this are split on paragraphs: MiniLM reads ~256 word pieces.
MAX_CHUNK_CHARS = 1600
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    title: str
    section: str
    text: str
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    path: str

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
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "topics": ", ".join(self.topics),
            "sources": ", ".join(self.sources),
            "path": self.path,
            "hash": self.content_hash,
        }


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


def chunk_document(path: Path) -> list[Chunk]:
    """One chunk per ``##`` section (text before the first one is the overview)."""
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
        sections.append(("Overview", intro.strip()))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        text = body[match.end() : end].strip()
        if text:
            sections.append((match.group(1).strip(), text))

    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section, text in sections:
        parts = _split_long(text)
        for n, part in enumerate(parts, start=1):
            cid = f"{doc_id}#{slugify(section)}" + (f"-{n}" if len(parts) > 1 else "")
            while cid in seen:  # two sections with the same heading
                cid += "-2"
            seen.add(cid)
            chunks.append(Chunk(cid, doc_id, title, section, part, topics, sources, path.name))
    return chunks


def load_chunks(playbook_dir: Path) -> list[Chunk]:
    files = sorted(playbook_dir.glob("*.md"))
    if not files:
        raise DataError(
            f"No playbook files found in {playbook_dir}: the knowledge folder is missing."
        )
    return [chunk for path in files for chunk in chunk_document(path)]


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

    @property
    def store(self) -> Chroma:
        if self._store is None:
            from langchain_chroma import Chroma

            self._store = Chroma(
                collection_name=self.settings.collection,
                embedding_function=self.embeddings,
                client=_client(self.settings),
                collection_metadata={"hnsw:space": "cosine"},
            )
        return self._store

    def _existing_hashes(self) -> dict[str, str]:
        got = self._guard(lambda: self.store.get(include=["metadatas"]))
        return {
            i: (m or {}).get("hash", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def ingest(
        self, progress: Callable[[Iterable[Chunk]], Iterable[Chunk]] | None = None
    ) -> IngestReport:
        """Upsert new and changed chunks, delete vanished ones; embed only what changed."""
        loaded = load_chunks(self.settings.playbook_dir)
        chunks = [c for c in loaded if not INJECTION.search(c.embed_text)]
        quarantined = [c.id for c in loaded if INJECTION.search(c.embed_text)]
        for cid in quarantined:
            log.warning("playbook section %s reads like instructions to a model: not ingested", cid)
        existing = self._existing_hashes()
        todo = [c for c in chunks if existing.get(c.id) != c.content_hash]
        stale = sorted(set(existing) - {c.id for c in chunks})
        batch = list(progress(todo) if progress else todo)
        if batch:
            self._guard(
                lambda: self.store.add_texts(
                    texts=[c.embed_text for c in batch],
                    metadatas=[c.metadata() | {"text": c.text} for c in batch],
                    ids=[c.id for c in batch],
                )
            )
        if stale:
            self._guard(lambda: self.store.delete(ids=stale))
        added = sum(1 for c in todo if c.id not in existing)
        return IngestReport(
            added=added,
            updated=len(todo) - added,
            unchanged=len(chunks) - len(todo),
            removed=len(stale),
            quarantined=quarantined,
        )

    def count(self) -> int:
        return self._guard(lambda: self.store._collection.count())

    def search(self, query: str, k: int = 4) -> list[Hit]:
        query = (query or "").strip()
        if not query:
            raise InputError("Please type a question or some words to search the playbook for.")
        if not 1 <= k <= MAX_K:
            raise InputError(
                f"The number of results must be between 1 and {MAX_K}; you asked for {k}."
            )
        found = self._guard(lambda: self.store.similarity_search_with_score(query, k=k))
        if not found and self.count() == 0:  # asked only then: a count per search is waste
            raise StoreMissingError(
                "The playbook store is empty: run `coach ingest` (or `make run`) to build it first."
            )
        return [
            Hit(
                rank=rank,
                id=str(doc.id),
                doc_id=doc.metadata["doc_id"],
                title=doc.metadata["title"],
                section=doc.metadata["section"],
                # Cosine distance -> similarity in [-1, 1]; higher is better.
                score=round(1.0 - float(distance), 4),
                text=doc.metadata.get("text", doc.page_content),
                sources=[s for s in doc.metadata.get("sources", "").split(", ") if s],
            )
            for rank, (doc, distance) in enumerate(found, start=1)
        ]

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
