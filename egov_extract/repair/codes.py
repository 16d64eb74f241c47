"""Letters inside document codes and acronyms: 'QD-UBND' -> 'QĐ-UBND', 'HDND' -> 'HĐND'.

English OCR and stripped text lose the stroke of Đ. Which acronyms carry Đ is learned from the
clean corpus (every upper-case part of a code or acronym, counted), not listed by hand; a part
is restored only when the Đ spelling is nearly always the one used. Digits are never touched.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex

from .syllables import fold, is_valid
from .tokens import Kind, tokenize

DATA_FILE = "code_letters.json"
_PART = regex.compile(r"\p{Lu}{2,}")


def train_code_letters(texts: Iterable[str], min_count: int = 3, min_share: float = 0.9) -> dict[str, list]:
    """folded acronym -> [spelling with Đ, share among spellings] for acronyms that are not syllables."""
    counts: Counter[str] = Counter()
    for text in texts:
        for token in tokenize(text):
            if token.kind in (Kind.CODE, Kind.WORD):
                counts.update(m.group() for m in _PART.finditer(token.text))
    by_fold: dict[str, Counter] = defaultdict(Counter)
    for part, n in counts.items():
        if not is_valid(part):
            by_fold[fold(part)][part] += n
    table: dict = {}
    # Acronyms the clean corpus uses often: kept as written wherever repair meets them ('CP' is
    # not 'CẤP' in "63/2024/NĐ CP"), with their Đ restored.
    table["_acronyms"] = sorted(
        part for part, n in counts.items() if n >= min_count and not is_valid(part) and len(part) <= 10
    )
    for key, spellings in sorted(by_fold.items()):
        best, n = spellings.most_common(1)[0]
        total = sum(spellings.values())
        # Only the stroke of Đ is restored: other marks in acronyms are too rare to learn.
        if best != key and best.replace("Đ", "D") == key and total >= min_count and n / total >= min_share:
            table[key] = [best, round(n / total, 4)]
    return table


@lru_cache(maxsize=1)
def load() -> dict[str, list]:
    return json.loads(resources.files("egov_extract").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """Known acronyms, as the clean corpus writes them, plus their Đ-less spellings."""
    known = set(load().get("_acronyms", ()))
    return frozenset(known | {a.replace("Đ", "D") for a in known})


def restore(text: str, table: dict[str, list] | None = None) -> tuple[str, float]:
    """Restore letters of the upper-case parts of a code; (new text, lowest share used)."""
    table = load() if table is None else table
    confidence = 1.0

    def swap(m: regex.Match) -> str:
        nonlocal confidence
        hit = table.get(m.group())
        if hit is None or m.group() == "_acronyms":
            return m.group()
        confidence = min(confidence, hit[1])
        return hit[0]

    return _PART.sub(swap, text), confidence
