"""Countries that became independent of another: which country a place or a capital lay in on a date.

The table is ``data/successions.csv``; the places stage and the actor resolver both read it, so that a
report from 2005 on Juba (or on "Juba" as a seat of government) is about Sudan, not South Sudan.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from importlib import resources


@dataclass(frozen=True, slots=True)
class Successions:
    """Successor country → (the country it lay in before, the day of independence)."""

    table: dict[str, tuple[str, date]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Successions:
        """Read the bundled table (``#`` lines are comments)."""
        text = resources.files("thucydides").joinpath("data", "successions.csv").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        rows = csv.DictReader(io.StringIO("\n".join(lines)))
        return cls({r["country"]: (r["from"], date.fromisoformat(r["since"])) for r in rows})

    def country_on(self, iso: str | None, when: date | None) -> tuple[str | None, str]:
        """The country ``iso`` lay in on ``when`` and, where it differs, why (else an empty reason)."""
        split = self.table.get(iso or "")
        if iso is None or when is None or split is None or when >= split[1]:
            return iso, ""
        earlier, since = split
        return earlier, f"part of {earlier} until {since.isoformat()}"
