"""When and where: attach date and place mentions to the event they modify.

A date or place belongs to the clause it hangs from in the parse: in "X said on
Monday that Y attacked Z on Friday" the attack is on Friday. An event whose own
clause carries no date takes the date of the clause that reports it, and failing
that the publication date (precision ``publication``). Deadlines ("by the end of
2019") never date the event that set them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any

from thucydides.datafile import load_yaml
from thucydides.events.words import event_words
from thucydides.record import ActorMention, DateMention, DatePrecision, Document, Place, PlaceMention

if TYPE_CHECKING:
    from thucydides.events.triggers import Trigger

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONFLICT_SECTORS = frozenset({"REB", "INS"})
BODY_CODES = frozenset({"IGO"})  # the country code of a body of nations (the UN, the EU, NATO)
HEADLINE_CHARS = 200  # a dateline may follow a headline this long at most
JOINED_CLAUSES = frozenset({"advcl", "conj", "xcomp"})  # an event clause that goes on from another


@dataclass(slots=True)
class Anchored:
    """A date or place mention with its path up the parse (token indices, the mention's root first)."""

    mention: DateMention | PlaceMention
    root: Any
    chain: list[Any] = field(default_factory=list)

    @property
    def governor(self) -> Any:
        """The word the mention modifies: the first word above it that is not a preposition."""
        for tok in self.chain:
            if tok.pos_ not in ("ADP", "SCONJ", "PART"):
                return tok
        return self.root


def _chain(root: Any) -> list[Any]:
    """Ancestors of ``root`` up to and including the first verb (the clause it belongs to)."""
    out: list[Any] = []
    cur = root
    while cur.head != cur:
        cur = cur.head
        out.append(cur)
        if cur.pos_ in ("VERB", "AUX"):
            break
    return out


def _anchor(mention: DateMention | PlaceMention, sdoc: Any) -> Anchored | None:
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if not isinstance(mention, PlaceMention):
        return Anchored(mention, span.root, _chain(span.root))
    root = _place_phrase(span.root, mention.place.precision != "country")
    return Anchored(mention, root, _chain(root))


def _place_phrase(root: Any, town: bool = True) -> Any:
    """The word that stands for a place name in its clause: the name itself, or the common noun it names
    ("the town of Qatraneh", "the outskirts of Aleppo", "the Sudanese capital Khartoum"), so that the
    preposition or verb before that noun ("in the town of X", "shelled the outskirts of X") places it; for a
    place below a country (``town``), also the site in it that it modifies ("Beirut's port", "Kabul
    airport")."""
    nouns = event_words().place_nouns
    sites = event_words().site_nouns
    tok = root
    if not town and tok.dep_ == "amod" and tok.head.lemma_.lower() in event_words().demonym_scene_nouns:
        tok = tok.head  # "the Somali town of Matabaan": somewhere in Somalia, where the name is unknown
    for _ in range(3):
        head = tok.head
        if head == tok:
            break
        if tok.dep_ == "appos" and head.lower_ in nouns:
            tok = head  # "the capital Khartoum"
        elif (
            (
                tok.dep_ == "compound" or (town and tok.dep_ == "amod")
            )  # "Zamfara state", "northern Rakhine state"
            and head.lower_ in nouns
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        ):
            tok = head  # "Zamfara state" (not "the Black Sea port of Sevastopol": that is Sevastopol)
        elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in nouns:
            tok = head.head  # "the town of Qatraneh" (not "at the invitation of the United States")
        elif (
            town
            and tok.dep_ in ("poss", "compound")
            and head.lemma_.lower() in sites
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        ):
            tok = head  # "Beirut's port", "Kabul airport"
        else:
            break
    return tok


def _demonym_scene(a: Anchored) -> bool:
    """Whether a country's adjective stands for the town or area it qualifies ("the Somali town of X")."""
    pm = a.mention
    return a.root.lemma_.lower() in event_words().demonym_scene_nouns and any(
        c.dep_ == "amod" and pm.start <= c.idx < pm.end for c in a.root.children
    )


def _possessive(a: Anchored) -> bool:
    """Whether a place mention stands for the site it owns ("Beirut's port")."""
    pm = a.mention
    return any(c.dep_ == "poss" and pm.start <= c.idx < pm.end for c in a.root.children)


@dataclass(slots=True)
class Anchors:
    """Date and place mentions of one document, by sentence start token."""

    dates: dict[int, list[Anchored]]
    places: dict[int, list[Anchored]]
    dateline: PlaceMention | None = None  # the place of a wire dateline ("RIYADH, 14 September —")
    # where the lede sets the story: a town or region its first body sentences place something in
    story: Place | None = None
    # the starts of a time span ("since 1989"), by sentence start: only a "when" clause of it takes its date
    spans: dict[int, list[Anchored]] = field(default_factory=dict)
    # token index → start of its sentence, made on first use (``tok.sent`` rescans the document each time)
    sent_starts: list[int] | None = None

    @classmethod
    def build(cls, doc: Document, sdoc: Any, gazetteer: Any = None) -> Anchors:
        anchors = cls({}, {})
        for dm in doc.dates:
            if dm.kind in ("point", "range_start") and (a := _anchor(dm, sdoc)) is not None:
                kept = anchors.dates if dm.kind == "point" else anchors.spans
                kept.setdefault(anchors.sentence_start(a.root), []).append(a)
        for pm in doc.places:
            if (a := _anchor(pm, sdoc)) is not None:
                anchors.places.setdefault(anchors.sentence_start(a.root), []).append(a)
        for start, found in anchors.places.items():  # "Khyber Pakhtunkhwa's Lakki Marwat district": the
            anchors.places[start] = [  # district, not the province that owns it
                a
                for a in found
                if not (
                    _possessive(a)
                    and a.root.lemma_.lower() in event_words().place_nouns
                    and any(b.root == a.root and not _possessive(b) for b in found)
                )
                # "the Somali town of Baidoa": the town the country's adjective stood for is named
                and not (
                    isinstance(a.mention, PlaceMention)
                    and a.mention.place.precision == "country"
                    and _demonym_scene(a)
                    and any(
                        b.root == a.root
                        and isinstance(b.mention, PlaceMention)
                        and b.mention.place.precision != "country"
                        for b in found
                    )
                )
            ]
        anchors.dateline = _dateline_place(doc, gazetteer)
        anchors.story = _story_place(sdoc, anchors)
        return anchors

    def sentence_start(self, tok: Any) -> int:
        """``tok.sent.start``, from a table of the document's sentences made once."""
        if self.sent_starts is None:
            starts: list[int] = []
            for sent in tok.doc.sents:
                starts.extend([sent.start] * (sent.end - sent.start))
            self.sent_starts = starts
        return self.sent_starts[tok.i]


def _clause_path(trig: Trigger) -> list[Any]:
    """The event's own tokens, then its coordinated verbs, then the clauses that report it."""
    path = [trig.token, trig.anchor]
    anchor = trig.anchor
    if anchor.dep_ == "conj":
        path.append(anchor.head)
    path.extend(c for c in anchor.children if c.dep_ == "conj")
    cur = anchor
    for _ in range(5):
        if cur.head == cur:
            break
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" for c in cur.children):
            break
        cur = cur.head
        path.append(cur)
    return path


def _in_subject(a: Anchored, trig: Trigger) -> bool:
    below = a.root
    for tok in a.chain:
        if tok == trig.anchor:
            return below.dep_ in SUBJECT_DEPS
        below = tok
    return False


def _pick(cands: Sequence[Anchored], trig: Trigger, places: bool) -> Anchored | None:
    path = _clause_path(trig)
    place_preps = event_words().place_preps
    motion = event_words().motion_verbs
    own = [trig.token, trig.anchor]
    if places:  # a place can hang from the event's object: "attacked a police station in Kabul"
        own += _objects(trig.anchor)
    else:  # a date can hang from a common noun that is the subject: "the air strike on Saturday killed"
        own += _noun_subjects(trig.anchor)
    for level, tok in enumerate(path):
        # above the event's own words, a place may hang from the object of the clause the event continues
        # ("carried out attacks in central Jordan on Sunday, killing four"), not of one that reports it
        joined = any(t.head == tok and t.dep_ in JOINED_CLAUSES for t in path[:level])
        above = [tok, *_objects(tok)] if places and level >= 2 and joined else [tok]
        for a in cands:
            if places and (_in_subject(a, trig) or sent_from(a.root) or _fired_from(a.root)):
                continue
            governors = (a.governor, _scene_governor(a.governor, place_preps)) if places else (a.governor,)
            hit = any(g in own for g in governors) if level < 2 else any(g in above for g in governors)
            # a place is where an event happened when a locative preposition introduces it; a country
            # that is the object of a verb ("thanked the United States") is an actor, not a location;
            # or the place a motion verb the event goes on from acts on ("attacked the airport, killing 41")
            entered = level >= 2 and a.root.dep_ == "dobj" and a.root.head.lemma_.lower() in motion
            if hit and (not places or _locative(a.root, place_preps) or entered or _went_to(a.root)):
                return a
    return None if places else _late_date(cands, trig.anchor)


def _place_noun(tok: Any) -> bool:
    """Whether a word is a common noun of place, as written or by its lemma ("outskirts", "streets")."""
    nouns = event_words().place_nouns
    return bool(tok.lower_ in nouns or tok.lemma_.lower() in nouns)


def _went_to(root: Any) -> bool:
    """Whether a place is the named place noun an arrival preposition leads to ("took to the streets of X",
    "marched to the town of X"): the act went there."""
    return bool(
        root.dep_ == "pobj"
        and root.head.lower_ in event_words().arrival_preps
        and root.pos_ == "NOUN"
        and _place_noun(root)
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)
    )


def _scene_governor(tok: Any, place_preps: frozenset[str]) -> Any:
    """The word a chain of locative phrases hangs from ("burned villages near Maungdaw in Rakhine state":
    the villages, for Rakhine), so that a wider place named after a narrower one the gazetteer lacks still
    places the act."""
    for _ in range(3):
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in place_preps or prep.head == prep:
            break
        tok = prep.head
    return tok


def _fired_from(tok: Any) -> bool:
    """Whether a word names where an aimed act was launched from ("fired rockets from Gaza at Israel"),
    when the act names where it was aimed: the origin is not where it happened."""
    words = event_words()
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in words.origin_preps:
        return False
    holder = prep.head
    verb = holder.head if holder.dep_ in ("dobj", "obj") else holder
    if verb.lemma_.lower() not in words.aimed_verbs:
        return False
    aims = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
    return any(c.dep_ == "prep" and c.lower_ in words.aim_preps for h in aims for c in h.children)


def _late_date(cands: Sequence[Anchored], verb: Any) -> Anchored | None:
    """A date the parse hung inside what goes on from the event's verb, where no date hangs on the verb:
    at the very end of its object's phrase ("rejected calls for his resignation on Sunday") or in a
    participle clause that goes on from it ("revoked the decree, bowing on Friday to protests")."""
    for a in cands:
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            span = list(obj.subtree)
            if a.root.i == max(t.i for t in span if not t.is_punct) and _noun_phrase_of(a.governor, obj):
                return a
        for clause in (c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i):
            if a.governor == clause and not any(c.dep_ == "mark" for c in clause.children):
                return a
    return None


def _noun_phrase_of(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is ``head`` or a noun below it through nouns and prepositions only (no clause of its
    own: "the earthquake that struck on Saturday" is the earthquake's date)."""
    for _ in range(6):
        if tok == head:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return False
        tok = tok.head
    return False


def sent_from(tok: Any) -> bool:
    """Whether a word names where something was sent from ("sent helicopters from Afghanistan to help"):
    the object of an origin preposition on a sending verb or on its object, no party to the act nor the
    place it happened."""
    words = event_words()
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in words.origin_preps:
        return False
    holder = prep.head
    verb = holder.head if holder.dep_ == "dobj" else holder
    return bool(verb.lemma_.lower() in words.sending_verbs)


def _noun_subjects(verb: Any) -> list[Any]:
    """The common nouns that are the subject of a verb, with those coordinated with them ("the air strike
    and ground assault on Saturday killed ...")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
    return found + [c for n in found for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN"]


def _locative(root: Any, place_preps: frozenset[str]) -> bool:
    """Whether a place word is introduced by a locative preposition that no exclusion governs ("in X", not
    "except in X")."""
    words = event_words()
    if root.dep_ in ("npadvmod", "advmod") and root.lower_ in words.direction_words:
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)  # "east of Port-au-Prince"
    prep = root.head
    return bool(
        root.dep_ == "pobj"
        and (
            prep.lower_ in place_preps
            # "on the outskirts of Goma", "on the streets": "on" is of place before a place noun
            or (prep.lower_ == "on" and root.pos_ == "NOUN" and _place_noun(root))
        )
        and not (prep.dep_ == "prep" and prep.head.lower_ in words.exclusion_preps)
    )


def _objects(verb: Any) -> list[Any]:
    """The objects of a verb, and the nouns its object or the verb aims at ("launched an offensive against
    forces in X", "fired on positions in X"): a place that hangs from them is where the event happened."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    aim = event_words().aim_preps
    for head in [verb, *found]:
        found += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in aim
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return found


def _when_clause_date(trig: Trigger, cands: Sequence[Anchored]) -> Anchored | None:
    """The date a "when" clause of the event describes ("since 1989, when it crushed the protests", "in
    May, when troops entered the city"): the event's clause (or the one it is coordinated with) modifies
    the date itself."""
    cur = trig.anchor
    for _ in range(3):
        if cur.dep_ == "relcl":
            break
        if cur.dep_ != "conj" or cur.head == cur:
            return None
        cur = cur.head
    else:
        return None
    if not any(c.lower_ == "when" and c.dep_ == "advmod" for c in cur.children):
        return None
    at = cur.head.idx
    return next((a for a in cands if a.mention.start <= at < a.mention.end), None)


def attach_date(
    trig: Trigger, anchors: Anchors, doc: Document, numbers: Mapping[str, int] | None = None
) -> tuple[str | None, DatePrecision, str]:
    """The event's date, its precision and why.

    Args:
        numbers: number words ("a", "two", "eight") for offsets such as "eight months after".
    """
    cands = anchors.dates.get(anchors.sentence_start(trig.token), [])
    start = anchors.sentence_start(trig.token)
    when = _when_clause_date(trig, [*cands, *anchors.spans.get(start, [])])
    if when is not None:
        dm = when.mention
        assert isinstance(dm, DateMention)
        return dm.value, dm.precision, f"date '{dm.text}' is the time of the 'when' clause → {dm.value}"
    best = _pick(cands, trig, places=False)
    # a date of the event's own words wins; a date of the clause above it yields to a distance from that
    # clause ("struck on Friday, three days after a rocket attack": the attack is Tuesday)
    own_date = best is not None and best.governor in (trig.token, trig.anchor)
    if not own_date and (shifted := _offset_date(trig, cands, doc, numbers or {})) is not None:
        return shifted
    if best is not None:
        dm = best.mention
        assert isinstance(dm, DateMention)
        return dm.value, dm.precision, f"date '{dm.text}' modifies '{best.governor.text}' → {dm.value}"
    if doc.published is not None:
        return doc.published.isoformat(), "publication", "no date in the event's clauses: publication date"
    return None, "unknown", "no date in the event's clauses and no publication date"


OFFSET_UNITS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}
OFFSET_MARKS = {"after": -1, "before": 1}


def _distance(mark: Any, near: Sequence[Any], numbers: Mapping[str, int]) -> tuple[int, str, str] | None:
    """N, the unit and the words of "<N units> after/before" among ``near`` (tokens by the mark)."""
    for c in near:
        unit = OFFSET_UNITS.get(c.lemma_.lower())
        if c.dep_ != "npadvmod" or unit is None:
            continue
        counts = [n for n in c.children if n.dep_ in ("nummod", "det")]
        if not counts:
            return None
        word = counts[0].lower_
        amount = int(word) if word.isdigit() else numbers.get(word)
        if amount is None:
            return None
        return amount, unit, " ".join([*(t.text for t in c.subtree), mark.lower_])
    return None


def _offset_clause(trig: Trigger, numbers: Mapping[str, int]) -> tuple[Any, int, int, str, str] | None:
    """For an event in "<N units> after/before <clause>" (or after an event noun: "12 days after a
    bombing"), the main clause's verb, the direction, N, the unit and the words ("eight months after the
    two men first met": met = opened - 8 months)."""
    tok = trig.token
    if tok.dep_ == "pobj" and tok.head.lower_ in OFFSET_MARKS and tok.head.head != tok.head:
        mark = tok.head
        found = _distance(mark, list(mark.children), numbers)
        return None if found is None else (mark.head, OFFSET_MARKS[mark.lower_], *found)
    cur = trig.anchor
    for _ in range(4):
        if cur.dep_ == "advcl":
            marks = [c for c in cur.children if c.dep_ == "mark" and c.lower_ in OFFSET_MARKS]
            if not marks:
                return None
            # the distance hangs from the verb or from the mark ("12 days after": days <- after)
            found = _distance(marks[0], [*cur.children, *marks[0].children], numbers)
            return None if found is None else (cur.head, OFFSET_MARKS[marks[0].lower_], *found)
        if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head == cur:
            return None
        cur = cur.head
    return None


def _offset_date(
    trig: Trigger, cands: Sequence[Anchored], doc: Document, numbers: Mapping[str, int]
) -> tuple[str, DatePrecision, str] | None:
    """The date of an event set by its distance to the main clause's ("a day after Pyongyang announced
    ...": the announcement is the day before the main event)."""
    found = _offset_clause(trig, numbers)
    if found is None:
        return None
    main, sign, amount, unit, words = found
    precision: DatePrecision
    dated = next((a for a in cands if a.governor == main), None)
    if dated is not None:
        dm = dated.mention
        assert isinstance(dm, DateMention)
        value, precision = dm.value, dm.precision
    elif doc.published is not None:
        value, precision = doc.published.isoformat(), "publication"
    else:
        return None
    if precision not in ("day", "publication") or not value or len(value) < 10:
        return None
    base = date.fromisoformat(value[:10])
    why = f"'{words}' '{main.text}' ({value}) →"
    if unit in ("day", "hour"):  # "hours after": the same day
        day = base + timedelta(days=sign * amount) if unit == "day" else base
        return day.isoformat(), precision, f"{why} {day.isoformat()}"
    if unit == "week":
        day = base + timedelta(weeks=sign * amount)
        return day.isoformat()[:7], "month", f"{why} {day.isoformat()[:7]}"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + sign * amount
        month = f"{months // 12:04d}-{months % 12 + 1:02d}"
        return month, "month", f"{why} {month}"
    year = f"{base.year + sign * amount:04d}"
    return year, "year", f"{why} {year}"


def attach_place(
    trig: Trigger,
    anchors: Anchors,
    sources: Sequence[ActorMention],
    targets: Sequence[ActorMention],
    gazetteer: Any,
    mutual: bool = False,
) -> tuple[Place | None, str]:
    """The event's place and why: an entered place, a place its clause names, or an actor's home ground.
    ``mutual``: an act two parties do together (an agreement), made at the meeting an "after" phrase
    names ("agreed to restore ties after talks in Beijing")."""
    cands = anchors.places.get(anchors.sentence_start(trig.token), [])
    words = event_words()
    lemma = trig.anchor.lemma_.lower()
    aimed = lemma in words.motion_verbs or lemma in words.aimed_verbs
    if trig.entry.obj_place or lemma in words.motion_verbs:
        for a in cands:
            if a.root.dep_ == "dobj" and a.root.head == trig.anchor:
                pm = a.mention
                assert isinstance(pm, PlaceMention)
                return pm.place, f"'{pm.text}' is the place '{trig.anchor.text}' acted on"
    best = _pick(cands, trig, places=True)
    if best is not None:
        pm = best.mention
        assert isinstance(pm, PlaceMention)
        return pm.place, f"'{pm.text}' is in the event's clause ('{best.governor.text}')"
    if aimed:
        for a in cands:
            if (
                a.root.dep_ == "pobj"
                and a.root.head.lower_ in words.aim_preps
                and (
                    a.root.head.head == trig.anchor  # "fired on the town"
                    or (a.root.head.head.dep_ in ("dobj", "obj") and a.root.head.head.head == trig.anchor)
                )  # "dropped bombs on Douma"
            ):
                pm = a.mention
                assert isinstance(pm, PlaceMention)
                return pm.place, f"'{pm.text}' is where '{trig.anchor.text}' was aimed"
    if aimed or lemma in words.sending_verbs:
        sent = [trig.anchor, *_objects(trig.anchor)]  # "sent troops to X": "to" may hang from "troops"
        for a in cands:
            prep = a.root.head
            if a.root.dep_ == "pobj" and prep.lower_ in words.arrival_preps and prep.head in sent:
                pm = a.mention
                assert isinstance(pm, PlaceMention)
                return pm.place, f"'{pm.text}' is where '{trig.anchor.text}' went or sent them"
    inner = _within(cands, trig.anchor, anchors.dateline, mutual)
    if inner is None and _participle_of(trig.anchor):  # "opened fire on a bus outside Mthatha, killing eight"
        inner = _within(cands, trig.anchor.head, anchors.dateline, mutual)
    if inner is not None:
        pm = inner.mention
        assert isinstance(pm, PlaceMention)
        return pm.place, f"'{pm.text}' is in the event's phrase ('{inner.governor.text}')"
    seat = _landmark(trig, gazetteer)
    if seat is not None:
        return seat[0], f"'{seat[1]}' is in {seat[0].name}, where '{trig.anchor.text}' happened"
    parties = [*sources, *targets]
    countries = {m.actor.country for m in parties if m.actor.country}
    capital = _capital(trig, cands, countries, gazetteer)
    if capital is not None:
        return capital, f"'{capital.name}' is the capital the event's clause names"
    town = _town_reference(trig, cands, countries)
    if town is not None:
        return town.place, f"'{town.text}' is the town that '{trig.anchor.text}' names again"
    for m in parties:
        actor = m.actor
        if (
            m.end > m.start  # named in this sentence, not taken from an act told before
            and actor.type == "group"
            and actor.sector in CONFLICT_SECTORS
            and actor.country
            and len(actor.country) == 3
        ):
            near = anchors.dateline.place if anchors.dateline is not None else None
            if near is not None and near.country == actor.country and not _elsewhere(cands, near):
                return near, f"no place named: the dateline, in the home ground of {actor.name or m.text}"
            place = _country_place(gazetteer, actor.country)
            if place is not None:
                return place, f"no place named: home ground of {actor.name or m.text}"
    dateline = anchors.dateline
    story = anchors.story
    # a sentence that names no place elsewhere happens where the lede set the story, when its parties are
    # of that country (told from the capital: "NAIROBI - ... in Kisumu"; or with no dateline)
    if (
        story is not None
        and countries == {story.country}
        and (dateline is None or dateline.place.country == story.country)
        and not _elsewhere(cands, story)
        and not any(
            isinstance(a.mention, PlaceMention) and a.mention.place.country not in (None, story.country)
            for a in cands
        )
    ):
        return story, f"no place in the event's clauses: the lede sets the story in {story.name}"
    # a body of nations acts where it meets, which the dateline names ("LUXEMBOURG - EU ministers imposed")
    by_body = (
        bool(sources)
        and all(m.actor.country in BODY_CODES for m in sources)
        and dateline is not None
        and dateline.place.name in event_words().body_seats
    )
    # a meeting in person that names no place is held where the story is told from ("HELSINKI - The two
    # presidents held a meeting on Monday")
    met = (trig.token.lemma_.lower() in words.meeting_words or lemma in words.meeting_words) and not any(
        t.lemma_.lower() in words.phone_words for t in trig.anchor.sent
    )
    at_home = dateline is not None and (
        not countries
        or dateline.place.country in countries
        or by_body
        or (
            met
            and not any(
                isinstance(a.mention, PlaceMention)
                and a.mention is not dateline
                and a.mention.place.precision in TOWN_PRECISIONS
                for a in cands
            )
        )
    )
    if dateline is not None and at_home and not _elsewhere(cands, dateline.place):
        return dateline.place, f"no place in the event's clauses: the story's dateline '{dateline.text}'"
    force = _force_town(sources, cands)
    if force is not None:
        return force.place, f"no place named: '{force.text}' is the town of the police that did it"
    # a domestic event (a doer and a target of one country) that names no place happened in that country
    if sources and targets and len(countries) == 1 and all(m.actor.country for m in parties):
        (home,) = countries
        place = _country_place(gazetteer, home) if len(home) == 3 else None
        if place is not None:
            return place, f"no place named: both sides are of {home}, where it is taken to have happened"
    return None, "no place named in the event's clauses"


@functools.cache
def _landmarks() -> dict[str, tuple[str, str]]:
    """The landmarks that stand for their city (``data/places/landmarks.yaml``), by folded name."""
    text = (
        resources.files("thucydides").joinpath("data", "places", "landmarks.yaml").read_text(encoding="utf-8")
    )
    raw: dict[str, Any] = load_yaml(text) or {}
    return {str(k).lower(): (str(v[0]), str(v[1])) for k, v in raw.items()}


LANDMARK_PREPS = frozenset({"over", "outside", "inside", "in", "at", "near", "into"})


def _landmark(trig: Trigger, gazetteer: Any) -> tuple[Place, str] | None:
    """The city of a landmark the event's clause places it at ("stormed the U.S. Capitol", "exploded over
    the Kremlin", "rallied in Tahrir Square"): the object of a verb of motion, or a locative phrase on the
    event's verb or its objects."""
    if gazetteer is None:
        return None
    words = event_words()
    verb = trig.anchor
    nouns = (
        [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_.lower() in words.motion_verbs else []
    )
    for holder in (verb, *_objects(verb)):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in LANDMARK_PREPS:
                nouns += [c for c in prep.children if c.dep_ == "pobj"]
    seats = _landmarks()
    for noun in nouns:
        toks = [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.dep_ not in ("det", "poss", "case")]
        for k in range(len(toks)):
            name = " ".join(t.text for t in toks[k:]).lower()
            if name not in seats:
                continue
            city, iso3 = seats[name]
            for place in gazetteer.candidates(city):
                if place.country == iso3 and place.precision == "city":
                    return place, " ".join(t.text for t in toks[k:])
    return None


def _capital(trig: Trigger, cands: Sequence[Anchored], countries: set[str], gazetteer: Any) -> Place | None:
    """The capital city a capital noun in the event's clause names ("opened fire on protesters in the
    Sudanese capital", "in Somalia's capital"): of the country named on the noun, else of the event's
    parties' one country."""
    if gazetteer is None:
        return None
    words = event_words()
    verbs = [trig.anchor]
    if trig.anchor.dep_ in JOINED_CLAUSES:  # "opened fire on protesters in the capital, killing two"
        verbs.append(trig.anchor.head)
    for holder in (h for v in verbs for h in (v, *_objects(v))):
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in words.place_preps:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in words.capital_nouns:
                    continue
                if any(
                    a.root.i == noun.i
                    and isinstance(a.mention, PlaceMention)
                    and a.mention.place.precision != "country"
                    for a in cands
                ):
                    continue  # "the capital Khartoum": the name places it
                named = {
                    a.mention.place.country
                    for a in cands
                    if isinstance(a.mention, PlaceMention)
                    and noun.i in (a.root.i, a.root.head.i)
                    and a.mention.place.country
                }
                home = named or countries
                if len(home) == 1:
                    (iso3,) = home
                    return gazetteer.capital(iso3) if isinstance(iso3, str) and len(iso3) == 3 else None
    return None


def _force_town(sources: Sequence[ActorMention], cands: Sequence[Anchored]) -> PlaceMention | None:
    """The town a police force that did the act is named by ("Lagos police arrested 40 protesters"): a
    city's police act in that city. Only a force named in this sentence, of the town's country."""
    for m in sources:
        if m.end <= m.start or m.actor.sector != "COP":
            continue
        for a in cands:
            pm = a.mention
            if (
                isinstance(pm, PlaceMention)
                and pm.place.precision == "city"
                and m.start <= pm.start
                and pm.end <= m.end
                and (not m.actor.country or pm.place.country == m.actor.country)
            ):
                return pm
    return None


def _town_reference(trig: Trigger, cands: Sequence[Anchored], countries: set[str]) -> PlaceMention | None:
    """The town a definite noun in the event's clause names again ("declared an emergency in Almaty after
    protesters stormed buildings in the country's largest city": Almaty): the last town the sentence named
    before it, of the event's parties' country."""
    words = event_words()
    holders = [trig.anchor, *_objects(trig.anchor)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in words.place_preps | {"on", "with"}:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and prep.lower_ == "with" and len(holders) < 12:
                    holders.append(noun)  # "clashed with rebels on the city's outskirts"
                if (
                    noun.dep_ != "pobj"
                    or not _locative(noun, words.place_preps)
                    or any(a.root.i == noun.i for a in cands)
                ):
                    continue
                named = noun.lemma_.lower() in words.town_nouns and any(
                    c.dep_ in ("det", "poss") for c in noun.children
                )
                owned = any(  # "on the city's northern outskirts"
                    c.dep_ == "poss"
                    and c.lemma_.lower() in words.town_nouns
                    and any(d.dep_ == "det" for d in c.children)
                    for c in noun.children
                )
                if not (named or owned):
                    continue
                towns = [
                    a.mention
                    for a in cands
                    if isinstance(a.mention, PlaceMention)
                    and a.mention.place.precision == "city"
                    and a.mention.end <= noun.idx
                    and not _called_no_town(a.root, words)
                    and (not countries or a.mention.place.country in countries)
                ]
                if towns:
                    return towns[-1]
    return None


def _called_no_town(root: Any, words: Any) -> bool:
    """Whether the text calls a place something else than a town ("the province of Mangistau": the place's
    phrase is headed by that noun, or the name hangs on it)."""
    prep = root.head
    head = prep.head if root.dep_ == "pobj" and prep.lower_ == "of" else root
    lemma = head.lemma_.lower()
    return lemma in words.place_nouns and lemma not in words.town_nouns


STORY_SENTENCES = 2  # the lede's body sentences that may set the story's place
SCENE_PRECISIONS = frozenset({"city", "admin1", "region"})
TOWN_PRECISIONS = frozenset({"city", "admin1"})  # a town or a state: the sentence has gone somewhere
# prepositions that lead away from the event's own act: a place after them is another event's
AWAY_PREPS = frozenset({"after", "before", "since", "until", "despite", "over", "about", "for", "like"})
AWAY_DEPS = frozenset({"advcl", "ccomp", "xcomp", "parataxis", "csubj", "nsubj", "nsubjpass", "acl"})


def _body_sentence(sent: Any) -> bool:
    """A sentence of the article's body: a verb, and a full stop at its end (no headline, menu or
    newsletter line)."""
    text = sent.text.rstrip()
    return text.endswith((".", "!", "?", '"', "”")) and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _story_place(sdoc: Any, anchors: Anchors) -> Place | None:
    """The town or region where the lede sets the story: the first one a locative preposition introduces in
    the article's first body sentences ("NAIROBI - Police fired tear gas at supporters who had gathered in
    Kisumu": Kisumu), never the dateline itself; a story told from a capital about a town is set in the
    town."""
    place_preps = event_words().scene_preps
    seen = 0
    for sent in sdoc.sents:
        if not _body_sentence(sent):
            continue
        for a in anchors.places.get(sent.start, []):
            pm = a.mention
            if not isinstance(pm, PlaceMention) or anchors.dateline is pm:
                continue
            if pm.place.precision in SCENE_PRECISIONS and pm.place.country and _locative(a.root, place_preps):
                return pm.place
        seen += 1
        if seen >= STORY_SENTENCES:
            break
    return None


def _participle_of(verb: Any) -> bool:
    """Whether a verb is a participle clause that goes on from the verb it hangs on, with no conjunction of
    its own ("opened fire on a bus, killing eight"): the same act's scene."""
    return bool(
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head != verb
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def _within(
    cands: Sequence[Anchored], anchor: Any, dateline: PlaceMention | None, mutual: bool = False
) -> Anchored | None:
    """A place a locative preposition introduces inside the event's own phrase, below its clause: on the
    people it acts on or the noun of its act ("fired tear gas at supporters who had gathered in Kisumu",
    "killed 14 people in an attack on a village in Zamfara state"), not in its subject nor in a clause or
    phrase that tells another event ("after the bombing in X", "said that ..."), except, for an act two
    parties do together (``mutual``), the meeting they did it at ("agreed ... after talks in Beijing")."""
    words = event_words()
    place_preps = words.scene_preps
    for a in cands:
        if a.mention is dateline or not _locative(a.root, place_preps):
            continue
        cur, below = a.root, a.root
        met = False  # passed the meeting a mutual act was made at: the clause it sets ("agreed to restore")
        while cur != anchor and cur.head != cur:
            # people the act reaches, where they were ("fired at migrants throwing stones at the crossing")
            on_people = cur.dep_ == "acl" and cur.tag_ in ("VBG", "VBN")
            if (cur.dep_ in AWAY_DEPS and not on_people and not (met and cur.dep_ == "xcomp")) or (
                cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")
            ):
                break
            if cur.dep_ == "prep" and cur.lower_ in AWAY_PREPS:
                if not (mutual and cur.lower_ == "after" and below.lemma_.lower() in words.meeting_words):
                    break
                met = True
            below, cur = cur, cur.head
        if cur == anchor and a.root != anchor:
            return a
    return None


def _elsewhere(cands: Sequence[Anchored], home: Place) -> bool:
    """Whether the sentence names a town, state or part of a country away from the dateline's ("Alaska Gov.
    Sarah Palin said she would reject ..." under a South Carolina dateline; "in northeast Syria" under a
    Turkish one): the story has gone elsewhere."""
    for a in cands:
        place = a.mention.place if isinstance(a.mention, PlaceMention) else None
        if place is None or not place.country:
            continue
        # a country's adjective on a town ("the Somali town of X") is a town in that country
        scene = place.precision == "country" and _demonym_scene(a)
        if place.precision not in ("city", "admin1", "region") and not scene:
            continue
        if place.country != home.country or (place.admin1 and home.admin1 and place.admin1 != home.admin1):
            return True
    return False


def _dateline_place(doc: Document, gazetteer: Any = None) -> PlaceMention | None:
    """The place of a wire dateline: the document's first words, a town or region in capitals and a
    comma ("RIYADH,") or followed by a dash on its line ("Kabul —"); after a headline of its own line or
    sentence, only the dash form ("Headline. HUDSON -- Officials said ..."). A country named there is its
    capital of the same name ("LUXEMBOURG,", "SINGAPORE,", "PANAMA,": Panama City)."""
    for first in doc.places:
        before = doc.text[: first.start].strip()
        if len(before) > HEADLINE_CHARS:
            return None
        if first.place.precision == "country" and (city := _city_state(gazetteer, first)) is not None:
            first = replace(first, place=city)
        if first.place.precision not in ("city", "admin1", "region"):
            continue
        own_line = "\n" in doc.text[: first.start].lstrip()
        if before and not before.endswith((".", "!", "?", ":")) and not own_line:
            continue  # not at the start of the text, nor of the line or sentence after a headline
        after = doc.text[first.end : first.end + 40]
        if not before and first.text.isupper() and after[:1] == ",":
            return first
        line = after.split("\n", 1)[0]
        if any(mark in line[:30] for mark in event_words().dateline_marks):
            return first  # "RIYADH —", or after a headline: "Headline. HUDSON -- ..."
        if not before:
            return None
    return None


def _city_state(gazetteer: Any, pm: PlaceMention) -> Place | None:
    """The city of a country's name, in that country ("Luxembourg", "Djibouti", "Panama City"), if any."""
    if gazetteer is None:
        return None
    names = {pm.place.name.lower(), f"{pm.place.name} city".lower()}
    for place in gazetteer.candidates(pm.text):
        if place.precision == "city" and place.country == pm.place.country and place.name.lower() in names:
            return place
    return None


def _country_place(gazetteer: Any, iso3: str) -> Place | None:
    if gazetteer is not None:
        place = gazetteer.country(iso3)
        if place is not None:
            return place
    return None
