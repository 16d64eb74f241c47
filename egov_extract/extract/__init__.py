"""Extract: typed records with provenance from a (repaired) document.

Rules first (`regex`), on the repaired text of each page; every record's span points into the
page text as ingested, through the repair stage's offset map. Citations, report metadata,
numeric indicators and agency lists.
"""

from __future__ import annotations

import os

from ..datamodel import (
    AgencyItem,
    AgencyList,
    Citation,
    DateMention,
    Document,
    Indicator,
    RepairedDocument,
    Report,
    ReportMeta,
    Span,
)
from .agencies import find_agency_lists, garbled_marker_after, marker_after
from ..ingest import ingest
from ..repair import repair_document
from .citations import FoundCitation, find_citations
from .dates import find_dates
from .indicators import find_indicators
from .meta import find_meta, find_signer
from .quotes import make_quote

__all__ = ["extract", "extract_document"]


def extract(source: str | os.PathLike[str] | Document, **ingest_options) -> Report:
    """Ingest (when given a path), repair and extract one document."""
    document = source if isinstance(source, Document) else ingest(source, **ingest_options)
    return extract_document(document, repair_document(document))


def _span(document: Document, repaired: RepairedDocument, page: int, start: int, end: int) -> Span:
    result = repaired.pages[page - 1]
    return Span(source=document.source, page=page, start=result.to_original(start), end=result.to_original(end))


def extract_document(document: Document, repaired: RepairedDocument) -> Report:
    """Records from a document and its repair (pure: no I/O)."""
    citations: list[Citation] = []
    indicators: list[Indicator] = []
    lists: list[AgencyList] = []
    dates: list[DateMention] = []
    marked: dict[str, int] = {}  # footnote marker -> index of the indicator it follows
    unreadable: list[tuple[int, int, int]] = []  # (page, offset, indicator index) of markers OCR garbled
    pending: list[tuple[int, object]] = []
    for number, page in enumerate(repaired.pages, 1):
        original = document.page(number).text

        def quote(start: int, end: int):
            return make_quote(original, page, start, end)

        # Codes are mended only where OCR may have misread them (a scanned page, or garble repair found).
        mend = document.page(number).method == "ocr" or page.stats.lines.get("garbled", 0) > 0
        for c in find_citations(page.text, self_window=1200 if number == 1 else None, mend_codes=mend):
            citations.append(_citation(c, _span(document, repaired, number, c.start, c.end), quote(c.start, c.end)))
        for d in find_dates(page.text):
            dates.append(
                DateMention(span=_span(document, repaired, number, d.start, d.end), text=d.text, date=d.date, quote=quote(d.start, d.end))
            )
        placed: dict[int, int] = {}  # index among the page's found indicators -> index in the report
        for k, i in enumerate(find_indicators(page.text)):
            if page.suspect_numbers and any(page.is_suspect(o) for o in range(page.to_original(i.start), page.to_original(i.end))):
                continue  # its number is likely a word OCR read as digits ('6 t6' for 'ô tô')
            placed[k] = len(indicators)
            marker = i.marker or marker_after(page.text, i.end)
            if marker is not None:
                marked.setdefault(marker, len(indicators))
            elif garbled_marker_after(page.text, i.end):
                unreadable.append((number, i.start, len(indicators)))
            indicators.append(
                Indicator(
                    span=_span(document, repaired, number, i.start, i.end),
                    kind=i.kind,
                    text=i.text,
                    quote=quote(i.start, i.end),
                    value=i.value,
                    numbers=tuple(n.text for n in i.numbers),
                    decimals=i.numbers[0].decimals,
                    unit=i.unit,
                    label=i.label,
                    period=i.period,
                    direction=i.direction,
                    states_ratio=None if i.percent_of is None else placed.get(i.percent_of),
                )
            )
        pending += [(number, a, quote(a.start, a.end)) for a in find_agency_lists(page.text)]
    for number, a, a_quote in pending:
        statement = marked.get(a.marker) if a.marker else None
        if statement is None and a.marker and a.kind == "enumeration":
            # The footnote's number is readable but its marker in the text was not: the nearest
            # statement before it with an unreadable marker is the one it belongs to.
            before = [u for u in unreadable if u[0] == number and u[1] < a.start]
            if before:
                statement = before[-1][2]
                unreadable.remove(before[-1])
        lists.append(
            AgencyList(
                span=_span(document, repaired, number, a.start, a.end),
                kind=a.kind,
                quote=a_quote,
                items=tuple(AgencyItem(number=x.number, name=x.name, key=x.key, count=x.count) for x in a.items),
                marker=a.marker,
                total=a.total,
                unit=a.unit,
                statement=statement,
            )
        )
    meta = find_meta(repaired.pages[0].text if repaired.pages else "")
    meta_span = _span(document, repaired, 1, *meta.span) if meta.span else None
    self_number = next((c.number for c in citations if c.is_self), None)
    last = len(repaired.pages)
    signer = find_signer(repaired.pages[-1].text) if repaired.pages else None
    return Report(
        source=document.source,
        sha256=document.sha256,
        meta=ReportMeta(
            issuer=meta.issuer,
            number=self_number,
            place=meta.place,
            date=meta.date,
            doc_type=meta.doc_type,
            title=meta.title,
            period=meta.period,
            signer=signer.name if signer else None,
            signer_title=signer.title if signer else None,
            span=meta_span,
            date_span=_span(document, repaired, 1, *meta.date_span) if meta.date_span else None,
            signer_span=_span(document, repaired, last, signer.start, signer.end) if signer else None,
        ),
        citations=tuple(citations),
        indicators=tuple(indicators),
        agency_lists=tuple(lists),
        dates=tuple(dates),
    )


def _citation(c: FoundCitation, span: Span, quote) -> Citation:
    return Citation(
        span=span,
        text=c.text,
        quote=quote,
        number=c.number,
        number_as_written=c.number_as_written,
        serial=c.serial,
        year=c.year,
        type_code=c.type_code,
        issuer_code=c.issuer_code,
        doc_type=c.doc_type,
        date=c.date.date if c.date else None,
        date_text=c.date.text if c.date else None,
        issuer=c.issuer,
        subject=c.subject,
        is_self=c.is_self,
    )
