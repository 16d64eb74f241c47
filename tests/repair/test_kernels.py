"""The compiled look-ups and decoder against the plain-Python model they stand in for."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.repair import kernels
from egov_extract.repair import lm as lm_module
from egov_extract.repair.decode import CHANNEL_WEIGHT, LM_WEIGHT, DocumentCache, decode_all
from egov_extract.repair.engine import default_repairer
from egov_extract.repair.lm import BOS, EOS, HashTable
from egov_extract.repair.syllables import fold
from egov_extract.repair.corpus import split

LM = lm_module.load()
_, HELD_OUT = split()


def heldout_text(i: int) -> str:
    return HELD_OUT[i].read_text(encoding="utf-8")


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.integers(0, 2**53 - 1), st.floats(-50, 0), max_size=300), st.lists(st.integers(0, 2**53 - 1), max_size=50))
def test_hash_table_finds_every_key_and_nothing_else(table, others):
    t = HashTable(np.fromiter(table.keys(), np.int64, len(table)), np.fromiter(table.values(), np.float64, len(table)))
    for key, value in table.items():
        at = kernels.slot_of(t.keys, t.bits, key)
        assert at >= 0 and t.values[at] == value
    for key in others:
        if key not in table:
            assert kernels.slot_of(t.keys, t.bits, key) == -1


def _ids(lm, keys):
    V = lm.size
    keys = np.asarray(keys, np.int64)
    return keys // V // V, keys // V % V, keys % V


def test_compiled_lm_equals_the_model_at_every_level():
    rng = np.random.default_rng(7)
    V = LM.size
    trigrams = np.array(list(LM.trigram))[rng.integers(0, len(LM.trigram), 3000)]
    bigrams = np.array(list(LM.bigram))[rng.integers(0, len(LM.bigram), 3000)]  # mostly unseen as trigrams
    u = rng.integers(0, V, 3000)
    backed_off = u * V * V + bigrams
    unseen = rng.integers(0, V, (3000, 3)) @ np.array([V * V, V, 1])
    for keys in (trigrams, backed_off, unseen):
        u, v, w = _ids(LM, keys)
        got = kernels.logp_many(LM.kernels, u, v, w)
        expected = [LM.logp(a, b, c) for a, b, c in zip(u.tolist(), v.tolist(), w.tolist())]
        assert got.tolist() == expected  # exactly: float32 scores are stored, not rounded


def test_compiled_lm_equals_a_freshly_trained_pruned_model():
    """A pruned model has contexts whose trigrams are all gone: they back off with their weight."""
    small = lm_module.train([heldout_text(0)[:20000]], min_trigram_count=2)
    rng = np.random.default_rng(3)
    keys = rng.integers(0, small.size, (4000, 3)) @ np.array([small.size**2, small.size, 1])
    keys = np.r_[keys, np.array(list(small.trigram), np.int64), np.array(list(small.gamma3), np.int64) * small.size]
    u, v, w = _ids(small, keys)
    got = kernels.logp_many(small.kernels, u, v, w)
    assert got.tolist() == [small.logp(a, b, c) for a, b, c in zip(u.tolist(), v.tolist(), w.tolist())]


def _plain_posteriors(columns, choices):
    """Per position, every candidate's posterior by the plain model with the chosen neighbours
    (two each side) held fixed: what the decoder's confidences stand for."""
    bos, eos = LM.id(BOS), LM.id(EOS)
    seq = [bos, bos] + [c.ids[x.index] for c, x in zip(columns, choices)] + [eos]
    out = []
    for i, column in enumerate(columns):
        scores = []
        for w, channel in zip(column.ids, column.channels):
            s = seq[:]
            s[i + 2] = w
            span = range(i + 2, min(i + 5, len(s)))
            scores.append(CHANNEL_WEIGHT * channel + LM_WEIGHT * sum(LM.logp(s[j - 2], s[j - 1], s[j]) for j in span))
        top = max(scores)
        weights = [math.exp(x - top) for x in scores]
        out.append([x / sum(weights) for x in weights])
    return out


def test_confidences_of_a_whole_document_match_the_model():
    """Thousands of positions: the decoder's memo of scores is full and overwritten, and every
    confidence must still be the posterior the plain model gives."""
    page = default_repairer()._prepare(fold(heldout_text(1)[:6000]))
    sentences = [[column for _, _, column in sentence] for sentence in page.sentences]
    checked = 0
    for columns, choices in zip(sentences, decode_all(LM, sentences)):
        for column, choice, posteriors in zip(columns, choices, _plain_posteriors(columns, choices)):
            if len(column.ids) > 1:
                assert math.isclose(choice.confidence, posteriors[choice.index], rel_tol=1e-9, abs_tol=1e-12)
                checked += 1
    assert checked > 500


def test_the_mass_of_marked_candidates_matches_the_model():
    """Choice.marked: the posterior of a position's marked candidates together, on the terms
    of the confidence (chosen neighbours held fixed), against the plain model."""
    import random

    from egov_extract.repair.decode import Column

    page = default_repairer()._prepare(fold(heldout_text(2)[:4000]))
    rng = random.Random(5)
    sentences = [
        [Column.of(LM, c.candidates, tuple(rng.random() < 0.4 for _ in c.ids)) for _, _, c in sentence] for sentence in page.sentences
    ]
    checked = 0
    for columns, choices in zip(sentences, decode_all(LM, sentences)):
        for column, choice, posteriors in zip(columns, choices, _plain_posteriors(columns, choices)):
            marked = column.marked or (False,) * len(column.ids)
            expected = sum(x for x, flag in zip(posteriors, marked) if flag)
            assert math.isclose(choice.marked, expected, rel_tol=1e-9, abs_tol=1e-12)
            checked += any(marked) and not all(marked)
    assert checked > 100


def test_kernels_compile_where_numba_cannot_cache():
    """numba raises at decoration when it finds no writable cache directory (a read-only install);
    the kernels then compile uncached. A function without a source file has no cache location."""
    from numba import njit as numba_njit

    namespace: dict = {}
    exec("def add_one(x):\n    return x + 1\n", namespace)
    try:
        numba_njit(cache=True)(namespace["add_one"])
    except RuntimeError:
        pass
    else:
        raise AssertionError("numba caches functions without a file: this test no longer tests anything")
    assert kernels.njit(cache=True, nogil=True)(namespace["add_one"])(2) == 3


def test_no_score_exceeds_the_bound_the_beam_prunes_with():
    """The beam skips a pair's LM look-up when its score without the LM cannot enter the beam,
    which holds only if no LM score (a log-probability, with or without the document cache)
    is above kernels.LM_SLACK. A score is a stored trigram, or a context's back-off weight (0
    for an unknown context) plus a stored bigram or the word's back-off weight plus its unigram:
    the largest of each, added, bound them all (rounding may leave a weight at +2e-16)."""
    small = lm_module.train([heldout_text(0)[:20000]], min_trigram_count=2)
    for model in (LM, small):
        _, _, _, ctx_g3, tri_keys, tri_p, _, bi_keys, bi_p, _, gamma2, unigram, _ = model.kernels
        tri_p, bi_p = tri_p[tri_keys >= 0], bi_p[bi_keys >= 0]  # the stored scores
        top = lambda a: float(a.max()) if a.size else -np.inf  # noqa: E731
        ceiling = max(top(tri_p), max(top(ctx_g3), 0.0) + max(top(bi_p), top(gamma2) + top(unigram)))
        assert ceiling <= kernels.LM_SLACK
    # The cache mixes a probability into the LM's: at most 1 with the LM's at its ceiling (0).
    repairer = default_repairer()
    sentences = [[column for _, _, column in sentence] for sentence in repairer._prepare(fold(heldout_text(1)[:6000])).sentences]
    cache = DocumentCache.of(LM, sentences, decode_all(LM, sentences))
    pair_keys, pair_counts, pair_bits, history, counts, total, log_keep, log_weight, mix = cache.kernels
    seen = np.flatnonzero(counts)
    assert total > 0 and seen.size > 20
    for v in seen[:40].tolist():
        for w in seen.tolist():
            assert kernels.with_cache(pair_keys, pair_counts, pair_bits, history, counts, total, log_keep, log_weight, mix, LM.size, 0.0, v, w) <= kernels.LM_SLACK
