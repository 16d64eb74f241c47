"""How likely a number is to be written as a given short digit string: log P('6' | a number).

The language model sees every number as one class, <num>. When English OCR reads a word as
digits ('ở' -> '6', 'là' -> '14'), the decoder weighs "a number that happens to be '6'" against
"the word 'ở' that came out as '6'"; the first needs P('6' | <num>), the emission of the class
model, or every short digit string would look as likely as a number as the whole class does.
Learned from the clean training corpus: each short digit string's share of its numbers.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .tokens import Kind, tokenize

DATA_FILE = "number_forms.json"
MAX_DIGITS = 2  # longer digit strings are not words in disguise
_UNSEEN = "_unseen"


def train_number_forms(texts: Iterable[str]) -> dict[str, float]:
    """digit string of at most MAX_DIGITS -> log share of all numbers; '_unseen' for the rest
    of that kind (add-one smoothing over the 110 possible strings)."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        for token in tokenize(text):
            if token.kind is Kind.NUMBER:
                total += 1
                if token.text.isdigit() and len(token.text) <= MAX_DIGITS:
                    counts[token.text] += 1
    possible = 10 + 100  # '0'..'9' and '00'..'99'
    denominator = total + possible
    table = {text: round(math.log((n + 1) / denominator), 4) for text, n in sorted(counts.items())}
    table[_UNSEEN] = round(math.log(1 / denominator), 4)
    return table


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    blob = resources.files("egov_extract").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return json.loads(blob)


def logp(text: str) -> float:
    """log P(text | a number) for a short digit string (0.0, no information, for anything else)."""
    if not (text.isdigit() and len(text) <= MAX_DIGITS):
        return 0.0
    table = _table()
    return table.get(text, table[_UNSEEN])
