"""Reading the project's YAML data files.

PyYAML's pure-Python parser takes about half a second over all of them at start-up; its libyaml
binding (in the PyPI wheels) gives the same data in a tenth of the time. It is used when present.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (plain data only), as ``yaml.safe_load`` does, but faster."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
