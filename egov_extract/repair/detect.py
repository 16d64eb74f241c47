"""Decide, line by line, what kind of text repair is looking at.

Proper Vietnamese and non-Vietnamese lines are left alone; lines without diacritics are
decoded with the stripped-text channel, English-mode OCR garble with the OCR channel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..datamodel import LineKind
from .syllables import has_vietnamese_marks, is_valid
from .tokens import Kind, Token

# Marks English-mode OCR puts on Vietnamese letters that Vietnamese never uses, and symbols it
# reads for marked vowels.
_FOREIGN_MARKS = regex.compile(r"[ëïöüÿçñîûåæøœßþ€¢§£¥©®°&@]", regex.IGNORECASE)
_DIGIT_IN_WORD = regex.compile(r"(?=.*\d)(?=.*\p{L})")
# In a garbled document, a line that looks foreign but has this share of its words Vietnamese
# syllables is read as garble: English text has few ('online', 'data' are none).
GARBLED_FOREIGN_VALID = 0.3


@dataclass(frozen=True)
class LineStats:
    words: int
    marked_valid: int  # valid syllables with diacritics
    plain_valid: int  # valid syllables without any diacritic
    invalid: int  # neither: garble, acronyms, foreign words
    garble_signals: int  # digits inside words, foreign marks, marked but invalid

    @property
    def valid_share(self) -> float:
        return (self.marked_valid + self.plain_valid) / self.words if self.words else 0.0

    @property
    def marked_share(self) -> float:
        return self.marked_valid / self.words if self.words else 0.0

    def kind(self) -> LineKind:
        """The line on its own; `classify_lines` then weighs it against its document."""
        n = self.words
        if n == 0:
            return "empty"
        if self.marked_valid + self.plain_valid + self.garble_signals < 0.5 * n:
            return "foreign"
        if self.marked_share >= 0.4 and self.garble_signals <= max(1, 0.15 * n):
            return "vietnamese"
        if self.garble_signals == 0 and self.marked_valid == 0:
            return "stripped"
        if self.garble_signals == 0 and self.marked_share >= 0.25:
            return "vietnamese"
        return "garbled"


def line_stats(words: list[Token], folded: frozenset[str], memo: dict[str, int] | None = None) -> LineStats:
    """Count word evidence; `folded` holds the diacritic-free spellings of known syllables,
    `memo` what each word said already (a text repeats its words)."""
    memo = {} if memo is None else memo
    counts = [0, 0, 0, 0, 0]
    for token in words:
        text = token.text
        said = memo.get(text)
        if said is None:
            said = memo[text] = _evidence(text, folded)
        counts[said] += 1
    _, marked, plain, invalid, signals = counts
    return LineStats(marked + plain + invalid + signals, marked, plain, invalid + signals, signals)


_ACRONYM, _MARKED, _PLAIN, _INVALID, _SIGNAL = range(5)


def _evidence(text: str, folded: frozenset[str]) -> int:
    """What one word says of its line."""
    if len(text) > 1 and text.isupper() and not is_valid(text) and text.lower() not in folded and not _FOREIGN_MARKS.search(text):
        return _ACRONYM  # acronyms (UBND, CNTT) say nothing about the line
    marks = has_vietnamese_marks(text)
    if marks and is_valid(text):
        return _MARKED
    if not marks and text.lower() in folded:
        return _PLAIN
    # Marks on a word that is not a syllable ("buéc", "liéu"), digits inside a word ("s6"),
    # symbols for vowels ("v€"): what English OCR does to Vietnamese.
    if marks or _FOREIGN_MARKS.search(text) or _DIGIT_IN_WORD.match(text):
        return _SIGNAL
    return _INVALID


def classify_lines(lines: list[list[Token]], folded: frozenset[str]) -> list[LineKind]:
    """Kind of each line (its tokens given), weighed against the document it is in.

    A document is mostly one kind. Short lines (under four words) say little and take the
    document's kind; a long line must show clear evidence to differ from its document: in a
    proper Vietnamese document a garbled line needs two garble signals and few marks, a stripped
    line six words; in a garbled document a line needs most of its words marked to count as
    proper Vietnamese, and stripped lines are garble that happened to lose only marks.
    """
    memo: dict[str, int] = {}
    word = Kind.WORD  # a local name: an Enum member look-up costs 60 ns, and this runs per token
    stats = [line_stats([t for t in line if t.kind is word], folded, memo) for line in lines]
    kinds: list[LineKind] = [s.kind() for s in stats]
    votes = Counter(k for k, s in zip(kinds, stats) if s.words >= 4 and k != "foreign")
    doc = votes.most_common(1)[0][0] if votes else None
    if doc == "stripped" and votes["garbled"] >= 0.2 * sum(votes.values()):
        doc = "garbled"
    out: list[LineKind] = []
    for kind, s in zip(kinds, stats):
        if kind == "foreign" and doc == "garbled" and (s.garble_signals or s.words < 4 or s.valid_share >= GARBLED_FOREIGN_VALID):
            # Heavy garble looks foreign on its own ('cone nhan trung tim doi mdi sing tio'); its
            # document says otherwise. A table cell ('chic', 'Buroc 4') says too little to differ.
            out.append("garbled")
        elif kind in ("empty", "foreign") or doc is None:
            out.append(kind)
        elif s.words < 4:
            out.append(doc)
        elif doc == "vietnamese":
            if kind == "garbled" and not (s.garble_signals >= 2 and s.marked_share < 0.25):
                kind = "vietnamese"
            elif kind == "stripped" and s.words < 6:
                kind = "vietnamese"
            out.append(kind)
        elif doc == "garbled":
            out.append("vietnamese" if kind == "vietnamese" and s.marked_share >= 0.6 else "garbled")
        else:  # a stripped document
            out.append(kind)
    return out
