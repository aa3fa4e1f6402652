"""A small learned sentence event detector and typer over the parse the pipeline already computes.

:class:`SentenceEventModel` scores one parsed sentence (a spaCy ``Span``) with linear models over cheap
features of its parse (:func:`sentence_features`): lower-cased lemmas and lemma bigrams, dependency arcs
around verbs and event nouns, the entity labels and the roles they fill, negation and modal cues. Its
weights are a compact ``.npz`` file of package data (``data/models/sentence_events.npz``), written by
``make model`` (:mod:`thucydides.events.train`) and read here with numpy only, once.

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
    """The features of one parsed sentence (a spaCy ``Span``), distinct, in a fixed order.

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
    for ent in sent.ents:
        feats.append(f"E:{ent.label_}")
        feats.append(f"ER:{ent.label_}:{ent.root.dep_}")
    return list(dict.fromkeys(feats))


def sentence_vector(sent: Any) -> np.ndarray | None:
    """The mean and the maximum of the parser's token vectors (``Doc.tensor``, written by the pipeline's
    ``tok2vec``) over one sentence, end to end; ``None`` where the document has no tensor."""
    tensor = getattr(sent.doc, "tensor", None)
    if tensor is None or getattr(tensor, "size", 0) == 0 or len(sent) == 0:
        return None
    rows = np.asarray(tensor[sent.start : sent.end], dtype=np.float32)
    return np.concatenate([rows.mean(axis=0), rows.max(axis=0)])


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
        # optional weights over the pooled token vectors of the parser's tok2vec (see sentence_vector):
        # mean, scale (standardisation), type and binary weights; absent: sparse features only
        self.dense: dict[str, np.ndarray] = {k: v.astype(np.float32) for k, v in (dense or {}).items()}
        self.dense_dim = int(self.dense["mean"].shape[0]) if self.dense else 0

    @classmethod
    def load(cls) -> SentenceEventModel:
        """The bundled model (package data), read once per process."""
        return _bundled()

    @classmethod
    def from_file(cls, path: Any) -> SentenceEventModel:
        """A model from an ``.npz`` file written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(
                features=_features(data["features"]),
                labels=meta["labels"],
                type_weights=data["type_weights"],
                type_bias=data["type_bias"],
                binary_weights=data["binary_weights"],
                binary_bias=data["binary_bias"],
                heads=meta["heads"],
                meta=meta,
                dense={k[6:]: data[k] for k in data.files if k.startswith("dense_")},
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

    def _rows(self, feats: Iterable[str]) -> list[int]:
        index = self.index
        return [i for f in feats if (i := index.get(f)) is not None]

    def predict_features(
        self, feature_lists: Sequence[Iterable[str]], vectors: Sequence[np.ndarray | None] | None = None
    ) -> list[dict[str, float]]:
        """Probabilities for sentences given as feature lists and, for a model with dense weights, their
        pooled token vectors (:func:`sentence_vector`; ``None`` where there is none); see :meth:`predict`."""
        out: list[dict[str, float]] = []
        dense = self.dense
        for k, feats in enumerate(feature_lists):
            rows = self._rows(feats)
            t = self._tb + self._tw[rows].sum(axis=0) if rows else self._tb.copy()
            b = self._bb + self._bw[rows].sum(axis=0) if rows else self._bb.copy()
            vec = vectors[k] if vectors is not None else None
            if dense and vec is not None and vec.shape == (self.dense_dim,):
                z = (vec - dense["mean"]) * dense["scale"]
                t += z @ dense["type_weights"]
                b += z @ dense["binary_weights"]
            t = np.exp(t - t.max())
            t /= t.sum()
            p = 1.0 / (1.0 + np.exp(-b))
            probs = {label: float(v) for label, v in zip(self.labels, t.tolist(), strict=True)}
            probs |= {head: float(v) for head, v in zip(self.heads, p.tolist(), strict=True)}
            out.append(probs)
        return out

    def predict(self, sents: Sequence[Any]) -> list[dict[str, float]]:
        """For each parsed sentence (a spaCy ``Span``), the probability of each label and binary head.

        The values of :attr:`labels` sum to 1 (one event type or ``NONE``); ``police_kill``,
        ``police_arrest`` and ``contentious`` are independent probabilities.
        """
        vectors = [sentence_vector(s) for s in sents] if self.dense else None
        return self.predict_features([sentence_features(s) for s in sents], vectors)

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
