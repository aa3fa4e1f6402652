"""Builds the stages in order and runs them over a stream of documents.

    read → extract → language → published date → nlp → actors → dates → places → events

Heavy resources (the spaCy model, the actor knowledge base, the gazetteer) are
built once here and handed to the stages. A document that fails in any stage
becomes a :class:`Problem` with a readable reason; the others go on.
"""

from __future__ import annotations

import gc
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from thucydides.language import LanguageStage, NotSupported
from thucydides.pieces import Caps, cut_chars, cut_tokens, piece_of, shift
from thucydides.record import Document, Event, NoActor, Problem

Stage = Callable[[Document], Document]
Item = Document | Problem

STAGES = ("extract", "nlp", "actors", "dates", "places", "events")


@dataclass(slots=True)
class Options:
    """Pipeline options (one object instead of many keyword arguments).

    Attributes:
        published: publication date for documents that carry none of their own.
        upto: run the stages up to and including this one.
        actor_files: user knowledge-base files that extend or override the bundled one.
        batch_size: documents per ``nlp.pipe`` batch.
        progress: where progress lines go (None: nowhere).
        keep_parse: keep each document's spaCy parse in ``Document.nlp`` after the run.
        model: let the learned sentence model propose and rank events (rules alone when False).
        caps: how much one parse may take on: documents over ``caps.piece_chars`` characters or
            ``caps.piece_tokens`` tokens are coded in pieces, batches hold at most
            ``caps.batch_tokens`` tokens (see :mod:`thucydides.pieces`).
        max_seconds: a document coded in pieces is given up (a :class:`Problem` that says so) when
            it has taken longer than this; None: no limit.
    """

    published: date | None = None
    upto: str = "events"
    actor_files: Sequence[Path] = ()
    batch_size: int = 16
    progress: TextIO | None = None
    keep_parse: bool = False
    model: bool = True
    caps: Caps = Caps()
    max_seconds: float | None = None


class ExtractStage:
    """Reads ``raw``; writes ``text`` (and title, url, source, published from page metadata, body_end)."""

    def __init__(self) -> None:
        from thucydides.extract import load_furniture

        self.furniture = load_furniture()

    def __call__(self, doc: Document) -> Document:
        from thucydides.extract import extract_article, find_furniture_start
        from thucydides.read import safe_text

        doc.raw = safe_text(doc.raw)  # a lone surrogate (from a library caller) cannot be tokenized
        if doc.is_html:
            art = extract_article(doc.raw, doc.url, self.furniture)
            doc.text = art.text
            doc.title = doc.title or art.title
            doc.url = doc.url or art.url
            doc.source = doc.source or art.source
            if doc.published is None and art.published is not None:
                doc.published, doc.published_how = art.published, "metadata"
        else:
            doc.text = doc.raw
            doc.body_end = find_furniture_start(doc.text, self.furniture)
        if not doc.text.strip():
            raise ValueError("no article text found")
        return doc


class PublishedStage:
    """Reads ``text`` and ``published``; fills a missing publication date.

    Order: the document's own date (JSONL field, page metadata), a dateline, the
    date given on the command line, a date in the file's name ("kna_20190719_tanker.txt"), and
    last a date inferred from the text (``published_how == "inferred"``). A dateline without a
    year takes it from the text, else from the file name.
    """

    def __init__(self, default: date | None, resolver: Any) -> None:
        self.default = default
        self.resolver = resolver

    def __call__(self, doc: Document) -> Document:
        from thucydides.dates import filename_date, find_dateline_date, infer_publication_date

        if doc.published is not None:
            return doc
        named = filename_date(doc.id)
        found = find_dateline_date(doc.text, self.resolver, near=named)
        if found is not None:
            doc.published, doc.published_how = found, "dateline"
        elif self.default is not None:
            doc.published, doc.published_how = self.default, "given"
        elif named is not None:
            doc.published, doc.published_how = named, "filename"
        else:
            inferred = infer_publication_date(doc.body, self.resolver)
            if inferred is not None:
                doc.published, doc.published_how = inferred, "inferred"
        return doc


class NlpStage:
    """Reads ``text`` up to ``body_end``; writes ``nlp`` (a spaCy Doc). Batches with ``nlp.pipe``.

    A document may come already tokenized (``nlp`` holding the tokenizer's ``Doc``, as
    :meth:`Pipeline.code` leaves it to count tokens); it is parsed from those tokens. A sentence
    longer than the model's sentence cap (:class:`thucydides.nlp.SentenceCap`) is split, and said so
    in ``Document.notes``.
    """

    def __init__(self, nlp: Any, batch_size: int = 16) -> None:
        from thucydides.nlp import SENTENCE_CAP_COMPONENT

        self.nlp = nlp
        self.batch_size = batch_size
        self.restorer: Any = None  # a thucydides.truecase.CaseRestorer, set once the knowledge base is loaded
        cap = nlp.get_pipe(SENTENCE_CAP_COMPONENT) if SENTENCE_CAP_COMPONENT in nlp.pipe_names else None
        self.max_sentence = int(cap.max_tokens) if cap is not None else None

    def tokenize(self, text: str) -> Any:
        """The tokenizer's ``Doc`` of ``text`` (cheap next to the parse; it counts the tokens)."""
        return self.nlp.make_doc(text)

    def __call__(self, doc: Document, offset: int = 0) -> Document:
        text, restored = self._input(doc)
        doc.nlp = self._checked(doc, self._as_written(doc, self.nlp(text), restored), offset)
        return doc

    def pipe(self, docs: list[Document]) -> list[Document]:
        inputs = [self._input(d) for d in docs]
        parsed_all = self.nlp.pipe((text for text, _ in inputs), batch_size=self.batch_size)
        for doc, (_, restored), parsed in zip(docs, inputs, parsed_all, strict=True):
            doc.nlp = self._checked(doc, self._as_written(doc, parsed, restored))
        return docs

    def _input(self, doc: Document) -> tuple[Any, bool]:
        """What the parser reads, and whether it is a case-restored copy: the text in ordinary case where
        the case restorer finds lines in lower case, Title Case or ALL CAPS (:mod:`thucydides.truecase`;
        same length, same offsets), else the text or its tokens."""
        if self.restorer is not None and (restored := self.restorer.restore(doc.body)) is not None:
            return restored, True
        return (doc.nlp if doc.nlp is not None else doc.body), False

    @staticmethod
    def _as_written(doc: Document, parsed: Any, restored: bool) -> Any:
        """The parse of a case-restored copy, told the text as written (the events' evidence is cut from
        it, not from the copy the parser read)."""
        if restored:
            from thucydides.events.syntax import DOC_TEXT

            parsed.user_data[DOC_TEXT] = doc.body
        return parsed

    def _checked(self, doc: Document, parsed: Any, offset: int = 0) -> Any:
        """The parse, parsed again where a sentence passed the cap; each split noted on ``doc``."""
        from thucydides.nlp import SPLIT_KEY, reparse_capped

        if self.max_sentence is None:
            return parsed
        parsed = reparse_capped(self.nlp, parsed, self.max_sentence)
        for first, length in parsed.user_data.pop(SPLIT_KEY, []):
            doc.notes.append(
                f"a sentence of {length} tokens (at character {offset + parsed[first].idx}) was split "
                f"into sentences of at most {self.max_sentence} tokens"
            )
        return parsed


class ProgressBar:
    """Progress on standard error: a bar redrawn in place on a terminal, else a line every ``every`` s.

    With a ``total`` it shows a bar, the rate and the time left; without one (a stream), the count
    and the rate. Documents that were skipped are counted and shown when there are any.
    """

    def __init__(
        self,
        out: TextIO | None,
        total: int | None,
        every: float = 1.0,
        width: int = 24,
        label: str = "ingest",
    ) -> None:
        self.out, self.total, self.every, self.width, self.label = out, total, every, width, label
        self.tty = bool(out is not None and getattr(out, "isatty", lambda: False)())
        self.start = self.last = time.monotonic()
        self.done = self.failed = 0

    def line(self) -> str:
        """The current state: count, bar, documents per second, time left."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        skipped = f", {self.failed} skipped" if self.failed else ""
        if not self.total:
            return f"[thucydides] {self.label} {self.done} documents {rate:.1f} docs/s{skipped}"
        frac = self.done / self.total
        bar = "#" * int(frac * self.width)
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = f"ETA {int(left) // 60}:{int(left) % 60:02d}" if left is not None else "ETA ?"
        return (
            f"[thucydides] {self.label} {self.done}/{self.total} [{bar:<{self.width}}] {frac:4.0%} "
            f"{rate:.1f} docs/s {eta}{skipped}"
        )

    def update(self, n: int = 1, ok: bool = True) -> None:
        """Count ``n`` more documents done (skipped ones with ``ok=False``); redraw when due."""
        self.done += n
        self.failed += 0 if ok else n
        now = time.monotonic()
        if self.out is None or (now - self.last < (0.2 if self.tty else self.every)):
            return
        self.last = now
        self.out.write(("\r" + self.line()) if self.tty else self.line() + "\n")
        self.out.flush()

    def finish(self) -> None:
        """Draw the final state (for a stream, only after a run long enough to have shown progress)."""
        if self.out is None or not self.done:
            return
        if self.total or time.monotonic() - self.start >= self.every:
            self.out.write(("\r" if self.tty else "") + self.line() + "\n")
            self.out.flush()


@contextmanager
def built_quietly() -> Iterator[None]:
    """Build long-lived resources with the garbage collector paused, then freeze what was built.

    Loading the model, the gazetteer and the knowledge bases creates a few hundred thousand
    objects that live as long as the process. With the collector running, every collection while
    they are built walks all of them again (the gazetteer takes twice as long), and afterwards every
    full collection during coding does. :func:`gc.freeze` moves the objects that exist at the end
    into the permanent generation, which the collector no longer walks. The collector is switched
    back on (when it was on before); only objects that exist when the block ends are frozen.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


class Pipeline:
    """The stages in order, with the resources they share.

    Build it once (loading the model and knowledge bases takes a few seconds), then call
    :meth:`events` on texts or :meth:`run` on documents, any number of times::

        pipe = thucydides.Pipeline()
        for ev in pipe.events("Iran seized a British tanker on Friday.", published="2019-07-20"):
            print(ev.event_type, ev.source, ev.target)

    The build runs with the garbage collector paused and freezes what it built (see
    :func:`built_quietly`).
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        with built_quietly():
            self._build()

    def _build(self) -> None:
        upto = STAGES.index(self.options.upto)
        from thucydides.dates import DateResolver

        date_resolver = DateResolver()  # shared: datelines and publication dates, then date expressions
        self.pre: list[Stage] = [
            ExtractStage(),
            LanguageStage(),
            PublishedStage(self.options.published, date_resolver),
        ]
        self.nlp: NlpStage | None = None
        self.post: list[Stage] = []
        if upto >= STAGES.index("nlp"):
            from thucydides.nlp import load_nlp

            self.nlp = NlpStage(load_nlp(), self.options.batch_size)
        successions = None
        kb = None
        if upto >= STAGES.index("actors"):
            from thucydides.actors import ActorResolver, KnowledgeBase

            kb = KnowledgeBase.load(extra=list(self.options.actor_files))
            successions = kb.successions
            self.post.append(ActorResolver(kb))
        if upto >= STAGES.index("dates"):
            self.post.append(date_resolver)
        gazetteer = None
        if upto >= STAGES.index("places"):
            from thucydides.places import Gazetteer, PlaceResolver

            gazetteer = Gazetteer.load()
            self.post.append(PlaceResolver(gazetteer, successions))
        if kb is not None and self.nlp is not None:
            from thucydides.truecase import CaseRestorer

            self.nlp.restorer = CaseRestorer.from_sources(kb, gazetteer)
        if upto >= STAGES.index("events"):
            from thucydides.events import EventCoder
            from thucydides.events.model import SentenceEventModel
            from thucydides.ontology import Ontology

            self.post.append(
                EventCoder(
                    Ontology.load(),
                    gazetteer=gazetteer,
                    numbers=date_resolver.vocab.numbers,
                    model=SentenceEventModel.load() if self.options.model else None,
                )
            )
            from thucydides.actor_places import ActorPlaceStage
            from thucydides.events.salience import ArticleSalience

            self.post.append(ArticleSalience())

            self.post.append(ActorPlaceStage())

    def events(self, texts: str | Iterable[str], published: str | date | None = None) -> list[Event]:
        """Code article texts with this pipeline: :func:`code` reusing the loaded model."""
        return code(texts, published=published, pipeline=self)

    def _guard(self, stage: Stage, doc: Document) -> Item:
        try:
            return stage(doc)
        except NotSupported as exc:  # not a failure: a document the coder does not read
            return Problem(doc.id, str(exc), language=exc.language)
        except Exception as exc:  # noqa: BLE001 - a bad document must never stop the others
            name = type(stage).__name__.removesuffix("Stage").lower()
            return Problem(doc.id, f"{name} failed: {type(exc).__name__}: {exc}")

    def _through(self, stages: Sequence[Stage], doc: Document) -> Item:
        """Run ``doc`` through ``stages``; stop at the first problem."""
        item: Item = doc
        for stage in stages:
            if isinstance(item, Problem):
                break
            item = self._guard(stage, item)
        return item

    def _batch(self, docs: list[Document]) -> Iterator[Item]:
        if self.nlp is not None and docs:
            try:
                docs = self.nlp.pipe(docs)
            except Exception:  # noqa: BLE001 - retry one by one to find the bad document
                parsed: list[Document] = []
                for doc in docs:
                    one = self._through([self.nlp], doc)
                    if isinstance(one, Problem):
                        yield one
                    else:
                        parsed.append(one)
                docs = parsed
        for out in self._stagewise(self.post, list(docs)):
            if isinstance(out, Document) and not self.options.keep_parse:
                out.nlp = None  # the parse is large; keep it only when asked
            yield out

    def run(self, items: Iterable[Item], total: int | None = None) -> Iterator[Item]:
        """Run the stages over documents; problems pass through, new ones are added.

        Args:
            items: documents (and problems from reading) in input order.
            total: the number of documents, when known, for the progress line.
        """
        label = "code" if self.options.upto == "events" else self.options.upto
        progress = ProgressBar(self.options.progress, total, every=2.0, label=label)
        for out in self.code(self._prepared(items)):
            progress.update(ok=isinstance(out, Document))
            yield out
        progress.finish()

    def prepare(self, doc: Document) -> Item:
        """Run the stages before the parse (extraction, publication date) on one document."""
        return self._through(self.pre, doc)

    def _prepared(self, items: Iterable[Item]) -> Iterator[Item]:
        """:meth:`prepare` of each document, in order, run stage by stage over ``batch_size`` documents at a
        time (as :meth:`code` gathers them for one parse anyway); problems pass through."""
        chunk: list[Item] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.options.batch_size:
                yield from self._stagewise(self.pre, chunk)
                chunk = []
        yield from self._stagewise(self.pre, chunk)

    def _stagewise(self, stages: Sequence[Stage], items: list[Item]) -> list[Item]:
        """``stages`` run one at a time over every item (each stage's tables stay in the processor's caches
        while it runs), in order; a document stops at its first problem, as in :meth:`_through`."""
        for stage in stages:
            items = [item if isinstance(item, Problem) else self._guard(stage, item) for item in items]
        return items

    def code(self, items: Iterable[Item]) -> Iterator[Item]:
        """Parse prepared documents (see :meth:`prepare`) in batches and run the later stages.

        A batch holds at most ``options.batch_size`` documents and ``options.caps.batch_tokens``
        tokens (spaCy's memory grows with the tokens parsed together); a document too long for
        one parse is coded on its own, in pieces (:meth:`code_in_pieces`). Problems pass through
        as they come (before the batch being gathered).
        """
        caps = self.options.caps
        batch: list[Document] = []
        tokens = 0
        for item in items:
            if isinstance(item, Problem):
                yield item
                continue
            if self.nlp is not None:
                if len(item.body) > caps.piece_chars:
                    yield from self._batch(batch)
                    batch, tokens = [], 0
                    yield self.code_in_pieces(item)
                    continue
                try:
                    item.nlp = self.nlp.tokenize(item.body)
                except Exception as exc:  # noqa: BLE001 - a bad document must never stop the others
                    yield Problem(item.id, f"nlp failed: {type(exc).__name__}: {exc}")
                    continue
                if len(item.nlp) > caps.piece_tokens:
                    item.nlp = None
                    yield from self._batch(batch)
                    batch, tokens = [], 0
                    yield self.code_in_pieces(item)
                    continue
                if batch and tokens + len(item.nlp) > caps.batch_tokens:
                    yield from self._batch(batch)
                    batch, tokens = [], 0
                tokens += len(item.nlp)
            batch.append(item)
            if len(batch) >= self.options.batch_size:
                yield from self._batch(batch)
                batch, tokens = [], 0
        yield from self._batch(batch)

    def pieces(self, doc: Document) -> list[tuple[int, int]]:
        """Where ``doc``'s body is cut for coding in pieces: ``(start, end)`` offsets into its text.

        Cut by characters at paragraph or sentence ends (:func:`thucydides.pieces.cut_chars`);
        a piece that still holds too many tokens is cut again by tokens.
        """
        assert self.nlp is not None
        caps = self.options.caps
        out: list[tuple[int, int]] = []
        for a, b in cut_chars(doc.text, caps.piece_chars, 0, len(doc.body)):
            tokens = self.nlp.tokenize(doc.text[a:b])
            if len(tokens) <= caps.piece_tokens:
                out.append((a, b))
            else:
                out += [(a + c, a + d) for c, d in cut_tokens(tokens, caps.piece_tokens)]
        return out

    def code_in_pieces(self, doc: Document) -> Item:
        """Parse and code a long document piece by piece, each piece's offsets moved into the whole.

        Memory stays that of one piece (plus the document's text and results); a progress line on
        ``options.progress`` tells how far it is. With ``keep_parse`` the pieces' parses are joined
        into one ``Doc`` over the whole body afterwards.
        """
        from spacy.tokens import Doc

        assert self.nlp is not None
        started = last = time.monotonic()
        try:
            ranges = self.pieces(doc)
        except Exception as exc:  # noqa: BLE001 - a bad document must never stop the others
            return Problem(doc.id, f"nlp failed: {type(exc).__name__}: {exc}")
        parses: list[Any] = []
        tokens = sentences = 0
        limit = self.options.max_seconds
        for k, (a, b) in enumerate(ranges, 1):
            if limit is not None and time.monotonic() - started > limit:
                done = f"{k - 1} of {len(ranges)} pieces coded"
                return Problem(doc.id, f"stopped after {limit:.0f} s (the time limit): {done}")
            part = piece_of(doc, a, b)
            try:
                self.nlp(part, offset=a)
            except Exception as exc:  # noqa: BLE001 - a bad document must never stop the others
                return Problem(doc.id, f"nlp failed in characters {a}-{b}: {type(exc).__name__}: {exc}")
            out = self._through(self.post, part)
            if isinstance(out, Problem):
                return Problem(doc.id, f"{out.reason} (in characters {a}-{b})")
            n_tokens, n_sentences = len(part.nlp), sum(1 for _ in part.nlp.sents)
            shift(part, a, tokens, sentences)
            doc.actors += part.actors
            doc.dates += part.dates
            doc.places += part.places
            doc.events += part.events
            doc.notes += part.notes
            if self.options.keep_parse:
                parses.append(part.nlp)
            part.nlp = None
            tokens, sentences = tokens + n_tokens, sentences + n_sentences
            now = time.monotonic()
            if self.options.progress is not None and (now - last >= 2.0 or k == len(ranges)) and k > 1:
                last = now
                share = b / max(len(doc.body), 1)
                self.options.progress.write(
                    f"[thucydides] long document {doc.id}: piece {k}/{len(ranges)} "
                    f"({share:.0%} of {len(doc.body):,} characters) in {now - started:.1f} s\n"
                )
                self.options.progress.flush()
        doc.notes.append(
            f"coded in {len(ranges)} pieces (at most {self.options.caps.piece_chars:,} characters "
            f"and {self.options.caps.piece_tokens:,} tokens each)"
        )
        doc.nlp = Doc.from_docs(parses, ensure_whitespace=False) if parses else None
        return doc


def _published(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"published: expected a date in YYYY-MM-DD form, got {value!r}") from None


def code(
    texts: str | Iterable[str], published: str | date | None = None, pipeline: Pipeline | None = None
) -> list[Event]:
    """Code article texts into events: ``thucydides.code("...", published="2019-11-30")``.

    Args:
        texts: one article text, or several.
        published: their publication date (``YYYY-MM-DD`` or a ``date``), which dates "on Monday";
            without it a date is looked for in the text (a dateline) or inferred.
        pipeline: a :class:`Pipeline` to reuse; without one a pipeline is built for this call, which
            loads the language model (a few seconds), so build one for repeated calls.

    Returns:
        The events (:class:`thucydides.record.Event`: ``event_type``, ``cameo``, ``source`` and
        ``target`` actors, ``date``, ``location``, ``evidence`` ...) in text order. A source or
        target the text does not name is a :class:`~thucydides.record.NoActor`: false, with every
        field None (``ev.target.country`` is None; test ``if ev.target:``). A text that cannot be
        coded (an empty one) is skipped with a warning.

    Raises:
        ValueError: ``published`` is not a date.
    """
    day = _published(published)
    items = [texts] if isinstance(texts, str) else list(texts)
    docs = [
        Document(id=f"text-{i}", raw=t, published=day, published_how="given" if day else "none")
        for i, t in enumerate(items)
    ]
    pipe = pipeline or Pipeline()
    events: list[Event] = []
    for item in pipe.run(docs):
        if isinstance(item, Problem):
            warnings.warn(f"skipped {item}", stacklevel=2)
        else:
            events.extend(item.events)
    for ev in events:  # "no one" as an actor object, so that ev.target.country is None, not an error
        ev.source = ev.source or NoActor()
        ev.target = ev.target or NoActor()
    return events


def code_texts(
    texts: Iterable[str], published: date | None = None, pipeline: Pipeline | None = None
) -> list[Any]:
    """Code plain texts and return their events (the older name of :func:`code`)."""
    return code(list(texts), published=published, pipeline=pipeline)
