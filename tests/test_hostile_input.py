"""Generated hostile input (hypothesis): whatever comes in, a run finishes, every input ends as a document or
a problem with a reason, and every good document beside the bad ones is read and coded.

The example counts are small in the normal test run (profile ``default``); ``make fuzz`` runs the same
properties with many more (``HYPOTHESIS_PROFILE=fuzz``, ``THUCYDIDES_FUZZ_EXAMPLES``). Time and memory
bounds are measured in ``bench/stress.py``, not here.
"""

from __future__ import annotations

import gzip
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thucydides.extract import ExtractionError, extract_article
from thucydides.read import ReadOptions, read_documents
from thucydides.record import Document, Problem

settings.register_profile(
    "default",
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("THUCYDIDES_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
EXAMPLES = settings().max_examples
# the property that runs the model takes a second or more an example: a twentieth of the count
MODEL_EXAMPLES = max(5, EXAMPLES // 20)

GOOD = "Iran attacked Iraq on Monday, officials in Baghdad said."

# ---------------------------------------------------------------- strategies

UNICODE_EDGES = [
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u0301" * 20,
    "\U0001f4a5",
    "\x00",
    "\x1b[31m",
    "\r",
    "\t",
    "\ufffd",
    "\ud800",
    "\udfff",
    "\uffff",
    "\U0010ffff",
    "ǅ",
    "ﬁ",
    "İ",
    "ß",
    "Ω",
]
weird_text = st.lists(
    st.one_of(
        st.sampled_from(UNICODE_EDGES), st.text(max_size=30), st.sampled_from(["Iran", "attacked", "."])
    ),
    max_size=40,
).map("".join)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    weird_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
bad_records = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "id": json_values,
            "text": json_values,
            "html": json_values,
            "published": json_values,
            "url": json_values,
            "title": json_values,
        },
    ),
)
raw_bad_lines = st.one_of(
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n),
    st.integers(min_value=4400, max_value=6000).map(
        lambda n: '{"id": "n", "text": "x", "n": ' + "9" * n + "}"
    ),
    weird_text.map(lambda t: t.replace("\n", " ")),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1").replace("\n", " ")),
)

tags = st.sampled_from(["p", "div", "script", "style", "article", "table", "td", "b", "html", "body", "head"])
html_parts = st.one_of(
    tags.map(lambda t: f"<{t}>"),
    tags.map(lambda t: f"</{t}>"),
    st.just('<script type="application/ld+json">'),
    st.just('{"@graph": ['),
    st.just("<!--"),
    st.just("<![CDATA["),
    st.just("<meta property='article:published_time' content='0001-01-01'>"),
    weird_text,
    st.just(GOOD),
)
broken_html = st.lists(html_parts, max_size=60).map("".join)

pathological = st.one_of(
    st.integers(min_value=1, max_value=600).map(lambda n: "Iran " + "attacked " * n + "Iraq."),
    st.integers(min_value=1, max_value=600).map(lambda n: "Yes. " * n),
    st.integers(min_value=1, max_value=300).map(lambda n: "France, " * n + "and Iran met."),
    st.integers(min_value=1, max_value=2000).map(lambda n: "." * n),
    st.integers(min_value=1, max_value=2000).map(lambda n: "a" * n),
    st.integers(min_value=1, max_value=200).map(lambda n: "(" * n + "Iran" + ")" * n),
    weird_text,
)


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _read(path: Path, **opts: Any) -> list[Document | Problem]:
    return list(read_documents([str(path)], ReadOptions(**opts)))


# ---------------------------------------------------------------- reading


@settings(max_examples=EXAMPLES)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".html.gz"]))
def test_random_bytes_in_any_file_end_as_documents_or_problems(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / f"bad{suffix}").write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_documents([str(folder)], ReadOptions(max_bytes=1 << 20)))
    assert all(isinstance(i, (Document, Problem)) for i in items)
    assert any(isinstance(i, Document) and i.id.endswith("good.txt") and i.raw == GOOD for i in items)
    for item in items:
        assert _encodable(item.id if isinstance(item, Document) else item.name)
        if isinstance(item, Document):
            assert _encodable(item.raw)
        else:
            assert item.reason


@settings(max_examples=EXAMPLES)
@given(
    lines=st.lists(
        st.one_of(
            st.tuples(st.just("good"), weird_text),
            st.tuples(st.just("bad"), bad_records.map(lambda v: json.dumps(v, ensure_ascii=False))),
            st.tuples(st.just("raw"), raw_bad_lines),
        ),
        max_size=12,
    )
)
def test_jsonl_good_records_are_all_read_whatever_lines_surround_them(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str]]
) -> None:
    text_lines: list[str] = []
    good: dict[str, str] = {}
    for n, (kind, payload) in enumerate(lines):
        if kind == "good":
            doc_id = f"good-{n}"
            body = GOOD + payload.replace("\n", " ")
            good[doc_id] = body
            text_lines.append(json.dumps({"id": doc_id, "text": body}, ensure_ascii=False))
        else:
            text_lines.append(payload.replace("\n", " "))
    f = tmp_path_factory.mktemp("jsonl") / "d.jsonl"
    f.write_bytes(("\n".join(text_lines) + "\n").encode("utf-8", "surrogatepass"))
    items = _read(f)
    assert all(isinstance(i, (Document, Problem)) for i in items)
    read = {i.id: i.raw for i in items if isinstance(i, Document)}
    for doc_id, body in good.items():
        if _encodable(body):
            assert doc_id in read
            assert read[doc_id].replace("\ufffd", "") == body.replace("\ufffd", "")
    for item in items:
        assert _encodable(item.id if isinstance(item, Document) else item.name + item.reason)


@settings(max_examples=EXAMPLES)
@given(size=st.integers(min_value=0, max_value=3 << 19))
def test_gzip_input_of_any_size_is_read_or_refused_by_the_cap(
    tmp_path_factory: pytest.TempPathFactory, size: int
) -> None:
    f = tmp_path_factory.mktemp("gz") / "p.html.gz"
    f.write_bytes(gzip.compress(b"<p>" + b"a" * size + b"</p>", compresslevel=1))
    (item,) = _read(f, max_bytes=1 << 20)
    if size + 7 > 1 << 20:
        assert isinstance(item, Problem) and "over the 1 MB limit" in item.reason
    else:
        assert isinstance(item, Document)


# ---------------------------------------------------------------- extraction


@settings(max_examples=EXAMPLES)
@given(html=broken_html)
def test_broken_html_is_extracted_or_refused_with_a_reason(html: str) -> None:
    try:
        art = extract_article(html)
    except ExtractionError as exc:
        assert str(exc)
    else:
        assert art.text.strip()


# ---------------------------------------------------------------- coding


@pytest.mark.slow
@settings(max_examples=MODEL_EXAMPLES)
@given(texts=st.lists(st.one_of(pathological, broken_html), min_size=1, max_size=3), html=st.booleans())
def test_coding_hostile_documents_finishes_and_codes_the_good_one(
    pipeline: Any, texts: list[str], html: bool
) -> None:
    docs = [Document(id=f"bad-{k}", raw=t, is_html=html) for k, t in enumerate(texts)]
    docs.insert(
        len(docs) // 2, Document(id="good", raw=GOOD, published=date(2024, 3, 4), published_how="given")
    )
    out = list(pipeline.run(docs))
    assert len(out) == len(docs) and all(isinstance(i, (Document, Problem)) for i in out)
    (good,) = [i for i in out if isinstance(i, Document) and i.id == "good"]
    assert [(e.event_type, e.source and e.source.code, e.target and e.target.code) for e in good.events] == [
        ("ASSAULT", "IRN", "IRQ")
    ]
    for item in out:
        if isinstance(item, Problem):
            assert item.reason
            continue
        for ev in item.events:
            assert item.text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        if item.nlp is not None:
            assert max((len(s) for s in item.nlp.sents), default=0) <= 200
