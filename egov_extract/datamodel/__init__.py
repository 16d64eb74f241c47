"""Typed records: the contract between pipeline stages."""

from .base import Record
from .document import Document, DocumentKind, Page, PageError, PageMethod, Span
from .repair import Change, LineKind, RepairResult, RepairStats

__all__ = [
    "Change",
    "Document",
    "DocumentKind",
    "LineKind",
    "Page",
    "PageError",
    "PageMethod",
    "Record",
    "RepairResult",
    "RepairStats",
    "Span",
]
