"""Actors named through modifiers ("the Saudi-led coalition", "UN envoy X", "US and British troops"),
subjects and objects the parse puts out of the usual place (a participle read as the subject, an object
moved after an "as" phrase, "up to 20 teachers", conjunct chains), bodies meeting in session, and acts a
word of preparation frames. Sentences are written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.conftest import code_events as _code


def _top(pipeline: Any, text: str, published: date = date(2024, 3, 1)) -> Any:
    events = _code(pipeline, text, published)
    assert events, text
    return events[0]


def _code_of(actor: Any) -> str | None:
    return actor.country if actor is not None else None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Saudi-led coalition bombed a market in northern Yemen on Tuesday.", "SAU"),
        ("A French-led force attacked Malian militants near the border with Niger on Sunday.", "FRA"),
        ("The US-led coalition struck Iranian-backed militias in eastern Syria on Friday.", "USA"),
    ],
)
def test_events_x_led_body_is_coded_with_the_leader(pipeline: Any, text: str, source: str) -> None:
    assert _code_of(_top(pipeline, text).source) == source


ANY = object()  # a field the row does not check


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event", "source", "target"),
    [
        pytest.param(
            "Iran's Houthi allies fired missiles at Saudi Arabia on Monday.",
            "ASSAULT",
            "YEM",
            "SAU",
            id="name-of-the-head-beats-its-possessor",
        ),
        pytest.param(
            "A judge opened an investigation against five Peruvian ministers on Friday.",
            "ACCUSE",
            "PER",
            "PER",
            id="court-acting-on-officials-is-of-their-country",
        ),
        pytest.param(
            "The Taliban issued a statement demanding that Pakistan release its fighters.",
            "REQUEST",
            "AFG",
            "PAK",
            id="message-participle-takes-the-sender-as-source",
        ),
        pytest.param(
            "Syrian forces launched artillery, mortar and rocket fire against Turkish positions near the "
            "Iraqi border.",
            "ASSAULT",
            ANY,
            "TUR",
            id="conjunct-chain-of-objects-reaches-the-event-noun",
        ),
        pytest.param(
            "The Turkish army prepared to resume shelling Kurdish positions in northern Syria.",
            "MOBILIZE",
            "TUR",
            ANY,
            id="preparing-an-armed-act-is-mobilisation",
        ),
        pytest.param(
            "Gunmen from al-Shabaab abducted up to 20 Kenyan teachers near the Ethiopian border.",
            "ASSAULT",
            ANY,
            "KEN",
            id="counted-object-after-up-to-is-the-target",
        ),
        pytest.param(
            "Japan refused to contribute to the US-led mission against the Somali pirates.",
            "REJECT",
            ANY,
            "USA",
            id="target-two-nouns-into-a-refused-complement",
        ),
        pytest.param(
            "Islamists continued their hunger strike in Cairo.",
            "PROTEST",
            "EGY",
            ANY,
            id="islamists-are-an-actor-placed-by-the-scene",
        ),
        pytest.param(
            "The Angolan government on Thursday accepted demands from the rebels for a ceasefire.",
            "CONCEDE",
            "AGO",
            "AGO",
            id="rebels-facing-a-government-are-of-its-country",
        ),
        pytest.param(
            "Venezuela said on Sunday it had no intention of holding negotiations with Colombia.",
            "REJECT",
            "VEN",
            "COL",
            id="no-intention-of-talks-is-a-refusal",
        ),
        pytest.param(
            "Venezuela has no plans to negotiate with Colombia, the foreign ministry said.",
            "REJECT",
            "VEN",
            "COL",
            id="no-plans-to-negotiate-is-a-refusal",
        ),
    ],
)
def test_events_top_event_has_the_type_and_parties_the_structure_gives(
    pipeline: Any, text: str, event: str, source: object, target: object
) -> None:
    top = _top(pipeline, text)
    assert top.event_type == event
    if source is not ANY:
        assert _code_of(top.source) == source
    if target is not ANY:
        assert _code_of(top.target) == target


def test_events_preparing_an_armed_act_is_coded_as_military_alert() -> None:
    from thucydides.ontology import bundled_ontology

    onto = bundled_ontology()
    assert onto.plover_type(onto.code_class("preparation").codes[0]) == "MOBILIZE"


@pytest.mark.slow
def test_events_coordinated_country_modifiers_give_one_target_each(pipeline: Any) -> None:
    events = _code(pipeline, "The Red Cross said US and British troops must let the aid convoys through.")
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert {_code_of(e.target) for e in requests} == {"USA", "GBR"}


@pytest.mark.slow
def test_events_he_never_stands_for_a_country(pipeline: Any) -> None:
    text = (
        "A senior French minister said Iran must release the prisoners as he left for the Gulf to seek "
        "support for the demand."
    )
    events = _code(pipeline, text)
    assert not [e for e in events if e.trigger == "seek" and _code_of(e.source) == "IRN"]
    assert any(e.event_type == "REQUEST" and _code_of(e.source) == "FRA" for e in events)


@pytest.mark.slow
def test_events_body_meeting_in_session_is_no_consultation(pipeline: Any) -> None:
    assert not [e for e in _code(pipeline, "The Israeli cabinet met on Sunday.") if e.event_type == "CONSULT"]
    top = _top(pipeline, "Israel's cabinet met with Palestinian negotiators on Sunday.")
    assert top.event_type == "CONSULT"
    assert {_code_of(top.source), _code_of(top.target)} == {"ISR", "PSE"}


@pytest.mark.slow
def test_events_participle_read_as_subject_gives_way_to_its_own_subject(pipeline: Any) -> None:
    top = _top(
        pipeline, "Amnesty International operating in Myanmar said Thai police must free the detainees."
    )
    assert top.event_type == "REQUEST"
    assert top.source is not None and top.source.name == "Amnesty International"
    assert _code_of(top.target) == "THA"


@pytest.mark.slow
def test_events_object_moved_after_as_phrase_is_found(pipeline: Any) -> None:
    events = _code(
        pipeline, "Norway on Monday denounced as a grave violation Russia's seizure of the Ukrainian ships."
    )
    accusations = [e for e in events if e.event_type == "ACCUSE"]
    assert accusations and _code_of(accusations[0].source) == "NOR"
    assert _code_of(accusations[0].target) == "RUS"


@pytest.mark.slow
def test_events_unknown_person_takes_the_body_named_before_the_title(pipeline: Any) -> None:
    events = _code(pipeline, "Sudanese rebels agreed to meet UN envoy Pablo Ferrante in Chad next week.")
    agreements = [e for e in events if e.event_type == "AGREE"]
    assert agreements and _code_of(agreements[0].target) == "IGO"


@pytest.mark.slow
def test_events_title_shared_with_an_organisation_stays_with_the_person(pipeline: Any) -> None:
    text = "UN Secretary-General Ban Ki-moon urged Israel to halt the settlements."
    top = _top(pipeline, text, date(2010, 5, 1))
    assert top.source is not None and top.source.name == "Ban Ki-moon"
    assert top.source.country == "IGO"
    assert _code_of(top.target) == "ISR"


# -- the same structures on hand-built parses (the statistical parser does not always produce them) --------


def _parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Any:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_syntax_counted_noun_after_up_to_is_the_object() -> None:
    from thucydides.events.lexicon import direct_objects

    doc = _parse(
        ["Gunmen", "killed", "up", "to", "30", "soldiers"],
        [1, 1, 1, 2, 5, 3],
        ["nsubj", "ROOT", "prt", "prep", "nummod", "pobj"],
        ["NOUN", "VERB", "ADP", "ADP", "NUM", "NOUN"],
        ["NNS", "VBD", "RP", "IN", "CD", "NNS"],
    )
    assert [t.text for t in direct_objects(doc[1])] == ["soldiers"]


def test_syntax_participle_parsed_as_subject_yields_its_own_subject() -> None:
    from thucydides.events.syntax import _subject

    doc = _parse(
        ["The", "agency", "operating", "in", "Gaza", "said"],
        [1, 2, 5, 2, 3, 5],
        ["det", "nsubj", "nsubj", "prep", "pobj", "ROOT"],
        ["DET", "NOUN", "VERB", "ADP", "PROPN", "VERB"],
        ["DT", "NN", "VBG", "IN", "NNP", "VBD"],
    )
    subj, _ = _subject(doc[5])
    assert subj is not None and subj.text == "agency"


def test_syntax_light_verb_objects_follow_the_whole_conjunct_chain() -> None:
    from thucydides.events.syntax import _light_objects

    doc = _parse(
        ["Troops", "launched", "artillery", ",", "mortar", "and", "fire"],
        [1, 1, 1, 2, 2, 4, 4],
        ["nsubj", "ROOT", "dobj", "punct", "conj", "cc", "conj"],
        ["NOUN", "VERB", "NOUN", "PUNCT", "NOUN", "CCONJ", "NOUN"],
        ["NNS", "VBD", "NN", ",", "NN", "CC", "NN"],
    )
    assert [t.text for t in _light_objects([doc[2]])] == ["artillery", "mortar", "fire"]


def _actors(pipeline: Any, text: str, published: date) -> list[Any]:
    from thucydides.record import Document

    (doc,) = list(pipeline.run([Document(id="a", raw=text, published=published, published_how="given")]))
    return list(doc.actors)


@pytest.mark.slow
def test_actors_title_between_organisation_and_person_keeps_the_person(pipeline: Any) -> None:
    mentions = _actors(
        pipeline, "UN Secretary-General Kofi Annan said on Monday that he would go.", date(2001, 5, 1)
    )
    people = [m for m in mentions if m.actor.type == "person"]
    assert people and people[0].actor.name == "Kofi Annan" and people[0].actor.country == "IGO"
    organisations = [m for m in mentions if m.actor.type == "organization"]
    assert organisations and organisations[0].text == "UN" and organisations[0].actor.sector != "MIL"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "ngo"),
    [
        ("The Global Water Forum urged Brazil to protect its rivers.", True),
        ("The International Federation of Journalists condemned the arrests.", True),
        ("The World Cup opened in Qatar on Sunday.", False),
        ("The Kenyan Farmers Association urged the government to act.", False),
    ],
)
def test_actors_unknown_international_organisation_is_ngo(pipeline: Any, text: str, ngo: bool) -> None:
    mentions = _actors(pipeline, text, date(2024, 3, 1))
    assert any(m.actor.country == "NGO" and m.actor.type == "organization" for m in mentions) is ngo


@pytest.mark.slow
def test_events_date_after_on_is_no_particle(pipeline: Any) -> None:
    events = _code(pipeline, "Pakistan fired a ballistic missile into the sea on Wednesday.")
    assert events and events[0].event_type == "MOBILIZE"
    assert not [e for e in events if e.event_type == "ASSAULT"]


@pytest.mark.slow
def test_events_reaction_to_a_launch_targets_whoever_launched(pipeline: Any) -> None:
    text = (
        "Pakistan fired a ballistic missile into the sea on Wednesday. The Indian prime minister condemned "
        "the launch as a violation of UN Security Council resolutions."
    )
    accusations = [e for e in _code(pipeline, text) if e.event_type == "ACCUSE"]
    assert accusations and _code_of(accusations[0].source) == "IND"
    assert _code_of(accusations[0].target) == "PAK"


@pytest.mark.slow
def test_events_country_naming_a_thing_is_no_partner_to_meet(pipeline: Any) -> None:
    events = _code(
        pipeline, "The treaty replaces the Irish protocol in the accord negotiated by Theresa May."
    )
    assert not [
        e for e in events if e.event_type == "CONSULT" and "IRL" in (_code_of(e.source), _code_of(e.target))
    ]


@pytest.mark.slow
def test_events_conjunct_takes_the_subject_of_the_conjunct_before(pipeline: Any) -> None:
    text = (
        "The army removed the president on Thursday, but thousands of protesters camped outside the "
        "headquarters in Khartoum vowed to stay and rejected the plan."
    )
    events = [e for e in _code(pipeline, text) if e.trigger in ("vowed", "rejected")]
    assert events
    assert all(e.source is not None and "protesters" in e.source.text for e in events)
    assert all(_code_of(e.source) == "SDN" for e in events)


@pytest.mark.slow
def test_actors_date_is_never_a_person(pipeline: Any) -> None:
    mentions = _actors(
        pipeline, "Greece plans to limit the market for new members from 1 May.", date(2004, 3, 1)
    )
    assert not [m for m in mentions if "May" in m.text]


@pytest.mark.slow
def test_actors_a_name_and_a_known_person_stay_two_mentions(pipeline: Any) -> None:
    text = "Johnson and European Commission President Jean-Claude Juncker announced the agreement on Twitter."
    mentions = _actors(pipeline, text, date(2019, 10, 17))
    juncker = [m for m in mentions if m.actor.name == "Jean-Claude Juncker"]
    assert juncker and "Johnson" not in juncker[0].text


@pytest.mark.slow
def test_actors_two_coordinated_people_stay_two_mentions(pipeline: Any) -> None:
    text = (
        "U.S. President Donald Trump and North Korean leader Kim Jong Un cut short their summit on Thursday."
    )
    mentions = _actors(pipeline, text, date(2019, 2, 28))
    trump = [m for m in mentions if m.actor.name == "Donald Trump"]
    assert trump and trump[0].actor.country == "USA" and "Kim" not in trump[0].text
    assert any(m.actor.country == "PRK" for m in mentions)


@pytest.mark.slow
def test_events_killing_oneself_acts_on_no_one(pipeline: Any) -> None:
    text = "The militant leader killed himself by detonating a suicide vest during a raid by Turkish troops."
    assert not [e for e in _code(pipeline, text) if e.trigger == "killed"]


@pytest.mark.slow
def test_events_country_naming_an_actor_does_not_set_the_scene(pipeline: Any) -> None:
    text = "U.S. special forces carried out a raid in northwestern Syria on Saturday night."
    events = _code(pipeline, text)
    raids = [e for e in events if e.event_type == "COERCE"]
    assert raids and all(_code_of(e.target) == "SYR" for e in raids)


@pytest.mark.slow
def test_events_the_two_sides_are_the_parties_of_the_last_act_of_that_kind(pipeline: Any) -> None:
    text = (
        "Iran said on Monday it would resume talks with France next week. Japan condemned the missile test "
        "as a violation of UN resolutions. The Iranian envoy said the two sides had agreed to meet in Geneva."
    )
    agreements = [e for e in _code(pipeline, text) if e.event_type == "AGREE" and e.trigger == "agreed"]
    assert {(_code_of(e.source), _code_of(e.target)) for e in agreements} == {("IRN", "FRA"), ("FRA", "IRN")}


@pytest.mark.slow
def test_events_plan_to_visit_is_an_intention(pipeline: Any) -> None:
    top = _top(pipeline, "Venezuela announced plans to hold talks with Colombia next month.")
    assert top.event_type in ("AGREE", "CONSULT")
    assert top.modality != "negated"
    assert _code_of(top.target) == "COL"


@pytest.mark.slow
def test_events_both_governments_as_object_are_the_parties_of_the_last_act(pipeline: Any) -> None:
    text = (
        "Armenia shelled Azerbaijani positions on Tuesday, and Azerbaijan launched its own air raid the next "
        "day. Diplomats from the United States, China and France had pressed both governments to pull back."
    )
    requests = [e for e in _code(pipeline, text) if e.trigger == "pressed"]
    assert requests
    assert {_code_of(e.target) for e in requests} == {"ARM", "AZE"}


@pytest.mark.slow
def test_events_claiming_that_attack_takes_the_target_of_the_attack_reported_before(pipeline: Any) -> None:
    text = (
        "A suicide bomber killed 40 Indian soldiers near Pulwama on Thursday. Lashkar-e-Taiba said it "
        "carried out the attack."
    )
    claims = [e for e in _code(pipeline, text) if e.trigger == "carried attack"]
    assert claims and _code_of(claims[0].source) == "PAK"
    assert _code_of(claims[0].target) == "IND"


@pytest.mark.slow
def test_actors_jaish_e_mohammed_is_known(pipeline: Any) -> None:
    mentions = _actors(pipeline, "Jaish-e-Mohammed said it carried out the attack.", date(2019, 2, 15))
    assert any(m.actor.name == "Jaish-e-Mohammed" and m.actor.country == "PAK" for m in mentions)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "value", "precision"),
    [
        (
            "North Korea fired a missile on Wednesday, a day after Pyongyang announced it would resume talks "
            "with the United States.",
            "resume talks",
            "2019-02-26",
            "day",
        ),
        (
            "Kim Jong Un met Donald Trump in Hanoi on Wednesday, eight months after Kim first met "
            "Moon Jae-in in Panmunjom.",
            "met",
            "2018-06",
            "month",
        ),
        (
            "Colombian troops raided a rebel camp on Monday, two days after guerrillas killed four soldiers "
            "in Cauca.",
            "killed",
            "2019-02-23",
            "day",
        ),
        (
            "Israel struck targets in Gaza on Friday, three days after a rocket attack on Sderot.",
            "attack",
            "2019-02-19",
            "day",
        ),
        ("The offensive began five days after an ambush in Helmand.", "ambush", "2019-02-23", "publication"),
    ],
)
def test_events_clause_after_a_distance_is_dated_from_the_main_clause(
    pipeline: Any, text: str, trigger: str, value: str, precision: str
) -> None:
    events = _code(pipeline, text, date(2019, 2, 28))
    assert any(e.trigger == trigger and e.date == value and e.date_precision == precision for e in events), [
        (e.trigger, e.date, e.date_precision) for e in events
    ]


@pytest.mark.slow
def test_events_what_a_government_said_was_a_camp_is_no_target(pipeline: Any) -> None:
    text = (
        "He was captured on Wednesday after his jet was shot down, a day after Indian jets bombed what New "
        "Delhi said was a militant camp inside Pakistan."
    )
    bombings = [e for e in _code(pipeline, text) if e.trigger == "bombed"]
    assert bombings and all(_code_of(e.target) != "IND" for e in bombings)


@pytest.mark.slow
def test_events_shells_fired_from_a_country_hit_the_country_they_land_in(pipeline: Any) -> None:
    text = (
        "Mortar bombs fired from Syria hit the Turkish border towns of Akcakale and Nusaybin, killing "
        "several civilians, Turkish officials said."
    )
    events = _code(pipeline, text)
    hits = [e for e in events if e.trigger in ("hit", "killing")]
    assert hits
    assert all(_code_of(e.source) != "TUR" for e in hits)  # the officials who report it did not fire
    assert all(_code_of(e.target) == "TUR" for e in hits)


@pytest.mark.slow
def test_actors_capitalised_common_noun_is_no_person(pipeline: Any) -> None:
    text = (
        "Turkish troops pressed deeper into Syria on Thursday. Mortar bombs fired from Syria hit the Turkish "
        "border towns of Akcakale and Nusaybin, killing several civilians, Turkish officials said."
    )
    assert not [m for m in _actors(pipeline, text, date(2019, 10, 10)) if m.text == "Mortar"]


@pytest.mark.slow
def test_events_pressing_into_a_country_is_no_appeal(pipeline: Any) -> None:
    text = "Turkish troops and allied Syrian rebels pressed deeper into northeastern Syria on Thursday."
    assert not [e for e in _code(pipeline, text) if e.event_type == "REQUEST"]
    top = _top(pipeline, "China pressed North Korea to return to talks.")
    assert (top.event_type, _code_of(top.target)) == ("REQUEST", "PRK")


@pytest.mark.slow
def test_actors_a_persons_party_is_another_actor(pipeline: Any) -> None:
    text = "Prime Minister Narendra Modi's Bharatiya Janata Party had promised to end the special status."
    people = [m for m in _actors(pipeline, text, date(2019, 8, 5)) if m.actor.type == "person"]
    assert people and people[0].actor.name == "Narendra Modi" and people[0].actor.country == "IND"
    assert "Party" not in people[0].text


@pytest.mark.slow
def test_events_unnamed_forces_and_protesters_share_the_story_country(pipeline: Any) -> None:
    text = (
        "Venezuela's opposition leader declared himself interim president on Wednesday, and the United "
        "States recognized him. Venezuela's president broke relations with the United States and said "
        "Venezuela would defend itself. Security forces fired tear gas at protesters in several districts "
        "of the capital."
    )
    shots = [e for e in _code(pipeline, text, date(2019, 1, 23)) if "tear gas" in e.evidence.text]
    assert shots and _code_of(shots[0].source) == _code_of(shots[0].target) == "VEN"


@pytest.mark.slow
def test_events_he_in_a_relative_clause_is_the_main_subject(pipeline: Any) -> None:
    text = (
        "Macron landed after dark at a base in Mali, where he served lunch to soldiers and met President "
        "Keita."
    )
    meetings = [e for e in _code(pipeline, text, date(2019, 11, 28)) if e.trigger == "met"]
    assert meetings and _code_of(meetings[0].source) == "FRA" and _code_of(meetings[0].target) == "MLI"


@pytest.mark.slow
def test_events_the_two_leaders_are_two_people_not_the_last_pair_of_states(pipeline: Any) -> None:
    text = (
        "Donald Trump landed in Kabul on Thursday and met President Ashraf Ghani. The United States held "
        "talks with Qatar on Friday. Ghani's office said the two leaders had discussed the peace process."
    )
    talks = [e for e in _code(pipeline, text, date(2019, 11, 28)) if e.trigger == "discussed"]
    assert {(_code_of(e.source), _code_of(e.target)) for e in talks} == {("USA", "AFG"), ("AFG", "USA")}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Under the deal Washington cut the tariff rate on $120 billion of Chinese goods.",
        "The United States and China reached a trade deal, under which Washington scrapped tariffs on "
        "Chinese goods.",
    ],
)
def test_events_easing_tariffs_is_aimed_at_the_trading_partner(pipeline: Any, text: str) -> None:
    eased = [e for e in _code(pipeline, text, date(2019, 12, 13)) if e.cameo.startswith(("085", "0354"))]
    assert eased and _code_of(eased[0].source) == "USA" and _code_of(eased[0].target) == "CHN"


@pytest.mark.slow
def test_events_building_named_after_a_body_is_a_place_not_a_party(pipeline: Any) -> None:
    text = (
        "Donald Trump crossed into North Korea on Sunday to shake hands with Kim Jong Un. The two leaders "
        "walked a few paces into North Korean territory, then crossed back and held talks for nearly an hour "
        "in the Freedom House building."
    )
    talks = [e for e in _code(pipeline, text, date(2019, 6, 30)) if e.trigger == "held talks"]
    assert {(_code_of(e.source), _code_of(e.target)) for e in talks} == {("USA", "PRK"), ("PRK", "USA")}
    mentions = _actors(pipeline, text, date(2019, 6, 30))
    assert not [m for m in mentions if m.actor.name == "Freedom House"]


@pytest.mark.slow
def test_events_people_flown_somewhere_make_no_visit(pipeline: Any) -> None:
    assert not [e for e in _code(pipeline, "The three men were flown to Qatar.") if e.event_type == "CONSULT"]
    top = _top(pipeline, "The Afghan president flew to Qatar on Monday.")
    assert (top.event_type, _code_of(top.source), _code_of(top.target)) == ("CONSULT", "AFG", "QAT")


@pytest.mark.slow
def test_events_dismissed_as_meaningless_accusations_rejects_the_accuser(pipeline: Any) -> None:
    text = "Iran on Sunday dismissed as meaningless U.S. accusations that it was behind the drone attacks."
    rejections = [e for e in _code(pipeline, text) if e.event_type == "REJECT"]
    assert rejections and (_code_of(rejections[0].source), _code_of(rejections[0].target)) == ("IRN", "USA")


@pytest.mark.slow
def test_events_no_one_acts_on_itself(pipeline: Any) -> None:
    text = "Turkey said its troops would patrol the zone that Turkey has seized since the offensive began."
    assert not [
        e
        for e in _code(pipeline, text)
        if e.source and e.target and e.source.id and e.source.id == e.target.id
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "claim",
    [
        "Yemen's Houthi rebels claimed Saturday's drone strikes.",
        "Yemen's Houthi rebels claimed responsibility for the attack.",
    ],
)
def test_events_claiming_an_attack_is_the_attack_by_the_claimant(pipeline: Any, claim: str) -> None:
    text = f"Drones struck two Saudi oil facilities at Abqaiq on Saturday. {claim}"
    claims = [e for e in _code(pipeline, text, date(2019, 9, 15)) if e.trigger.startswith("claimed")]
    assert claims and claims[0].event_type == "ASSAULT"
    assert (_code_of(claims[0].source), _code_of(claims[0].target)) == ("YEM", "SAU")


@pytest.mark.slow
def test_events_its_own_raid_is_a_new_act_not_the_one_before(pipeline: Any) -> None:
    text = (
        "A suicide bomber killed 40 Indian police officers in Pulwama on Thursday. India responded with air "
        "strikes on a camp in Pakistan on Tuesday, and Pakistan launched its own air raid the next day."
    )
    raids = [e for e in _code(pipeline, text, date(2019, 3, 2)) if e.trigger == "launched raid"]
    assert raids and _code_of(raids[0].source) == "PAK"
    assert raids[0].target is None or raids[0].target.sector != "COP"


@pytest.mark.slow
def test_events_act_named_again_keeps_the_date_it_was_first_reported_with(pipeline: Any) -> None:
    text = (
        "A car bomb killed 12 Afghan soldiers in Kunar on Feb. 20. On Tuesday the Pakistani Taliban said "
        "they carried out the attack."
    )
    claims = [e for e in _code(pipeline, text, date(2019, 2, 28)) if e.trigger == "carried attack"]
    assert claims and claims[0].date == "2019-02-20" and claims[0].date_precision == "day"
