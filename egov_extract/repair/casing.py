"""How often a syllable is capitalised inside a sentence: 'Sở' (Sở Nội vụ) nearly always, 'số'
almost never.

English OCR writes both 'sở' and 'số' as 's6', and a stripped text writes both as 'so'; the
language model sees lower-case syllables only. But a capital letter in mid-sentence is evidence:
'S6 Kế hoạch và Đầu tư' is 'Sở', 'có s6 liệu' is 'số'; likewise 'Bình Hải' (a name) against
'hai' (two). P(case | syllable) is learned from the clean training corpus, counting only words
that are not at the start of a sentence, line or list item, where every word is capitalised.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from .syllables import canonical, case_shape, is_valid
from .tokens import Kind, Token, tokenize

DATA_FILE = "casing.json"
PRIOR_WEIGHT = 4.0  # pseudo-counts of the corpus-wide rate in each syllable's estimate
# A syllable is capitalised at least this share of the corpus rate: any syllable may start a
# name the corpus never had ('Chợ Mới', a district), so one capital costs at most about 3 nats.
FLOOR_FACTOR = math.exp(-3.0)
_OPENERS = set(".:!?…-–•+*“\"'‘")  # after these a word may be capitalised whatever it is
_GLOBAL = "_title_rate"


def initial_positions(tokens: Sequence[Token]) -> set[int]:
    """Start offsets of the WORD tokens that open a sentence, a line or a list item: their case
    says nothing about the word."""
    out: set[int] = set()
    space, word, punct = Kind.SPACE, Kind.WORD, Kind.PUNCT  # local names: this runs per token
    opens = True  # at a line start, or after an opener
    for text, kind, start in tokens:
        if kind is space:
            if "\n" in text:
                opens = True
            continue
        if kind is word and opens:
            out.add(start)
        opens = kind is punct and text in _OPENERS
    return out


def before_capital(tokens: Sequence[Token]) -> set[int]:
    """Start offsets of the WORD tokens whose next token (spaces between) is a capitalised word
    or code: 'Sở' in 'Sở Kế hoạch', the first word of a multi-word name."""
    out: set[int] = set()
    space, word, code = Kind.SPACE, Kind.WORD, Kind.CODE
    previous = -1  # start of the word just before, or -1
    for text, kind, start in tokens:
        if kind is space:
            continue
        if previous >= 0 and (kind is word or kind is code) and text[:1].isupper():
            out.add(previous)
        previous = start if kind is word else -1
    return out


def train_casing(texts: Iterable[str]) -> dict[str, float]:
    """P(Title case | the syllable, inside a sentence), per syllable and two places: before a
    capitalised word (key 'syllable+': 'Sở Kế hoạch') and elsewhere (key 'syllable'); smoothed
    towards the corpus rates ('_title_rate+', '_title_rate'). Upper-case words (headings,
    acronyms) are not counted."""
    title: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        tokens = tokenize(text)
        initial, capital_next = initial_positions(tokens), before_capital(tokens)
        for token in tokens:
            if token.kind is not Kind.WORD or token.start in initial or not is_valid(token.text):
                continue
            shape = case_shape(token.text)
            if shape == "upper":
                continue
            key = canonical(token.text.lower()) + ("+" if token.start in capital_next else "")
            seen[key] += 1
            title[key] += shape == "title"
    table: dict[str, float] = {}
    for place in ("", "+"):
        keys = [k for k in seen if k.endswith("+") == (place == "+")]
        total = sum(seen[k] for k in keys)
        rate = sum(title[k] for k in keys) / total if total else 0.05
        table[_GLOBAL + place] = round(rate, 5)
        table.update({k: round((title[k] + PRIOR_WEIGHT * rate) / (seen[k] + PRIOR_WEIGHT), 5) for k in keys})
    return dict(sorted(table.items()))


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    return json.loads(resources.files("egov_extract").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))


class Casing:
    """log P(a word's case | its syllable and whether a capitalised word follows), for words
    inside a sentence."""

    def __init__(self, table: dict[str, float] | None = None) -> None:
        self.table = _table() if table is None else table

    def logp(self, syllable: str, shape: str, capital_next: bool = False) -> float:
        """0.0 for upper case, which says nothing; a syllable never seen takes the corpus rate."""
        if shape == "upper":
            return 0.0
        place = "+" if capital_next else ""
        rate = self.table.get(_GLOBAL + place, 0.05)
        p = max(self.table.get(syllable + place, rate), rate * FLOOR_FACTOR)
        return math.log(p if shape == "title" else 1.0 - p)
