"""The event ontology: CAMEO codes, PLOVER types, Goldstein values and quad classes.

The tables live in ``thucydides/data/cameo.csv`` (one row per CAMEO code, with its
PLOVER type, mode and context) and ``thucydides/data/plover.yaml`` (the 16 PLOVER
types, their modes, default CAMEO codes, the contexts and the legacy 0.5 names).
Nothing is read at import time: build an :class:`Ontology` with :meth:`Ontology.load`
once and pass it to whoever needs it.

Quad classes come in two flavours. A :class:`CameoCode` carries the CAMEO quad class,
fixed by its two-digit root (01-05 verbal cooperation, 06-09 material cooperation,
10-14 verbal conflict, 15-20 material conflict), which is what GDELT-style output
expects. A :class:`PloverType` carries the quad class the PLOVER manual gives the
type; the two differ for a few codes (e.g. CAMEO 09 "investigate" is material
cooperation in CAMEO while PLOVER ACCUSE is verbal conflict).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from thucydides.datafile import load_yaml

__all__ = ["PLOVER_TYPES", "CameoCode", "CodeClass", "Ontology", "PloverType", "bundled_ontology"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

_CODE_RE = re.compile(r"^[0-9]{2,4}$")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its Goldstein value and PLOVER mapping.

    Attributes:
        code: The CAMEO code, two to four digits with leading zeros ("043").
        name: Short CAMEO name.
        goldstein: Goldstein conflict-cooperation value, -10 to +10.
        quad_class: CAMEO quad class from the root (1-4).
        plover_type: The PLOVER 2021 type, or None where PLOVER drops the code
            (CAMEO 01 statements and 02 appeals).
        mode: PLOVER mode implied by the code, if any.
        context: PLOVER contexts implied by the code.
    """

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    mode: str | None
    context: tuple[str, ...]

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("0431" -> "04")."""
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type as described in ``plover.yaml``."""

    name: str
    description: str
    quad_class: int
    default_cameo: str
    modes: tuple[str, ...]
    mode_cameo: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class CodeClass:
    """A named class of CAMEO codes that rules test ("violent", "verbal", "mutual"): code prefixes and
    PLOVER types (a code is in the class when it starts with a prefix or maps to one of the types)."""

    name: str
    about: str = ""
    codes: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()


class Ontology:
    """Lookup tables for CAMEO codes and PLOVER types.

    Build it with :meth:`load`; the constructor takes already-parsed tables so tests can
    build small ontologies by hand.
    """

    __slots__ = ("_class_memo", "_classes", "_codes", "_contexts", "_legacy", "_types")

    def __init__(
        self,
        codes: Mapping[str, CameoCode],
        types: Mapping[str, PloverType],
        contexts: tuple[str, ...] = (),
        legacy_names: Mapping[str, str] | None = None,
        classes: Mapping[str, CodeClass] | None = None,
    ) -> None:
        """Wrap parsed tables.

        Args:
            codes: CAMEO code string -> :class:`CameoCode`.
            types: PLOVER type name -> :class:`PloverType`, in PLOVER order.
            contexts: The PLOVER context names.
            legacy_names: Old PLOVER type names -> current names.
            classes: Named classes of codes the coder's rules test (``cameo_classes`` in plover.yaml).
        """
        self._codes: Mapping[str, CameoCode] = MappingProxyType(dict(codes))
        self._types: Mapping[str, PloverType] = MappingProxyType(dict(types))
        self._contexts = tuple(contexts)
        self._legacy: Mapping[str, str] = MappingProxyType(dict(legacy_names or {}))
        self._classes: Mapping[str, CodeClass] = MappingProxyType(dict(classes or {}))
        # (class, code) → membership, filled as asked (a pure function of the tables above)
        self._class_memo: dict[tuple[str, str], bool] = {}

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls) -> Ontology:
        """Read ``cameo.csv`` and ``plover.yaml`` from the package data.

        Returns:
            A ready ontology.

        Raises:
            ValueError: If the data files are inconsistent (unknown type, bad code,
                a default CAMEO code that does not map back to its type).
        """
        data = files("thucydides") / "data"
        codes = _parse_cameo_csv((data / "cameo.csv").read_text(encoding="utf-8"))
        types, contexts, legacy, classes = _parse_plover_yaml(
            (data / "plover.yaml").read_text(encoding="utf-8")
        )
        onto = cls(codes, types, contexts, legacy, classes)
        onto._check()
        return onto

    def _check(self) -> None:
        if tuple(self._types) != PLOVER_TYPES:
            raise ValueError(f"plover.yaml must list the 16 PLOVER types in order, got {list(self._types)}")
        for c in self._codes.values():
            if c.plover_type is not None and c.plover_type not in self._types:
                raise ValueError(f"cameo.csv: code {c.code} maps to unknown PLOVER type {c.plover_type!r}")
        for t in self._types.values():
            for code in (t.default_cameo, *t.mode_cameo.values()):
                if code not in self._codes or self._codes[code].plover_type != t.name:
                    raise ValueError(f"plover.yaml: CAMEO code {code} given for {t.name} does not map to it")
            for mode in t.mode_cameo:
                if mode not in t.modes:
                    raise ValueError(f"plover.yaml: {t.name} mode_cameo names unknown mode {mode!r}")
        for k in self._classes.values():
            for name in k.types:
                if name not in self._types:
                    raise ValueError(f"plover.yaml: class {k.name} names unknown PLOVER type {name!r}")
            for prefix in k.codes:
                if prefix[:2] not in self._codes:
                    raise ValueError(f"plover.yaml: class {k.name} names unknown CAMEO code {prefix!r}")

    # ------------------------------------------------------------------ CAMEO

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def cameo(self, code: str) -> CameoCode:
        """Return the exact CAMEO code record.

        Args:
            code: A CAMEO code such as ``"043"``.

        Raises:
            KeyError: If the code is not in the CAMEO table.
        """
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code {code!r}") from None

    def lookup(self, code: str) -> CameoCode:
        """Return the record of the most specific code present: the code itself or its nearest parent.

        ``"0431"`` (not a CAMEO code) resolves to ``"043"``.

        Raises:
            KeyError: If the code is malformed or not even its root is known.
        """
        self._validate(code)
        for n in range(len(code), 1, -1):
            found = self._codes.get(code[:n])
            if found is not None:
                return found
        raise KeyError(f"unknown CAMEO event code {code!r}: no known root")

    def root(self, code: str) -> str:
        """Return the two-digit root of a CAMEO code (``"0431"`` -> ``"04"``).

        Raises:
            KeyError: If the code is malformed or its root is not a CAMEO root.
        """
        self._validate(code)
        if code[:2] not in self._codes:
            raise KeyError(f"unknown CAMEO event code {code!r}: {code[:2]!r} is not a CAMEO root")
        return code[:2]

    def plover_type(self, code: str) -> str | None:
        """Return the PLOVER type of a CAMEO code, via the most specific code present.

        Returns:
            One of :data:`PLOVER_TYPES`, or None for codes PLOVER drops (01x, 02x).

        Raises:
            KeyError: If the code is malformed or unknown.
        """
        return self.lookup(code).plover_type

    def goldstein(self, code: str) -> float:
        """Goldstein value of a CAMEO code (nearest known parent for unknown sub-codes)."""
        return self.lookup(code).goldstein

    def quad_class(self, code: str) -> int:
        """CAMEO quad class (1-4) of a code, fixed by its root."""
        return self.lookup(code).quad_class

    @staticmethod
    def _validate(code: str) -> None:
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise KeyError(f"malformed CAMEO event code {code!r}: expected 2 to 4 digits such as '043'")

    # ------------------------------------------------------------------ PLOVER

    def types(self) -> list[str]:
        """The 16 PLOVER types in PLOVER order."""
        return list(self._types)

    def type_info(self, plover_type: str) -> PloverType:
        """Return the description, quad class, modes and default code of a PLOVER type.

        Legacy names are accepted (see :meth:`normalise_type`).

        Raises:
            KeyError: If the type is unknown.
        """
        return self._types[self.normalise_type(plover_type)]

    def default_cameo(self, plover_type: str, mode: str | None = None) -> str:
        """The CAMEO code to use when only the PLOVER type (and perhaps mode) is known.

        Args:
            plover_type: A PLOVER type (legacy names accepted).
            mode: Optional PLOVER mode; where the ontology knows a code for the mode it
                is used, otherwise the type's generic code.

        Returns:
            A CAMEO code whose PLOVER type is ``plover_type``, e.g. CONSULT -> ``"040"``.

        Raises:
            KeyError: If the type is unknown.
        """
        info = self.type_info(plover_type)
        if mode is not None and mode in info.mode_cameo:
            return info.mode_cameo[mode]
        return info.default_cameo

    def normalise_type(self, name: str) -> str:
        """Map a PLOVER type name, current or legacy (0.5), to the current name.

        ``DEMAND`` -> ``REQUEST``, ``DISAPPROVE`` and ``INVESTIGATE`` -> ``ACCUSE``,
        ``FIGHT`` -> ``ASSAULT``; case and surrounding spaces are ignored.

        Raises:
            KeyError: If the name is neither a PLOVER type nor a legacy name.
        """
        key = name.strip().upper() if isinstance(name, str) else name
        if key in self._types:
            return key
        if key in self._legacy:
            return self._legacy[key]
        raise KeyError(f"unknown PLOVER event type {name!r}; expected one of {', '.join(self._types)}")

    def modes(self, plover_type: str) -> tuple[str, ...]:
        """The modes the PLOVER manual allows for a type (empty if it takes none)."""
        return self.type_info(plover_type).modes

    def contexts(self) -> tuple[str, ...]:
        """All PLOVER context names; any context may go with any type."""
        return self._contexts

    # ------------------------------------------------------------------ classes

    def in_class(self, name: str, code: str) -> bool:
        """True for a CAMEO code of the named class (``cameo_classes`` in plover.yaml): it starts with one
        of the class's code prefixes, or its PLOVER type is one of the class's types.

        Raises:
            KeyError: If the class is unknown.
        """
        found = self._class_memo.get((name, code))
        if found is not None:
            return found
        try:
            k = self._classes[name]
        except KeyError:
            raise KeyError(f"unknown class of CAMEO codes {name!r}") from None
        found = code.startswith(k.codes) or (bool(k.types) and self.plover_type(code) in k.types)
        self._class_memo[(name, code)] = found
        return found

    def code_class(self, name: str) -> CodeClass:
        """The named class of codes (its prefixes and types)."""
        return self._classes[name]

    def classes(self) -> list[str]:
        """The names of the classes of codes."""
        return list(self._classes)


# ---------------------------------------------------------------------- parsing


@functools.cache
def bundled_ontology() -> Ontology:
    """The bundled tables, loaded on first use and shared (an :class:`Ontology` is read-only).

    For code that needs the tables in many small calls (query filters, scoring) and has no
    ontology handed to it.
    """
    return Ontology.load()


def _parse_cameo_csv(text: str) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for line_no, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        code = row["code"].strip()
        if not _CODE_RE.match(code) or code in codes:
            raise ValueError(f"cameo.csv line {line_no}: bad or duplicate code {code!r}")
        codes[code] = CameoCode(
            code=code,
            name=row["name"].strip(),
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"].strip() or None,
            mode=row["plover_mode"].strip() or None,
            context=tuple(c.strip() for c in row["plover_context"].split(";") if c.strip()),
        )
    return codes


def _parse_plover_yaml(
    text: str,
) -> tuple[dict[str, PloverType], tuple[str, ...], dict[str, str], dict[str, CodeClass]]:
    raw: dict[str, Any] = load_yaml(text)
    types: dict[str, PloverType] = {}
    for name, spec in raw["types"].items():
        types[name] = PloverType(
            name=name,
            description=str(spec["description"]),
            quad_class=int(spec["quad_class"]),
            default_cameo=str(spec["default_cameo"]),
            modes=tuple(spec.get("modes") or ()),
            mode_cameo=MappingProxyType({str(k): str(v) for k, v in (spec.get("mode_cameo") or {}).items()}),
        )
    contexts = tuple(str(c) for c in raw.get("contexts") or ())
    legacy = {str(k).upper(): str(v) for k, v in (raw.get("legacy_names") or {}).items()}
    classes = {
        str(name): CodeClass(
            name=str(name),
            about=str(spec.get("about") or ""),
            codes=tuple(str(c) for c in spec.get("codes") or ()),
            types=frozenset(str(t) for t in spec.get("types") or ()),
        )
        for name, spec in (raw.get("cameo_classes") or {}).items()
    }
    return types, contexts, legacy, classes
