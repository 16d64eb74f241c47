"""DOCX, ODT, RTF, HTML, legacy DOC and image inputs, from files the committed generator writes."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from egov_extract import ingest_bytes
from egov_extract.cli import cli
from egov_extract.errors import ConverterUnavailableError, CorruptDocumentError, UnsupportedFileTypeError
from egov_extract.extract import extract_document
from egov_extract.ingest import formats
from egov_extract.ingest.htmlfile import html_text
from egov_extract.repair import repair_document
from tests.helpers import SEEDS, load_script, syllables, tesseract_ready


GEN = load_script("make_format_fixtures")
TEXT = (SEEDS / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")
SOURCE = GEN.from_text(TEXT)
WRITERS = {"docx": GEN.docx, "odt": GEN.odt, "rtf": GEN.rtf}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_word_processor_files_read_in_order_with_footnotes_and_parts_apart(kind):
    document = ingest_bytes(WRITERS[kind](SOURCE), f"report.{kind}")
    assert document.kind == kind and document.media_type == formats.MEDIA_TYPES[kind]
    body = [p for p in document.pages if p.part == "body"]
    assert [p.text for p in body] == SOURCE.body_pages()
    assert [(p.part, p.text) for p in document.pages if p.part != "body"] == [("header", SOURCE.header), ("footer", SOURCE.footer)]
    assert all(p.method == "markup" for p in document.pages)
    assert [p.number for p in document.pages] == list(range(1, len(document.pages) + 1))


@pytest.mark.parametrize("kind", ["docx", "odt", "rtf"])
def test_a_vntime_run_is_converted(kind):
    document = ingest_bytes(WRITERS[kind](SOURCE), f"report.{kind}")
    assert document.encoding == "tcvn3"
    assert SOURCE.paragraphs[SOURCE.legacy_paragraph] in document.text


def test_tables_come_as_text_rows():
    source = GEN.Source(("Bảng 1", "STT | Cơ quan | Tỷ lệ", "1 | Sở Nội vụ | 85,7%"))
    for kind, write in WRITERS.items():
        assert ingest_bytes(write(source), f"t.{kind}").pages[0].text == "Bảng 1\nSTT | Cơ quan | Tỷ lệ\n1 | Sở Nội vụ | 85,7%", kind


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_extraction_equals_that_of_the_same_text_in_utf8(kind):
    document = ingest_bytes(WRITERS[kind](SOURCE), f"report.{kind}")
    body = "\f".join(SOURCE.body_pages()) + "\f" + SOURCE.header + "\f" + SOURCE.footer
    plain = ingest_bytes(body.encode("utf-8"), "report.txt")
    ours = extract_document(document, repair_document(document))
    theirs = extract_document(plain, repair_document(plain))
    assert [(c.number, c.date, c.span.page, c.span.start) for c in ours.citations] == [
        (c.number, c.date, c.span.page, c.span.start) for c in theirs.citations
    ]
    assert [(d.date, d.span.start) for d in ours.dates] == [(d.date, d.span.start) for d in theirs.dates]
    assert ours.meta.model_dump(exclude={"span", "date_span", "signer_span"}) == theirs.meta.model_dump(exclude={"span", "date_span", "signer_span"})


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258"])
def test_html_pages_keep_the_article_and_drop_the_site(charset):
    document = ingest_bytes(GEN.html_page(SOURCE, charset), "page.html")
    assert document.kind == "html" and document.media_type == "text/html"
    assert document.encoding == ("cp1258" if charset == "windows-1258" else "utf-8")
    text = document.pages[0].text
    assert text == GEN.html_expected(SOURCE)
    for site in ("Trang chủ", "Tin mới", "Bản quyền", "không phải văn bản", "CỔNG THÔNG TIN"):
        assert site not in text


def test_html_without_main_drops_navigation_and_decodes_entities():
    page = (
        "<html><head><title>x</title><script>alert(1)</script></head><body>"
        "<div id='menu'>Trang chủ | Giới thiệu</div><div class='content'><p>Kết qu&#7843; đạt 85,7&percnt;&nbsp;(11/14)</p>"
        "<p>Dòng một<br>dòng hai</p></div><div class='footer'>Liên hệ</div></body></html>"
    )
    assert html_text(page) == "Kết quả đạt 85,7% (11/14)\nDòng một\ndòng hai"


def test_html_meta_charset_is_honoured_over_guessing():
    body = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head><body><p>Sở Nội vụ</p></body></html>"
    from egov_extract.ingest import legacy

    assert ingest_bytes(legacy.encode(body, "cp1258"), "p.htm").pages[0].text == "Sở Nội vụ"


def test_legacy_doc_needs_libreoffice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le")
    if formats.libreoffice() is not None:
        pytest.skip("LibreOffice is installed here")
    with pytest.raises(ConverterUnavailableError, match="setup.sh libreoffice") as info:
        ingest_bytes(data, "old.doc")
    assert info.value.exit_code == 11


def test_a_real_doc_through_libreoffice(tmp_path):
    binary = formats.libreoffice()
    if binary is None:
        pytest.skip("LibreOffice is not installed (bash scripts/setup.sh libreoffice)")
    import subprocess

    (tmp_path / "r.docx").write_bytes(GEN.docx(SOURCE))
    subprocess.run([binary, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "r.docx")], check=True, capture_output=True, timeout=180)
    document = ingest_bytes((tmp_path / "r.doc").read_bytes(), "r.doc")
    assert document.kind == "doc" and SOURCE.paragraphs[1] in document.text


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("cut.docx", GEN.docx(SOURCE)[:400], CorruptDocumentError),
        ("cut.rtf", b"{\\rtf1\\ansi {\\b S\\u7903?", CorruptDocumentError),
        ("bad.png", b"\x89PNG\r\n\x1a\n not an image", CorruptDocumentError),
        ("sheet.xlsx", GEN._zip({"xl/workbook.xml": "<workbook/>"}), UnsupportedFileTypeError),
        ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, UnsupportedFileTypeError),
    ],
)
def test_broken_and_foreign_files_fail_with_typed_errors(name, data, error):
    with pytest.raises(error) as info:
        ingest_bytes(data, name)
    assert info.value.source == name


def test_cli_exit_codes_for_new_formats(tmp_path):
    runner = CliRunner()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(GEN.docx(SOURCE)[:400])
    result = runner.invoke(cli, ["ingest", str(cut)])
    assert result.exit_code == 13 and "cut.docx" in result.output
    good = tmp_path / "r.odt"
    good.write_bytes(GEN.odt(SOURCE))
    result = runner.invoke(cli, ["ingest", str(good)])
    assert result.exit_code == 0 and SOURCE.paragraphs[0] in result.output


@pytest.mark.ocr
@pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")
@pytest.mark.parametrize("kind", ["png", "jpeg", "tiff"])
def test_images_are_ocrd_like_scanned_pages(kind):
    pages = GEN.page_images(TEXT, 2)
    data = GEN.image_file([image for image, _ in pages], kind)
    document = ingest_bytes(data, f"scan.{kind}")
    assert document.kind == "image" and document.media_type == formats.MEDIA_TYPES[kind]
    assert len(document.pages) == (2 if kind == "tiff" else 1)  # TIFF: multi-page CCITT G4
    for page, (_, truth) in zip(document.pages, pages):
        assert page.method == "ocr" and page.ocr_confidence > 0.8
        assert abs(page.width - 595) < 1 and abs(page.height - 842) < 1
        got, want = syllables(page.text), syllables(truth)
        assert len(set(got) & set(want)) >= 0.9 * len(set(want))


def test_images_without_ocr_are_recorded_not_dropped():
    data = GEN.image_file([GEN.page_images(TEXT, 1)[0][0]], "png")
    document = ingest_bytes(data, "scan.png", ocr=False)
    assert [e.code for e in document.errors] == ["ocr-skipped"] and document.pages[0].text == ""


@pytest.mark.parametrize("soft_hyphens", [False, True])
def test_a_docx_whose_styles_say_vntime_is_converted(soft_hyphens):
    # soft_hyphens: LibreOffice's .doc export keeps TCVN3's 'ư' (byte 0xAD) as an optional
    # hyphen; read as one, 'được' came back 'đợc' (regression)
    paragraphs = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sở Nội vụ tỉnh An Giang báo cáo kết quả được giao."]
    document = ingest_bytes(GEN.docx_vntime(paragraphs, soft_hyphens), "old.docx")
    assert document.encoding == "tcvn3"
    assert document.pages[0].text == "\n".join(paragraphs)


def test_html_runs_in_legacy_fonts_are_converted():
    from egov_extract.ingest import legacy

    vni = legacy.encode("Sở Nội vụ tỉnh An Giang", "vni").decode("cp1252")
    tcvn3 = legacy.encode("Kết quả thực hiện", "tcvn3").decode("cp1252")
    page = (
        f'<html><head><meta charset="windows-1252"></head><body><p><font face="VNI-Times">{vni}</font>: '
        f'<span style="font-family: .VnTime, serif">{tcvn3}</span> 85,7%</p></body></html>'
    )
    document = ingest_bytes(page.encode("cp1252"), "old.htm")
    assert document.pages[0].text == "Sở Nội vụ tỉnh An Giang: Kết quả thực hiện 85,7%"
    assert document.pages[0].encoding == "tcvn3+vni"


import unicodedata  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = sorted({unicodedata.normalize("NFC", w) for w in TEXT.split()})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=8))
def test_word_processor_round_trip(paragraphs):
    source = GEN.Source(tuple(paragraphs))
    for kind, write in WRITERS.items():
        assert ingest_bytes(write(source), f"p.{kind}").pages[0].text == "\n".join(paragraphs), kind


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS + ["<", ">", "&", "&amp;", '"']), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=8))
def test_html_round_trip(paragraphs):
    assert html_text("".join(f"<p>{__import__('html').escape(p)}</p>" for p in paragraphs)) == "\n".join(paragraphs)


def test_rtf_fonts_with_the_vietnamese_charset_are_windows_1258():
    from egov_extract.ingest import legacy

    data = legacy.encode("Sở Nội vụ", "cp1258")
    escaped = "".join(f"\\'{b:02x}" if b >= 0x80 else chr(b) for b in data)
    rtf = "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset163 Times New Roman;}}\\pard{\\f1 " + escaped + "}\\par}"
    assert ingest_bytes(rtf.encode("ascii"), "vi.rtf").pages[0].text == "Sở Nội vụ"
