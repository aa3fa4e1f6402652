"""The learned model in the coder: it proposes events where the rules find none, and ranks those they find.

For a sentence where the lexicon finds no event, :class:`Proposer` asks the sentence model
(:class:`thucydides.events.model.SentenceEventModel`) for its most probable type; when that type (or an
arrest or killing by the police, from the model's police heads, or a protest or an attack, from its
contentious head) is probable enough, it looks for the
sentence's word of that type (a lexicon word whose sense is of that type, else the main verb) and hands a
trigger there to the coder, which fills source and target from the parse and the generic actors as for
any other trigger. The model says *what* happened; the syntax says who did it to whom. Where the text names
no one ("the explosion left both bombers dead"), the event the model proposes stands without actors; an
event it proposes beside the rules' events must name someone (:attr:`Proposal.beside_rules`).

The thresholds are in ``data/event_model.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.events.lexicon import Entry, ImpliedAgent, Lexicon, excludes_object, sense_ruled_out
from thucydides.events.modality import absent
from thucydides.events.syntax import unreported_act
from thucydides.events.triggers import Trigger
from thucydides.events.words import event_words

NONE = "NONE"
POLICE_HEADS = ("police_arrest", "police_kill")


@dataclass(frozen=True, slots=True)
class ProposerSettings:
    """Thresholds and codes of the model's proposals (``data/event_model.yaml``)."""

    min_type_probability: float = 0.6
    min_police_probability: float = 0.6
    confidence_base: float = 0.2
    confidence_scale: float = 0.3
    police_codes: dict[str, str] = field(default_factory=dict)
    police_agent: ImpliedAgent = ImpliedAgent("COP", "police")
    rank_min_probability: float = 0.5
    rank_bonus: float = 0.05
    override_probability: float = 0.8
    # where the rules found events but no arrest or killing by a state force, the police heads' event is
    # proposed beside theirs when the head is at least this sure (above 1: never)
    police_override_probability: float = 1.01
    # where neither the police heads nor the type head propose, the contentious head may: an event of the
    # more probable of these types when the head is at least this sure (above 1: never)
    min_contentious_probability: float = 1.01
    contentious_types: tuple[str, ...] = ("PROTEST", "ASSAULT")
    # the contentious head proposes only where a word of the lexicon with a sense of the proposed type is in
    # the sentence (its conditions aside), never on the sentence's main verb alone
    contentious_needs_word: bool = True

    @classmethod
    def load(cls, text: str | None = None) -> ProposerSettings:
        """The bundled settings (or those of a YAML text)."""
        if text is None:
            text = (resources.files("thucydides") / "data" / "event_model.yaml").read_text(encoding="utf-8")
        raw = load_yaml(text) or {}
        prop = raw.get("proposer") or {}
        rank = raw.get("ranking") or {}
        return cls(
            min_type_probability=float(prop.get("min_type_probability", 0.6)),
            min_police_probability=float(prop.get("min_police_probability", 0.6)),
            confidence_base=float(prop.get("confidence_base", 0.2)),
            confidence_scale=float(prop.get("confidence_scale", 0.3)),
            police_codes={str(k): str(v) for k, v in (prop.get("police_codes") or {}).items()},
            police_agent=ImpliedAgent(
                str((prop.get("police_agent") or {}).get("sector", "COP")),
                str((prop.get("police_agent") or {}).get("text", "police")),
            ),
            rank_min_probability=float(rank.get("min_probability", rank.get("min_type_probability", 0.5))),
            rank_bonus=float(rank.get("bonus", 0.05)),
            override_probability=float(rank.get("override_probability", 0.8)),
            police_override_probability=float(rank.get("police_override_probability", 1.01)),
            min_contentious_probability=float(prop.get("min_contentious_probability", 1.01)),
            contentious_types=tuple(str(t) for t in prop.get("contentious_types", ("PROTEST", "ASSAULT"))),
            contentious_needs_word=bool(prop.get("contentious_needs_word", True)),
        )


@dataclass(frozen=True, slots=True)
class Proposal:
    """A trigger the model proposes, with the type it gave and how probable."""

    trigger: Trigger
    event_type: str
    probability: float
    head: str  # the model's head that proposed it: "type", "police_arrest", "police_kill" or "contentious"
    beside_rules: bool = False  # proposed beside the rules' events of the sentence (of a type they missed)

    @property
    def may_name_no_one(self) -> bool:
        """Whether its event stands with neither source nor target: only where the rules found no event in
        the sentence (beside theirs, an event naming no one would be ranked first on the model's word)."""
        return not self.beside_rules


class Proposer:
    """Chooses the type the model proposes for a sentence and the word that carries it."""

    def __init__(self, model: Any, lexicon: Lexicon, ontology: Any, settings: ProposerSettings | None = None):
        self.model = model
        self.lexicon = lexicon
        self.ontology = ontology
        self.settings = settings or ProposerSettings.load()
        # the last document asked about and its sentences' probabilities, by (start, end) token
        self._cached: tuple[Any, dict[tuple[int, int], dict[str, float]]] | None = None

    def probabilities(self, sent: Any) -> dict[str, float]:
        """The model's probabilities for one sentence.

        The first time a sentence of a document is asked about, every sentence of that document is scored
        in one batch (cheaper than one at a time) and kept until the next document.
        """
        doc = sent.doc
        cached = self._cached  # read once: another thread may replace it meanwhile
        if cached is None or cached[0] is not doc:
            sents = list(doc.sents)
            cached = (
                doc,
                {(s.start, s.end): p for s, p in zip(sents, self.model.predict(sents), strict=True)},
            )
            self._cached = cached
        probs = cached[1].get((sent.start, sent.end))
        return dict(probs) if probs is not None else dict(self.model.predict([sent])[0])

    def top_type(self, probs: dict[str, float]) -> tuple[str | None, float]:
        """The most probable event type (not NONE) and its probability."""
        labels = [label for label in self.model.labels if label != NONE]
        if not labels:
            return None, 0.0
        best = max(labels, key=lambda label: probs.get(label, 0.0))
        return best, probs.get(best, 0.0)

    def propose(self, sent: Any, probs: dict[str, float], kind: str | None = None) -> Proposal | None:
        """The trigger for the event the model finds in a sentence the rules found none in, if any; with
        ``kind``, the trigger of an event of that type (the model's most probable type)."""
        s = self.settings
        if kind is not None:
            trig = self._trigger(sent, kind, self.ontology.default_cameo(kind))
            return Proposal(trig, kind, probs.get(kind, 0.0), "type", True) if trig is not None else None
        if self.police_head(probs, s.min_police_probability) is not None:
            return self.propose_police(sent, probs, s.min_police_probability)
        kind, p = self.top_type(probs)
        if kind is None or p < s.min_type_probability or p <= probs.get(NONE, 0.0):
            return self._contentious(sent, probs)
        trig = self._trigger(sent, kind, self.ontology.default_cameo(kind))
        return Proposal(trig, kind, p, "type") if trig is not None else None

    def propose_police(
        self, sent: Any, probs: dict[str, float], threshold: float, beside_rules: bool = False
    ) -> Proposal | None:
        """The arrest or killing of the more probable police head, where that head is at least ``threshold``
        sure and a word of the sentence can carry it; else ``None``."""
        police = self.police_head(probs, threshold)
        if police is None:
            return None
        code = self.settings.police_codes[police]
        kind = str(self.ontology.plover_type(code))
        # beside the rules' events, only on a word that names that act ("arrested", "custody", "shot"), never
        # the main verb or another word of its type ("warned", "curfew"): where that word's event was turned
        # down ("can be arrested", "the planned arrest"), the rules had their reasons
        trig = self._trigger(sent, kind, code, exact=True, lexical=beside_rules, same_act=beside_rules)
        return Proposal(trig, kind, probs[police], police, beside_rules) if trig is not None else None

    def police_head(self, probs: dict[str, float], threshold: float) -> str | None:
        """The more probable police head, where it is at least ``threshold`` sure and has a code."""
        police = max(POLICE_HEADS, key=lambda h: probs.get(h, 0.0))
        if probs.get(police, 0.0) < threshold or police not in self.settings.police_codes:
            return None
        return police

    def _same_act(self, cameo: str, code: str) -> bool:
        """Whether a sense's code names the act of ``code``: the same three-digit CAMEO code ("173" for an
        arrest, not "1723", a curfew), or both violence."""
        onto = self.ontology
        return cameo[:3] == code[:3] or (onto.in_class("violent", cameo) and onto.in_class("violent", code))

    def _contentious(self, sent: Any, probs: dict[str, float]) -> Proposal | None:
        """A protest or an attack (the more probable of ``contentious_types`` by the type head) where the
        contentious head is sure the sentence reports one but the type head is not sure of its type; with
        ``contentious_needs_word``, of the more probable type that a word of the sentence can carry."""
        s = self.settings
        p = probs.get("contentious", 0.0)
        kinds = [k for k in s.contentious_types if k in self.model.labels]
        if p < s.min_contentious_probability or not kinds:
            return None
        for kind in sorted(kinds, key=lambda k: -probs.get(k, 0.0)):
            trig = self._trigger(
                sent, kind, self.ontology.default_cameo(kind), lexical=s.contentious_needs_word
            )
            if trig is not None:
                return Proposal(trig, kind, p, "contentious")
            if not s.contentious_needs_word:
                break
        return None

    def _trigger(
        self,
        sent: Any,
        kind: str,
        code: str,
        exact: bool = False,
        lexical: bool = False,
        same_act: bool = False,
    ) -> Trigger | None:
        """A trigger of type ``kind`` in ``sent``: a word of the lexicon with a sense of that type (its
        conditions aside; with ``exact``, given the code ``code``), else the sentence's main verb (or its
        head word) with the code ``code`` unless ``lexical`` asks for a word of the lexicon. A verb whose
        object is a reflexive pronoun ("killed himself") acts on no one else and is never the trigger,
        however sure the model is of the sentence's type; nor is a disaster's word that modifies another
        noun ("fire officials"); nor is an act named by a noun that was not done ("planned an attack",
        "foiled a bombing"); and where the sentence's only word of that type names an act that did not
        happen ("without violence"), was only planned, prevented or demanded ("demanded the arrest of the
        culprits") or is such a modifier, nothing is. With ``same_act``, only a word with a sense of the act
        of ``code`` (see :meth:`_same_act`)."""
        # a word of the lexicon with a sense of this type names an act not done (or only planned, prevented
        # or demanded), or no act
        negated = False
        for tok in sent:
            pos = "verb" if tok.pos_ == "VERB" else "noun" if tok.pos_ == "NOUN" else None
            if pos is None or _reflexive(tok):
                continue
            if _negated(tok) or (
                pos == "noun" and tok.dep_ == "compound" and tok.lower_ in self.lexicon.disaster_outbreaks
            ):  # an act said not to be done, or a disaster's word naming a kind of another noun ("fire
                # officials said", "the fire brigade"): no act
                table = self.lexicon.table(pos)
                negated = negated or any(
                    self.ontology.plover_type(e.cameo) == kind
                    for e in table.get(self.lexicon.lemma(tok, table), ())
                )
                continue
            if pos == "noun" and _unrealised(tok):
                table = self.lexicon.table(pos)
                negated = negated or any(
                    self.ontology.plover_type(e.cameo) == kind
                    for e in table.get(self.lexicon.lemma(tok, table), ())
                )
                continue
            lemma = self.lexicon.lemma(tok, self.lexicon.table(pos))
            senses = self.lexicon.table(pos).get(lemma, ())
            if any(excludes_object(e, tok) for e in senses):  # "fired 200 workers": no sense of firing at
                continue
            for entry in senses:
                if sense_ruled_out(entry, tok):  # "the trial was held", "police barricaded the road"
                    continue
                if self.ontology.plover_type(entry.cameo) == kind and (
                    not same_act or self._same_act(entry.cameo, code)
                ):
                    sense = _bare(entry, code if exact else entry.cameo)
                    return Trigger(sense, tok, tok, nominal=pos == "noun")
        if lexical or negated:  # "the rally went ahead without violence": the sentence's act of this type
            return None  # is the one it says was not done, not its main verb
        root = sent.root
        if not self.ontology.in_class("verbal", code):
            root = _reported(root)
        if root.pos_ not in ("VERB", "NOUN", "PROPN", "AUX") or _reflexive(root) or _negated(root):
            return None
        if root.lemma_.lower() in event_words().prevention_verbs:  # "thwarted an attack": nothing was done
            return None
        if root.lemma_.lower() == "be" and any(c.dep_ == "nsubj" for c in root.children):
            return None  # "the new collector is a 2014 batch officer": a description, no act ("there was" is)
        pos = "verb" if root.pos_ in ("VERB", "AUX") else "noun"
        senses = self.lexicon.table(pos).get(self.lexicon.lemma(root, self.lexicon.table(pos)), ())
        if any(excludes_object(sense, root) for sense in senses):  # "fought the blaze": no fight at all
            return None
        entry = Entry(key=root.lemma_.lower(), pos=pos, cameo=code)
        return Trigger(entry, root, root, nominal=pos == "noun")


def _unrealised(noun: Any) -> bool:
    """True for an act named by a noun that was not done: "the planned attack", "planned an attack",
    "foiled a bombing", "vowed a strike", "demanded the arrest of the culprits" (a modifier or a governing
    verb of intent, prevention or demand: :func:`thucydides.events.syntax.unreported_act`)."""
    words = event_words()
    head = noun.head
    lemma = head.lemma_.lower()
    return (
        noun.dep_ in ("dobj", "pobj")
        and head is not noun
        and (lemma in words.intent_words or lemma in words.prevention_verbs or lemma in words.intent_nouns)
    ) or unreported_act(noun)


def _negated(tok: Any) -> bool:
    """True for an act the sentence says did not happen: a negated verb ("did not attack"), a verb or a
    clause whose subject is "no ..." ("no acts of violence were reported", "no one was hurt"), an act named
    by a noun under "no" ("there was no violence"), directly or through its "of" ("no acts of violence")."""
    if any(c.dep_ == "neg" for c in tok.children) or absent(tok) is not None:
        return True
    nouns = [tok]
    if tok.pos_ in ("VERB", "AUX"):
        nouns = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        nouns += [c for x in tok.children if x.dep_ == "ccomp" for c in x.children if c.dep_ == "nsubjpass"]
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        nouns.append(tok.head.head)
    words = event_words().negative_determiners
    return any(c.dep_ in ("det", "neg") and c.lower_ in words for n in nouns for c in n.children) or any(
        n.lower_ in words for n in nouns
    )


NAMED_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _reported(root: Any) -> Any:
    """The verb of the clause a reporting verb reports ("the Israeli army stormed the camp, residents said":
    'stormed'), for an act that is not itself a statement, where that clause's subject names someone (a
    person, an organisation, a country or a people, in the words up to its head: not "the remarks by
    Pompeo") and states a fact (no "would", "could"): the act's doer
    is that subject, not the speaker. Otherwise ("the operation took place, Trump said", "the decision
    would lead to losses") the reporting verb itself."""
    words = event_words()
    while root.lemma_.lower() in words.reporting_verbs:
        clause = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if clause is None or any(
            c.dep_ == "aux" and c.lower_ in words.hypothetical_aux for c in clause.children
        ):
            break
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not any(
            t.ent_type_ in NAMED_ENTITIES for t in subject.subtree if t.i <= subject.i
        ):
            break
        root = clause
    return root


def _reflexive(tok: Any) -> bool:
    """True for a word whose direct object is a reflexive pronoun, by the parse's morphology."""
    return any(c.dep_ in ("dobj", "obj") and "Yes" in c.morph.get("Reflex") for c in tok.children)


def _bare(entry: Entry, code: str) -> Entry:
    """A lexicon sense without the conditions that did not hold (the model has vouched for the type)."""
    return Entry(key=entry.key, pos=entry.pos, cameo=code, targets=entry.targets, mode=entry.mode)
