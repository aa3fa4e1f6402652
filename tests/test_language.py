"""Only English is coded: documents in other languages are refused with their language named."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lingua")

from thucydides.language import LanguageDetector, LanguageStage, NotSupported  # noqa: E402
from thucydides.record import Document  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "languages"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "sample"


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("name", "language"),
    [("fr_sanctions.txt", "fr"), ("es_acuerdo.txt", "es"), ("ru_peregovory.txt", "ru")],
)
def test_language_refuses_an_article_in_another_language_and_names_it(
    detector: LanguageDetector, name: str, language: str
) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    with pytest.raises(NotSupported) as refused:
        LanguageStage(detector)(Document(id=name, raw=text, text=text))
    assert refused.value.language == language
    assert str(refused.value) == f"language {language}: not supported"


def test_language_codes_every_english_sample_article(detector: LanguageDetector) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = LanguageStage(detector)(Document(id=path.name, raw=text, text=text))
        assert doc.language == "en", path.name


@pytest.mark.parametrize(
    "text",
    [
        "Le président a menacé Ankara.",  # too short to tell: coded, never lost to a guess
        "The strike was total in Pune, Nashik, Aurangabad, Solapur, Kolhapur and Ahmednagar "
        "while it was partial in Satara, Sangli and Ratnagiri.",  # mostly place names, some English words
    ],
)
def test_language_codes_texts_it_cannot_be_sure_of(detector: LanguageDetector, text: str) -> None:
    assert detector.english_or_refuse(text) == "en"


@pytest.mark.slow
def test_language_ingest_skips_foreign_articles_names_them_and_counts_them(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "news"
    shutil.copytree(FIXTURES, folder)
    shutil.copy(CORPUS / "ew_20190123_venezuela_guaido.txt", folder)
    db = str(tmp_path / "t.duckdb")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "thucydides.cli", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)

    done = cli("ingest", "--db", db, "--quiet", str(folder))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    for name, language in (("fr_sanctions", "fr"), ("es_acuerdo", "es"), ("ru_peregovory", "ru")):
        assert f"{name}.txt: language {language}: not supported" in done.stderr
    assert "ingested 1 documents" in done.stderr
    summary = cli("summary", "--db", db)
    assert "1 documents" in summary.stdout
    assert "3 documents not coded for their language (es 1, fr 1, ru 1)" in summary.stdout
    coded = cli("code", "--format", "jsonl", str(folder / "fr_sanctions.txt"))
    assert coded.stdout == "" and "language fr: not supported" in coded.stderr
    assert coded.returncode == 1 and "no document in English" in coded.stderr


def test_language_asks_the_detector_only_about_texts_with_few_common_english_words() -> None:
    """Speed, same decisions: a text with many common English words is never refused, so the detector
    (the costly part) is not asked about it; the refusals above still go through it."""
    fresh = LanguageDetector()
    for path in sorted(CORPUS.glob("*.txt")):
        assert fresh.english_or_refuse(path.read_text(encoding="utf-8")) == "en"
    assert fresh._detector is None
    text = (FIXTURES / "fr_sanctions.txt").read_text(encoding="utf-8")
    with pytest.raises(NotSupported):
        fresh.english_or_refuse(text)
    assert fresh._detector is not None
