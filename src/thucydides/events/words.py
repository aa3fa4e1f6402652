"""The closed word lists of the event coder (``data/event_words.yaml``), one copy each.

Pronouns, prepositions of place and cause, auxiliaries, verbs of reporting and of intention...: the small
grammar words the coder's rules test. Read once, on first use, by :func:`event_words` (an immutable
table shared by every coder, like :func:`thucydides.ontology.bundled_ontology`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml

# lists whose order matters (the first preposition is preferred): kept as tuples
ORDERED = frozenset({"cause_preps", "done_in_preps", "dateline_marks", "phone_words", "met_crowds_act"})
DERIVED = frozenset({"open_marks", "scene_preps"})  # made from other lists, not in the file


@dataclass(frozen=True, slots=True)
class EventWords:
    """The word lists, by name (see the comments in ``event_words.yaml``)."""

    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    addressee_verbs: frozenset[str]
    definite: frozenset[str]
    reflexives: frozenset[str]
    threat_verbs: frozenset[str]
    condition_marks: frozenset[str]
    inverted_condition_aux: frozenset[str]
    question_marks: frozenset[str]
    cause_preps: tuple[str, ...]
    done_in_preps: tuple[str, ...]
    place_preps: frozenset[str]
    session_verbs: frozenset[str]
    phone_words: tuple[str, ...]
    motion_verbs: frozenset[str]
    aimed_verbs: frozenset[str]
    aim_preps: frozenset[str]
    place_nouns: frozenset[str]
    sending_verbs: frozenset[str]
    arrival_preps: frozenset[str]
    exclusion_preps: frozenset[str]
    armed_group_sectors: frozenset[str]
    state_force_sectors: frozenset[str]
    non_police_harm: frozenset[str]
    dateline_marks: tuple[str, ...]
    dateline_dashes: frozenset[str]
    quantity_nouns: frozenset[str]
    descent_preps: frozenset[str]
    agent_nouns: frozenset[str]
    pair_nouns: frozenset[str]
    people_pair_nouns: frozenset[str]
    destination_preps: frozenset[str]
    origin_preps: frozenset[str]
    reporting_verbs: frozenset[str]
    time_words: frozenset[str]
    partitives: frozenset[str]
    sum_words: frozenset[str]
    member_partitives: frozenset[str]
    clausal_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    failure_verbs: frozenset[str]
    aspectual_verbs: frozenset[str]
    continuation_verbs: frozenset[str]
    crowd_control_codes: frozenset[str]
    met_crowds: frozenset[str]
    met_crowds_act: tuple[str, ...]
    crowd_control_verbs: frozenset[str]
    preparation_words: frozenset[str]
    intent_words: frozenset[str]
    intent_nouns: frozenset[str]
    message_nouns: frozenset[str]
    object_control: frozenset[str]
    gerund_control: frozenset[str]
    charge_verbs: frozenset[str]
    carrying_verbs: frozenset[str]
    body_seats: frozenset[str]
    town_nouns: frozenset[str]
    demonym_scene_nouns: frozenset[str]
    direction_words: frozenset[str]
    voice_nouns: frozenset[str]
    compound_prep_heads: frozenset[str]
    express_verbs: frozenset[str]
    episode_nouns: frozenset[str]
    force_units: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    victim_participles: frozenset[str]
    unrealised_modifiers: frozenset[str]
    prevention_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    demand_for_words: frozenset[str]
    protest_crowds: frozenset[str]
    negative_determiners: frozenset[str]
    absence_preps: frozenset[str]
    absence_heads: frozenset[str]
    legal_action_verbs: frozenset[str]
    legal_action_preps: frozenset[str]
    occasion_heads: frozenset[str]
    sequel_preps: frozenset[str]
    past_modifiers: frozenset[str]
    ongoing_modifiers: frozenset[str]
    manner_protest_nouns: frozenset[str]
    denial_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    sports_words: frozenset[str]
    leader_participles: frozenset[str]
    patient_nouns: frozenset[str]
    base_participles: frozenset[str]
    group_violence: frozenset[str]
    disaster_nouns_only: frozenset[str]
    plural_collectives: frozenset[str]
    site_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    meeting_words: frozenset[str]
    custody_places: frozenset[str]
    discharge_verbs: frozenset[str]
    force_encounters: frozenset[str]
    missile_nouns: frozenset[str]
    place_object_verbs: frozenset[str]
    # made from the lists above: words that open a condition or an open question ("if", "unless", "whether")
    open_marks: frozenset[str] = frozenset()
    # the place prepositions that set a scene, not an origin ("in", "at"; not "from")
    scene_preps: frozenset[str] = frozenset()

    @classmethod
    def from_yaml(cls, text: str) -> EventWords:
        """Read the lists from YAML text.

        Raises:
            ValueError: when a list is missing or the file names one this table does not know.
        """
        raw: dict[str, Any] = load_yaml(text) or {}
        names = [f.name for f in fields(cls) if f.name not in DERIVED]
        missing = [n for n in names if n not in raw]
        unknown = [str(k) for k in raw if k not in names]
        if missing or unknown:
            raise ValueError(f"event_words.yaml: missing lists {missing}, unknown lists {unknown}")
        lists: dict[str, Any] = {
            n: tuple(str(w) for w in raw[n]) if n in ORDERED else frozenset(str(w) for w in raw[n])
            for n in names
        }
        lists["open_marks"] = lists["condition_marks"] | lists["question_marks"]
        lists["scene_preps"] = lists["place_preps"] - set(lists["origin_preps"])
        return cls(**lists)


@functools.cache
def event_words() -> EventWords:
    """The bundled word lists, read on first use."""
    text = (resources.files("thucydides") / "data" / "event_words.yaml").read_text(encoding="utf-8")
    return EventWords.from_yaml(text)
