"""The Spark engine: the same pipeline in ``mapPartitions``, Parquet out, then loaded into the store.

    driver: read + hash, skip known ─▶ executors: one Pipeline per partition ─▶ Parquet
        DIR/documents/part-*.parquet                      one row per document
        DIR/mentions/event_date=YYYY-MM-DD/part-*.parquet one row per coded event, by event date
    ─▶ driver: load into the DuckDB store (merging as the local engine does)

The rows are the local engine's rows (:class:`thucydides.store.DocumentRow` and
:class:`thucydides.store.MentionRow`), so the same input gives the same events. The Parquet
directory can also be queried directly, e.g. with DuckDB's
``read_parquet('DIR/mentions/*/*.parquet', hive_partitioning = true)``.

PySpark is optional: it is imported only inside these functions, and a missing installation raises
:class:`SparkUnavailable` with what to install.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.ingest import IngestOptions, IngestReport
from thucydides.pipeline import ProgressBar
from thucydides.record import Document, Problem
from thucydides.store import DOCUMENT_COLUMNS, MENTION_COLUMNS

DOC_FIELDS = ("id", "raw", "is_html", "url", "source", "title", "published", "published_how")
# a mention row's typed columns (the rest travel as strings); the merge fills in event_id later
NUMERIC_MENTION_FIELDS = {
    "quad_class": "int",
    "goldstein": "double",
    "lat": "double",
    "lon": "double",
    "confidence": "double",
}
STRING_MENTION_FIELDS = [c for c in MENTION_COLUMNS if c != "event_id" and c not in NUMERIC_MENTION_FIELDS]
STRING_DOC_FIELDS = [c for c in DOCUMENT_COLUMNS if c not in ("n_events", "ingested_at")]


class SparkUnavailable(RuntimeError):
    """PySpark (or Java) is not available."""


def _require_spark() -> Any:
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable(
            f"the Spark engine needs PySpark ({exc}); install it with pip install 'thucydides[spark]', "
            "or use --engine local"
        ) from None
    return SparkSession


def _schemas() -> tuple[Any, Any]:
    from pyspark.sql import types as T

    doc = T.StructType(
        [T.StructField(c, T.StringType()) for c in STRING_DOC_FIELDS]
        + [T.StructField("n_events", T.IntegerType())]
    )
    kinds = {"int": T.IntegerType(), "double": T.DoubleType()}
    numeric = [T.StructField(c, kinds[k]) for c, k in NUMERIC_MENTION_FIELDS.items()]
    mention = T.StructType(
        [T.StructField(c, T.StringType()) for c in STRING_MENTION_FIELDS]
        + numeric
        + [T.StructField("event_date", T.StringType())]
    )
    return doc, mention


def _doc_dict(doc: Document) -> dict[str, Any]:
    out = {k: getattr(doc, k) for k in DOC_FIELDS}
    out["published"] = doc.published.isoformat() if doc.published else None
    return out


def _document(d: dict[str, Any]) -> Document:
    published = date.fromisoformat(d["published"]) if d.get("published") else None
    return Document(
        id=str(d["id"]),
        raw=str(d.get("raw") or ""),
        is_html=bool(d.get("is_html")),
        url=d.get("url"),
        source=d.get("source"),
        title=d.get("title"),
        published=published,
        published_how=d.get("published_how") or "none",
    )


def code_partition(options: IngestOptions) -> Callable[[Iterator[tuple[str, dict[str, Any]]]], Iterator[Any]]:
    """The function Spark runs on each partition: build the pipeline once, code every document.

    It yields a :class:`thucydides.store.Coded` per document or a :class:`Problem`, as the local
    engine's workers do.
    """

    def run(items: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[Any]:
        from thucydides.ingest import _pipeline, code_batch

        pipe = None
        batch: list[tuple[str, Document]] = []
        for digest, d in items:
            batch.append((digest, _document(d)))
            if len(batch) >= options.batch_size:
                pipe = pipe or _pipeline(options)
                yield from code_batch(pipe, batch)
                batch = []
        if batch:
            pipe = pipe or _pipeline(options)
            yield from code_batch(pipe, batch)

    return run


def _document_out(coded: Any) -> dict[str, Any]:
    row = coded.document.as_dict()
    return {c: row.get(c) for c in [*STRING_DOC_FIELDS, "n_events"]}


def _mention_out(mention: Any) -> dict[str, Any]:
    row = mention.as_dict()
    out = {c: row.get(c) for c in STRING_MENTION_FIELDS}
    for c, kind in NUMERIC_MENTION_FIELDS.items():
        value = row.get(c)
        out[c] = value if value is None or kind == "int" else float(value)
    out["event_date"] = (row.get("date_first") or "unknown")[:10]
    return out


def run_spark(
    paths: Sequence[str],
    out_dir: str | Path,
    options: IngestOptions,
    master: str | None = None,
    skip_hashes: set[str] | None = None,
) -> tuple[int, int, list[Problem]]:
    """Code documents on Spark and write Parquet to ``out_dir`` (replacing what was there).

    Args:
        paths: inputs as for ``thucydides code``.
        out_dir: the Parquet directory (``documents/`` and ``mentions/`` partitioned by ``event_date``).
        options: the pipeline options; ``workers`` sets ``local[N]`` when no master is given.
        master: a Spark master URL (default ``local[N]``).
        skip_hashes: content hashes of documents not to code again.

    Returns:
        How many documents were read, how many of them were skipped as known, and the inputs that
        could not be read or coded.
    """
    SparkSession = _require_spark()
    from thucydides.ingest import _read
    from thucydides.store import content_hash

    master = master or f"local[{max(options.workers, 1)}]"
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    problems: list[Problem] = []
    todo: list[tuple[str, dict[str, Any]]] = []
    seen = known = 0
    for item in _read(paths, options):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        seen += 1
        digest = content_hash(item)
        if skip_hashes and digest in skip_hashes:
            known += 1
        else:
            todo.append((digest, _doc_dict(item)))
    if not todo:
        return seen, known, problems
    spark = (
        SparkSession.builder.master(master)
        .appName("thucydides-ingest")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(options.workers, 1) * 2))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        doc_schema, mention_schema = _schemas()
        parts = max(1, min(len(todo), max(options.workers, 1) * 2))
        coded = spark.sparkContext.parallelize(todo, parts).mapPartitions(code_partition(options)).cache()
        docs = coded.filter(lambda r: not isinstance(r, Problem))
        spark.createDataFrame(docs.map(_document_out), doc_schema).write.mode("overwrite").parquet(
            str(Path(out_dir) / "documents")
        )
        mentions = docs.flatMap(lambda r: [_mention_out(m) for m in r.mentions])
        spark.createDataFrame(mentions, mention_schema).write.mode("overwrite").partitionBy(
            "event_date"
        ).parquet(str(Path(out_dir) / "mentions"))
        problems += coded.filter(lambda r: isinstance(r, Problem)).collect()
    finally:
        spark.stop()
    return seen, known, problems


def load_parquet(
    out_dir: str | Path, db: str | Path, progress: Any = None, actor_files: Sequence[Path] = ()
) -> IngestReport:
    """Load the Parquet output of :func:`run_spark` into the store (documents already there are skipped).

    The documents are recorded as coded by this coder with ``actor_files``.
    """
    from thucydides.provenance import Provenance
    from thucydides.store import Store
    from thucydides.store.parquet import read_coded

    report = IngestReport()
    docs = read_coded(out_dir)
    made_by = Provenance.of(actor_files)
    bar = ProgressBar(progress, len(docs))
    with Store(db) as store:
        for coded in docs:
            bar.update()
            coded.document.coder_version = made_by.coder_version
            coded.document.kb_hash = made_by.kb_hash
            if store.add_many([coded])[0] != "already":
                report.added += 1
                report.mentions += len(coded.mentions)
                report.words += len(str(coded.document.text or "").split())
            else:
                report.already += 1
    bar.finish()
    return report


def ingest_spark(
    paths: Sequence[str],
    db: str | Path,
    options: IngestOptions,
    master: str | None = None,
    parquet: str | Path | None = None,
) -> IngestReport:
    """``thucydides ingest --engine spark``: code on Spark, write Parquet, load it into the store.

    Args:
        paths: inputs as for ``thucydides code``.
        db: the store file.
        options: pipeline options (``workers`` sets ``local[N]``).
        master: Spark master URL (default ``local[N]``).
        parquet: the Parquet directory (default ``DB.parquet`` beside the store).
    """
    from thucydides.store import Store

    started = time.monotonic()
    out_dir = Path(parquet) if parquet else Path(f"{db}.parquet")
    with Store(db) as store:
        known = store.known_hashes()
    seen, n_known, problems = run_spark(paths, out_dir, options, master=master, skip_hashes=known)
    report = (
        load_parquet(out_dir, db, options.progress, options.actor_files) if seen > n_known else IngestReport()
    )
    report.seen = seen
    report.already += n_known
    report.problems = problems
    report.seconds = time.monotonic() - started
    return report
