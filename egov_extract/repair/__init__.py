"""Repair: restore Vietnamese diacritics in stripped text and in English-mode OCR garble.

`repair_text(text)` returns the repaired text and an audit trail: every change with its
position in the input, its confidence, and whether digits became letters. Lines that are
already proper Vietnamese, or not Vietnamese at all, are left exactly as they are.
"""

from __future__ import annotations

from .engine import LOW_CONFIDENCE, Repairer, repair_text

__all__ = ["LOW_CONFIDENCE", "Repairer", "repair_text"]
