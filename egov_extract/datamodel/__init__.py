"""Typed records: the contract between pipeline stages."""

from .base import Record
from .document import Document, DocumentKind, Page, PageError, PageMethod, Span

__all__ = ["Document", "DocumentKind", "Page", "PageError", "PageMethod", "Record", "Span"]
