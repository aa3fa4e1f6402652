"""Argument finding: the source and target actors of a trigger, from the sentence's structure."""

from __future__ import annotations

from typing import Any

from thucydides.events.attach import Anchors, sent_from
from thucydides.events.context import (
    PAIR_LOOKBACK,
    ActorIndex,
    coded,
    from_earlier_act,
    pair_reference,
    place_at,
    place_country,
)
from thucydides.events.lexicon import Lexicon, direct_objects, object_nouns
from thucydides.events.syntax import _after_dateline, _children, _free_relative, _pobjs
from thucydides.events.triggers import PriorAct, Trigger
from thucydides.events.words import event_words
from thucydides.record import Actor, ActorMention

BETWEEN_WHY = "between A and B"
ACT_LOOKBACK = 3  # sentences back for a general word ("the move")
# sectors whose word, as an adjective, describes the act rather than naming its doer ("official", "local")
DESCRIPTIVE_SECTORS = frozenset({"GOV", "CVL"})
PAIR_ACT_LOOKBACK = 6  # sentences back for the earlier act whose two parties "the two sides" are


def _counterpart(
    sent: Any, index: ActorIndex, sources: list[ActorMention], exclude: Any = None, parties_only: bool = False
) -> ActorMention | None:
    """Another actor of the sentence from a different country than every source, if exactly one country.

    Actors inside the phrase of ``exclude`` (the event word itself) are left out; with ``parties_only`` (a
    partner to meet), so are countries named only as the modifier of a thing ("the Irish backstop").
    """
    own = {m.actor.country for m in sources}
    seen: dict[str, ActorMention] = {}
    # "diplomats from the United States, China and the Gulf states pressed ...": the source's own phrase
    inside: set[int] = set()
    for src in sources:
        span = (
            sent.doc.char_span(src.start, src.end, alignment_mode="expand") if src.end > src.start else None
        )
        if span is not None:
            inside.update(range(span.root.left_edge.i, span.root.right_edge.i + 1))
    words = index.tokens_between(sent.start, sent.end)  # the sentence's actor words, in order
    # where something was sent from is no party ("sent helicopters from Afghanistan to help")
    origins = {id(index.by_token.get(i)) for i in words if sent_from(sent.doc[i])}
    for i in words:
        if (exclude is not None and i == exclude.i) or i in inside:
            continue
        tok = sent.doc[i]
        m = index.by_token.get(i)
        if (
            m is not None
            and id(m) not in origins
            and coded(m.actor)
            and m.actor.country not in own
            and not (parties_only and _attribute(m, tok, index))
        ):
            seen.setdefault(str(m.actor.country), m)
    return next(iter(seen.values())) if len(seen) == 1 else None


def _groups(mentions: list[ActorMention]) -> list[ActorMention]:
    """Groups of people named without a country ("the rebels", "protesters"), which context may place."""
    return [m for m in mentions if m.actor.type == "group"]


def _attribute(m: ActorMention, tok: Any, index: ActorIndex) -> bool:
    """True where the mention only modifies a thing ("the Irish backstop", "UN Security Council
    resolutions"): its last word hangs as a modifier on a noun outside every actor mention."""
    sdoc = tok.doc
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in ("compound", "amod")
        and root.head.pos_ == "NOUN"
        and not span.start <= root.head.i < span.end
        and index.at(root.head) is None
    )


def _nearest_actor_before(verb: Any, index: ActorIndex) -> ActorMention | None:
    """The closest actor mention left of ``verb`` inside its own clause."""
    left = verb.left_edge.i
    for i in range(verb.i - 1, left - 1, -1):
        m = index.by_token.get(i)
        if m is not None:
            return m
    return None


NOT_PEOPLE = frozenset({"country", "organization"})  # actor types that are no people
# the links up from a clause with a pronoun subject to the clause that frames it
FRAMING_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "relcl", "pobj", "prep", "pcomp"})


def _antecedent(
    verb: Any, index: ActorIndex, pronoun: str = "it", groups: Any = None
) -> tuple[list[ActorMention], Any | None]:
    """For a pronoun subject, the actors of the clause above that reports or frames this one.

    "Syria said it would withdraw": ``it`` is taken to be the subject of "said". "He" and "she" stand for
    people: a country or an organisation is passed over for the subject of a clause further up. Another
    pronoun may stand for people or a body named by role or number ("pensioners chanted as they marched",
    "the army said it had killed"), found by ``groups`` (a token → mentions function) where the actor stage
    found none.
    """
    words = event_words()
    personal = pronoun in words.personal_pronouns
    cur = verb
    for _ in range(5):
        if cur.dep_ == "relcl":  # "landed at Bagram, where he met Ghani": the clause the noun belongs to
            while cur.head != cur and cur.head.pos_ not in ("VERB", "AUX"):
                cur = cur.head
            if cur.dep_ in ("dobj", "attr") and cur.head != cur and pronoun in words.plural_pronouns:
                # "refused to leave the lobby, where they had staged a sit-in": people of the verb's clause
                # (not "it": "withdrew the privileges it had granted" is an act of old, told in passing)
                cur = cur.head
        if cur.dep_ not in FRAMING_DEPS or cur.head == cur:
            return [], None
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in words.addressee_verbs:
            return [], None  # "demanded that it release": the one asked, not the one asking
        cur = cur.head
        subj: list[Any] = [t for t in _children(cur, "nsubj", "nsubjpass") if _after_dateline(t, cur) is t]
        if not subj and (below := _children(cur, "nsubj", "nsubjpass")):
            moved = _after_dateline(below[-1], cur)
            subj = [moved] if moved is not None else []
        if subj and subj[-1].lower_ not in words.pronouns:
            found = index.of(subj[-1])
            if not found and not personal:  # "farmers shouted slogans as they marched", "the army said it"
                found = index.of(subj[-1], loose=True) or (groups(subj[-1]) if groups is not None else [])
            if personal and found and found[0].actor.type in NOT_PEOPLE and index.at(subj[-1]) is found[0]:
                continue  # "he" is no country named as the subject above
            if found:
                return found, subj[-1]
            return [], None
    return [], None


def earlier_subject(tok: Any, index: ActorIndex, pronoun: str) -> tuple[list[ActorMention], Any | None]:
    """For a pronoun that opens a story's later sentence with no clause above it ("Modi spoke at a rally.
    He accused Pakistan ..."), the subject of the nearest earlier sentence whose subject names an actor of
    the pronoun's kind: "he" and "she" a person or a body named by role (not a country or an organisation),
    "it" a country or an organisation (not a person). The main clause's subject is the sentence's topic,
    which a later pronoun continues; an earlier sentence whose subject is a pronoun too is passed over to the
    one before it. Nothing is taken across a sentence whose subject is an actor of the other kind."""
    personal = pronoun in event_words().personal_pronouns
    sdoc = tok.doc
    start = tok.sent.start
    for _ in range(PAIR_LOOKBACK):
        if start == 0:
            break
        sent = sdoc[start - 1].sent
        start = sent.start
        root = sent.root
        subj: list[Any] = [t for t in _children(root, "nsubj", "nsubjpass") if _after_dateline(t, root) is t]
        if not subj:
            continue
        if subj[-1].lower_ in event_words().pronouns:
            continue
        found = [m for m in index.of(subj[-1]) if coded(m.actor)]
        if not found:
            return [], None
        people = found[0].actor.type not in NOT_PEOPLE
        if people != personal or len(found) > 1:
            return [], None
        return found[:1], subj[-1]
    return [], None


class ArgumentFinder:
    """Mixin of the event coder: finds the source and target of a trigger."""

    ontology: Any
    lexicon: Lexicon
    gazetteer: Any

    def _prior_pair(
        self, trig: Trigger, prior: list[PriorAct], si: int, tok: Any, any_kind: bool = False
    ) -> list[ActorMention]:
        """For "the two sides" agreeing (or clashing), the two parties of the last act of the same kind
        (quad class; with ``any_kind``, of any kind) reported in the previous few sentences, if it had both,
        of two countries."""
        quad = self.ontology.lookup(trig.entry.cameo).quad_class
        people = (
            tok.lemma_.lower() in event_words().people_pair_nouns
        )  # "the two leaders": two people, not two states
        for act in reversed(prior):
            if si - act.sentence > PAIR_ACT_LOOKBACK:
                break
            if (act.quad_class != quad and not any_kind) or act.source is None or act.target is None:
                continue
            if people and not (act.source.type == act.target.type == "person"):
                continue
            if not act.source.country or not act.target.country or act.source.country == act.target.country:
                continue
            return [
                from_earlier_act(act.source, tok.sent, "party of an earlier act"),
                from_earlier_act(act.target, tok.sent, "party of an earlier act"),
            ]
        return []

    def _role_modifier(self, tok: Any, index: ActorIndex) -> ActorMention | None:
        """The actor a modifier word names: its own mention, or a group named by role ("police firing")."""
        m = index.at(tok)
        if m is None and (sector := self.lexicon.generic_actors.get(tok.lemma_.lower())):
            if tok.pos_ == "ADJ" and sector in DESCRIPTIVE_SECTORS:
                return None  # "an official visit", "civilian deaths": the adjective says how, not who
            actor = Actor(text=tok.text, sector=sector, type="group")
            m = ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "a group named by role")
        return m

    def _opening_role_word(self, tok: Any) -> str | None:
        """The sector of a role word that opens a sentence and that the tagger took for a name ("Rebels
        based in Congo ambushed ...": a capital is no name there), else ``None``."""
        if tok.pos_ != "PROPN" or not tok.is_title or tok.i != tok.sent.start:
            return None
        word = tok.lower_
        forms = [word, word[:-1] if word.endswith("s") else ""]
        forms.append(word[:-3] + "man" if word.endswith("men") else "")  # "Gunmen"
        return next((sector for f in forms if f and (sector := self.lexicon.generic_actors.get(f))), None)

    def _reference(self, tok: Any | None, index: ActorIndex) -> list[ActorMention]:
        """An actor for "the government", "the group": a definite noun that stands for one named before."""
        if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        if tok.lemma_.lower() in event_words().quantity_nouns:  # "a group of women": the women
            for pobj in (p for prep in tok.children if prep.lower_ == "of" for p in prep.children):
                found = (
                    index.of(pobj, loose=True) or self._reference(pobj, index) if pobj.dep_ == "pobj" else []
                )
                if found:
                    return found
            for mod in tok.children:  # "student groups", "farmer groups": people of that role
                if mod.dep_ in ("compound", "amod") and (
                    (sector := self.lexicon.generic_actors.get(mod.lemma_.lower())) is not None
                ):
                    text = tok.doc[tok.left_edge.i : tok.i + 1].text
                    actor = Actor(text=text, sector=sector or None, type="group")
                    why = f"a group named by its members' role '{mod.text}'"
                    return [ActorMention(tok.left_edge.idx, tok.idx + len(tok.text), text, actor, why)]
        generic = (
            self.lexicon.generic_actors.get(tok.lemma_.lower())
            if tok.pos_ == "NOUN" and not pair_reference(tok)
            else self._opening_role_word(tok)
        )
        if generic is not None and not index.of(tok):
            text = tok.doc[tok.left_edge.i : tok.i + 1].text
            if tok.lemma_.lower() in event_words().voice_nouns:  # "police sources", "army officials": theirs
                generic = next(
                    (
                        sector
                        for c in tok.children
                        if c.dep_ in ("compound", "amod")
                        and (sector := self.lexicon.generic_actors.get(c.lemma_.lower()))
                    ),
                    generic,
                )
            actor = Actor(text=text, sector=generic or None, type="group")
            return [
                ActorMention(tok.left_edge.idx, tok.idx + len(tok.text), text, actor, "a group named by role")
            ]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        sector = self.lexicon.references.get(tok.lemma_.lower())
        if sector is None or any(
            c.dep_ in ("poss", "compound", "amod", "prep")
            and not (c.dep_ in ("amod", "compound") and c.lower_ in self.lexicon.reference_modifiers)
            for c in tok.children
        ):
            return []
        text = tok.doc[tok.left_edge.i : tok.i + 1].text
        if sector == "previous":
            first = tok.sent.start
            for _ in range(PAIR_LOOKBACK):
                if first > 0:
                    first = tok.doc[first - 1].sent.start
            for i in range(tok.i - 1, first - 1, -1):
                m = index.by_token.get(i)
                if m is not None and m.actor.type in ("group", "organization") and coded(m.actor):
                    return [ActorMention(tok.idx, tok.idx + len(tok.text), text, m.actor, f"= '{m.text}'")]
            return []
        if sector == "previous_country":
            return self._previous_country(tok, index, text)
        actor = Actor(text=text, sector=sector, type="group")
        return [ActorMention(tok.left_edge.idx, tok.idx + len(tok.text), text, actor, "definite reference")]

    def _previous_country(self, tok: Any, index: ActorIndex, text: str) -> list[ActorMention]:
        """For "the kingdom", "the neighbouring country": the country named last before ``tok`` in the
        previous few sentences that its own sentence does not name (a country named in the same sentence is
        another party: "the kingdom froze trade with Canada" is not Canada)."""
        sent = tok.sent
        here = {
            m.actor.country for i in range(sent.start, sent.end) if (m := index.by_token.get(i)) is not None
        }
        first = sent.start
        for _ in range(PAIR_LOOKBACK):
            if first > 0:
                first = tok.doc[first - 1].sent.start
        for i in range(sent.start - 1, first - 1, -1):
            m = index.by_token.get(i)
            if m is not None and m.actor.type == "country" and coded(m.actor) and m.actor.country not in here:
                actor = Actor(text=text, name=m.actor.name, country=m.actor.country, type="country")
                return [
                    ActorMention(tok.idx, tok.idx + len(tok.text), text, actor, f"= '{m.text}', named before")
                ]
        return []

    def _place_target(
        self, trig: Trigger, index: ActorIndex, anchors: Anchors
    ) -> tuple[list[ActorMention], str]:
        """For material acts, the country named as where they were done ("lifted the curfew in X").

        An actor named there comes first; else a place the gazetteer placed in a country ("suspended aid
        deliveries in Baghdad", "shortened the curfew imposed in Sudan"): the act is aimed at that country.
        """
        objs = _children(trig.anchor, "dobj")
        holders = [
            trig.anchor,
            *objs,
            *(c for o in objs for c in o.children if c.dep_ == "acl"),
            *(x.head for x in _free_relative(trig.anchor)),
        ]
        if trig.token not in holders:
            holders.append(trig.token)
        for holder in holders:
            for pobj in _pobjs(holder, event_words().done_in_preps):
                found = index.of(pobj)
                if found:
                    return found, f"target = '{pobj.head.text} {pobj.text}', where it was done"
                place = place_at(pobj, anchors)
                if place is not None:
                    return [
                        place_country(pobj, place)
                    ], f"target = {place.country}: the act was done in {place.name}"
        return [], ""

    def _taking_part(self, noun: Any) -> Any | None:
        """The verb whose subject takes part in the event a noun names, if any.

        "joined a rally", "converged for a rally", "took part in the talks": a verb of taking part whose
        object (or prepositional object) is the noun; "cut short their summit": any verb whose object is
        the noun, when the noun's possessor is a pronoun standing for that subject.
        """
        head = noun.head
        if (  # "gathered for a new round of negotiations": the episode noun stands in the noun's place
            noun.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lemma_.lower() in event_words().episode_nouns
        ):
            noun, head = head.head, head.head.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            if (
                head.lower_ == "in"
                and noun.lower_ in event_words().manner_protest_nouns
                and not any(c.dep_ in ("det", "poss") for c in noun.children)
                and head.head.pos_ == "VERB"
                and (entry := self.lexicon.match(noun, "noun")) is not None
                and self.ontology.plover_type(entry.cameo) == "PROTEST"
            ):  # "walked out in protest", "shut the campus in protest at fees": they protest by doing it
                return head.head
            head = head.head
        if noun.dep_ not in ("dobj", "pobj") or head.pos_ not in ("VERB", "AUX"):
            return None
        if self.lexicon.lemma(head, self.lexicon.participation_verbs) in self.lexicon.participation_verbs:
            return head
        owned = any(c.dep_ == "poss" and c.lower_ in ("their", "its", "his", "her") for c in noun.children)
        return head if owned and noun.dep_ == "dobj" else None

    def _referred_act(
        self, trig: Trigger, si: int, sources: list[ActorMention], prior: list[PriorAct]
    ) -> tuple[PriorAct, str] | None:
        """For a reaction to an act named by a definite noun ("condemned the incursion", "welcomed the
        move"), the act reported earlier in the document that the noun refers back to.

        A noun of the lexicon refers to the last earlier act of its type (any distance); a general word
        ("the move", "the decision": ``act_references``) to the last act of the previous few sentences. The
        act's doer must be of another country than the reacting source.
        """
        own = {m.actor.country for m in sources}
        definite = event_words().definite
        for obj in object_nouns(direct_objects(trig.anchor)):
            if not any(c.dep_ in ("det", "poss") and c.lower_ in definite for c in obj.children):
                continue
            lemma = self.lexicon.lemma(obj, self.lexicon.nouns)
            entry = self.lexicon.match(obj, "noun")
            kind = self.ontology.plover_type(entry.cameo) if entry is not None else None
            general = lemma in self.lexicon.act_references
            if kind is None and not general:
                continue
            earlier = [
                a for a in prior if a.source is not None and a.source.country not in own and a.sentence < si
            ]
            for act in reversed(earlier):
                if (kind is not None and (act.lemma == lemma or act.event_type == kind)) or (
                    general and si - act.sentence <= ACT_LOOKBACK
                ):
                    return act, obj.text
            # "fired a missile ... condemned the launch": an event noun with no act of its kind before it
            # refers to the last act of the previous sentences
            recent = [a for a in earlier if si - a.sentence <= ACT_LOOKBACK]
            if kind is not None and recent:
                return recent[-1], obj.text
        return None


def _reporting_speaker(noun: Any, index: ActorIndex) -> ActorMention | None:
    """For a meeting noun that is the subject of a reported clause ("X said talks with Y broke down"), the
    speaker X: one who reports on talks "with Y" without naming the other side is that side."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head == verb:
        return None
    speech = verb.head
    subj = [moved for s in _children(speech, "nsubj") if (moved := _after_dateline(s, speech)) is not None]
    found = [m for m in index.of(subj[-1]) if coded(m.actor)] if subj else []
    return found[0] if found else None


def _condition_subject(
    trig: Trigger, index: ActorIndex, ontology: Any
) -> tuple[list[ActorMention], Any] | None:
    """For a threat, the actor whose act sets it off: "threatened to stop talks if the US deploys ..."."""
    anchor = trig.anchor
    words = event_words()
    framed = anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in words.threat_verbs
    if not (ontology.in_class("threat", trig.entry.cameo) or framed):
        return None
    for verb in (anchor, anchor.head) if framed else (anchor,):
        for clause in _children(verb, "advcl"):
            if not any(m.dep_ == "mark" and m.lower_ in words.condition_marks for m in clause.children):
                continue
            subj = _children(clause, "nsubj", "nsubjpass")
            if subj and (found := index.of(subj[0])):
                return found, subj[0]
    return None
