"""Merging reports of the same event across documents (pure functions, no model, no database)."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.merge import Report, actors_compatible, cluster, compatible, date_interval, merged_event

MANIFEST = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "MANIFEST.json"
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2}
QUAD |= {"REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4}
QUAD |= {"MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def actor(country: str | None, sector: str | None = None, **kw: Any) -> dict[str, Any] | None:
    if country is None and not kw:
        return None
    return {"text": kw.pop("text", country), "country": country, "sector": sector, **kw}


def report(
    mid: str,
    doc: str,
    etype: str = "ASSAULT",
    src: dict[str, Any] | None = None,
    tgt: dict[str, Any] | None = None,
    day: str | None = "2019-10-09",
    precision: str = "day",
    outlet: str | None = None,
    modality: str = "asserted",
    location: dict[str, Any] | None = None,
    published: str | None = None,
) -> Report:
    rec = {
        "event_id": mid,
        "doc_id": doc,
        "event_type": etype,
        "cameo": "190",
        "quad_class": QUAD[etype],
        "goldstein": -10.0,
        "modality": modality,
        "source": src if src is not None else actor("TUR"),
        "target": tgt if tgt is not None else actor("SYR"),
        "date": day,
        "date_precision": precision,
        "location": location,
        "evidence": {"text": f"evidence {mid}", "start": 0, "end": 10},
        "confidence": 0.7,
    }
    return Report(mid, doc, outlet or f"outlet-{doc}", published, rec)


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2019-10-09", "day", date(2019, 10, 9), date(2019, 10, 9)),
        ("2019-10-09", "publication", date(2019, 10, 8), date(2019, 10, 9)),
        ("2019-02", "month", date(2019, 2, 1), date(2019, 2, 28)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019", "year", date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_merge_date_interval_spans_the_precision_of_the_date(
    value: str, precision: str, first: date, last: date
) -> None:
    assert date_interval(value, precision) == (first, last)


@pytest.mark.parametrize("value", [None, "", "not-a-date", "2019-13-40"])
def test_merge_date_interval_is_none_without_a_usable_date(value: str | None) -> None:
    assert date_interval(value, "day") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (actor("USA", "GOV"), actor("USA", "GOV"), True),
        (actor("USA", "GOV"), actor("USA"), True),  # country-level mention of the same side
        (actor("USA", "GOV"), actor("USA", "MIL"), False),
        (actor("USA", "GOV"), actor("CHN", "GOV"), False),
        (actor("PRK", "GOV", id="p1", type="person"), actor("PRK", "GOV", id="p2", type="person"), True),
        (
            actor("IGO", "IGO", id="eu", type="organization"),
            actor("IGO", "IGO", id="un", type="organization"),
            False,
        ),
        (actor(None, None, text="Islamic State"), actor(None, None, text="islamic  state"), True),
        (None, None, True),
        (None, actor("USA"), False),
    ],
)
def test_merge_actors_compare_id_or_country_and_sector(
    a: dict[str, Any] | None, b: dict[str, Any] | None, same: bool
) -> None:
    assert actors_compatible(a, b) is same
    assert actors_compatible(b, a) is same


def test_merge_reports_of_one_event_from_several_outlets_become_one_event() -> None:
    reps = [
        report("a1", "d1", day="2019-10-09", outlet="Wire"),
        report("b1", "d2", day="2019-10-10", precision="publication", outlet="Post"),  # may be the 9th
        report("c1", "d3", day="2019-10", precision="month", outlet="Wire"),
    ]
    (members,) = cluster(reps)
    ev = merged_event(members)
    assert ev["event_id"] == "a1"
    assert (ev["num_mentions"], ev["num_documents"], ev["num_sources"]) == (3, 3, 2)
    assert ev["date"] == "2019-10-09" and ev["date_precision"] == "day"
    assert sorted(m["doc_id"] for m in ev["mentions"]) == ["d1", "d2", "d3"]
    assert all(m["evidence"]["text"].startswith("evidence") for m in ev["mentions"])


@pytest.mark.parametrize(
    "other",
    [
        report("x", "d2", day="2019-10-12"),  # another day
        report("x", "d2", etype="ACCUSE"),  # another quad class
        report("x", "d2", tgt=actor("IRQ")),  # another target
        report("x", "d2", modality="negated"),  # it did not happen
        report("x", "d2", day=None, precision="unknown"),  # undated, other document
    ],
)
def test_merge_keeps_reports_that_disagree_beyond_precision_apart(other: Report) -> None:
    base = report("a", "d1")
    assert not compatible(base, other)
    assert len(cluster([base, other])) == 2


def test_merge_keeps_distant_places_apart_but_joins_the_same_city() -> None:
    here = {"name": "Tal Abyad", "country": "SYR", "lat": 36.70, "lon": 38.95, "precision": "city"}
    near = {"name": "Tell Abiad", "country": "SYR", "lat": 36.69, "lon": 38.96, "precision": "city"}
    far = {"name": "Damascus", "country": "SYR", "lat": 33.51, "lon": 36.29, "precision": "city"}
    assert compatible(report("a", "d1", location=here), report("b", "d2", location=near))
    assert not compatible(report("a", "d1", location=here), report("b", "d2", location=far))
    assert compatible(report("a", "d1", location=here), report("b", "d2", location=None))


def test_merge_shows_disagreeing_types_within_one_merged_event() -> None:
    reps = [
        report("a", "d1", etype="REJECT"),
        report("b", "d2", etype="ACCUSE"),
        report("c", "d3", etype="ACCUSE"),
    ]
    (members,) = cluster(reps)
    ev = merged_event(members)
    assert ev["event_type"] == "ACCUSE"
    assert ev["reported_types"] == {"ACCUSE": 2, "REJECT": 1}


def test_merge_does_not_join_two_types_coded_in_one_document() -> None:
    assert len(cluster([report("a", "d1", etype="REJECT"), report("b", "d1", etype="ACCUSE")])) == 2


def test_merge_dates_undated_reports_by_their_publication_day() -> None:
    a = report("a", "d1", day=None, precision="unknown", published="2019-10-10")
    b = report("b", "d2", day="2019-10-09")
    assert compatible(a, b)


def test_merge_clusters_do_not_depend_on_the_order_of_reports() -> None:
    reps = [
        report(f"m{i}", f"d{i % 4}", day=f"2019-10-{9 + i % 3:02d}", etype=t)
        for i, t in enumerate(
            ["ASSAULT", "COERCE", "ASSAULT", "ASSAULT", "COERCE", "ASSAULT", "ASSAULT", "COERCE"]
        )
    ]
    expected = [[r.mention_id for r in c] for c in cluster(reps)]
    rng = random.Random(7)
    for _ in range(10):
        rng.shuffle(reps)
        assert [[r.mention_id for r in c] for c in cluster(reps)] == expected


def test_merge_groups_the_hand_annotated_sample_events_by_their_key() -> None:
    """Reports built from MANIFEST.json annotations: each shared key must come out as one event."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    reps, key_of = [], {}
    for doc in manifest["documents"]:
        for n, e in enumerate(doc["events"]):
            mid = f"{doc['id']}#{n}"
            key_of[mid] = e["key"]
            # events of the publication day, as an undated report would have them in one outlet
            precise = doc["outlet"] != "Kestrel News Agency" or e["date"] != doc["published"]
            reps.append(
                report(
                    mid,
                    doc["id"],
                    etype=e["type"],
                    src=actor(e["source"]),
                    tgt=actor(e["target"]),
                    day=e["date"] if precise else doc["published"],
                    precision="day" if precise else "publication",
                    outlet=doc["outlet"],
                    published=doc["published"],
                )
            )
    events = [merged_event(c) for c in cluster(reps)]
    for key in set(key_of.values()):
        holding = [ev for ev in events if any(key_of[m["mention_id"]] == key for m in ev["mentions"])]
        docs = {r.doc_id for r in reps if key_of[r.mention_id] == key}
        assert len(holding) == 1, f"{key} is split over {len(holding)} events"
        assert holding[0]["num_documents"] >= len(docs)


def _reference_cluster(reports: list[Report]) -> list[list[str]]:
    """Complete linkage written plainly with :func:`compatible` (what :func:`cluster` must give)."""

    counts = Counter(r.record["event_type"] for r in reports)

    def order(r: Report) -> tuple[Any, ...]:
        span = r.interval
        rank = {"day": 0, "publication": 1, "month": 2, "year": 3}.get(r.record["date_precision"], 4)
        return (span[0] if span else date.max, rank, r.doc_id, -counts[r.record["event_type"]], r.mention_id)

    clusters: list[list[Report]] = []
    for rep in sorted(reports, key=order):
        best, best_score = None, -1
        for members in clusters:
            if all(compatible(rep, m) for m in members):
                score = sum(m.record["event_type"] == rep.record["event_type"] for m in members)
                if score > best_score:
                    best, best_score = members, score
        if best is None:
            clusters.append([rep])
        else:
            best.append(rep)
    return sorted(sorted(r.mention_id for r in c) for c in clusters)


@pytest.mark.parametrize("seed", range(6))
def test_merge_cluster_matches_plain_complete_linkage_over_compatible(seed: int) -> None:
    rng = random.Random(seed)
    days = ["2019-10-08", "2019-10-09", "2019-10-10", "2019-10", "2019", None]
    precision = {10: "day", 7: "month", 4: "year"}
    places = [None, {"country": "SYR"}, {"country": "TUR"}, {"country": "SYR", "precision": "city"}]
    reps = []
    for i in range(60):
        day = rng.choice(days)
        reps.append(
            report(
                f"m{i:02d}",
                f"d{rng.randrange(12)}",
                etype=rng.choice(["ASSAULT", "COERCE", "THREATEN", "PROTEST"]),
                src=actor(rng.choice(["TUR", "SYR"]), rng.choice([None, "GOV", "MIL"])),
                day=day,
                precision=precision[len(day)] if day else "unknown",
                modality=rng.choice(["asserted", "asserted", "historical", "negated", "future"]),
                location=rng.choice(places),
                published=rng.choice([None, "2019-10-10"]),
            )
        )
    got = sorted(sorted(r.mention_id for r in c) for c in cluster(reps))
    assert got == _reference_cluster(reps)


def test_merge_reports_of_two_documents_a_day_apart_are_one_event() -> None:
    a = report("a1", "wire-a", day="2019-11-19")
    b = report("b1", "wire-b", day="2019-11-20")
    assert compatible(a, b)
    assert [len(c) for c in cluster([a, b])] == [2]


def test_merge_reports_of_two_documents_two_days_apart_stay_apart() -> None:
    a = report("a1", "wire-a", day="2019-11-18")
    b = report("b1", "wire-b", day="2019-11-20")
    assert not compatible(a, b)
    assert sorted(len(c) for c in cluster([a, b])) == [1, 1]


def test_merge_one_document_reporting_two_days_keeps_two_events() -> None:
    a = report("a1", "wire-a", day="2019-11-19")
    a2 = report("a2", "wire-a", day="2019-11-20")
    assert not compatible(a, a2)
    b = report("b1", "wire-b", day="2019-11-19")
    clusters = cluster([a, a2, b])
    assert sorted(len(c) for c in clusters) == [1, 2]
    assert not any({"a1", "a2"} <= {r.mention_id for r in c} for c in clusters)
