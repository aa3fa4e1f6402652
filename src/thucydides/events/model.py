"""A small learned sentence event detector and typer over the parse the pipeline already computes.

:class:`SentenceEventModel` scores one parsed sentence (a spaCy ``Span``) with linear models over cheap
features of its parse (:func:`sentence_features`): lower-cased lemmas and lemma bigrams, dependency arcs
around verbs and event nouns, the entity labels and the roles they fill, negation and modal cues; and over
a static sentence vector (:class:`StaticEmbedder`: MiniLM's vectors of single words, distilled by
:mod:`thucydides.events.distil`, summed over the sentence). Its weights and the word vectors are compact
``.npz`` files of package data (``data/models/sentence_events.npz``, ``data/models/word_vectors.npz``),
written by ``make model`` (:mod:`thucydides.events.train`) and read here with numpy only, once.

:meth:`SentenceEventModel.predict` gives, for each sentence, a dict of probabilities:

- one per label of :attr:`SentenceEventModel.labels` (the PLOVER event types and ``NONE``): the type
  head, a softmax, so these values sum to 1;
- ``police_kill`` and ``police_arrest``: independent binary heads, the probability that the sentence
  reports the police or security forces killing, or arresting, someone;
- ``contentious``: an independent binary head, the probability that the sentence carries protest or
  contentious-violence information (demonstrations, strikes, riots, armed attacks by non-state groups).

The binary heads are shifted so that 0.5 is their operating point, chosen by cross-validation on the dev
halves (:meth:`SentenceEventModel.set_operating_points`): propose where a head's value is at least 0.5.

The heads exist because the training sets label different questions (see ``docs/MODEL.md``): a type head
trained only where a sentence's type is known, and binary heads trained on the sets that answer one
question for every sentence. The model proposes and ranks; the syntax still says who did what to whom.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "sentence_events.npz"
WORD_VECTORS_FILE = "word_vectors.npz"
BINARY_HEADS: tuple[str, ...] = ("police_kill", "police_arrest", "contentious")

# dependency relations whose arcs (head lemma, relation, child lemma) are features
ARC_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "agent",
        "pobj",
        "prep",
        "compound",
        "amod",
        "attr",
        "acl",
        "xcomp",
        "advcl",
    }
)
CONTENT_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "NUM"})
MODAL_WORDS = frozenset({"will", "would", "may", "might", "could", "should", "must", "can", "shall"})


def _lemma(tok: Any) -> str:
    """A token's lower-cased lemma, numbers folded into one feature."""
    if tok.like_num:
        return "<num>"
    return str(tok.lemma_ or tok.text).lower()


def sentence_features(sent: Any) -> list[str]:
    """The features of one parsed sentence (a spaCy ``Span``), distinct, in a fixed order
    (:func:`sentence_inputs`)."""
    return sentence_inputs(sent)[0]


def sentence_inputs(sent: Any) -> tuple[list[str], list[str]]:
    """The features of one parsed sentence (a spaCy ``Span``), distinct, in a fixed order, and the
    lower-cased forms of its words (which :meth:`StaticEmbedder.lower_vector` reads).

    Lemmas and lemma bigrams of the words (no punctuation), the root's lemma (and ``pass`` for a passive
    root), arcs between content words, the label of each entity with the relation its head fills, and the
    lemmas that negation or a modal verb governs. Everything is lower-cased, so the features do not depend
    on the text's capitals (the entity labels do, through the parser).
    """
    feats: list[str] = []
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    lemmas = [_lemma(t) for t in words]
    feats.extend(f"l:{lem}" for lem in lemmas)
    feats.extend(f"b:{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False))
    for tok, lem in zip(words, lemmas, strict=True):
        dep = tok.dep_
        if dep == "ROOT":
            feats.append(f"r:{lem}")
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                feats.append(f"rp:{lem}")
        elif dep in ARC_DEPS and tok.pos_ in CONTENT_POS:
            head = tok.head
            feats.append(f"a:{_lemma(head)}>{dep}>{lem}")
            if tok.ent_type_:
                feats.append(f"e:{_lemma(head)}>{dep}>{tok.ent_type_}")
        elif dep == "neg":
            feats.append(f"n:{_lemma(tok.head)}")
        elif dep == "aux" and (tok.tag_ == "MD" or lem in MODAL_WORDS):
            feats.append(f"m:{_lemma(tok.head)}")
    for label, root_dep in _entities(sent):
        feats.append(f"E:{label}")
        feats.append(f"ER:{label}:{root_dep}")
    return list(dict.fromkeys(feats)), [t.lower_ for t in words]


def _entities(sent: Any) -> list[tuple[str, str]]:
    """(label, relation of its root) of each named entity that lies within the sentence, in order.

    The same entities as ``sent.ents``, read from the sentence's own tokens: ``Span.ents`` walks every
    entity of the whole document for each sentence, which costs more than the rest of the features.
    """
    doc = sent.doc
    out: list[tuple[str, str]] = []
    start: int | None = None  # the first token of the entity being read; -1: one begun before the sentence
    for tok in sent:
        iob = tok.ent_iob_
        if iob == "I" and start is not None:
            continue
        if start is not None and start >= 0:
            out.append(_entity(doc, start, tok.i))
        start = tok.i if iob == "B" else -1 if iob == "I" else None
    end = sent.end
    if start is not None and start >= 0 and not (end < len(doc) and doc[end].ent_iob_ == "I"):
        out.append(_entity(doc, start, end))
    return out


def _entity(doc: Any, start: int, end: int) -> tuple[str, str]:
    """The label and the root's relation of the entity ``doc[start:end]`` (its root as ``Span.root``)."""
    return doc[start].ent_type_, doc[start:end].root.dep_


def sum_rows(matrix: np.ndarray, rows: Sequence[list[int]]) -> np.ndarray:
    """For each list of row indices, the sum of those rows of ``matrix`` (zeros for an empty list):
    ``(len(rows), matrix.shape[1])``, with one gather and one ``reduceat`` for all of them."""
    out = np.zeros((len(rows), matrix.shape[1]), dtype=np.float32)
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    flat = [i for r in rows for i in r]
    if flat:
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        nonempty = lengths > 0
        out[nonempty] = np.add.reduceat(matrix[flat], starts[nonempty], axis=0)
    return out


class StaticEmbedder:
    """Static word vectors distilled from a sentence encoder (:mod:`thucydides.events.distil`).

    A table of one row per lower-cased word, the word's MiniLM vector reduced by PCA and scaled by its
    SIF weight (frequent words count little). A sentence's vector is the sum of the rows of its words
    (their lower-cased forms, which :func:`sentence_inputs` collects while it reads the sentence for the
    features, so the vector costs one dictionary look-up a word; unknown words add nothing), normalised
    to length 1.
    """

    def __init__(self, words: Sequence[str], table: np.ndarray, meta: dict[str, Any] | None = None) -> None:
        if table.ndim != 2 or table.shape[0] != len(words):
            raise ValueError("static embedder: the table has not one row per word")
        self.words: tuple[str, ...] = tuple(words)
        self.index: dict[str, int] = {w: i for i, w in enumerate(self.words)}
        self.table = np.asarray(table, dtype=np.float32)
        self.dims = int(self.table.shape[1])
        self.meta: dict[str, Any] = meta or {}

    @classmethod
    def load(cls) -> StaticEmbedder:
        """The bundled word vectors (package data), read once per process."""
        return _bundled_embedder()

    @classmethod
    def from_file(cls, path: Any) -> StaticEmbedder:
        """An embedder from an ``.npz`` file written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            return cls(_features(data["words"]), data["table"], json.loads(str(data["meta"])))

    def save(self, path: Any) -> None:
        """Write the table as float16 in a compressed ``.npz`` (no pickled objects)."""
        np.savez_compressed(
            path,
            allow_pickle=False,
            words=np.frombuffer("\n".join(self.words).encode("utf-8"), dtype=np.uint8),
            table=self.table.astype(np.float16),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    def lower_vectors(self, word_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """:meth:`lower_vector` of each sentence at once: ``(len(word_lists), dims)``."""
        index = self.index
        sums = sum_rows(
            self.table, [[i for w in words if (i := index.get(w)) is not None] for words in word_lists]
        )
        norms = np.sqrt((sums * sums).sum(axis=1, keepdims=True))
        return sums / np.where(norms > 0, norms, 1.0)

    def _pool(self, rows: list[int]) -> np.ndarray:
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        vec = self.table[rows].sum(axis=0)
        norm = float(np.sqrt(vec @ vec))
        return vec / norm if norm > 0 else vec

    def lower_vector(self, words: Iterable[str]) -> np.ndarray:
        """The vector of a sentence's lower-cased words; zeros where none is known."""
        index = self.index
        return self._pool([i for w in words if (i := index.get(w)) is not None])

    def words_vector(self, words: Iterable[str]) -> np.ndarray:
        """The vector of a sequence of words (lower-cased here)."""
        return self.lower_vector(w.lower() for w in words)

    def vector(self, sent: Any) -> np.ndarray:
        """The vector of a parsed sentence (a spaCy ``Span`` or ``Doc``); zeros where no word is known."""
        return self.lower_vector(t.lower_ for t in sent if not (t.is_punct or t.is_space))

    def vectors(self, sents: Sequence[Any]) -> np.ndarray:
        """:meth:`vector` of each sentence, one row each: ``(len(sents), dims)``."""
        if not sents:
            return np.zeros((0, self.dims), dtype=np.float32)
        return np.stack([self.vector(s) for s in sents])


class SentenceEventModel:
    """Linear heads over :func:`sentence_features`; see the module docstring for what they predict."""

    def __init__(
        self,
        features: Sequence[str],
        labels: Sequence[str],
        type_weights: np.ndarray,
        type_bias: np.ndarray,
        binary_weights: np.ndarray,
        binary_bias: np.ndarray,
        heads: Sequence[str] = BINARY_HEADS,
        meta: dict[str, Any] | None = None,
        dense: dict[str, np.ndarray] | None = None,
        embedder: StaticEmbedder | None = None,
        idf: np.ndarray | None = None,
    ) -> None:
        self.index: dict[str, int] = {f: i for i, f in enumerate(features)}
        self.labels: tuple[str, ...] = tuple(labels)
        self.heads: tuple[str, ...] = tuple(heads)
        n = len(self.index)
        if type_weights.shape != (n, len(self.labels)) or binary_weights.shape != (n, len(self.heads)):
            raise ValueError("sentence event model: weight shapes do not match its features and labels")
        self._tw = type_weights.astype(np.float32)
        self._tb = type_bias.astype(np.float32)
        self._bw = binary_weights.astype(np.float32)
        self._bb = binary_bias.astype(np.float32)
        self.meta: dict[str, Any] = meta or {}
        # optional TF-IDF weighting: a sentence's row holds idf[f] for each feature f it has, scaled to unit
        # length (L2); absent: binary rows (1 for each feature)
        self._idf = idf.astype(np.float32) if idf is not None else None
        if self._idf is not None and self._idf.shape != (n,):
            raise ValueError("sentence event model: idf does not match its features")
        # optional weights over the sentence's static embedding (StaticEmbedder.vector): mean, scale
        # (standardisation), type and binary weights; absent: sparse features only
        self.dense: dict[str, np.ndarray] = {k: v.astype(np.float32) for k, v in (dense or {}).items()}
        self.dense_dim = int(self.dense["mean"].shape[0]) if self.dense else 0
        if self.dense and (embedder is None or embedder.dims != self.dense_dim):
            raise ValueError("sentence event model: dense weights need the word vectors they were trained on")
        self.embedder = embedder if self.dense else None
        self._compiled_cache: tuple[np.ndarray, np.ndarray, np.ndarray | None] | None = None

    @classmethod
    def load(cls) -> SentenceEventModel:
        """The bundled model (package data), read once per process."""
        return _bundled()

    @classmethod
    def from_file(cls, path: Any, embedder: StaticEmbedder | None = None) -> SentenceEventModel:
        """A model from an ``.npz`` file written by :meth:`save`; a model with dense weights takes
        ``embedder``, else the bundled word vectors."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            dense = {k[6:]: data[k] for k in data.files if k.startswith("dense_")}
            if dense and embedder is None:
                embedder = StaticEmbedder.load()
            return cls(
                features=_features(data["features"]),
                labels=meta["labels"],
                type_weights=data["type_weights"],
                type_bias=data["type_bias"],
                binary_weights=data["binary_weights"],
                binary_bias=data["binary_bias"],
                heads=meta["heads"],
                meta=meta,
                dense=dense,
                embedder=embedder,
                idf=data["idf"] if "idf" in data.files else None,
            )

    def save(self, path: Any) -> None:
        """Write the model as a compressed ``.npz`` (no pickled objects)."""
        features = sorted(self.index, key=self.index.__getitem__)
        meta = dict(self.meta) | {"labels": list(self.labels), "heads": list(self.heads)}
        arrays: dict[str, np.ndarray] = {
            "features": np.frombuffer("\n".join(features).encode("utf-8"), dtype=np.uint8),
            "type_weights": self._tw.astype(np.float16),
            "type_bias": self._tb,
            "binary_weights": self._bw.astype(np.float16),
            "binary_bias": self._bb,
            "meta": np.array(json.dumps(meta, sort_keys=True)),
        }
        if self._idf is not None:
            arrays["idf"] = self._idf
        for k, v in self.dense.items():
            arrays[f"dense_{k}"] = v.astype(np.float16 if k.endswith("weights") else np.float32)
        np.savez_compressed(path, allow_pickle=False, **arrays)

    def set_operating_points(self, thresholds: dict[str, float]) -> None:
        """Shift each binary head's intercept so that its chosen decision threshold becomes 0.5.

        After this, ``probs[head] >= 0.5`` is the head's operating point (chosen by cross-validation,
        see ``docs/MODEL.md``); the values stay monotone in the evidence but are no longer calibrated.
        The thresholds are kept in :attr:`meta` (``operating_points``).
        """
        for j, head in enumerate(self.heads):
            t = thresholds.get(head)
            if t is not None and 0.0 < t < 1.0:
                self._bb[j] -= np.float32(np.log(t / (1.0 - t)))
        self.meta["operating_points"] = dict(thresholds)
        self._compiled_cache = None

    def _rows(self, feats: Iterable[str]) -> list[int]:
        index = self.index
        return [i for f in feats if (i := index.get(f)) is not None]

    def predict_features(
        self,
        feature_lists: Sequence[Iterable[str]],
        vectors: np.ndarray | Sequence[np.ndarray | None] | None = None,
    ) -> list[dict[str, float]]:
        """Probabilities for sentences given as feature lists and, for a model with dense weights, their
        static embeddings (:meth:`StaticEmbedder.vector`; ``None``: none); see :meth:`predict`."""
        w, bias, dense_w = self._compiled()
        n, n_labels = len(feature_lists), len(self.labels)
        z = np.tile(bias, (n, 1))
        if self._idf is None:
            z += sum_rows(w, [self._rows(feats) for feats in feature_lists])
        else:
            for k, feats in enumerate(feature_lists):
                if rows := self._rows(feats):
                    x = self._idf[rows]
                    x /= np.sqrt(float(x @ x))
                    z[k] += x @ w[rows]
        if dense_w is not None and isinstance(vectors, np.ndarray) and vectors.shape == (n, self.dense_dim):
            z += vectors @ dense_w
        elif dense_w is not None and vectors is not None:
            known = [k for k, v in enumerate(vectors) if v is not None and v.shape == (self.dense_dim,)]
            if known:
                z[known] += np.asarray([vectors[k] for k in known], dtype=np.float32) @ dense_w
        t = np.exp(z[:, :n_labels] - z[:, :n_labels].max(axis=1, keepdims=True))
        z[:, :n_labels] = t / t.sum(axis=1, keepdims=True)
        z[:, n_labels:] = 1.0 / (1.0 + np.exp(-z[:, n_labels:]))
        names = self.labels + self.heads
        return [dict(zip(names, row, strict=True)) for row in z.tolist()]

    def _compiled(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The type and binary weights side by side (one look-up a feature), the biases, and the dense
        weights with the standardisation folded in: ``((v - mean) * scale) @ W == v @ (scale * W) - c``."""
        if self._compiled_cache is None:
            w = np.hstack([self._tw, self._bw])
            bias = np.concatenate([self._tb, self._bb])
            dense_w = None
            if self.dense:
                d = self.dense
                both = np.hstack([d["type_weights"], d["binary_weights"]])
                dense_w = (d["scale"][:, None] * both).astype(np.float32)
                bias = bias - (d["mean"] * d["scale"]) @ both
            self._compiled_cache = (w, bias.astype(np.float32), dense_w)
        return self._compiled_cache

    def predict(self, sents: Sequence[Any]) -> list[dict[str, float]]:
        """For each parsed sentence (a spaCy ``Span``), the probability of each label and binary head.

        The values of :attr:`labels` sum to 1 (one event type or ``NONE``); ``police_kill``,
        ``police_arrest`` and ``contentious`` are independent probabilities.
        """
        inputs = [sentence_inputs(s) for s in sents]
        embedder = self.embedder
        vectors = embedder.lower_vectors([w for _, w in inputs]) if embedder is not None else None
        return self.predict_features([feats for feats, _ in inputs], vectors)

    def top_type(self, probs: dict[str, float]) -> str:
        """The most probable label of the type head (``NONE`` included)."""
        return max(self.labels, key=lambda label: probs[label])


def _features(stored: np.ndarray) -> list[str]:
    """The feature names of a saved model: UTF-8 bytes, one name a line (or an array of strings)."""
    if stored.dtype == np.uint8:
        return stored.tobytes().decode("utf-8").split("\n")
    return [str(f) for f in stored]


@cache
def _bundled() -> SentenceEventModel:
    ref = resources.files("thucydides") / "data" / "models" / MODEL_FILE
    with resources.as_file(ref) as path:
        return SentenceEventModel.from_file(path)


@cache
def _bundled_embedder() -> StaticEmbedder:
    ref = resources.files("thucydides") / "data" / "models" / WORD_VECTORS_FILE
    with resources.as_file(ref) as path:
        return StaticEmbedder.from_file(path)
