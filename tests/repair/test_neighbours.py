"""The one-edit index against the definition: every vocabulary string within one edit, no other."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from egov_extract.repair.engine import default_repairer
from egov_extract.repair.neighbours import OneEditIndex

_TEXT = st.text(alphabet="abcdđeiouyư", max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=40, unique=True), _TEXT)
def test_finds_exactly_the_strings_within_one_edit(vocabulary, query):
    found = OneEditIndex(vocabulary).near(query)
    assert sorted(found) == sorted(w for w in vocabulary if Levenshtein.distance(query, w) <= 1)


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXT, max_size=40, unique=True), _TEXT, st.integers(1, 5))
def test_nearest_first_then_vocabulary_order_up_to_the_limit(vocabulary, query, limit):
    found = OneEditIndex(vocabulary).near(query, limit)
    order = sorted((Levenshtein.distance(query, w), i) for i, w in enumerate(vocabulary) if Levenshtein.distance(query, w) <= 1)
    assert found == [vocabulary[i] for _, i in order[:limit]]


def test_transposition_is_two_edits():
    # 'ab' and 'ba' share the deletion 'a' (and 'b'), yet are two edits apart
    assert OneEditIndex(["ba", "abc"]).near("ab") == ["abc"]


def test_same_answer_as_scoring_the_whole_folded_vocabulary():
    """What the OCR channel searched with before: rapidfuzz over every folded syllable."""
    keys = sorted(default_repairer().ocr._by_fold)
    index = OneEditIndex(keys)
    for query in ["cong", "quyen", "tir", "ctia", "nguoi", "d61", "s6", "x", "nghiep", "thuc"]:
        expected = [m for m, _, _ in process.extract(query, keys, scorer=Levenshtein.distance, score_cutoff=1, limit=16)]
        assert index.near(query, 16) == expected
