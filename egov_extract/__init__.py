"""egov_extract: Vietnamese provincial government reports into typed, checked data.

Pipeline, one direction: ingest -> repair -> extract -> reconcile -> render.
"""

from .datamodel import Change, Document, Page, PageError, RepairedDocument, RepairResult, Span
from .errors import EgovExtractError
from .ingest import ingest, ingest_bytes
from .repair import repair_document, repair_text
from .extract import extract, extract_document
from .reconcile import check_percent, reconcile
from .render import to_html, to_markdown

__version__ = "0.1.0"

__all__ = [
    "Change",
    "check_percent",
    "Document",
    "EgovExtractError",
    "Page",
    "PageError",
    "RepairResult",
    "RepairedDocument",
    "Span",
    "__version__",
    "extract",
    "extract_document",
    "ingest",
    "ingest_bytes",
    "reconcile",
    "repair_document",
    "repair_text",
    "to_html",
    "to_markdown",
]
