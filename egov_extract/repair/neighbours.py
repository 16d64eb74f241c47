"""Strings within one edit of a query, found through their deletion neighbourhoods.

Two strings are at most one edit apart (insertion, deletion or substitution) only if they
share a member of their deletion neighbourhoods: the string itself and each string with one
character taken out (the idea of SymSpell). Indexing the neighbourhoods of a fixed vocabulary
turns the search into a few dictionary look-ups, where scoring the whole vocabulary
(`rapidfuzz.process.extract`) cost 30 us a query; the shared members are then checked
exactly, since they also admit some pairs two edits apart ('ab', 'ba').
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein


def _deletions(text: str) -> set[str]:
    return {text, *(text[:i] + text[i + 1 :] for i in range(len(text)))}


class OneEditIndex:
    """The strings of `vocabulary` within one edit of a query."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.vocabulary = tuple(vocabulary)
        index: dict[str, list[int]] = defaultdict(list)
        for i, word in enumerate(self.vocabulary):
            for variant in _deletions(word):
                index[variant].append(i)
        self._index = dict(index)

    def near(self, query: str, limit: int | None = None) -> list[str]:
        """Vocabulary strings at most one edit from `query`: the nearest first, then in
        vocabulary order; at most `limit` of them."""
        shared = {i for variant in _deletions(query) for i in self._index.get(variant, ())}
        scored = []
        for i in shared:
            distance = Levenshtein.distance(query, self.vocabulary[i], score_cutoff=1)
            if distance <= 1:
                scored.append((distance, i))
        scored.sort()
        return [self.vocabulary[i] for _, i in scored[:limit]]
