"""Channel models: how a true syllable comes out in the text we are given.

`StrippedChannel`: diacritics removed ("chính" -> "chinh"); every syllable the language model
knows with the same folded spelling is a candidate, equally likely, and context decides.
`OcrChannel` (ocr_channel.py) is learned from rendered-and-OCR'd corpus text.
"""

from __future__ import annotations

from collections import defaultdict

from .lm import SPECIALS, TrigramLM
from .syllables import fold, is_valid


MAX_CANDIDATES = 64
MAX_UNIGRAM_DROP = 99.0


class StrippedChannel:
    """Candidates for text that lost its diacritics."""

    def __init__(self, lm: TrigramLM, max_candidates: int = MAX_CANDIDATES, max_drop: float = MAX_UNIGRAM_DROP) -> None:
        index: dict[str, list[str]] = defaultdict(list)
        for token in lm.vocab:
            if token not in SPECIALS and is_valid(token):
                index[fold(token)].append(token)
        # Rare readings far below the best unigram of their class almost never win in context;
        # dropping them keeps the lattice small (speed) at no measurable accuracy cost.
        self._index = {}
        for key, syllables in index.items():
            ranked = sorted(syllables, key=lambda s: (-lm.unigram[lm.id(s)], s))
            best = lm.unigram[lm.id(ranked[0])]
            self._index[key] = [s for s in ranked[:max_candidates] if lm.unigram[lm.id(s)] >= best - max_drop]
        self.folded = frozenset(self._index)
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def candidates(self, word: str) -> tuple[tuple[str, float], ...]:
        """(canonical syllable, log P(word | syllable)) pairs; empty when nothing fits."""
        hit = self._cache.get(word)
        if hit is None:
            hit = tuple((s, 0.0) for s in self._index.get(fold(word.lower()), ()))
            if len(self._cache) < 200_000:
                self._cache[word] = hit
        return hit
