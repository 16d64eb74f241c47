"""Plain-text and Markdown files: detect the encoding, split pages on form feeds.

Legacy Vietnamese files come in UTF-8, UTF-16 (Windows 'Unicode') and Windows-1258, whose
tone marks are combining characters; everything ends up NFC so that later stages see one
spelling per syllable.
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import UndecodableTextError

# C0 controls other than tab, newline, carriage return and form feed do not occur in text.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_MAX_CONTROL_SHARE = 0.001


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
    candidates: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.append("utf-16")
    else:
        utf16 = _utf16_without_bom(data)
        if utf16:
            candidates.append(utf16)
        candidates += ["utf-8", "cp1258"]
    tried = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            tried.append(f"{encoding} (byte {exc.start}: {exc.reason})")
            continue
        if _control_share(text) > _MAX_CONTROL_SHARE or "\x00" in text:
            tried.append(f"{encoding} (decodes to control characters: binary data?)")
            continue
        return unicodedata.normalize("NFC", text), encoding.replace("-sig", "")
    raise UndecodableTextError(
        source, "not decodable as UTF-8, UTF-16 or Windows-1258; tried " + ", ".join(tried)
    )


def split_pages(text: str) -> list[str]:
    """Pages are separated by form feeds; line endings become '\\n'."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a trailing form feed closes the last page, it does not open a new one
    return pages
