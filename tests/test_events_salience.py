"""Events rank within an article by where it reports them (``thucydides.events.salience``)."""

from __future__ import annotations

from thucydides.events.salience import ArticleSalience, SalienceSettings
from thucydides.record import Document, Event, Evidence


def _event(si: int, confidence: float) -> Event:
    return Event(
        event_id=f"e{si}",
        doc_id="d",
        sentence_index=si,
        event_type="ASSAULT",
        cameo="190",
        quad_class=4,
        goldstein=-10.0,
        modality="asserted",
        mode=None,
        context=[],
        source=None,
        target=None,
        evidence=Evidence("x", 0, 1),
        confidence=confidence,
    )


def test_lead_event_outranks_equal_event_reported_later() -> None:
    doc = Document(id="d", raw="")
    doc.events = [_event(0, 0.65), _event(12, 0.65)]
    ArticleSalience(SalienceSettings(per_sentence=0.005, max_penalty=0.1))(doc)
    lead, later = doc.events
    assert lead.confidence == 0.65 and later.confidence < lead.confidence
    assert any("place in the article" in step for step in later.explain)


def test_position_penalty_is_capped_so_it_never_outweighs_the_actors() -> None:
    settings = SalienceSettings(per_sentence=0.005, max_penalty=0.1)
    assert settings.penalty(0) == 0.0
    assert settings.penalty(400) == 0.1


def test_bundled_salience_settings_load() -> None:
    settings = SalienceSettings.load()
    assert 0 < settings.per_sentence <= settings.max_penalty <= 0.2
