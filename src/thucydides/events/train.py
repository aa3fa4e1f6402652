"""`make model`: train :class:`thucydides.events.model.SentenceEventModel` on the development halves.

Run as ``python -m thucydides.events.train [--gold DIR] [--reference DIR] [--out FILE] [--cv] [--test]``.
It reads only the ``dev`` half (:mod:`thucydides.splits`) of each set in ``../shared/gold`` and of the
CAMEO examples in ``../shared/reference``, plus the project's own annotations
(``tests/fixtures/non_event_sentences.txt``, ``tests/fixtures/model_sentences.jsonl``), and with
``--own-sets`` the dev halves of its own labelled sets (``bench/own_case.jsonl``, ``own_disasters``,
``own_police``, ``own_glocon``, split and labelled as the public set of the same format; measured, not
shipped); ``--cv`` prints
5-fold cross-validated scores by document on those dev halves, ``--test`` the scores of the trained
model on the ``test`` halves (read to score, never to train). Parses are cached as spaCy ``DocBin``
files under ``.cache/model`` so that repeated runs do not parse again.

Needs scikit-learn (the ``dev`` extra); the installed package never imports this module.

Labels and partial labels (see ``docs/MODEL.md``): each example carries, per head, a label or ``None``
(unknown: the example is left out of that head's training, a masked loss).

- type head (PLOVER types + ``NONE``): PLOVER records, CAMEO examples (CAMEO code → PLOVER type; codes
  PLOVER drops → ``NONE``), CASE 2021 (mapped types; disasters → ``NONE``; unmapped left out), police
  sentences labelled KILL (→ ASSAULT) or ARREST (→ COERCE), our non-event sentences (``NONE``) and our
  own sentences. Unlabelled police sentences and all GLOCON sentences are unknown for this head.
- ``police_kill`` / ``police_arrest``: IndiaPoliceEvents only (every sentence answers both questions), and
  our own sentences where they say so.
- ``contentious``: GLOCON (its label), CASE (PROTEST or ASSAULT → 1; AGREE, CONSULT, disasters → 0; COERCE
  and unmapped unknown), our non-event sentences (0) and our own sentences.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.events.model import (
    BINARY_HEADS,
    MODEL_FILE,
    WORD_VECTORS_FILE,
    SentenceEventModel,
    StaticEmbedder,
    sentence_inputs,
)
from thucydides.ontology import bundled_ontology
from thucydides.splits import Half, select

NONE = "NONE"
ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / ".cache" / "model"
CONTENTIOUS_TYPES = frozenset({"PROTEST", "ASSAULT"})


@dataclass(slots=True)
class Example:
    """One training or test sentence with its label for each head (``None``: unknown)."""

    text: str
    source: str  # the set it comes from
    group: str  # its document, for cross-validation by document
    type: str | None = None
    police_kill: int | None = None
    police_arrest: int | None = None
    contentious: int | None = None
    weight: float = 1.0  # its weight in the loss (a teacher's label on an unlabelled sentence: less)

    def head(self, name: str) -> int | None:
        return getattr(self, name)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gsr_examples(gold: Path, half: Half | None) -> list[Example]:
    """PLOVER gold standard records: the type head."""
    onto = bundled_ontology()
    records = [
        r for r in json.loads((gold / "plover_gsr_dev.json").read_text()) if r.get("event") != "DOCUMENT"
    ]
    out = []
    for r in select("plover_gsr", [r for r in records if r.get("text")], half):
        out.append(
            Example(
                str(r["text"]).strip("{} "), "plover_gsr", f"gsr:{r['id']}", onto.normalise_type(r["event"])
            )
        )
    return out


def cameo_examples(reference: Path, half: Half | None) -> list[Example]:
    """CAMEO codebook example sentences: the type head (code → PLOVER type; dropped codes → NONE)."""
    onto = bundled_ontology()
    with (reference / "cameo" / "cameo-codes.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("example") or "NA").strip() not in ("", "NA")]
    out = []
    for r in select("cameo_examples", rows, half):
        code = r["code"].strip()
        try:
            label = onto.plover_type(code) or NONE
        except KeyError:
            continue
        out.append(Example(r["example"].strip(), "cameo_examples", f"cameo:{code}", label))
    return out


def case_examples(gold: Path, half: Half | None) -> list[Example]:
    """CASE 2021 snippets: the type head and the contentious head."""
    return case_records(select("case2021", _jsonl(gold / "case2021_dev.jsonl"), half), "case2021", "case")


def case_records(records: Iterable[dict[str, Any]], source: str, prefix: str) -> list[Example]:
    """Snippets in CASE's format (``type``: a PLOVER type, ``unmapped`` or none for a disaster)."""
    out = []
    for r in records:
        t = r.get("type")
        if t == "unmapped":
            continue
        label = t or NONE
        contentious = 1 if label in CONTENTIOUS_TYPES else None if label == "COERCE" else 0
        out.append(Example(r["text"], source, f"{prefix}:{r['id']}", label, contentious=contentious))
    return out


def police_examples(gold: Path, half: Half | None) -> list[Example]:
    """IndiaPoliceEvents sentences: the police heads; the type head only where KILL or ARREST."""
    records = select("india_police", _jsonl(gold / "india_police_dev.jsonl"), half)
    return police_records(records, "india_police", "ipe")


def police_records(records: Iterable[dict[str, Any]], source: str, prefix: str) -> list[Example]:
    """Sentences in IndiaPoliceEvents' format (``labels``: KILL, ARREST, FORCE, …)."""
    out = []
    for r in records:
        labels = set(r.get("labels") or ())
        kill, arrest = int("KILL" in labels), int("ARREST" in labels)
        label = "ASSAULT" if kill else "COERCE" if arrest else None
        out.append(Example(r["text"], source, f"{prefix}:{r['doc_id']}", label, kill, arrest))
    return out


def glocon_examples(gold: Path, half: Half | None) -> list[Example]:
    """GLOCON sentences: the contentious head only."""
    return glocon_records(
        select("glocon", _jsonl(gold / "glocon_protest_dev.jsonl"), half), "glocon", "glocon"
    )


def glocon_records(records: Iterable[dict[str, Any]], source: str, prefix: str) -> list[Example]:
    """Sentences in GLOCON's format (``protest``: true or false)."""
    return [
        Example(r["text"], source, f"{prefix}:{r['doc']}", contentious=int(bool(r.get("protest"))))
        for r in records
    ]


# the project's own labelled sets (``bench/``): name, file, the public set whose format (and split salt,
# as ``thucydides eval`` splits them) it follows
OWN_SETS = (
    ("own_case", "own_case.jsonl", "case2021"),
    ("own_disasters", "own_disasters.jsonl", "case2021"),
    ("own_police", "own_police.jsonl", "india_police"),
    ("own_glocon", "own_glocon.jsonl", "glocon"),
)
# a set's scoring (:func:`set_scores`): the public set whose format it follows
SCORED_AS = {name: fmt for name, _, fmt in OWN_SETS}


def own_set_examples(half: Half, root: Path = ROOT) -> dict[str, list[Example]]:
    """One half of each of the project's own labelled sets (split as ``thucydides eval --split`` splits
    them), labels mapped as those of the public set of the same format."""
    readers = {"case2021": case_records, "india_police": police_records, "glocon": glocon_records}
    out = {}
    for name, file, fmt in OWN_SETS:
        path = root / "bench" / file
        if path.is_file():
            out[name] = readers[fmt](select(fmt, _jsonl(path), half), name, name)
    return out


def own_examples(root: Path = ROOT) -> list[Example]:
    """The project's own annotations: non-event sentences and the model's own sentences."""
    out = []
    nonevents = root / "tests" / "fixtures" / "non_event_sentences.txt"
    if nonevents.is_file():
        for i, line in enumerate(nonevents.read_text(encoding="utf-8").splitlines()):
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(Example(line.strip(), "own", f"nonevent:{i}", NONE, contentious=0))
    own = root / "tests" / "fixtures" / "model_sentences.jsonl"
    if own.is_file():
        for i, r in enumerate(_jsonl(own)):
            out.append(
                Example(
                    r["text"],
                    "own",
                    f"own:{i}",
                    r.get("type"),
                    r.get("police_kill"),
                    r.get("police_arrest"),
                    r.get("contentious"),
                )
            )
    return out


def all_examples(
    gold: Path, reference: Path, half: Half, sentence_views: bool = False, own_sets: bool = False
) -> dict[str, list[Example]]:
    """Every set's examples of one half (our own annotations go with ``dev``, and with ``own_sets`` the
    dev half of each of our own labelled sets, :data:`OWN_SETS`); with ``sentence_views``, also each
    sentence of the dev half's multi-sentence CASE snippets (:func:`sentence_examples`), ours included."""
    sets = {
        "plover_gsr": gsr_examples(gold, half),
        "cameo_examples": cameo_examples(reference, half),
        "case2021": case_examples(gold, half),
        "india_police": police_examples(gold, half),
        "glocon": glocon_examples(gold, half),
    }
    if half == "dev":
        sets["own"] = own_examples()
        if own_sets:
            sets |= own_set_examples("dev")
        if sentence_views:
            sets["case2021_sentences"] = sentence_examples("case2021-dev", sets["case2021"])
            for name in ("own_case", "own_disasters"):
                if sets.get(name):
                    sets[f"{name}_sentences"] = sentence_examples(f"{name}-dev", sets[name])
    return sets


def sentence_examples(name: str, examples: list[Example]) -> list[Example]:
    """Each sentence of the multi-sentence examples, with its example's labels and document.

    The coder asks the model about one sentence at a time, while a CASE snippet is labelled whole; the
    sentences of a snippet teach the model what one sentence of such a report looks like (weak labels: a
    background sentence takes the snippet's type too).
    """
    docs = parse_docs(name, [e.text for e in examples])
    out = []
    for e, doc in zip(examples, docs, strict=True):
        sents = list(doc.sents)
        if len(sents) < 2:
            continue
        for sent in sents:
            text = sent.text.strip()
            if len(text.split()) >= 4:
                out.append(Example(text, e.source + "_sentences", e.group, e.type, contentious=e.contentious))
    return out


def parse_docs(name: str, texts: list[str]) -> list[Any]:
    """Each text parsed whole by the pipeline's spaCy model (cached as a DocBin file)."""
    import hashlib

    from spacy.tokens import DocBin

    from thucydides.nlp import load_nlp

    key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.spacy"
    nlp = _nlp_cache.get("nlp")
    if nlp is None:
        nlp = _nlp_cache["nlp"] = load_nlp()
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    sys.stderr.write(f"parsed {name}: {len(texts)} texts in {time.perf_counter() - t0:.1f}s\n")
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def parse_features(
    name: str, texts: list[str], embedder: StaticEmbedder | None = None
) -> tuple[list[list[str]], np.ndarray]:
    """The sparse features and the static embedding (zeros without ``embedder``) of each text, each
    parsed whole as one span."""
    pairs = [sentence_inputs(d[:]) for d in parse_docs(name, texts)]
    if embedder is None:
        return [f for f, _ in pairs], np.zeros((len(pairs), 1), np.float32)
    vectors = np.array([embedder.lower_vector(words) for _, words in pairs], dtype=np.float32)
    return [f for f, _ in pairs], vectors.reshape(len(pairs), embedder.dims)


_nlp_cache: dict[str, Any] = {}


class Vectoriser:
    """Feature lists → a sparse matrix over a vocabulary of features seen ``min_count`` times.

    ``tfidf``: a row holds the smoothed idf of each feature the sentence has (``ln((1+N)/(1+df)) + 1``),
    scaled to unit length (L2), as :class:`~thucydides.events.model.SentenceEventModel` computes it;
    otherwise 1 for each feature.
    """

    def __init__(self, feature_lists: Sequence[list[str]], min_count: int = 2, tfidf: bool = False) -> None:
        counts = Counter(f for feats in feature_lists for f in feats)
        self.features = sorted(f for f, n in counts.items() if n >= min_count)
        self.index = {f: i for i, f in enumerate(self.features)}
        n_docs = len(feature_lists)
        df = np.array([counts[f] for f in self.features], dtype=np.float64)
        self.idf: np.ndarray | None = np.log((1 + n_docs) / (1 + df)) + 1.0 if tfidf else None

    def matrix(self, feature_lists: Sequence[list[str]]) -> Any:
        from scipy.sparse import csr_matrix

        rows, cols = [], []
        for r, feats in enumerate(feature_lists):
            for f in feats:
                if (c := self.index.get(f)) is not None:
                    rows.append(r)
                    cols.append(c)
        values = np.ones(len(rows)) if self.idf is None else self.idf[cols]
        x = csr_matrix((values, (rows, cols)), shape=(len(feature_lists), len(self.features)))
        if self.idf is not None:
            norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            x = csr_matrix(x.multiply(1.0 / norms[:, None]))
        return x.astype(np.float32)


def fit(
    examples: Sequence[Example],
    feats: Sequence[list[str]],
    vectors: np.ndarray | None = None,
    embedder: StaticEmbedder | None = None,
    c_type: float = 2.0,
    c_bin: float = 0.5,
    c_contentious: float | None = None,
    dense_weight: float = 0.3,
    balanced: bool = True,
    tfidf: bool = False,
    min_count: int = 2,
    n_vocabulary: int | None = None,
) -> SentenceEventModel:
    """Train every head on the examples that have a label for it.

    With ``vectors`` (the sentences' static embeddings by ``embedder``, one row per example), the
    standardised vectors times ``dense_weight`` join the sparse features in one linear model; the weight
    sets how strongly they are regularised next to the binary features. With ``n_vocabulary``, only the
    first that many examples choose the feature vocabulary and the dense standardisation (the rest, a
    teacher's labels on other sentences, then change no head they do not label).
    """
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    vec = Vectoriser(feats[:n_vocabulary], min_count=min_count, tfidf=tfidf)
    x = vec.matrix(feats)
    n = len(vec.features)
    dense: dict[str, np.ndarray] = {}
    if vectors is not None and embedder is not None:
        mean = vectors[:n_vocabulary].mean(axis=0)
        scale = dense_weight / (vectors[:n_vocabulary].std(axis=0) + 1e-6)
        dense = {"mean": mean, "scale": scale}
        x = hstack([x, csr_matrix((vectors - mean) * scale)]).tocsr()
    weight = "balanced" if balanced else None
    typed = [i for i, e in enumerate(examples) if e.type is not None]
    lr = LogisticRegression(C=c_type, max_iter=3000, class_weight=weight)
    lr.fit(x[typed], [examples[i].type for i in typed], sample_weight=[examples[i].weight for i in typed])
    labels = [str(c) for c in lr.classes_]
    coef = lr.coef_.T
    tw, tb = coef[:n].copy(), lr.intercept_.copy()
    if dense:
        dense["type_weights"] = coef[n:].copy()
    bw = np.zeros((n, len(BINARY_HEADS)), dtype=np.float32)
    bb = np.zeros(len(BINARY_HEADS), dtype=np.float32)
    dbw = np.zeros((x.shape[1] - n, len(BINARY_HEADS)), dtype=np.float32)
    for j, head in enumerate(BINARY_HEADS):
        rows = [i for i, e in enumerate(examples) if e.head(head) is not None]
        ys = [examples[i].head(head) for i in rows]
        if len(set(ys)) < 2:
            bb[j] = -10.0
            continue
        c = c_contentious if head == "contentious" and c_contentious is not None else c_bin
        blr = LogisticRegression(C=c, max_iter=3000, class_weight=weight)
        blr.fit(x[rows], ys, sample_weight=[examples[i].weight for i in rows])
        bw[:, j] = blr.coef_[0][:n]
        dbw[:, j] = blr.coef_[0][n:]
        bb[j] = blr.intercept_[0]
    if dense:
        dense["binary_weights"] = dbw
    meta = {
        "trained_on": dict(Counter(e.source for e in examples)),
        "features": n,
        "dense_features": int(x.shape[1] - n),
        "c_type": c_type,
        "c_binary": c_bin,
        "c_contentious": c_contentious if c_contentious is not None else c_bin,
        "weighting": "tfidf_l2" if tfidf else "binary",
        "min_count": min_count,
        "dense_weight": dense_weight if dense else 0.0,
        "class_weight": weight or "none",
    }
    return SentenceEventModel(
        vec.features, labels, tw, tb, bw, bb, BINARY_HEADS, meta, dense, embedder, idf=vec.idf
    )


Inputs = tuple[list[list[str]], np.ndarray]  # per set: sparse feature lists, pooled vectors (one row each)


def scores(
    model: SentenceEventModel, sets: dict[str, list[Example]], inputs: dict[str, Inputs]
) -> dict[str, Any]:
    """Sentence-level scores of the model on each set (see ``docs/MODEL.md`` for the definitions)."""
    out: dict[str, Any] = {}
    for name, examples in sets.items():
        if not examples or name == "own":
            continue
        feats, vectors = inputs[name]
        out[name] = set_scores(model, name, examples, model.predict_features(feats, list(vectors)))
    return out


def set_scores(
    model: SentenceEventModel | None,
    name: str,
    examples: Sequence[Example],
    probs: Sequence[dict[str, float]],
) -> dict[str, Any]:
    """One set's scores: type accuracy, police recall and false alarms, or contentious P/R/F1."""
    name = SCORED_AS.get(name, name)
    if name == "india_police":
        kill = [p["police_kill"] >= 0.5 for p in probs]
        arrest = [p["police_arrest"] >= 0.5 for p in probs]
        pos = [i for i, e in enumerate(examples) if e.police_kill or e.police_arrest]
        found = sum(
            1
            for i in pos
            if (examples[i].police_kill and kill[i]) or (examples[i].police_arrest and arrest[i])
        )
        # false alarms: sentences with no police action label at all that get a kill or arrest
        quiet = [i for i, e in enumerate(examples) if not e.police_kill and not e.police_arrest]
        alarms = sum(1 for i in quiet if kill[i] or arrest[i])
        return {
            "recall": round(found / len(pos), 4) if pos else 0.0,
            "found": found,
            "positives": len(pos),
            "false_alarm_rate": round(alarms / len(quiet), 4) if quiet else 0.0,
            "false_alarms": alarms,
            "negatives": len(quiet),
        }
    if name == "glocon":
        pred = [p["contentious"] >= 0.5 for p in probs]
        gold = [bool(e.contentious) for e in examples]
        tp = sum(p and g for p, g in zip(pred, gold, strict=True))
        prec = tp / sum(pred) if sum(pred) else 0.0
        rec = tp / sum(gold) if sum(gold) else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "n": len(examples)}
    assert model is not None
    typed = [(e, p) for e, p in zip(examples, probs, strict=True) if e.type is not None]
    right = sum(model.top_type(p) == e.type for e, p in typed)
    per: dict[str, list[int]] = {}
    for e, p in typed:
        per.setdefault(str(e.type), [0, 0])
        per[str(e.type)][1] += 1
        per[str(e.type)][0] += model.top_type(p) == e.type
    return {
        "type_accuracy": round(right / len(typed), 4) if typed else 0.0,
        "n": len(typed),
        "per_type": {t: f"{a}/{b}" for t, (a, b) in sorted(per.items())},
    }


def set_scores_at(
    name: str, pooled: list[tuple[Example, dict[str, float]]], thresholds: dict[str, float]
) -> dict[str, Any]:
    """:func:`set_scores` of pooled predictions with the binary heads moved to their operating points."""
    moved = [
        (e, p | {h: (0.75 if p[h] >= t else 0.25) for h, t in thresholds.items() if h in p})
        for e, p in pooled
    ]
    return set_scores(None, name, [e for e, _ in moved], [p for _, p in moved])


def fold_of(example: Example, folds: int = 5) -> int:
    """The cross-validation fold of an example: the SHA-256 of its document key, modulo ``folds``."""
    import hashlib

    return int(hashlib.sha256(example.group.encode()).hexdigest(), 16) % folds


def fold_models(
    sets: dict[str, list[Example]], inputs: dict[str, Inputs], folds: int = 5, **kw: Any
) -> list[SentenceEventModel]:
    """One model per fold, each trained (:func:`fit`) on the examples of the other folds."""
    flat = [(n, i) for n in sets for i in range(len(sets[n]))]
    fold = [fold_of(sets[n][i], folds) for n, i in flat]
    use_dense = kw.get("embedder") is not None
    models = []
    for k in range(folds):
        train = [j for j, f in enumerate(fold) if f != k]
        vectors = np.array([inputs[flat[j][0]][1][flat[j][1]] for j in train]) if use_dense else None
        models.append(
            fit(
                [sets[flat[j][0]][flat[j][1]] for j in train],
                [inputs[flat[j][0]][0][flat[j][1]] for j in train],
                vectors,
                **kw,
            )
        )
    return models


def cross_validate(
    sets: dict[str, list[Example]],
    inputs: dict[str, Inputs],
    folds: int = 5,
    models: list[SentenceEventModel] | None = None,
    **kw: Any,
) -> tuple[dict[str, Any], dict[str, list[tuple[Example, dict[str, float]]]]]:
    """Cross-validation by document over the dev halves: each fold scored by a model trained on the
    others (:func:`fold_of`, :func:`fold_models`; or by ``models``, one per fold), the folds'
    predictions pooled per set.

    Returns:
        The scores per set, and the pooled (example, prediction) pairs per set.
    """
    models = models or fold_models(sets, inputs, folds, **kw)
    pooled: dict[str, list[tuple[Example, dict[str, float]]]] = {n: [] for n in sets}
    for n, examples in sets.items():
        for i, e in enumerate(examples):
            p = models[fold_of(e, folds)].predict_features([inputs[n][0][i]], [inputs[n][1][i]])[0]
            pooled[n].append((e, p))
    return {
        n: set_scores(models[0], n, [e for e, _ in pooled[n]], [p for _, p in pooled[n]])
        for n in sets
        if n != "own" and pooled[n]
    }, pooled


def operating_points(
    pooled: dict[str, list[tuple[Example, dict[str, float]]]], max_alarms: float
) -> dict[str, float]:
    """The decision threshold of each binary head, chosen on cross-validated predictions of the dev halves.

    Police heads: the lowest threshold whose false-alarm rate (share of the sentences without that
    police action that pass it) stays at most ``max_alarms``, so recall is as high as that allows.
    ``contentious``: the threshold of best F1 on GLOCON. Thresholds are searched on a grid of 0.05 to 0.95.
    """
    grid = [round(0.05 * i, 2) for i in range(1, 20)]
    out: dict[str, float] = {}
    for head in ("police_kill", "police_arrest"):
        pairs = [
            (e.head(head), p[head]) for e, p in pooled.get("india_police", []) if e.head(head) is not None
        ]
        neg = [q for y, q in pairs if not y]
        ok = [t for t in grid if neg and sum(q >= t for q in neg) / len(neg) <= max_alarms]
        out[head] = min(ok) if ok else 0.5
    glocon = [(bool(e.contentious), p["contentious"]) for e, p in pooled.get("glocon", [])]

    def f1(t: float) -> float:
        tp = sum(1 for y, q in glocon if y and q >= t)
        n_pred, n_gold = sum(1 for _, q in glocon if q >= t), sum(1 for y, _ in glocon if y)
        return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0

    out["contentious"] = max(grid, key=f1) if glocon else 0.5
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thucydides.events.train", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "thucydides" / "data" / "models" / MODEL_FILE
    )
    parser.add_argument(
        "--cv", action="store_true", help="print 5-fold cross-validated scores on the dev halves"
    )
    parser.add_argument(
        "--test", action="store_true", help="print the trained model's scores on the test halves"
    )
    parser.add_argument("--c-type", type=float, default=2.0)
    parser.add_argument("--c-binary", type=float, default=0.5)
    parser.add_argument("--dense-weight", type=float, default=0.3)
    parser.add_argument(
        "--word-vectors",
        type=Path,
        default=ROOT / "src" / "thucydides" / "data" / "models" / WORD_VECTORS_FILE,
        help="the static word vectors (python -m thucydides.events.distil) whose sentence vectors join the "
        "sparse features",
    )
    parser.add_argument("--sparse-only", action="store_true", help="no dense features (the first model)")
    parser.add_argument("--unbalanced", action="store_true", help="no class weights")
    parser.add_argument(
        "--no-sentence-views", action="store_true", help="no extra examples of the CASE snippets' sentences"
    )
    parser.add_argument(
        "--own-sets",
        action="store_true",
        help="also our own labelled sets (bench/own_*.jsonl, dev halves; not shipped: docs/MODEL.md)",
    )
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument(
        "--max-alarms",
        type=float,
        default=0.01,
        help="false-alarm rate the police heads' threshold allows (CV)",
    )
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        sys.stderr.write(f"error: no gold data at {args.gold}\n")
        return 2
    dev = all_examples(args.gold, args.reference, "dev", not args.no_sentence_views, own_sets=args.own_sets)
    embedder = None if args.sparse_only else StaticEmbedder.from_file(args.word_vectors)
    inputs = {n: parse_features(f"{n}-dev", [e.text for e in ex], embedder) for n, ex in dev.items()}
    kw: dict[str, Any] = {
        "c_type": args.c_type,
        "c_bin": args.c_binary,
        "dense_weight": args.dense_weight,
        "balanced": not args.unbalanced,
        "embedder": embedder,
    }
    thresholds: dict[str, float] = {}
    if args.cv:
        cv, pooled = cross_validate(dev, inputs, **kw)
        thresholds = operating_points(pooled, args.max_alarms)
        cv_at = {
            n: set_scores_at(n, pooled[n], thresholds) for n in ("india_police", "glocon") if pooled.get(n)
        }
        settings = {k: v for k, v in kw.items() if k != "embedder"} | {"dense": embedder is not None}
        print(json.dumps({"cv_dev": cv, "operating_points": thresholds, "cv_dev_at_operating_points": cv_at,
                          "settings": settings}, indent=1))  # fmt: skip
    examples = [e for n in dev for e in dev[n]]
    vectors = np.concatenate([inputs[n][1] for n in dev]) if embedder is not None else None
    model = fit(examples, [f for n in dev for f in inputs[n][0]], vectors, **kw)
    model.set_operating_points(thresholds)
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.out)
        size = args.out.stat().st_size / 1024
        sys.stderr.write(f"wrote {args.out} ({size:.0f} KiB, {len(model.index)} features)\n")
    if args.test:
        test = all_examples(args.gold, args.reference, "test")
        tinputs = {n: parse_features(f"{n}-test", [e.text for e in ex], embedder) for n, ex in test.items()}
        print(json.dumps({"test": scores(model, test, tinputs)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
