"""Beam search over a lattice of candidate readings, scored by channel and trigram LM.

Each position offers a few (LM token, channel log-probability) candidates; the decoder picks
the sequence maximising channel + LM score, then rates each choice by the posterior among its
own candidates with the chosen neighbours held fixed (an honest, cheap confidence).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .lm import BOS, EOS, TrigramLM

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
class Choice:
    index: int
    confidence: float


def decode(lm: TrigramLM, positions: list[list[Candidate]], beam: int = BEAM) -> list[Choice]:
    """Best candidate index at every position of one sentence, with its confidence."""
    if not positions:
        return []
    ids = [[lm.id(c.token) for c in cands] for cands in positions]
    bos = lm.id(BOS)
    # The trigram look-up is inlined (see TrigramLM.logp): this loop is the repair hot path.
    V = lm.size
    tri, bi, gamma3, gamma2, uni = lm.trigram, lm.bigram, lm.gamma3, lm.gamma2, lm.unigram
    # beam entries: (u, v) -> (score, back-pointer chain)
    states: dict[tuple[int, int], tuple[float, tuple | None]] = {(bos, bos): (0.0, None)}
    for pos, cands in enumerate(positions):
        new: dict[tuple[int, int], tuple[float, tuple | None]] = {}
        cand_ids = ids[pos]
        channel = [c.channel for c in cands]
        for (u, v), (score, chain) in states.items():
            ctx = u * V + v
            ctx3 = ctx * V
            g3 = gamma3.get(ctx, 0.0)
            ctx2 = v * V
            g2 = gamma2[v]
            for k, w in enumerate(cand_ids):
                p = tri.get(ctx3 + w)
                if p is None:
                    p2 = bi.get(ctx2 + w)
                    p = g3 + (p2 if p2 is not None else g2 + uni[w])
                s = score + CHANNEL_WEIGHT * channel[k] + LM_WEIGHT * p
                key = (v, w)
                old = new.get(key)
                if old is None or s > old[0]:
                    new[key] = (s, (k, chain))
        if len(new) > beam:
            new = dict(sorted(new.items(), key=lambda item: -item[1][0])[:beam])
        states = new
    eos = lm.id(EOS)
    best = max(states.items(), key=lambda item: item[1][0] + LM_WEIGHT * lm.logp(item[0][0], item[0][1], eos))
    chosen: list[int] = []
    chain = best[1][1]
    while chain is not None:
        chosen.append(chain[0])
        chain = chain[1]
    chosen.reverse()
    return [Choice(k, _confidence(lm, positions, ids, chosen, i)) for i, k in enumerate(chosen)]


def _confidence(lm: TrigramLM, positions: list[list[Candidate]], ids: list[list[int]], chosen: list[int], i: int) -> float:
    cands = positions[i]
    if len(cands) == 1:
        return 1.0
    seq = [lm.id(BOS), lm.id(BOS)] + [ids[j][chosen[j]] for j in range(len(chosen))] + [lm.id(EOS)]
    at = i + 2
    scores = []
    for k, cand in enumerate(cands):
        seq[at] = ids[i][k]
        s = CHANNEL_WEIGHT * cand.channel
        for j in range(at, min(at + 3, len(seq))):
            s += LM_WEIGHT * lm.logp(seq[j - 2], seq[j - 1], seq[j])
        scores.append(s)
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    return math.exp(scores[chosen[i]] - top) / total
