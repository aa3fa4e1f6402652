"""Tests for the extraction stage: HTML → article text and metadata, and plain-text furniture."""

from __future__ import annotations

import datetime
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from thucydides.extract import (
    Extracted,
    ExtractionError,
    Furniture,
    extract_article,
    find_furniture_start,
    load_furniture,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_PAGES = SHARED / "gold" / "article_extraction_dev"
SEED_TEXT = SHARED / "seed" / "000_b572a6a0bfdea77a.txt"

ARTICLE_PARAGRAPHS = [
    "The harbour authority of Port Meridian closed the northern docks on Tuesday after inspectors "
    "found cracks in two of the loading cranes, officials said.",
    "The closure is expected to last at least a week and will delay shipments of grain and fertiliser "
    "to inland towns, according to a statement from the authority.",
    'Union representatives said the workers had warned about the cranes for months. "We raised this '
    'in every meeting," one dock worker said, asking not to be named.',
    "The regional governor has ordered an independent review, which is due to report before the end "
    "of the month, and promised compensation for the affected haulage firms.",
    "Traders said prices for imported fertiliser had already risen by about four percent in the "
    "markets of the capital since the news of the closure spread.",
]


def _page(body_extra: str = "", head_extra: str = "", tail_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Port Meridian closes docks after crane cracks found | The Coastal Ledger</title>
<meta property="og:title" content="Port Meridian closes docks after crane cracks found">
<meta property="og:site_name" content="The Coastal Ledger">
<link rel="canonical" href="https://ledger.example.org/news/port-meridian-docks">
{head_extra}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Port Meridian closes docks after crane cracks found</h1>
<p class="byline">By Ana Ferreira</p>
{body_extra}
{paragraphs}
{tail_extra}
</article></main>
<footer><p>© 2021 The Coastal Ledger. All rights reserved.</p></footer>
</body></html>"""


FURNITURE_HTML = """
<div class="newsletter"><h3>Sign up for our newsletter</h3>
<p>Get the day's top stories delivered to your inbox every morning.</p></div>
<p>Advertisement</p>
<p>Share this article</p>
<p>Follow us on Twitter and Facebook for the latest updates.</p>
<p>Photo: Marta Lind / Coastal Images</p>
<h3>You may also like</h3>
<ul><li><a href="/a">Ferry strike enters second week</a></li>
<li><a href="/b">New bridge opens to traffic after delays</a></li>
<li><a href="/c">Fishing quotas cut for third year running</a></li></ul>
"""


@pytest.fixture(scope="module")
def furniture() -> Furniture:
    return load_furniture()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1_tokens(pred: str, gold: str) -> float:
    p, g = Counter(_words(pred)), Counter(_words(gold))
    inter = sum((p & g).values())
    if not inter:
        return 0.0
    pr, rc = inter / sum(p.values()), inter / sum(g.values())
    return 2 * pr * rc / (pr + rc)


# --------------------------------------------------------------------------- HTML pages


def test_extract_keeps_every_article_paragraph_in_order(furniture: Furniture) -> None:
    result = extract_article(_page(), "https://ledger.example.org/x", furniture)
    assert isinstance(result, Extracted)
    assert result.text.split("\n\n") == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "furniture_text",
    [
        "Sign up for our newsletter",
        "delivered to your inbox",
        "Advertisement",
        "Share this article",
        "Follow us on Twitter",
        "Marta Lind",
        "You may also like",
        "Ferry strike enters second week",
        "Fishing quotas cut",
        "All rights reserved",
        "By Ana Ferreira",
    ],
)
def test_extract_removes_site_furniture(furniture: Furniture, furniture_text: str) -> None:
    result = extract_article(_page(tail_extra=FURNITURE_HTML), None, furniture)
    assert furniture_text not in result.text
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in result.text


def test_extract_drops_headline_repeated_at_top_of_text(furniture: Furniture) -> None:
    result = extract_article(_page(), None, furniture)
    assert result.title == "Port Meridian closes docks after crane cracks found"
    assert not result.text.startswith("Port Meridian closes docks")


def test_extract_keeps_paragraph_that_mentions_newsletter_in_passing(furniture: Furniture) -> None:
    sentence = (
        "In its weekly newsletter, the dockers' union told members that a strike ballot would be held "
        "if the cranes were not repaired by the end of the month."
    )
    result = extract_article(_page(tail_extra=f"<p>{sentence}</p>"), None, furniture)
    assert sentence in result.text


def test_extract_title_strips_site_name_suffix_when_no_og_title(furniture: Furniture) -> None:
    html = _page().replace(
        '<meta property="og:title" content="Port Meridian closes docks after crane cracks found">', ""
    )
    html = html.replace("<h1>Port Meridian closes docks after crane cracks found</h1>", "")
    assert (
        extract_article(html, None, furniture).title == "Port Meridian closes docks after crane cracks found"
    )


@pytest.mark.parametrize(
    ("head_extra", "body_extra", "expected"),
    [
        ('<meta property="article:published_time" content="2021-03-09T14:05:00+02:00">', "", "2021-03-09"),
        ('<meta name="pubdate" content="20210310">', "", "2021-03-10"),
        ('<meta name="date" content="March 11, 2021">', "", "2021-03-11"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebSite", "name": "Ledger"}, {"@type": "NewsArticle", '
            '"datePublished": "2021-03-12T08:00:00Z"}]}</script>',
            "",
            "2021-03-12",
        ),
        ("", '<time datetime="2021-03-13T10:00">13 March</time>', "2021-03-13"),
        ('<meta property="article:published_time" content="0001-01-01T00:00:00Z">', "", None),
        ("", "", None),
    ],
)
def test_extract_reads_publication_date_from_page_metadata(
    furniture: Furniture, head_extra: str, body_extra: str, expected: str | None
) -> None:
    result = extract_article(_page(body_extra=body_extra, head_extra=head_extra), None, furniture)
    assert result.published == (datetime.date.fromisoformat(expected) if expected else None)


def test_extract_prefers_canonical_url_and_site_name(furniture: Furniture) -> None:
    result = extract_article(_page(), "https://mirror.example.com/copy?id=3", furniture)
    assert result.url == "https://ledger.example.org/news/port-meridian-docks"
    assert result.source == "The Coastal Ledger"


def test_extract_falls_back_to_given_url_and_its_host(furniture: Furniture) -> None:
    html = _page().replace(
        '<link rel="canonical" href="https://ledger.example.org/news/port-meridian-docks">', ""
    )
    html = html.replace('<meta property="og:site_name" content="The Coastal Ledger">', "")
    result = extract_article(html, "https://www.harbour-news.example.net/a/1", furniture)
    assert result.url == "https://www.harbour-news.example.net/a/1"
    assert result.source == "harbour-news.example.net"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty"),
        ("   \n  ", "empty"),
        (
            "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/about'>About us</a></nav><footer>© 2020 Some Site</footer></body></html>",
            "no article text",
        ),
        ("<html><body><div><img src='a.png'></div></body></html>", "no article text"),
    ],
)
def test_extract_raises_with_reason_when_page_has_no_article(
    furniture: Furniture, html: str, reason: str
) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract_article(html, None, furniture)


def test_extract_rejects_bytes_input(furniture: Furniture) -> None:
    with pytest.raises(TypeError):
        extract_article(b"<html></html>", None, furniture)  # type: ignore[arg-type]


def test_extract_survives_truncated_html(furniture: Furniture) -> None:
    html = _page()
    cut = html.index(ARTICLE_PARAGRAPHS[3][:40]) + 20
    result = extract_article(html[:cut], None, furniture)
    assert ARTICLE_PARAGRAPHS[0] in result.text
    assert ARTICLE_PARAGRAPHS[2] in result.text


def test_extract_is_fast_on_a_five_megabyte_page(furniture: Furniture) -> None:
    bulk = "<script>" + "var cfg = {a: '<div>x</div>'};\n" * 170_000 + "</script>"
    html = _page(head_extra=bulk)
    assert len(html) > 5_000_000
    start = time.perf_counter()
    result = extract_article(html, None, furniture)
    assert time.perf_counter() - start < 10
    assert result.text.split("\n\n") == ARTICLE_PARAGRAPHS


def test_extract_handles_non_ascii_text(furniture: Furniture) -> None:
    paragraph = (
        "Le ministre a déclaré à Genève que les négociations reprendraient « dès que possible », "
        "tandis que les délégués de São Tomé et de Łódź attendaient une réponse écrite."
    )
    result = extract_article(_page(tail_extra=f"<p>{paragraph}</p>"), None, furniture)
    assert paragraph in result.text


# --------------------------------------------------------------------------- plain text

ARTICLE_TEXT = "\n\n".join(ARTICLE_PARAGRAPHS)


@pytest.mark.parametrize(
    "trailer",
    [
        "Sign up for our newsletters\n\nThe best of our reporting, every weekday morning.",
        "You may also like\n\nFerry strike enters second week\n\nNew bridge opens to traffic after delays",
        "Related stories:\n\n- Ferry strike enters second week\n- Fishing quotas cut for third year running",
        "More from The Coastal Ledger\n\nWhy the northern docks matter to the whole region\n\n"
        "Inland towns brace for a long winter as prices of imported goods keep climbing in the…",
        "Recommended for you\n\nNew bridge opens to traffic after delays",
        "Share this article\n\n© 2021 The Coastal Ledger. All rights reserved.",
        "Advertisement\n\nMost popular\n\n1. Ferry strike enters second week\n2. Bridge opens",
    ],
)
def test_find_furniture_start_finds_trailing_furniture(furniture: Furniture, trailer: str) -> None:
    text = ARTICLE_TEXT + "\n\n\n" + trailer + "\n"
    offset = find_furniture_start(text, furniture)
    assert offset == len(ARTICLE_TEXT) + 3


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE_TEXT,
        # a paragraph that merely mentions a newsletter is article text
        ARTICLE_TEXT + "\n\nThe union said in its newsletter that members should subscribe to updates "
        "from the authority and sign up for the ballot before Friday.",
        # an inline "Related:" link in the middle is not trailing furniture
        ARTICLE_PARAGRAPHS[0] + "\n\nRelated: Ferry strike enters second week\n\n" + ARTICLE_TEXT,
        # a short closing sentence after the body is article text
        ARTICLE_TEXT + "\n\nMore talks are planned for next week.",
        ARTICLE_TEXT + "\n\nBy the end of the day, the docks were quiet.",
        # a heading-like line followed by real paragraphs
        ARTICLE_PARAGRAPHS[0] + "\n\nRelated stories\n\n" + "\n\n".join(ARTICLE_PARAGRAPHS[1:]),
        "",
        "Sign up for our newsletter",
    ],
)
def test_find_furniture_start_leaves_article_text_alone(furniture: Furniture, text: str) -> None:
    assert find_furniture_start(text, furniture) is None


def test_find_furniture_start_loads_patterns_when_none_given() -> None:
    text = ARTICLE_TEXT + "\n\nYou might also like\n\nFerry strike enters second week"
    offset = find_furniture_start(text)
    assert offset is not None
    assert text[offset:].startswith("You might also like")


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "Like this story? Share it with a friend!",
        "Follow the Ledger's politics desk on Twitter (@ledgerpol) and Facebook.",
        "Reach the author on Twitter at https://twitter.example/ana",
        "Listen: https://pod.example/ep12",
        "Copyright 2021 The Coastal Ledger",
        "(AP Photo/Jane Roe)",
        "By Ana Ferreira and John Okafor, Staff Writers",
        "Updated: 19 November 2019, 09:01 AM",
        "12 Comments",
        "Also on example.com Ferry strike enters second week",
        "Click here to subscribe to our daily briefing",
        "Reporting by Ana Ferreira; Editing by John Okafor",
    ],
)
def test_furniture_line_patterns_match_furniture(furniture: Furniture, line: str) -> None:
    assert furniture.is_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices had risen sharply.",
        "Updated figures released on Monday showed 5 deaths.",
        "The newsletter, delivered to 10,000 homes, urged residents to vote.",
        "Follow-up talks are planned for next week.",
        "Also on Tuesday, the minister met the envoys.",
        "Photographs of the damage were shared widely online, the ministry said.",
        "More than 300 people were evacuated.",
        "Comments by the minister angered the opposition.",
        "Contact with the rebels was lost on Monday, an email from the ministry said.",
        "Advertisements for the rally appeared on Facebook and Twitter last week.",
    ],
)
def test_furniture_line_patterns_spare_article_sentences(furniture: Furniture, line: str) -> None:
    assert not furniture.is_line(line)


def test_find_furniture_start_cuts_seed_article_at_newsletter_box(furniture: Furniture) -> None:
    if not SEED_TEXT.exists():
        pytest.skip(f"shared seed article not found at {SEED_TEXT}")
    text = SEED_TEXT.read_text(encoding="utf-8")
    offset = find_furniture_start(text, furniture)
    assert offset is not None
    first_line = text[offset:].splitlines()[0]
    assert "newsletter" in first_line.lower()
    assert "newsletter" not in text[:offset].lower()
    assert re.search(r"[.!?”\"]\s*$", text[:offset])


# --------------------------------------------------------------------------- quality gate


@pytest.mark.slow
def test_extract_dev_pages_mean_token_f1_is_at_least_097(furniture: Furniture) -> None:
    truth_path = DEV_PAGES / "ground-truth.json"
    if not truth_path.exists():
        pytest.skip(f"dev pages not found at {DEV_PAGES}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    scores = []
    for page_id, gold in truth.items():
        with gzip.open(
            DEV_PAGES / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8", errors="replace"
        ) as fh:
            html = fh.read()
        result = extract_article(html, gold["url"], furniture)
        scores.append(f1_tokens(result.text, gold["articleBody"]))
    assert sum(scores) / len(scores) >= 0.97
    assert min(scores) >= 0.85


def _story_paragraphs(n: int = 8) -> str:
    return "".join(
        f"<p>Paragraph {i} of the story tells what happened next in the capital, and who said what.</p>"
        for i in range(n)
    )


def test_extract_takes_back_a_standfirst_shown_on_the_page(furniture: Furniture) -> None:
    lead = (
        "Two ministers resigned on Monday after a week of strikes over fuel prices paralysed the capital, "
        "the government said in a short statement."
    )
    body = _story_paragraphs()
    page = (
        f'<html><head><meta property="og:description" content="{lead}"><title>Ministers quit</title></head>'
        f'<body><article><h1>Ministers quit</h1><div class="summary">{lead}</div>{body}'
        "</article></body></html>"
    )
    text = extract_article(page, "https://example.org/a", furniture).text
    assert text.startswith(lead)
    assert text.count(lead) == 1


def test_extract_leaves_out_a_description_the_page_shows_only_as_a_heading(furniture: Furniture) -> None:
    teaser = (
        "There are more ways than ever to follow the news, and here is how to choose the one that suits you "
        "best this winter."
    )
    body = _story_paragraphs()
    page = (
        f'<html><head><meta name="description" content="{teaser}"><title>Choosing</title></head>'
        f"<body><article><h1>Choosing</h1><h2>{teaser}</h2>{body}</article></body></html>"
    )
    from trafilatura.utils import load_html

    from thucydides.extract import _standfirst
    from thucydides.pagemeta import meta_values

    tree = load_html(page)
    assert _standfirst(tree, meta_values(tree), ["Paragraph 0 of the story."], ["Choosing"]) is None
    shown = page.replace(f"<h2>{teaser}</h2>", f"<p class='dek'>{teaser}</p>")
    tree = load_html(shown)
    assert _standfirst(tree, meta_values(tree), ["Paragraph 0 of the story."], ["Choosing"]) == teaser
