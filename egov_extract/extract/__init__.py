"""Extract: typed records with provenance from a (repaired) document.

Rules first (`regex`), on the repaired text of each page; every record's span points into the
page text as ingested, through the repair stage's offset map. Citations, report metadata,
numeric indicators and agency lists.
"""

from __future__ import annotations

import os

from ..datamodel import (
    Quote,
    AgencyItem,
    AgencyList,
    Breakdown,
    Citation,
    DateMention,
    Document,
    Enumeration,
    Indicator,
    ListItem,
    RepairedDocument,
    Report,
    ReportMeta,
    Span,
    StepTime,
    Timeline,
)
from .agencies import find_agency_lists, garbled_marker_after, marker_after
from ..ingest import ingest
from ..repair import repair_document
from .citations import FoundCitation, find_citations
from .dates import find_dates
from .breakdowns import find_breakdowns
from .durations import find_timelines
from .enumerations import FoundEnumeration, find_enumerations
from .indicators import find_indicators
from .meta import find_meta, find_signer
from .ocr_checks import mark_citations, mark_indicators
from .scan_meta import date_reading, issuer_reading, number_reading, signer_reading
from .quotes import make_quote

__all__ = ["extract", "extract_document"]


def extract(source: str | os.PathLike[str] | Document, **ingest_options) -> Report:
    """Ingest (when given a path), repair and extract one document."""
    document = source if isinstance(source, Document) else ingest(source, **ingest_options)
    return extract_document(document, repair_document(document))


def _span(document: Document, repaired: RepairedDocument, page: int, start: int, end: int) -> Span:
    result = repaired.pages[page - 1]
    return document.page(page).span(document.source, result.to_original(start), result.to_original(end))


def extract_document(document: Document, repaired: RepairedDocument) -> Report:
    """Records from a document and its repair (pure: no I/O)."""
    citations: list[Citation] = []
    indicators: list[Indicator] = []
    lists: list[AgencyList] = []
    dates: list[DateMention] = []
    enumerations: list[Enumeration] = []
    timelines: list[Timeline] = []
    breakdowns: list[Breakdown] = []
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
            citations.append(_citation(c, lambda a, b: _span(document, repaired, number, a, b), quote(c.start, c.end)))
        for d in find_dates(page.text):
            dates.append(
                DateMention(span=_span(document, repaired, number, d.start, d.end), text=d.text, date=d.date, quote=quote(d.start, d.end))
            )
        placed: dict[int, int] = {}  # index among the page's found indicators -> index in the report
        found_indicators = find_indicators(page.text)
        for k, i in enumerate(found_indicators):
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
        for b in find_breakdowns(page.text, found_indicators):
            if b.total in placed and all(p in placed for p in b.parts):
                breakdowns.append(
                    Breakdown(
                        span=_span(document, repaired, number, found_indicators[b.total].start, b.end),
                        total=placed[b.total],
                        parts=tuple(placed[p] for p in b.parts),
                        complete=b.complete,
                        connective=b.connective,
                    )
                )
        pending += [(number, a, quote(a.start, a.end)) for a in find_agency_lists(page.text)]
        last_page = number == len(repaired.pages)
        for e in find_enumerations(page.text):
            enumerations.append(_enumeration(e, page.text, lambda s, t: _span(document, repaired, number, s, t), quote, last_page))
        for t in find_timelines(page.text):
            timelines.append(
                Timeline(
                    span=_span(document, repaired, number, t.start, t.total_end),
                    total_text=t.total_text,
                    total_days=t.total_days,
                    total_span=_span(document, repaired, number, t.total_start, t.total_end),
                    quote=_cell_quote(page.text, t.phrase_start, t.total_start, t.total_end),
                    steps=tuple(
                        StepTime(marker=x.marker, time_text=x.time_text, days=x.days, span=_span(document, repaired, number, x.start, x.end))
                        for x in t.steps
                    ),
                )
            )
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
    last = len(repaired.pages)
    signer = find_signer(repaired.pages[-1].text) if repaired.pages else None
    # What OCR may have misread is marked uncertain (ocr_checks.py), and on a scan the header and
    # signature fields say how they were read (scan_meta.py).
    ocr_pages = {p.number for p in document.pages if p.method == "ocr"}
    indicators = mark_indicators(indicators, ocr_pages)
    citations = mark_citations(citations, ocr_pages, meta.date)
    own = next((c for c in citations if c.is_self), None)
    self_number = own.number if own else None
    readings = ()
    if 1 in ocr_pages:
        head = repaired.pages[0].text
        first = lambda a, b: _span(document, repaired, 1, a, b)  # noqa: E731
        readings = (number_reading(head, own, first), date_reading(head, meta, first), issuer_reading(head, meta, first))
    if last in ocr_pages:
        prepared = document.page(last).preparation
        recovered_from = prepared.recovered_from if prepared is not None else None
        readings += (signer_reading(signer, lambda a, b: _span(document, repaired, last, a, b), recovered_from),)
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
            readings=readings,
        ),
        citations=tuple(citations),
        indicators=tuple(indicators),
        agency_lists=tuple(lists),
        dates=tuple(dates),
        enumerations=tuple(enumerations),
        timelines=tuple(timelines),
        breakdowns=tuple(breakdowns),
    )


ITEM_TEXT = 160  # characters of an item kept on its record


def _cell_quote(text: str, start: int, value_start: int, value_end: int) -> Quote:
    """A table's cells read as one line ('Tổng thời gian giải quyết TTHC 10 ngày làm việc'): the
    sentence around a value in a table runs over its neighbours' cells."""
    raw = text[start:value_end]
    line = " ".join(raw.split())
    value = " ".join(text[value_start:value_end].split())
    return Quote(text=line, start=len(line) - len(value), end=len(line))


def _enumeration(e: FoundEnumeration, text: str, span, quote, last_page: bool) -> Enumeration:
    """The record of a found list. On a page that another follows, a list that runs to the page's
    end may go on overleaf: its stated count is not kept, since the page cannot check it."""
    stated = e.stated is not None and (last_page or text[e.end :].strip())
    items = tuple(
        ListItem(marker=i.marker, value=i.value, span=span(i.start, i.end), text=" ".join(text[i.start : i.end].split())[:ITEM_TEXT])
        for i in e.items
    )
    return Enumeration(
        style=e.style,
        span=span(e.start, e.end),
        items=items,
        gaps=e.gaps,
        stated=e.stated if stated else None,
        stated_span=span(e.stated_start, e.stated_end) if stated else None,
        stated_text=" ".join(text[e.stated_start : e.stated_end].split()) if stated else None,
        quote=quote(e.stated_start, e.stated_end) if stated else None,
        part_counts=e.part_counts,
    )


def _citation(c: FoundCitation, span, quote) -> Citation:
    return Citation(
        span=span(c.start, c.end),
        number_span=span(c.number_start, c.number_end),
        date_span=span(c.date.start, c.date.end) if c.date else None,
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
