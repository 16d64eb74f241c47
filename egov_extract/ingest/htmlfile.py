"""Web pages and saved HTML: the page's own text, without the site around it.

Tags are stripped with the standard library's parser (entities decoded), block elements end a
line, table rows become text rows (cells joined by ' | '), and what is not the document is
dropped: scripts and styles, and the site's navigation and boilerplate (`<nav>`, `<header>`,
`<footer>`, `<aside>`, forms, and elements whose id or class says menu, breadcrumb, sidebar,
footer, cookie...). When the page marks its content (`<main>`, `<article>`, or one element with
role="main"), only that is read. The charset comes from a byte-order mark, then `<meta charset>`
or its http-equiv form, else UTF-8 when the bytes are, else the legacy detection of text files.
"""

from __future__ import annotations

import codecs
import unicodedata
from html.parser import HTMLParser

import regex

from ..errors import UndecodableTextError
from . import encodings, legacy
from .office import CELL_SEPARATOR, Parts, _legacy_run

_SKIP = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head", "button", "select"}
_BOILERPLATE_TAGS = {"nav", "header", "footer", "aside", "menu"}
_BOILERPLATE_WORDS = regex.compile(
    r"(?i)(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|header|banner|cookies?|share|social|"
    r"related|comments?|login|search|toolbar|pagination|skip|advert|ads)(?:$|[\s_-])"
)
# Inside the content, an element called 'header' or 'footer' is the article's own (its title, its
# signature), not the site's.
_PART_WORDS = regex.compile(r"(?i)header|footer")
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "address", "figure", "figcaption", "table", "tbody", "thead", "tfoot", "caption", "hr", "body",
    "center", "fieldset", "legend", "details", "summary",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (a BOM wins)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode_html(data: bytes, source: str, forced: str | None = None) -> tuple[str, str]:
    """(text, encoding) of an HTML file's bytes."""
    declared = forced or html_charset(data)
    if declared:
        name = legacy.canonical_name(declared)
        if name in legacy.LEGACY_ENCODINGS:
            return legacy.decode(data, name).text, name
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec:
            try:
                return unicodedata.normalize("NFC", data.decode(codec)), codec.replace("-sig", "")
            except UnicodeDecodeError:
                pass  # a page that lies about its charset: detect it
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    found, _ = encodings.detect(data)
    if found in ("ascii", encodings.UNKNOWN):
        if found == encodings.UNKNOWN:
            raise UndecodableTextError(source, "an HTML page in no encoding we read (it declares none, and no Vietnamese encoding reads it)")
        return data.decode("ascii"), "utf-8"
    return encodings.decode_as(data, found).text, found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str | None]] = []  # (tag, dropped, font it sets)
        self.parts = Parts()  # only its `encodings`: the legacy fonts whose runs were converted
        self.chunks: list[str] = []
        self.main_chunks: list[str] | None = None
        self.main_depth: int | None = None
        self.pre = 0
        self.cells = 0

    @property
    def dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _out(self) -> list[str]:
        return self.main_chunks if self.main_chunks is not None and self.main_depth is not None else self.chunks

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag in _VOID:
            if not self.dropped and tag == "br":
                self._out().append("\n")
            if not self.dropped and tag == "hr":
                self._out().append("\n")
            return
        label = " ".join(filter(None, (attrs.get("id"), attrs.get("class"), attrs.get("role"))))
        inside_main = self.main_depth is not None
        drop = self.dropped or tag in _SKIP or bool(label and _BOILERPLATE_WORDS.search(label) and not (inside_main and _PART_WORDS.search(label)))
        drop = drop or (tag in _BOILERPLATE_TAGS and not (inside_main and tag in ("header", "footer")))
        if tag in ("main", "article") or attrs.get("role") == "main":
            drop = self.dropped  # the content, even when a class word says otherwise
            if self.main_depth is None and not drop:
                self.main_depth = len(self.stack)
                if self.main_chunks is None:
                    self.main_chunks = []
        self.stack.append((tag, drop, _font(attrs)))
        if drop:
            return
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK or tag == "tr":
            self._out().append("\n")
            if tag == "tr":
                self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self._out().append(CELL_SEPARATOR)
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Close up to the matching tag (HTML in the wild leaves <p> and <li> open).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                closed = self.stack[i:]
                del self.stack[i:]
                for name, dropped, _ in reversed(closed):
                    if not dropped:
                        if name == "pre":
                            self.pre -= 1
                        if name in _BLOCK or name == "tr":
                            self._out().append("\n")
                if self.main_depth is not None and len(self.stack) <= self.main_depth:
                    self.main_depth = None
                return

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if not self.pre:
            data = regex.sub(r"\s+", " ", data)
        font = next((f for _, _, f in reversed(self.stack) if f), None)
        self._out().append(_legacy_run(data, font, self.parts) if font else data)

    def text(self) -> str:
        chunks = self.main_chunks if self.main_chunks and "".join(self.main_chunks).strip() else self.chunks
        lines = [regex.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(chunks).split("\n")]
        return "\n".join(line for line in lines if line)  # one block a line, as PDF text gives them


def html_text(text: str) -> str:
    """The text of an HTML document (already decoded)."""
    return html_reading(text)[0]


def html_reading(text: str) -> tuple[str, set[str]]:
    """(the text of an HTML document, the legacy encodings of the font runs converted: a page
    from the VNI or .VnTime era names its font, `<font face="VNI-Times">` or CSS font-family)."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return unicodedata.normalize("NFC", parser.text()), parser.parts.encodings


_FONT_FAMILY = regex.compile(r"(?i)font-family\s*:\s*([^;]+)")


def _font(attrs: dict) -> str | None:
    """The first font an element names (`face`, or CSS `font-family`), quotes stripped."""
    names = attrs.get("face")
    if not names:
        m = _FONT_FAMILY.search(attrs.get("style") or "")
        names = m.group(1) if m else None
    if not names:
        return None
    return names.split(",")[0].strip().strip("'\"") or None


_HTML_START = regex.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", regex.IGNORECASE | regex.DOTALL)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    return bool(_HTML_START.match(head))


__all__ = ["decode_html", "html_charset", "html_text", "looks_like_html"]
