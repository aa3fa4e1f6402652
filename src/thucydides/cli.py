"""The command line: parse, validate, call one library function, print.

Events and stage output go to standard output; progress, warnings and the names
of skipped documents go to standard error. Exit status: 0 on success (even when
some documents were skipped), 1 when nothing at all could be read, 2 for bad
arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from thucydides import __version__
from thucydides.cli_args import add_filters as _add_filters
from thucydides.cli_args import join_dash_values as _join_dash_values
from thucydides.cli_args import positive as _positive
from thucydides.record import Document, Problem

STAGE_FOR = {"extract": "extract", "actors": "actors", "dates": "dates", "places": "places", "code": "events"}


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def _add_actors(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--actors", action="append", type=Path, default=[], metavar="FILE", help=help)


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a .txt, .html, .html.gz or .jsonl file, a directory, or - for standard input (default)",
    )
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for documents that carry none of their own",
    )
    _add_actors(p, "a YAML or CSV file of actors that extends or overrides the bundled knowledge base")
    p.add_argument("--max-mb", type=_positive, default=10, metavar="N", help="refuse inputs larger than N MB")
    p.add_argument("--quiet", action="store_true", help="no progress lines on standard error")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thucydides",
        description="Code news articles into political event data (PLOVER/CAMEO): who did what to whom, "
        "when and where. Offline.",
    )
    parser.add_argument("--version", action="version", version=f"thucydides {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("code", help="code documents into events")
    _add_inputs(p)
    p.add_argument("--format", choices=("jsonl", "table", "tsv"), default="table")
    p.add_argument("--explain", action="store_true", help="with --format table: say why each field was coded")

    p = sub.add_parser("extract", help="show the cleaned article text that the coder works on")
    _add_inputs(p)
    p.add_argument("--format", choices=("text", "json"), default="text")

    for name, what in (
        ("actors", "actor mentions and how they were resolved"),
        ("dates", "date expressions and their resolved values"),
        ("places", "place names and where they were resolved"),
    ):
        p = sub.add_parser(name, help=f"show {what}")
        _add_inputs(p)
        p.add_argument("--format", choices=("table", "jsonl"), default="table")
        if name == "actors":
            p.add_argument("--explain", action="store_true", help="show why each mention resolved as it did")

    p = sub.add_parser(
        "ingest", help="code documents into the embedded store (skips documents already there)"
    )
    _add_inputs(p)
    p.add_argument("--db", default="thucydides.duckdb", help="the store file (default: thucydides.duckdb)")
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="worker processes that parse and code (default 1); this one reads, extracts and writes",
    )
    p.add_argument("--engine", choices=("local", "spark"), default="local", help="local processes or PySpark")
    p.add_argument("--master", help="with --engine spark: the Spark master URL (default local[WORKERS])")
    p.add_argument(
        "--parquet", type=Path, help="with --engine spark: the Parquet output folder (default DB.parquet)"
    )
    p.add_argument(
        "--recode",
        action="store_true",
        help="code again: the PATHs even when stored unchanged, or without PATH the stored documents "
        "that --where selects (default: those an older coder or other --actors files coded)",
    )
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="TERM",
        help="with --recode and no PATH: which stored documents; outdated (default), all, id=GLOB, "
        "source=OUTLET, since=YYYY-MM-DD, until=YYYY-MM-DD (repeat to combine)",
    )

    p = sub.add_parser("events", help="query the merged events in the store")
    p.add_argument("--db", default="thucydides.duckdb")
    _add_filters(p)
    p.add_argument(
        "--sort",
        default="date",
        help="date, mentions, sources, goldstein, confidence, reported; -X (--sort -mentions): descending",
    )
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")

    p = sub.add_parser("dyad", help="a timeline of events between two countries")
    p.add_argument("a", metavar="A", help="ISO3 code of one side")
    p.add_argument("b", metavar="B", help="ISO3 code of the other side")
    p.add_argument("--by", choices=("day", "week", "month"), default="month")
    p.add_argument("--directed", action="store_true", help="only events from A to B")
    p.add_argument("--db", default="thucydides.duckdb")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")

    p = sub.add_parser("export", help="export the store's merged events (takes the filters of events)")
    p.add_argument("--db", default="thucydides.duckdb")
    p.add_argument(
        "--format",
        choices=("gdelt", "gdelt-mentions", "plover", "csv", "parquet", "arrow", "jsonl"),
        required=True,
    )
    p.add_argument("--header", action="store_true", help="gdelt, gdelt-mentions: a first line of names")
    p.add_argument(
        "--output", type=Path, help="output file (default: standard output; parquet and arrow need one)"
    )
    _add_filters(p)

    p = sub.add_parser("serve", help="serve the HTTP API and the dashboard over a store (read-only)")
    p.add_argument("--db", default="thucydides.duckdb")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=_positive, default=8000)
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="serve requests addressed to this host name too (besides 127.0.0.1, localhost and --host); "
        "requests for any other name get 400",
    )
    p.add_argument(
        "--watch",
        nargs="+",
        default=[],
        metavar="PATH|URL",
        help="also follow these folders and feeds into the store (a `thucydides watch` beside the server)",
    )

    p = sub.add_parser("watch", help="follow folders and RSS/Atom feeds, coding new and changed documents")
    _add_inputs(p)
    p.add_argument("--db", default="thucydides.duckdb")
    p.add_argument(
        "--fetch", action="store_true", help="download each new feed item's page and code its article"
    )
    p.add_argument(
        "--every", type=float, default=60.0, metavar="SECONDS", help="seconds between looks (default 60)"
    )
    p.add_argument("--once", action="store_true", help="look once and stop")

    p = sub.add_parser(
        "eval",
        help="score the coder against a gold file (PLOVER GSR, CAMEO examples, CASE 2021, IndiaPoliceEvents, "
        "GLOCON, articles with key events, an annotated article, non-event sentences, a corpus manifest)",
    )
    p.add_argument("gold", type=Path, metavar="GOLD", nargs="?")
    p.add_argument(
        "--ablate",
        action="append",
        default=[],
        metavar="RULE",
        help="switch off one of the event coder's rules (repeatable) and score without it",
    )
    p.add_argument(
        "--list-rules", action="store_true", help="list the event coder's phases and rules, and stop"
    )
    p.add_argument(
        "--split",
        choices=("dev", "test"),
        default=None,
        help="score only this half of a public set (fixed split by document, docs/ACCURACY.md); default: all",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="publication date of an annotated article (default: the end of its gold window)",
    )
    p.add_argument("--actors", action="append", type=Path, default=[], metavar="FILE")

    p = sub.add_parser("summary", help="print a readable summary of the store")
    p.add_argument("--db", default="thucydides.duckdb")
    _add_actors(p, "the actor files you code with: documents coded with others are counted as out of date")
    p.add_argument("--examples", type=int, default=5, help="how many events to show with their evidence")
    return parser


def _documents(args: argparse.Namespace, upto: str) -> Iterator[Document | Problem]:
    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents

    progress = None if args.quiet else sys.stderr
    opts = Options(published=args.published, upto=upto, actor_files=args.actors, progress=progress)
    pipe = Pipeline(opts)
    items = read_documents(
        args.paths, ReadOptions(max_bytes=args.max_mb * 1024 * 1024, published=args.published)
    )
    yield from pipe.run(items)


def _each_document(args: argparse.Namespace, upto: str) -> Iterator[Document]:
    """Documents that came through, reporting the others on standard error; counts into args."""
    args.n_ok = args.n_bad = args.n_foreign = 0
    for item in _documents(args, upto):
        if isinstance(item, Problem):
            args.n_bad += 1
            args.n_foreign += item.language is not None
            sys.stderr.write(f"skipped {item.name}: {item.reason}\n")
            continue
        args.n_ok += 1
        for note in item.notes:
            sys.stderr.write(f"note: {item.id}: {note}\n")
        yield item


def _finish(args: argparse.Namespace) -> int:
    if args.n_ok == 0:
        if args.n_bad and args.n_foreign == args.n_bad:
            sys.stderr.write("error: no document in English (the only language coded)\n")
        else:
            sys.stderr.write("error: no document could be read\n")
        return 1
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from thucydides import export, output

    docs = _each_document(args, "events")
    events = (ev for doc in docs for ev in doc.events)
    if args.format == "jsonl":
        export.write_jsonl((ev.to_json() for ev in events), sys.stdout)
    elif args.format == "tsv":
        output.write_event_tsv(events, sys.stdout)
    else:
        if not output.write_event_table(events, sys.stdout, explain=args.explain) and args.n_ok:
            sys.stdout.write("no events\n")
    return _finish(args)


def cmd_extract(args: argparse.Namespace) -> int:
    from thucydides import export, output

    for doc in _each_document(args, "extract"):
        if args.format == "json":
            export.write_jsonl([output.document_json(doc)], sys.stdout)
        else:
            head = f"== {doc.id}" + (f" | {doc.title}" if doc.title else "")
            head += f" | published {doc.published} ({doc.published_how})" if doc.published else ""
            sys.stdout.write(head + "\n\n" + doc.body.strip() + "\n\n")
    return _finish(args)


def _stage_rows(doc: Document, kind: str, explain: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if kind == "actors":
        for m in doc.actors:
            a = m.actor
            row = {
                "doc_id": doc.id,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "name": a.name,
                "id": a.id,
                "country": a.country,
                "sector": a.sector,
                "code": a.code,
                "type": a.type,
            }
            if explain:
                row["reason"] = m.reason
            rows.append(row)
    elif kind == "dates":
        for d in doc.dates:
            rows.append(
                {
                    "doc_id": doc.id,
                    "text": d.text,
                    "start": d.start,
                    "end": d.end,
                    "value": d.value,
                    "precision": d.precision,
                    "timex": d.timex or d.value,
                    "kind": d.kind,
                    "reason": d.reason,
                }
            )
    else:
        for p in doc.places:
            rows.append(
                {
                    "doc_id": doc.id,
                    "text": p.text,
                    "start": p.start,
                    "end": p.end,
                    **p.place.to_json(),
                    "reason": p.reason,
                }
            )
    return rows


TABLE_COLUMNS = {
    "actors": ("text", "start", "code", "name", "type"),
    "dates": ("text", "start", "value", "precision", "timex", "kind"),
    "places": ("text", "start", "name", "country", "admin1", "precision"),
}


def cmd_stage(args: argparse.Namespace) -> int:
    from thucydides import export, output

    kind = args.command
    explain = bool(getattr(args, "explain", False))
    for doc in _each_document(args, kind):
        rows = _stage_rows(doc, kind, explain)
        if args.format == "jsonl":
            export.write_jsonl(rows, sys.stdout)
        else:
            sys.stdout.write(f"== {doc.id}\n")
            cols = TABLE_COLUMNS[kind] + (("reason",) if kind != "actors" or explain else ())
            output.write_mentions_table(rows, cols, sys.stdout)
            sys.stdout.write("\n")
    return _finish(args)


def cmd_ingest(args: argparse.Namespace) -> int:
    from thucydides.ingest import IngestOptions, ingest, recode
    from thucydides.store.filters import QueryError, parse_where

    opts = IngestOptions(
        workers=args.workers,
        published=args.published,
        actor_files=args.actors,
        max_bytes=args.max_mb * 1024 * 1024,
        progress=None if args.quiet else sys.stderr,
        recode=args.recode,
    )
    if args.where and not (args.recode and not args.paths):
        sys.stderr.write("error: --where selects stored documents: use it with --recode and no PATH\n")
        return 2
    if args.recode and not args.paths:
        try:
            where = parse_where(args.where)
        except QueryError as exc:
            sys.stderr.write(f"error: --where: {exc.message}\n")
            return 2
        if not Path(args.db).exists():
            sys.stderr.write(f"error: no store at {args.db}; nothing to re-code\n")
            return 1
        report = recode(args.db, where, opts)
    elif args.engine == "spark":
        from thucydides.spark import SparkUnavailable, ingest_spark

        try:
            paths = args.paths or ["-"]
            report = ingest_spark(paths, args.db, opts, master=args.master, parquet=args.parquet)
        except SparkUnavailable as exc:
            sys.stderr.write(f"error: {exc}\n")
            return 1
    else:
        report = ingest(args.paths or ["-"], args.db, opts)
    for problem in report.problems:
        sys.stderr.write(f"skipped {problem.name}: {problem.reason}\n")
    replaced = f", re-coded {report.replaced}" if report.replaced or args.recode else ""
    sys.stderr.write(
        f"ingested {report.added} documents{replaced} ({report.mentions} events) into {args.db} "
        f"in {report.seconds:.1f} s; "
        f"{report.already} already there, {len(report.problems)} skipped as unreadable\n"
    )
    return 1 if report.seen == 0 and report.problems else 0


def _say(message: str) -> None:
    sys.stderr.write(f"[thucydides] {message}\n")
    sys.stderr.flush()


def _open_store(path: str) -> Any:
    from thucydides.store import Store

    try:
        return Store(path, read_only=True, say=_say)
    except (FileNotFoundError, RuntimeError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return None


def _filters(args: argparse.Namespace) -> Any:
    from thucydides.store import Filters

    dyad = None
    if args.dyad:
        parts = [p.strip() for p in args.dyad.split(",") if p.strip()]
        if len(parts) != 2:
            raise ValueError("--dyad takes two ISO3 codes separated by a comma, e.g. USA,PRK")
        dyad = (parts[0], parts[1])
    return Filters(
        actor=args.actor,
        country=args.country,
        dyad=dyad,
        directed=args.directed,
        type=args.type,
        cameo=args.cameo,
        quad_class=args.quad_class,
        since=args.since,
        until=args.until,
        place=args.place,
        text=args.text,
        min_mentions=args.min_mentions,
        added_since=args.added_since,
        limit=args.limit,
    )


def cmd_events(args: argparse.Namespace) -> int:
    from thucydides import export
    from thucydides.store import QueryError

    try:
        filters = _filters(args)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    store = _open_store(args.db)
    if store is None:
        return 1
    with store:
        try:
            rows = list(store.events(filters, sort=args.sort))
        except QueryError as exc:
            sys.stderr.write(f"error: --{exc.param.replace('_', '-')}: {exc.message}\n")
            return 2
    if args.format == "table":
        if not export.write_table(rows, sys.stdout):
            sys.stdout.write("no events match\n")
    else:
        export.export(rows, args.format, out=sys.stdout)
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    from thucydides.store import QueryError

    store = _open_store(args.db)
    if store is None:
        return 1
    with store:
        try:
            rows = store.dyad_timeline(args.a, args.b, by=args.by, directed=args.directed)
        except QueryError as exc:
            sys.stderr.write(f"error: {exc.param}: {exc.message}\n")
            return 2
    if args.format == "jsonl":
        from thucydides.export import write_jsonl

        write_jsonl(rows, sys.stdout)
        return 0
    w = sys.stdout.write
    arrow = "→" if args.directed else "↔"
    w(f"{args.a.upper()} {arrow} {args.b.upper()} by {args.by}\n")
    head = f"{'period':<12} {'events':>6} {'mentions':>8} {'Goldstein':>9}"
    w(head + "".join(f" {q:>3}" for q in ("q1", "q2", "q3", "q4")) + "\n")
    for r in rows:
        w(
            f"{r['period']:<12} {r['events']:>6} {r['mentions']:>8} {r['goldstein']:>+9.1f} "
            f"{r['quad_1']:>3} {r['quad_2']:>3} {r['quad_3']:>3} {r['quad_4']:>3}\n"
        )
    if not rows:
        w("no dated events between them\n")
    left = _left_out(args, rows)
    if left:
        w(left + "\n")
    return 0


def _left_out(args: argparse.Namespace, rows: list[dict[str, Any]]) -> str:
    """A line saying how many of the dyad's events are too vaguely dated for the period, and why."""
    from thucydides.store import Filters
    from thucydides.store.filters import PERIODS

    store = _open_store(args.db)
    if store is None:
        return ""
    with store:
        events = store.events(Filters(dyad=(args.a, args.b), directed=args.directed))
        vague = Counter(e.get("date_precision") or "unknown" for e in events)
    counted = sum(r["events"] for r in rows)
    for precision in PERIODS[args.by][1]:
        vague.pop(precision, None)
    if not sum(vague.values()):
        return ""
    parts = ", ".join(
        f"{n} dated to the {p}" if p in ("month", "year") else f"{n} undated" for p, n in vague.items()
    )
    hint = " (--by month counts those dated to the month)" if vague.get("month") else ""
    return (
        f"{counted} events counted; {sum(vague.values())} more are dated less precisely than a {args.by} "
        f"and left out: {parts}{hint}"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from thucydides import export
    from thucydides.arrow import ArrowUnavailable
    from thucydides.store import QueryError

    if args.format in ("parquet", "arrow") and not args.output:
        sys.stderr.write(f"error: --format {args.format} needs --output FILE\n")
        return 2
    try:
        filters = _filters(args)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    store = _open_store(args.db)
    if store is None:
        return 1
    with store:
        events = store.events(filters)
        if args.format == "gdelt-mentions":  # each report's full record: sentences, actor offsets
            events = store.with_mention_records(events)
        try:
            n = export.export(events, args.format, out=sys.stdout, path=args.output, header=args.header)
        except QueryError as exc:
            sys.stderr.write(f"error: --{exc.param.replace('_', '-')}: {exc.message}\n")
            return 2
        except ArrowUnavailable as exc:
            sys.stderr.write(f"error: {exc}\n")
            return 1
    if args.output:
        sys.stderr.write(f"wrote {n} events to {args.output}\n")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from thucydides.evaluate import evaluate_file, format_table
    from thucydides.events.phases import ablate, check_rules, list_rules
    from thucydides.pipeline import Options, Pipeline

    if args.list_rules:
        sys.stdout.write(list_rules())
        return 0
    if args.gold is None or not args.gold.is_file():
        sys.stderr.write(
            f"error: no such gold file: {args.gold}\n" if args.gold else "error: GOLD is required\n"
        )
        return 2
    try:
        check_rules(args.ablate)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    pipe = Pipeline(Options(actor_files=args.actors, batch_size=64))
    try:
        ablate(pipe, args.ablate)
        report = evaluate_file(args.gold, pipe, args.published, args.split)
    except (ValueError, KeyError, OSError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import subprocess

    try:
        from thucydides.api import serve
    except ImportError as exc:
        sys.stderr.write(f"error: the web extra is not installed ({exc}); pip install 'thucydides[web]'\n")
        return 1
    watcher = None
    if args.watch:
        if not Path(args.db).exists():
            from thucydides.store import Store

            Store(args.db).close()  # an empty store to serve while the first documents are coded
        command = [sys.executable, "-m", "thucydides.cli", "watch", "--db", args.db, *args.watch]
        watcher = subprocess.Popen(command)
    try:
        return serve(args.db, host=args.host, port=args.port, allow_hosts=args.allow_host)
    finally:
        if watcher is not None:
            watcher.terminate()
            watcher.wait(timeout=30)


def cmd_watch(args: argparse.Namespace) -> int:
    from thucydides.ingest import IngestOptions
    from thucydides.watch import watch

    if not args.paths:
        sys.stderr.write("error: name at least one folder, file or feed URL to watch\n")
        return 2
    if args.every <= 0:
        sys.stderr.write("error: --every must be more than 0 seconds\n")
        return 2
    opts = IngestOptions(
        workers=0, published=args.published, actor_files=args.actors, max_bytes=args.max_mb * 1024 * 1024
    )
    watch(args.paths, args.db, opts, fetch=args.fetch, every=args.every, looks=1 if args.once else None,
          out=sys.stderr)  # fmt: skip
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from thucydides import export

    store = _open_store(args.db)
    if store is None:
        return 1
    from thucydides.provenance import Provenance

    with store:
        s = store.summary(Provenance.of(args.actors))
        w = sys.stdout.write
        w(
            f"{s['documents']} documents, {s['mentions']} event reports merged into {s['events']} events "
            f"({s['multi_document_events']} reported by several documents) in {args.db}\n"
        )
        if s["outdated"]:
            w(
                f"{s['outdated']} documents were coded by another coder version or other actor files: "
                "`thucydides ingest --recode` codes them again\n"
            )
        if s["skipped_languages"]:
            langs = ", ".join(f"{lang} {n}" for lang, n in s["skipped_languages"])
            n_skipped = sum(n for _, n in s["skipped_languages"])
            w(f"{n_skipped} documents not coded for their language ({langs})\n")
        w("\nEvents per type:\n")
        for etype, n in s["by_type"]:
            w(f"  {etype:<10} {n:>5}  {'█' * min(n, 60)}\n")
        w("\nTop dyads (source → target, events, Goldstein sum):\n")
        for a, b, n, g in s["dyads"]:
            w(f"  {a} → {b:<4} {n:>4}   {g:+.1f}\n")
        w("\nThe most reported events with their evidence:\n")
        rows = [r for r in store.events(sort="-mentions") if r.get("source") and r.get("target")]
        export.write_table(rows[: args.examples], sys.stdout)
    return 0


COMMANDS = {
    "code": cmd_code,
    "extract": cmd_extract,
    "actors": cmd_stage,
    "dates": cmd_stage,
    "places": cmd_stage,
    "ingest": cmd_ingest,
    "events": cmd_events,
    "export": cmd_export,
    "summary": cmd_summary,
    "dyad": cmd_dyad,
    "eval": cmd_eval,
    "serve": cmd_serve,
    "watch": cmd_watch,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``thucydides`` command."""
    from thucydides.store.turns import StoreBusy

    args = build_parser().parse_args(_join_dash_values(sys.argv[1:] if argv is None else argv))
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except StoreBusy as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
