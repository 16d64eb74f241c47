"""The learned English-OCR channel: glued digits, twin letters, digit strings, the shipped readings."""

import math
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.repair.engine import default_repairer
from tests.helpers import SEEDS
from egov_extract.repair.lm import TrigramLM
from egov_extract.repair.ocr_channel import (
    ChannelModel,
    CharModel,
    OcrChannel,
    align_cost,
    align_costs,
    glued_digits,
    marker_logp,
    precompute_readings,
    queried_forms,
    reading_key,
)

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


def test_every_shipped_reading_is_what_the_search_gives():
    """The readings worked out at training time (`ChannelModel.readings`) stand in for the
    search: each must be exactly what the search gives with the shipped models, or the shipped
    table is stale (rerun `python -m egov_extract.repair.train` after changing the search)."""
    shared = default_repairer()
    model = shared.ocr.model
    assert len(model.readings) > 5000 and model.readings_key == reading_key(shared.lm, shared.ocr.max_candidates)
    live = OcrChannel(model, shared.lm)
    stale = [form for form, readings in model.readings.items() if live._candidates(form) != readings]
    assert stale == []


def _with_unigram(lm: TrigramLM, changes: dict[str, float]) -> TrigramLM:
    unigram = lm.unigram[:]
    for word, logp in changes.items():
        unigram[lm.index[word]] = logp
    return TrigramLM(lm.vocab, unigram, lm.bigram, lm.gamma2, lm.trigram, lm.gamma3)


def test_shipped_readings_are_used_only_with_the_lm_they_were_worked_out_for():
    shared = default_repairer()
    model = shared.ocr.model
    # 'ctia' is read 'của' first, a common syllable; made rare by another LM, it drops.
    assert model.readings["ctia"][0][0] == "của"
    other = _with_unigram(shared.lm, {"của": -30.0})
    assert reading_key(other, 12) != reading_key(shared.lm, 12)
    channel = OcrChannel(model, other)
    assert channel.candidates("ctia") == channel._candidates("ctia") != model.readings["ctia"]
    # ... and only with as many candidates as they were worked out for.
    fewer = OcrChannel(model, shared.lm, max_candidates=3)
    assert len(fewer.candidates("ctia")) == 3


def test_readings_are_worked_out_for_the_forms_garble_shows():
    shared = default_repairer()
    bare = ChannelModel(shared.ocr.model.chars, shared.ocr.model.tokens, forms={})
    forms = queried_forms(["Nghi quyét s6 17/NQ-CP ctia nghiép2, 14 ngay"], bare)
    # words as written, the letters before glued digits, short digit strings; not 17/NQ-CP
    assert forms == sorted(["Nghi", "quyét", "s6", "ctia", "nghiép2", "nghiép", "14", "ngay"])
    readings, key = precompute_readings(bare, shared.lm, forms)
    assert key == reading_key(shared.lm, 12)
    search = OcrChannel(bare, shared.lm)
    assert readings == {form: search.candidates(form) for form in forms}
    round_trip = ChannelModel.from_bytes(ChannelModel(bare.chars, bare.tokens, readings=readings, readings_key=key).to_bytes())
    assert round_trip.readings == readings and round_trip.readings_key == key


def test_the_index_lists_each_syllable_once_per_reading():
    """'16p' is how English OCR writes 'lốp' and, with the capital read as '1', 'Lốp': listed
    twice, the one syllable passed for two and the reading was taken as settled ('lớp' was
    never searched). Each reading now lists a syllable once, with its likeliest way to it."""
    model = default_repairer().ocr.model
    assert all(len({s for s, _ in rows}) == len(rows) for rows in model.forms.values())
    assert model.forms["16p"] == (("lốp", -3.8822),)
    readings = dict(default_repairer().ocr.candidates("16p"))
    assert "lớp" in readings and readings["lốp"] == -3.8822


def test_a_reading_of_one_or_two_letters_is_searched():
    """'s' is among the likeliest readings of 'sợ', not of 'số' (which rarely loses its vowel
    but is meant far more often): looked up in the index, 's' never offered 'số'."""
    channel = default_repairer().ocr
    assert {"số", "sở"} <= set(dict(channel.candidates("s")))
    assert "bộ" in dict(channel.candidates("B"))


def test_a_lost_vowel_is_read_from_the_context():
    from egov_extract.repair import repair_text

    # seed 000 (legacy garble; its clean twin, seed 004, is held out)
    line = (SEEDS / "000_d6625d6bc845ad83.txt").read_text(encoding="utf-8").split("\n")
    text = next(x for x in line if "Nghi quyét s 03/NQ-CP" in x)
    assert "Nghị quyết số 03/NQ-CP" in repair_text(text).text
