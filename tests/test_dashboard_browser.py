"""The dashboard in headless Chromium over the sample corpus: filter to a dyad, open an event, read it;
the map's countries, shading and clicks; the network's names, merging and clicks; the timeline's range."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1700",
)

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    if not SAMPLE.is_dir():
        pytest.skip(f"the sample corpus is missing at {SAMPLE}")
    from thucydides.api import create_app
    from thucydides.ingest import ingest

    db = tmp_path_factory.mktemp("browser") / "sample.duckdb"
    ingest([str(SAMPLE)], db)
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=_free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "headless browser test needs /usr/bin/chromium and /usr/bin/chromedriver (apt chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _wait_loaded(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.dataset.loading") == "false"
    )


def _busiest_dyad(driver: Any, base: str) -> tuple[str, str]:
    """The country pair with the most events, read from the API the page itself uses."""
    events = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.json()).then(b => done(b.events));",
        f"{base}/api/events?limit=200",
    )
    pairs = Counter(
        tuple(sorted((e["source"]["country"], e["target"]["country"])))
        for e in events
        if e.get("source")
        and e.get("target")
        and e["source"]["country"]
        and e["target"]["country"]
        and e["source"]["country"] != e["target"]["country"]
        and e["source"]["country"] != "IGO"
        and e["target"]["country"] != "IGO"
    )
    if not pairs:
        pytest.skip("the sample store has no event between two countries")
    (a, b), _ = pairs.most_common(1)[0]
    return a, b


def test_dashboard_filters_to_a_dyad_and_shows_an_events_reports(
    served: str, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served + "/")
    _wait_loaded(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline svg rect.bar")
    assert browser.find_elements(By.CSS_SELECTOR, "#map svg path.country")
    assert browser.find_elements(By.CSS_SELECTOR, "#network svg line.edge")
    browser.save_screenshot(str(tmp_path / "dashboard-overview.png"))

    a, b = _busiest_dyad(browser, served)
    form = browser.find_element(By.ID, "filters")
    form.find_element(By.NAME, "dyad_a").send_keys(a)
    form.find_element(By.NAME, "dyad_b").send_keys(b)
    browser.execute_script("document.body.dataset.loading = 'pending'")
    browser.find_element(By.ID, "apply").click()
    _wait_loaded(browser)
    assert f"dyad={a}%2C{b}" in browser.current_url
    assert browser.find_element(By.ID, "message").get_attribute("hidden") is not None
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event-id]")
    assert rows
    codes = [r.find_elements(By.CSS_SELECTOR, "td .code") for r in rows]
    for cells in codes:
        countries = {c.text[:3] for c in cells if c.text and c.text[:3].isalpha() and c.text.isupper()}
        assert countries and countries <= {a, b}
    title = browser.find_element(By.ID, "timeline-title").text
    assert "between" in title and a not in title  # the countries by name, not by code
    browser.save_screenshot(str(tmp_path / "dashboard-dyad.png"))

    rows[0].click()
    panel = browser.find_element(By.ID, "detail")
    WebDriverWait(browser, 10).until(lambda d: "open" in panel.get_attribute("class"))
    marks = panel.find_elements(By.CSS_SELECTOR, ".sentence-box mark")
    kinds = {m.get_attribute("class") for m in marks}
    assert "hl-source" in kinds or "hl-target" in kinds
    assert panel.find_elements(By.CSS_SELECTOR, ".mention")
    facts = panel.find_element(By.CSS_SELECTOR, ".facts").text
    assert "When" in facts and "Where" in facts
    sentence = panel.find_element(By.CSS_SELECTOR, ".sentence-box").text
    panel.find_element(By.CSS_SELECTOR, "button.read-article").click()
    article = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".article-text"))
    assert sentence.split()[0] in article.text
    time.sleep(0.3)  # let the drawer finish sliding in
    browser.save_screenshot(str(tmp_path / "dashboard-event.png"))
    assert (tmp_path / "dashboard-event.png").stat().st_size > 10_000
    keep = os.environ.get("THUCYDIDES_SCREENSHOT_DIR")  # set it to keep the screenshots
    if keep:
        for name in ("dashboard-overview.png", "dashboard-dyad.png", "dashboard-event.png"):
            shutil.copy(tmp_path / name, Path(keep) / name)


def _api(driver: Any, url: str) -> Any:
    """A JSON answer of the API, fetched by the page itself."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];fetch(arguments[0]).then(r => r.json()).then(done);",
        url,
    )


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    _wait_loaded(driver)


def _click_and_wait(driver: Any, element: Any, offset: tuple[float, float] | None = None) -> None:
    """Click like a person (pointer down and up at one spot) and wait for the dashboard to reload."""
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script("document.body.dataset.loading = 'pending'")
    actions = ActionChains(driver)
    if offset is None:
        actions.move_to_element(element)
    else:
        actions.move_to_element_with_offset(element, int(offset[0]), int(offset[1]))
    actions.click().perform()
    _wait_loaded(driver)


def _wait_still(driver: Any, timeout: float = 20.0) -> None:
    """Wait until the network's nodes stop moving (its layout settles after each reload)."""
    import time

    read = "return [...document.querySelectorAll('#network g.node')].map(g => g.getAttribute('transform'))"
    last, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = ",".join(driver.execute_script(read))
        if now == last:
            return
        last = now
        time.sleep(0.3)


def _row_codes(driver: Any) -> list[set[str]]:
    """The actor codes shown in each row of the event table."""
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event-id]")
    return [{c.text for c in r.find_elements(By.CSS_SELECTOR, "td .code") if c.text} for r in rows]


# JavaScript: a point inside the country's shape where a click lands on the shape itself, as an
# offset from the centre of its bounding box (what Selenium's offsets are measured from).
_INSIDE = """
const path = document.querySelector(`#map path.country[data-iso3="${arguments[0]}"]`);
const box = path.getBoundingClientRect();
const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
// whole-pixel offsets (Selenium's), at a point whose neighbours 3 px away are on the shape too, so that
// rounding of the centre or the pointer never lands the click beside a thin shape
const on = (x, y) => document.elementFromPoint(x, y) === path;
for (let n = 0; n < 400; n++) {
  const fx = ((n * 0.618) % 1), fy = ((n * 0.382 + 0.5) % 1);
  const ox = Math.round(box.width * fx - box.width / 2), oy = Math.round(box.height * fy - box.height / 2);
  const x = cx + ox, y = cy + oy;
  if (on(x, y) && on(x - 3, y) && on(x + 3, y) && on(x, y - 3) && on(x, y + 3)) {
    return [ox, oy];
  }
}
return null;
"""


def test_dashboard_map_draws_natural_earth_countries_shaded_by_events(served: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, served + "/")
    shapes = browser.find_elements(By.CSS_SELECTOR, "#map svg path.country")
    assert len(shapes) > 200  # Natural Earth's countries, not a hand-drawn outline
    counts = {c["country"]: c for c in _api(browser, f"{served}/api/map?limit=1000")["countries"]}
    fills = browser.execute_script(
        "return [...document.querySelectorAll('#map path.country')].map(p =>"
        " [p.dataset.iso3, Number(p.dataset.events), p.getAttribute('fill')])"
    )
    by_code = {code: (events, fill) for code, events, fill in fills if code}
    shaded = [code for code in counts if code in by_code]
    assert shaded, "no actor country of the store is on the map"
    for code in shaded:
        assert by_code[code][0] == counts[code]["events"]
    empty_fill = {fill for code, (events, fill) in by_code.items() if events == 0}
    assert len(empty_fill) == 1  # every country without events looks the same...
    busiest = max(shaded, key=lambda c: counts[c]["events"])
    quietest = min(shaded, key=lambda c: counts[c]["events"])
    assert by_code[busiest][1] not in empty_fill  # ...and one with events does not
    if counts[busiest]["events"] > counts[quietest]["events"]:
        assert by_code[busiest][1] != by_code[quietest][1]

    # the Goldstein toggle shades cooperation blue and conflict red
    browser.find_element(By.CSS_SELECTOR, '#shade-seg button[data-shade="goldstein"]').click()
    fills = dict(
        browser.execute_script(
            "return [...document.querySelectorAll('#map path.country.has-data')].map(p =>"
            " [p.dataset.iso3, p.getAttribute('fill')])"
        )
    )
    for code in shaded:
        red, blue = int(fills[code][1:3], 16), int(fills[code][5:7], 16)
        if counts[code]["goldstein"] > 0:
            assert blue > red, code
        elif counts[code]["goldstein"] < 0:
            assert red > blue, code


def test_dashboard_map_puts_event_places_on_their_countries(served: str, browser: Any) -> None:
    _open(browser, served + "/")
    places = _api(browser, f"{served}/api/map?limit=1000")["places"]
    inside = browser.execute_script(
        "return [...document.querySelectorAll('#map circle.place')].map(c => {"
        " const shapes = [...document.querySelectorAll('#map path.country')];"
        " const p = new DOMPoint(Number(c.getAttribute('cx')), Number(c.getAttribute('cy')));"
        " const near = shapes.filter(s => s.isPointInFill(p) || s.isPointInStroke(p))"
        "  .map(s => s.dataset.iso3);"
        " return [c.dataset.name, near]; })"
    )
    assert len(inside) == len(places)
    where = {p["name"]: p["country"] for p in places}
    on_land = [name for name, near in inside if where.get(name) and where[name] in near]
    # capitals and cities fall inside their country's borders (Washington on the coast, not inland)
    for name in ("Washington", "Kabul", "Beijing", "Islamabad"):
        if name in where:
            assert name in on_land, name
    assert len(on_land) >= 0.8 * sum(1 for name in where if where[name])


def test_dashboard_map_click_filters_by_country_and_zooms(served: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, served + "/")
    counts = _api(browser, f"{served}/api/map?limit=1000")["countries"]
    on_map = set(
        browser.execute_script(
            "return [...document.querySelectorAll('#map path.country')].map(p => p.dataset.iso3)"
        )
    )
    ranked = [c["country"] for c in counts if c["country"] in on_map and c["country"] != "USA"]
    code = next(c for c in ranked if browser.execute_script(_INSIDE, c))
    offset = browser.execute_script(_INSIDE, code)
    _click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, f'#map path.country[data-iso3="{code}"]'), offset
    )
    assert f"country={code}" in browser.current_url
    assert browser.find_element(By.NAME, "country").get_attribute("value") == code
    rows = _row_codes(browser)
    assert rows
    for codes in rows:
        assert any(c.startswith(code) for c in codes), codes
    assert "on" in browser.find_element(
        By.CSS_SELECTOR, f'#map path.country[data-iso3="{code}"]'
    ).get_attribute("class")

    # zoom in with the button, then pan by dragging: the view changes and a drag filters nothing
    from selenium.webdriver.common.action_chains import ActionChains

    browser.find_element(By.CSS_SELECTOR, '#map .map-zoom button[aria-label="zoom in"]').click()
    transform = browser.find_element(By.CSS_SELECTOR, "#map g.viewport").get_attribute("transform")
    assert "scale(1.6)" in transform
    url = browser.current_url
    svg_el = browser.find_element(By.CSS_SELECTOR, "#map svg")
    ActionChains(browser).move_to_element(svg_el).click_and_hold().move_by_offset(60, 20).release().perform()
    assert browser.find_element(By.CSS_SELECTOR, "#map g.viewport").get_attribute("transform") != transform
    assert browser.current_url == url


def test_dashboard_network_names_and_merges_actors_and_click_filters(served: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, served + "/")
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network g.node")
    codes = {n.get_attribute("data-code") for n in nodes}
    assert "USA" in codes and "USAGOV" not in codes  # the government is merged into the country
    usa = browser.find_element(By.CSS_SELECTOR, '#network g.node[data-code="USA"]')
    assert usa.find_element(By.CSS_SELECTOR, "text").text == "United States"
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#network g.node text")]
    assert sum(1 for t in labels if len(t) > 3 and not t.isupper()) >= len(labels) * 0.9  # names, not codes

    browser.execute_script("document.body.dataset.loading = 'pending'")
    browser.find_element(By.ID, "merge").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#network g.node[data-code="USAGOV"]')
    )
    browser.find_element(By.ID, "merge").click()
    WebDriverWait(browser, 20).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, '#network g.node[data-code="USAGOV"]')
    )

    # a click on a country's circle filters the dashboard to that country
    busiest = max(
        (n for n in browser.find_elements(By.CSS_SELECTOR, "#network g.node.country")),
        key=lambda n: float(n.find_element(By.CSS_SELECTOR, "circle").get_attribute("r")),
    )
    code = busiest.get_attribute("data-code")
    _click_and_wait(browser, busiest.find_element(By.CSS_SELECTOR, "circle"))
    assert f"country={code}" in browser.current_url
    for row in _row_codes(browser):
        assert any(c.startswith(code) for c in row), row

    # a click on a line between two countries filters to their dyad, and the dyad's drawing stays compact
    # (at a point of the line that no node's circle covers: where nodes sit depends on the events coded)
    _wait_still(browser)
    # a whole-pixel offset from the line's centre whose pixel and its neighbours all hit the line (the click
    # is made at a whole pixel: a point a fraction of a pixel off could land on a crossing line)
    spot = browser.execute_script(
        "const edges = [...document.querySelectorAll('#network line.edge')];"
        "for (const [i, e] of edges.entries()) {"
        "  if (e.dataset.a.length !== 3 || e.dataset.b.length !== 3) continue;"
        "  const m = e.getScreenCTM(), n = e.getTotalLength(), r = e.getBoundingClientRect();"
        "  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;"
        "  for (let k = 1; k < 20; k++) {"
        "    const p = e.getPointAtLength(n * k / 20),"
        "          dx = Math.round(m.a * p.x + m.c * p.y + m.e - cx),"
        "          dy = Math.round(m.b * p.x + m.d * p.y + m.f - cy);"
        "    let ok = true;"
        "    for (const [u, v] of [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]])"
        "      ok = ok && document.elementFromPoint(cx + dx + u, cy + dy + v) === e;"
        "    if (ok) return [i, dx, dy];"
        "  }"
        "}"
        "return null;"
    )
    assert spot is not None, "no line between two countries can be clicked"
    edge = browser.find_elements(By.CSS_SELECTOR, "#network line.edge")[spot[0]]
    a, b = edge.get_attribute("data-a"), edge.get_attribute("data-b")
    _click_and_wait(browser, edge, (spot[1], spot[2]))
    assert f"dyad={a}%2C{b}" in browser.current_url or f"dyad={b}%2C{a}" in browser.current_url
    spread = browser.execute_script(
        "const xs = [...document.querySelectorAll('#network g.node')]"
        " .map(g => g.transform.baseVal[0].matrix.e);"
        "const w = document.querySelector('#network svg').viewBox.baseVal.width;"
        "return (Math.max(...xs) - Math.min(...xs)) / w;"
    )
    assert spread < 0.45  # not stretched across the box


def test_dashboard_timeline_defaults_to_the_bulk_of_the_events(served: str, browser: Any) -> None:
    import re

    from selenium.webdriver.common.by import By

    _open(browser, served + "/")
    buckets = _api(browser, f"{served}/api/timeline?by=month")["buckets"]
    chart = browser.find_element(By.CSS_SELECTOR, "#timeline svg")
    first, last = chart.get_attribute("data-first"), chart.get_attribute("data-last")
    total = sum(b["events"] for b in buckets)
    shown = sum(b["events"] for b in buckets if first <= b["start"] <= last)
    assert shown >= 0.95 * total
    assert first > buckets[0]["start"]  # the sample's few historical events do not stretch the axis
    # conflict and cooperation bars stay inside the axis
    extent = browser.execute_script(
        "const ys = [...document.querySelectorAll('#timeline line.gridline')]"
        " .map(l => Number(l.getAttribute('y1')));"
        "const bars = [...document.querySelectorAll('#timeline rect.bar')].map(r =>"
        " [Number(r.getAttribute('y')), Number(r.getAttribute('y')) + Number(r.getAttribute('height'))]);"
        "return [Math.min(...ys), Math.max(...ys),"
        " Math.min(...bars.map(b => b[0])), Math.max(...bars.map(b => b[1]))];"
    )
    assert extent[0] - 0.5 <= extent[2] and extent[3] <= extent[1] + 0.5
    # the header writes a year-precision date as the year
    summary = _api(browser, f"{served}/api/summary")
    from selenium.webdriver.support.ui import WebDriverWait

    header = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "summary").text)  # loads apart
    if len(summary["first_date"]) == 4:
        assert f"{summary['first_date']} to" in header and summary["first_day"] not in header

    # every date is one click away
    browser.find_element(By.ID, "timeline-range").click()
    assert (
        browser.find_element(By.CSS_SELECTOR, "#timeline svg").get_attribute("data-first")
        == buckets[0]["start"]
    )
    browser.find_element(By.ID, "timeline-range").click()

    # week labels: one format, none overlapping
    browser.find_element(By.CSS_SELECTOR, '#by-seg button[data-by="week"]').click()
    by = "const c = document.querySelector('#timeline svg'); return c && c.dataset.by"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(by) == "week")  # one read: charts redraw
    boxes = browser.execute_script(
        "return [...document.querySelectorAll('#timeline text.period')].map(t => {"
        " const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })"
    )
    assert len(boxes) >= 3
    for text, _, _ in boxes:
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?", text), text
    for (_, _, end), (_, start, _) in zip(boxes, boxes[1:], strict=False):
        assert end < start
