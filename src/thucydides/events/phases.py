"""The coder as declared phases: named rules over a typed candidate, their order in a data file.

``data/event_phases.yaml`` lists the phases in order (propose → arguments → complete → screen → aim →
filter → recode → attach → emit, then rank per sentence) and the rules of each, in order, with their
parameters. A rule is a function ``(candidate, params) -> bool`` (True: it changed the candidate) of
:mod:`~thucydides.events.rules_arguments`, :mod:`~thucydides.events.rules_complete` or
:mod:`~thucydides.events.rules_recode`; the ``rank`` rules of :mod:`~thucydides.events.rules_rank` take a
:class:`~thucydides.events.candidate.SentenceState`. The ``propose`` rules name the kinds of trigger
:class:`~thucydides.events.triggers.TriggerFinder` looks for.

Rules can be switched off (:meth:`Phases.without`), which is what ``thucydides eval --ablate RULE``
does; every rule that changed an event is named in its explanation's ``rules:`` line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from types import MappingProxyType
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.events import rules_arguments, rules_complete, rules_rank, rules_recode
from thucydides.events.candidate import Candidate, Params, SentenceState
from thucydides.events.rules_recode import events_of
from thucydides.record import Event

TRIGGER_RULES = MappingProxyType(
    {
        "verb_triggers": 'A verb or adjective of the lexicon ("attacked", "was arrested").',
        "light_verb_triggers": 'The event noun a light verb takes ("held talks", "launched an attack").',
        "obligation_triggers": '"X said Y must leave": a demand of Y (should: an appeal).',
        "noun_triggers": 'An event noun of the lexicon ("the bombing", "protests").',
        "reacted_act_triggers": (
            "The act a verb of reacting to it, owning or denying it or protesting it takes as object"
            ' ("condemned the shooting of two protesters"): an event of its own, coded as an event noun.'
        ),
    }
)
CANDIDATE_RULES: Mapping[str, Callable[[Candidate, Params], bool]] = MappingProxyType(
    {**rules_arguments.RULES, **rules_complete.RULES, **rules_recode.RULES}
)
RULES_LINE = "rules: "
# rules that only ever act on a verb's candidate, or on an event noun's (each guards on it too): left out of
# the other kind's plan, so that a candidate does not call them
VERBAL_ONLY = rules_arguments.VERBAL_ONLY | rules_complete.VERBAL_ONLY
NOMINAL_ONLY = rules_arguments.NOMINAL_ONLY | rules_complete.NOMINAL_ONLY
Step = tuple[Callable[..., bool], Params, str]
Guard = Callable[[Candidate], bool]
# conditions a phase may be declared to need (``when`` in the data file): every rule of the phase tests it
# first, so the phase is not run where it fails
GUARDS: Mapping[str, Callable[[Candidate], bool]] = MappingProxyType(
    {
        "source_without_target": lambda c: bool(c.sources) and not c.targets,
        "no_target": lambda c: not c.targets,
    }
)
CONFIDENCE_RULES = rules_rank.CONFIDENCE_RULES


class UnknownRule(ValueError):
    """A rule name that is not a rule of the coder (or one it cannot do without)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule of a phase, with its parameters."""

    name: str
    phase: str
    fn: Callable[..., bool] | None  # None for the propose phase's trigger kinds
    params: Params = field(default_factory=lambda: MappingProxyType({}))
    core: bool = False
    about: str = ""


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase: its rules in order; ``sentence`` phases run once per sentence over all its events."""

    name: str
    rules: tuple[Rule, ...]
    about: str = ""
    sentence: bool = False
    when: str = ""  # a guard of GUARDS: the phase runs only on candidates it holds for


@dataclass(frozen=True, slots=True)
class Phases:
    """The coder's phases in order, with the rules switched off (see :meth:`without`)."""

    phases: tuple[Phase, ...]
    confidence: Params
    off: frozenset[str] = frozenset()
    # what runs, made once (see __post_init__): per kind of trigger (verbal, nominal), each candidate phase
    # as (name, ((rule function, params, rule name), ...)); and the sentence phases' rules
    verbal_plan: tuple[tuple[str, Guard | None, tuple[Step, ...]], ...] = field(init=False, default=())
    nominal_plan: tuple[tuple[str, Guard | None, tuple[Step, ...]], ...] = field(init=False, default=())
    sentence_plan: tuple[Step, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        for nominal, attr in ((False, "verbal_plan"), (True, "nominal_plan")):
            skip = VERBAL_ONLY if nominal else NOMINAL_ONLY
            plan = tuple(
                (
                    p.name,
                    GUARDS[p.when] if p.when else None,
                    tuple((r.fn, r.params, r.name) for r in self.active(p) if r.name not in skip),
                )
                for p in self.phases
                if not p.sentence and p.name != "propose"
            )
            object.__setattr__(self, attr, plan)
        steps = tuple((r.fn, r.params, r.name) for p in self.phases if p.sentence for r in self.active(p))
        object.__setattr__(self, "sentence_plan", steps)

    @classmethod
    def load(cls, text: str | None = None) -> Phases:
        """The bundled phases (``data/event_phases.yaml``), or those of a YAML text.

        Raises:
            ValueError: a rule the coder does not have, or a rule listed twice.
        """
        if text is None:
            text = (resources.files("thucydides") / "data" / "event_phases.yaml").read_text(encoding="utf-8")
        raw: dict[str, Any] = load_yaml(text) or {}
        phases: list[Phase] = []
        seen: set[str] = set()
        for spec in raw.get("phases") or ():
            name = str(spec["name"])
            sentence = bool(spec.get("sentence", False))
            table: Mapping[str, Callable[..., bool]] = rules_rank.RULES if sentence else CANDIDATE_RULES
            rules: list[Rule] = []
            for item in spec.get("rules") or ():
                entry = item if isinstance(item, dict) else {"name": item}
                rname = str(entry["name"])
                if rname in seen:
                    raise ValueError(f"event_phases.yaml: rule {rname!r} is listed twice")
                seen.add(rname)
                if name == "propose":
                    if rname not in TRIGGER_RULES:
                        raise ValueError(f"event_phases.yaml: {rname!r} is no kind of trigger")
                    fn = None
                elif rname in table:
                    fn = table[rname]
                else:
                    raise ValueError(f"event_phases.yaml: phase {name!r} names an unknown rule {rname!r}")
                params = MappingProxyType(dict(entry.get("params") or {}))
                doc = (fn.__doc__ or "").strip().split("\n\n")[0] if fn is not None else TRIGGER_RULES[rname]
                rules.append(
                    Rule(rname, name, fn, params, bool(entry.get("core", False)), " ".join(doc.split()))
                )
            when = str(spec.get("when") or "")
            if when and when not in GUARDS:
                raise ValueError(f"event_phases.yaml: phase {name!r} names an unknown condition {when!r}")
            phases.append(Phase(name, tuple(rules), str(spec.get("about") or ""), sentence, when))
        return cls(tuple(phases), MappingProxyType(dict(raw.get("confidence") or {})))

    def names(self) -> list[str]:
        """Every rule's name, in order."""
        return [r.name for p in self.phases for r in p.rules]

    def without(self, names: Iterable[str]) -> Phases:
        """These phases with the rules ``names`` switched off.

        Raises:
            UnknownRule: a name that is no rule, or a core rule (one line, naming the rules there are).
        """
        names = [str(n) for n in names]
        known = {r.name: r for p in self.phases for r in p.rules}
        for name in names:
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise UnknownRule(
                    f"unknown rule {name!r}{hint}: `thucydides eval --list-rules` lists the coder's rules"
                )
            if known[name].core:
                raise UnknownRule(
                    f"rule {name!r} cannot be switched off: the coder makes no event without it"
                )
        return replace(self, off=self.off | frozenset(names))

    def active(self, phase: Phase) -> list[Rule]:
        """The rules of ``phase`` that are switched on, in order."""
        return [r for r in phase.rules if r.name not in self.off]

    def triggers(self) -> frozenset[str]:
        """The kinds of trigger the propose phase looks for."""
        return frozenset(r.name for p in self.phases if p.name == "propose" for r in self.active(p))

    def describe(self) -> str:
        """The phases and their rules, one line each, for ``thucydides eval --list-rules``."""
        lines: list[str] = []
        for p in self.phases:
            when = f" (when {p.when.replace('_', ' ')})" if p.when else ""
            lines.append(f"{p.name}: {p.about}" + (" (per sentence)" if p.sentence else "") + when)
            for r in p.rules:
                flags = " [core]" if r.core else " [off]" if r.name in self.off else ""
                about = f"  {r.about}" if r.about else ""
                lines.append(f"  {r.name}{flags}{about}")
        return "\n".join(lines) + "\n"

    # -- running ------------------------------------------------------------------------------------------

    def code(self, c: Candidate) -> list[Event]:
        """Run the candidate phases over ``c``; its events (none where a rule dropped it)."""
        steps = c.steps
        for name, guard, rules in self.nominal_plan if c.trig.nominal else self.verbal_plan:
            if guard is not None and not guard(c):
                continue
            for fn, params, rule in rules:
                if fn(c, params):
                    steps.append(rule)
                    if c.dropped is not None:
                        c.scene.dropped.add(c.dropped)
                        return []
            if name == "arguments":  # the arguments' reasons open the explanation of the actors
                c.why = "; ".join(c.arg_why)
        events = events_of(c, self.confidence)
        line = RULES_LINE + ", ".join(steps)
        for ev in events:
            ev.explain.append(line)
        return events

    def rank(self, st: SentenceState) -> list[Event]:
        """Run the sentence phases over a sentence's events; the events that stand. A rule that changes
        an event's confidence is noted in its explanation (rules that drop events leave none to note)."""
        for fn, params, rule in self.sentence_plan:
            noted = rule in CONFIDENCE_RULES and (st.found is not None or any(evs for _, evs in st.coded))
            events = st.events() if noted else None
            if not events:
                fn(st, params)
                continue
            before = {id(ev): ev.confidence for ev in events}
            if fn(st, params):
                for ev in st.events():
                    if before.get(id(ev), ev.confidence) != ev.confidence:
                        _note(ev, rule)
        return st.flat()


# -- for `thucydides eval` -------------------------------------------------------------------------------


def ablate(pipeline: Any, rules: list[str]) -> None:
    """Switch off the event coder's rules ``rules`` in ``pipeline`` (``thucydides eval --ablate``).

    Raises:
        ValueError: a name that is no rule of the coder, or a pipeline without a coder (one line).
    """
    from thucydides.events.coder import EventCoder

    coder = next((s for s in getattr(pipeline, "post", ()) if isinstance(s, EventCoder)), None)
    if not rules:
        return
    if coder is None:
        raise ValueError("the pipeline has no event coder to switch rules off in")
    coder.switch_off(rules)


def check_rules(rules: list[str]) -> None:
    """Raise ValueError (one line) unless every name in ``rules`` is a rule of the coder that can be
    switched off; checked before the pipeline is built."""
    Phases.load().without(rules)


def list_rules() -> str:
    """The event coder's phases and rules, one a line (``thucydides eval --list-rules``)."""
    return Phases.load().describe()


def _note(ev: Event, name: str) -> None:
    """Add a rule to the event's ``rules:`` line."""
    for n, line in enumerate(ev.explain):
        if line.startswith(RULES_LINE):
            ev.explain[n] = f"{line}, {name}"
            return
    ev.explain.append(RULES_LINE + name)
