"""PDF text layers drawn in pre-Unicode Vietnamese fonts: convert them, run by run of font.

A PDF made from a .VnTime (TCVN3) or VNI-Times document carries the legacy codes: PDFium reads
them through the font's Windows encoding, so 'Sở Nội vụ' comes out 'Së Néi vô' (TCVN3) or
'Sôû Noäi vuï' (VNI). The glyphs' font names say which encoding each run is in ('.VnTime',
'.VnTimeH' for capitals, 'VNI-Times', 'VPS Times'); a run is turned back into its bytes
through Windows-1252 and decoded (`legacy`). A page whose fonts carry no such name but whose
text reads as Vietnamese only once converted (a font renamed on embedding) is converted whole,
when detection is sure.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from ..repair.syllables import is_valid
from . import encodings, legacy
from .pdftext import clean_text

# Font names (after a subset tag 'ABCDEF+') of the legacy font families.
_FONT_FAMILIES = (
    (regex.compile(r"^\.?Vn[A-Z]"), "tcvn3"),
    (regex.compile(r"^VNI[-_ ]", regex.IGNORECASE), "vni"),
    (regex.compile(r"^VPS[-_ ]?", regex.IGNORECASE), "vps"),
    (regex.compile(r"VISCII", regex.IGNORECASE), "viscii"),
)
# '.VnTimeH', '.VnArialH,Bold': the upper-case TCVN3 fonts draw every letter as a capital.
_UPPER_FONT = regex.compile(r"^\.?Vn\w*H(?:[,-].*)?$")
_SUBSET = regex.compile(r"^[A-Z]{6}\+")
# A page is worth a look (its fonts' names read, about 2 us a character) only when its text has
# a Latin-1 character that is not a Vietnamese letter nor signs Unicode documents use
# (° ± ² ³ ×): what TCVN3 and VNI codes come out as ('©' for â, '¸' for á, 'ø' and 'ï' marks).
_SUSPECT = regex.compile(r"[\u00a1-\u00ff--[àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ°±²³×]]", regex.V1)
SUSPECT_MIN = 1


@dataclass(frozen=True)
class FontFamily:
    encoding: str
    upper: bool


@lru_cache(maxsize=256)
def font_family(name: str) -> FontFamily | None:
    """The legacy encoding a font name stands for ('ABCDEF+.VnTimeH,Bold' -> tcvn3, upper)."""
    name = _SUBSET.sub("", name.strip())
    for pattern, encoding in _FONT_FAMILIES:
        if pattern.search(name):
            return FontFamily(encoding, encoding == "tcvn3" and bool(_UPPER_FONT.match(name)))
    return None


def _font_names(textpage: pdfium.PdfTextPage, count: int) -> list[str]:
    raw = textpage.raw
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    names: list[str] = []
    last_name = ""
    for i in range(count):
        n = pdfium_c.FPDFText_GetFontInfo(raw, i, buffer, len(buffer), ctypes.byref(flags))
        last_name = buffer.raw[: max(n - 1, 0)].decode("utf-8", "replace") if n else last_name
        names.append(last_name if n else "")
    return names


# PDFium marks a hyphen that ends a line U+FFFE (older builds U+0002) and joins the lines; it
# takes byte 0xAD, TCVN3's 'ư', for a soft hyphen, so 'tư' ending a line comes out 't' U+FFFE.
# In a TCVN3 run the mark is 'ư' where it ends a syllable ('tư', 'như'), a hyphen elsewhere
# ('TT-' of 'TT-BKHCN'); either way the line break comes back.
_LINE_END_HYPHEN = regex.compile(r"[\ufffe\x02]")
_WORD_BEFORE = regex.compile(r"[^\s\d.,;:!?()\[\]/-]+$")


def _line_end_hyphens(run: str, family: FontFamily) -> str:
    def mark(m: regex.Match) -> str:
        if family.encoding == "tcvn3":
            before = _WORD_BEFORE.search(run, 0, m.start())
            if before is not None:
                data = _to_bytes(before.group() + "\xad")
                if data is not None and is_valid(legacy.decode(data, "tcvn3").text):
                    return "\xad\n"
        return "-\n"

    return _LINE_END_HYPHEN.sub(mark, run)


def _to_bytes(run: str) -> bytes | None:
    """The legacy bytes behind a run PDFium read through Windows-1252; None if it holds real Unicode."""
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def _convert(run: str, family: FontFamily) -> str:
    data = _to_bytes(_line_end_hyphens(run, family))
    if data is None:
        return run
    text = encodings.decode_as(data, family.encoding).text
    text = text.upper() if family.upper else text
    return text if encodings.legacy_reading_wins(run, text) else run


@dataclass(frozen=True)
class Converted:
    text: str  # the page text, cleaned like PageScan.text
    encoding: str  # 'tcvn3', 'vni', or several joined by '+'


def convert_page(page: pdfium.PdfPage, text: str, forced: str | None = None) -> Converted | None:
    """The page's text with its legacy-font runs converted, or None when it has none.

    `text` is the page's text as read (PageScan.text); `forced` converts every run from that
    legacy encoding, whatever its font (the --encoding override)."""
    if forced is None and len(_SUSPECT.findall(text)) < SUSPECT_MIN:
        return None
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        count = pdfium_c.FPDFText_CountChars(textpage.raw)
        names = _font_names(textpage, count) if forced is None else []
    finally:
        textpage.close()
    if forced is not None:
        family = FontFamily(forced, False)
        return Converted(clean_text(_convert(raw, family)), forced)
    families = [font_family(n) if n else None for n in names]
    families += [None] * (len(raw) - len(families))
    for i in range(1, len(families)):
        if not names[i:i + 1] or not names[i]:
            if raw[i] in " \r\n\t":
                families[i] = families[i - 1]  # the spaces and line breaks PDFium adds have no font
    if any(families):
        out: list[str] = []
        used: set[str] = set()
        i = 0
        while i < len(raw):
            family = families[i]
            j = i + 1
            while j < len(raw) and families[j] == family:
                j += 1
            if family is None:
                out.append(raw[i:j])
            else:
                converted = _convert(raw[i:j], family)
                out.append(converted)
                if converted != raw[i:j]:
                    used.add(family.encoding)
            i = j
        if not used:
            return None  # legacy font names over Unicode text (or ASCII only): nothing converted
        text = "".join(out)
        if "tcvn3" in used:  # a heading split between .VnTime and .VnTimeH runs ('VỀ' / 'VIỆC CÔNG BỐ')
            text = encodings.restore_capitals(text.replace("\r\n", "\n"), encodings.NO_TCVN3_CAPITAL)
        return Converted(clean_text(text), "+".join(sorted(used)))
    # No legacy font name: convert the whole page only when a legacy reading is clearly Vietnamese
    # and the text as read is not.
    data = _to_bytes(raw)
    if data is None:
        return None
    as_read = encodings.score_text(text, "unicode")
    if encodings.reads_as_vietnamese(as_read):
        return None
    found, score = encodings.detect(data)
    if found in (encodings.UNKNOWN, "ascii", "viqr") or score is None or score.words < encodings.PAGE_MIN_WORDS:
        return None
    return Converted(clean_text(encodings.decode_as(data, found).text), found)


__all__ = ["Converted", "FontFamily", "convert_page", "font_family"]
