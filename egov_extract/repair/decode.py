"""Beam search over lattices of candidate readings, scored by channel and trigram LM.

Each position offers a few (LM token, channel log-probability) candidates; the decoder picks
the sequence maximising channel + LM score, then rates each choice by the posterior among its
own candidates with the chosen neighbours held fixed (an honest, cheap confidence).

All sentences of a text are decoded in one call: their candidates are flattened into arrays
once, and the compiled loops of `kernels.decode_sentences` do the search (Python's per-item
cost would otherwise dominate: about a hundred LM look-ups per syllable).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import NamedTuple

import numpy as np

from .lm import BOS, EOS, SPECIALS, HashTable, TrigramLM

BEAM = 8
LM_WEIGHT = 1.0
CHANNEL_WEIGHT = 1.3  # tuned on the held-out law pages of corpora/garble/heldout.jsonl (1.0-1.6 flat: 2.49-2.57 %)


class Candidate(NamedTuple):
    """One reading of a position. (A named tuple: repair makes one per reading of every
    distinct word, and a tuple is made several times faster than a frozen dataclass.)"""

    token: str  # LM token (canonical syllable or class)
    text: str  # output text (case applied)
    channel: float  # log P(observed | candidate)
    prior: float | None = None  # a confidence known in advance (fixed readings such as codes)


class Column(NamedTuple):
    """One position's candidates, with their LM ids and channel scores at hand. (A named tuple:
    one is made per distinct reading and per position a second pass holds fixed.)

    `marked` flags candidates of a kind the caller wants the total posterior of (`Choice.marked`):
    the engine marks the readings that turn a token's digits into letters. Empty: none."""

    candidates: tuple[Candidate, ...]
    ids: tuple[int, ...]
    channels: tuple[float, ...]
    marked: tuple[bool, ...] = ()

    @classmethod
    def of(cls, lm: TrigramLM, candidates: list[Candidate] | tuple[Candidate, ...], marked: tuple[bool, ...] = ()) -> Column:
        candidates = tuple(candidates)
        if not candidates:
            return cls((), (), ())
        tokens, _, channels, _ = zip(*candidates)
        ids = tuple(map(lm.index.get, tokens))  # the tokens are mostly known: one C-level look-up each
        if None in ids:
            ids = tuple(map(lm.id, tokens))
        return cls(candidates, ids, channels, tuple(marked) if any(marked) else ())

    def only(self, k: int) -> Column:
        """This column with candidate k alone (a reading held fixed)."""
        marked = (self.marked[k],) if self.marked else ()
        return tuple.__new__(Column, ((self.candidates[k],), (self.ids[k],), (self.channels[k],), marked))  # Column(...) runs a Python-level __new__


class Choice(NamedTuple):
    """The candidate picked at one position, how sure the decoder is of it, and the posterior
    mass of the position's marked candidates (`Column.marked`; 0 when none is). (A named
    tuple: one is made per syllable, and a tuple is made five times faster than a dataclass.)"""

    index: int
    confidence: float
    marked: float = 0.0


def decode(lm: TrigramLM, positions: list[list[Candidate]], beam: int = BEAM) -> list[Choice]:
    """Best candidate index at every position of one sentence, with its confidence."""
    return decode_all(lm, [[Column.of(lm, cands) for cands in positions]], beam)[0]


def decode_all(lm: TrigramLM, sentences: list[list[Column]], beam: int = BEAM, cache: DocumentCache | None = None) -> list[list[Choice]]:
    """`decode` for many sentences at once (the same result as one at a time).

    With a `cache`, the LM is interpolated with it (see `DocumentCache`)."""
    from . import kernels  # numba takes a third of a second to import; only repair needs it

    sentence_start = np.zeros(len(sentences) + 1, np.int64)
    np.cumsum([len(columns) for columns in sentences], out=sentence_start[1:])
    flat = list(chain.from_iterable(sentences))
    position_start = np.zeros(len(flat) + 1, np.int64)
    np.cumsum([len(column.ids) for column in flat], out=position_start[1:])
    ids = np.fromiter(chain.from_iterable([column.ids for column in flat]), np.int64, int(position_start[-1]))
    channels = np.fromiter(chain.from_iterable([column.channels for column in flat]), np.float64, int(position_start[-1]))
    marked = np.zeros(len(ids), np.bool_)
    for p in [p for p, column in enumerate(flat) if column.marked]:  # few: tokens with digits
        marked[position_start[p] : position_start[p + 1]] = flat[p].marked
    chosen, confidence, marked_mass = kernels.decode_sentences(
        lm.kernels, cache.kernels if cache else _NO_CACHE, sentence_start, position_start, ids, channels, marked,
        beam, lm.id(BOS), lm.id(EOS), CHANNEL_WEIGHT, LM_WEIGHT,
    )
    new = tuple.__new__  # a Choice made straight from its fields: Choice(...) runs a Python-level __new__
    choices = [new(Choice, triple) for triple in zip(chosen.tolist(), confidence.tolist(), marked_mass.tolist())]
    bounds = sentence_start.tolist()
    return [choices[a:b] for a, b in zip(bounds, bounds[1:])]


CACHE_WEIGHT = 0.1
CACHE_MIN_CONFIDENCE = 0.9
CACHE_UNIGRAM_MIX = 1.0
RECONSIDER_BELOW = 0.99  # a position read with less confidence may be reconsidered with the cache
RECONSIDER_WINDOW = 2  # ... and so may this many positions either side of it


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
        words: Counter[int] = Counter()
        firsts: Counter[int] = Counter()
        pairs: Counter[int] = Counter()
        for columns, picked in zip(sentences, choices):
            prev = -1
            for column, (index, confidence, _) in zip(columns, picked):
                w = column.ids[index]
                if w in special or confidence < CACHE_MIN_CONFIDENCE:
                    prev = -1
                    continue
                words[w] += 1
                if prev >= 0:
                    firsts[prev] += 1
                    pairs[prev * V + w] += 1
                prev = w
        unigram, history = np.zeros(V), np.zeros(V)
        for counts, array in ((words, unigram), (firsts, history)):
            array[np.fromiter(counts.keys(), np.int64, len(counts))] = np.fromiter(counts.values(), np.float64, len(counts))
        table = HashTable(np.fromiter(pairs.keys(), np.int64, len(pairs)), np.fromiter(pairs.values(), np.float64, len(pairs)))
        return cls(lm, table, history, unigram, float(unigram.sum()))

    def unsure(self, columns: list[Column], picked: list[Choice]) -> list[int]:
        """The positions the cache could change: offering a reading the document used elsewhere
        that was not chosen here, when the chosen one was read with less than RECONSIDER_BELOW
        or is one the document never read with confidence ('15.000.000 đông/tháng' in a text
        that says 'đồng' everywhere else)."""
        unigram = self.unigram
        return [
            i
            for i, (column, choice) in enumerate(zip(columns, picked))
            if len(column.ids) > 1
            and (choice.confidence < RECONSIDER_BELOW or not unigram[column.ids[choice.index]])
            and any(unigram[w] for k, w in enumerate(column.ids) if k != choice.index)
        ]

    @staticmethod
    def window(columns: list[Column], picked: list[Choice], unsure: list[int]) -> tuple[list[Column], list[bool]]:
        """The sentence for a second pass: the unsure positions and RECONSIDER_WINDOW either side
        keep their candidates, the others are pinned to the first pass's reading (the trigram
        context reaches two positions). Returns the columns and which positions are free."""
        free = [False] * len(columns)
        for i in unsure:
            for j in range(max(0, i - RECONSIDER_WINDOW), min(len(columns), i + RECONSIDER_WINDOW + 1)):
                free[j] = True
        return [column if f else column.only(choice.index) for column, choice, f in zip(columns, picked, free)], free

    @cached_property
    def kernels(self) -> tuple:
        """The cache as flat arrays for `kernels.score`."""
        return (
            self.pairs.keys, self.pairs.values, self.pairs.bits, self.history, self.unigram, self.total,
            float(np.log1p(-CACHE_WEIGHT)), float(np.log(CACHE_WEIGHT)), CACHE_UNIGRAM_MIX,
        )


_EMPTY = HashTable(np.zeros(0, np.int64), np.zeros(0))
_NO_CACHE = (_EMPTY.keys, _EMPTY.values, _EMPTY.bits, np.zeros(1), np.zeros(1), 0.0, 0.0, 0.0, 1.0)  # total 0: the LM alone
