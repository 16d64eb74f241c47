"""Legacy Vietnamese encodings: tables, decoding with byte offsets, detection, overrides, PDFs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract import ingest_bytes, repair_document
from egov_extract.errors import UndecodableTextError
from egov_extract.ingest import encodings, legacy
from egov_extract.ingest.textfile import read_text
from egov_extract.repair.syllables import TONE_MARKS
from tests.helpers import ROOT, SEEDS, load_script


FIXTURES = load_script("make_legacy_fixtures")
SEED = (SEEDS / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")
LETTER = "Kính gửi: Sở Nội vụ tỉnh An Giang.\nĐề nghị Sở xem xét, giải quyết theo Quyết định số 12/QĐ-UBND ngày 20/5/2025.\n"


def _letters() -> list[str]:
    out = []
    for vowel in "aăâeêioôơuưy":
        for tone in TONE_MARKS:
            letter = unicodedata.normalize("NFC", vowel + tone)
            out += [letter, letter.upper()]
    return out + ["đ", "Đ"]


# --- tables -------------------------------------------------------------------------------------

def test_tables_are_what_the_generator_writes():
    if not (shutil.which("iconv") and shutil.which("recode")):
        pytest.skip("iconv and recode rebuild the tables")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_legacy_tables.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("encoding, iconv_name", [("viscii", "VISCII"), ("tcvn3", "TCVN5712-1")])
def test_single_byte_tables_agree_with_iconv(encoding, iconv_name):
    if not shutil.which("iconv"):
        pytest.skip("no iconv")
    table = legacy.tables()["single_byte"][encoding]
    for code, char in table.items():
        run = subprocess.run(["iconv", "-f", iconv_name, "-t", "UTF-8"], input=bytes([int(code, 16)]), capture_output=True, check=True)
        assert run.stdout.decode("utf-8") == char, code


@pytest.mark.parametrize("encoding", ["viscii", "vni", "cp1258"])
def test_every_vietnamese_letter_round_trips(encoding):
    for letter in _letters():
        assert legacy.decode(legacy.encode(letter, encoding), encoding).text == letter


def test_tcvn3_and_vps_lack_some_capitals_and_write_them_small():
    assert legacy.encode("Ộ", "tcvn3") == legacy.encode("ộ", "tcvn3") == b"\xe9"
    assert legacy.encode("Ỗ", "vps") == legacy.encode("ỗ", "vps")
    assert legacy.tables()["missing_letters"]["vps"] == ["Ỗ"]


# --- decoding -----------------------------------------------------------------------------------

def test_the_issue_examples():
    assert legacy.decode(b"S\xeb N\xe9i v\xf4", "tcvn3").text == "Sở Nội vụ"  # 'Së Néi vô'
    assert legacy.decode("Sôû Noäi vuï".encode("cp1252"), "vni").text == "Sở Nội vụ"
    assert legacy.decode(b"Vie^.t Nam, So+? No^.i vu.", "viqr").text == "Việt Nam, Sở Nội vụ"


def test_viqr_reads_escapes_codes_and_sentence_ends():
    assert legacy.decode(b"nhu+ sau\\. Ti\\'\xe1p", "viqr").text.startswith("như sau. Ti'")
    assert legacy.decode(b"Quye^'t ddi.nh so^' 12/QDD-UBND\nnhu+ sau.\n", "viqr").text == "Quyết định số 12/QĐ-UBND\nnhư sau.\n"
    assert legacy.decode(b"KT.TRU+O+?NG", "viqr").text == "KT.TRƯỞNG"
    assert legacy.decode(b"e.g. online, what? email: a.b@x.vn", "viqr").text == "e.g. online, what? email: a.b@x.vn"


@pytest.mark.parametrize("variant", FIXTURES.VARIANTS)
def test_byte_offsets_point_at_the_bytes_each_character_came_from(variant):
    text = FIXTURES.typed_text(LETTER, variant)
    data = FIXTURES.encode(text, variant)
    document = ingest_bytes(data, "letter.txt")
    page = document.pages[0]
    assert page.text == text
    for i, ch in enumerate(page.text):
        start, end = page.byte_offset(i), page.byte_offset(i + 1)
        assert 0 <= start < end <= len(data)
        piece = FIXTURES.encode(ch, variant) if ch.isascii() or variant != "viqr" else None
        if piece is not None and variant not in ("cp1258", "cp1258-decomposed"):
            assert data[start:end] == piece, (i, ch)
    assert page.byte_offset(len(page.text)) == len(data)


def test_crlf_files_map_offsets_past_the_dropped_carriage_returns():
    data = legacy.encode("Sở Nội vụ\r\nỦy ban nhân dân\r\n", "vni")
    page = ingest_bytes(data, "crlf.txt").pages[0]
    assert page.text == "Sở Nội vụ\nỦy ban nhân dân\n"
    at = page.text.index("Ủy")
    assert data[page.byte_offset(at) :].startswith(legacy.encode("Ủy", "vni"))


# --- detection ----------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", FIXTURES.VARIANTS)
def test_generated_files_are_detected_and_read_exactly(variant):
    for sample in FIXTURES.samples(4, seed=7, variants=(variant,)):
        document = ingest_bytes(sample.data, sample.name + ".txt")
        assert document.encoding == FIXTURES.expected_encoding(variant), sample.name
        if variant != "tcvn3":  # TCVN3 has no capital toned letters: a few stay small
            assert document.text == sample.text.rstrip("\f"), sample.name


def test_a_two_line_letter_is_enough():
    for variant in FIXTURES.VARIANTS:
        document = ingest_bytes(FIXTURES.encode(FIXTURES.typed_text(LETTER, variant), variant), "l.txt")
        assert document.encoding == FIXTURES.expected_encoding(variant)


def test_vntimeh_headings_come_back_in_capitals():
    heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nĐẢNG BỘ TỈNH\n"
    data = legacy.encode(heading, "tcvn3")
    assert b"C\xe9NG" in data  # 'CéNG': ộ has no capital in TCVN3
    assert ingest_bytes(data, "h.txt").text == heading


def test_tcvn3_words_keep_their_case_where_the_text_says_it():
    text = "Ủy ban nhân dân tỉnh giao Sở KH&CN.\nCăn cứ ý kiến của Ủy ban, ở đây.\n"
    assert ingest_bytes(legacy.encode(text, "tcvn3"), "t.txt").text == text


def test_a_page_in_another_encoding_is_read_in_its_own():
    first = legacy.encode(SEED[:1500], "tcvn3")
    second = legacy.encode(FIXTURES.typed_text(SEED[1500:3000], "vni"), "vni")
    document = ingest_bytes(first + b"\f" + second, "two.txt")
    assert document.encoding == "tcvn3"
    assert [p.encoding for p in document.pages] == [None, "vni"]
    assert document.pages[1].text == FIXTURES.typed_text(SEED[1500:3000], "vni")
    assert document.pages[1].byte_offset(0) == len(first) + 1


def test_utf8_files_are_read_as_before():
    document = ingest_bytes(SEED.encode("utf-8"), "seed.txt")
    assert document.encoding == "utf-8"
    assert all(p.byte_offsets is None and p.encoding is None for p in document.pages)


def test_plain_ascii_and_stripped_text_is_not_viqr():
    for text in ("Report on e-government: what? 85,7% (11/14).\n", "Chinh quyen dien tu tinh An Giang nhu sau.\nTai sao? Vi:\n"):
        assert ingest_bytes(text.encode("ascii"), "a.txt").encoding == "utf-8"


def test_text_in_no_vietnamese_encoding_is_flagged_and_never_repaired():
    data = ("Съешь же ещё этих мягких французских булок, да выпей чаю. " * 8).encode("cp1251")
    document = ingest_bytes(data, "ru.txt")
    assert document.encoding == encodings.UNKNOWN
    assert [e.code for e in document.errors] == ["unknown-encoding"]
    repaired = repair_document(document)
    assert repaired.pages[0].text == document.pages[0].text
    assert repaired.pages[0].changes == ()


def test_the_issue_case_tcvn3_is_no_longer_repaired_into_wrong_vietnamese():
    data = legacy.encode(SEED[:4000], "tcvn3")
    document = ingest_bytes(data, "tcvn3.txt")
    assert document.encoding == "tcvn3"
    repaired = repair_document(document)
    assert sum(p.stats.changed for p in repaired.pages) == 0


# --- overrides ----------------------------------------------------------------------------------

def test_encoding_override_and_its_errors():
    data = legacy.encode("Sở Nội vụ", "tcvn3")
    assert ingest_bytes(data, "t.txt", encoding="ABC").text == "Sở Nội vụ"
    assert ingest_bytes(data, "t.txt", encoding="cp1258").encoding == "cp1258"
    with pytest.raises(UndecodableTextError, match="unknown encoding 'klingon'"):
        ingest_bytes(data, "t.txt", encoding="klingon")
    with pytest.raises(UndecodableTextError, match="not utf-8 as asked"):
        ingest_bytes(data, "t.txt", encoding="utf-8")


def test_cli_encoding_option(tmp_path):
    from click.testing import CliRunner

    from egov_extract.cli import cli

    path = tmp_path / "t.txt"
    path.write_bytes(legacy.encode("Sở Nội vụ tỉnh An Giang", "vni"))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(path)]).output == "Sở Nội vụ tỉnh An Giang\n"
    forced = runner.invoke(cli, ["ingest", "--encoding", "cp1252", str(path)])
    assert forced.exit_code == 2 and "not an encoding we read" in forced.output
    result = runner.invoke(cli, ["ingest", "--json", "--encoding", "vni", str(path)])
    assert json.loads(result.output)["encoding"] == "vni"
    result = runner.invoke(cli, ["audit", "--encoding", "vni", str(path), "--json", str(tmp_path / "a.json")])
    assert result.exit_code == 0 and json.loads((tmp_path / "a.json").read_text())["reports"] == [str(path)]


# --- PDFs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", FIXTURES.PDF_VARIANTS)
def test_legacy_font_pdfs_are_converted_per_font_run(variant):
    text = FIXTURES.typed_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + SEED[:2500], variant)
    document = ingest_bytes(FIXTURES.legacy_pdf(text, variant), "legacy.pdf", ocr=False)
    assert document.encoding == variant
    assert [p.encoding for p in document.pages] == [variant] * len(document.pages)
    truth = FIXTURES.pdf_truth(text)
    assert [p.text for p in document.pages] == truth


def test_a_unicode_pdf_is_untouched(fixture_pdfs):
    document = ingest_bytes(fixture_pdfs["text"].read_bytes(), "text.pdf")
    assert document.encoding is None and all(p.encoding is None for p in document.pages)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(set(SEED.split()))), min_size=1, max_size=30), st.sampled_from(["vni", "viscii", "vps", "cp1258"]))
def test_encode_decode_round_trip(words, encoding):
    text = FIXTURES.typed_text(" ".join(words), encoding)
    assert legacy.decode(legacy.encode(text, encoding), encoding).text == text


def test_read_text_rejects_binary():
    with pytest.raises(UndecodableTextError, match="binary data"):
        read_text(bytes(range(1, 32)) * 20 + b"\x81\x8a\x8d", "garbage.txt")


_VIETNAMESE_WORDS = sorted({unicodedata.normalize("NFC", w.strip(".,;:()\"'")) for w in SEED.split() if not w.isascii()} - {""})


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_VIETNAMESE_WORDS), st.sampled_from(["UBND", "QĐ-UBND", "85,7%", "11/14", "e.g.", "v.v.", "a.b@x.vn", "(1)", "?", ".", "\\", "^", "đ)"])), min_size=1, max_size=25),
       st.sampled_from([" ", "\n", ". ", ", ", "? "]))
def test_viqr_round_trip_of_words_and_punctuation(words, glue):
    text = FIXTURES.typed_text(glue.join(words), "viqr")
    assert legacy.decode(legacy.encode(text, "viqr"), "viqr").text == text


def test_utf8_with_a_few_broken_bytes_stays_utf8_and_is_flagged():
    data = SEED.encode("utf-8")
    cut = data.index(b"\n", 3000)
    document = ingest_bytes(data[:cut] + b" \x93trich\x94 " + data[cut:], "mended.txt")
    assert document.encoding == "utf-8"
    assert [e.code for e in document.errors] == ["invalid-utf8"]
    assert document.pages[0].text.count("\ufffd") == 2
    assert ingest_bytes(legacy.encode(SEED[:3000], "tcvn3"), "t.txt").encoding == "tcvn3"  # legacy bytes are no broken UTF-8


def test_unicode_text_in_a_font_named_vntime_is_left_alone():
    from reportlab.pdfgen import canvas

    import io

    FIXTURES._register(".VnTime")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont(FIXTURES._register(".VnTime"), 11)
    c.drawString(64, 700, "Cá nhân và tổ chức có liên quan")  # Unicode, though the font is named .VnTime
    c.drawString(64, 680, "Cá nhân")
    c.save()
    document = ingest_bytes(buf.getvalue(), "unicode-vntime.pdf")
    assert document.pages[0].text == "Cá nhân và tổ chức có liên quan\nCá nhân"
    assert document.encoding is None


def test_a_pdf_can_be_forced_to_a_legacy_encoding():
    text = FIXTURES.typed_text(SEED[:1200], "tcvn3")
    data = FIXTURES.legacy_pdf(text.lower(), "tcvn3")
    document = ingest_bytes(data, "forced.pdf", encoding="tcvn3", ocr=False)
    assert document.encoding == "tcvn3"
    assert "\n".join(p.text for p in document.pages).lower() == "\n".join(FIXTURES.pdf_truth(text.lower())).lower()


@pytest.mark.parametrize("variant", FIXTURES.PDF_VARIANTS)
def test_legacy_codes_under_fonts_with_other_names_are_found_by_detection(variant):
    text = FIXTURES.typed_text(SEED[:2000], variant).lower()
    data = FIXTURES.legacy_pdf(text, variant, fonts=("TimesNewRomanPSMT", "TimesNewRomanPSMT"))
    document = ingest_bytes(data, "renamed.pdf", ocr=False)
    assert document.encoding == variant
    assert [p.text for p in document.pages] == FIXTURES.pdf_truth(text)


def test_windows_punctuation_in_ascii_text_is_no_unknown_encoding():
    document = ingest_bytes("Report \u201cOnline services\u201d \u2013 85,7% of 14 agencies\u2026\n".encode("cp1252"), "en.txt")
    assert document.encoding == "cp1258" and document.errors == ()
    assert document.text == "Report \u201cOnline services\u201d \u2013 85,7% of 14 agencies\u2026\n"


def test_tcvn3_capitals_follow_the_neighbours():
    # 'ủy' alone is capitalised 76 % of the time; next to 'quyền' almost never (regression: the
    # syllable's own rate made 'người được Ủy quyền')
    text = "Căn cứ ý kiến của Ủy ban; người được ủy quyền ký.\n| Áp dụng | 85,7% |\n"
    assert ingest_bytes(legacy.encode(text, "tcvn3"), "t.txt").text == text
