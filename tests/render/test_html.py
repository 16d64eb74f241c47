"""The HTML audit page: escaped, deterministic, self-contained, complete; and its filters in a real browser."""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from egov_extract import extract
from egov_extract.cli import cli
from egov_extract.datamodel import Audit, Evidence, Finding, Span
from egov_extract.datamodel.report import Quote
from egov_extract.reconcile import reconcile
from egov_extract.render import to_html
from tests.helpers import SEEDS, tesseract_ready

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def seed_audit() -> Audit:
    return reconcile([extract(p) for p in sorted(SEEDS.glob("*.txt"))])


@pytest.fixture(scope="module")
def seed_html(seed_audit) -> str:
    return to_html(seed_audit)


def one_line(text: str) -> str:
    return " ".join(text.split())


def article(page: str, anchor: str) -> str:
    """The markup of one finding, by its id."""
    start = page.index(f'<article class="finding')
    start = page.index(f'id="{anchor}"', start)
    return page[page.rindex("<article", 0, start) : page.index("</article>", start)]


def hostile_audit() -> Audit:
    sentence = 'Giá trị <script>alert(1)</script> & "đạt" \'11/14\'\ncơ quan <b>85,7%</b>.'
    start = sentence.index("11/14")
    quote = Quote(text=sentence, start=start, end=start + 5)
    evidence = Evidence(span=Span(source='a "b" <c>&d.txt', page=2, start=10, end=15), text="11/14", quote=quote)
    finding = Finding(
        check="<i>check</i>",
        severity="error",
        message="<img src=x onerror=alert(1)> & more",
        evidence=(evidence,),
        suggestion="use </script> & 12/14",
    )
    return Audit(reports=('a "b" <c>&d.txt', "clean.txt"), findings=(finding,))


def test_everything_from_the_data_is_escaped():
    page = to_html(hostile_audit(), title="<Audit & co>")
    assert page.count("<script") == 1 and page.count("</script>") == 1  # only the page's own script
    assert "alert(1)" in page and "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;đạt&quot; &#x27;<mark>11/14</mark>&#x27; cơ quan" in page
    assert "<title>&lt;Audit &amp; co&gt;</title>" in page
    assert 'data-check="&lt;i&gt;check&lt;/i&gt;"' in page
    assert "a &quot;b&quot; &lt;c&gt;&amp;d.txt, page 2, characters 10–15" in page
    assert "use &lt;/script&gt; &amp; 12/14" in page


def test_page_is_standalone_html5(seed_html):
    assert seed_html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    assert '<meta charset="utf-8">' in seed_html
    assert not re.search(r"""\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:|//)""", seed_html, re.I)
    assert not re.search(r"@import|url\s*\(|<link\b|<iframe\b|<img\b", seed_html, re.I)
    assert "src=" not in seed_html
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', seed_html))


def test_same_audit_same_bytes(seed_audit, seed_html):
    again = Audit.model_validate_json(seed_audit.to_json())
    assert to_html(again) == seed_html == to_html(seed_audit)


def test_header_lists_every_report_and_counts(seed_audit, seed_html):
    assert f"{len(seed_audit.reports)} reports reconciled" in seed_html
    for severity in ("error", "warning"):
        n = sum(f.severity == severity for f in seed_audit.findings)
        assert f">{n} {severity}{'' if n == 1 else 's'}</span>" in seed_html
    for source in seed_audit.reports:  # those without findings too
        assert f'<option value="{escape(source)}">{escape(source)} (' in seed_html
        assert f'<tr data-source="{escape(source)}">' in seed_html


def test_every_finding_and_evidence_is_there(seed_audit, seed_html):
    assert seed_audit.findings
    for i, f in enumerate(seed_audit.findings, 1):
        block = article(seed_html, f.id)
        assert f'data-severity="{f.severity}"' in block and f'data-check="{escape(f.check)}"' in block
        for source in {e.span.source for e in f.evidence}:
            assert escape(f'"{source}"') in block
        assert escape(f.message) in block
        if f.suggestion:
            assert escape(f.suggestion) in block
        for j, e in enumerate(f.evidence, 1):
            assert f'id="{f.id}-e-{j}"' in block
            s = e.span
            assert escape(f"{s.source}, page {s.page}, characters {s.start}–{s.end}") in block
            assert f"<code>{escape(e.text)}</code>" in block
            q = e.quote
            assert f"<mark>{escape(one_line(q.text[q.start : q.end]))}</mark>" in block
            assert escape(one_line(q.text[q.end :])) in block
    # grouped: errors before warnings before info
    order = [m.group(1) for m in re.finditer(r'<section class="group severity sev-(\w+)"', seed_html)]
    assert order == [s for s in ("error", "warning", "info") if any(f.severity == s for f in seed_audit.findings)]


def test_garbled_seed_shows_repaired_and_as_ingested(seed_audit, seed_html):
    i, finding = next(  # the headline case: 11/14 printed as 85,7% in an English-OCR'd scan
        (i, f) for i, f in enumerate(seed_audit.findings, 1)
        if any("000_" in e.span.source and e.quote.original and e.text == "11/14" for e in f.evidence)
    )
    block = article(seed_html, finding.id)
    q = next(e.quote for e in finding.evidence if e.quote.original)
    assert ">repaired<" in block and ">as ingested<" in block
    assert "\n" not in block[block.index("<blockquote>") : block.index("</blockquote>")]
    repaired = f"{escape(one_line(q.text[: q.start]))} <mark>{escape(q.text[q.start : q.end])}</mark>"
    original = f"{escape(one_line(q.original[: q.original_start]))} <mark>{escape(q.original[q.original_start : q.original_end])}</mark>"
    assert repaired in block and original in block
    assert "cơ quan nhà nước" in block and "co quan nha nudc" in block
    assert block.index(">repaired<") < block.index(">as ingested<")


def test_clean_sources_show_one_sentence_unlabelled():
    audit = hostile_audit()
    page = to_html(audit)
    assert ">as ingested<" not in page and ">repaired<" not in page


def test_audit_without_findings():
    page = to_html(Audit(reports=("a.txt",), findings=()))
    assert "No findings." in page and 'value="a.txt"' in page and "0 of 0 findings shown" in page


def test_cli_writes_html(tmp_path):
    source = tmp_path / "r.txt"
    source.write_text("Đạt 11/14 cơ quan, tỷ lệ 85,7%.\n", encoding="utf-8")
    out = tmp_path / "deep" / "er" / "audit.html"
    result = CliRunner().invoke(cli, ["audit", str(source), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-check="percent-vs-ratio"' in page and "<mark>11/14</mark>" in page
    assert "# Audit" not in result.output  # no Markdown on stdout when a file is asked for


# --- a real browser ------------------------------------------------------------------------------

_browser_missing = not (CHROMIUM.is_file() and CHROMEDRIVER.is_file())


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; in CI (CI set) a missing browser fails instead of skipping."""
    if _browser_missing:
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium or /usr/bin/chromedriver is missing (Debian chromium, chromium-driver)")
        pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000"):
        options.add_argument(arg)
    options.binary_location = str(CHROMIUM)
    # An explicit driver path keeps Selenium Manager (which downloads) out of it.
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.set_page_load_timeout(20)
        yield driver
    finally:
        driver.quit()


VISIBLE = """var attribute = arguments[1];
return Array.from(document.querySelectorAll(arguments[0]))
  .filter(function (e) { return e.getClientRects().length > 0; })
  .map(function (e) { return e.getAttribute(attribute); });"""


def test_filters_in_a_real_browser(browser, seed_audit, seed_html, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "audit.html"
    page.write_text(seed_html, encoding="utf-8")
    browser.get(page.as_uri())

    shot = tmp_path / "audit.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000

    everyone = [f.id for f in seed_audit.findings]
    total = len(everyone)
    counter = browser.find_element(By.ID, "counter")

    def visible() -> list[str]:
        return sorted(browser.execute_script(VISIBLE, "article.finding", "id"), key=everyone.index)

    def shown(anchors: list[str]) -> None:
        assert visible() == anchors
        assert counter.text == f"{len(anchors)} of {total} findings shown"

    assert browser.find_element(By.ID, "filters").is_displayed()
    shown(everyone)

    # one check: only its findings, and only its heading
    kind = Select(browser.find_element(By.ID, "filter-check"))
    check = min({f.check for f in seed_audit.findings}, key=lambda c: sum(f.check == c for f in seed_audit.findings))
    kind.select_by_value(check)
    shown([f.id for f in seed_audit.findings if f.check == check])
    assert set(browser.execute_script(VISIBLE, "section.group.check", "data-check")) == {check}
    severities = {f.severity for f in seed_audit.findings if f.check == check}
    assert set(browser.execute_script(VISIBLE, "section.group.severity", "data-severity")) == severities

    # reset, then one report: the findings with evidence in it
    browser.find_element(By.ID, "filter-reset").click()
    shown(everyone)
    report = Select(browser.find_element(By.ID, "filter-source"))
    source = next(s for s in seed_audit.reports if "000_" in s)
    report.select_by_value(source)
    expected = [f.id for f in seed_audit.findings if any(e.span.source == source for e in f.evidence)]
    assert expected
    shown(expected)

    # a report without findings is listed and shows nothing
    quiet = [s for s in seed_audit.reports if not any(e.span.source == s for f in seed_audit.findings for e in f.evidence)]
    if quiet:
        report.select_by_value(quiet[0])
        shown([])
        assert browser.find_element(By.ID, "no-match").is_displayed()

    browser.find_element(By.ID, "filter-reset").click()
    shown(everyone)
    assert not browser.find_element(By.ID, "no-match").is_displayed()


@pytest.mark.ocr
@pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")
def test_ocrd_evidence_shows_the_scan_beside_the_text():
    """Each OCR'd evidence carries the crop of its page around the words, embedded in the page."""
    from egov_extract import ingest
    from egov_extract.extract import extract_document
    from egov_extract.render.crops import evidence_crops
    from egov_extract.repair import repair_document
    from tests.helpers import REAL_PDFS

    document = ingest(REAL_PDFS / "981-ttg.signed.pdf")
    audit = reconcile([extract_document(document, repair_document(document))])
    crops = evidence_crops(audit)
    assert crops and all(uri.startswith("data:image/png;base64,") for uri in crops.values())
    page = to_html(audit, crops=crops)
    assert page.count('<figure class="scan"><img') == sum(len(f.evidence) for f in audit.findings)
    assert "OCR confidence" in page
    assert to_html(audit, crops=evidence_crops(audit)) == page  # deterministic


def test_a_source_that_is_gone_gives_no_crop_and_no_error():
    from egov_extract.datamodel import Audit, Evidence, Finding, Quote, Span
    from egov_extract.render.crops import evidence_crops

    span = Span(source="/nonexistent/scan.pdf", page=1, start=0, end=2, confidence=0.4, context_confidence=0.4, box=(1.0, 1.0, 20.0, 10.0))
    finding = Finding(check="impossible-date", severity="review", message="m", evidence=(Evidence(span=span, text="44", quote=Quote(text="44", start=0, end=2)),))
    audit = Audit(reports=("/nonexistent/scan.pdf",), findings=(finding,))
    assert evidence_crops(audit) == {}
    assert "<figure" not in to_html(audit, crops={})
