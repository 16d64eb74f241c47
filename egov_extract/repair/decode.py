"""Beam search over lattices of candidate readings, scored by channel and trigram LM.

Each position offers a few (LM token, channel log-probability) candidates; the decoder picks
the sequence maximising channel + LM score, then rates each choice by the posterior among its
own candidates with the chosen neighbours held fixed (an honest, cheap confidence).

All sentences of a text are decoded together: step t advances position t of every sentence
that is that long, as a handful of numpy operations over the flattened (state x candidate)
pairs. Python's per-item cost would otherwise dominate (about 100 look-ups per syllable).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lm import BOS, EOS, SPECIALS, HashTable, TrigramLM

BEAM = 8
LM_WEIGHT = 1.0
CHANNEL_WEIGHT = 1.3  # tuned on the held-out law pages of corpora/garble/heldout.jsonl (1.0-1.6 flat: 2.49-2.57 %)


@dataclass(frozen=True)
class Candidate:
    token: str  # LM token (canonical syllable or class)
    text: str  # output text (case applied)
    channel: float  # log P(observed | candidate)
    prior: float | None = None  # a confidence known in advance (fixed readings such as codes)


@dataclass(frozen=True)
class Column:
    """One position's candidates, with their LM ids and channel scores at hand."""

    candidates: tuple[Candidate, ...]
    ids: tuple[int, ...]
    channels: tuple[float, ...]

    @classmethod
    def of(cls, lm: TrigramLM, candidates: list[Candidate] | tuple[Candidate, ...]) -> Column:
        return cls(tuple(candidates), tuple(lm.id(c.token) for c in candidates), tuple(c.channel for c in candidates))


@dataclass(frozen=True)
class Choice:
    index: int
    confidence: float


def decode(lm: TrigramLM, positions: list[list[Candidate]], beam: int = BEAM) -> list[Choice]:
    """Best candidate index at every position of one sentence, with its confidence."""
    return decode_all(lm, [[Column.of(lm, cands) for cands in positions]], beam)[0]


def _segments(seg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start index and length of each run of equal values in a sorted array."""
    starts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]]) if len(seg) else np.zeros(0, np.int64)
    return starts, np.diff(np.r_[starts, len(seg)])


def decode_all(lm: TrigramLM, sentences: list[list[Column]], beam: int = BEAM, cache: DocumentCache | None = None) -> list[list[Choice]]:
    """`decode` for many sentences at once (the same result as one at a time).

    With a `cache`, the LM is interpolated with it (see `DocumentCache`)."""
    ids = [[column.ids for column in columns] for columns in sentences]
    chans = [[column.channels for column in columns] for columns in sentences]
    scorer = cache or lm
    chosen = _beam(lm, scorer, ids, chans, beam)
    confidence = _confidence(lm, scorer, ids, chans, chosen)
    return [[Choice(k, c) for k, c in zip(ks, cs)] for ks, cs in zip(chosen, confidence)]


CACHE_WEIGHT = 0.1
CACHE_MIN_CONFIDENCE = 0.9
CACHE_UNIGRAM_MIX = 1.0
RECONSIDER_BELOW = 0.99  # a position read with less confidence may be reconsidered with the cache


@dataclass(frozen=True)
class DocumentCache:
    """The syllables a first pass read with confidence, as a bigram cache over the document.

    A document repeats its topic words: a law on trade unions says "công đoàn" a hundred times,
    while general training text prefers "công đoạn của". Interpolating the trigram LM with
    the document's own confident readings (a cache LM, Kuhn and De Mori 1990) lets the sure
    occurrences settle the unsure ones."""

    lm: TrigramLM
    pairs: HashTable  # v*V + w of each cached bigram -> its count
    history: np.ndarray  # per id: count as the first of a cached bigram
    unigram: np.ndarray  # per id: count
    total: float

    @classmethod
    def of(cls, lm: TrigramLM, sentences: list[list[Column]], choices: list[list[Choice]]) -> DocumentCache:
        V = lm.size
        special = {lm.id(s) for s in SPECIALS}
        unigram = np.zeros(V)
        history = np.zeros(V)
        pairs: dict[int, int] = {}
        for columns, picked in zip(sentences, choices):
            prev = -1
            for column, choice in zip(columns, picked):
                w = column.ids[choice.index]
                if w in special or choice.confidence < CACHE_MIN_CONFIDENCE:
                    prev = -1
                    continue
                unigram[w] += 1
                if prev >= 0:
                    history[prev] += 1
                    pairs[prev * V + w] = pairs.get(prev * V + w, 0) + 1
                prev = w
        table = HashTable(np.fromiter(pairs.keys(), np.int64, len(pairs)), np.fromiter(pairs.values(), np.float64, len(pairs)))
        return cls(lm, table, history, unigram, float(unigram.sum()))

    def may_change(self, columns: list[Column], picked: list[Choice]) -> bool:
        """Whether the cache could change this sentence's reading: some position was unsure
        and offers a reading the document used elsewhere that was not chosen here. (Sentences
        without one keep their first-pass reading, which saves most of a second pass.)"""
        for column, choice in zip(columns, picked):
            if len(column.ids) > 1 and choice.confidence < RECONSIDER_BELOW:
                if any(self.unigram[w] for k, w in enumerate(column.ids) if k != choice.index):
                    return True
        return False

    def logp_many(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        base = self.lm.logp_many(u, v, w)
        if not self.total:
            return base
        found, pair = self.pairs.get(v * self.lm.size + w)
        p = (np.where(found, pair, 0.0) + CACHE_UNIGRAM_MIX * self.unigram[w] / self.total) / (self.history[v] + CACHE_UNIGRAM_MIX)
        with np.errstate(divide="ignore"):
            return np.logaddexp(np.log1p(-CACHE_WEIGHT) + base, np.log(CACHE_WEIGHT) + np.log(p))


def _beam(lm: TrigramLM, scorer, ids: list[list[tuple[int, ...]]], chans: list[list[tuple[float, ...]]], beam: int) -> list[list[int]]:
    """Chosen candidate index per position, per sentence."""
    V = lm.size
    bos, eos = lm.id(BOS), lm.id(EOS)
    # Sentences ranked longest first, so the ones still running at step t are a prefix.
    rank = sorted((i for i in range(len(ids)) if ids[i]), key=lambda i: -len(ids[i]))
    lengths = [len(ids[i]) for i in rank]
    result: list[list[int]] = [[] for _ in ids]
    if not rank:
        return result
    # Every candidate of every position, flattened once: the steps below only index into them.
    width = np.zeros((len(rank), lengths[0]), np.int64)  # candidates per (sentence rank, position)
    for r, i in enumerate(rank):
        width[r, : lengths[r]] = [len(column) for column in ids[i]]
    offset = (np.cumsum(width.ravel()) - width.ravel()).reshape(width.shape)
    W_all = np.fromiter((w for i in rank for column in ids[i] for w in column), np.int64, int(width.sum()))
    CH_all = np.fromiter((c for i in rank for column in chans[i] for c in column), np.float64, int(width.sum()))
    # Beam states, flattened and sorted by sentence: sentence, (u, v) context, score.
    st_seg = np.arange(len(rank))
    st_u = np.full(len(rank), bos, np.int64)
    st_v = np.full(len(rank), bos, np.int64)
    st_sc = np.zeros(len(rank))
    back_prev: list[np.ndarray] = []  # per step: index of each new state's parent state
    back_k: list[np.ndarray] = []  # per step: candidate index taken
    finals: dict[int, tuple[int, int]] = {}  # sentence rank -> (last step, state index)
    active = len(rank)
    for t in range(lengths[0]):
        counts = width[:active, t]
        starts = offset[:active, t]
        # Every (state, candidate of its sentence) pair.
        per_state = counts[st_seg]
        rep = np.repeat(np.arange(len(st_seg)), per_state)
        k_local = np.arange(len(rep)) - np.repeat(np.cumsum(per_state) - per_state, per_state)
        seg = st_seg[rep]
        u, v = st_u[rep], st_v[rep]
        flat = starts[seg] + k_local
        w = W_all[flat]
        score = st_sc[rep] + CHANNEL_WEIGHT * CH_all[flat] + LM_WEIGHT * scorer.logp_many(u, v, w)
        # Best first within each sentence (stable: ties keep generation order), one entry per new
        # (v, w) state, at most `beam` per sentence.
        order = np.lexsort((-score, seg))
        _, first = np.unique(((seg * V + v) * V + w)[order], return_index=True)
        keep = np.zeros(len(order), bool)
        keep[first] = True
        order = order[keep]
        seg_starts, seg_counts = _segments(seg[order])
        order = order[(np.arange(len(order)) - np.repeat(seg_starts, seg_counts)) < beam]
        st_seg, st_u, st_v, st_sc = seg[order], v[order], w[order], score[order]
        back_prev.append(rep[order])
        back_k.append(k_local[order])
        # Sentences that end here: pick the best final state, counting the end of sentence.
        still = sum(1 for n in lengths[:active] if n > t + 1)
        if still < active:
            cut = int(np.searchsorted(st_seg, still))
            final = st_sc[cut:] + LM_WEIGHT * scorer.logp_many(st_u[cut:], st_v[cut:], np.full(len(st_sc) - cut, eos, np.int64))
            fseg = st_seg[cut:]
            forder = np.lexsort((-final, fseg))
            f_starts, _ = _segments(fseg[forder])
            for j in forder[f_starts]:
                finals[int(fseg[j])] = (t, cut + int(j))
            st_seg, st_u, st_v, st_sc = st_seg[:cut], st_u[:cut], st_v[:cut], st_sc[:cut]
            active = still
    for r, (last, j) in finals.items():
        ks = []
        for t in range(last, -1, -1):
            ks.append(int(back_k[t][j]))
            j = int(back_prev[t][j])
        result[rank[r]] = ks[::-1]
    return result


def _confidence(lm: TrigramLM, scorer, ids: list[list[tuple[int, ...]]], chans: list[list[tuple[float, ...]]], chosen: list[list[int]]) -> list[list[float]]:
    """Posterior of each chosen candidate among its position's candidates, neighbours fixed."""
    bos, eos = lm.id(BOS), lm.id(EOS)
    out = [[1.0] * len(ks) for ks in chosen]
    where: list[tuple[int, int]] = []  # (sentence, position) of each scored position
    a1, a2, cand, b1, b2, has_b2, chan, sizes, picked = [], [], [], [], [], [], [], [], []
    for s, ks in enumerate(chosen):
        if not ks:
            continue
        seq = [bos, bos] + [ids[s][i][k] for i, k in enumerate(ks)] + [eos]
        n = len(ks)
        for i, k in enumerate(ks):
            options = ids[s][i]
            if len(options) == 1:
                continue
            at = i + 2
            m = len(options)
            where.append((s, i))
            sizes.append(m)
            picked.append(k)
            a1 += [seq[at - 2]] * m
            a2 += [seq[at - 1]] * m
            cand += options
            b1 += [seq[at + 1]] * m
            last = i == n - 1
            b2 += [eos if last else seq[at + 2]] * m
            has_b2 += [not last] * m
            chan += chans[s][i]
    if not where:
        return out
    A1, A2, C, B1, B2 = (np.array(x, np.int64) for x in (a1, a2, cand, b1, b2))
    score = CHANNEL_WEIGHT * np.array(chan)
    score = score + LM_WEIGHT * scorer.logp_many(A1, A2, C)
    score = score + LM_WEIGHT * scorer.logp_many(A2, C, B1)
    score = score + np.where(np.array(has_b2), LM_WEIGHT * scorer.logp_many(C, B1, B2), 0.0)
    starts = np.cumsum(sizes) - np.array(sizes)
    top = np.maximum.reduceat(score, starts)
    expd = np.exp(score - np.repeat(top, sizes))
    total = np.add.reduceat(expd, starts)
    conf = expd[starts + np.array(picked)] / total
    for (s, i), c in zip(where, conf.tolist()):
        out[s][i] = c
    return out
