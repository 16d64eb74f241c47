"""Text layers that lie: a PDF page whose text layer is an old English-mode OCR run ('Chinh
quyén dién tir') or junk is not trusted for covering the page; its image is OCR'd as well and
the better reading kept (OCRmyPDF's --redo-ocr idea), with the reason recorded on the page.

Quality is the share of a text's words that stand in proper Vietnamese lines, as the repair
stage's line detector (`repair.detect`) judges them: a real text layer scores 0.9 or more,
English-mode garble and junk under 0.3. A layer is suspect below SUSPECT_QUALITY; the OCR
reading replaces it when it scores OCR_MARGIN better (an English text layer, which OCR reads
no better, is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


MIN_WORDS = 30  # fewer words say too little (a cover page, a signature stamp)
SUSPECT_QUALITY = 0.5
OCR_MARGIN = 0.2


@lru_cache(maxsize=1)
def _folded() -> frozenset[str]:
    from ..repair import lm
    from ..repair.syllables import fold, is_valid

    model = lm.load()
    return frozenset(fold(token) for token in model.vocab if is_valid(token))


@dataclass(frozen=True)
class Quality:
    words: int
    vietnamese: float  # share of the words in proper Vietnamese lines

    def describe(self) -> str:
        return f"{self.words} words, {self.vietnamese:.0%} in proper Vietnamese lines"


def quality(text: str) -> Quality:
    from ..repair.detect import classify_lines
    from ..repair.tokens import Kind, tokenize

    lines = [tokenize(line) for line in text.split("\n")]
    kinds = classify_lines(lines, _folded())
    counts = [sum(1 for t in line if t.kind is Kind.WORD) for line in lines]
    words = sum(counts)
    good = sum(n for n, kind in zip(counts, kinds) if kind == "vietnamese")
    return Quality(words, round(good / words, 4) if words else 0.0)


# A page plainly in Vietnamese passes on a cheaper look (this runs on every text-layer page): a
# third of its words or more carry Vietnamese marks, and nearly all of those are syllables.
PLAIN_MARKED_SHARE = 0.33
PLAIN_VALID_SHARE = 0.9


PLAIN_SAMPLE = 1000  # characters the cheap look reads: a lying layer lies from its first line


_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’*-–…/%"


def _plainly_vietnamese(tokens: list[str]) -> bool:
    from ..repair.syllables import is_valid

    marked = [t for t in tokens if not t.isascii()]
    if len(marked) < PLAIN_MARKED_SHARE * len(tokens):
        return False
    distinct = {t.strip(_PUNCTUATION) for t in marked}
    return sum(1 for w in distinct if is_valid(w)) >= PLAIN_VALID_SHARE * len(distinct)


def suspect(text: str) -> Quality | None:
    """The layer's quality when it is suspect (enough words, few of them proper Vietnamese)."""
    tokens = text[:PLAIN_SAMPLE].split()  # whitespace tokens: the cheap look needs no tokenizer
    if (len(tokens) < MIN_WORDS and len(text) <= PLAIN_SAMPLE) or _plainly_vietnamese(tokens):
        return None
    measured = quality(text)
    if measured.words >= MIN_WORDS and measured.vietnamese < SUSPECT_QUALITY:
        return measured
    return None


def choose(layer: Quality, ocr_text: str) -> tuple[bool, str]:
    """(use the OCR reading, the reason to record)."""
    ocr = quality(ocr_text)
    if ocr.vietnamese >= layer.vietnamese + OCR_MARGIN:
        return True, f"text layer untrusted ({layer.describe()}); OCR of the page image read better ({ocr.describe()})"
    return False, f"text layer kept though suspect ({layer.describe()}): OCR of the image read no better ({ocr.describe()})"


__all__ = ["MIN_WORDS", "OCR_MARGIN", "SUSPECT_QUALITY", "Quality", "choose", "quality", "suspect"]
