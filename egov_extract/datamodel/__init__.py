"""Typed records: the contract between pipeline stages."""

from .audit import Audit, Evidence, FileNotRead, Finding, PercentCheck
from .base import Record
from .document import Document, DocumentKind, MediaType, Page, PageError, PageMethod, PagePart, Span
from .report import AgencyItem, AgencyList, Citation, DateMention, Indicator, Quote, Report, ReportMeta
from .repair import Change, LineKind, RepairedDocument, RepairResult, RepairStats, SuspectNumber

__all__ = [
    "AgencyItem",
    "Audit",
    "Evidence",
    "FileNotRead",
    "Finding",
    "AgencyList",
    "Change",
    "Citation",
    "DateMention",
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
    "PageMethod",
    "PagePart",
    "MediaType",
    "Record",
    "RepairResult",
    "RepairedDocument",
    "RepairStats",
    "SuspectNumber",
    "Span",
]
