"""The Spark engine gives the same store as the local engine (one small local[2] run)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from thucydides.ingest import IngestOptions, ingest
from thucydides.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "sample"


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db, read_only=True) as s:
        return {
            "documents": sorted(
                s.con.execute("SELECT doc_id, content_hash, outlet, n_events FROM documents").fetchall()
            ),
            "mentions": sorted(s.con.execute("SELECT mention_id, event_id, block FROM mentions").fetchall()),
            "events": sorted(
                s.con.execute(
                    "SELECT event_id, event_type, date, num_mentions, num_sources FROM events"
                ).fetchall()
            ),
        }


@pytest.mark.slow
def test_spark_engine_codes_the_sample_corpus_like_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="the spark extra is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java, and none is installed")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from thucydides.spark import ingest_spark

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("*.md", "*.json"))
    local_db, spark_db, parquet = tmp_path / "local.duckdb", tmp_path / "spark.duckdb", tmp_path / "out"
    local = ingest([str(corpus)], local_db, IngestOptions())
    report = ingest_spark(
        [str(corpus)], spark_db, IngestOptions(workers=2), master="local[2]", parquet=parquet
    )
    assert report.added == local.added == 47 and report.mentions == local.mentions
    assert _snapshot(spark_db) == _snapshot(local_db)
    partitions = {p.name for p in (parquet / "mentions").iterdir() if p.is_dir()}
    assert partitions and all(p.startswith("event_date=") for p in partitions)
    again = ingest_spark(
        [str(corpus)], spark_db, IngestOptions(workers=2), master="local[2]", parquet=parquet
    )
    assert again.added == 0 and again.already == 47


def test_spark_engine_says_what_to_install_when_pyspark_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from thucydides import spark

    real_import = builtins.__import__

    def no_pyspark(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pyspark"):
            raise ImportError("No module named 'pyspark'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(spark.SparkUnavailable, match="thucydides\\[spark\\]"):
        spark.run_spark([], Path("unused"), IngestOptions())
