"""Readable names for country and actor codes (the dashboard's labels)."""

from __future__ import annotations

import pytest

from thucydides.names import Names


@pytest.fixture(scope="module")
def names() -> Names:
    return Names.load()


@pytest.mark.parametrize(
    ("code", "country", "sector", "expected"),
    [
        ("USAGOV", "USA", "GOV", "United States government"),
        ("RUSMIL", "RUS", "MIL", "Russia military"),
        ("USA", "USA", None, "United States"),
        ("IGO", "IGO", "IGO", "international organisation"),
        ("XYZABC", None, None, "XYZABC"),
    ],
)
def test_names_spell_out_actor_codes(
    names: Names, code: str, country: str | None, sector: str | None, expected: str
) -> None:
    assert names.actor_code(code, country, sector) == expected


def test_names_fall_back_to_the_code_for_an_unknown_country(names: Names) -> None:
    assert names.country("PRK") == "North Korea"
    assert names.country("zzz") == "ZZZ"
    assert names.country(None) is None
