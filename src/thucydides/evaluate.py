"""`thucydides eval`: score the coder against a gold file.

With ``split`` (``--split dev|test``) only that half of a public set is scored (:mod:`thucydides.splits`,
by document); the project's own annotations (seed article, non-event sentences, manifest) are not split.

JSON-lines sets are scored by their own modules in :mod:`thucydides.evalsets`, told apart by their
records: TimeBank documents (``timebank``), CASE 2021 snippets (``case2021``), IndiaPoliceEvents
sentences (``india_police``), GLOCON sentences (``glocon``) and whole articles with their key events
(``articles``). Five more formats are understood here, told apart by the file:

- Geoparsing gold (``places_dev/*.jsonl``: articles with ``toponyms``, offsets and true coordinates),
  scored by :mod:`thucydides.evalsets.places` (share of names found and placed within 161 km, median
  error); ``--split dev|test`` scores one half (see :mod:`thucydides.splits`).
- PLOVER gold standard records (a JSON list of records with ``text``, ``event``, ``source``, ``target``);
  older type names are mapped (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT).
- A hand-annotated article in the seed's format (``document``, ``events`` with ``types``, ``source``,
  ``target``, ``level``); the document is looked for beside the gold file.
- A CSV of CAMEO codes with an ``example`` column (``code``, ``example``): each example sentence is coded
  alone and scored on the CAMEO root (first two digits) of the coder's most confident event.
- A text file of sentences that report no event, one a line (``#`` comments allowed): the score is the
  share of sentences for which the coder produced any event (lower is better).
- A corpus manifest (a JSON object with ``documents``, each with ``file``, ``id``, ``published`` and
  ``events`` of ``type``, ``alt_types``, ``source``, ``target``): the documents are read from beside the
  manifest and coded whole; see :func:`evaluate_manifest` for the scoring.
- TimeBank documents (JSON lines with ``id``, ``published``, ``text`` and ``timexes``): the date stage's
  calendar values against the TIMEX3 values; see :mod:`thucydides.evalsets.timebank`.

How the PLOVER records are scored, sentence by sentence:

- Event type: the type of the coder's most confident event against the gold type; a sentence without
  events counts as ``NONE`` (a miss).
- Triples (source country, type, target country). Gold: every source × every target code of the record;
  a record with no target (key missing, ``""`` or an empty list) has target ``None``, so a coder that
  invents a target there is wrong. Codes are countries (CAMEO ``IGO`` for international bodies, whose
  aliases ``UN``, ``EU``, ``NATO``... are folded into ``IGO``); sectors are ignored, so a sector-only
  actor ("Israeli troops", ISR MIL) counts as its country. Two obsolete country codes of the gold are
  read as their ISO form (``JAP``→JPN, ``VTN``→VNM). Predicted: the triples of the coder's events of
  the sentence that share the type of its most confident event (the gold codes one event per sentence,
  so other events in the sentence are neither rewarded nor punished; events of the chosen type with
  wrong actors are false positives). Joint actors marked ``SRC/TAR`` in the gold markup ("A and B
  agreed") have no direction: for those records a predicted A→B or B→A both match the gold pair, and
  A→None does not.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.evalsets.common import SetReport, code_texts
from thucydides.evalsets.places import PlacesReport, evaluate_places, is_places_file
from thucydides.evalsets.timebank import TimebankReport, evaluate_timebank
from thucydides.ontology import bundled_ontology
from thucydides.record import Document, Event, Problem
from thucydides.splits import Half, half_of, select

IGO_CODES = frozenset({"IGO", "EU", "EUR", "NATO", "UN", "UNO", "NGO"})
OLD_CODES = {"JAP": "JPN", "VTN": "VNM"}
JOINT_MARK = re.compile(r"\((?:SRC/TAR|TAR/SRC):")
NONE = "NONE"
Triple = tuple[str | None, str, str | None]


@dataclass(slots=True)
class Report:
    """Scores of one evaluation run."""

    gold_file: str
    n: int = 0
    correct: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold type, predicted type)
    triple_tp: int = 0
    triple_pred: int = 0
    triple_gold: int = 0
    found: dict[str, bool] = field(default_factory=dict)  # seed format: gold event id → found
    levels: dict[str, str] = field(default_factory=dict)
    kind: str = "gsr"  # gsr, article, cameo (examples scored on the CAMEO root), nonevent, manifest
    with_events: int = 0  # nonevent: sentences for which the coder produced an event
    # manifest: gold events found / total, predicted triples that match a gold event / all predicted
    # triples of the annotated documents, events coded for documents annotated with no event
    gold_found: int = 0
    pred_matched: int = 0
    pred_total: int = 0
    quiet_docs: int = 0
    quiet_events: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.gold_found / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.pred_matched / self.pred_total if self.pred_total else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def triple_f1(self) -> float:
        p = self.triple_tp / self.triple_pred if self.triple_pred else 0.0
        r = self.triple_tp / self.triple_gold if self.triple_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def per_type(self) -> dict[str, dict[str, float]]:
        types = sorted({g for g, _ in self.pairs} | {p for _, p in self.pairs} - {NONE})
        out: dict[str, dict[str, float]] = {}
        for t in types:
            tp = sum(1 for g, p in self.pairs if g == t and p == t)
            n_pred = sum(1 for _, p in self.pairs if p == t)
            n_gold = sum(1 for g, _ in self.pairs if g == t)
            prec = tp / n_pred if n_pred else 0.0
            rec = tp / n_gold if n_gold else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            out[t] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for (g, p), n in Counter(self.pairs).items():
            table.setdefault(g, {})[p] = n
        return table

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold_file": self.gold_file, "kind": self.kind, "sentences": self.n}
        if self.kind == "nonevent":
            out["sentences_with_events"] = self.with_events
            out["event_rate"] = round(self.with_events / self.n, 4) if self.n else 0.0
            return out
        if self.kind == "manifest":
            out |= {
                "gold_events": self.n,
                "gold_found": self.gold_found,
                "recall": round(self.recall, 4),
                "predicted_triples": self.pred_total,
                "predicted_matched": self.pred_matched,
                "precision": round(self.precision, 4),
                "documents_without_events": self.quiet_docs,
                "events_in_documents_without_events": self.quiet_events,
                "misses": list(self.misses),
            }
            return out
        if self.kind == "cameo":
            out["cameo_root_accuracy"] = round(self.accuracy, 4)
            out["confusion"] = self.confusion()
            out["misses"] = list(self.misses)
            return out
        out |= {
            "event_type_accuracy": round(self.accuracy, 4),
            "triple_f1": round(self.triple_f1, 4),
            "triples": {
                "true_positives": self.triple_tp,
                "predicted": self.triple_pred,
                "gold": self.triple_gold,
            },
            "per_type": {t: {k: round(v, 4) for k, v in s.items()} for t, s in self.per_type().items()},
            "confusion": self.confusion(),
        }
        if self.found:
            out["events_found"] = {k: v for k, v in self.found.items()}
            out["required_found"] = sum(v for k, v in self.found.items() if self.levels[k] == "required")
            out["required_total"] = sum(1 for k in self.found if self.levels[k] == "required")
        return out


def _country(code: str | None) -> str | None:
    if not code:
        return None
    code = OLD_CODES.get(code, code)
    return "IGO" if code in IGO_CODES else code


def _actors(raw: Any) -> list[str | None]:
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        return [None]
    return [_country(a.get("code")) for a in raw if isinstance(a, dict)] or [None]


def _triples(events: list[Event]) -> set[Triple]:
    return {
        (
            _country(e.source.country if e.source else None),
            e.event_type,
            _country(e.target.country if e.target else None),
        )
        for e in events
    }


def normalise_type(name: str) -> str:
    """The PLOVER type for a gold type name, legacy names mapped to their current type (the
    ontology's table); a name it does not know is kept, upper-cased, and scores as a miss."""
    try:
        return bundled_ontology().normalise_type(name)
    except KeyError:
        return name.upper()


def _unordered(triples: set[Triple]) -> set[Triple]:
    """Triples with the two actors in a fixed order, for gold events whose actors have no direction."""
    out: set[Triple] = set()
    for s, t, o in triples:
        if s is not None and o is not None and o < s:
            s, o = o, s
        out.add((s, t, o))
    return out


def _gold_triples(rec: dict[str, Any], gold_type: str) -> tuple[set[Triple], bool]:
    """The gold triples of one PLOVER record, and whether its actors are joint (no direction)."""
    sources = _actors(rec.get("source"))
    markup = str((rec.get("textInfo") or {}).get("markup") or "")
    targets = _actors(rec.get("target"))
    joint = bool(JOINT_MARK.search(markup)) and targets == [None] and len(set(sources)) >= 2
    if joint:
        pairs: set[Triple] = {
            (a, gold_type, b) for a in sources for b in sources if a is not None and b is not None and a != b
        }
        return _unordered(pairs), True
    return {(s, gold_type, t) for s in sources for t in targets}, False


def evaluate_gsr(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> Report:
    """Score the coder on PLOVER gold standard records (one sentence each), of ``half`` where given."""
    report = Report(gold_file)
    records = [r for r in records if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    if half is not None:
        records = list(select("plover_gsr", [r for r in records if "id" in r], half))
    docs: list[Document | Problem] = [
        Document(
            id=str(r.get("id") or i),
            raw=str(r["text"]).strip("{} "),
            published=date(2000, 1, 1),
            published_how="given",
        )
        for i, r in enumerate(records)
    ]
    results = {item.id: item for item in pipeline.run(docs) if isinstance(item, Document)}
    for i, rec in enumerate(records):
        gold_type = normalise_type(str(rec["event"]))
        doc = results.get(str(rec.get("id") or i))
        events = sorted(doc.events, key=lambda e: -e.confidence) if doc else []
        predicted = events[0].event_type if events else NONE
        report.n += 1
        report.correct += predicted == gold_type
        report.pairs.append((gold_type, predicted))
        gold, joint = _gold_triples(rec, gold_type)
        pred = _triples([e for e in events if e.event_type == predicted])
        if joint:
            pred = _unordered(pred)
        report.triple_gold += len(gold)
        report.triple_pred += len(pred)
        report.triple_tp += len(gold & pred)
    return report


WORD = re.compile(r"[A-Za-z]+")


def _seed_match(g: dict[str, Any], e: Event) -> bool:
    if e.event_type not in g["types"]:
        return False
    want = {w.lower() for w in WORD.findall(g.get("evidence", "")) if len(w) > 2}
    have = {w.lower() for w in WORD.findall(e.evidence.text)}
    if want and len(want & have) < 0.6 * len(want):
        return False
    src = _country(e.source.country if e.source else None)
    tgt = _country(e.target.country if e.target else None)
    if "source" in g and src not in {_country(x) for x in g["source"] if x}:
        return False
    if "target" in g and not (
        (tgt is None and None in g["target"])
        or (tgt is not None and tgt in {_country(x) for x in g["target"] if x})
    ):
        return False
    d = e.date or ""
    if "date" in g and d != g["date"]:
        return False
    if "date_range" in g and not (d and g["date_range"][0][: len(d)] <= d <= g["date_range"][1][: len(d)]):
        return False
    loc = e.location.country if e.location else None
    return not ("location" in g and loc != g["location"].get("country"))


def evaluate_article(gold: dict[str, Any], gold_path: Path, pipeline: Any, published: date | None) -> Report:
    """Score the coder on one annotated article (the seed's format)."""
    report = Report(str(gold_path))
    path = gold_path.parent / str(gold["document"])
    text = path.read_text(encoding="utf-8")
    when = published
    window = (gold.get("publication_date") or {}).get("window")
    if when is None and window:
        when = date.fromisoformat(window[-1])
    doc = Document(id=str(path), raw=text, published=when, published_how="given" if when else "none")
    (result,) = list(pipeline.run([doc]))
    events = result.events if isinstance(result, Document) else []
    for g in gold.get("events", []):
        hits = [e for e in events if _seed_match(g, e)]
        report.found[g["id"]] = bool(hits)
        report.levels[g["id"]] = g.get("level", "required")
        best = hits[0].event_type if hits else NONE
        report.n += 1
        gold_type = g["types"][0]
        report.correct += bool(hits)
        report.pairs.append((gold_type, best if hits else NONE))
        report.triple_gold += 1
        report.triple_tp += bool(hits)
    report.triple_pred = len(events)
    return report


def _code_sentences(texts: list[str], pipeline: Any) -> list[list[Event]]:
    """The coder's events for each sentence, coded as a document of its own, most confident first."""
    return code_texts(texts, pipeline)


def _statement_codes(texts: list[str], pipeline: Any) -> list[str | None]:
    """The CAMEO 01x statement code of each text's first sentence (``None``: no statement).

    Statements have no PLOVER type, so the coder emits no event for them; the CAMEO examples are scored on
    the root, and a sentence without events that reports a statement is coded with
    :func:`thucydides.events.statements.statement_code`, over the pipeline's own parser and lexicon.
    """
    from thucydides.events import EventCoder
    from thucydides.events.statements import statement_code

    coder = next((s for s in getattr(pipeline, "post", ()) if isinstance(s, EventCoder)), None)
    nlp = getattr(getattr(pipeline, "nlp", None), "nlp", None)
    if coder is None or nlp is None or not texts:
        return [None] * len(texts)
    lex = coder.lexicon
    return [
        next((statement_code(sent, lex.statements, lex.speech_verbs) for sent in sdoc.sents), None)
        for sdoc in nlp.pipe(texts)
    ]


def evaluate_cameo_examples(
    rows: list[dict[str, str]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> Report:
    """Score the coder on CAMEO example sentences: the root of its most confident event against the code's.

    Rows without an example (empty or ``NA``) are skipped. A sentence without events is scored on its public
    statement code (CAMEO 01x, never emitted as an event: see :func:`_statement_codes`), else as ``NONE``.
    """
    report = Report(gold_file, kind="cameo")
    rows = [r for r in rows if (r.get("example") or "NA").strip() not in ("", "NA") and r.get("code")]
    if half is not None:
        rows = [r for r in rows if half_of("cameo_examples", r["code"].strip()) == half]
    texts = [r["example"].strip() for r in rows]
    coded = _code_sentences(texts, pipeline)
    quiet = [i for i, events in enumerate(coded) if not events]
    statements = dict(zip(quiet, _statement_codes([texts[i] for i in quiet], pipeline), strict=True))
    for i, (row, events) in enumerate(zip(rows, coded, strict=True)):
        gold_root = row["code"].strip()[:2]
        predicted = events[0].cameo[:2] if events else (statements.get(i) or NONE)[:2]
        report.n += 1
        report.correct += predicted == gold_root
        report.pairs.append((gold_root, predicted))
        if predicted != gold_root:
            report.misses.append(f"{row['code'].strip()} coded {predicted}: {texts[i][:90]}")
    return report


def evaluate_non_events(lines: list[str], pipeline: Any, gold_file: str = "") -> Report:
    """Count the sentences, each reporting no event, for which the coder still produced an event."""
    report = Report(gold_file, kind="nonevent")
    texts = [t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#")]
    for events in _code_sentences(texts, pipeline):
        report.n += 1
        report.with_events += bool(events)
    return report


def _manifest_documents(path: Path, entries: list[dict[str, Any]]) -> list[Document]:
    """The documents a manifest names, read from beside it, with the manifest's publication dates."""
    from thucydides.read import ReadOptions, read_one

    wanted = {str(e["id"]): e for e in entries}
    docs: list[Document] = []
    for name in dict.fromkeys(str(e["file"]) for e in entries):
        for item in read_one(str(path.parent / name), ReadOptions()):
            if not isinstance(item, Document):
                continue
            key = item.id if item.id in wanted else Path(name).stem
            entry = wanted.get(key)
            if entry is None:
                continue
            item.id = key
            if item.published is None and entry.get("published"):
                item.published = date.fromisoformat(str(entry["published"])[:10])
                item.published_how = "given"
            docs.append(item)
    return docs


def evaluate_manifest(manifest: dict[str, Any], path: Path, pipeline: Any) -> Report:
    """Score the coder on a corpus manifest: documents coded whole, events as (type, source, target).

    A gold event is found when the coder produced, anywhere in its document, an event whose type is the
    gold type or one of its ``alt_types`` and whose source and target countries are the gold ones
    (``IGO`` aliases folded, sectors ignored). Precision is over the distinct (type, source, target)
    triples the coder produced for documents that have annotated events: a triple is right when it
    matches a gold event of its document. The manifest annotates each document's main events only, so
    precision is a lower bound. Documents annotated with no event are counted apart: every event
    coded for them is an error.
    """
    report = Report(str(path), kind="manifest")
    entries = [e for e in manifest.get("documents", []) if isinstance(e, dict) and e.get("file")]
    by_id = {str(e["id"]): e for e in entries}
    docs: list[Document | Problem] = list(_manifest_documents(path, entries))
    for item in pipeline.run(docs):
        if not isinstance(item, Document) or item.id not in by_id:
            continue
        gold = by_id[item.id].get("events") or []
        pred = _triples(item.events)
        if not gold:
            report.quiet_docs += 1
            report.quiet_events += len(item.events)
            continue
        wanted: list[tuple[set[str], str | None, str | None, str]] = [
            (
                {str(g["type"]), *(str(t) for t in g.get("alt_types") or ())},
                _country(g.get("source")),
                _country(g.get("target")),
                str(g.get("key", "")),
            )
            for g in gold
        ]
        for types, src, tgt, key in wanted:
            report.n += 1
            if any(s == src and t in types and o == tgt for s, t, o in pred):
                report.gold_found += 1
            else:
                report.misses.append(f"{item.id}: {key} ({'/'.join(sorted(types))} {src}->{tgt})")
        report.pred_total += len(pred)
        report.pred_matched += sum(
            1
            for s, t, o in pred
            if any(s == src and t in types and o == tgt for types, src, tgt, _ in wanted)
        )
    return report


def evaluate_jsonl(path: Path, pipeline: Any, half: Half | None = None) -> SetReport | TimebankReport:
    """Score the coder on a JSON-lines gold set, handed to the module of its format.

    Raises:
        ValueError: when the records are in none of the formats.
    """
    from thucydides.evalsets import articles, case2021, glocon, india_police
    from thucydides.evalsets.common import read_jsonl

    records = read_jsonl(path)
    if not records:
        raise ValueError(f"{path}: no records")
    if "timexes" in records[0]:
        return evaluate_timebank(records, pipeline, str(path), half)
    for module in (case2021, india_police, glocon, articles):
        if module.is_record(records[0]):
            return module.evaluate(records, pipeline, str(path), half)
    raise ValueError(
        f"{path}: JSON lines of no known format (TimeBank, CASE 2021, IndiaPoliceEvents, GLOCON, articles)"
    )


def evaluate_file(
    path: Path, pipeline: Any, published: date | None = None, split: Half | None = None
) -> Report | SetReport | PlacesReport | TimebankReport:
    """Score the coder on a gold file, whichever of the formats it is in.

    ``split`` scores one half (``dev`` or ``test``) of a development set split by document (see
    :mod:`thucydides.splits`); formats without a split (the project's own annotations) ignore it.

    Raises:
        ValueError: when the file is in none of the formats.
    """
    if is_places_file(path):
        return evaluate_places(path, pipeline, split)
    if path.suffix.lower() == ".jsonl":
        return evaluate_jsonl(path, pipeline, split)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if not rows or "example" not in rows[0] or "code" not in rows[0]:
            raise ValueError(f"{path}: a CSV gold file needs the columns code and example")
        return evaluate_cameo_examples(rows, pipeline, str(path), split)
    if path.suffix.lower() == ".txt":
        return evaluate_non_events(path.read_text(encoding="utf-8").splitlines(), pipeline, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        return evaluate_gsr(data, pipeline, str(path), split)
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return evaluate_manifest(data, path, pipeline)
    if isinstance(data, dict) and "events" in data and "document" in data:
        return evaluate_article(data, path, pipeline, published)
    raise ValueError(
        f"{path}: neither PLOVER gold standard records (a JSON list), an annotated article nor a manifest"
    )


def format_table(report: Report | SetReport | PlacesReport | TimebankReport) -> str:
    """The report as text for people."""
    if isinstance(report, PlacesReport):
        return report.format_table()
    if isinstance(report, SetReport | TimebankReport):
        return report.table()
    if report.kind == "nonevent":
        rate = report.with_events / report.n if report.n else 0.0
        return (
            f"gold: {report.gold_file}\nsentences without an event: {report.n}\n"
            f"sentences the coder still coded an event for: {report.with_events} ({rate:.3f})\n"
        )
    if report.kind == "manifest":
        lines = [
            f"gold: {report.gold_file}",
            f"annotated events found (type, source, target): {report.gold_found}/{report.n} "
            f"(recall {report.recall:.3f})",
            f"coder triples matching an annotated event: {report.pred_matched}/{report.pred_total} "
            f"(precision {report.precision:.3f}, a lower bound: only main events are annotated)",
            f"events coded for the {report.quiet_docs} documents that report none: {report.quiet_events}",
            "",
            "missed:",
            *(f"  {m}" for m in report.misses),
        ]
        return "\n".join(lines) + "\n"
    if report.kind == "cameo":
        conf = report.confusion()
        wrong = {g: {p: n for p, n in row.items() if p != g} for g, row in sorted(conf.items())}
        lines = [
            f"gold: {report.gold_file}",
            f"CAMEO examples scored: {report.n}",
            f"CAMEO root accuracy (top event): {report.accuracy:.3f} ({report.correct}/{report.n})",
            "",
            "misses by gold root (predicted root: count):",
        ]
        for g, row in wrong.items():
            if row:
                lines.append(f"  {g}: " + ", ".join(f"{p}: {n}" for p, n in sorted(row.items())))
        lines += ["", "missed examples:", *(f"  {m}" for m in report.misses)]
        return "\n".join(lines) + "\n"
    lines = [
        f"gold: {report.gold_file}",
        f"sentences/events scored: {report.n}",
        f"event-type accuracy: {report.accuracy:.3f}",
        f"triple F1 (source country, type, target country): {report.triple_f1:.3f} "
        f"(tp {report.triple_tp}, predicted {report.triple_pred}, gold {report.triple_gold})",
    ]
    if report.found:
        for level in ("required", "desired"):
            ids = [k for k in report.found if report.levels[k] == level]
            if ids:
                got = " ".join(f"{k}{'+' if report.found[k] else '-'}" for k in ids)
                lines.append(f"{level}: {sum(report.found[k] for k in ids)}/{len(ids)}  {got}")
    lines.append("")
    lines.append(f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
    for t, s in report.per_type().items():
        lines.append(
            f"{t:<10} {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f} {int(s['support']):>4}"
        )
    conf = report.confusion()
    cols = sorted({p for row in conf.values() for p in row})
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{c[:6]:>7}" for c in cols))
    for g in sorted(conf):
        lines.append(f"{g:<10}" + "".join(f"{conf[g].get(c, 0) or '.':>7}" for c in cols))
    return "\n".join(lines) + "\n"
