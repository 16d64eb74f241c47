"""Repair: restore Vietnamese diacritics in stripped text and in English-mode OCR garble.

`repair_text(text)` returns the repaired text and an audit trail: every change with its
position in the input, its confidence, and whether digits became letters. Lines that are
already proper Vietnamese, or not Vietnamese at all, are left exactly as they are.
"""

from __future__ import annotations

from ..datamodel import Document, RepairedDocument, RepairResult
from .engine import LOW_CONFIDENCE, Repairer, default_repairer, repair_text


def repair_document(document: Document, repairer: Repairer | None = None) -> RepairedDocument:
    """Repair the pages of an ingested document together (they share a document cache);
    offsets map back through each page's result. A page in an unknown encoding (ingest flagged
    it 'unknown-encoding') is not Vietnamese as read and is left exactly as it is."""
    repairer = repairer or default_repairer()
    unread = {e.page for e in document.errors if e.code == "unknown-encoding"}
    texts = ["" if page.number in unread else page.text for page in document.pages]
    return RepairedDocument(
        source=document.source,
        sha256=document.sha256,
        pages=tuple(
            result.model_copy(update={"page": page.number})
            if page.number not in unread
            else _left_as_is(page.text, result, page.number)
            for page, result in zip(document.pages, repairer.repair_pages(texts))
        ),
    )


def _left_as_is(text: str, empty: RepairResult, number: int) -> RepairResult:
    """A page repair must not touch: its text unchanged, no changes, its lines counted as foreign."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    stats = empty.stats.model_copy(update={"lines": {"foreign": lines} if lines else {}})
    return empty.model_copy(update={"text": text, "original_length": len(text), "stats": stats, "page": number})


__all__ = ["LOW_CONFIDENCE", "Repairer", "repair_document", "repair_text"]
