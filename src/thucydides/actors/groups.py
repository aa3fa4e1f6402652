"""Noun-phrase resolution: grouping atoms into actor phrases and resolving each group to an actor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from thucydides.actors.clues import _TITLE_WORDS, _Atom, _Context, _lemma
from thucydides.actors.kb import SectorWord, person_family
from thucydides.actors.persons import PersonMatcher
from thucydides.events.syntax import dateline_dash
from thucydides.record import Actor, ActorMention

_GROUPING_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "nummod", "appos_name"})
_LEFT_DEPS = frozenset(
    {
        "det",
        "amod",
        "nummod",
        "compound",
        "poss",
        "case",
        "quantmod",
        "nmod",
        "advmod",
        "punct",
        "predet",
        "npadvmod",
    }
)
_MOBILE_SECTORS = frozenset({"MIL", "REF", ""})
# sectors of armed or policing roles: their modifier names who a weak head is without a country
_ROLE_SECTORS = frozenset({"MIL", "COP", "REB", "INS"})
_SETTLED_HEADS = frozenset({"government", "authority", "ministry", "administration", "regime", "cabinet"})


class GroupResolver(PersonMatcher):
    """Mixin of the actor resolver: groups atoms into noun phrases and resolves them."""

    # ---- grouping ----

    def _group(
        self, sdoc: Any, atoms: list[_Atom], by_token: dict[int, _Atom]
    ) -> list[tuple[int, list[_Atom]]]:
        groups: dict[int, list[_Atom]] = {}
        order: list[int] = []
        heads: dict[int, int] = {}  # id(atom) -> its phrase head, shared along coordination chains
        for atom in atoms:
            head = self._np_head(sdoc, atom, by_token, heads)
            if head not in groups:
                groups[head] = []
                order.append(head)
            groups[head].append(atom)
        return [(h, groups[h]) for h in order]

    def _np_head(
        self, sdoc: Any, atom: _Atom, by_token: dict[int, _Atom], heads: dict[int, int] | None = None
    ) -> int:
        """The token heading the noun phrase ``atom`` belongs to.

        "US and British forces": a country coordinated with an earlier country modifies what that one
        modifies. Such chains ("A, B, C, ... and Z officials") are followed with a loop, not recursion:
        their length is the input's. ``heads`` remembers the answers (id of an atom -> head) so that a
        chain is walked once for all its atoms.
        """
        heads = {} if heads is None else heads
        chain = [atom]  # the atom, then each earlier country it is coordinated with
        seen = {id(atom)}
        while id(chain[-1]) not in heads:
            first = self._coordinated_country(sdoc, chain[-1], by_token)
            if first is None or id(first) in seen:
                heads[id(chain[-1])] = self._own_np_head(sdoc, chain[-1], by_token)
                break
            seen.add(id(first))
            chain.append(first)
        head = heads[id(chain[-1])]
        for link, first in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
            # ``head`` is the phrase head of ``first``; ``link`` shares it unless it is first's own root
            if head == sdoc[first.start : first.end].root.i:
                head = self._own_np_head(sdoc, link, by_token)
            heads[id(link)] = head
        return head

    @staticmethod
    def _coordinated_country(sdoc: Any, atom: _Atom, by_token: dict[int, _Atom]) -> _Atom | None:
        """For a country coordinated with an earlier country ("US and British"), that earlier one."""
        tok = sdoc[atom.start : atom.end].root
        if atom.kind in {"country", "demonym"} and tok.dep_ == "conj":
            first = by_token.get(tok.head.i)
            if first is not None and first.kind in {"country", "demonym"}:
                return first
        return None

    def _own_np_head(self, sdoc: Any, atom: _Atom, by_token: dict[int, _Atom]) -> int:
        """The phrase head reached by climbing modifier links from ``atom`` (without coordination)."""
        tok = sdoc[atom.start : atom.end].root
        while tok.dep_ in _GROUPING_DEPS and tok.head.i != tok.i:
            passing = by_token.get(tok.i)
            if passing is not None and passing is not atom and _is_person(passing):
                break  # "U.S. President Donald Trump and ... Kim Jong Un": a person heads its own phrase
            parent = tok.head
            if not self._actorish(parent, by_token, atom):
                break
            if tok.dep_ == "poss" and by_token.get(parent.i) is None and not self._head_word(parent):
                break
            if tok.dep_ == "poss" and _is_person(atom) and by_token.get(parent.i) not in (None, atom):
                break  # "Narendra Modi's Bharatiya Janata Party": the person and the party are two actors
            tok = parent
        owner = by_token.get(tok.i)
        if owner is not None:
            return int(sdoc[owner.start : owner.end].root.i)
        return int(tok.i)

    def _actorish(self, tok: Any, by_token: dict[int, _Atom], atom: _Atom) -> bool:
        other = by_token.get(tok.i)
        if other is not None:
            if other is atom:
                return True
            if _is_person(atom) and _is_person(other):
                return False  # "Johnson and ... Jean-Claude Juncker": two people are two phrases
            if atom.kind in {"country", "demonym"} and other.kind in {"country", "demonym"}:
                return False
            # a country name modifying a person/organisation/sector noun groups with it; two names don't
            return other.kind in {"sector", "entry", "name"} and not (
                atom.kind == "entry"
                and other.kind == "entry"
                and atom.entry is not None
                and atom.entry.kind in {"person", "organization", "group"}
            )
        return self._head_word(tok) is not None

    # ---- resolution of a group ----

    def _split_coordinated(
        self, sdoc: Any, text: str, head: int, members: list[_Atom], by_token: dict[int, _Atom], ctx: _Context
    ) -> list[ActorMention]:
        """ "US and British forces": each country gets its own mention, sharing the sector of the head."""
        named = [a for a in members if a.kind in {"country", "demonym"} and a.country]
        out: list[ActorMention] = []
        if len({a.country for a in named}) > 1 and self._primary(members) is None:
            head_word = self._head_word(sdoc[head])
            sector, why = self._sector([sdoc[head].lemma_.lower()], head_lemma=head_word)
            if sector is not None:
                for a in named[:-1]:
                    t = sdoc[a.start : a.end]
                    actor = Actor(
                        text=t.text,
                        name=self._country_name(a.country),
                        country=a.country,
                        sector=sector,
                        type="group",
                    )
                    out.append(
                        ActorMention(
                            start=t.start_char,
                            end=t.end_char,
                            text=t.text,
                            actor=actor,
                            reason=f"country {a.country}, coordinated with another modifier of "
                            f"'{sdoc[head].text}'; {why}",
                            head=t.root.i,
                        )
                    )
                members = [m for m in members if m not in named[:-1]]
        mention = self._resolve_group(sdoc, text, head, members, by_token, ctx)
        if mention is not None:
            out.append(mention)
        return out

    def _resolve_group(
        self, sdoc: Any, text: str, head: int, members: list[_Atom], by_token: dict[int, _Atom], ctx: _Context
    ) -> ActorMention | None:
        toks = ctx.tokens
        start = min(a.start for a in members)
        end = max(a.end for a in members)
        head_tok = toks[head]
        head_word = self._head_word(head_tok)
        inside = by_token.get(head)
        if head_word and inside and inside.kind in {"country", "demonym"}:
            head_word = None  # "the Soviet Union", "the West Bank": the head noun is part of a country's name
        # extend left over determiners, numerals and adjectives of the head
        left = head_tok.left_edge.i
        while left < start and (
            toks[left].is_punct
            or toks[left].dep_ not in _LEFT_DEPS
            or toks[left].pos_ in {"VERB", "AUX", "ADP", "CCONJ", "PRON"}
        ):
            left += 1
        while left < start and by_token.get(left) is not None and by_token[left] not in members:
            left += 1
        if left < start and all(
            (by_token.get(j) is None or by_token[j] in members)
            and toks[j].dep_ in _LEFT_DEPS
            and toks[j].pos_ not in {"VERB", "AUX", "CCONJ"}
            and not toks[j].is_punct
            or toks[j].text in {"-", "’s", "'s"}
            for j in range(left, start)
        ):
            start = left
        if head >= end and head < len(sdoc):
            end = head + 1
        if head_word and end == head + 1:
            end = self._of_name_end(sdoc, end, by_token)
        while start < end and (toks[start].is_punct or toks[start].is_space):
            start += 1
        while end > start and (
            toks[end - 1].is_punct or toks[end - 1].is_space or toks[end - 1].text in {"’s", "'s"}
        ):
            end -= 1
        if start >= end:
            return None
        lemmas = [toks[i].lemma_.lower() for i in range(start, end) if not toks[i].is_punct]
        countries = [a.country for a in members if a.kind in {"country", "demonym"} and a.country]
        countries += [
            a.entry.country
            for a in members
            if a.kind == "entry" and a.entry is not None and a.entry.kind == "capital" and a.entry.country
        ]
        primary = self._primary(members)
        if primary is not None and primary.kind == "name":
            countries += [
                a.entry.country
                for a in members
                if a.kind == "entry"
                and a.entry is not None
                and a.entry.kind in {"organization", "group"}
                and a.entry.country
            ]
        reason_bits: list[str] = []

        # "Congress in Mexico", "the parliament of Iraq": a country right after the phrase
        pp = self._prep_country(sdoc, end, by_token)
        institution = (
            primary is not None
            and primary.kind == "entry"
            and primary.entry is not None
            and primary.entry.default_country is not None
        )
        needs_country = primary is None or institution
        if pp is not None and toks[end].lower_ == "in" and not institution:
            hs = self.kb.heads.get(head_word or "", _NO)
            if hs.sector in _MOBILE_SECTORS and (head_word or "") not in _SETTLED_HEADS:
                pp = None
        if pp is not None and needs_country and not countries:
            countries.append(pp[1])
            end = pp[0]
            reason_bits.append(f"country {pp[1]} from the following 'in/of' phrase")
        elif (
            primary is None
            and not countries
            and head_word
            and (inner := self._member_country(head_tok, by_token))
        ):
            countries.append(inner[1])  # "doctors from two American aid groups": people of those groups
            reason_bits.append(f"country {inner[1]} from '{inner[0]}', the group they belong to")

        dash = dateline_dash(sdoc)
        if start < dash < min(head, end - 1):  # "NAIROBI, March 3 - Kenyan police": begins after the dash
            start = dash + 1
        span_text = text[toks[start].idx : toks[end - 1].idx + len(toks[end - 1].text)]
        span_start = toks[start].idx
        country = countries[0] if countries else None
        actor: Actor | None = None

        if primary is not None and primary.kind == "entry" and primary.entry is not None:
            entry = primary.entry
            if entry.kind in ("organization", "group") and _names_a_building(
                sdoc[primary.start : primary.end].root
            ):
                return None  # "talks in the Freedom House building": a place named after the body
            if entry.kind == "capital":
                if len(members) == 1 and self._locative(sdoc[primary.start : primary.end].root):
                    return None
                first = sdoc[primary.start : primary.end]
                if len(members) == 1 and first.start <= 1 and first.text.isupper() and len(first.text) > 3:
                    return None  # "STOCKHOLM, Oct. 5 (Wire) -": the dateline names where it was written
                reason_bits.append(f"{entry.name} as the seat of {entry.country}'s government")
            if entry.kind == "person":
                actor = self._from_person(span_text, entry, ctx.when, lemmas)
                if entry not in ctx.persons:
                    ctx.persons.append(entry)
                reason_bits.append(f"known person {entry.name} ({self._role_reason(entry, ctx.when)})")
            else:
                if entry.countries and not country:
                    country = self._nearest_country(sdoc, primary, entry.countries, by_token, ctx)
                    reason_bits.append(f"country {country} of several candidates, from context")
                actor = self._from_entry(span_text, entry, ctx.when, country, "")
                reason_bits.append(f"knowledge base {entry.kind} {entry.name}")
                hs = self.kb.heads.get(head_word or "", _NO)
                if entry.sector in {"IGO", "NGO"} and hs.sector in {"MIL", "COP"} and head >= primary.end:
                    actor.sector = hs.sector
                    reason_bits.append(f"sector {hs.sector} from '{head_tok.text}'")
                elif entry.kind == "capital" and hs.sector and not hs.weak and head >= primary.end:
                    actor.sector = hs.sector  # "Paris police", "the Kabul court": that body of the state
                    reason_bits.append(f"sector {hs.sector} from '{head_tok.text}'")
        elif (
            primary is not None
            and primary.kind == "name"
            and not (primary.label == "PROPN" and head_word and countries and head != primary.start)
        ):  # "the Kenyan Farmers Association": capitalised words inside an organisation's name are no person
            name_text = _strip_titles(sdoc[primary.start : primary.end].text)
            appos_country = self._appos_country(sdoc, primary, by_token)
            if appos_country is None and pp is not None and toks[end].lower_ in {"of", "from"}:
                appos_country = pp[1]
            evidence = country or appos_country
            person, why = self._match_person(name_text, ctx, evidence) if name_text else (None, "")
            if (
                person is not None
                and primary.end - primary.start == 1
                and "named earlier" not in why
                and self._place_slot(sdoc[primary.start])
            ):
                return None  # "the town of Kobani", "in Kobani": a place, not a known person's lone surname
            if person is not None:
                actor = self._from_person(span_text, person, ctx.when, lemmas)
                if person not in ctx.persons:
                    ctx.persons.append(person)
                reason_bits.append(why)
            elif primary.label == "PROPN":
                actor, why = self._international(span_text, span_text)
                if actor is None:
                    return None
                reason_bits.append(why)
            elif primary.end - primary.start == 1 and toks[primary.start].pos_ == "NOUN":
                return None  # "Mortar bombs hit ...": a capitalised common noun the tagger took for a name
            else:
                described = lemmas if self._sector(lemmas)[0] else lemmas + self._appos_lemmas(sdoc, primary)
                actor, why = self._describe(
                    span_text, primary, name_text, described, country, appos_country, ctx
                )
                if actor is None:
                    return None
                reason_bits.append(why)
        else:
            # no name: a sector noun phrase, or a country / demonym on its own; words of a country's own
            # name ("the West Bank") give no sector
            named = {
                i
                for a in members
                if a.kind == "country" and a.end - a.start > 1
                for i in range(a.start, a.end)
            }
            own = [
                toks[i].lemma_.lower() for i in range(start, end) if not toks[i].is_punct and i not in named
            ]
            sector, why = self._sector(own, head_lemma=head_word)
            if sector is None:
                if not countries:
                    return None
                only = members[0]
                if only.kind == "demonym" and sdoc[only.start : only.end].root.dep_ in {"amod", "compound"}:
                    # "an Indian proposal", "German goods": the adjective alone names the country the thing
                    # belongs to; the event coder reads it as the actor behind the noun
                    span = sdoc[only.start : only.end]
                    return ActorMention(
                        start=span.start_char,
                        end=span.end_char,
                        text=span.text,
                        actor=Actor(
                            text=span.text,
                            name=self._country_name(country),
                            id=f"country:{country}",
                            country=country,
                            type="country",
                        ),
                        reason=(
                            f"regional adjective on '{span.root.head.text}': states acting through the "
                            f"{self.kb.regions.get(span.text, 'regional organisation')} (IGO)"
                            if country == "IGO"
                            else f"demonym adjective on '{span.root.head.text}': the country {country}"
                        )
                        + (f"; '{span.text}' read as a misspelt country name" if only.misspelt else ""),
                        head=span.root.i,
                    )
                actor = Actor(
                    text=span_text,
                    name=self._country_name(country),
                    id=f"country:{country}",
                    country=country,
                    type="country",
                )
                reason_bits.append(f"country name {country}")
            else:
                hw = self.kb.heads.get(head_word or "", _NO)
                body = hw.name_only and self._role_body(head_tok, head_word or "")
                if (
                    country is None
                    and not body
                    and (hw.weak or head_tok.dep_ in {"compound", "amod"})
                    and not (hw.weak and head_tok.dep_ not in {"compound", "amod"} and self._role_named(own))
                ):
                    return None
                regional = any(toks[i].text.capitalize() in self.kb.regions for i in range(start, end))
                if body and country is None and regional:
                    # "the West African bloc": a body of a region's states is their regional organisation
                    country, sector = "IGO", "IGO"
                    reason_bits.append(f"regional body '{span_text}': IGO")
                actor = Actor(
                    text=span_text,
                    country=country,
                    sector=sector,
                    type="organization" if hw.name_only else "group",
                    name=self._country_name(country) if country else None,
                )
                if hw.name_only:  # "the Nigerian Union of Teachers": a name the knowledge base lacks
                    reason_bits.append(
                        f"organisation named by country and head noun '{head_tok.text}': "
                        f"country {country}; {why}"
                    )
                else:
                    said = country and any("country" in b for b in reason_bits)
                    where = (
                        "" if said else f"country {country} from modifier; " if country else "no country; "
                    )
                    reason_bits.append(where + why)
        if actor is None:
            return None
        for a in members:
            if a.misspelt and a.country == actor.country:
                reason_bits.append(f"'{toks[a.start].text}' read as a misspelt country name ({a.country})")
        return ActorMention(
            start=span_start,
            end=span_start + len(span_text),
            text=span_text,
            actor=actor,
            reason="; ".join(b for b in reason_bits if b),
            head=head if head < end else end - 1,
        )

    def _role_named(self, lemmas: list[str]) -> bool:
        """A weak head that a force or armed role names with no country ("security personnel", "a rebel
        commander", "police officers", "militia fighters"): the words say who they are without a country,
        as in snippets whose places and names are unknown. Not a modifier of a state's civil side ("foreign
        officials") or of rank alone ("former")."""
        kb = self.kb
        for i, w in enumerate(lemmas):
            two = f"{w} {lemmas[i + 1]}" if i + 1 < len(lemmas) else ""
            if two in kb.heads and not kb.heads[two].weak and not kb.heads[two].name_only:
                return True
            if two in kb.modifiers and kb.modifiers[two] in _ROLE_SECTORS:
                return True
            if i + 1 < len(lemmas) and kb.modifiers.get(w) in _ROLE_SECTORS:
                return True
        return False

    def _of_name_end(self, sdoc: Any, end: int, by_token: dict[int, _Atom]) -> int:
        """Extend "Ministry" over "of Foreign Affairs" (capitalised words that name no other actor)."""
        if end + 1 >= len(sdoc) or sdoc[end].lower_ != "of":
            return end
        j = end + 1
        while (
            j < len(sdoc)
            and (sdoc[j].text[:1].isupper() or sdoc[j].lower_ in {"and", "&"})
            and (by_token.get(j) is None or by_token[j].kind == "sector" or by_token[j].label == "PROPN")
        ):
            j += 1
        while j > end + 1 and sdoc[j - 1].lower_ in {"and", "&"}:
            j -= 1
        return j if j > end + 1 else end

    def _primary(self, members: Sequence[_Atom]) -> _Atom | None:
        rank = {"person": 0, "group": 1, "organization": 1, "institution": 2, "capital": 4, "country": 5}
        best: tuple[int, _Atom] | None = None
        for a in members:
            if a.kind == "entry" and a.entry is not None:
                r = rank.get(a.entry.kind, 3)
            elif a.kind == "name" and a.label in {"PERSON", "ORG", "GPE", "FAC", "PROPN"}:
                r = 0 if a.label == "PERSON" else 3
            else:
                continue
            if best is None or r < best[0]:
                best = (r, a)
        return best[1] if best else None

    def _describe(
        self,
        span_text: str,
        atom: _Atom,
        name: str,
        lemmas: list[str],
        country: str | None,
        appos_country: str | None,
        ctx: _Context,
    ) -> tuple[Actor | None, str]:
        """An entity the knowledge base does not know: keep what its description says."""
        words = name.split()
        sector, why = self._sector(lemmas)
        if sector is None and atom.label == "ORG":
            # "the Independent Electoral Commission", "the Union of Journalists": a name whose head is an
            # organisation noun gives that noun's sector
            named = [w.lower() for w in words]
            named = named[: named.index("of")] if "of" in named else named
            if named and self.kb.heads.get(named[-1], _NO).name_only:
                sector, why = self._sector(lemmas, head_lemma=named[-1])
        # "The Supreme Court", "the Military Council": a name whose last word is itself a sector word
        # names a body, not a person
        body = bool(words) and words[-1].lower() in self.kb.heads
        last = span_text.split()[-1].lower() if span_text.split() else ""
        if (
            atom.label in {"PERSON", "GPE"}
            and last in self.kb.place_designators
            and last not in name.lower().split()
        ):
            return None, f"a place: '{span_text}'"  # "Borno state": no person named Borno, no government
        phrase = " ".join(w for w in span_text.lower().split() if w not in ("the", "a", "an"))
        head = self.kb.heads.get(phrase)
        if atom.label == "PERSON" and head is not None and " " in phrase and not head.weak:
            # "Riot police fired tear gas": the tagger took the first word of a sector phrase for a name
            return Actor(text=span_text, country=country, sector=head.sector, type="group"), (
                f"'{span_text}' is a sector phrase, no person's name"
            )
        led = self._named_following(span_text, name)
        if led is not None and sector:
            # "Hoxha Nkosi rebels", "the Sipho Brennan militia": a name before a sector noun names the
            # group (by its leader or its own name), not a person
            return Actor(text=span_text, name=name, country=country, sector=sector, type="group"), (
                f"a group named '{name}' by the sector noun '{led}' after the name; "
                f"country {country or '-'}; {why}"
            )
        if atom.label == "PERSON" or (
            atom.label in {"GPE", "ORG"} and _looks_like_name(words) and sector and not body
        ):
            key = person_family(name, False)
            known = ctx.unknown.get(key)
            if known is not None and len(name.split()) == 1:
                return Actor(
                    text=span_text, name=known.name, country=known.country, sector=known.sector, type="person"
                ), f"same person as {known.name} earlier in the document"
            c = country or appos_country
            actor = Actor(
                text=span_text,
                name=name,
                country=c,
                sector=sector or ("GOV" if c and appos_country else None),
                type="person",
            )
            if key:
                ctx.unknown[key] = actor
            return actor, f"unknown person; country {c or '-'} from description; {why or 'no sector word'}"
        if atom.label == "ORG" and not country and (international := self._international(span_text, name))[0]:
            return international
        if atom.label == "ORG" and (country or sector):
            return Actor(text=span_text, name=name, country=country, sector=sector, type="organization"), (
                f"unknown organisation; country {country or '-'}; {why or 'no sector word'}"
            )
        return None, ""

    def _named_following(self, span_text: str, name: str) -> str | None:
        """The sector noun that ends ``span_text`` after the name in it ("Hoxha Nkosi rebels": 'rebels'),
        where that noun is a strong head or one of an armed or policing role; else ``None``."""
        words = span_text.split()
        named = {w.lower() for w in name.split()}
        if len(words) < 2 or not named or words[-1].lower() in named or words[-1][:1].isupper():
            return None
        if words[-2].lower() not in named and words[-2].lower().rstrip("'s’") not in named:
            return None
        hw = self.kb.heads.get(_lemma(words[-1]))
        if hw is None or hw.name_only or (hw.weak and hw.sector not in _ROLE_SECTORS):
            return None
        return words[-1]

    def _international(self, span_text: str, name: str) -> tuple[Actor | None, str]:
        """An NGO for the name of an organisation of no one country: "International" or "World" before an
        organisation noun ("the Global Water Forum"), with nothing in it that names a country; else
        ``(None, "")``."""
        surface = [w for w in name.replace("-", " ").split() if w.lower() != "the"]
        words = [w.lower() for w in surface]
        if "of" in words:  # "the International Federation of Journalists": the name's head comes before "of"
            words = words[: words.index("of")]
        if not words or not any(w in self.kb.international for w in words[:-1]):
            return None, ""
        head = self.kb.heads.get(words[-1], _NO)
        if not head.name_only or any(self.kb.demonym(w) for w in surface):
            return None, ""
        actor = Actor(text=span_text, name=name, country="NGO", sector="NGO", type="organization")
        return actor, "unknown organisation named as international: NGO"


# --- small helpers ---


_NO = SectorWord("")


BUILDING_NOUNS = frozenset(
    {"building", "headquarters", "hotel", "hall", "compound", "complex", "centre", "center", "auditorium"}
)
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "outside", "near", "into"})


def _names_a_building(tok: Any) -> bool:
    """True for a name modifying a building where something took place ("in the Freedom House building")."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.lemma_.lower() in BUILDING_NOUNS
        and head.dep_ == "pobj"
        and head.head.lower_ in LOCATIVE_PREPS
    )


def _is_person(atom: _Atom) -> bool:
    if atom.kind == "entry":
        return atom.entry is not None and atom.entry.kind == "person"
    return atom.kind == "name" and atom.label == "PERSON"


def _looks_like_name(words: Iterable[str]) -> bool:
    ws = list(words)
    return bool(ws) and all(w[:1].isupper() for w in ws) and len(ws) <= 5


def _strip_titles(text: str) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    while words and words[0].lower().strip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)
