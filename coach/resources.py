"""Where the data that ships inside the package lives: one place, read through importlib.resources.

The playbook, market tables, intents, scenarios (``knowledge/``), the prompt and answer
templates (``prompts/``) and the eval datasets (``evals/``) are package data, so a wheel
installed anywhere has them. A wheel is unpacked on disk, so the traversable is a real
directory; the Path is what Chroma, the YAML loaders and ``glob`` need.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): the same data as the
# pure-Python SafeLoader, ~8x faster. The vocabulary and the intent examples are parsed
# at every start of `coach`, where the pure-Python parser cost ~0.1 s.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_path(*parts: str) -> Path:
    """``package_path("knowledge", "market")`` → that folder inside the installed package."""
    return Path(str(files("coach").joinpath(*parts)))


KNOWLEDGE_DIR = package_path("knowledge")
PROMPTS_DIR = package_path("prompts")
EVALS_DIR = package_path("evals")


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, with the C parser when there is one (errors: yaml.YAMLError)."""
    return yaml.load(text, Loader=_SAFE_LOADER)
