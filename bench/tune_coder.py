"""Choose how far the coder trusts the sentence model (``data/event_model.yaml``) out of fold, on dev halves.

    .venv/bin/python bench/tune_coder.py [--grid FILE.json] [--sparse-only] [--json OUT]

Five fold models are trained (:func:`thucydides.events.train.fold_models`, the folds of the model's
cross-validation, each on the dev examples of the other four folds); every sentence of a dev half is scored
by the model of the fold its document is *not* in, so the figures do not reward the model for having seen
the sentence. Each dev half is read and parsed once (through the places stage), then only the event coder
runs again for each setting of the grid (the settings of ``data/event_model.yaml`` updated by each grid
entry). The figures are those of ``thucydides eval --split dev`` (the same scorers). Test halves are never
read.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from thucydides.evalsets import articles, case2021, glocon, india_police
from thucydides.evalsets.common import read_jsonl
from thucydides.evaluate import evaluate_cameo_examples, evaluate_gsr, evaluate_manifest, evaluate_non_events
from thucydides.events import EventCoder
from thucydides.events import train as T
from thucydides.events.model import SentenceEventModel, StaticEmbedder
from thucydides.events.propose import Proposer, ProposerSettings
from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import own_articles  # noqa: E402
from own_sentences import ranked, sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
REFERENCE = ROOT.parent / "shared" / "reference"
MAX_ALARMS = 0.01  # the police heads' false-alarm rate at their operating point (train.py's default)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


class OutOfFold:
    """A sentence model that scores each sentence with the fold model not trained on its document."""

    def __init__(self, models: list[Any], fold_of_text: dict[str, int]) -> None:
        self.models = models
        self.labels = tuple(sorted({label for m in models for label in m.labels}))
        self.fold_of_text = fold_of_text
        self.cache: dict[tuple[str, int, int], dict[str, float]] = {}
        self.unseen: set[str] = set()

    def predict(self, sents: list[Any]) -> list[dict[str, float]]:
        out = []
        for s in sents:
            key = _key(s.doc.text)
            ck = (key, s.start, s.end)
            if ck not in self.cache:
                fold = self.fold_of_text.get(key)
                if fold is None:  # a text no fold model trained on (unmapped CASE snippets, the pages)
                    self.unseen.add(key)
                    fold = 0
                p = self.models[fold].predict([s])[0]
                self.cache[ck] = {label: p.get(label, 0.0) for label in self.labels} | p
            out.append(self.cache[ck])
        return out

    def top_type(self, probs: dict[str, float]) -> str:
        return max(self.labels, key=lambda label: probs[label])


class Replay:
    """A pipeline that parses and resolves each text once, then runs only the event coder on a copy."""

    def __init__(self, full: Pipeline, coder: EventCoder) -> None:
        self.full = full
        self.coder = coder
        self.nlp = full.nlp
        self.post = [coder]
        self.pre = copy.copy(full)
        self.pre.post = [s for s in full.post if not isinstance(s, EventCoder)][:-1]  # no actor places
        self.done: dict[tuple[str, Any], Any] = {}

    def run(self, items: Any) -> Any:
        items = list(items)
        todo = [d for d in items if isinstance(d, Document) and (d.raw, d.published) not in self.done]
        if todo:
            out = {o.id: o for o in self.pre.run(todo)}
            for d in todo:
                self.done[(d.raw, d.published)] = out.get(d.id)
        for d in items:
            base = self.done.get((d.raw, d.published)) if isinstance(d, Document) else None
            if not isinstance(base, Document):
                continue
            doc = copy.copy(base)
            doc.id = d.id
            doc.events = []
            yield self.coder(doc)


def evaluate_all(replay: Replay) -> dict[str, Any]:
    """The dev-half figures of every set (same scorers as ``thucydides eval --split dev``)."""
    out: dict[str, Any] = {}
    r = case2021.evaluate(read_jsonl(GOLD / "case2021_dev.jsonl"), replay, "", "dev")
    out["case_typed"] = r.figures.get("top_type_right_typed")
    out["case_disasters"] = r.figures.get("disasters_without_violent_event")
    out["case_per"] = {k: v.get("right") for k, v in r.per_type.items()}
    out["case_misses"] = list(r.misses)
    r = india_police.evaluate(read_jsonl(GOLD / "india_police_dev.jsonl"), replay, "", "dev")
    out["police"] = r.figures.get("recall")
    out["police_false_alarms"] = r.figures.get("false_alarm_rate")
    out["police_misses"] = list(r.misses)
    r = glocon.evaluate(read_jsonl(GOLD / "glocon_protest_dev.jsonl"), replay, "", "dev")
    out["glocon_f1"] = (r.figures.get("f1"), r.figures.get("precision"), r.figures.get("recall"))
    out["glocon_misses"] = list(r.misses)
    g = evaluate_gsr(json.loads((GOLD / "plover_gsr_dev.json").read_text()), replay, "", "dev")
    out["plover_type"] = round(g.accuracy, 4)
    out["plover_triple_f1"] = round(g.triple_f1, 4)
    import csv

    with (REFERENCE / "cameo" / "cameo-codes.csv").open(encoding="utf-8", newline="") as fh:
        c = evaluate_cameo_examples(list(csv.DictReader(fh)), replay, "", "dev")
    out["cameo_root"] = round(c.accuracy, 4)
    lines = (ROOT / "tests" / "fixtures" / "non_event_sentences.txt").read_text(encoding="utf-8").splitlines()
    n = evaluate_non_events(lines, replay, "")
    out["nonevents_with_event"] = round(n.with_events / n.n, 4) if n.n else 0.0
    # the sample corpus (not split, not trained on: the gates of tests/test_events_quality.py) and the dev
    # half of the annotated real pages (key events among each page's most confident)
    path = ROOT / "corpus" / "sample" / "MANIFEST.json"
    m = evaluate_manifest(json.loads(path.read_text(encoding="utf-8")), path, replay)
    out["manifest"] = (round(m.recall, 4), round(m.precision, 4), m.quiet_events)
    path = ROOT / "tests" / "fixtures" / "article_key_events.jsonl"
    a = articles.evaluate(read_jsonl(path), replay, str(path), "dev")
    out["articles_found"] = a.figures.get("found_among_most_confident")
    # our own sentences' dev half (bench/own_sentences.py): no model was trained on them
    own, docs = sentences("dev")
    right = 0
    for it, doc in zip(own, replay.run(docs), strict=True):
        events = ranked(doc)
        right += (events[0].event_type if events else "NONE") == it["type"]
    out["own_sentences_dev"] = round(right / len(own), 4) if own else None
    # our own articles' dev half (bench/own_articles.py): key events among each article's most confident,
    # and those with every field right
    recs = own_articles.records("dev")
    r = articles.score(recs, own_articles.code(recs, replay))
    fig = r.figures
    out["own_articles_dev"] = (fig["found_among_most_confident"], fig["found_with_every_field_right"])
    # the dev halves of our own labelled sets (bench/own_*.jsonl, as `thucydides eval --split dev` scores
    # them): out of fold where the model trains on them (train.OWN_SETS), unseen otherwise
    r = case2021.evaluate(read_jsonl(ROOT / "bench" / "own_case.jsonl"), replay, "", "dev")
    out["own_case_typed"] = r.figures.get("top_type_right_typed")
    r = case2021.evaluate(read_jsonl(ROOT / "bench" / "own_disasters.jsonl"), replay, "", "dev")
    out["own_disasters"] = r.figures.get("disasters_without_violent_event")
    r = india_police.evaluate(read_jsonl(ROOT / "bench" / "own_police.jsonl"), replay, "", "dev")
    out["own_police"] = (r.figures.get("recall"), r.figures.get("false_alarm_rate"))
    r = glocon.evaluate(read_jsonl(ROOT / "bench" / "own_glocon.jsonl"), replay, "", "dev")
    out["own_glocon_f1"] = (r.figures.get("f1"), r.figures.get("precision"), r.figures.get("recall"))
    return out


def out_of_fold(
    sparse_only: bool = False,
    model_args: dict[str, Any] | None = None,
    sentence_views: bool = True,
    fold_vectors: str | None = None,
    own_sets: bool = False,
) -> OutOfFold:
    """The out-of-fold model over the dev halves (fold models cached under ``.cache/model``).

    ``fold_vectors``: a path with ``{k}``, each fold's own word vectors (``python -m
    thucydides.events.tokenlearn --cv --save-folds DIR``: learnt without that fold's documents), instead
    of the bundled ones for all folds.
    """
    import hashlib

    dev = T.all_examples(GOLD, REFERENCE, "dev", sentence_views=sentence_views, own_sets=own_sets)
    # our own labelled sets change the fold models only when they are trained on (the key of the cache)
    own = b"".join((ROOT / "bench" / f).read_bytes() for n, f, _ in T.OWN_SETS if n in dev)
    if sparse_only:
        embedders: list[StaticEmbedder | None] = [None] * 5
    elif fold_vectors:
        embedders = [StaticEmbedder.from_file(fold_vectors.format(k=k)) for k in range(5)]
    else:
        embedders = [StaticEmbedder.load()] * 5
    model_args = model_args or {}
    key = hashlib.sha256(
        json.dumps(
            ["shifted", sparse_only, sentence_views, model_args, [e.meta if e else None for e in embedders]],
            sort_keys=True,
        ).encode()
        + (T.ROOT / "tests" / "fixtures" / "model_sentences.jsonl").read_bytes()
        + own
    ).hexdigest()[:12]
    paths = [T.CACHE / f"fold-{key}-{k}.npz" for k in range(5)]
    if all(p.is_file() for p in paths):
        models = [SentenceEventModel.from_file(p, e) for p, e in zip(paths, embedders, strict=True)]
    else:
        import numpy as np

        models = []
        pooled: dict[str, list[tuple[T.Example, dict[str, float]]]] = {n: [] for n in dev}
        for k, embedder in enumerate(embedders):
            inputs = {
                n: T.parse_features(f"{n}-dev", [e.text for e in ex], embedder) for n, ex in dev.items()
            }
            rows = [(n, i) for n, ex in dev.items() for i, e in enumerate(ex) if T.fold_of(e) != k]
            vectors = np.array([inputs[n][1][i] for n, i in rows]) if embedder is not None else None
            model = T.fit([dev[n][i] for n, i in rows], [inputs[n][0][i] for n, i in rows], vectors,
                          **(model_args | {"embedder": embedder}))  # fmt: skip
            models.append(model)
            # the binary heads moved to the operating points chosen on the pooled out-of-fold predictions,
            # as `make model` moves the shipped model's
            for n, ex in dev.items():
                held = [i for i, e in enumerate(ex) if T.fold_of(e) == k]
                preds = model.predict_features(
                    [inputs[n][0][i] for i in held], [inputs[n][1][i] for i in held]
                )
                pooled[n] += [(ex[i], p) for i, p in zip(held, preds, strict=True)]
        points = T.operating_points(pooled, MAX_ALARMS)
        for m, p in zip(models, paths, strict=True):
            m.set_operating_points(points)
            m.save(p)
    return OutOfFold(models, {_key(e.text): T.fold_of(e) for ex in dev.values() for e in ex})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", type=Path, help="a JSON list of settings to try (ProposerSettings fields)")
    parser.add_argument("--sparse-only", action="store_true", help="the first model (no word vectors)")
    parser.add_argument("--model-args", default="{}", help="JSON keyword arguments of train.fit")
    parser.add_argument("--no-sentence-views", action="store_true", help="see train.sentence_examples")
    parser.add_argument(
        "--own-sets",
        action="store_true",
        help="fold models trained also on our own labelled sets (train.OWN_SETS; not shipped)",
    )
    parser.add_argument("--json", type=Path, help="write every setting's figures here")
    parser.add_argument(
        "--misses", action="store_true", help="list the CASE, police and GLOCON dev misses (stderr)"
    )
    parser.add_argument(
        "--fold-word-vectors", help="each fold's word vectors, a path with {k} (tokenlearn --cv --save-folds)"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    oof = out_of_fold(
        args.sparse_only,
        json.loads(args.model_args),
        not args.no_sentence_views,
        args.fold_word_vectors,
        args.own_sets,
    )
    sys.stderr.write(f"fold models ready in {time.perf_counter() - t0:.0f}s\n")
    full = Pipeline(Options(keep_parse=True))
    coder = next(s for s in full.post if isinstance(s, EventCoder))
    base = ProposerSettings.load()
    grid = json.loads(args.grid.read_text()) if args.grid else [{}]
    replay = Replay(full, coder)
    results = []
    for setting in grid:
        coder.proposer = Proposer(oof, coder.lexicon, coder.ontology, replace(base, **setting))
        t1 = time.perf_counter()
        figures = evaluate_all(replay)
        for name in ("case", "police", "glocon"):
            misses = figures.pop(f"{name}_misses")
            if args.misses:
                sys.stderr.write(f"{name} dev misses, out of fold:\n" + "".join(f"  {m}\n" for m in misses))
        results.append({"setting": setting, **figures})
        print(json.dumps(results[-1]), flush=True)
        sys.stderr.write(f"  {time.perf_counter() - t1:.0f}s; texts no fold model saw: {len(oof.unseen)}\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
