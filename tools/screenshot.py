"""Take the README's dashboard screenshot (``docs/dashboard.png``) with Debian's headless Chromium.

    .venv/bin/thucydides ingest --db /tmp/demo.duckdb corpus/sample
    .venv/bin/python tools/screenshot.py --db /tmp/demo.duckdb --output docs/dashboard.png

Serves the store on a free local port, opens the dashboard in /usr/bin/chromium through
/usr/bin/chromedriver (``apt-get install chromium chromium-driver``) and saves the page.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from thucydides.api import create_app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--output", type=Path, default=Path("docs/dashboard.png"))
    parser.add_argument("--query", default="", help="filters for the page, e.g. 'country=IRN'")
    parser.add_argument("--size", default="1400,1500", help="window width,height")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={args.size}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"http://127.0.0.1:{port}/" + (f"?{args.query}" if args.query else ""))
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script("return document.body.dataset.loading") == "false"
        )
        time.sleep(0.5)
        driver.save_screenshot(str(args.output))
    finally:
        driver.quit()
        server.should_exit = True
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
