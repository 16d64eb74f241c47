import math

from egov_extract.repair.lm import BOS, TrigramLM, load, train
from tests.helpers import CORPORA


def test_kneser_ney_distributions_sum_to_one():
    lm = load()
    for context in (("ủy", "ban"), ("chính", "quyền"), (BOS, BOS), ("xyz-unseen", "tỉnh")):
        u, v = lm.id(context[0]), lm.id(context[1])
        total = sum(math.exp(lm.logp(u, v, w)) for w in range(lm.size))
        assert abs(total - 1.0) < 0.02, (context, total)


def test_context_prefers_the_right_syllable():
    lm = load()
    assert lm.score("chính quyền điện tử".split()) > lm.score("chính quyền điền tử".split())
    assert lm.score("ủy ban nhân dân tỉnh".split()) > lm.score("ủy ban nhân dần tỉnh".split())


def test_training_is_deterministic_and_round_trips():
    text = (CORPORA / "reports" / "0beedb7bdb363a85.txt").read_text(encoding="utf-8")
    a, b = train([text]), train([text])
    assert a.to_bytes() == b.to_bytes()
    again = TrigramLM.from_bytes(a.to_bytes())
    assert again.score("thủ tục hành chính".split()) == a.score("thủ tục hành chính".split())


def test_shipped_model_is_small():
    from importlib import resources

    size = len(resources.files("egov_extract").joinpath("data", "syllable_lm.bin").read_bytes())
    assert size < 30e6


def test_roman_numerals_are_one_class():
    from egov_extract.repair.lm import ROMAN, lm_token
    from egov_extract.repair.tokens import Kind

    assert [lm_token(Kind.WORD, t) for t in ("I", "III", "IV", "XII")] == [ROMAN] * 4
    assert lm_token(Kind.CODE, "IV/2026") == ROMAN  # 'Quý IV/2026'
    assert lm_token(Kind.WORD, "VI") == "vi" and lm_token(Kind.WORD, "Vi") == "vi"  # also a syllable
    assert lm_token(Kind.CODE, "QĐ-UBND") != ROMAN


def test_a_quarter_is_read_before_its_numeral():
    from egov_extract.repair import repair_text

    # 'quy III' (written-report garble): 'quy' alone is never followed by a numeral.
    assert repair_text("Két qua cong tac cai cach hanh chinh quy III nam 2024").text == "Kết quả công tác cải cách hành chính quý III năm 2024"
    # 'I' is also the syllable 'i' to the channel; the numeral stays a candidate as written.
    assert repair_text("dich vu cong truc tuyén quy I nim 2025").text == "dịch vụ công trực tuyến quý I năm 2025"


def test_acronyms_are_tokens_and_rare_ones_a_class():
    from egov_extract.repair.engine import default_repairer
    from egov_extract.repair.lm import ACRONYM, lm_token
    from egov_extract.repair.tokens import Kind

    lm = default_repairer().lm
    assert lm_token(Kind.WORD, "UBND") == "UBND" and lm.knows("UBND")
    assert lm_token(Kind.WORD, "TINH") == "tinh"
    assert lm.id("QXZW") == lm.id(ACRONYM)  # an acronym training never saw: the class, not <unk>


def test_foreign_words_are_tokens_and_rare_ones_unknown():
    """A foreign word or unit training text uses three times or more is a token, lower case
    ('email', 'IPv6'); a rarer one is <unk>, whose mass is shared by the words it stood for."""
    import math

    from egov_extract.repair.engine import default_repairer
    from egov_extract.repair.lm import LETTER, UNK, lm_token
    from egov_extract.repair.tokens import Kind

    lm = default_repairer().lm
    assert lm_token(Kind.WORD, "Email") == "email" and lm.knows("email") and lm.knows(lm_token(Kind.WORD, "IPv6"))
    assert lm.id(lm_token(Kind.WORD, "smartwatch")) == lm.id(UNK)
    assert lm.unknown_types > 100 and lm.unknown_logp == -math.log(lm.unknown_types)
    # a consonant alone is an enumeration letter, not an unknown word; 'a' is a syllable
    assert lm_token(Kind.WORD, "b") == lm_token(Kind.WORD, "Đ") == LETTER and lm_token(Kind.WORD, "a") == "a"


def test_a_foreign_word_in_garble_is_kept_and_its_neighbours_repaired():
    from egov_extract.repair import repair_text

    text = "Truy cap website https://angiang.gov.vn hoac email sotttt@angiang.gov.vn dé duoc hé tro"
    assert repair_text(text).text == "Truy cập website https://angiang.gov.vn hoặc email sotttt@angiang.gov.vn để được hỗ trợ"


def test_the_lm_knows_what_follows_an_acronym():
    from egov_extract.repair import repair_text

    # Written-report garble (a header line): with 'UBND' as <unk>, 'TÍNH' had won.
    assert repair_text("UBND TINH NAM SON CONG HOA XA HOI CHU NGHIA VIET NAM").text == "UBND TỈNH NAM SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
