"""Tests for the PLOVER/CAMEO ontology tables and their loader."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from thucydides.ontology import PLOVER_TYPES, CameoCode, Ontology, PloverType

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CAMEO_REF = SHARED / "reference" / "cameo" / "cameo-codes.csv"
C2P_REF = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Deliberate departures from the 2021 conversion table, documented in cameo.csv's generator:
# 163 (sanctions/embargo) follows the manual's SANCTION text rather than the table's COERCE.
TYPE_OVERRIDES = {"163": "SANCTION"}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"reference file {path} is absent (../shared not mounted)")
    return path


@pytest.mark.parametrize(
    ("root", "quad"),
    [
        ("01", 1), ("02", 1), ("03", 1), ("04", 1), ("05", 1),
        ("06", 2), ("07", 2), ("08", 2), ("09", 2),
        ("10", 3), ("11", 3), ("12", 3), ("13", 3), ("14", 3),
        ("15", 4), ("16", 4), ("17", 4), ("18", 4), ("19", 4), ("20", 4),
    ],
)  # fmt: skip
def test_ontology_quad_class_follows_cameo_root(onto: Ontology, root: str, quad: int) -> None:
    under_root = [c for c in onto if c.root == root]
    assert under_root, f"no codes under root {root}"
    assert {c.quad_class for c in under_root} == {quad}


def test_ontology_has_every_reference_code_with_its_goldstein_and_name(onto: Ontology) -> None:
    with _need(CAMEO_REF).open(encoding="utf-8") as fh:
        ref = {r["code"]: r for r in csv.DictReader(fh)}
    assert {c.code for c in onto} == set(ref)
    for code, row in ref.items():
        entry = onto.cameo(code)
        assert entry.goldstein == pytest.approx(float(row["goldstein"])), code
        assert entry.name == " ".join(row["name"].split()), code


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [("010", 0.0), ("018", 3.4), ("043", 2.8), ("057", 8.0), ("0871", 9.0), ("112", -2.0),
     ("138", -7.0), ("173", -5.0), ("1831", -10.0), ("190", -10.0), ("2042", -10.0)],
)  # fmt: skip
def test_ontology_goldstein_sample_matches_reference(onto: Ontology, code: str, goldstein: float) -> None:
    with _need(CAMEO_REF).open(encoding="utf-8") as fh:
        ref = {r["code"]: float(r["goldstein"]) for r in csv.DictReader(fh)}
    assert ref[code] == goldstein  # the sample itself is checked against the reference
    assert onto.goldstein(code) == goldstein


def _conversion_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _need(C2P_REF).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            table.setdefault(m.group(1), m.group(2))
    return table


def test_ontology_plover_types_follow_conversion_table(onto: Ontology) -> None:
    table = _conversion_table()
    for entry in onto:
        expected = TYPE_OVERRIDES.get(entry.code, table.get(entry.code))
        if entry.code.startswith("02"):
            expected = "REQUEST"  # appeals: see test_ontology_appeals_are_requests_like_demands
        assert entry.plover_type == expected, entry.code


@pytest.mark.parametrize("code", ["01", "010", "016", "019"])
def test_ontology_statements_have_no_plover_type(onto: Ontology, code: str) -> None:
    assert onto.plover_type(code) is None


@pytest.mark.parametrize("code", ["02", "020", "0233", "028"])
def test_ontology_appeals_are_requests_like_demands(onto: Ontology, code: str) -> None:
    # PLOVER folds CAMEO's appeals (02) and demands (10) into REQUEST; appeals keep their milder Goldstein.
    assert onto.plover_type(code) == "REQUEST"
    assert onto.goldstein(code) > onto.goldstein("100")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("081", "CONCEDE"), ("0812", "CONCEDE"), ("083", "CONCEDE"), ("084", "RETREAT"),
     ("0841", "RETREAT"), ("086", "RETREAT"), ("0871", "RETREAT"), ("091", "ACCUSE"),
     ("1041", "REQUEST"), ("191", "COERCE"), ("192", "COERCE"), ("193", "ASSAULT"),
     ("1712", "ASSAULT"), ("204", "ASSAULT"), ("163", "SANCTION")],
)  # fmt: skip
def test_ontology_splits_roots_across_plover_types(onto: Ontology, code: str, expected: str) -> None:
    assert onto.plover_type(code) == expected


def test_ontology_every_code_type_is_plover_or_none(onto: Ontology) -> None:
    assert len(onto) >= 300
    for entry in onto:
        assert entry.plover_type is None or entry.plover_type in PLOVER_TYPES, entry.code


def test_ontology_every_code_mode_is_allowed_for_its_type(onto: Ontology) -> None:
    for entry in onto:
        if entry.plover_type is None:
            assert entry.mode is None and entry.context == (), entry.code
        elif entry.mode is not None:
            assert entry.mode in onto.modes(entry.plover_type), entry.code


def test_ontology_every_code_context_is_a_plover_context(onto: Ontology) -> None:
    known = set(onto.contexts())
    assert len(known) >= 30
    for entry in onto:
        assert set(entry.context) <= known, entry.code


@pytest.mark.parametrize("plover_type", PLOVER_TYPES)
def test_ontology_default_cameo_maps_back_to_its_type(onto: Ontology, plover_type: str) -> None:
    code = onto.default_cameo(plover_type)
    assert onto.cameo(code).plover_type == plover_type
    for mode, mode_code in onto.type_info(plover_type).mode_cameo.items():
        assert mode in onto.modes(plover_type)
        assert onto.default_cameo(plover_type, mode) == mode_code
        assert onto.cameo(mode_code).plover_type == plover_type


@pytest.mark.parametrize(
    ("plover_type", "mode", "expected"),
    [("CONSULT", None, "040"), ("CONSULT", "phone", "041"), ("CONSULT", "multilateral", "040"),
     ("ASSAULT", "firearms", "193"), ("fight", None, "190"), ("COERCE", "arrest", "173")],
)  # fmt: skip
def test_ontology_default_cameo_uses_mode_when_known(
    onto: Ontology, plover_type: str, mode: str | None, expected: str
) -> None:
    assert onto.default_cameo(plover_type, mode) == expected


@pytest.mark.parametrize(
    ("plover_type", "quad"),
    [("AGREE", 1), ("CONSULT", 1), ("SUPPORT", 1), ("CONCEDE", 1), ("COOPERATE", 2), ("AID", 2),
     ("RETREAT", 2), ("REQUEST", 3), ("ACCUSE", 3), ("REJECT", 3), ("THREATEN", 3), ("PROTEST", 4),
     ("SANCTION", 4), ("MOBILIZE", 4), ("COERCE", 4), ("ASSAULT", 4)],
)  # fmt: skip
def test_ontology_plover_type_quad_class(onto: Ontology, plover_type: str, quad: int) -> None:
    info = onto.type_info(plover_type)
    assert isinstance(info, PloverType)
    assert info.quad_class == quad
    assert info.description


def test_ontology_types_are_the_sixteen_in_plover_order(onto: Ontology) -> None:
    assert onto.types() == list(PLOVER_TYPES)
    assert len(set(onto.types())) == 16


def test_ontology_types_match_the_event_schema() -> None:
    schema = json.loads(_need(SHARED / "contract" / "event.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["event_type"]["enum"]) == PLOVER_TYPES


@pytest.mark.parametrize(
    ("name", "expected"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
     ("assault", "ASSAULT"), (" Consult ", "CONSULT"), ("REQUEST", "REQUEST")],
)  # fmt: skip
def test_ontology_normalise_type_maps_legacy_and_current_names(
    onto: Ontology, name: str, expected: str
) -> None:
    assert onto.normalise_type(name) == expected


@pytest.mark.parametrize("name", ["DOCUMENT", "YIELD", "", "ATTACK"])
def test_ontology_normalise_type_rejects_unknown_names(onto: Ontology, name: str) -> None:
    with pytest.raises(KeyError, match="unknown PLOVER event type"):
        onto.normalise_type(name)


@pytest.mark.parametrize(
    ("code", "root", "plover_type", "resolved"),
    [("0431", "04", "CONSULT", "043"), ("043", "04", "CONSULT", "043"), ("04", "04", "CONSULT", "04"),
     ("0119", "01", None, "011"), ("1999", "19", "ASSAULT", "19"), ("1389", "13", "THREATEN", "138")],
)  # fmt: skip
def test_ontology_resolves_unknown_subcodes_through_parents(
    onto: Ontology, code: str, root: str, plover_type: str | None, resolved: str
) -> None:
    assert onto.root(code) == root
    assert onto.plover_type(code) == plover_type
    assert onto.lookup(code).code == resolved


@pytest.mark.parametrize("code", ["999", "21", "4", "04311", "abc", "0x4"])
def test_ontology_unknown_or_malformed_code_raises_clear_keyerror(onto: Ontology, code: str) -> None:
    with pytest.raises(KeyError, match=re.escape(repr(code))):
        onto.cameo(code)
    with pytest.raises(KeyError, match="CAMEO event code"):
        onto.plover_type(code)


def test_ontology_records_are_immutable(onto: Ontology) -> None:
    entry = onto.cameo("040")
    assert isinstance(entry, CameoCode)
    with pytest.raises(AttributeError):
        entry.goldstein = 0.0  # type: ignore[misc]


def test_ontology_can_be_built_by_hand() -> None:
    code = CameoCode("040", "Consult", 1.0, 1, "CONSULT", None, ())
    info = PloverType("CONSULT", "talks", 1, "040", ("phone",))
    onto = Ontology({"040": code}, {"CONSULT": info}, ("diplomatic",), {"MEET": "CONSULT"})
    assert onto.plover_type("0401") == "CONSULT"
    assert onto.normalise_type("meet") == "CONSULT"
    assert onto.default_cameo("CONSULT", "phone") == "040"


# ---------------------------------------------------------------- non-event sentence fixture


def _non_event_sentences() -> list[str]:
    return (FIXTURES / "non_event_sentences.txt").read_text(encoding="utf-8").splitlines()


def test_non_event_fixture_has_enough_distinct_sentences() -> None:
    lines = _non_event_sentences()
    assert len(lines) >= 220
    assert all(line.strip() == line and line for line in lines), "blank or padded line"
    assert len(set(lines)) == len(lines), "duplicate sentence"
    assert all(line[-1] in ".!?\"'" for line in lines), "every line is one finished sentence"


def test_non_event_fixture_shares_no_sentence_with_the_seed_article() -> None:
    seed_dir = _need(SHARED / "seed")
    seed_text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in seed_dir.glob("*.txt"))
    seed_text = " ".join(seed_text.split())
    for line in _non_event_sentences():
        assert line not in seed_text, line
