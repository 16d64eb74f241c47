"""Typed records: the contract between pipeline stages."""

from .audit import Audit, Evidence, Facet, Finding, PercentCheck, Severity
from .base import Record
from .document import Document, DocumentKind, Page, PageError, PageMethod, PagePreparation, Span, Word
from .report import (
    AgencyItem,
    AgencyList,
    Breakdown,
    Citation,
    DateMention,
    Enumeration,
    Indicator,
    ListItem,
    Quote,
    Report,
    ReportMeta,
    StepTime,
    Timeline,
)
from .repair import Change, LineKind, RepairedDocument, RepairResult, RepairStats, SuspectNumber

__all__ = [
    "AgencyItem",
    "Audit",
    "Breakdown",
    "Evidence",
    "Facet",
    "Finding",
    "AgencyList",
    "Change",
    "Citation",
    "DateMention",
    "Enumeration",
    "ListItem",
    "Quote",
    "Indicator",
    "Report",
    "ReportMeta",
    "Document",
    "DocumentKind",
    "LineKind",
    "Page",
    "PercentCheck",
    "PageError",
    "PagePreparation",
    "PageMethod",
    "Record",
    "RepairResult",
    "RepairedDocument",
    "RepairStats",
    "SuspectNumber",
    "Word",
    "Severity",
    "Span",
    "StepTime",
    "Timeline",
]
