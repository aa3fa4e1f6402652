"""The actor knowledge base: countries, institutions, organisations, groups and people, with roles in time.

Everything is read from the data files in ``thucydides/data/actors/`` (see its README) plus any user
files handed to :meth:`KnowledgeBase.load`; all lookup tables are built once there, so resolution itself
only does dictionary lookups (and a blocked fuzzy comparison for person names).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, cast

import yaml

from thucydides.actors.names import ascii_fold, norm_key, tokens
from thucydides.datafile import load_yaml
from thucydides.record import ActorType
from thucydides.successions import Successions

EASTERN_ORDER = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC", "VNM", "SGP"})
_BUNDLED = (
    "countries.csv",
    "institutions.yaml",
    "organizations.yaml",
    "groups.yaml",
    "parties.yaml",
    "people.yaml",
)
_KINDS = ("country", "institution", "organization", "group", "person")
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "mullah",
        "sheikh",
        "ayatollah",
        "prince",
        "king",
        "queen",
        "general",
        "gen",
        "president",
        "prime",
        "minister",
    }
)


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Role:
    """A position held between two dates (``end`` exclusive; ``None`` = open)."""

    sector: str
    country: str | None = None
    start: date | None = None
    end: date | None = None
    title: str = ""

    def active(self, when: date) -> bool:
        """True when the role is held on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(slots=True)
class Entry:
    """One actor of the knowledge base."""

    id: str
    name: str
    kind: str  # country | capital | institution | organization | group | person
    type: ActorType
    country: str | None = None
    sector: str | None = None
    countries: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    default_country: str | None = None
    eastern: bool = False
    family: str = ""
    given: tuple[str, ...] = ()
    source: str = ""

    def at(self, when: date | None) -> tuple[str | None, str | None, str]:
        """Country, sector and a short reason for this actor on ``when`` (roles in time)."""
        if not self.roles:
            return self.country or self.default_country, self.sector, ""
        if when is None:
            ongoing = [r for r in self.roles if r.end is None]
            role = max(ongoing or self.roles, key=lambda r: r.start or date.min)
            return role.country or self.country, role.sector, f"role {role.title or role.sector} (no date)"
        active = [r for r in self.roles if r.active(when)]
        if active:
            role = max(active, key=lambda r: r.start or date.min)
            return role.country or self.country, role.sector, f"{role.title or role.sector} on {when}"
        past = [r for r in self.roles if r.end is not None and r.end <= when]
        fallback = self.sector if self.sector and self.sector not in {"GOV", "MIL"} else "ELI"
        if past:
            last = max(past, key=lambda r: r.end or date.min)
            return (
                last.country or self.country,
                fallback,
                f"out of office on {when} (was {last.title or last.sector})",
            )
        first = min(self.roles, key=lambda r: r.start or date.min)
        return self.country or first.country, fallback, f"not yet in office on {when}"


@dataclass(frozen=True, slots=True)
class SectorWord:
    """A word that gives an actor noun phrase its sector."""

    sector: str
    weak: bool = False
    generic: bool = False
    name_only: bool = False  # heads an actor only as the capitalised head of a name ("the Kenyan Union")


@dataclass(slots=True)
class KnowledgeBase:
    """Actors and the lookup tables built over them. Build with :meth:`load`."""

    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, list[Entry]] = field(default_factory=dict)
    folded: dict[str, list[Entry]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    persons_by_family: dict[str, list[Entry]] = field(default_factory=dict)
    persons_by_initial: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    name_tokens: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    common_surnames: frozenset[str] = frozenset()
    heads: dict[str, SectorWord] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    max_alias_tokens: int = 1
    regions: dict[str, str] = field(default_factory=dict)  # "European" -> "European Union"
    region_heads: frozenset[str] = frozenset()
    international: frozenset[str] = frozenset()  # "World", "International": names of bodies of no country
    place_designators: frozenset[str] = frozenset()  # "Borno state": a place, however the NER types it
    bodies: frozenset[str] = frozenset()  # "the election commission": heads of a body named by its role
    vague_modifiers: frozenset[str] = frozenset()  # "the same party": says not which body
    successions: Successions = field(default_factory=Successions.load)

    # ---- loading ----

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> KnowledgeBase:
        """Load the bundled data files, then user YAML/CSV files that extend or override them.

        Args:
            extra: paths to user files (formats in ``data/actors/README.md``). An entry with the id of
                a bundled one replaces it.

        Raises:
            KnowledgeBaseError: when a file cannot be read or an entry is malformed.
        """
        kb = cls()
        root = resources.files("thucydides.data").joinpath("actors")
        for name in _BUNDLED:
            text = root.joinpath(name).read_text(encoding="utf-8")
            kb._add_file(name, text, f"bundled {name}")
        kb._load_sectors(load_yaml(root.joinpath("sectors.yaml").read_text(encoding="utf-8")))
        names = load_yaml(root.joinpath("names.yaml").read_text(encoding="utf-8")) or {}
        kb.common_surnames = frozenset(str(n).lower() for n in names.get("common_surnames") or [])
        regions = load_yaml(root.joinpath("regions.yaml").read_text(encoding="utf-8")) or {}
        kb.regions = {str(r["adjective"]): str(r["organization"]) for r in regions.get("regions") or []}
        kb.region_heads = frozenset(str(h).lower() for h in regions.get("collective_heads") or [])
        for path in extra:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise KnowledgeBaseError(f"{path}: cannot read ({exc})") from exc
            kb._add_file(Path(path).name, text, str(path))
        kb._index()
        return kb

    def _add_file(self, name: str, text: str, source: str) -> None:
        if name.endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(text)))
            if rows and "iso3" in rows[0]:
                for row in rows:
                    for entry in _country_from_row(row, source):
                        self._add(entry)
                return
            for entry in _entries_from_csv(rows, source):
                self._add(entry)
            return
        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{source}: not valid YAML ({exc})") from exc
        default_kind = {
            "institutions.yaml": "institution",
            "organizations.yaml": "organization",
            "groups.yaml": "group",
            "parties.yaml": "group",
            "people.yaml": "person",
        }.get(name)
        if isinstance(data, list):
            if default_kind is None:
                raise KnowledgeBaseError(f"{source}: a top-level list needs a 'kind' mapping around it")
            sections: Mapping[str, Any] = {default_kind: data}
        elif isinstance(data, dict):
            sections = data
        else:
            raise KnowledgeBaseError(f"{source}: expected a mapping of kinds to lists")
        for kind, items in sections.items():
            k = _singular(kind)
            if k not in _KINDS:
                raise KnowledgeBaseError(
                    f"{source}: unknown section {kind!r} (use one of {', '.join(_KINDS)})"
                )
            for item in items or []:
                self._add(_entry_from_mapping(k, item, source))

    def _add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry

    def _load_sectors(self, data: Mapping[str, Any]) -> None:
        for sector, spec in (data.get("heads") or {}).items():
            weak = set(spec.get("weak") or [])
            generic = set(spec.get("generic") or [])
            for word in spec.get("words") or []:
                self.heads[str(word)] = SectorWord(str(sector), word in weak, word in generic)
        for sector, words in (data.get("modifiers") or {}).items():
            for word in words:
                self.modifiers[str(word)] = str(sector)
        self.international = frozenset(str(w) for w in data.get("international") or ())
        self.place_designators = frozenset(str(w) for w in data.get("place_designators") or ())
        self.bodies = frozenset(str(w) for w in data.get("bodies") or ())
        self.vague_modifiers = frozenset(str(w) for w in data.get("vague_modifiers") or ())
        for sector, words in (data.get("organisations") or {}).items():
            for word in words:  # a word that is already a head keeps its entry
                self.heads.setdefault(
                    str(word), SectorWord(str(sector), weak=True, generic=True, name_only=True)
                )

    def _index(self) -> None:
        exact: dict[str, list[Entry]] = defaultdict(list)
        folded: dict[str, list[Entry]] = defaultdict(list)
        by_family: dict[str, list[Entry]] = defaultdict(list)
        by_initial: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            names = (entry.name, *entry.aliases)
            for alias in names:
                if entry.kind == "demonym":
                    if entry.country:
                        self.demonyms[surface_key(alias)] = entry.country
                    continue
                key = surface_key(alias)
                if key and entry not in exact[key]:
                    exact[key].append(entry)
                fk = norm_key(alias)
                if fk and entry not in folded[fk] and (len(fk.split()) > 1 or len(fk) > 3):
                    folded[fk].append(entry)
                self.max_alias_tokens = max(self.max_alias_tokens, len(key.split()))
            if entry.kind == "country" and entry.country:
                for alias in names:
                    self.country_names.setdefault(surface_key(alias), entry.country)
            if entry.kind == "person" and entry.family:
                by_family[entry.family].append(entry)
                by_initial[entry.family[0]].append(entry)
                for alias in entry.aliases:
                    fam = person_family(alias, entry.eastern)
                    if fam and entry not in by_family[fam]:
                        by_family[fam].append(entry)
        self.exact, self.folded = dict(exact), dict(folded)
        for key in (*self.exact, *self.demonyms):
            for n in range(1, len(key) + 1):
                self.prefixes.add(key[:n])
        for entry in self.entries.values():
            if entry.kind == "person":
                self.name_tokens[entry.id] = tuple(tuple(tokens(a)) for a in (entry.name, *entry.aliases))
        self.persons_by_family, self.persons_by_initial = dict(by_family), dict(by_initial)

    # ---- queries ----

    def lookup(self, phrase: str, *, fold: bool = False) -> list[Entry]:
        """Entries whose name or alias is ``phrase`` (case-sensitive; ``fold`` also tries a folded key)."""
        found = self.exact.get(surface_key(phrase))
        if found:
            return found
        if fold:
            return self.folded.get(norm_key(phrase), [])
        return []

    def demonym(self, word: str) -> str | None:
        """ISO code of a demonym or country name used as a modifier ("Russian", "US", "China")."""
        key = surface_key(word)
        return self.demonyms.get(key) or self.country_names.get(key)

    def sizes(self) -> dict[str, int]:
        """Number of entries of each kind."""
        out: dict[str, int] = defaultdict(int)
        for e in self.entries.values():
            out[e.kind] += 1
        out["aliases"] = len(self.exact)
        out["sector_words"] = len(self.heads) + len(self.modifiers)
        return dict(out)


# ---- helpers ---------------------------------------------------------------------------------------------

_REGNAL = re.compile(r"(?:[ivx]+|jr|sr)")


def surface_key(text: str) -> str:
    """Case-preserving key: no accents, no dots, typographic quotes and hyphens unified, no leading "the"."""
    s = text if text.isascii() else ascii_fold_keep_case(text)
    s = s.replace(".", "").replace("’", "'").replace("‐", "-").replace("‑", "-")
    s = " ".join(s.split())  # the same as collapsing runs of whitespace (\s+) to one space and stripping
    if s[:4] in {"the ", "The "}:
        s = s[4:]
    return s


def ascii_fold_keep_case(text: str) -> str:
    """Strip accents but keep case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def person_family(name: str, eastern: bool) -> str:
    """Normalised family name of a full name (first token for East Asian order, else the last)."""
    toks = [t for t in tokens(name) if t not in _HONORIFICS]
    while len(toks) > 1 and _REGNAL.fullmatch(toks[-1]):
        toks = toks[:-1]
    if not toks:
        return ""
    if eastern and len(toks) >= 2:
        return toks[0]
    # Arabic-style particles belong to the family name: "al-Assad" -> "assad"
    return toks[-1]


def person_given(name: str, eastern: bool) -> tuple[str, ...]:
    """Normalised given-name tokens (for East Asian names: syllables split on hyphens and spaces)."""
    toks = [t for t in tokens(name) if t not in _HONORIFICS]
    if len(toks) < 2:
        return ()
    return tuple(toks[1:]) if eastern else tuple(toks[:-1])


def _parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeBaseError(f"{where}: bad date {value!r} (use YYYY-MM-DD)") from exc


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split("|") if v.strip()]
    return [str(v) for v in cast(Iterable[Any], value)]


def _singular(kind: str) -> str:
    k = kind.strip().lower()
    return {"people": "person", "countries": "country"}.get(k, k[:-1] if k.endswith("s") else k)


def _slug(kind: str, name: str) -> str:
    prefix = {"organization": "org", "institution": "inst"}.get(kind, kind)
    return f"{prefix}:{re.sub(r'[^a-z0-9]+', '-', ascii_fold(name)).strip('-')}"


_TYPES: dict[str, ActorType] = {
    "country": "country",
    "institution": "organization",
    "organization": "organization",
    "group": "group",
    "person": "person",
}


def _entry_from_mapping(kind: str, item: Any, source: str) -> Entry:
    if not isinstance(item, dict) or not item.get("name"):
        raise KnowledgeBaseError(f"{source}: every {kind} entry needs a 'name' ({item!r})")
    name = str(item["name"])
    where = f"{source}: {name}"
    country = item.get("country")
    roles = []
    for r in item.get("roles") or []:
        if not isinstance(r, dict) or not (r.get("sector") or item.get("sector")):
            raise KnowledgeBaseError(f"{where}: each role needs a sector")
        roles.append(
            Role(
                sector=str(r.get("sector") or item.get("sector")),
                country=r.get("country"),
                start=_parse_date(r.get("from"), where),
                end=_parse_date(r.get("to"), where),
                title=str(r.get("title") or ""),
            )
        )
    countries = tuple(_as_list(item.get("countries")))
    if kind == "country":
        country = country or item.get("iso3")
    eastern = bool(
        item.get("order") == "eastern" or (item.get("order") != "western" and country in EASTERN_ORDER)
    )
    entry = Entry(
        id=str(item.get("id") or _slug(kind, name)),
        name=name,
        kind=kind,
        type=_TYPES[kind],
        country=str(country) if country else (countries[0] if countries else None),
        sector=str(item["sector"]) if item.get("sector") else None,
        countries=countries,
        roles=tuple(roles),
        aliases=tuple(_as_list(item.get("aliases"))),
        default_country=item.get("default_country"),
        eastern=eastern,
        source=source,
    )
    if kind == "person":
        entry.family = person_family(name, eastern)
        entry.given = person_given(name, eastern)
        if entry.sector is None and not roles:
            entry.sector = "ELI"
    if kind == "country" and entry.sector is None:
        entry.sector = None
    return entry


def _country_from_row(row: Mapping[str, str], source: str) -> list[Entry]:
    """A country row gives the country, its capitals (as its government) and its demonyms."""
    iso3 = (row.get("iso3") or "").strip()
    if not iso3 or not row.get("name"):
        raise KnowledgeBaseError(f"{source}: country rows need iso3 and name ({dict(row)!r})")
    out = [
        Entry(
            id=f"country:{iso3}",
            name=row["name"],
            kind="country",
            type="country",
            country=iso3,
            aliases=tuple(_as_list(row.get("aliases"))),
            source=source,
        )
    ]
    capitals = _as_list(row.get("capitals"))
    if capitals:
        out.append(
            Entry(
                id=f"country:{iso3}#capital",
                name=capitals[0],
                kind="capital",
                type="organization",
                country=iso3,
                sector="GOV",
                aliases=tuple(capitals[1:]),
                source=source,
            )
        )
    demonyms = _as_list(row.get("demonyms"))
    if demonyms:
        out.append(
            Entry(
                id=f"country:{iso3}#demonym",
                name=demonyms[0],
                kind="demonym",
                type="country",
                country=iso3,
                aliases=tuple(demonyms[1:]),
                source=source,
            )
        )
    return out


def _entries_from_csv(rows: list[dict[str, str]], source: str) -> list[Entry]:
    """Generic CSV: one row per entry or per role (rows with the same id/name are merged)."""
    grouped: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(rows, start=2):
        kind = _singular(row.get("kind") or "person")
        name = (row.get("name") or "").strip()
        if not name:
            raise KnowledgeBaseError(f"{source}: line {n} has no name")
        key = row.get("id") or f"{kind}:{name}"
        item = grouped.setdefault(key, {"kind": kind, "name": name, "roles": []})
        for col in ("id", "country", "sector", "aliases", "countries", "default_country", "order"):
            if row.get(col):
                item[col] = row[col]
        if row.get("from") or row.get("to") or row.get("title"):
            item["roles"].append(
                {
                    "sector": row.get("sector") or None,
                    "country": row.get("role_country") or None,
                    "from": row.get("from"),
                    "to": row.get("to"),
                    "title": row.get("title"),
                }
            )
    return [_entry_from_mapping(item.pop("kind"), item, source) for item in grouped.values()]
