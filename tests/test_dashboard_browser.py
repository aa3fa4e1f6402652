"""The dashboard in headless Chromium over the sample corpus: filter to a dyad, open an event, read it."""

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
    assert browser.find_elements(By.CSS_SELECTOR, "#map svg path.land")
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
    assert a in browser.find_element(By.ID, "timeline-title").text
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
