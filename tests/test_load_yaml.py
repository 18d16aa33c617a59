"""coach.resources.load_yaml: the C parser reads the packaged YAML as yaml.safe_load does."""

from __future__ import annotations

import pytest
import yaml

from coach.resources import KNOWLEDGE_DIR, load_yaml

PACKAGED = sorted(KNOWLEDGE_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.name)
def test_the_same_data_as_safe_load(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_tags_that_build_objects_are_refused():
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_bad_yaml_raises_the_yaml_error():
    with pytest.raises(yaml.YAMLError):
        load_yaml("roles: [unclosed")
