"""What ingestion produces: a document, its pages, and spans that point into them."""

from __future__ import annotations

import bisect
import math
from typing import Literal

from pydantic import Field, model_validator

from .base import Record

DocumentKind = Literal["pdf-text", "pdf-scan", "pdf-mixed", "text", "docx", "odt", "doc", "rtf", "html", "image"]
"""How a document's text was obtained as a whole.

``pdf-text``: every page from the PDF text layer; ``pdf-scan``: every page by OCR;
``pdf-mixed``: some of each; ``text``: a plain-text or Markdown file; ``docx``, ``odt``, ``rtf``:
a word-processor file read from its structure; ``doc``: a legacy Word file converted to DOCX by
LibreOffice first; ``html``: a web page; ``image``: PNG, JPEG or TIFF pages, OCR'd.
"""

PageMethod = Literal["text-layer", "ocr", "plain", "markup"]
"""How one page's text was obtained (``markup``: from a DOCX, ODT, RTF or HTML file's structure)."""

PagePart = Literal["body", "header", "footer"]
"""Which part of a word-processor document a page holds: its headers and footers are pages of
their own, apart from the body they repeat around."""

MediaType = Literal[
    "application/pdf",
    "text/plain",
    "text/markdown",
    "text/html",
    "application/rtf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "image/png",
    "image/jpeg",
    "image/tiff",
]


class Span(Record):
    """A character range in one page of one document: the provenance every record carries.

    ``start``/``end`` are offsets into ``Page.text`` of page ``page`` (1-based) of the document
    whose ``Document.source`` is ``source``, half-open like Python slices. On an OCR'd page it
    also says how sure the OCR was of those characters and where they stand on the scan.
    """

    source: str = Field(description="Document.source of the document the span points into.")
    page: int = Field(ge=1, description="1-based page number.")
    start: int = Field(ge=0, description="Offset of the first character in Page.text.")
    end: int = Field(ge=0, description="Offset one past the last character in Page.text.")
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="OCR'd pages: the lowest Tesseract confidence of the words the span was read from; None where the text was not OCR'd.",
    )
    context_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "OCR'd pages: the lowest confidence of those words and the two either side: a seal or stamp over "
            "a line lowers the words around a misread figure, not always the figure."
        ),
    )
    box: tuple[float, float, float, float] | None = Field(
        default=None, description="OCR'd pages: (left, top, right, bottom) of those words on the page, in PDF points."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


CONTEXT_WORDS = 2  # words either side of a span whose confidence it carries (Span.context_confidence)


class Word(Record):
    """A word of an OCR'd page: where it stands in Page.text, how sure Tesseract was, and its box
    on the page (PDF points from the top-left corner), so evidence can show the scan beside it."""

    start: int = Field(ge=0, description="Offset of the word in Page.text.")
    end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0, description="Tesseract's word confidence.")
    box: tuple[float, float, float, float] = Field(description="(left, top, right, bottom) in PDF points.")


class PagePreparation(Record):
    """What was done to a scanned page's image before OCR (egov_extract/ingest/prepare.py). Word
    boxes are given on the page as it is in the PDF, whatever turn the image was given."""

    rotation: Literal[0, 90, 180, 270] = Field(
        default=0, description="Degrees the page image was turned clockwise so its text reads upright."
    )
    orientation_confidence: float | None = Field(
        default=None,
        description=(
            "Tesseract OSD's confidence in the turn it gave, when that turn was made: OSD is asked only about a "
            "page whose text lines run down the page, or whose first reading was poor (an upside-down page reads as noise)."
        ),
    )
    skew: float = Field(
        default=0.0, description="Slant of the text lines in degrees, counter-clockwise positive (rising to the right)."
    )
    deskewed: bool = Field(default=False, description="The image was turned back by its slant before OCR.")
    colour: bool = Field(default=False, description="Rendered in colour: the PDF page holds a colour image.")
    stamp_ink: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Share of the page's pixels that were red or blue seal or stamp ink, taken out by colour before OCR.",
    )
    recovered_regions: int = Field(
        default=0,
        ge=0,
        description=(
            "Patches of ink that the page reading left unread (a signature block under a seal, a stamp) and "
            "that gave lines of text when read again on their own."
        ),
    )
    recovered_from: int | None = Field(
        default=None,
        ge=0,
        description="Offset in Page.text where the lines read again from those patches begin (they follow the page text).",
    )


class Page(Record):
    """The text of one page and how it was obtained."""

    number: int = Field(ge=1, description="1-based page number.")
    text: str = Field(description="Page text, NFC-normalised, lines separated by '\\n'.")
    method: PageMethod
    ocr_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Mean Tesseract word confidence in [0, 1] when method is 'ocr'.",
    )
    text_coverage: float | None = Field(
        default=None,
        ge=0.0,
        description="PDF only: share of the page area covered by text-layer glyph boxes.",
    )
    image_coverage: float | None = Field(
        default=None,
        ge=0.0,
        description=(
            "PDF only: share of the page area covered by images; measured only when the text "
            "layer covers too little of the page to decide alone (None otherwise)."
        ),
    )
    width: float | None = Field(default=None, description="PDF only: page width in points.")
    height: float | None = Field(default=None, description="PDF only: page height in points.")
    words: tuple[Word, ...] = Field(default=(), description="OCR'd pages: every word with its offsets, confidence and box.")
    preparation: PagePreparation | None = Field(
        default=None, description="OCR'd pages: how the page image was prepared (turned, levelled, stamps taken out)."
    )
    reason: str | None = Field(
        default=None,
        description=(
            "PDF pages whose text layer was judged untrustworthy (old English-mode OCR, junk: few "
            "words in proper Vietnamese lines): which reading was used, text layer or OCR of the "
            "image, and why."
        ),
    )
    part: PagePart | None = Field(
        default=None,
        description="Word-processor files: 'body', or the document's 'header' or 'footer' text, kept apart.",
    )
    encoding: str | None = Field(
        default=None,
        description=(
            "Text files: the legacy encoding this page was read in, where it differs from "
            "Document.encoding (a file pasted together from two sources). PDF text-layer pages: "
            "the legacy encoding of the fonts whose runs were converted ('tcvn3' for .VnTime, "
            "'vni' for VNI-Times; several joined by '+'), None when the page had none."
        ),
    )
    byte_offsets: tuple[tuple[int, int], ...] | None = Field(
        default=None,
        description=(
            "Text files in a legacy encoding: where Page.text's characters are in the file's bytes, "
            "as (offset in Page.text, offset in the file) pairs at the page's first character and "
            "wherever a character does not follow its predecessor's single byte (VNI's two-byte "
            "letters, a dropped '\\r'); between pairs a character is one byte. The last pair maps "
            "the end of the text. See Page.byte_offset."
        ),
    )

    def byte_offset(self, offset: int) -> int | None:
        """The offset in the file's bytes of character `offset` of Page.text (len(text): the
        end of the page's bytes); None when the page has no byte map (Unicode text, PDF, OCR)."""
        if self.byte_offsets is None:
            return None
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} is outside page {self.number} ({len(self.text)} characters)")
        at, byte = self.byte_offsets[max(bisect.bisect_right(self.byte_offsets, (offset, math.inf)) - 1, 0)]
        return byte + offset - at

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        """The OCR'd words that overlap [start, end) of the page text."""
        return tuple(w for w in self.words if w.start < end and start < w.end)

    def span(self, source: str, start: int, end: int) -> Span:
        """A span of this page, with the OCR confidence and box of its words when it was OCR'd."""
        inside = [k for k, w in enumerate(self.words) if w.start < end and start < w.end] if self.words else []
        if not inside:
            return Span(source=source, page=self.number, start=start, end=end)
        words = self.words[inside[0] : inside[-1] + 1]
        context = self.words[max(0, inside[0] - CONTEXT_WORDS) : inside[-1] + 1 + CONTEXT_WORDS]
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words), max(w.box[2] for w in words), max(w.box[3] for w in words))
        return Span(
            source=source,
            page=self.number,
            start=start,
            end=end,
            confidence=min(w.confidence for w in words),
            context_confidence=min(w.confidence for w in context),
            box=box,
        )


class PageError(Record):
    """A page that could not be read; the rest of the document still is."""

    page: int = Field(ge=1)
    code: str = Field(description="Machine-readable cause, e.g. 'ocr-failed'.")
    message: str


class Document(Record):
    """An ingested file: its identity, its kind and its pages."""

    source: str = Field(description="Path of the file as given, or '<stdin>'.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes.")
    size_bytes: int = Field(ge=0)
    media_type: MediaType
    kind: DocumentKind
    encoding: str | None = Field(
        default=None,
        description=(
            "Text files: the encoding the file was read in ('utf-8', 'utf-16', or a legacy one: "
            "'tcvn3', 'vni', 'viqr', 'viscii', 'vps', 'cp1258'; 'unknown' when no encoding reads as "
            "Vietnamese: the text is then Windows-1252 as shown, flagged per page and never "
            "repaired). PDFs: the legacy encodings of their pages' fonts, joined by '+', when any page had one."
        ),
    )
    pages: tuple[Page, ...]
    errors: tuple[PageError, ...] = ()

    @model_validator(mode="after")
    def _numbered(self) -> Document:
        numbers = [p.number for p in self.pages]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"pages must be numbered 1..n in order, got {numbers}")
        return self

    @property
    def text(self) -> str:
        """All pages joined with form feeds, the inverse of how text files are split."""
        return "\f".join(p.text for p in self.pages)

    def page(self, number: int) -> Page:
        """Page by its 1-based number."""
        if not 1 <= number <= len(self.pages):
            raise IndexError(f"{self.source} has no page {number} (it has {len(self.pages)})")
        return self.pages[number - 1]

    def quote(self, span: Span) -> str:
        """The text a span points to."""
        if span.source != self.source:
            raise ValueError(f"span points into {span.source!r}, not {self.source!r}")
        return self.page(span.page).text[span.start : span.end]
