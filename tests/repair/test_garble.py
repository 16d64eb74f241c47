"""The English-OCR garble generator: fonts, deterministic rendering, line alignment, one real run."""

from __future__ import annotations

import shutil

import pytest

from egov_extract.repair import garble
from egov_extract.repair.garble import FontSpec, NoiseSpec

VIETNAMESE_ONLY = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ")


def _font() -> FontSpec:
    fonts = garble.available_fonts()
    if not fonts:
        pytest.skip("no serif font with Vietnamese glyphs installed")
    return fonts[0]


def test_available_fonts_draw_every_vietnamese_letter():
    for font in garble.available_fonts():
        assert garble.missing_glyphs(font.path) == ""
    # DejaVu Serif ships with the project's setup and covers Vietnamese.
    assert "dejavu-serif" in {f.name for f in garble.available_fonts()}


def test_missing_glyphs_are_detected():
    # A glyph drawn as the .notdef box counts as missing: code points no font maps must come
    # back as missing, a Vietnamese letter DejaVu Serif draws must not.
    font = garble.font_by_name("dejavu-serif")
    assert garble.missing_glyphs(font.path, "\U0010fffb\U0010fffc") == "\U0010fffb\U0010fffc"
    assert garble.missing_glyphs(font.path, "ệ") == ""


def test_wrap_fits_the_text_block():
    font = _font()
    text = "Căn cứ Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ " * 6
    lines = garble.wrap_paragraphs(text + "\n\nKết quả", font)
    assert len(lines) > 3 and lines[-1] == "Kết quả"
    assert all(font.text_width_pt(line) <= garble.TEXT_WIDTH_PT for line in lines)
    assert " ".join(lines[:-1]).split() == text.split()


def test_render_is_deterministic():
    font = _font()
    lines = ["Kế hoạch chuyển đổi số năm 2025", "Đảng bộ tỉnh An Giang, tỷ lệ 85,7%"]
    noise = NoiseSpec(blur=0.8, threshold=150, rotation=0.4, speckle=0.001)
    first = garble.render_lines(lines, font, dpi=150, noise=noise, seed=7)
    again = garble.render_lines(lines, font, dpi=150, noise=noise, seed=7)
    other = garble.render_lines(lines, font, dpi=150, noise=noise, seed=8)
    assert first.mode == "1" and first.size == (round(595 * 150 / 72), round(842 * 150 / 72))
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()
    gray = garble.render_lines(lines, font, dpi=150, noise=NoiseSpec(), seed=7)
    assert gray.mode == "L" and gray.getextrema() == (0, 255)


def test_alignment_skips_lost_and_spurious_lines():
    clean = ["Kết quả thực hiện cải cách hành chính", "Nghị quyết số 17/NQ-CP", "Đảng bộ tỉnh", "về chuyển đổi số"]
    ocr = ["Két qua thue hién cai cach hanh chinh", "~ . ,", "Nghi quyét s6 17/NQ-CP", "v€ chuyén d61 so"]
    pairs, dropped = garble.align_lines(clean, ocr)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (1, 2), (3, 3)]
    assert dropped == 0
    # A matched but unrelated pair is dropped and counted.
    pairs, dropped = garble.align_lines(["Kết quả thực hiện"], ["Kxt zzzz thqc hxxn"], min_similarity=90)
    assert pairs == [] and dropped == 1


def test_syllable_errors_are_token_edits():
    assert garble.syllable_errors("Kết quả thực hiện", "Két qua thực hién") == (3, 4)
    assert garble.syllable_errors("a b c", "a b c") == (0, 3)


def test_pick_pages_spreads_over_the_document():
    picks = garble.pick_pages(30, 3, seed=1)
    assert len(picks) == 3 and picks == sorted(set(picks))
    assert picks[0] < 10 <= picks[1] < 20 <= picks[2] < 30
    assert garble.pick_pages(2, 5, seed=1) == [0, 1]


def test_prepare_source_drops_what_was_never_printed():
    text = "UBND\n--------\n*Căn cứ Luật;*\n## Điều 1\nNội dung\u00ad\n## Văn bản liên quan\nBan hành:"
    assert garble.prepare_source(text) == "UBND\nCăn cứ Luật;\nĐiều 1\nNội dung"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_english_ocr_garbles_vietnamese_and_keeps_digits():
    text = (
        "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, "
        "giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019-2020, định hướng đến "
        "năm 2025, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 214/KH-UBND ngày 02/5/2019."
    )
    font = garble.font_by_name("texgyre-termes") if "texgyre-termes" in {
        f.name for f in garble.available_fonts()} else _font()
    pairs = garble.garble_text(text, font=font, dpi=200, seed=3, workers=1)
    assert len(pairs) >= 2
    clean = " ".join(c for c, _ in pairs)
    ocr = " ".join(o for _, o in pairs)
    assert clean.split() == text.split()
    assert not VIETNAMESE_ONLY & set(ocr), ocr
    for number in ("17/NQ-CP", "07/3/2019", "2019-2020", "214/KH-UBND", "02/5/2019"):
        assert number in ocr, (number, ocr)
    edits, size = garble.syllable_errors(clean, ocr)
    assert edits / size > 0.4, ocr
