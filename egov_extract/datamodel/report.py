"""What extraction produces: typed records with provenance, gathered in a Report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, model_validator

from .base import Record
from .document import Span


class Quote(Record):
    """The sentence a record stands in, so a finding reads without the source at hand.

    `text` is the sentence after repair and `start`/`end` the record within it; for a garbled
    source `original` is the same sentence as ingested, with the record at `original_start`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    original: str | None = Field(default=None, description="The sentence as ingested, when repair changed it.")
    original_start: int | None = Field(default=None, ge=0)
    original_end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _original_comes_whole(self) -> "Quote":
        """The original sentence and the record's place in it come together or not at all."""
        if (self.original is None) != (self.original_start is None) or (self.original is None) != (self.original_end is None):
            raise ValueError("original, original_start and original_end are set together")
        return self


def _doubt_fields(record):
    """`uncertain` and its reason come together."""
    if record.uncertain != (record.uncertain_reason is not None):
        raise ValueError("uncertain and uncertain_reason are set together")
    return record


UNCERTAIN = "The value may be misread by OCR: never treat it as certain (uncertain_reason says why)."
UNCERTAIN_REASON = "Why it may be misread: low confidence, a format the document does not use, an unknown code, a year after the document's date."


class Citation(Record):
    """A reference to a legal or administrative document, as written and in canonical form."""

    span: Span = Field(description="Where the citation is, in the page text as ingested.")
    text: str = Field(description="The cited text as it reads after repair.")
    quote: Quote
    number: str = Field(description="Canonical number: '1407/QĐ-UBND', '63/2024/NĐ-CP', '57-NQ/TW'.")
    number_as_written: str = Field(description="The number exactly as it stands in the (repaired) text.")
    serial: int = Field(description="The running number: 1407.")
    year: int | None = Field(default=None, description="Year inside the number (63/2024/NĐ-CP) or of the date.")
    type_code: str | None = Field(default=None, description="Type abbreviation: 'QĐ', 'NQ', 'KH'; None for công văn.")
    issuer_code: str | None = Field(default=None, description="Issuer part of the number: 'UBND', 'CP', 'TW'.")
    doc_type: str | None = Field(default=None, description="Document type in words: 'Quyết định'.")
    date: dt.date | None = None
    date_text: str | None = Field(default=None, description="The date as written.")
    issuer: str | None = Field(default=None, description="Issuer in words when given ('của Ủy ban nhân dân tỉnh').")
    subject: str | None = Field(default=None, description="What follows 'về' or 'V/v'.")
    is_self: bool = Field(default=False, description="This is the report's own number ('Số: 413/BC-SKHCN').")
    number_span: Span | None = Field(default=None, description="Where the number itself is printed.")
    date_span: Span | None = Field(default=None, description="Where its date is printed, when it has one.")
    uncertain: bool = Field(default=False, description=UNCERTAIN)
    uncertain_reason: str | None = Field(default=None, description=UNCERTAIN_REASON)

    _doubt = model_validator(mode="after")(_doubt_fields)


# Decimal keeps '85,7' exact; a fixed schema keeps the generated file the same across pydantic versions.
ExactNumber = Annotated[
    Decimal,
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "Exact decimal, '.' as decimal mark."}),
]


class Indicator(Record):
    """A numeric statement, kept as written ('85,7%') with its value and what it is about."""

    span: Span
    kind: Literal["ratio", "percent", "count", "money", "score", "rank", "change"]
    text: str = Field(description="The statement as it reads after repair: '11/14 cơ quan', '85,7%'.")
    quote: Quote
    value: ExactNumber = Field(description="The first number's value: 11 for '11/14', 85.7 for '85,7%'.")
    numbers: tuple[str, ...] = Field(description="Every number as written: ('11', '14').")
    decimals: int = Field(description="Digits after the decimal comma of the first number, as printed.")
    unit: str | None = None
    label: str = Field(description="The words before the number that say what it measures.")
    period: str | None = Field(default=None, description="The period or as-of date stated before it.")
    direction: Literal["tăng", "giảm"] | None = None
    states_ratio: int | None = Field(
        default=None, description="For a percentage: index in Report.indicators of the ratio it states."
    )
    uncertain: bool = Field(default=False, description=UNCERTAIN)
    uncertain_reason: str | None = Field(default=None, description=UNCERTAIN_REASON)

    _doubt = model_validator(mode="after")(_doubt_fields)


class AgencyItem(Record):
    number: int | None = Field(default=None, description="Its number in the list: (3) -> 3.")
    name: str = Field(description="As it reads after repair.")
    key: str = Field(description="Comparison key: no diacritics, abbreviations spelled out.")
    count: int | None = Field(default=None, description="Compositions: how many ('14 sở, ngành tỉnh' -> 14).")


class AgencyList(Record):
    """An enumeration of agencies (a footnote, usually) or a composition 'N X gồm: ...'."""

    span: Span
    kind: Literal["enumeration", "composition"]
    quote: Quote
    items: tuple[AgencyItem, ...]
    marker: str | None = Field(default=None, description="The footnote number the list stands under.")
    total: int | None = Field(default=None, description="Compositions: the stated total.")
    unit: str | None = None
    statement: int | None = Field(
        default=None, description="Index in Report.indicators of the statement carrying the same footnote marker."
    )


EnumerationStyle = Literal[
    "paren-number", "number-dot", "number-paren", "letter", "roman", "article", "step", "row", "bullet", "sections", "inline"
]


class ListItem(Record):
    """One item of an enumeration: its marker as printed and where it stands."""

    marker: str = Field(description="As printed: '(3)', 'b)', 'Điều 12', '7' (a table row's number), '-'.")
    value: int = Field(description="Its number in the list (a letter's place in the alphabet, a bullet's rank).")
    span: Span
    text: str = Field(description="The item's first words as read (at most 160 characters).")


class Enumeration(Record):
    """A list the text numbers or bullets, a run of articles or steps, the rows of a flattened table
    under a counted heading, or counted headings under a parent heading ('sections'); with the
    count the text states for it, when it states one ('gồm 03 bước như sau:', '(07 TTHC)')."""

    style: EnumerationStyle
    span: Span
    items: tuple[ListItem, ...]
    gaps: tuple[int, ...] = Field(default=(), description="Numbers missing inside the run ('1., 2., 4.' -> (3,)).")
    stated: int | None = Field(default=None, description="The count the text gives the list.")
    stated_span: Span | None = None
    stated_text: str | None = Field(default=None, description="The count as printed: '03 bước', '07 TTHC'.")
    quote: Quote | None = Field(default=None, description="The sentence or heading that states the count.")
    part_counts: tuple[int, ...] = Field(
        default=(), description="'sections': the counts of the headings it is made of, in order."
    )


class Breakdown(Record):
    """A total and the parts its sentence splits it into ('64 đơn vị hành chính cấp xã, gồm 55 xã
    và 09 phường'), as indexes in Report.indicators."""

    span: Span = Field(description="From the total to the end of its parts.")
    total: int = Field(description="Index in Report.indicators of the total.")
    parts: tuple[int, ...] = Field(description="Indexes in Report.indicators of the parts, in order.")
    complete: bool = Field(description="'gồm' or labelled parts: they must add up; 'trong đó': they may overlap or leave some out.")
    connective: str = Field(description="What introduces the parts: 'gồm', 'bao gồm', 'trong đó', '(' (labelled parts).")


class StepTime(Record):
    """One step of a procedure and its time ('B2', '1/4 ngày + 1,5 ngày + 1/4 ngày')."""

    marker: str = Field(description="The step as printed: 'Bước 2', 'B2'.")
    time_text: str = Field(description="Its time cells as printed, joined with ' + ' when the step has several.")
    days: ExactNumber = Field(description="Working days (an hour is an eighth of one).")
    span: Span


class Timeline(Record):
    """A procedure's steps with their times, and the total time the text states for them
    ('Tổng thời gian giải quyết TTHC: 10 ngày làm việc')."""

    span: Span = Field(description="From the first step to the total.")
    total_text: str = Field(description="The total as printed: '10 ngày làm việc'.")
    total_days: ExactNumber
    total_span: Span
    quote: Quote = Field(description="The total's line.")
    steps: tuple[StepTime, ...]


class DateMention(Record):
    """A date as written anywhere in the text; `date` is None when it cannot exist (31/02/2025)."""

    span: Span
    text: str
    date: dt.date | None
    quote: Quote


MetaField = Literal["number", "date", "issuer", "signer"]
ReadingStatus = Literal["read", "uncertain", "unreadable", "absent"]


class FieldReading(Record):
    """How one header or signature field of a scanned document was read.

    ``read``: found, and read with confidence; ``uncertain``: read, but with low confidence or
    against what the rest of the document says; ``unreadable``: the field is there (the 'Số:'
    line, 'ngày … tháng … năm', the signing position) but its value is not legible, as when it is
    written in by hand or under a seal; ``absent``: not found on the page."""

    field: MetaField
    status: ReadingStatus
    confidence: float | None = Field(default=None, ge=0.0, le=1.0, description="Lowest OCR confidence of the words it was read from.")
    as_read: str | None = Field(default=None, description="The field's text as OCR read it.")
    reason: str | None = Field(default=None, description="Why it is not 'read'.")
    span: Span | None = None


class ReportMeta(Record):
    """Who issued the report, its number, place, date and title."""

    issuer: str | None = None
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    doc_type: str | None = None
    title: str | None = None
    period: str | None = Field(default=None, description="The period the report covers, from its title: 'quý I năm 2025'.")
    signer: str | None = Field(default=None, description="Who signed, when the name is printed: 'Lê Quốc Cường'.")
    signer_title: str | None = Field(default=None, description="The signing position: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC'.")
    span: Span | None = None
    date_span: Span | None = Field(default=None, description="The date as printed in the header ('ngày 21 tháng 11 năm 2025').")
    signer_span: Span | None = Field(default=None, description="The signature block (position and name).")
    readings: tuple[FieldReading, ...] = Field(
        default=(),
        description="Scanned documents: how the number, date, issuer and signer were read, with confidence and, when not read, why.",
    )

    def reading(self, field: str) -> FieldReading | None:
        """The reading of one field ('number', 'date', 'issuer', 'signer'), when the page was OCR'd."""
        return next((r for r in self.readings if r.field == field), None)


class Report(Record):
    """Everything extracted from one document."""

    source: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    meta: ReportMeta
    citations: tuple[Citation, ...]
    indicators: tuple[Indicator, ...] = ()
    agency_lists: tuple[AgencyList, ...] = ()
    dates: tuple[DateMention, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    timelines: tuple[Timeline, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
