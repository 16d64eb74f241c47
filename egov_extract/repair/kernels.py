"""The decoder's inner loops, compiled (numba): LM look-ups, the beam and the confidences.

A repaired syllable costs about a hundred LM look-ups (beam states x candidates, two passes,
confidences). In Python, or even as numpy operations over whole arrays, that bookkeeping was
most of the repair time; compiled, it is about a fifth (stripped text) to two fifths (garble).
The functions here work on flat arrays only (no Python objects), so `decode.py` stays the
readable statement of the algorithm and this module its fast engine. Compiled code is cached
on disk (`cache=True`, in the per-user cache directory of `cachedir.py`), so only the first run
on a machine pays the compile time (about ten seconds). The helpers are inlined into the loops
that call them: a call that passes arrays costs numba reference counting, several times the
look-up itself. They return one number each: helpers that returned tuples were compiled as if
called, and made the decoder 2.5 times slower.
"""

from __future__ import annotations

import numpy as np
from numba import njit as _njit
from numba.core import config as numba_config

from ..cachedir import cache_dir


def njit(*args, **options):
    """numba's `njit`, caching compiled code in egov_extract's per-user cache directory
    (`cachedir.cache_dir()`, under `numba/`), never beside the source file: a cache written into
    an installed package outlives its uninstall and shadows a later editable install. A user's own
    `NUMBA_CACHE_DIR` is respected. Where no directory is writable the code is not cached: every
    process compiles again (a few seconds), which is better than not importing."""

    def decorate(fn):
        if not options.get("cache"):
            return _njit(*args, **options)(fn)
        if numba_config.CACHE_DIR:  # the user chose numba's cache place
            return _njit(*args, **options)(fn)
        directory = cache_dir()
        if directory is None:
            return _njit(*args, **{**options, "cache": False})(fn)
        # numba picks the cache's place once, when the function is decorated: point it at ours
        # for that moment only, so other numba users of the process keep their own.
        numba_config.CACHE_DIR = str(directory / "numba")
        try:
            return _njit(*args, **options)(fn)
        except RuntimeError:  # numba found no usable place after all
            return _njit(*args, **{**options, "cache": False})(fn)
        finally:
            numba_config.CACHE_DIR = ""

    return decorate


_EMPTY = -1  # an empty hash-table slot (keys are non-negative)
_UNKNOWN = -2  # a context not looked up yet (-1: looked up, not in the model)
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)
LM_SLACK = 1e-9  # an LM score is at most this (a log-probability, rounded)
MEMO_BITS = 15  # scores memoised per decode call: 2**15 slots, 512 KiB


@njit(cache=True, nogil=True, inline="always")
def slot_of(keys, bits, key):
    """The slot of `key` in an open-addressing table (see `lm.HashTable`), or -1 (a number, not
    a (found, value) tuple: see the module's docstring)."""
    mask = len(keys) - 1
    slot = np.int64((np.uint64(key) * _FIBONACCI) >> np.uint64(64 - bits))
    while True:
        at = keys[slot]
        if at == key:
            return slot
        if at == _EMPTY:
            return -1
        slot = (slot + 1) & mask


# The model and the cache travel as tuples of arrays (`TrigramLM.kernels`, `DocumentCache.kernels`),
# unpacked once per call: indexing a tuple argument inside a loop costs numba a reference-count
# round trip per array, ten times the look-up itself.


@njit(cache=True, nogil=True, inline="always")
def lm_context(ctx_keys, ctx_index, ctx_bits, V, u, v):
    """The index of the context u v, or -1: looked up once for all its next words."""
    at = slot_of(ctx_keys, ctx_bits, u * V + v)
    return np.int64(ctx_index[at]) if at >= 0 else np.int64(-1)


@njit(cache=True, nogil=True, inline="always")
def lm_next(tri_keys, tri_p, tri_bits, bi_keys, bi_p, bi_bits, gamma2, unigram, V, context, g3, v, w):
    """log P(w | u v), given the context's index (`lm_context`) and back-off weight g3 (0 for
    an unknown context): its trigram, or g3 plus the bigram (v, w), or plus v's back-off weight
    and w's unigram."""
    at = slot_of(tri_keys, tri_bits, context * V + w) if context >= 0 else -1
    if at >= 0:
        return np.float64(tri_p[at])
    at = slot_of(bi_keys, bi_bits, v * V + w)
    return g3 + (np.float64(bi_p[at]) if at >= 0 else gamma2[v] + unigram[w])


@njit(cache=True, nogil=True, inline="always")
def with_cache(pair_keys, pair_counts, pair_bits, history, counts, total, log_keep, log_weight, mix, V, base, v, w):
    """The LM's log P interpolated with a document cache, when the cache holds anything."""
    if total == 0.0:
        return base
    at = slot_of(pair_keys, pair_bits, v * V + w)
    p = ((pair_counts[at] if at >= 0 else 0.0) + mix * counts[w] / total) / (history[v] + mix)
    return np.logaddexp(log_keep + base, log_weight + np.log(p))


@njit(cache=True, nogil=True)
def logp_many(lm, u, v, w):
    """`lm_logp` over arrays (the values `TrigramLM.logp` gives, for tests and tools)."""
    ctx_keys, ctx_index, ctx_bits, ctx_g3, tri_keys, tri_p, tri_bits, bi_keys, bi_p, bi_bits, gamma2, unigram, V = lm
    out = np.empty(len(u))
    for i in range(len(u)):
        context = lm_context(ctx_keys, ctx_index, ctx_bits, V, u[i], v[i])
        g3 = ctx_g3[context] if context >= 0 else 0.0
        out[i] = lm_next(tri_keys, tri_p, tri_bits, bi_keys, bi_p, bi_bits, gamma2, unigram, V, context, g3, v[i], w[i])
    return out


@njit(cache=True, nogil=True)
def decode_sentences(lm, cache, sentence_start, position_start, ids, channels, marked, beam, bos, eos, channel_weight, lm_weight):
    """Beam search, then confidences, for every sentence.

    Sentence s covers positions sentence_start[s]:sentence_start[s+1]; position p offers the
    candidates position_start[p]:position_start[p+1] (LM id, channel log P, marked or not).
    Returns, per position, the chosen candidate index (within its position), its confidence, and
    the posterior mass of the marked candidates (on the same terms as the confidence).

    Ties go to the earlier-generated pair (states best first, then candidates in order), and a
    (previous, current) LM state is kept once, with its best score."""
    ctx_keys, ctx_index, ctx_bits, ctx_g3, tri_keys, tri_p, tri_bits, bi_keys, bi_p, bi_bits, gamma2, unigram, V = lm
    pair_keys, pair_counts, pair_bits, history, counts, cache_total, log_keep, log_weight, mix = cache

    def context_of(u, v):  # (index or -1, log back-off weight)
        context = lm_context(ctx_keys, ctx_index, ctx_bits, V, u, v)
        return context, (ctx_g3[context] if context >= 0 else 0.0)

    def next_score(context, g3, v, w):  # the LM given the context, with the cache
        base = lm_next(tri_keys, tri_p, tri_bits, bi_keys, bi_p, bi_bits, gamma2, unigram, V, context, g3, v, w)
        return with_cache(pair_keys, pair_counts, pair_bits, history, counts, cache_total, log_keep, log_weight, mix, V, base, v, w)

    # A document asks for the same trigrams again and again (its words repeat, and so do the
    # candidates of every state): scores already computed are kept in a small direct-mapped
    # memo, which stays in the processor's cache where the model's tables do not.
    memo_keys = np.full(1 << MEMO_BITS, _EMPTY, np.int64)
    memo_values = np.zeros(1 << MEMO_BITS)

    def score(u, v, w):
        key = (u * V + v) * V + w
        slot = np.int64((np.uint64(key) * _FIBONACCI) >> np.uint64(64 - MEMO_BITS))
        if memo_keys[slot] == key:
            return memo_values[slot]
        context, g3 = context_of(u, v)
        value = next_score(context, g3, v, w)
        memo_keys[slot] = key
        memo_values[slot] = value
        return value

    P = len(position_start) - 1
    chosen = np.zeros(P, np.int64)
    confidence = np.ones(P)
    marked_mass = np.zeros(P)
    width = 1
    for p in range(P):
        width = max(width, position_start[p + 1] - position_start[p])
    back_prev = np.zeros((P, beam), np.int64)
    back_k = np.zeros((P, beam), np.int64)
    su = np.zeros(beam, np.int64)
    sv = np.zeros(beam, np.int64)
    ssc = np.zeros(beam)
    nu = np.zeros(beam, np.int64)
    nv = np.zeros(beam, np.int64)
    nsc = np.zeros(beam)
    nprev = np.zeros(beam, np.int64)
    nk = np.zeros(beam, np.int64)
    scores = np.zeros(width)
    for s in range(len(sentence_start) - 1):
        a, b = sentence_start[s], sentence_start[s + 1]
        if a == b:
            continue
        ns = 1
        su[0], sv[0], ssc[0] = bos, bos, 0.0
        for p in range(a, b):
            c0, n = position_start[p], position_start[p + 1] - position_start[p]
            # The beam keeps the best `beam` new states (v, w), each with its best-scoring way in;
            # equal scores go to the pair generated first (states best first, then candidates in
            # order). Kept best first as they come: a pair that cannot beat the last kept one is
            # dropped, before its LM look-up when its score without the LM already cannot (an LM
            # score is a log-probability: at most 0, give or take rounding, hence LM_SLACK).
            kept = 0
            for i in range(ns):
                u, v = su[i], sv[i]
                context, g3 = _UNKNOWN, 0.0
                for k in range(n):
                    x = ssc[i] + channel_weight * channels[c0 + k]
                    if kept == beam and x + lm_weight * LM_SLACK <= nsc[kept - 1]:
                        continue
                    w = ids[c0 + k]
                    # `score`, with the context of the state looked up at its first memo miss
                    # only: once per state, not once per candidate.
                    key = (u * V + v) * V + w
                    slot = np.int64((np.uint64(key) * _FIBONACCI) >> np.uint64(64 - MEMO_BITS))
                    if memo_keys[slot] == key:
                        value = memo_values[slot]
                    else:
                        if context == _UNKNOWN:
                            context, g3 = context_of(u, v)
                        value = next_score(context, g3, v, w)
                        memo_keys[slot] = key
                        memo_values[slot] = value
                    x = x + lm_weight * value
                    if kept == beam and not x > nsc[kept - 1]:
                        continue
                    same = -1  # the state (v, w) kept already, if it is
                    for q in range(kept):
                        if nv[q] == w and nu[q] == v:
                            same = q
                            break
                    if same >= 0:
                        if not x > nsc[same]:
                            continue
                        for q in range(same, kept - 1):  # the better way in replaces it
                            nu[q], nv[q], nsc[q], nprev[q], nk[q] = nu[q + 1], nv[q + 1], nsc[q + 1], nprev[q + 1], nk[q + 1]
                        kept -= 1
                    at = kept if kept < beam else beam - 1
                    while at > 0 and x > nsc[at - 1]:
                        at -= 1
                    for q in range(kept if kept < beam else beam - 1, at, -1):
                        nu[q], nv[q], nsc[q], nprev[q], nk[q] = nu[q - 1], nv[q - 1], nsc[q - 1], nprev[q - 1], nk[q - 1]
                    nu[at], nv[at], nsc[at], nprev[at], nk[at] = v, w, x, i, k
                    if kept < beam:
                        kept += 1
            for q in range(kept):
                back_prev[p, q] = nprev[q]
                back_k[p, q] = nk[q]
            ns = kept
            for q in range(ns):
                su[q], sv[q], ssc[q] = nu[q], nv[q], nsc[q]
        best, best_score = 0, 0.0
        for i in range(ns):
            final = ssc[i] + lm_weight * score(su[i], sv[i], eos)
            if i == 0 or final > best_score:
                best, best_score = i, final
        j = best
        for p in range(b - 1, a - 1, -1):
            chosen[p] = back_k[p, j]
            j = back_prev[p, j]
        # Confidence: the chosen candidate's posterior among its position's candidates, with
        # the chosen neighbours (two each side) held fixed.
        for p in range(a, b):
            c0, n = position_start[p], position_start[p + 1] - position_start[p]
            if n == 1:
                marked_mass[p] = 1.0 if marked[c0] else 0.0
                continue
            a1 = ids[position_start[p - 2] + chosen[p - 2]] if p - 2 >= a else bos
            a2 = ids[position_start[p - 1] + chosen[p - 1]] if p - 1 >= a else bos
            last = p == b - 1
            b1 = eos if last else ids[position_start[p + 1] + chosen[p + 1]]
            b2 = ids[position_start[p + 2] + chosen[p + 2]] if p + 2 < b else eos
            top = -np.inf
            for k in range(n):
                c = ids[c0 + k]
                x = channel_weight * channels[c0 + k]
                x = x + lm_weight * score(a1, a2, c)
                x = x + lm_weight * score(a2, c, b1)
                if not last:
                    x = x + lm_weight * score(c, b1, b2)
                scores[k] = x
                top = max(top, x)
            mass = part = 0.0
            for k in range(n):
                e = np.exp(scores[k] - top)
                mass += e
                if marked[c0 + k]:
                    part += e
            confidence[p] = np.exp(scores[chosen[p]] - top) / mass
            marked_mass[p] = part / mass
    return chosen, confidence, marked_mass


@njit(cache=True, nogil=True)
def align_many(cost, piece_start, inserted, trues, ends):
    """Cheapest alignment cost of each true string to one observed string (see
    `ocr_channel._align`). The true strings are character indices one after another, string r
    ending at ends[r]; cost[c, piece_start[j] + k] is the cost of true character c emitting the
    k observed characters from j on (k up to MAX_OUT, within the string), inserted[j] that of
    observed character j alone."""
    m = len(inserted)
    out = np.empty(len(ends))
    width = 0
    start = 0
    for r in range(len(ends)):
        width = max(width, ends[r] - start)
        start = ends[r]
    best = np.empty((width + 1, m + 1))
    start = 0
    for r in range(len(ends)):
        n = ends[r] - start
        best[: n + 1, :] = np.inf
        best[0, 0] = 0.0
        for i in range(n + 1):
            for j in range(m + 1):
                here = best[i, j]
                if here == np.inf:
                    continue
                if j < m:
                    c = here + inserted[j]
                    if c < best[i, j + 1]:
                        best[i, j + 1] = c
                if i < n:
                    ch = trues[start + i]
                    first = piece_start[j]
                    for k in range(piece_start[j + 1] - first):
                        c = here + cost[ch, first + k]
                        if c < best[i + 1, j + k]:
                            best[i + 1, j + k] = c
        out[r] = best[n, m]
        start = ends[r]
    return out
