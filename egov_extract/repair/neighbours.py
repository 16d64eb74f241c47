"""Strings within one edit of a query, found through their deletion neighbourhoods.

Two strings are at most one edit apart (insertion, deletion or substitution) only if they
share a member of their deletion neighbourhoods: the string itself and each string with one
character taken out (the idea of SymSpell). Indexing the neighbourhoods of a fixed vocabulary
turns the search into a few dictionary look-ups, where scoring the whole vocabulary
(`rapidfuzz.process.extract`) cost 30 us a query. Where each side's member came from says the
distance: both whole, 0; one whole and one with a character out, 1 (a deletion or insertion);
both with a character out at the same place, 1 (a substitution there). Members shared with
the characters out at different places say nothing: 'ab' and 'ba' share 'a' and 'b', and are
two edits apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

_WHOLE = -1  # the member is the string itself, not one with a character out


def _neighbourhood(text: str) -> list[tuple[str, int]]:
    """(member, where a character was taken out or _WHOLE)."""
    return [(text, _WHOLE), *((text[:i] + text[i + 1 :], i) for i in range(len(text)))]


class OneEditIndex:
    """The strings of `vocabulary` within one edit of a query."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.vocabulary = tuple(vocabulary)
        index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, word in enumerate(self.vocabulary):
            for member, at in _neighbourhood(word):
                index[member].append((i, at))
        self._index = dict(index)

    def near(self, query: str, limit: int | None = None) -> list[str]:
        """Vocabulary strings at most one edit from `query`: the nearest first, then in
        vocabulary order; at most `limit` of them."""
        distance: dict[int, int] = {}
        get = self._index.get
        for member, at in _neighbourhood(query):
            for i, their in get(member, ()):
                if at == _WHOLE and their == _WHOLE:
                    distance[i] = 0
                elif at == _WHOLE or their == _WHOLE or at == their:
                    distance.setdefault(i, 1)
        ranked = sorted((d, i) for i, d in distance.items())
        return [self.vocabulary[i] for _, i in ranked[:limit]]
