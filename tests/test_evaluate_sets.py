"""Scoring of the JSON-lines gold formats of `thucydides eval` (CASE 2021, IndiaPoliceEvents, GLOCON,
articles with key events) and ``--split``, on hand-made records with a stand-in pipeline (no model);
slow tests read ../shared and skip when it is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FakePipeline

from thucydides.evalsets import articles, case2021, glocon, india_police
from thucydides.evaluate import evaluate_file, format_table
from thucydides.record import Actor, Event, Evidence, Place
from thucydides.splits import half_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).parent / "fixtures"


def _event(
    etype: str,
    src: str | None = None,
    tgt: str | None = None,
    conf: float = 0.8,
    sector: str | None = None,
    text: str = "",
    when: str | None = None,
    where: Place | None = None,
) -> Event:
    return Event(
        event_id=f"{etype}{src}{tgt}{conf}",
        doc_id="d",
        event_type=etype,
        cameo="000",
        quad_class=4,
        goldstein=0.0,
        modality="asserted",
        source=Actor(text="x", country=src, sector=sector) if src or sector else None,
        target=Actor(text="y", country=tgt) if tgt else None,
        evidence=Evidence(text, 0, len(text)),
        confidence=conf,
        date=when,
        location=where,
    )


def test_case_scores_the_top_type_and_disasters_by_the_absence_of_violence() -> None:
    records = [
        {"id": "a", "text": "t1", "subtype": "ATTACK", "type": "ASSAULT"},
        {"id": "b", "text": "t2", "subtype": "PEACE_PROTEST", "type": "PROTEST"},
        {"id": "c", "text": "t3", "subtype": "NATURAL_DISASTER", "type": None},
        {"id": "d", "text": "t4", "subtype": "MAN_MADE_DISASTER", "type": None},
        {"id": "e", "text": "t5", "subtype": "OTHER", "type": "unmapped"},
    ]
    coded = [
        [_event("ASSAULT", conf=0.9), _event("PROTEST", conf=0.5)],
        [_event("ASSAULT", conf=0.9), _event("PROTEST", conf=0.5)],  # top type wrong
        [_event("PROTEST")],  # protest is not violent
        [_event("CONSULT", conf=0.9), _event("COERCE", conf=0.2)],  # any violent event counts
        [_event("ASSAULT")],
    ]
    report = case2021.score(records, coded)
    assert report.figures["snippets_scored"] == 4
    assert report.figures["top_type_right_typed"] == 0.5
    assert report.figures["disasters_without_violent_event"] == 0.5
    assert report.figures["top_type_right_or_disaster_without_violence"] == 0.5
    assert report.per_type["ASSAULT"]["right"] == "1/1"
    assert report.per_type["PROTEST"]["right"] == "0/1"


def test_violence_is_coercion_and_assault_from_the_ontology() -> None:
    assert case2021.violent_types() == frozenset({"COERCE", "ASSAULT"})


@pytest.mark.parametrize(
    ("labels", "events", "found"),
    [
        (["ANY_ACTION", "KILL"], [_event("ASSAULT", "IND", sector="COP")], True),
        (["ANY_ACTION", "KILL"], [_event("ASSAULT", "IND", sector="CVL")], False),  # not the police
        (["ANY_ACTION", "KILL"], [_event("COERCE", "IND", sector="COP")], False),  # wrong act
        (["ANY_ACTION", "ARREST"], [_event("COERCE", sector="COP")], True),  # a country is not needed
        (["ANY_ACTION", "ARREST", "KILL"], [_event("COERCE", sector="MIL")], True),  # either act
    ],
)
def test_police_recall_needs_the_act_and_a_state_security_source(
    labels: list[str], events: list[Event], found: bool
) -> None:
    report = india_police.score([{"id": "s", "doc_id": 1, "text": "x", "labels": labels}], [events])
    assert report.figures["recall"] == (1.0 if found else 0.0)


def test_police_false_alarms_count_only_unlabelled_sentences_with_a_state_kill_or_arrest() -> None:
    records = [
        {"id": "a", "doc_id": 1, "text": "x", "labels": []},
        {"id": "b", "doc_id": 1, "text": "y", "labels": []},
        {"id": "c", "doc_id": 1, "text": "z", "labels": []},
        {"id": "d", "doc_id": 1, "text": "w", "labels": ["ANY_ACTION", "FORCE"]},
    ]
    coded = [
        [_event("ASSAULT", sector="COP")],
        [_event("ASSAULT", sector="REB")],  # a riot, not the state
        [],
        [_event("ASSAULT", sector="COP")],  # police action, but not kill/arrest: neither found nor alarm
    ]
    report = india_police.score(records, coded)
    assert report.figures["false_alarms"] == 1
    assert report.figures["sentences_without_police_action"] == 3
    assert report.figures["police_kill_or_arrest_found"] == "0/0"


def test_glocon_counts_protest_or_assault_as_positive() -> None:
    records = [
        {"id": "a", "doc": "d1", "text": "x", "protest": True},
        {"id": "b", "doc": "d1", "text": "y", "protest": True},
        {"id": "c", "doc": "d2", "text": "z", "protest": False},
        {"id": "d", "doc": "d2", "text": "w", "protest": False},
    ]
    coded = [[_event("ASSAULT")], [_event("CONSULT")], [_event("PROTEST")], [_event("AGREE")]]
    report = glocon.score(records, coded)
    assert (report.figures["precision"], report.figures["recall"], report.figures["f1"]) == (0.5, 0.5, 0.5)


def test_articles_find_key_events_among_the_most_confident_and_compare_fields() -> None:
    paris = Place(name="Paris", country="FRA")
    key = {
        "type": "PROTEST",
        "source": "FRA",
        "target": "FRA",
        "date": "2019-05-01",
        "place": {"name": "Paris", "country": "FRA"},
        "sentence": "thousands of nurses marched through the capital",
    }
    other = {"type": "ACCUSE", "alt_types": ["REJECT"], "source": "DEU", "target": None, "date": None,
             "place": None, "sentence": "the minister criticised the plan"}  # fmt: skip
    records = [
        {"id": "p1", "file": "x", "key_events": [key, other]},
        {"id": "p2", "file": "y", "key_events": []},
    ]
    said = "Thousands of nurses marched through the capital on Wednesday."
    decoys = [_event("CONSULT", conf=0.95, text=f"decoy {i}") for i in range(4)]  # top_k(2) == 5
    coded = [
        [
            _event("PROTEST", "FRA", "FRA", conf=0.9, text=said, when="2019-05-01", where=paris),
            *decoys,
            _event("REJECT", "DEU", None, conf=0.1, text="The minister criticised the plan."),  # ranked out
        ],
        [_event("ASSAULT", text="a"), _event("AID", text="b")],
    ]
    report = articles.score(records, coded)
    assert report.figures["found_among_most_confident"] == "1/2"
    assert report.figures["found_with_every_field_right"] == "1/2"
    assert report.figures["found_anywhere_in_article"] == "2/2"
    assert report.figures["date_agreement"] == "1/1"
    assert report.figures["place_agreement"] == "1/1"
    assert report.figures["events_in_their_most_confident_lists"] == 2


def test_articles_report_each_wrong_field() -> None:
    key = {
        "type": "ASSAULT",
        "source": "SYR",
        "target": "TUR",
        "date": "2019-10",
        "place": None,
        "sentence": "",
    }
    coded = [[_event("ASSAULT", "SYR", "IRQ", when="2019-11-02")]]
    report = articles.score([{"id": "p", "file": "x", "key_events": [key]}], coded)
    assert report.figures["found_share"] == 1.0
    assert report.figures["source_agreement"] == "1/1"
    assert report.figures["target_agreement"] == "0/1"
    assert report.figures["date_agreement"] == "0/1"
    assert report.figures["place_agreement"] == "0/0"
    assert report.figures["exact_share"] == 0.0


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_file_tells_the_jsonl_formats_apart_and_splits_by_document(tmp_path: Path) -> None:
    records = [
        {"id": f"g{i}", "doc": f"doc{i % 7}", "text": f"s{i}", "protest": i % 2 == 0} for i in range(40)
    ]
    path = _write_jsonl(tmp_path / "glocon.jsonl", records)
    pipe = FakePipeline({f"s{i}": [_event("PROTEST")] for i in range(40)})
    whole = evaluate_file(path, pipe)
    test = evaluate_file(path, pipe, split="test")
    dev = evaluate_file(path, pipe, split="dev")
    assert whole.kind == "glocon"
    n_test = sum(half_of("glocon", r["doc"]) == "test" for r in records)
    assert test.to_json()["sentences"] == n_test
    assert dev.to_json()["sentences"] == 40 - n_test
    assert test.to_json()["split"] == "test"
    assert "precision" in format_table(test)


def test_eval_file_rejects_unknown_jsonl_in_one_line(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "odd.jsonl", [{"what": 1}])
    with pytest.raises(ValueError, match="no known format"):
        evaluate_file(path, FakePipeline({}))


def test_split_applies_to_plover_records_and_cameo_examples(tmp_path: Path) -> None:
    recs = [{"id": f"r{i}", "text": f"t{i}", "event": "AGREE", "source": {"code": "USA"}} for i in range(30)]
    gsr = tmp_path / "gsr.json"
    gsr.write_text(json.dumps(recs), encoding="utf-8")
    test = evaluate_file(gsr, FakePipeline({}), split="test")
    assert test.to_json()["sentences"] == sum(half_of("plover_gsr", r["id"]) == "test" for r in recs)
    cameo = tmp_path / "c.csv"
    cameo.write_text("code,example\n" + "".join(f"0{i % 9 + 1}{i},Example {i}.\n" for i in range(30)))
    codes = [f"0{i % 9 + 1}{i}" for i in range(30)]
    dev = evaluate_file(cameo, FakePipeline({}), split="dev")
    assert dev.to_json()["sentences"] == sum(half_of("cameo_examples", c) == "dev" for c in codes)


def test_article_annotation_fixture_is_well_formed() -> None:
    from thucydides.ontology import bundled_ontology

    types = set(bundled_ontology().types())
    records = [json.loads(line) for line in (FIXTURES / "article_key_events.jsonl").read_text().splitlines()]
    assert len(records) == 30
    for rec in records:
        assert articles.is_record(rec)
        for g in rec["key_events"]:
            assert g["type"] in types and set(g.get("alt_types", [])) <= types
            assert len(g["sentence"].split()) <= 25  # a short quote, never more than one sentence
            assert g["source"] is None or len(g["source"]) == 3


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is absent")
def test_article_fixture_points_at_the_extraction_pages() -> None:
    records = [json.loads(line) for line in (FIXTURES / "article_key_events.jsonl").read_text().splitlines()]
    truth = json.loads((GOLD / "article_extraction_dev" / "ground-truth.json").read_text())
    assert {r["id"] for r in records} == set(truth)
    assert all((FIXTURES / r["file"]).is_file() for r in records)


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is absent")
@pytest.mark.parametrize("name", ["case2021_dev.jsonl", "india_police_dev.jsonl", "glocon_protest_dev.jsonl"])
def test_the_shared_sets_are_recognised_and_split(name: str) -> None:
    from thucydides.evalsets.common import read_jsonl

    records = read_jsonl(GOLD / name)
    module = next(m for m in (case2021, india_police, glocon, articles) if m.is_record(records[0]))
    assert module.SET_NAME in name.replace("_protest", "")
    report = module.evaluate(records[:200], FakePipeline({}), name, "dev")
    assert report.half == "dev"


def test_articles_compare_place_names_without_accents_spaces_or_case() -> None:
    key = {"type": "CONSULT", "source": "ARG", "target": "BRA", "date": None,
           "place": {"name": "Brasilia", "country": "BRA"}, "sentence": ""}  # fmt: skip
    same = _event("CONSULT", "ARG", "BRA", where=Place(name="Brasília", country="BRA"))
    other = _event("CONSULT", "ARG", "BRA", where=Place(name="Sao Paulo", country="BRA"))
    assert articles.field_agreement(key, same)["place"]
    assert not articles.field_agreement(key, other)["place"]
    assert articles.fold_name("Nay Pyi Taw") == articles.fold_name("Naypyitaw")


def test_articles_accept_another_name_of_the_same_gazetteer_place() -> None:
    from thucydides.places.gazetteer import Gazetteer

    town = Gazetteer.load().candidates("Douma")[0]  # the gazetteer's own spelling ("Dūmā") and id
    assert articles.fold_name(town.name) != articles.fold_name("Douma")
    key = {"type": "ASSAULT", "source": "SYR", "target": "SYR", "date": None,
           "place": {"name": "Douma", "country": "SYR"}, "sentence": ""}  # fmt: skip
    same = _event("ASSAULT", "SYR", "SYR", where=town)
    other = _event("ASSAULT", "SYR", "SYR", where=Place(name="Dūmā", country="SYR", geonameid=1))
    elsewhere = _event("ASSAULT", "SYR", "SYR", where=Gazetteer.load().candidates("Aleppo")[0])
    assert articles.field_agreement(key, same)["place"]
    assert not articles.field_agreement(key, other)["place"]  # another place spelt so
    assert not articles.field_agreement(key, elsewhere)["place"]
