"""Reading the Spark engine's Parquet output back as typed rows (see :mod:`thucydides.spark`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thucydides.store.rows import Coded, DocumentRow, MentionRow


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _records(con: Any, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def read_coded(out_dir: str | Path) -> list[Coded]:
    """The coded documents in a Spark output folder (``documents/`` and ``mentions/``), by doc id."""
    import duckdb

    base = Path(out_dir)
    con = duckdb.connect()
    try:
        docs = _records(
            con, f"SELECT * FROM read_parquet({_quoted(base / 'documents' / '*.parquet')}) ORDER BY doc_id"
        )
        by_doc: dict[str, list[MentionRow]] = {}
        if list(base.glob("mentions/*/*.parquet")):
            glob = _quoted(base / "mentions" / "*" / "*.parquet")
            sql = f"SELECT * FROM read_parquet({glob}, hive_partitioning = true) ORDER BY mention_id"
            for m in _records(con, sql):
                by_doc.setdefault(str(m["doc_id"]), []).append(MentionRow.from_dict(m))
    finally:
        con.close()
    return [Coded(DocumentRow.from_dict(d), by_doc.get(str(d["doc_id"]), [])) for d in docs]
