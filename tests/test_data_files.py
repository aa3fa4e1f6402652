"""The bundled data files: a YAML mapping that names one key twice loses the first entry without a word
(a second `pick up` once hid the first one's sense), so no file may."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data"
FILES = sorted(DATA.rglob("*.yaml"))


def _duplicates(node: Any, where: str = "") -> list[str]:
    """The keys named twice in any mapping of a composed YAML node tree, with where they are."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if isinstance(key, yaml.ScalarNode) and name in seen:
                found.append(f"{where}/{name} (line {key.start_mark.line + 1})")
            seen.add(name)
            found += _duplicates(value, f"{where}/{name}")
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _duplicates(item, f"{where}[{i}]")
    return found


def test_there_are_data_files_to_check() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_no_data_file_names_a_key_twice(path: Path) -> None:
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert _duplicates(node) == []


def test_a_key_named_twice_is_found() -> None:
    node = yaml.compose("verbs:\n  pick up: {cameo: '173'}\n  hold: x\n  pick up: {cameo: '173'}\n")
    assert _duplicates(node) == ["/verbs/pick up (line 4)"]
