"""Word-processor files from their XML: DOCX (Office Open XML) and ODT (OpenDocument Text).

Read with the standard library (zipfile, ElementTree): paragraphs in document order, tables as
text rows (cells joined by ' | ', one row a line), footnote references as their number glued to
the word (as a PDF's text layer gives them: 'tỉnh1') and the footnotes' text after the body of
the page, explicit page breaks as pages, headers and footers as pages of their own
(`Page.part`). A run in a .VnTime or VNI-Times font (a document converted from the pre-Unicode
era keeps the legacy codes) is converted like a PDF's (`pdffonts.font_family`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..errors import CorruptDocumentError
from . import encodings
from .pdffonts import font_family

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"

CELL_SEPARATOR = " | "
MAX_PART_BYTES = 200 * 1024 * 1024  # a ZIP member larger than this is refused (a ZIP bomb)


@dataclass
class Parts:
    """What a reader found: body pages, headers, footers, and the legacy encodings converted."""

    body: list[str] = field(default_factory=lambda: [""])
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    encodings: set[str] = field(default_factory=set)

    def pages(self) -> list[tuple[str, str]]:
        out = [("body", _tidy(text)) for text in self.body]
        if len(out) > 1 and not out[-1][1].strip():
            out.pop()  # a break that ends the document opens no page
        out += [("header", _tidy(t)) for t in _unique(self.headers)]
        out += [("footer", _tidy(t)) for t in _unique(self.footers)]
        return out


def _unique(texts: list[str]) -> list[str]:
    seen, out = set(), []
    for text in texts:
        key = text.strip()
        if key and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def _tidy(text: str) -> str:
    """Lines without trailing spaces, no run of blank lines, no leading or trailing blank lines."""
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise CorruptDocumentError(source, f"the file is not a readable ZIP archive ({exc}): truncated or damaged?") from exc
    if bad is not None:
        raise CorruptDocumentError(source, f"the archive member {bad} is damaged")
    return archive


def _xml(archive: zipfile.ZipFile, name: str, source: str) -> ET.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise CorruptDocumentError(source, f"{name} would unpack to {info.file_size} bytes: refused")
    try:
        return ET.fromstring(archive.read(info))
    except ET.ParseError as exc:
        raise CorruptDocumentError(source, f"{name} is not well-formed XML ({exc})") from exc


def _legacy_run(text: str, font: str | None, parts: Parts) -> str:
    """A run's text, converted when its font is a legacy Vietnamese one."""
    family = font_family(font) if font else None
    if family is None or text.isascii():
        return text.replace("\xad", "")  # an optional hyphen prints nothing
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return text  # real Unicode in a legacy-named font: leave it
    converted = encodings.decode_as(data, family.encoding).text
    converted = converted.upper() if family.upper else converted
    if not encodings.legacy_reading_wins(text, converted):
        return text  # Unicode text in a font named .VnTime
    parts.encodings.add(family.encoding)
    return converted


# --- DOCX ---------------------------------------------------------------------------------------

class _Docx:
    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        self.parts = Parts()
        self.footnote_order: list[str] = []  # footnote ids in order of reference
        self.notes: dict[str, str] = {}
        self.page_notes: list[list[str]] = [[]]
        self.style_font: dict[str, str | None] = {}
        self.default_font: str | None = None
        self.default_paragraph: str | None = None

    def read(self) -> Parts:
        document = _xml(self.archive, "word/document.xml", self.source)
        if document is None:
            raise CorruptDocumentError(self.source, "a ZIP file without word/document.xml: not a Word document")
        self._read_styles()
        for name, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            root = _xml(self.archive, name, self.source)
            if root is not None:
                for note in root.iter(f"{W}{kind}"):
                    if note.get(f"{W}type") in (None, "normal"):
                        self.notes[f"{kind}:{note.get(f'{W}id')}"] = "\n".join(
                            self._paragraph(p) for p in note.iter(f"{W}p")
                        ).strip()
        body = document.find(f"{W}body")
        if body is not None:
            self._blocks(body)
        self._close_page()
        rels = _xml(self.archive, "word/_rels/document.xml.rels", self.source)
        targets = {}
        if rels is not None:
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        for tag, out in (("headerReference", self.parts.headers), ("footerReference", self.parts.footers)):
            for ref in document.iter(f"{W}{tag}"):
                target = targets.get(ref.get(f"{R}id"), "")
                root = _xml(self.archive, "word/" + target.lstrip("/").removeprefix("word/"), self.source) if target else None
                if root is not None:
                    out.append("\n".join(self._paragraph(p) for p in root.iter(f"{W}p")))
        return self.parts

    def _read_styles(self) -> None:
        """Fonts that runs inherit: from their character style, their paragraph's style (up its
        basedOn chain) or the document defaults; a document typed in .VnTime names it there."""
        root = _xml(self.archive, "word/styles.xml", self.source)
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        if defaults is not None:
            self.default_font = defaults.get(f"{W}ascii") or defaults.get(f"{W}hAnsi")
        own: dict[str, str | None] = {}
        based: dict[str, str] = {}
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            fonts = style.find(f"{W}rPr/{W}rFonts")
            own[sid] = (fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")) if fonts is not None else None
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based[sid] = parent.get(f"{W}val", "")
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_paragraph = sid
        for sid in own:
            chain, seen = sid, set()
            while chain and own.get(chain) is None and chain in based and chain not in seen:
                seen.add(chain)
                chain = based[chain]
            self.style_font[sid] = own.get(chain)

    def _inherited_font(self, paragraph: ET.Element) -> str | None:
        props = paragraph.find(f"{W}pPr/{W}pStyle")
        style = props.get(f"{W}val") if props is not None else self.default_paragraph
        return self.style_font.get(style or "") or self.default_font

    def _emit(self, text: str) -> None:
        self.parts.body[-1] += text

    def _close_page(self) -> None:
        notes = self.page_notes[-1]
        if notes:
            self._emit("\n".join(notes) + "\n")

    def _page_break(self) -> None:
        self._close_page()
        self.parts.body.append("")
        self.page_notes.append([])

    def _blocks(self, parent: ET.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self._emit(self._paragraph(child, top=True) + "\n")
            elif tag == f"{W}tbl":
                for row in child.iter(f"{W}tr"):
                    cells = [
                        " ".join(t for t in (self._paragraph(p) for p in cell.iter(f"{W}p")) if t.strip())
                        for cell in row.findall(f"{W}tc")
                    ]
                    self._emit(CELL_SEPARATOR.join(cells) + "\n")
            elif tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                self._blocks(content if content is not None else child)

    def _paragraph(self, paragraph: ET.Element, top: bool = False) -> str:
        out: list[str] = []
        inherited = self._inherited_font(paragraph)
        for run in paragraph.iter():
            tag = run.tag
            if tag != f"{W}r":
                continue
            properties = run.find(f"{W}rPr")
            font = inherited
            if properties is not None:
                fonts = properties.find(f"{W}rFonts")
                run_style = properties.find(f"{W}rStyle")
                if fonts is not None and (fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")):
                    font = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
                elif run_style is not None and self.style_font.get(run_style.get(f"{W}val", "")):
                    font = self.style_font[run_style.get(f"{W}val", "")]
            pieces: list[str] = []
            for item in run:
                itag = item.tag
                if itag == f"{W}t":
                    pieces.append(item.text or "")
                elif itag == f"{W}tab":
                    pieces.append("\t")
                elif itag in (f"{W}br", f"{W}cr"):
                    if item.get(f"{W}type") == "page" and top:
                        out.append(_legacy_run("".join(pieces), font, self.parts))
                        pieces = []
                        if "".join(out).strip():
                            self._emit("".join(out) + "\n")
                        out = []
                        self._page_break()
                    else:
                        pieces.append("\n")
                elif itag == f"{W}noBreakHyphen":
                    pieces.append("-")
                elif itag == f"{W}softHyphen":
                    # Byte 0xAD: an optional hyphen, but TCVN3's 'ư' in a .VnTime run (Word and
                    # LibreOffice keep it as this element), put back for the run's decoding.
                    pieces.append("\xad")
                elif itag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                    kind = "footnote" if itag == f"{W}footnoteReference" else "endnote"
                    key = f"{kind}:{item.get(f'{W}id')}"
                    if key in self.notes:
                        self.footnote_order.append(key)
                        number = str(len(self.footnote_order))
                        pieces.append(number)
                        if top:
                            self.page_notes[-1].append(f"{number} {self.notes[key]}")
            out.append(_legacy_run("".join(pieces), font, self.parts))
        return "".join(out)


def read_docx(data: bytes, source: str) -> Parts:
    return _Docx(_zip(data, source), source).read()


# --- ODT ----------------------------------------------------------------------------------------

class _Odt:
    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        self.parts = Parts()
        self.notes: list[str] = []
        self.page_breaks: set[str] = set()  # paragraph styles that break the page before them
        self.fonts: dict[str, str] = {}  # style name -> the font family it (or a parent) sets

    def read(self) -> Parts:
        content = _xml(self.archive, "content.xml", self.source)
        if content is None:
            raise CorruptDocumentError(self.source, "a ZIP file without content.xml: not an OpenDocument file")
        styles = _xml(self.archive, "styles.xml", self.source)
        for root in (content, styles):
            if root is None:
                continue
            for style in root.iter(f"{STYLE}style"):
                props = style.find(f"{STYLE}paragraph-properties")
                if props is not None and props.get(f"{FO}break-before") == "page":
                    self.page_breaks.add(style.get(f"{STYLE}name", ""))
        self.fonts = _odf_style_fonts([r for r in (styles, content) if r is not None])
        text = content.find(f"{OFFICE}body/{OFFICE}text")
        if text is not None:
            self._blocks(text)
        self._close_page()
        if styles is not None:
            for page in styles.iter(f"{STYLE}master-page"):
                for tag, out in (("header", self.parts.headers), ("footer", self.parts.footers)):
                    element = page.find(f"{STYLE}{tag}")
                    if element is not None:
                        out.append("\n".join(self._inline(p) for p in element.iter() if p.tag in (f"{TEXT}p", f"{TEXT}h")))
        return self.parts

    def _close_page(self) -> None:
        if self.notes:
            self.parts.body[-1] += "\n".join(self.notes) + "\n"
            self.notes = []

    def _blocks(self, parent: ET.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                if child.get(f"{TEXT}style-name") in self.page_breaks and self.parts.body[-1].strip():
                    self._close_page()
                    self.parts.body.append("")
                self.parts.body[-1] += self._inline(child, top=True) + "\n"
            elif tag == f"{TABLE}table":
                for row in child.iter(f"{TABLE}table-row"):
                    cells = [
                        " ".join(t for t in (self._inline(p) for p in cell.iter(f"{TEXT}p")) if t.strip())
                        for cell in row.findall(f"{TABLE}table-cell")
                    ]
                    self.parts.body[-1] += CELL_SEPARATOR.join(cells) + "\n"
            elif tag in (f"{TEXT}list", f"{TEXT}list-item", f"{TEXT}list-header", f"{TEXT}section", f"{TEXT}index-body"):
                self._blocks(child)

    def _inline(self, element: ET.Element, top: bool = False, font: str | None = None) -> str:
        font = self.fonts.get(element.get(f"{TEXT}style-name", ""), font)
        own = lambda text: _legacy_run(text, font, self.parts) if text else ""  # noqa: E731
        out: list[str] = [own(element.text)]
        for child in element:
            tag = child.tag
            if tag == f"{TEXT}s":
                out.append(" " * int(child.get(f"{TEXT}c", "1")))
            elif tag == f"{TEXT}tab":
                out.append("\t")
            elif tag == f"{TEXT}line-break":
                out.append("\n")
            elif tag == f"{TEXT}note":
                number = str(len(self.notes) + 1)
                citation = child.find(f"{TEXT}note-citation")
                if citation is not None and (citation.text or "").strip():
                    number = citation.text.strip()
                body = child.find(f"{TEXT}note-body")
                if top and body is not None:
                    self.notes.append(f"{number} " + "\n".join(self._inline(p) for p in body.iter(f"{TEXT}p")).strip())
                out.append(number)
            elif tag in (f"{TEXT}span", f"{TEXT}a", f"{TEXT}bookmark-ref", f"{TEXT}reference-ref", f"{TEXT}sequence"):
                out.append(self._inline(child, top, font))
            elif tag == f"{TEXT}soft-page-break":
                pass
            out.append(own(child.tail))
        return "".join(out)


SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"


def _odf_style_fonts(roots: list[ET.Element]) -> dict[str, str]:
    """Style name -> font family, through font-face declarations and parent styles (an ODT saved
    from a .VnTime document names the font in a style, not on the text)."""
    faces: dict[str, str] = {}
    for root in roots:
        for face in root.iter(f"{STYLE}font-face"):
            family = face.get(f"{SVG}font-family") or face.get(f"{STYLE}name", "")
            faces[face.get(f"{STYLE}name", "")] = family.strip("'\"")
    own: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    for root in roots:
        for style in root.iter(f"{STYLE}style"):
            name = style.get(f"{STYLE}name", "")
            props = style.find(f"{STYLE}text-properties")
            font = None
            if props is not None:
                font = props.get(f"{FO}font-family") or faces.get(props.get(f"{STYLE}font-name", ""), props.get(f"{STYLE}font-name"))
            own[name] = font.strip("'\"") if font else None
            if style.get(f"{STYLE}parent-style-name"):
                parent[name] = style.get(f"{STYLE}parent-style-name", "")
    out: dict[str, str] = {}
    for name in own:
        chain, seen = name, set()
        while chain and own.get(chain) is None and chain in parent and chain not in seen:
            seen.add(chain)
            chain = parent[chain]
        if own.get(chain):
            out[name] = own[chain]
    return out


def read_odt(data: bytes, source: str) -> Parts:
    return _Odt(_zip(data, source), source).read()


def zip_kind(data: bytes, source: str) -> str | None:
    """'docx' or 'odt' for a ZIP that is one, else None (XLSX, EPUB, a plain ZIP); a ZIP that
    cannot be opened raises CorruptDocumentError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptDocumentError(source, f"a damaged ZIP file (a DOCX or ODT document cut short?): {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
        return "odt"
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    return None


__all__ = ["CELL_SEPARATOR", "Parts", "read_docx", "read_odt", "zip_kind"]
