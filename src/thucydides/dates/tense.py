"""Which occurrence of a date named without its year is meant: tense and news style.

The tense of the verb a date expression modifies is read from the parse (:func:`governor`); the calendar
rules that turn a direction into a date are :func:`news_year` (no clue) and :func:`tensed_occurrence`.

"The vote was held on March 2": the date hangs (through "on") on "held", a past passive, so the date is
past. "The opposition called for a strike on Jan. 12": it hangs on the noun "strike", which has no tense;
the past of "called" is the act of calling, not the strike's date. The window clues of
:meth:`~thucydides.dates.handlers.ExpressionHandlers._tense` cannot tell these apart; the parse can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Tense = Literal["future", "past"] | None
Direction = Tense  # which way a date without its year is taken from publication
AHEAD_DAYS = 120  # without a tense clue, a date at most this far ahead is meant (else the last one)
NEAR_DAYS = 60  # a loose past clue does not move a date into last year past this year's one this near
HOW: dict[Direction, str] = {
    "future": "the next one on or after",
    "past": "the last one on or before",
    None: f"no tense clue: news style (the coming one when at most {AHEAD_DAYS} days ahead, else the last"
    " one) for",
}


FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
PAST_AUX = frozenset({"was", "were", "had", "has", "have", "did", "'ve"})
PERFECT = frozenset({"has", "have", "'ve"})
MODALS = frozenset({"would", "could", "should", "might", "may", "must", "can"})
LIKELY_MODALS = frozenset({"may", "might"})  # with a bare verb, a possibility ahead ("could" is also a past)
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add", "note", "insist"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})


@dataclass(frozen=True, slots=True)
class Governor:
    """What a date expression hangs on: a verb (with the tense its form and auxiliaries give) or not.

    Attributes:
        on_verb: whether the date modifies a verb (False: a noun or adjective, "a strike on Jan. 12").
        tense: the verb's tense (``None`` when the form tells neither way: a present, an infinitive).
        verb: the verb's text, for reasons.
        finite: whether the verb has a tense of its own (a finite form or auxiliaries), unlike a bare
            participle ("a service planned for Saturday").
        present: a simple present that is no verb of saying ("Voting begins Sunday"): news uses it for
            what is arranged.
        progressive: the verb's lemma when it is a present progressive ("is meeting", "are investigating").
        infinitive: whether the verb is a to-infinitive ("faced calls to resign by Wednesday").
    """

    on_verb: bool
    tense: Tense
    verb: str = ""
    finite: bool = False
    present: bool = False
    progressive: str = ""  # the lemma of a present progressive ("are investigating"), else ""
    infinitive: bool = False  # a to-infinitive ("to resign by Wednesday")


def _preposition(token: Any) -> bool:
    """A preposition, or a word the tagger calls a conjunction that the parse uses as one ("since March"
    tagged SCONJ with the dependency ``prep``)."""
    return token.pos_ == "ADP" or (token.pos_ == "SCONJ" and token.dep_ == "prep")


def _date_span(spacy_doc: Any, start: int, end: int) -> Any | None:
    """The tokens of the date at ``start:end`` (widened to whole tokens); ``None`` without a parse or
    where no token lines up."""
    if spacy_doc is None:
        return None
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) > 0 else None


def governor(spacy_doc: Any, start: int, end: int, future_word: Callable[[str], bool]) -> Governor | None:
    """The word the date at ``start:end`` hangs on and its tense; ``None`` without a parse (or when the
    span does not line up with tokens). ``future_word`` tells words that point ahead ("scheduled")."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return None
    token = span.root.head
    while _preposition(token) and token.head != token:  # "on Tuesday": the word "on" hangs on
        token = token.head
    if span.start <= token.i < span.end or _preposition(token):
        return None  # the date is the sentence's root, or hangs on nothing outside itself
    token = _through_predicate(token)
    if token.pos_ not in ("VERB", "AUX"):
        return Governor(False, None, token.text)
    aux = _auxiliaries(token)
    finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or bool(aux)
    if finite and future_word(token.lower_):
        return Governor(True, "future", token.text, True)  # "has scheduled a news conference Thursday"
    present = token.tag_ in ("VBZ", "VBP") and not aux and token.lemma_ not in REPORTING_LEMMAS
    progressive = token.tag_ == "VBG" and any(a in PRESENT_BE for a in aux)
    tense = verb_tense(token, future_word)
    lemma = token.lemma_.lower() if progressive else ""
    return Governor(True, tense, token.text, finite, present, lemma, "to" in aux)


def hung_on(spacy_doc: Any, start: int, end: int) -> Any | None:
    """The verb the date at ``start:end`` hangs on (through a preposition: "ended on Feb. 28"), or None."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return None
    token = span.root.head
    while _preposition(token) and token.head != token:
        token = token.head
    if span.start <= token.i < span.end:
        return None
    token = _through_predicate(token)
    return token if token.pos_ in ("VERB", "AUX") else None


PREDICATE_DEPS = frozenset({"acomp", "oprd"})


def _through_predicate(token: Any) -> Any:
    """The verb a predicate adjective completes ("will stay closed through Friday", "was shut on Monday":
    "stay", "was"), whose tense is the date's; else ``token``."""
    if token.pos_ == "ADJ" and token.dep_ in PREDICATE_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    return token


def intended_by(spacy_doc: Any, start: int, end: int, lemmas: frozenset[str]) -> str:
    """The past verb of intention (``lemmas``: its lemmas and forms) whose infinitive the date at
    ``start:end`` modifies ("promised on Tuesday to hand power to civilians by July": "promised"), else "";
    "" without a parse. (A present one, "plans to meet in March", already points ahead: see
    :func:`verb_tense`.)"""
    verb = hung_on(spacy_doc, start, end)
    if verb is None or verb.dep_ != "xcomp" or "to" not in _auxiliaries(verb):
        return ""
    head = verb.head
    known = head.lemma_.lower() in lemmas or head.lower_ in lemmas
    past = head.tag_ == "VBD" or any(a in PAST_AUX for a in _auxiliaries(head))
    return head.text if head.pos_ in ("VERB", "AUX") and known and past else ""


SET_FOR_PREPS = frozenset({"for", "until", "till"})


def set_by(spacy_doc: Any, start: int, end: int, verbs: frozenset[str]) -> Any | None:
    """The verb of ``verbs`` (that set or put off a date) whose "for"/"until" the date at ``start:end`` is the
    whole object of, with words between them ("called a national strike for Tuesday", "postponed the vote
    until March 3"); None without a parse. Not a date before a noun ("called for Friday's vote"), nor after a
    bare participle, which has no tense of its own ("a memorial service planned for Saturday was
    cancelled")."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return None
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in SET_FOR_PREPS or prep.dep_ != "prep":
        return None
    verb = prep.head
    # "a service planned for Saturday was cancelled": a bare participle has no tense of its own
    bare = verb.tag_ in ("VBN", "VBG") and not _auxiliaries(verb)
    return verb if verb.pos_ == "VERB" and verb.lower_ in verbs and not bare else None


def in_past_relative_clause(spacy_doc: Any, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` hangs on a noun inside a relative clause whose verb is a simple past
    ("Harris, who replaced Biden as the nominee in July, will speak": the clause has its own time, past,
    whatever the sentence around it says); ``False`` without a parse."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return False
    token = span.root.head
    for _ in range(6):  # up through prepositions and nouns to the clause's verb
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            break
        token = token.head
    return token.pos_ == "VERB" and token.dep_ == "relcl" and token.tag_ == "VBD" and not _auxiliaries(token)


def clause_tense(spacy_doc: Any, start: int, end: int, future_word: Callable[[str], bool]) -> Tense:
    """The tense of the verb whose adverbial phrase holds the noun the date at ``start:end`` dates
    ("Republicans won control in Tuesday's elections, and Gingrich said the party would act": "won";
    "approved the changes during a meeting Wednesday": "approved"): the noun is the object of a preposition
    on the verb. Only a past or a future with "will"; ``None`` otherwise, without a parse, or when the noun
    lies deeper in the clause ("highlighted upcoming events such as the games in July": the act of
    highlighting does not date the games). The clue nearest in the text may belong to another clause."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return None
    noun = span.root.head
    if noun.pos_ == "ADP" and noun.head != noun:  # "the games in July": the noun the date's phrase is on
        noun = noun.head
    prep = noun.head
    verb = prep.head
    if (
        noun.pos_ not in ("NOUN", "PROPN")
        or span.start <= noun.i < span.end
        or noun.dep_ != "pobj"
        or prep.pos_ != "ADP"
        or verb.pos_ not in ("VERB", "AUX")
    ):
        return None
    if any(a in FUTURE_MODALS for a in _auxiliaries(verb)):
        return "future"
    return "past" if verb_tense(verb, future_word) == "past" else None


NAMING_DEPS = frozenset({"nmod", "compound", "poss", "amod"})


def names_a_thing(spacy_doc: Any, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` stands before a noun it modifies, naming it ("the Feb. 12
    accord", "the Jan. 30 agreement", "a Dec. 3 rally"); ``False`` without a parse."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return False
    root = span.root
    head = root.head
    return root.dep_ in NAMING_DEPS and head.i >= span.end and head.pos_ in ("NOUN", "PROPN")


def said_at(spacy_doc: Any, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` dates the noun of a phrase that a past verb of saying hangs on ("In
    a statement Tuesday, the group said it would strike", "at a news conference Monday, he said"): the
    saying's own time, whatever the tense of what was said."""
    span = _date_span(spacy_doc, start, end)
    if span is None:
        return False
    noun = span.root.head
    if noun.pos_ not in ("NOUN", "PROPN") or span.start <= noun.i < span.end:
        return False
    prep = noun.head
    verb = prep.head
    return (
        noun.dep_ == "pobj"
        and prep.pos_ == "ADP"
        and verb.pos_ == "VERB"
        and verb.tag_ == "VBD"
        and verb.lemma_.lower() in REPORTING_LEMMAS
    )


def verb_tense(verb: Any, future_word: Callable[[str], bool]) -> Tense:
    """``past``, ``future`` or ``None`` from a verb's form and its auxiliaries.

    "held" after "was"/"had", or a simple past ("met") → past; after "will"/"shall" → future; a present
    progressive ("is meeting Sunday") → future (news uses it for arrangements); an infinitive that
    complements a present, perfect or future verb, or a word pointing ahead ("have agreed to meet
    Saturday", "are expected to end Friday") → future, as what is agreed or expected comes after; so is an
    infinitive with nothing above it, a headline's ("Ship to visit the port in August"); a bare
    present, another infinitive or a participle without auxiliaries → ``None``.
    """
    aux = _auxiliaries(verb)
    if any(a in FUTURE_MODALS for a in aux):
        return "future"
    if "to" in aux:
        head = verb.head
        headline = head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl", "relcl")
        if head == verb or headline:
            return "future"  # a headline's infinitive: "Ship to visit the port in August"
        if head.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("xcomp", "ccomp"):
            return None
        head_aux = _auxiliaries(head)
        ahead = (
            future_word(head.lower_)
            or verb_tense(head, future_word) == "future"
            or (head.tag_ in ("VBZ", "VBP") and not head_aux)
            or any(a in PERFECT for a in head_aux)
        )
        return "future" if ahead else None
    if verb.tag_ == "VB" and any(a in LIKELY_MODALS for a in aux) and not any(a in PERFECT for a in aux):
        return (
            "future"  # "may reopen offices Monday": what may happen is ahead ("may have died Monday" is not)
        )
    if any(a in MODALS for a in aux):
        return None
    if any(a in PAST_AUX for a in aux):
        return "past"
    if verb.tag_ == "VBG" and any(a in PRESENT_BE for a in aux):
        return "future"
    if verb.tag_ == "VBD" and not aux:
        return "past"
    return None


def _auxiliaries(verb: Any) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def news_year(pub: date, on: Callable[[int], date | None]) -> date | None:
    """The occurrence of a date named without a year or a tense clue, ``on(year)`` being its date in a year.

    News style leaves the year out of dates near the publication: the coming one is meant when it is at
    most ``AHEAD_DAYS`` ahead ("Dec. 1" in an October story, "Jan. 10" in late November), else the last one
    on or before publication ("Oct. 20" in a November story, "December 30" in January).
    """
    ahead = [d for y in (pub.year, pub.year + 1) if (d := on(y)) is not None and d >= pub]
    if ahead and (ahead[0] - pub).days <= AHEAD_DAYS:
        return ahead[0]
    return next((d for y in (pub.year, pub.year - 1) if (d := on(y)) is not None and d <= pub), None)


def how_picked(direction: Direction, d: date, pub: date) -> str:
    """How :func:`tensed_occurrence` picked ``d``, for the reason."""
    if (direction == "past" and d > pub) or (direction == "future" and d < pub):
        return f"a {direction} clue, but this year's, {abs((d - pub).days)} days from"
    return HOW[direction]


RECENT: Literal["recent"] = "recent"  # a future clue around a date that names a thing ("the Feb. 12 accord")
Looseness = bool | Literal["recent"]


def tensed_occurrence(
    pub: date, on: Callable[[int], date | None], direction: Direction, loose: Looseness = False
) -> date | None:
    """The occurrence of a date without a year (``on(year)``) that a tense clue picks.

    ``future``: the next one on or after publication; ``past``: the last one on or before it; ``None``:
    see :func:`news_year`. A ``loose`` past clue (one that is not the tense of the verb the date modifies)
    does not carry the date into last year when this year's lies at most ``NEAR_DAYS`` ahead ("called for a
    strike on Jan. 12" on January 8 is this January 12): news names a date a year back with its year.
    A future clue that is ``RECENT`` (around a date that names a thing: "will review the Jan. 30
    agreement") leaves the date at most ``NEAR_DAYS`` back where it is: the thing was set then.
    """
    if direction is None:
        return news_year(pub, on)
    if direction == "future" and loose == RECENT:
        last = tensed_occurrence(pub, on, "past")
        if last is not None and (pub - last).days <= NEAR_DAYS:
            return last
        loose = False
    step = 1 if direction == "future" else -1
    picked = None
    for year in range(pub.year, pub.year + 5 * step, step):
        d = on(year)
        if d is not None and (d >= pub if step > 0 else d <= pub):
            picked = d
            break
    if picked is None or picked.year == pub.year or not loose:
        return picked
    same = on(pub.year)
    if same is not None and 0 <= (same - pub).days <= NEAR_DAYS:
        return same
    return picked


def full_year(two_digits: int, pub: date | None) -> int:
    """The year a two-digit year stands for: the one nearest the publication (1900s or 2000s; without a
    publication date, up to 30 years after 2000 counts as the 2000s)."""
    if pub is None:
        return 2000 + two_digits if two_digits <= 30 else 1900 + two_digits
    options = [century + two_digits for century in (1900, 2000, 2100)]
    return min(options, key=lambda year: (abs(year - pub.year), -year))
