"""RTF documents: a small reader of the RTF 1.9 syntax, enough for the text of a document.

Control words and groups are followed; `\\'hh` bytes are decoded in the document's code page
(`\\ansicpg`, e.g. 1258 or 1252), in a font's own character set (`\\fcharset163`: Vietnamese)
or, in a run whose font is a .VnTime or VNI-Times one (the font table names it), in that legacy
encoding; `\\uN` escapes are Unicode, the `\\ucN` replacement characters after them skipped.
Destinations that are not text (font and colour tables, styles, document info, pictures,
objects, field instructions) are skipped; headers and footers are kept apart; footnotes come
after the body with their number. `\\par` and `\\line` end a line, `\\page` a page, `\\cell` and
`\\row` make table rows (cells joined by ' | ').
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from ..errors import CorruptDocumentError
from . import encodings, legacy
from .office import CELL_SEPARATOR, Parts
from .pdffonts import FontFamily, font_family

_TOKEN = regex.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([\r\n]+)|([^\\{}\r\n]+)")
_SKIPPED = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"fldinst", b"themedata", b"colorschememapping",
    b"latentstyles", b"datastore", b"xmlnstbl", b"listtable", b"listoverridetable", b"rsidtbl", b"generator",
    b"filetbl", b"revtbl", b"pgdsctbl", b"bkmkstart", b"bkmkend", b"shppict", b"nonshppict", b"blipuid", b"mmathPr",
    b"wgrffmtfilter", b"fchars", b"lchars", b"pnseclvl", b"listtext", b"docvar", b"userprops", b"operator", b"author",
}
_PARTS = {b"header": "header", b"headerl": "header", b"headerr": "header", b"headerf": "header",
          b"footer": "footer", b"footerl": "footer", b"footerr": "footer", b"footerf": "footer", b"footnote": "note"}


# RTF \fcharset numbers (Windows character sets) -> code page; 0 (ANSI) is the document's \ansicpg.
_CHARSET_CODEPAGES = {
    163: "cp1258", 238: "cp1250", 204: "cp1251", 161: "cp1253", 162: "cp1254", 177: "cp1255",
    178: "cp1256", 186: "cp1257", 222: "cp874", 128: "cp932", 134: "gbk", 136: "cp950", 129: "cp949",
}


@dataclass
class _State:
    skip: bool = False
    font: int | None = None
    uc: int = 1
    part: str = "body"
    in_fonttbl: bool = False


@dataclass
class _Reader:
    source: str
    codepage: str = "cp1252"
    fonts: dict[int, str] = field(default_factory=dict)
    parts: Parts = field(default_factory=Parts)
    notes: list[str] = field(default_factory=list)
    note_pages: list[int] = field(default_factory=list)  # the body page each footnote is referenced on
    pending: bytearray = field(default_factory=bytearray)
    pending_family: FontFamily | None = None
    charsets: dict[int, int] = field(default_factory=dict)  # font number -> \fcharset
    pending_codepage: str | None = None  # a font's own code page (\fcharset163: Windows-1258)
    out: dict[str, list[str]] = field(default_factory=lambda: {"body": [], "header": [], "footer": [], "note": []})

    def flush(self, part: str) -> None:
        if not self.pending:
            return
        data = bytes(self.pending)
        self.pending.clear()
        family = self.pending_family
        if family is not None:
            self.parts.encodings.add(family.encoding)
            text = encodings.decode_as(data, family.encoding).text
            text = text.upper() if family.upper else text
        else:
            codepage = self.pending_codepage or self.codepage
            if codepage == "cp1258":
                text = legacy.decode(data, "cp1258").text
            else:
                text = data.decode(codepage, errors="replace")
        self.out[part].append(text)

    def emit(self, part: str, text: str) -> None:
        self.flush(part)
        self.out[part].append(text)


def read_rtf(data: bytes, source: str) -> Parts:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise CorruptDocumentError(source, "not an RTF document (no {\\rtf header)")
    reader = _Reader(source)
    stack: list[_State] = []
    state = _State()
    skip_chars = 0
    font_name: list[bytes] = []
    font_number: int | None = None
    depth_error = False
    for m in _TOKEN.finditer(data):
        word, arg, hexbyte, symbol, brace, newline, text = m.groups()
        if brace == b"{":
            stack.append(state)
            state = _State(state.skip, state.font, state.uc, state.part, state.in_fonttbl)
            continue
        if brace == b"}":
            reader.flush(state.part)
            if state.in_fonttbl and font_number is not None and font_name:
                reader.fonts.setdefault(font_number, b"".join(font_name).decode("latin-1").strip().rstrip(";"))
            if not stack:
                depth_error = True
                break
            previous, state = state, stack.pop()
            if previous.part == "note" and state.part != "note":
                note = "".join(reader.out["note"]).strip()
                reader.out["note"].clear()
                if note:
                    reader.notes.append(note)
            if state.in_fonttbl and not previous.in_fonttbl:
                pass
            if previous.in_fonttbl and state.in_fonttbl:
                font_name, font_number = [], None
            continue
        if skip_chars and (hexbyte or text or symbol):
            if text:
                if len(text) > skip_chars:
                    text = text[skip_chars:]
                    skip_chars = 0
                else:
                    skip_chars -= len(text)
                    continue
            else:
                skip_chars -= 1
                continue
        if word is not None:
            name = word
            if name in (b"fonttbl",):
                state.in_fonttbl = True
                state.skip = True
                continue
            if state.in_fonttbl:
                if name == b"f" and arg is not None:
                    font_number, font_name = int(arg), []
                elif name == b"fcharset" and arg is not None and font_number is not None:
                    reader.charsets[font_number] = int(arg)
                continue
            if name in _SKIPPED:
                state.skip = True
                continue
            if name in _PARTS:
                reader.flush(state.part)
                state.part = _PARTS[name]
                continue
            if name == b"ansicpg" and arg:
                reader.codepage = "cp1258" if arg == b"1258" else f"cp{int(arg)}"
                try:
                    b"".decode(reader.codepage)
                except LookupError:
                    reader.codepage = "cp1252"
                continue
            if state.skip:
                continue
            if name == b"f" and arg is not None:
                reader.flush(state.part)
                state.font = int(arg)
                continue
            if name == b"uc" and arg is not None:
                state.uc = int(arg)
                continue
            if name == b"u" and arg is not None:
                code = int(arg)
                reader.emit(state.part, chr(code + 65536 if code < 0 else code))
                skip_chars = state.uc
                continue
            if name in (b"par", b"line", b"sect"):
                reader.emit(state.part, "\n")
            elif name == b"page" and state.part == "body":
                reader.emit("body", "\f")
            elif name == b"tab":
                reader.emit(state.part, "\t")
            elif name == b"cell":
                reader.emit(state.part, CELL_SEPARATOR)
            elif name == b"row":
                reader.flush(state.part)
                chunks = reader.out[state.part]
                while chunks and (chunks[-1] == CELL_SEPARATOR or not chunks[-1].strip()):
                    if chunks.pop() == CELL_SEPARATOR:
                        break  # the separator after the row's last cell
                reader.emit(state.part, "\n")
            elif name in (b"emdash", b"endash"):
                reader.emit(state.part, "-")
            elif name in (b"lquote", b"rquote"):
                reader.emit(state.part, "'")
            elif name in (b"ldblquote", b"rdblquote"):
                reader.emit(state.part, '"')
            elif name == b"chftn" and state.part == "body":
                reader.emit("body", str(len(reader.notes) + 1))
                reader.note_pages.append("".join(reader.out["body"]).count("\f"))
            continue
        if symbol is not None:
            if symbol == b"*":
                state.skip = True
            elif state.in_fonttbl or state.skip:
                pass
            elif symbol in (b"\\", b"{", b"}"):
                reader.emit(state.part, symbol.decode())
            elif symbol == b"~":
                reader.emit(state.part, " ")
            elif symbol in (b"-", b"_"):
                reader.emit(state.part, "-" if symbol == b"_" else "")
            continue
        if newline is not None:
            continue
        if state.in_fonttbl:
            if text:
                font_name.append(text)
            continue
        if state.skip:
            continue
        family = font_family(reader.fonts.get(state.font, "")) if state.font is not None else None
        codepage = _CHARSET_CODEPAGES.get(reader.charsets.get(state.font, 0)) if state.font is not None else None
        if reader.pending and (family != reader.pending_family or codepage != reader.pending_codepage):
            reader.flush(state.part)
        reader.pending_family = family
        reader.pending_codepage = codepage
        if hexbyte is not None:
            reader.pending.append(int(hexbyte, 16))
        elif text:
            reader.pending += text
    reader.flush(state.part)
    if depth_error or stack:
        raise CorruptDocumentError(source, "the RTF groups do not balance: truncated or damaged?")
    body = unicodedata.normalize("NFC", "".join(reader.out["body"]))
    pages = body.split("\f")
    for i, note in enumerate(reader.notes, 1):
        page = reader.note_pages[i - 1] if i - 1 < len(reader.note_pages) else len(pages) - 1
        page = min(page, len(pages) - 1)
        pages[page] = pages[page].rstrip("\n") + f"\n{i} {note}\n"
    reader.parts.body = pages
    reader.parts.headers = [unicodedata.normalize("NFC", "".join(reader.out["header"]))]
    reader.parts.footers = [unicodedata.normalize("NFC", "".join(reader.out["footer"]))]
    return reader.parts


__all__ = ["read_rtf"]
