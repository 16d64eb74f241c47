"""The learned English-OCR channel: glued digits, twin letters, digit strings."""

import math
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.repair.engine import default_repairer
from egov_extract.repair.ocr_channel import CharModel, align_cost, align_costs, glued_digits, marker_logp

_SYLLABLE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạềếểễệờớởỡợừứửữựĐÁƯ", min_size=1, max_size=7)
_SEEN = st.text(alphabet="abcdeghilmnorstuy016&€¢PDAI", min_size=1, max_size=8)


def test_glued_digits_split_after_two_letters():
    assert glued_digits("nghiép2") == ("nghiép", "2")
    assert glued_digits("bé6") == ("bé", "6")
    assert glued_digits("s6") is None  # one letter: 's6' is 'số', not a word with a marker
    assert glued_digits("c6ng") is None and glued_digits("2025") is None and glued_digits("nam123") is None


def test_marker_rate_is_learned_per_digit_string():
    pairs = [
        ("cán bộ công chức", "can bé6 cong chic"),  # '6' wrote the hat of 'ộ'
        ("doanh nghiệp2, người dân", "doanh nghiép2, ngudi dan"),  # footnote 2
        ("đồng bộ", "déng bé6"),
    ]
    rates = marker_logp(pairs)
    # Inside a phrase ('bé6 cong') and at a phrase end ('nghiép2,', 'bé6' ending its line).
    assert rates["6"] == round(math.log(1 / 3), 4)  # 0 of 1 markers, add-one
    assert rates["6|end"] == round(math.log(1 / 3), 4)
    assert rates["2|end"] == round(math.log(2 / 3), 4)
    assert rates[""] == round(math.log(1 / 3), 4) and rates["|end"] == round(math.log(2 / 4), 4)


def test_the_shipped_channel_knows_6_is_mostly_a_letter():
    model = default_repairer().ocr.model
    assert model.marker("6") < model.marker("6", final=True) < math.log(0.5)
    # Never seen glued in training, and English OCR writes '1' for 'l': a letter, not a marker.
    assert model.marker("1") is None


def test_twin_letters_are_searched_for_each_other():
    # 'idi' for 'lợi': training garble never read 'l' as 'i', but the glyphs are twins in print.
    readings = dict(default_repairer().ocr.candidates("idi"))
    assert "lợi" in readings


def test_a_digit_string_is_searched_for_common_syllables():
    # '6' is indexed with its likeliest syllables ('ó', 'ô'); 'ở' -> '6' is rarer but 'ở' is common.
    readings = dict(default_repairer().ocr.candidates("6"))
    assert "ở" in readings and "ô" in readings


@settings(max_examples=100, deadline=None)
@given(st.lists(_SYLLABLE, max_size=12), _SEEN)
def test_batched_alignment_costs_what_one_alignment_costs(trues, seen):
    """`align_costs` (the compiled batch the channel scores candidates with) against the
    plain dynamic programme `align_cost`, on the shipped character model."""
    chars = default_repairer().ocr.model.chars
    assert align_costs(trues, seen, chars) == [align_cost(t, seen, chars) for t in trues]


def test_batched_alignment_normalises_decomposed_input():
    chars = CharModel({"ố": {"6": -0.1}, "s": {"s": -0.01}})
    decomposed = unicodedata.normalize("NFD", "số")
    assert align_costs([decomposed, "số"], "s6", chars) == [align_cost("số", "s6", chars)] * 2
