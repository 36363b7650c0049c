"""Write docs/review.png: the review page of a fixture in headless Chromium, a row picked.

Run from the repository root after ``bash scripts/bootstrap.sh --test``:
``.venv/bin/python scripts/review_screenshot.py``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

import ita_extract

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "ita-2566-obt-a.pdf"
OUTPUT = ROOT / "docs" / "review.png"


def main() -> None:
    """Render the review page, pick an item's row, and save what the screen shows."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_argument("--window-size=1366,768")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "review.html"
        ita_extract.review(FIXTURE, page)
        browser = webdriver.Chrome(
            service=Service(shutil.which("chromedriver") or "chromedriver"), options=options
        )
        try:
            browser.get(page.as_uri())
            row = browser.find_element(By.CSS_SELECTOR, "tr[data-path='items[3]']")
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
            row.find_element(By.CSS_SELECTOR, "td").click()
            OUTPUT.write_bytes(browser.get_screenshot_as_png())
        finally:
            browser.quit()
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
