"""Arrays kept between processes in one ``.npz`` file, written whole or not at all.

The embedding cache, the intent classifier's fit and the copy of the store's vectors
are each rebuilt when their file is missing, so a failed write only costs time; but a
half-written file must never be read, hence a temp file beside it and a rename.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np


def write_npz(path: Path, **arrays: object) -> None:
    """Replace ``path`` with ``arrays`` atomically: a reader sees the old file or the new.
    Raises OSError (the temp file removed) when the directory can't be written."""
    tmp_name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            np.savez(tmp, **arrays)  # type: ignore[arg-type]
        os.replace(tmp_name, path)
    except OSError:
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
        raise
