"""log P(digit string | a number): the emission of the language model's number class."""

import math

from hypothesis import given
from hypothesis import strategies as st

from egov_extract.repair import number_forms
from tests.helpers import SEEDS


def test_trained_table_is_a_share_of_all_numbers():
    table = number_forms.train_number_forms(["Có 2 sở, 2 huyện và 11 xã; năm 2025 có 1.245 hồ sơ."])
    # numbers: 2, 2, 11, 2025, 1.245 -> five, of which '2' twice; add-one over 110 strings
    assert table["2"] == round(math.log(3 / (5 + 110)), 4)
    assert table["11"] == round(math.log(2 / 115), 4)
    assert "2025" not in table and table["_unseen"] == round(math.log(1 / 115), 4)


def test_small_numbers_are_likelier_than_rare_ones():
    # The shipped table, learned from the training corpus: lists count 1, 2, 3 far more than 61.
    assert number_forms.logp("1") > number_forms.logp("6") > number_forms.logp("61")


def test_trained_on_a_real_report():
    text = (SEEDS / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")
    table = number_forms.train_number_forms([text])
    assert sum(math.exp(v) for k, v in table.items() if k != "_unseen") < 1.0


@given(st.text(max_size=6))
def test_logp_is_a_log_probability_for_any_text(text):
    value = number_forms.logp(text)
    assert value <= 0.0
    if not (text.isdigit() and len(text) <= number_forms.MAX_DIGITS):
        assert value == 0.0
