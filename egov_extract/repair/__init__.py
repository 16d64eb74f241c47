"""Repair: restore Vietnamese diacritics in stripped text and in English-mode OCR garble.

`repair_text(text)` returns the repaired text and an audit trail: every change with its
position in the input, its confidence, and whether digits became letters. Lines that are
already proper Vietnamese, or not Vietnamese at all, are left exactly as they are.
"""

from __future__ import annotations

from ..datamodel import Document, RepairedDocument
from .engine import LOW_CONFIDENCE, Repairer, default_repairer, repair_text


def repair_document(document: Document, repairer: Repairer | None = None) -> RepairedDocument:
    """Repair the pages of an ingested document together (they share a document cache);
    offsets map back through each page's result."""
    repairer = repairer or default_repairer()
    return RepairedDocument(
        source=document.source,
        sha256=document.sha256,
        pages=tuple(
            result.model_copy(update={"page": page.number})
            for page, result in zip(document.pages, repairer.repair_pages([page.text for page in document.pages]))
        ),
    )


__all__ = ["LOW_CONFIDENCE", "Repairer", "repair_document", "repair_text"]
