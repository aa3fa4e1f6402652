"""The fixed dev/test split of the development sets."""

from thucydides.splits import half_of, select


def test_split_is_a_pure_function_of_set_and_key() -> None:
    assert half_of("case2021", "case-5") == half_of("case2021", "case-5")
    assert {half_of("case2021", f"case-{i}") for i in range(50)} == {"dev", "test"}


def test_split_keeps_every_sentence_of_a_document_together() -> None:
    rows = [{"doc_id": 12, "id": f"ipe-12-{i}"} for i in range(20)]
    halves = {half_of("india_police", r["doc_id"]) for r in rows}
    assert len(halves) == 1
    assert len(list(select("india_police", rows, halves.pop()))) == 20


def test_split_selects_disjoint_halves_that_cover_the_set() -> None:
    rows = [{"id": f"lgl-{i}"} for i in range(200)]
    dev = [r["id"] for r in select("lgl", rows, "dev")]
    test = [r["id"] for r in select("lgl", rows, "test")]
    assert not set(dev) & set(test)
    assert len(dev) + len(test) == 200
    assert 60 < len(dev) < 140
