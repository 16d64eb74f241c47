"""Plain-text and Markdown files: detect the encoding, split pages on form feeds.

Vietnamese files come in UTF-8, UTF-16 (Windows 'Unicode') and the pre-Unicode encodings
(TCVN3, VNI, VIQR, VISCII, VPS, Windows-1258 with precomposed or combining tones: see
`legacy` and `encodings`); everything ends up NFC so that later stages see one spelling per
syllable. A legacy file is judged as a whole, and page by page where a page reads better in
another encoding; its pages keep the byte offset of each character.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from ..datamodel import Document, Page, PageError
from ..errors import UndecodableTextError
from . import encodings as _encodings
from . import legacy as _legacy

# C0 controls other than tab, newline, carriage return and form feed do not occur in text.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_MAX_CONTROL_SHARE = 0.001
_BINARY = (
    "not decodable as UTF-8, UTF-16 or a Vietnamese legacy encoding (TCVN3, VNI, VIQR, VISCII, VPS, "
    "Windows-1258): it decodes to control characters, binary data?"
)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    return bad / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) // 2)
    odd_nul = data[1::2].count(0) / (len(data) // 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name); raise UndecodableTextError when no encoding fits."""
    reading = read_text(data, source)
    return "\f".join(p.text for p in reading.pages) if reading.legacy else reading.text, reading.encoding


def _decode_unicode(data: bytes, source: str) -> tuple[str, str] | None:
    """UTF-8 (BOM or not) or UTF-16 (BOM, or NULs every other byte): (NFC text, name), or None."""
    candidates: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.append("utf-16")
    else:
        utf16 = _utf16_without_bom(data)
        if utf16:
            candidates.append(utf16)
        candidates.append("utf-8")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > _MAX_CONTROL_SHARE or "\x00" in text:
            if encoding != "utf-8":
                raise UndecodableTextError(source, f"{_BINARY} (read as {encoding})")
            return None
        return unicodedata.normalize("NFC", text), encoding.replace("-sig", "")
    return None


@dataclass(frozen=True)
class TextPage:
    text: str
    encoding: str | None  # legacy files: the page's encoding
    byte_offsets: tuple[tuple[int, int], ...] | None  # legacy files: see Page.byte_offsets


@dataclass(frozen=True)
class TextReading:
    """A text file decoded: its encoding, and its pages (Unicode files: `text`, split later)."""

    encoding: str
    text: str
    pages: tuple[TextPage, ...] = ()
    invalid_bytes: int = 0  # UTF-8 with a few broken sequences: how many were replaced by U+FFFD

    @property
    def legacy(self) -> bool:
        return bool(self.pages)


def read_text(data: bytes, source: str, encoding: str | None = None) -> TextReading:
    """Decode a text file: Unicode when it is, else the legacy encoding that reads as Vietnamese
    ('unknown' when none does: the Windows-1252 reading, to be flagged and left unrepaired).
    `encoding` forces one (a name `legacy.canonical_name` knows). Raises UndecodableTextError for
    binary data and for bytes the forced encoding cannot decode."""
    if encoding is not None:
        return _forced(data, source, encoding)
    unicode = _decode_unicode(data, source)
    if unicode is not None and (unicode[1] != "utf-8" or not data.isascii()):
        return TextReading(unicode[1], unicode[0])
    if unicode is None:
        mended = _mostly_utf8(data)
        if mended is not None:
            return mended
    found, _ = _encodings.detect(data)
    if found == "ascii":
        if unicode is None:
            raise UndecodableTextError(source, _BINARY)
        return TextReading(unicode[1], unicode[0])  # ASCII that is not VIQR: UTF-8 as ever
    return _legacy_pages(data, source, found, per_page=found != _encodings.UNKNOWN)


# UTF-8 with a few broken sequences (a file cut and pasted together, a stray Windows-1252 quote)
# is UTF-8 still, when the broken ones are at most this share of its multi-byte characters and the
# rest reads as Vietnamese: the bytes become U+FFFD and the pages holding them are flagged.
MAX_INVALID_UTF8_SHARE = 0.01


def _mostly_utf8(data: bytes) -> TextReading | None:
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F)
    if invalid <= 0 or invalid > MAX_INVALID_UTF8_SHARE * multibyte:
        return None
    if not _encodings.reads_as_vietnamese(_encodings.score_text(_encodings.sample(data).decode("utf-8", "replace"), "utf-8")):
        return None
    return TextReading("utf-8", unicodedata.normalize("NFC", text), invalid_bytes=invalid)


def _forced(data: bytes, source: str, name: str) -> TextReading:
    encoding = _legacy.canonical_name(name)
    if encoding is None:
        known = "utf-8, utf-16, " + ", ".join(_legacy.LEGACY_ENCODINGS)
        raise UndecodableTextError(source, f"unknown encoding {name!r}: use one of {known}")
    if encoding.startswith("utf"):
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError as exc:
            raise UndecodableTextError(source, f"not {encoding} as asked: byte {exc.start}: {exc.reason}") from exc
        return TextReading(encoding, unicodedata.normalize("NFC", text))
    return _legacy_pages(data, source, encoding, per_page=False)


def _legacy_pages(data: bytes, source: str, encoding: str, per_page: bool) -> TextReading:
    pages: list[TextPage] = []
    start = 0
    chunks = data.split(b"\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()  # a trailing form feed closes the last page
    per_page = per_page and len(chunks) > 1
    for chunk in chunks:
        own = (_encodings.page_differs(chunk, encoding) if per_page else None) or encoding
        decoded = _legacy.decode(chunk, "cp1252") if own == _encodings.UNKNOWN else _encodings.decode_as(chunk, own)
        text, offsets = _newlines(decoded.text, decoded.offsets)
        if _control_share(text) > _MAX_CONTROL_SHARE or "\x00" in text:
            raise UndecodableTextError(source, f"{_BINARY} (read as {own})")
        pages.append(TextPage(text, own, anchors([start + o for o in offsets], start + len(chunk))))
        start += len(chunk) + 1
    return TextReading(encoding, "", tuple(pages))


def _newlines(text: str, offsets: tuple[int, ...]) -> tuple[str, list[int]]:
    """'\r\n' and '\r' become '\n', offsets following."""
    if "\r" not in text:
        return text, list(offsets)
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        out.append("\n" if ch == "\r" else ch)
        index.append(offsets[i])
        i += 2 if text.startswith("\r\n", i) else 1
    return "".join(out), index


def anchors(offsets: list[int], end: int) -> tuple[tuple[int, int], ...]:
    """Byte offsets of each character, compressed: (text offset, byte offset) at the first
    character and wherever a character does not follow its predecessor's single byte; the last
    pair maps the end of the text to the end of its bytes."""
    pairs: list[tuple[int, int]] = []
    previous = None
    for i, b in enumerate(offsets):
        if previous is None or b != previous + 1:
            pairs.append((i, b))
        previous = b
    if not offsets or end != previous + 1:
        pairs.append((len(offsets), end))
    return tuple(pairs)


def split_pages(text: str) -> list[str]:
    """Pages are separated by form feeds; line endings become '\\n'."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a trailing form feed closes the last page, it does not open a new one
    return pages


def text_document(data: bytes, source: str, digest: str, encoding: str | None = None, media_type: str = "text/plain") -> Document:
    """A text file as a Document: its pages, encoding, byte offsets (legacy files) and the pages
    flagged unknown-encoding or invalid-utf8."""
    reading = read_text(data, source, encoding)
    errors: list[PageError] = []
    if reading.legacy:
        pages = []
        for i, page in enumerate(reading.pages, 1):
            pages.append(
                Page(
                    number=i,
                    text=page.text,
                    method="plain",
                    encoding=page.encoding if page.encoding != reading.encoding else None,
                    byte_offsets=page.byte_offsets,
                )
            )
            if page.encoding == _encodings.UNKNOWN:
                errors.append(
                    PageError(
                        page=i,
                        code="unknown-encoding",
                        message=(
                            "no encoding reads this page as Vietnamese (UTF-8, UTF-16, TCVN3, VNI, VIQR, "
                            "VISCII, VPS, Windows-1258 tried): kept as Windows-1252 shows it and not "
                            "repaired; give the encoding with --encoding if it is Vietnamese"
                        ),
                    )
                )
        pages = tuple(pages)
    else:
        pages = tuple(
            Page(number=i, text=page, method="plain") for i, page in enumerate(split_pages(reading.text), 1)
        )
        if reading.invalid_bytes:
            errors += [
                PageError(
                    page=p.number,
                    code="invalid-utf8",
                    message=f"the file is UTF-8 but for {reading.invalid_bytes} broken byte sequence(s), shown as U+FFFD on this page",
                )
                for p in pages
                if "\ufffd" in p.text
            ]
    return Document(
        source=source,
        sha256=digest,
        size_bytes=len(data),
        media_type=media_type,
        kind="text",
        encoding=reading.encoding,
        pages=pages,
        errors=tuple(errors),
    )
