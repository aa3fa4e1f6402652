"""Ingest: code documents into the store with the local engine (one or more worker processes).

    paths ─▶ read + hash ─▶ skip known ─▶ extract ─▶ N workers (parse and code) ─▶ one writer (the Store)

This process reads the inputs, extracts the article text (the stages before the parse,
:meth:`thucydides.pipeline.Pipeline.prepare`) and writes the store; the worker processes, each
with its own pipeline, parse and code (:meth:`thucydides.pipeline.Pipeline.code`). So with one
worker too, reading, extraction and writing overlap the parse instead of taking turns with it.
DuckDB allows one writer, so workers only code documents and send back typed rows
(:class:`thucydides.store.Coded`: a document row and its mention rows); this process writes
them in a writer thread (:class:`Writer`) so that writing overlaps coding, gathering the batches
that arrive in a few seconds into one transaction (merging events costs less in fewer, larger
writes). A killed run therefore leaves whole documents, and a rerun codes only what is missing.
Inputs are read twice (once to count and hash, once to code) so that memory stays flat and the
progress bar knows the total; that costs about 0.05 ms per document, next to some 30 ms to code
it. Standard input is read once.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from thucydides.pieces import BATCH_CHARS
from thucydides.pipeline import ProgressBar
from thucydides.record import Document, Problem

Result = Any  # a thucydides.store.Coded document, or a Problem (imported lazily: DuckDB loads late)


@dataclass(slots=True)
class IngestOptions:
    """How to ingest.

    Attributes:
        workers: worker processes that parse and code; this process reads, extracts and writes.
            0 does everything in this process (no child process; the slowest way).
        published: publication date for documents that carry none.
        actor_files: user knowledge-base files for the actor resolver.
        max_bytes: inputs larger than this are refused.
        batch_size: documents per batch sent to a worker (and per ``nlp.pipe`` call).
        progress: where the progress bar goes (None: nowhere).
        recode: code the inputs even when the store holds them unchanged, replacing what was
            stored (see also :func:`recode`).
    """

    workers: int = 1
    published: date | None = None
    actor_files: Sequence[Path] = ()
    max_bytes: int = 10 * 1024 * 1024
    batch_size: int = 16
    progress: TextIO | None = None
    recode: bool = False


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did.

    Attributes:
        seen: documents read from the inputs.
        added: documents coded and stored.
        replaced: documents coded again and stored in place of the stored document of their id
            (its content changed, or it was re-coded).
        already: documents skipped because the store holds them (same id and content, or the
            same content under another id).
        problems: inputs or documents that could not be read or coded, with the reason.
        mentions: events coded in the added documents.
        words: words in the added documents' text.
        seconds: wall time of the run.
        startup_seconds: time spent building the pipeline (loading the model and knowledge bases)
            before coding could start: this process's extraction stages, then the slowest worker's
            (the workers build at the same time).
        worker_peak_rss_mb: peak resident memory of each worker process (this process with 0).
        main_peak_rss_mb: peak resident memory of this process (reading, extraction, the store).
    """

    seen: int = 0
    added: int = 0
    replaced: int = 0
    already: int = 0
    problems: list[Problem] = field(default_factory=list)
    mentions: int = 0
    words: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0
    worker_peak_rss_mb: list[float] = field(default_factory=list)
    main_peak_rss_mb: float = 0.0


class Writer:
    """Writes results in a thread of its own, so that storing overlaps coding.

    DuckDB does much of its work without holding the interpreter lock, but recomputing the merged
    events of a block reads every mention of it, so many small writes cost far more than a few
    large ones (the blocks that recur are merged again at every write, and they grow with the
    store). The writer therefore gathers the batches handed to it and writes them together: the
    first batch at once, then whatever arrived every ``every`` seconds, or less often when writing
    takes long (so that writing takes at most about ``busy`` of the time: a write of 0.5 s is
    followed by 10 s of gathering with the default 0.05), or as soon as ``most`` results wait; the
    rest at the end. Each write is one transaction (see :meth:`Store.add_many`), so a killed run
    still leaves whole documents and loses only the coding done since the last write. Waiting is
    done blocked on a queue: the thread sleeps while there is nothing to write. At most ``depth``
    batches wait in the queue. Use it as a context manager: leaving the block writes what is left,
    waits for it and raises the writer's error, if any.
    """

    def __init__(
        self,
        write: Callable[[list[Result]], None],
        depth: int = 8,
        every: float = 5.0,
        most: int = 2000,
        busy: float = 0.05,
    ) -> None:
        self._write = write
        self._every, self._most, self._busy = every, most, busy
        self._queue: queue.Queue[list[Result] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._loop, name="thucydides-writer", daemon=True)

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error

    def put(self, results: list[Result]) -> None:
        """Queue one batch for writing; raise the writer's error if it has stopped."""
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(results, timeout=0.5)
                return
            except queue.Full:
                continue

    def _flush(self, pending: list[Result]) -> float:
        """Write ``pending``; return the time it took."""
        started = time.monotonic()
        if pending and self._error is None:  # after a failure nothing more is written
            try:
                self._write(pending)
            except BaseException as exc:  # noqa: BLE001 - handed to the coding thread
                self._error = exc
        return time.monotonic() - started

    def _loop(self) -> None:
        pending: list[Result] = []
        due: float | None = None  # when the gathered results must be written; None: at once
        while True:
            wait = None if not pending or due is None else max(0.0, due - time.monotonic())
            try:
                results = self._queue.get(timeout=wait)
            except queue.Empty:
                results = []
            if results is None:
                self._flush(pending)
                return
            pending += results
            if pending and (due is None or time.monotonic() >= due or len(pending) >= self._most):
                took = self._flush(pending)
                pending = []
                due = time.monotonic() + max(self._every, took / self._busy)


def _say(out: TextIO | None) -> Callable[[str], None] | None:
    """Where a wait for the store is reported: the progress stream, one line."""
    if out is None:
        return None

    def say(message: str) -> None:
        out.write(f"[thucydides] {message}\n")
        out.flush()

    return say


def _peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _pipeline(options: IngestOptions, upto: str = "events") -> Any:
    from thucydides.pipeline import Options, Pipeline

    return Pipeline(
        Options(
            published=options.published,
            actor_files=list(options.actor_files),
            batch_size=options.batch_size,
            upto=upto,
        )
    )


def code_batch(pipe: Any, batch: Sequence[tuple[str, Document]], prepared: bool = False) -> list[Result]:
    """Code one batch of ``(content_hash, document)`` into typed rows for the writer.

    Args:
        pipe: a :class:`thucydides.pipeline.Pipeline`.
        batch: documents with their content hashes.
        prepared: the documents have been through :meth:`Pipeline.prepare` already.

    Returns:
        A :class:`thucydides.store.Coded` per coded document, a :class:`Problem` per failure.
    """
    from thucydides.store.rows import Coded

    digests = {doc.id: digest for digest, doc in batch}
    docs = [doc for _, doc in batch]
    out: list[Result] = []
    for item in pipe.code(docs) if prepared else pipe.run(docs):
        if isinstance(item, Problem):
            out.append(item)
        else:
            out.append(Coded.from_document(item, digests[item.id]))
    return out


def _worker(options: IngestOptions, inbox: Any, outbox: Any) -> None:
    """A worker process: build the pipeline once, code batches until told to stop.

    It ignores Ctrl-C (the main process gets it too, and stops the workers itself).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    pipe = _pipeline(options)
    outbox.put(("ready", None))
    while True:
        if os.getppid() != parent:  # the main process was killed: nobody will read our results,
            outbox.cancel_join_thread()  # nor empty the queue, so do not wait for it at exit
            return
        try:
            batch = inbox.get(timeout=2.0)
        except queue.Empty:
            continue
        if batch is None:
            break
        outbox.put(("batch", code_batch(pipe, batch, prepared=True)))
    outbox.put(("done", _peak_rss_mb()))


def _read(paths: Sequence[str], options: IngestOptions) -> Iterator[Document | Problem]:
    from thucydides.read import ReadOptions, read_documents

    yield from read_documents(
        list(paths), ReadOptions(max_bytes=options.max_bytes, published=options.published)
    )


def _batches(
    items: Iterable[tuple[str, Document]], size: int, chars: int = BATCH_CHARS
) -> Iterator[list[tuple[str, Document]]]:
    """Batches of at most ``size`` documents and about ``chars`` characters (a longer document goes
    alone): a worker's memory grows with the text it parses at once, not with the count."""
    batch: list[tuple[str, Document]] = []
    held = 0
    for item in items:
        length = len(item[1].text or item[1].raw)
        if batch and held + length > chars:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
        if len(batch) >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _run_local(pipe: Any, batches: Iterable[list[tuple[str, Document]]]) -> Iterator[list[Result]]:
    for batch in batches:
        yield code_batch(pipe, batch)


def _run_workers(
    options: IngestOptions,
    batches: Iterable[list[tuple[str, Document]]],
    peaks: list[float],
    startups: list[float],
) -> Iterator[list[Result]]:
    """Code batches in ``options.workers`` processes, yielding each batch's results as they come back."""
    started = time.perf_counter()
    ctx = mp.get_context("spawn")
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(replace(options, progress=None), inbox, outbox), daemon=True)
        for _ in range(options.workers)
    ]
    for p in procs:
        p.start()
    pending = 0
    source = iter(batches)
    exhausted = False
    try:
        while True:
            while not exhausted and pending < 2 * options.workers:
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                    for _ in procs:
                        inbox.put(None)
                else:
                    inbox.put(nxt)
                    pending += 1
            if exhausted and pending == 0 and len(peaks) == len(procs):
                return
            try:
                kind, payload = outbox.get(timeout=1.0)
            except queue.Empty:
                if not any(p.is_alive() for p in procs) and (pending or len(peaks) < len(procs)):
                    raise RuntimeError("the worker processes stopped unexpectedly") from None
                continue
            if kind == "done":
                peaks.append(float(payload))
                continue
            if kind == "ready":  # started, imported and built its pipeline
                startups.append(time.perf_counter() - started)
                continue
            pending -= 1
            yield payload
    except BaseException:  # Ctrl-C, or the writer failed: stop the workers now, not when they finish
        for p in procs:
            p.terminate()
        raise
    finally:
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
        # batches still buffered for workers that died would block this process's exit
        inbox.cancel_join_thread()


def ingest(paths: Sequence[str], db: str | Path, options: IngestOptions | None = None) -> IngestReport:
    """Code documents into the store at ``db``, skipping those already there.

    A document is its id: one the store holds with the same content is skipped; one it holds with
    other content (an edited file, a corrected report) is coded again and replaces the stored one.
    With ``options.recode`` every input is coded again.

    Args:
        paths: files, directories or ``-`` (as for ``thucydides code``).
        db: the DuckDB store file (created when missing).
        options: workers, publication date, progress output and the like.

    Returns:
        What was added, replaced, skipped and refused.
    """
    from thucydides.store import content_hash

    opts = options or IngestOptions()
    report = IngestReport()
    started = time.monotonic()
    with _open_store(db, opts) as store:
        known = set() if opts.recode else store.known_hashes()

        def fresh(items: Iterable[Document | Problem], count: bool) -> Iterator[tuple[str, Document]]:
            for item in items:
                if isinstance(item, Problem):
                    if count:
                        report.problems.append(item)
                    continue
                if count:
                    report.seen += 1
                digest = content_hash(item)
                if digest in known:  # the same document, or a copy of a stored one under another id
                    report.already += count
                    continue
                yield digest, item

        if "-" in paths:
            todo = list(fresh(_read(paths, opts), True))
            _code_into(store, todo, len(todo), opts, report)
        else:
            total = sum(1 for _ in fresh(_read(paths, opts), True))
            _code_into(store, fresh(_read(paths, opts), False), total, opts, report)
    return _finished(report, opts, started)


def recode(db: str | Path, where: Any = None, options: IngestOptions | None = None) -> IngestReport:
    """Code stored documents again (``ingest --recode``), replacing their mentions and recounting events.

    Each document is coded from its stored text, with its stored publication date, URL and title.

    Args:
        db: the DuckDB store file.
        where: which documents (a :class:`thucydides.store.filters.DocumentFilter`; default: those
            another coder version or other actor files coded).
        options: workers, actor files, progress output and the like.

    Returns:
        What was replaced (``seen``: how many documents matched).
    """
    from thucydides.provenance import Provenance
    from thucydides.store.filters import DocumentFilter

    opts = replace(options or IngestOptions(), recode=True)
    report = IngestReport()
    started = time.monotonic()
    with _open_store(db, opts) as store:
        ids = store.document_ids(where or DocumentFilter(), Provenance.of(opts.actor_files))
        report.seen = len(ids)

        def stored() -> Iterator[tuple[str, Document]]:
            for step in range(0, len(ids), 200):
                part = ids[step : step + 200]
                hashes = store.content_hashes(part)
                for doc in store.stored_documents(part):
                    yield hashes[doc.id], doc

        _code_into(store, stored(), len(ids), opts, report)
    return _finished(report, opts, started)


def store_results(
    store: Any, results: list[Result], made_by: Any, report: IngestReport, recode: bool = False
) -> None:
    """Write coded documents to the store (one transaction) and count what happened in ``report``.

    Args:
        store: a :class:`thucydides.store.Store` open for writing.
        results: :class:`thucydides.store.Coded` documents and :class:`Problem` s, as coded.
        made_by: the :class:`thucydides.provenance.Provenance` that coded them.
        report: counts to add to.
        recode: the documents replace the stored ones of their ids even when unchanged.
    """
    coded = [r for r in results if not isinstance(r, Problem)]
    report.problems += [r for r in results if isinstance(r, Problem)]
    for item in coded:
        item.document.coder_version = made_by.coder_version
        item.document.kb_hash = made_by.kb_hash
        item.replace = recode
    for item, outcome in zip(coded, store.add_many(coded), strict=True):
        if outcome == "already":
            report.already += 1
            continue
        if outcome == "replaced":
            report.replaced += 1
        else:
            report.added += 1
        report.mentions += len(item.mentions)
        report.words += len((item.document.text or "").split())


def _open_store(db: str | Path, opts: IngestOptions) -> Any:
    from thucydides.store import Store

    # the writer's transactions are small: more DuckDB threads would only take the cores from the workers;
    # shared: a server or another command that waits for the store gets it between writes
    return Store(db, threads=1, share=True, say=_say(opts.progress))


def _finished(report: IngestReport, opts: IngestOptions, started: float) -> IngestReport:
    report.main_peak_rss_mb = _peak_rss_mb()
    if opts.workers < 1 and report.startup_seconds:  # something was coded, in this process
        report.worker_peak_rss_mb = [report.main_peak_rss_mb]
    report.seconds = time.monotonic() - started
    return report


def _code_into(
    store: Any, items: Iterable[tuple[str, Document]], total: int, opts: IngestOptions, report: IngestReport
) -> None:
    """Code ``(content hash, document)`` pairs and write them to ``store`` as they come."""
    from thucydides.provenance import Provenance

    if total == 0:
        return
    made_by = Provenance.of(opts.actor_files)
    bar = ProgressBar(opts.progress, total)
    startups: list[float] = []
    t = time.perf_counter()
    built = 0.0  # building this process's part of the pipeline, before the workers start
    if opts.workers < 1:
        pipe = _pipeline(opts)
        startups.append(time.perf_counter() - t)
        results_by_batch = _run_local(pipe, _batches(items, opts.batch_size))
    else:
        prep = _pipeline(opts, upto="extract")
        built = time.perf_counter() - t

        def prepared(items: Iterable[tuple[str, Document]]) -> Iterator[tuple[str, Document]]:
            for digest, doc in items:
                out = prep.prepare(doc)
                if isinstance(out, Problem):
                    report.problems.append(out)
                    bar.update(ok=False)
                else:
                    yield digest, out

        batches = _batches(prepared(items), opts.batch_size)
        results_by_batch = _run_workers(opts, batches, report.worker_peak_rss_mb, startups)

    def write(results: list[Result]) -> None:
        store_results(store, results, made_by, report, recode=opts.recode)

    with Writer(write) as writer:
        for results in results_by_batch:
            writer.put(results)
            bar.update(len(results))  # coded; the writer stores them within a few seconds
    bar.finish()
    store.note_skipped([(p.name, p.language, p.reason) for p in report.problems if p.language])
    report.startup_seconds = built + max(startups, default=0.0)
