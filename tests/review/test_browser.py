"""The review page in a real browser: headless Chromium (Debian's) driven through WebDriver.

``scripts/bootstrap.sh --test`` installs ``chromium`` and ``chromium-driver``; Selenium talks
to that driver, never downloading a browser of its own. The page must draw its pages and one
box per located value, and clicking a row must bring its box into view (and a box its row).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

import ita_extract
from ita_extract.review.records import review_records

FIXTURES = Path(__file__).parents[1] / "fixtures"
PDF = FIXTURES / "ita-2566-obt-a.pdf"
WINDOW = (1400, 900)

_IN_VIEW = """
const r = arguments[0].getBoundingClientRect();
return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "run scripts/bootstrap.sh --test: it installs Chromium"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    session = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture(scope="module")
def review_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review") / "review.html"
    ita_extract.review(PDF, out)
    return out


@pytest.mark.slow
def test_pages_and_one_box_per_value_are_drawn(
    browser: webdriver.Chrome, review_page: Path
) -> None:
    browser.get(review_page.as_uri())
    report = ita_extract.parse(PDF)
    spans = [s for entry in review_records(report) for s in entry.evidence if s.bbox]
    assert len(browser.find_elements(By.CSS_SELECTOR, ".box")) == len(spans)
    pages = browser.find_elements(By.CSS_SELECTOR, ".page img")
    assert len(pages) == report.source.pages
    first = pages[0]
    assert browser.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", first
    )
    # -- a box sits on its page: inside the page picture's rectangle, with a size --
    box = browser.find_element(By.CSS_SELECTOR, ".box.indicator")
    assert box.size["width"] > 50 and box.size["height"] > 5
    picture = first.rect
    assert picture["x"] <= box.rect["x"] <= picture["x"] + picture["width"]
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    pixels = np.asarray(shot, dtype=np.int16)
    assert pixels.std() > 20, "the screenshot is blank"
    # -- the indicator boxes' blue (#1c7ed6) is drawn on the page --
    blue = (abs(pixels[..., 0] - 0x1C) < 30) & (abs(pixels[..., 2] - 0xD6) < 30)
    assert blue.sum() > 500


@pytest.mark.slow
def test_clicking_a_row_scrolls_to_its_box_and_a_box_to_its_row(
    browser: webdriver.Chrome, review_page: Path
) -> None:
    browser.get(review_page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-boxes]:not([data-boxes=''])")
    row = rows[-1]  # -- the last table's last row: near the report's end, far below --
    box = browser.find_element(By.ID, row.get_attribute("data-boxes").split()[0])
    assert not browser.execute_script(_IN_VIEW, box)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.find_element(By.CSS_SELECTOR, "td").click()
    assert browser.execute_script(_IN_VIEW, box)
    assert "on" in box.get_attribute("class").split()
    assert "on" in row.get_attribute("class").split()
    # -- and back: a box on the first page brings its row into the side panel's view --
    browser.execute_script("window.scrollTo(0, 0)")
    first_box = browser.find_element(By.CSS_SELECTOR, ".box.agency")
    target = browser.find_element(By.ID, first_box.get_attribute("data-record"))
    browser.execute_script("document.querySelector('aside').scrollTop = 1e6")
    assert not browser.execute_script(_IN_VIEW, target)
    first_box.click()
    assert browser.execute_script(_IN_VIEW, target)
    assert "on" in target.get_attribute("class").split()
