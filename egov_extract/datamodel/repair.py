"""What repair produces: the repaired text, every change with its confidence, and statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record

LineKind = Literal["vietnamese", "stripped", "garbled", "foreign", "empty"]
"""What the detector found a line to be: proper Vietnamese (left alone), Vietnamese without
diacritics, English-mode OCR garble, not Vietnamese (left alone), or no words at all."""


class Change(Record):
    """One replaced token: where it was in the input, what it became, and how sure we are."""

    start: int = Field(ge=0, description="Offset of the original token in the input text.")
    end: int = Field(ge=0)
    original: str
    replacement: str
    repaired_start: int = Field(ge=0, description="Offset of the replacement in the repaired text.")
    confidence: float = Field(ge=0.0, le=1.0, description="Posterior of the chosen reading among the candidates.")
    line_kind: LineKind
    digits_to_letters: bool = Field(
        default=False, description="The original had digits that the repair read as letters ('s6' -> 'số')."
    )


class SuspectNumber(Record):
    """A number in garbled text that is likely a word English OCR read as digits ('6' for 'ở',
    '14' for 'là'). Numbers are never rewritten; extraction does not take figures from these."""

    start: int = Field(ge=0, description="Offset of the number in the input text.")
    end: int = Field(ge=0)
    text: str
    reading: str = Field(description="The word it likely stands for.")
    confidence: float = Field(ge=0.0, le=1.0, description="Posterior of the word reading against the number.")


class RepairStats(Record):
    words: int = Field(description="Word tokens seen.")
    changed: int = Field(description="Tokens replaced.")
    low_confidence: int = Field(description="Changes below the low-confidence threshold.")
    digits_to_letters: int = Field(description="Changes that turned digits into letters.")
    lines: dict[str, int] = Field(description="Lines per detected kind.")
    tone_style: Literal["old", "new"] = Field(
        default="old",
        description="Where repaired words put a tone the two conventions place differently (oa, oe, uy "
        "closing a syllable): 'old' on the first vowel ('hóa', 'thủy'), 'new' on the second ('hoá', "
        "'thuỷ'). The document's own convention, read from its proper Vietnamese lines; 'old' when "
        "they do not say.",
    )


class RepairResult(Record):
    """Repaired text plus an audit trail that maps every change back to the input."""

    text: str
    original_length: int
    changes: tuple[Change, ...]
    stats: RepairStats
    low_confidence_threshold: float
    suspect_numbers: tuple[SuspectNumber, ...] = Field(
        default=(), description="Numbers in garbled lines that the context reads as words; kept as written."
    )
    page: int | None = Field(default=None, ge=1, description="1-based page of the document, when repaired as one of its pages.")

    def is_suspect(self, offset: int) -> bool:
        """Does an offset of the input fall in a suspect number?"""
        return any(s.start <= offset < s.end for s in self.suspect_numbers)

    def to_original(self, offset: int) -> int:
        """Map an offset in the repaired text to the input: spans stay valid after repair."""
        shift = 0
        for change in self.changes:
            new_start = change.start + shift
            new_end = new_start + len(change.replacement)
            if offset < new_start:
                break
            if offset < new_end:
                # Inside a replaced token: proportional position, clamped to the original token.
                inner = offset - new_start
                return min(change.start + inner, change.end)
            shift += len(change.replacement) - (change.end - change.start)
        return offset - shift

    def to_repaired(self, offset: int) -> int:
        """Map an offset in the input to the repaired text (the inverse of `to_original`)."""
        shift = 0
        for change in self.changes:
            if offset < change.start:
                break
            if offset < change.end:
                return change.repaired_start + min(offset - change.start, len(change.replacement))
            shift = change.repaired_start + len(change.replacement) - change.end
        return offset + shift

    def low_confidence(self) -> tuple[Change, ...]:
        """Changes a reviewer should look at."""
        return tuple(c for c in self.changes if c.confidence < self.low_confidence_threshold)


class RepairedDocument(Record):
    """A document's pages after repair; page i of `pages` repairs page i+1 of the Document."""

    source: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: tuple[RepairResult, ...]

    @property
    def text(self) -> str:
        return "\f".join(p.text for p in self.pages)


__all__ = ["Change", "LineKind", "RepairResult", "RepairStats", "RepairedDocument", "SuspectNumber"]
