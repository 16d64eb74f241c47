"""egov_extract: Vietnamese provincial government reports into typed, checked data.

Pipeline, one direction: ingest -> repair -> extract -> reconcile -> render.
"""

from .datamodel import Document, Page, PageError, Span
from .errors import EgovExtractError
from .ingest import ingest, ingest_bytes

__version__ = "0.1.0"

__all__ = [
    "Document",
    "EgovExtractError",
    "Page",
    "PageError",
    "Span",
    "__version__",
    "ingest",
    "ingest_bytes",
]
