"""Decide, line by line, what kind of text repair is looking at.

Proper Vietnamese and non-Vietnamese lines are left alone; lines without diacritics are
decoded with the stripped-text channel, English-mode OCR garble with the OCR channel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..datamodel import LineKind
from .syllables import fold, has_vietnamese_marks, is_valid
from .tokens import Kind, Token

# Marks English-mode OCR puts on Vietnamese letters that Vietnamese never uses, and symbols it
# reads for marked vowels.
_FOREIGN_MARKS = regex.compile(r"[ëïöüÿçñîûåæøœßþ€¢§£¥©®°&@]", regex.IGNORECASE)
_DIGIT_IN_WORD = regex.compile(r"(?=.*\d)(?=.*\p{L})")


@dataclass(frozen=True)
class LineStats:
    words: int
    marked_valid: int  # valid syllables with diacritics
    plain_valid: int  # valid syllables without any diacritic
    invalid: int  # neither: garble, acronyms, foreign words
    garble_signals: int  # digits inside words, foreign marks, marked but invalid

    def kind(self) -> LineKind:
        n = self.words
        if n == 0:
            return "empty"
        if self.marked_valid >= 0.3 * n and self.garble_signals <= 0.1 * n and self.invalid <= 0.25 * n:
            return "vietnamese"
        viet_like = self.marked_valid + self.plain_valid + self.garble_signals
        if viet_like < 0.5 * n:
            return "foreign"
        if self.garble_signals == 0 and self.marked_valid == 0:
            return "stripped"
        return "garbled"


def line_stats(words: list[Token], folded: frozenset[str]) -> LineStats:
    """Count word evidence; `folded` holds the diacritic-free spellings of known syllables."""
    marked = plain = invalid = signals = 0
    for token in words:
        text = token.text
        if (
            len(text) > 1
            and text.isupper()
            and not is_valid(text)
            and text.lower() not in folded
            and not _FOREIGN_MARKS.search(text)
        ):
            continue  # acronyms (UBND, CNTT) say nothing about the line
        marks = has_vietnamese_marks(text)
        if marks and is_valid(text):
            marked += 1
        elif not marks and text.lower() in folded:
            plain += 1
        else:
            invalid += 1
            if _FOREIGN_MARKS.search(text) or _DIGIT_IN_WORD.match(text) or (marks and fold(text).lower() in folded):
                signals += 1
    return LineStats(marked + plain + invalid, marked, plain, invalid, signals)


def classify_lines(lines: list[list[Token]], folded: frozenset[str]) -> list[LineKind]:
    """Kind of each line (its WORD tokens given), smoothed over the document.

    Short lines say little; they take the kind of the document's repairable majority, and
    stripped-looking lines in a garbled document are garble that happened to lose only marks.
    """
    stats = [line_stats([t for t in line if t.kind is Kind.WORD], folded) for line in lines]
    kinds: list[LineKind] = [s.kind() for s in stats]
    counts = Counter(k for k, s in zip(kinds, stats) if s.words >= 4)
    garbled_doc = counts["garbled"] >= max(2, 0.2 * sum(counts.values()))
    out: list[LineKind] = []
    for kind, s in zip(kinds, stats):
        if kind == "stripped" and garbled_doc:
            kind = "garbled"
        if s.words < 4 and kind in ("stripped", "garbled", "foreign") and counts:
            majority = "garbled" if garbled_doc else ("stripped" if counts["stripped"] > counts["vietnamese"] else None)
            if majority and kind != "foreign":
                kind = majority
        out.append(kind)
    return out
