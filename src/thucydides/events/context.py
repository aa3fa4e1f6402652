"""Who an event's actors are when the words alone do not say: the index of actor mentions by token, and
the context that completes them.

An actor named without a country ("students", "the government", an unknown "Judge X") takes the country
of the place the sentence is set in, else the one other country the sentence names, else the country the
document names most often. "The two leaders" and a plural "they" stand for the two parties named just
before. A protest with no target is aimed at the authorities of the country where it happens, a coercive
act (arrests, bans, curfews) at its people. Every such choice is written into the event's explanation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from typing import Any

from thucydides.events.attach import Anchors
from thucydides.events.syntax import dateline_span
from thucydides.events.words import event_words
from thucydides.record import Actor, ActorMention, Place, PlaceMention

ACTOR_DESCENT_DEPS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod")
# the words that name the leader of an "X-led" body ("the US-led coalition")
LED_BY_DEPS = frozenset({"npadvmod", "compound", "amod", "nmod", "advmod"})
NAME_ENTITIES = frozenset({"ORG", "WORK_OF_ART", "FAC"})  # names a place word may be part of
PAIR_LOOKBACK = 2  # sentences searched for the two parties of "the two leaders"


def placed_bodies(mentions: Iterable[ActorMention], places: Iterable[PlaceMention]) -> list[ActorMention]:
    """The mentions, with each unknown "person" whose name is a place the text names, right before the sector
    word that heads it ("the ahmedabad police", "the Gujarat police": the tagger took the town for a person),
    read as that place's body: a group of the place's country, in the sector its head word gives."""
    places = [p for p in places if p.place.country and len(p.place.country) == 3]
    out: list[ActorMention] = []
    for m in mentions:
        a = m.actor
        if a.type == "person" and a.id is None and a.sector and a.name and places:
            name = a.name.lower()
            place = next(
                (
                    p
                    for p in places
                    if m.start <= p.start
                    and p.end < m.end
                    and p.text.lower() == name
                    and (head := m.text[p.end - m.start :].strip()).isalpha()  # one word after it: the head
                    and head.lower() not in event_words().place_nouns  # "Borno state" is the place itself
                ),
                None,
            )
            if place is not None:
                body = Actor(
                    text=a.text, name=None, country=place.place.country, sector=a.sector, type="group"
                )
                m = ActorMention(
                    m.start, m.end, m.text, body, f"{m.reason}; '{place.text}' is a place: its body", m.head
                )
        out.append(m)
    return out


class ActorIndex:
    """Token index → actor mention, for one spaCy doc."""

    def __init__(
        self, mentions: Iterable[ActorMention], sdoc: Any, lede_end: int = 0, lede_weight: int = 1
    ) -> None:
        """Index ``mentions`` by token; ``countries`` counts each mention's country, a mention that starts
        before ``lede_end`` (the article's lede, a character offset) ``lede_weight`` times: the lede says
        where the story is set, the body may name other countries more often (background, reactions), and of
        two countries named as often, the one the lede names first is the story's."""
        self.by_token: dict[int, ActorMention] = {}
        self.countries: Counter[str] = Counter()
        self.first: dict[str, int] = {}  # where each country is first named
        self.lede_end = lede_end
        self._sorted: list[int] | None = None
        for m in mentions:
            if m.actor.country:
                self.countries[m.actor.country] += lede_weight if m.start < lede_end else 1
                self.first.setdefault(m.actor.country, m.start)
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, m)

    def at(self, tok: Any) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def tokens_between(self, start: int, end: int) -> list[int]:
        """Indices of the tokens in ``[start, end)`` that belong to an actor mention, in order.

        Found by bisection in the sorted indices (made once), so that asking once per event word
        costs the number of actor words in the sentence, not its length.
        """
        if self._sorted is None:
            self._sorted = sorted(self.by_token)
        return self._sorted[bisect_left(self._sorted, start) : bisect_left(self._sorted, end)]

    def of(self, tok: Any | None, depth: int = 0, loose: bool = False) -> list[ActorMention]:
        """Actor mentions for an argument token: its own, else inside its phrase; plus its conjuncts.

        With ``loose``, an own mention without a country is kept when nothing better is found.
        """
        if tok is None or depth > 3:
            return []
        found: list[ActorMention] = []
        own = self.at(tok)
        if own is not None and own.actor.country:
            found.append(own)
        elif (m := self._modifier_actor(tok, own)) is not None:
            found.append(m)
        else:
            words = event_words()
            # people who speak or act for someone else take that someone's code ("a spokesman for NATO")
            descent = words.descent_preps
            preps = descent | {"for"} if tok.lemma_.lower() in words.agent_nouns else descent
            # "thousands of protesters": the people counted, even without a country (placed by context)
            counted = loose and (tok.ent_type_ == "CARDINAL" or tok.lemma_.lower() in words.quantity_nouns)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self.of(pobj, depth + 1, loose=counted and child.lower_ == "of"))
                    if found:
                        break
            if own is not None and own.actor.sector and len(found) == 1 and _bare_country(found[0]):
                # "nine villagers in northern Nigeria": the villagers, placed in that country
                found = [_shared_country(own, found[0], "from its phrase")]
        if (
            own is not None
            and own.actor.sector
            and found
            and not any(m.actor.country or m.actor.sector for m in found)
        ):
            # "supporters of Anwar Haldane": a name that says neither a country nor a role does not stand
            # for the group named by its role (news whose names are unknown words)
            found = []
        if not found and own is not None and loose:
            found.append(own)  # an actor without a country: the coder may place it from context
        if own is not None and own in found and (extra := self._coordinated_modifiers(tok, own)):
            found = sorted([own, *extra], key=lambda m: m.start)  # in the order the text names them
        first = found[0] if found and found[0].actor.country else None
        for child in tok.children:
            if child.dep_ == "conj":
                for m in self.of(child, depth + 1, loose):
                    found.append(_shared_country(m, first) if first is not None else m)
        unique: list[ActorMention] = []
        for m in found:
            if m not in unique:
                unique.append(m)
        return unique

    def _modifier_actor(self, tok: Any, own: ActorMention | None = None) -> ActorMention | None:
        """The actor a modifier of ``tok`` names: the head's own modifiers first ("al-Qaeda" in "bin Laden's
        al-Qaeda network"), then the leader of an "X-led" body ("the Saudi-led coalition": Saudi Arabia),
        then the possessor ("Israel's army")."""
        children = list(tok.children)
        for child in children:  # "U.N. mediator Diego Cordovez": the body named before the title
            if child.dep_ == "compound" and child.pos_ == "NOUN":
                for grand in child.children:
                    m = self.at(grand) if grand.dep_ in ("compound", "amod", "nmod") else None
                    if m is not None and m.actor.country and m is not own:
                        return m
        for child in children:
            if (
                child.dep_ in ACTOR_DESCENT_DEPS
                and child.dep_ != "poss"
                and (m := self.at(child)) is not None
            ):
                return m
        for child in children:
            if child.dep_ == "amod" and child.lemma_.lower() == "lead" and child.tag_ == "VBN":
                for mod in child.children:
                    if mod.dep_ in LED_BY_DEPS and (m := self.at(mod)) is not None and m.actor.country:
                        return m
        for child in children:
            if child.dep_ == "poss" and (m := self.at(child)) is not None:
                return m
        return None

    def _coordinated_modifiers(self, tok: Any, own: ActorMention) -> list[ActorMention]:
        """Other actors named by coordinated modifiers of the same head ("French and Egyptian warships"), or
        by a coordinated "of" phrase of a plural head ("the navies of Indonesia and the Philippines").

        The head word belongs to one of them; the others are each a modifier coordinated with it.
        """
        out: list[ActorMention] = []
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        if tok.tag_ == "NNS":  # "the navies of Indonesia and the Philippines": a plural head, an "of" phrase
            mods += [p for of in tok.children if of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
        for mod in mods:
            chain = [mod, *(c for c in mod.children if c.dep_ == "conj")]
            if len(chain) < 2:
                continue
            for word in chain:
                m = self.at(word)
                if m is not None and m is not own and m not in out and m.actor.country:
                    out.append(m)
        return out


def _bare_country(m: ActorMention) -> bool:
    """True for a mention that names a country and nothing more ("northern Nigeria", "Kenya")."""
    return m.actor.type == "country" and bool(m.actor.country) and not m.actor.sector


def _shared_country(m: ActorMention, first: ActorMention, how: str = "of the conjunct") -> ActorMention:
    """A bare conjunct takes the country of the first ("Turkish jets and artillery": Turkish artillery)."""
    if m.actor.country or m.actor.type not in (None, "group"):
        return m
    a = m.actor
    actor = Actor(
        text=a.text, name=a.name, id=a.id, country=first.actor.country, sector=a.sector, type=a.type
    )
    reason = f"{m.reason}; country {how} '{first.text}'"
    return ActorMention(m.start, m.end, m.text, actor, reason, m.head)


def pair_reference(tok: Any) -> bool:
    """True for words that stand for two parties named before: "the two leaders", "both sides", "both"; not
    "two men were arrested" (no definite article: two people not named before)."""
    if tok.lower_ == "both":
        return True
    if tok.lemma_.lower() not in event_words().pair_nouns or tok.tag_ not in ("NNS", "NNPS"):
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ in ("nummod", "det", "predet", "poss")}
    return "both" in marks or ("two" in marks and bool(marks & event_words().definite))


def recent_pair(tok: Any, index: ActorIndex) -> list[ActorMention]:
    """The first two actors of different countries named before ``tok``: this sentence, then earlier ones."""
    sdoc = tok.doc
    sent = tok.sent
    start, stop = sent.start, tok.i
    people = tok.lemma_.lower() in event_words().people_pair_nouns
    # the places and the agency of a dateline are no parties of the story ("BRASILIA (Planalto News) -")
    line_start, dash = dateline_span(sdoc)
    # two bodies of one country ("the army and the paramilitary forces ... the two sides agreed"): the pair,
    # where no two countries are named within reach
    domestic: list[ActorMention] = []
    for _ in range(PAIR_LOOKBACK + 1):
        seen: dict[str, ActorMention] = {}
        persons: dict[str, ActorMention] = {}
        bodies: dict[tuple[str, str], ActorMention] = {}
        for i in range(start, stop):
            if line_start <= i <= dash:
                continue
            m = index.by_token.get(i)
            if m is not None and coded(m.actor):
                seen.setdefault(str(m.actor.country), m)
                if m.actor.type == "person":
                    persons.setdefault(str(m.actor.country), m)
                elif m.actor.type != "country" and m.actor.country not in NOT_COUNTRIES:
                    bodies.setdefault((str(m.actor.country), str(m.actor.name or m.text).lower()), m)
        if people and len(persons) >= 2:  # "the two leaders": the two people, not the places or bodies named
            return list(persons.values())[:2]
        if len(seen) >= 2:
            return list(seen.values())[:2]
        if not people and not domestic and len(seen) == 1 and len(bodies) == 2:
            domestic = list(bodies.values())
        if start == 0:
            break
        prev = sdoc[start - 1].sent
        start, stop = prev.start, prev.end
    return domestic


STATE_SECTORS = frozenset({"GOV", "MIL"})
# people acted on by (or rising against) a state's police, army or government, named without a country
# ("police fired at protesters", "the government accepted demands from the rebels")
CIVIC_SECTORS = frozenset({"CVL", "OPP", "EDU", "LAB", "HLH", "MED", "REL", "AGR", "BUS", "REB"})
# (armies are left out: "militiamen" and foreign troops are coded MIL too)
FORCE_SECTORS = frozenset({"GOV", "COP", "JUD"})
# courts and police (named without a country) who act on a country's politicians are of that country
JUSTICE_SECTORS = frozenset({"JUD", "COP"})
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "OPP", "ELI", "PTY"})
# actor "countries" that are no country: an unnamed government or police force is never of the UN
NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "IMG"})


def _in_attribution(tok: Any) -> bool:
    """True for a word inside the subject of a reporting verb ("officials in Nairobi said")."""
    reporting = event_words().reporting_verbs
    cur = tok
    for _ in range(6):
        if cur.head == cur:
            return False
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.head.lemma_.lower() in reporting:
            return True
        cur = cur.head
    return False


def _in_condition(tok: Any) -> bool:
    """True for a word inside a clause introduced by "if" or "unless"."""
    marks = event_words().open_marks
    cur = tok
    for _ in range(8):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in cur.children):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _modifies_actor(tok: Any, index: ActorIndex) -> bool:
    """True for a place name inside a longer actor phrase it only qualifies ("U.S. special forces")."""
    m = index.at(tok)
    if m is None:
        return False
    span = tok.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.i != tok.i and tok.dep_ in ("compound", "amod", "nmod", "poss")


def sentence_place(
    sent: Any, anchors: Anchors, index: ActorIndex | None = None, avoid: frozenset[str] = frozenset()
) -> Place | None:
    """The first place of the sentence that lies in a known country and says where it is set.

    Places named in the attribution ("officials in Nairobi said") do not set the scene. A place in a
    country of ``avoid`` is skipped: a state actor named without a country is not taken to belong to the
    country it acts on ("a spokesman accused the United States", "the government asked Cuba to hand over
    the negotiators in Havana").
    """
    words = event_words()
    for a in anchors.places.get(sent.start, []):
        place = getattr(a.mention, "place", None)
        if place is None or not place.country or len(place.country) != 3 or _in_attribution(a.root):
            continue
        if isinstance(a.mention, PlaceMention) and a.mention.names_people():
            continue  # "ethnic Turks", "the Latvians": a people, not where the sentence is set
        if a.root.dep_ == "pobj" and a.root.head.lower_ in words.destination_preps | words.origin_preps:
            continue  # "were flown to Qatar", "fired from Syria": where someone goes or comes from
        if _in_condition(a.root):
            continue  # "will take no more refugees if war starts in Iraq": a place in a condition
        if _backer(a.root):
            continue  # "Russian-backed separatists", "U.S.-led forces": who backs them, not the scene
        if place.country in avoid:
            continue  # "the government asked Cuba to hand over the negotiators in Havana": not Cuba's
        if index is not None and _modifies_actor(a.root, index):
            continue  # "a raid by U.S. special forces": a country naming an actor is not the scene
        if _in_actor_phrase(a.root):
            continue  # "militants based in Iraq": where they are from, not where the sentence is set
        if _in_longer_name(a):
            continue  # "documents leaked to the New York Times": a place in an organisation's name
        return place
    return None


def _in_actor_phrase(tok: Any) -> bool:
    """True for a place in a participle phrase that says where someone is based ("militants based in Iraq",
    "a group headquartered in Mali": ``base_participles``): where they are from, not where it is set."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    verb = prep.head
    return verb.dep_ == "acl" and verb.lemma_.lower() in event_words().base_participles


def _backer(tok: Any) -> bool:
    """Whether a place word names who backs or leads ("Russian-backed separatists", "U.S.-led forces"):
    the modifier of a past participle, not where anything happens."""
    return bool(tok.dep_ == "npadvmod" and tok.head.tag_ == "VBN")


def _in_longer_name(a: Any) -> bool:
    """Whether a place name is part of a longer name of an organisation, a work or a building that the
    parse's entities give ("the New York Times", "the Kabul Serena Hotel")."""
    doc = a.root.doc
    span = doc.char_span(a.mention.start, a.mention.end, alignment_mode="expand")
    if span is None or span.root.ent_type_ not in NAME_ENTITIES:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return span[0].ent_iob_ == "I" or (after is not None and after.ent_iob_ == "I")


def default_country(
    sent: Any,
    index: ActorIndex,
    anchors: Anchors,
    others: list[ActorMention],
    state: bool = False,
    civic: bool = False,
    justice: bool = False,
) -> tuple[str | None, str]:
    """The country an actor named without one belongs to, read from its context, and why.

    In order: the country of a place the sentence names ("students ... in Lagos"); the one country of the
    other actors of the sentence that are not the event's other party ("Judge X opened an inquiry into
    Chilean officials" keeps no default from the officials); the country the document names most often,
    leaving out the other party's ("a spokesman accused the United States" in a story about Iran and the
    United States is Iranian), a country named in the lede counting more, and of two named as often the
    one the lede names first (see :class:`ActorIndex`).
    """
    # the other party's country is left out where it is a state (a government, an army, a country): facing
    # rebels, protesters or its own people, an actor without a country is most likely of theirs
    other_countries = {m.actor.country for m in others if _state_like(m.actor)}
    # a state actor is not given the country of another state it acts on; facing rebels, protesters or
    # civilians (non-state actors) it is most likely their own country's ("President X ... the rebels")
    avoid = (
        frozenset(str(m.actor.country) for m in others if m.actor.country and _state_like(m.actor))
        if state
        else frozenset()
    )
    place = sentence_place(sent, anchors, index, avoid)
    if place is not None:
        return place.country, f"the sentence is set in {place.name} ({place.country})"
    forces = {str(m.actor.country) for m in others if m.actor.sector in FORCE_SECTORS and m.actor.country}
    if civic and len(forces) == 1 and not forces & NOT_COUNTRIES:
        home = next(iter(forces))
        return home, (
            f"people acted on by (or acting against) the authorities of {home}, with no place named, "
            "are taken to be of that country"
        )
    political = {
        str(m.actor.country) for m in others if m.actor.sector in POLITICAL_SECTORS and m.actor.country
    }
    if justice and len(political) == 1 and len({m.actor.country for m in others}) == 1:
        home = next(iter(political))
        if home not in NOT_COUNTRIES:
            return home, (
                f"a court or police force acting on the politicians or officials of {home}, with no place "
                "named, is taken to be of that country"
            )
    skip = {i for m in others for i in range(m.start, m.end)}
    named = (
        {
            m.actor.country
            for tok in sent
            if (m := index.by_token.get(tok.i)) is not None
            and coded(m.actor)
            and tok.idx not in skip
            and not _in_condition(tok)
            and not (
                tok.dep_ == "pobj" and tok.head.lower_ in event_words().destination_preps
            )  # "flown to Qatar"
        }
        - other_countries
        - NOT_COUNTRIES
    )
    if len(named) == 1:
        country = next(iter(named))
        return country, f"the only other country the sentence names is {country}"
    top = sorted(
        ((c, n) for c, n in index.countries.items() if c not in other_countries and c not in NOT_COUNTRIES),
        key=lambda cn: (-cn[1], index.first.get(cn[0], 0)),
    )[:2]
    if top and (
        len(top) == 1
        or top[0][1] > top[1][1]
        or index.first.get(top[0][0], len(sent.doc.text)) < index.lede_end
    ):
        besides = f" besides {', '.join(sorted(str(c) for c in other_countries))}" if other_countries else ""
        return top[0][0], f"the country the document names most often{besides} is {top[0][0]}"
    # a story that names no country as an actor is where its lede or its dateline sets it
    for where, told in ((anchors.story, "the lede sets the story in"), (anchors.dateline, "the dateline is")):
        place = where.place if isinstance(where, PlaceMention) else where
        if place is not None and place.country and len(place.country) == 3 and place.country not in avoid:
            return place.country, f"{told} {place.name} ({place.country})"
    return None, ""


# a government named by its title alone ("the president", "the foreign ministry") in a wire story is the
# government of the country the dateline names ("BRASILIA - The president met ..."), before any place the
# sentence names (the places a government's acts concern are no clue to whose government it is)
TITLE_SECTORS = frozenset({"GOV"})


def dateline_country(anchors: Anchors, others: list[ActorMention]) -> str | None:
    """The country of the story's dateline, unless it is that of another party of the event."""
    line = anchors.dateline
    if line is None or not line.place.country or len(line.place.country) != 3:
        return None
    if any(o.actor.country == line.place.country for o in others):
        return None
    return str(line.place.country)


def _state_like(actor: Actor) -> bool:
    return not actor.sector or actor.sector in STATE_SECTORS or actor.type == "country"


def placed(
    mentions: list[ActorMention], others: list[ActorMention], sent: Any, index: ActorIndex, anchors: Anchors
) -> tuple[list[ActorMention], str]:
    """Mentions with a country for those named without one, where the context gives it."""
    out: list[ActorMention] = []
    why: list[str] = []
    for m in mentions:
        if coded(m.actor):
            moved = minority_country(m, sent, anchors, index)
            if moved is None:
                out.append(m)
                continue
            home, lives = moved
            a = m.actor
            actor = Actor(text=a.text, name=a.name, id=a.id, country=home, sector=a.sector, type=a.type)
            out.append(ActorMention(m.start, m.end, m.text, actor, f"{m.reason}; {lives}", m.head))
            why.append(f"'{m.text}': {lives}")
            continue
        state = m.actor.sector in STATE_SECTORS
        civic = m.actor.sector in CIVIC_SECTORS
        justice = m.actor.sector in JUSTICE_SECTORS
        home_place = own_place(m, sent, anchors)
        country: str | None
        if home_place is not None:
            country, reason = str(home_place.country), f"its own phrase places it in {home_place.name}"
        elif m.actor.sector in TITLE_SECTORS and (line := dateline_country(anchors, others)) is not None:
            country, reason = line, f"a government named by title in a story datelined in {line}"
        else:
            country, reason = default_country(
                sent, index, anchors, [o for o in others if coded(o.actor)], state, civic, justice
            )
        if country is None:
            if usable(m.actor):
                out.append(m)  # a group named by role stays without a country where nothing says one
            continue
        a = m.actor
        actor = Actor(text=a.text, name=a.name, id=a.id, country=country, sector=a.sector, type=a.type)
        out.append(ActorMention(m.start, m.end, m.text, actor, f"{m.reason}; country from context", m.head))
        why.append(f"'{m.text}' names no country: {reason}")
    return out, "; ".join(why)


OWN_PLACE_PREPS = frozenset({"in", "from"})


def own_place(m: ActorMention, sent: Any, anchors: Anchors) -> Place | None:
    """The place an actor's own phrase puts it in: "a group based in Trinidad", "students in Lagos",
    "fighters from Chad" (the head word's "in"/"from" phrase, or that of a participle modifying it)."""
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [
        p
        for c in head.children
        if c.dep_ == "acl" and c.pos_ == "VERB"
        for p in c.children
        if p.dep_ == "prep"
    ]
    for prep in preps:
        if prep.lower_ not in OWN_PLACE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and (place := place_at(pobj, anchors)) is not None:
                return place
    return None


def people_head(m: ActorMention, sent: Any) -> Any | None:
    """The head word of a mention that names a people ("ethnic Albanians", "the Kurds"), else ``None``."""
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if any(t.lower_ == "ethnic" for t in span):
        return root
    if root.tag_ not in ("NNPS", "NNS") or root.ent_type_ != "NORP" or m.actor.sector:
        return None
    return root


def minority_country(
    m: ActorMention, sent: Any, anchors: Anchors, index: ActorIndex
) -> tuple[str, str] | None:
    """The country a people named by nationality lives in, where the text places it in another one.

    "The Albanians of southern Serbia", "ethnic Albanians ... in southeastern Serbia": a people named with
    "ethnic", or with "of"/"in" and a place, is coded with the country it lives in (CAMEO codes a minority
    with its country of residence), not the country its name refers to.
    """
    head = people_head(m, sent)
    if head is None:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
            for pobj in prep.children:
                place = place_at(pobj, anchors)
                if place is not None and place.country != m.actor.country:
                    return str(place.country), f"a people living in {place.name} ({place.country})"
    if not any(t.lower_ == "ethnic" for t in head.subtree if t.i < head.i):
        return None
    place = sentence_place(sent, anchors, index)
    if place is not None and place.country and place.country != m.actor.country:
        return str(place.country), f"an ethnic group; the sentence is set in {place.name} ({place.country})"
    return None


def place_at(tok: Any, anchors: Anchors) -> Place | None:
    """The place in a known country whose mention ``tok`` heads, if any."""
    for a in anchors.places.get(anchors.sentence_start(tok), []):
        place = getattr(a.mention, "place", None)
        if a.root.i == tok.i and place is not None and place.country and len(place.country) == 3:
            return place
    return None


def place_country(tok: Any, place: Place) -> ActorMention:
    """The country of the place ``tok`` names, as an actor mention ("captured Goma": COD)."""
    actor = Actor(text=tok.text, country=place.country, type="country")
    return ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "place")


def domestic(ontology: Any, cameo: str) -> bool:
    """True for acts aimed, when no target is named, at the country where they happen (``domestic`` in the
    ontology's classes: protests, coercion, easing dissent or administrative sanctions)."""
    return bool(ontology.in_class("domestic", cameo))


def towards_authorities(ontology: Any, cameo: str) -> bool:
    """True for acts aimed, when no target is named, at the authorities: protests and ending them."""
    return bool(ontology.in_class("against_authorities", cameo))


def home_of(
    source: ActorMention, sent: Any, anchors: Anchors, protest: bool, index: ActorIndex | None = None
) -> ActorMention | None:
    """Whom a domestic act is aimed at: the authorities (a protest) or the people (a coercive act) of the
    country where it happens, the sentence's place, else the source's country."""
    place = sentence_place(sent, anchors, index)
    country = place.country if place is not None else source.actor.country
    if not country:
        return None
    if not protest and source.actor.country and source.actor.country != country:
        # a coercive or easing act is done by authorities to their own people: a foreign source acting in
        # the place the sentence is set in ("how much of the sanctions Washington would lift", datelined
        # HANOI) names no domestic target
        return None
    whom = "the authorities" if protest else "the people"
    text = place.name if place is not None else f"{whom} of {country}"
    sector = "GOV" if protest else "CVL"
    actor = Actor(text=text, country=country, sector=sector, type="country")
    return ActorMention(source.start, source.end, text, actor, "the authorities where the act happens")


def coded(actor: Actor) -> bool:
    return bool(actor.country)


def usable(actor: Actor) -> bool:
    """True for an actor an event may name: one with a country, or a group or body named by its role alone
    ("police", "protesters", "gunmen", "the election commission"), whose sector says who acted where nothing
    says of which country; and a person the text names with a role ("Tariq Okonkwo, a journalist"), who is
    someone even where no country is named (news whose places and names are unknown words)."""
    return bool(actor.country) or (actor.type in ("group", "organization", "person") and bool(actor.sector))


def from_earlier_act(actor: Actor, sent: Any, why: str) -> ActorMention:
    """A mention, at the start of ``sent``, of an actor taken from an act reported earlier (no words of
    this sentence name it)."""
    return ActorMention(sent.start_char, sent.start_char, actor.text, actor, why)


UNIDENTIFIED = "UAF"  # CAMEO: unidentified armed forces


def unidentified_attackers(
    verb: Any, sent: Any, anchors: Anchors, index: ActorIndex, targets: list[ActorMention]
) -> ActorMention | None:
    """For violence reported without a perpetrator ("a roadside bomb killed two soldiers near Samarra",
    "a journalist was killed in Beirut"), unidentified attackers of the country where it happened.

    Only where the clause names no person or group as the doer: its subject (or the passive's agent) is a
    thing or is missing. Returns ``None`` when the sentence names no place in a known country.
    """
    inside = {i for m in targets for i in range(m.start, m.end)}  # "three US servicemen": no place
    place = next(
        (
            p
            for a in anchors.places.get(sent.start, [])
            if (p := getattr(a.mention, "place", None)) is not None
            and p.country
            and len(p.country) == 3
            and a.root.idx not in inside
            and not _in_attribution(a.root)
            and not _backer(a.root)
        ),
        None,
    )
    if place is None:
        return None
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    for d in doers:
        word = d if d.dep_ == "nsubj" else next((p for p in d.children if p.dep_ == "pobj"), d)
        if word.pos_ in ("PRON", "PROPN") or word.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return None
    actor = Actor(text="unidentified attackers", country=place.country, sector=UNIDENTIFIED, type="group")
    start = verb.idx
    return ActorMention(start, start + len(verb.text), "unidentified attackers", actor, "no doer named")
