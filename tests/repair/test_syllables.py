import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov_extract.repair.lm import PUNCTUATION_TOKENS, SPECIALS, load
from egov_extract.repair.syllables import (
    apply_case,
    canonical,
    fold,
    has_vietnamese_marks,
    is_valid,
    parse,
    split_tone,
)

VALID = (
    "quyền nghiêng khuya quyết yêu gì gìn gia giữa hoà hòa thuý thúy của mùa người hướng được Đảng "
    "tỉnh chính xã hội cơ quan thuở huệ oanh uống ướt ưu hươu khuyên chuyển đổi số lập ăn ấy nhất "
    "việc điện tử quả qua ý ủy khỏe giặt giếng kiểm ghi nghĩ gương ngoài nguyễn xuân thuận luật "
    "ĐIỀU CỘNG HOÀ NGHĨA"
).split()
# English-mode OCR garble and English words: not Vietnamese spelling.
INVALID = "hién tir ctia d61 cia s6 nhitng hoQi ddi hudng dugc dién quyén tdm chtrc online smart cei ngi kă".split()


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word):
    assert is_valid(word)


@pytest.mark.parametrize("word", INVALID)
def test_garble_is_not_a_syllable(word):
    assert not is_valid(word)


def test_structure():
    s = parse("quyền")
    assert (s.onset, s.glide, s.nucleus, s.coda, s.tone) == ("qu", "", "yê", "n", 1)
    s = parse("khuya")
    assert (s.onset, s.glide, s.nucleus, s.coda) == ("kh", "u", "ya", "")
    assert parse("của").nucleus == "ua" and parse("quả").onset == "qu"
    assert parse("gì").onset == "g" and parse("gia").onset == "gi"


def test_stop_codas_take_only_sac_or_nang():
    assert is_valid("tốt") and is_valid("học")
    assert not is_valid("tồt") and not is_valid("hỏc")


def test_fold_and_tone():
    assert fold("Chính quyền điện tử ĐẢNG") == "Chinh quyen dien tu DANG"
    assert split_tone("quyền") == ("quyên", 1)
    assert has_vietnamese_marks("đi") and not has_vietnamese_marks("di")


def test_canonical_tone_placement_is_one_spelling():
    assert canonical("hòa") == canonical("hoà")
    assert canonical("thúy") == canonical("thuý")
    assert canonical("Người") == "người"


def test_apply_case():
    assert apply_case("TINH", "tỉnh") == "TỈNH"
    assert apply_case("Tinh", "tỉnh") == "Tỉnh"
    assert apply_case("tinh", "tỉnh") == "tỉnh"


def test_every_vocabulary_syllable_round_trips():
    lm = load()
    words = [t for t in lm.vocab if t not in SPECIALS and t not in PUNCTUATION_TOKENS and not t.isupper()]  # acronyms are tokens too
    syllables = [t for t in words if is_valid(t)]
    assert len(syllables) > 2000 and len(words) - len(syllables) < 200  # the rest: foreign words and units ('email', 'km2')
    for s in syllables:
        parsed = parse(s)
        assert parsed.spell() == canonical(s) == s  # the LM holds canonical spellings
        assert parse(parsed.spell()) == parsed


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạèéẻẽẹ", max_size=7))
def test_canonical_keeps_validity_and_fold(word):
    if is_valid(word):
        assert is_valid(canonical(word))
        assert fold(canonical(word)) == fold(word.lower())


def test_the_two_tone_conventions():
    from egov_extract.repair.syllables import tone_style, with_tone_style

    pairs = [("hóa", "hoá"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("Ủy", "Uỷ"), ("HÒA", "HOÀ"), ("Tòa", "Toà")]
    for old, new in pairs:
        assert (tone_style(old), tone_style(new)) == ("old", "new")
        assert with_tone_style(new, "old") == old and with_tone_style(old, "new") == new
        assert with_tone_style(old, "old") == old and with_tone_style(new, "new") == new
    # where the conventions agree: a coda, qu as the onset, no tone, no such vowels
    for word in ("hoàn", "quý", "Quỳ", "hoa", "của", "mùa", "khuya", "thuở", "số", "UBND"):
        assert tone_style(word) is None
        assert with_tone_style(word, "old") == word == with_tone_style(word, "new")


def test_every_vocabulary_syllable_keeps_its_identity_under_either_convention():
    from egov_extract.repair.syllables import tone_style, with_tone_style

    lm = load()
    moved = 0
    for s in (t for t in lm.vocab if t not in SPECIALS and t not in PUNCTUATION_TOKENS and is_valid(t)):
        old, new = with_tone_style(s, "old"), with_tone_style(s, "new")
        assert canonical(old) == canonical(new) == canonical(s)
        assert tone_style(old) in (None, "old") and tone_style(new) in (None, "new")
        assert with_tone_style(old, "new") == new and with_tone_style(new, "old") == old
        moved += old != new
    assert moved > 20  # hóa/hoá, thủy/thuỷ, khỏe/khoẻ, tòa/toà, ...
