"""Write corpus text as DOCX, ODT, RTF, HTML and image files, with the text each should read as.

    python scripts/make_format_fixtures.py OUT_DIR [SOURCE_TEXT]

A `Source` is paragraphs (some of them table rows), footnotes, a header and a footer. Each writer
produces the file a word processor, a web site or a scanner would: DOCX and ODT written as their
XML (the parts Word and LibreOffice need, footnotes in their own part, headers in theirs), RTF
with `\\uN?` escapes and a Windows-1258 `\\'hh` run, HTML with site navigation, a script,
entities and a `<meta charset>`, a .VnTime run in DOCX and RTF, and PNG, JPEG and multi-page
CCITT G4 TIFF page images. `expected_text` is what ingestion should give for the body.

Used by tests/ingest/test_formats.py and benchmarks/formats.py.
"""

from __future__ import annotations

import html
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract.ingest import legacy  # noqa: E402

CELL = " | "


@dataclass(frozen=True)
class Source:
    paragraphs: tuple[str, ...]  # a paragraph holding CELL is a table row
    footnotes: tuple[str, ...] = ()  # referenced, in order, from paragraphs holding '[^n]'
    header: str = ""
    footer: str = ""
    legacy_paragraph: int | None = None  # this paragraph is written in a .VnTime font (TCVN3 codes)
    pages: tuple[int, ...] = field(default=())  # paragraphs that open a new page

    def body_pages(self) -> list[str]:
        """The text ingestion should give, page by page: footnote markers as their number glued
        to the word, the footnotes after the body of the page that references them."""
        pages: list[list[str]] = [[]]
        notes: list[list[str]] = [[]]
        n = 0
        for i, para in enumerate(self.paragraphs):
            if i in self.pages and i:
                pages.append([])
                notes.append([])
            text = para
            while "[^" in text:
                n += 1
                start = text.index("[^")
                end = text.index("]", start)
                text = text[:start] + str(n) + text[end + 1 :]
                notes[-1].append(f"{n} {self.footnotes[n - 1]}")
            pages[-1].append(text)
        return ["\n".join(lines + note_lines) for lines, note_lines in zip(pages, notes)]


def from_text(text: str, max_paragraphs: int = 60) -> Source:
    """A Source from corpus text: its non-empty lines as paragraphs, a markdown table's rows as
    table rows, two footnotes placed on the first long paragraphs, a header and a footer."""
    paragraphs: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line or set(line) <= set("|-: "):
            continue
        if line.startswith("|") and line.endswith("|"):
            line = CELL.join(cell.strip() for cell in line.strip("|").split("|")).strip()
        paragraphs.append(line)
        if len(paragraphs) >= max_paragraphs:
            break
    long_ones = [i for i, p in enumerate(paragraphs) if len(p) > 80 and CELL not in p][:2]
    notes = ("Sở Nội vụ, Sở Tài chính, Sở Kế hoạch và Đầu tư.", "Theo số liệu của Cục Thống kê tỉnh.")
    for k, i in enumerate(long_ones):
        words = paragraphs[i].split(" ")
        words[3] += f"[^{k + 1}]"
        paragraphs[i] = " ".join(words)
    legacy_paragraph = next(
        (i for i, p in enumerate(paragraphs) if CELL not in p and "[^" not in p and len(p) > 40 and i > 2 and _encodes(p, "tcvn3")), None
    )
    return Source(
        tuple(paragraphs), notes[: len(long_ones)], header="ỦY BAN NHÂN DÂN TỈNH AN GIANG", footer="Trang 1",
        legacy_paragraph=legacy_paragraph, pages=(len(paragraphs) // 2,) if len(paragraphs) > 20 else (),
    )


def _encodes(text: str, encoding: str) -> bool:
    try:
        legacy.encode(text, encoding)
    except UnicodeEncodeError:
        return False
    return True


def _split_marks(text: str) -> list[tuple[str, int | None]]:
    """Text and footnote numbers: 'a[^1] b' -> [('a', None), ('', 1), (' b', None)]."""
    out: list[tuple[str, int | None]] = []
    while "[^" in text:
        start = text.index("[^")
        end = text.index("]", start)
        out.append((text[:start], None))
        out.append(("", int(text[start + 2 : end])))
        text = text[end + 1 :]
    out.append((text, None))
    return out


# --- DOCX ---------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _w_run(text: str, font: str | None = None) -> str:
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx(source: Source) -> bytes:
    body: list[str] = []
    for i, para in enumerate(source.paragraphs):
        if i in source.pages and i:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        if CELL in para:
            cells = "".join(f"<w:tc><w:p>{_w_run(c)}</w:p></w:tc>" for c in para.split(CELL))
            body.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
            continue
        if i == source.legacy_paragraph:
            drawn = "".join(legacy._cp1252_char(b) for b in legacy.encode(para, "tcvn3"))
            body.append(f"<w:p>{_w_run(drawn, '.VnTime')}</w:p>")
            continue
        runs = []
        for text, note in _split_marks(para):
            if note is None:
                runs.append(_w_run(text))
            else:
                runs.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note}"/></w:r>')
        body.append(f"<w:p>{''.join(runs)}</w:p>")
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>'
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{"".join(body)}{sect}</w:body></w:document>'
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{_w_run(" " + text)}</w:p></w:footnote>'
        for i, text in enumerate(source.footnotes, 1)
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {_W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>'
    )
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {_W}><w:p>{_w_run(source.header)}</w:p></w:hdr>'
    footer = f'<?xml version="1.0" encoding="UTF-8"?><w:ftr {_W}><w:p>{_w_run(source.footer)}</w:p></w:ftr>'
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        "</Relationships>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        "</Types>"
    )
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    return _zip({
        "[Content_Types].xml": types, "_rels/.rels": package_rels, "word/document.xml": document,
        "word/_rels/document.xml.rels": rels, "word/footnotes.xml": footnotes, "word/header1.xml": header, "word/footer1.xml": footer,
    })


def _zip(members: dict[str, str], first: tuple[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if first is not None:
            z.writestr(zipfile.ZipInfo(first[0], (2020, 1, 1, 0, 0, 0)), first[1], compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), content.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --- ODT ----------------------------------------------------------------------------------------

_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"'
)


def odt(source: Source) -> bytes:
    body: list[str] = []
    for i, para in enumerate(source.paragraphs):
        style = ' text:style-name="PageBreak"' if i in source.pages and i else ""
        if CELL in para:
            if style:
                body.append(f"<text:p{style}/>")  # a table cannot carry the break: an empty paragraph does
            cells = "".join(f'<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>' for c in para.split(CELL))
            body.append(f'<table:table><table:table-row>{cells}</table:table-row></table:table>')
            continue
        if i == source.legacy_paragraph:
            drawn = "".join(legacy._cp1252_char(b) for b in legacy.encode(para, "tcvn3"))
            body.append(f'<text:p{style}><text:span text:style-name="VnTimeRun">{escape(drawn)}</text:span></text:p>')
            continue
        pieces = []
        for text, note in _split_marks(para):
            if note is None:
                pieces.append(escape(text).replace("  ", ' <text:s/>'))
            else:
                pieces.append(
                    f'<text:note text:note-class="footnote"><text:note-citation>{note}</text:note-citation>'
                    f"<text:note-body><text:p>{escape(source.footnotes[note - 1])}</text:p></text:note-body></text:note>"
                )
        body.append(f"<text:p{style}>{''.join(pieces)}</text:p>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF}>'
        '<office:font-face-decls><style:font-face style:name="VnTime" svg:font-family="&apos;.VnTime&apos;"/></office:font-face-decls>'
        '<office:automatic-styles>'
        '<style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>'
        '<style:style style:name="VnTimeRun" style:family="text"><style:text-properties style:font-name="VnTime"/></style:style>'
        f'</office:automatic-styles><office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF}><office:master-styles>'
        f'<style:master-page style:name="Standard"><style:header><text:p>{escape(source.header)}</text:p></style:header>'
        f"<style:footer><text:p>{escape(source.footer)}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    return _zip({"content.xml": content, "styles.xml": styles, "META-INF/manifest.xml": manifest},
                first=("mimetype", "application/vnd.oasis.opendocument.text"))


# --- RTF ----------------------------------------------------------------------------------------

def _rtf_text(text: str, cp1258_words: bool) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif cp1258_words and _encodes(ch, "cp1258"):
            out.append("".join(f"\\'{b:02x}" for b in legacy.encode(ch, "cp1258")))
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def rtf(source: Source) -> bytes:
    """RTF as Word writes it: \\uN? for Unicode; one paragraph in \\'hh Windows-1258 bytes (the
    file's \\ansicpg1258), one in a .VnTime font (TCVN3 bytes); footnotes, header and footer groups."""
    out = ["{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\fnil .VnTime;}}",
           "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator egov_extract fixtures;}",
           f"{{\\header\\pard {_rtf_text(source.header, False)}\\par}}{{\\footer\\pard {_rtf_text(source.footer, False)}\\par}}"]
    for i, para in enumerate(source.paragraphs):
        if i in source.pages and i:
            out.append("\\page\n")
        if CELL in para:
            cells = "".join(f"{_rtf_text(c, False)}\\cell " for c in para.split(CELL))
            out.append(f"\\trowd\\cellx2000\\cellx4000\\cellx6000\\pard\\intbl {cells}\\row\n")
            continue
        if i == source.legacy_paragraph:
            data = legacy.encode(para, "tcvn3")
            escaped = "".join(f"\\'{b:02x}" if b >= 0x80 or chr(b) in "\\{}" else chr(b) for b in data)
            out.append(f"\\pard{{\\f1 {escaped}}}\\par\n")
            continue
        pieces = []
        for text, note in _split_marks(para):
            if note is None:
                pieces.append(_rtf_text(text, cp1258_words=(i % 3 == 1)))
            else:
                pieces.append(f"{{\\super\\chftn}}{{\\footnote\\pard\\plain{{\\super\\chftn}} {_rtf_text(source.footnotes[note - 1], False)}}}")
        out.append(f"\\pard {''.join(pieces)}\\par\n")
    out.append("}")
    return "".join(out).encode("ascii")


# --- HTML ---------------------------------------------------------------------------------------

def html_page(source: Source, charset: str = "utf-8") -> bytes:
    """A saved government web page: site navigation, a breadcrumb, a script and a footer around
    the article; entities for some letters; the charset declared in <meta>."""
    body = []
    for i, para in enumerate(source.paragraphs):
        if CELL in para:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in para.split(CELL))
            body.append(f"<table><tr>{cells}</tr></table>")
            continue
        pieces = []
        for text, note in _split_marks(para):
            if note is None:
                pieces.append(html.escape(text, quote=False).replace("ệ", "&#7879;").replace("Đ", "&#272;"))
            else:
                pieces.append(f'<sup><a href="#fn{note}">{note}</a></sup>')
        tag = "h1" if i == 0 else "p"
        body.append(f"<{tag}>{''.join(pieces)}</{tag}>")
    notes = "".join(f'<li id="fn{k}">{k} {html.escape(n)}</li>' for k, n in enumerate(source.footnotes, 1))
    page = (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="{charset}"><title>Cổng thông tin điện tử</title>'
        "<style>body{font-family:serif}</style><script>var x = '<p>không phải văn bản</p>';</script></head><body>"
        '<header class="site-header"><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</div></header>'
        '<nav id="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li><li>Văn bản</li></ul></nav>'
        '<div class="breadcrumb">Trang chủ &gt; Văn bản &gt; Báo cáo</div>'
        f'<main><article>{"".join(body)}<ol class="footnotes">{notes}</ol></article></main>'
        '<aside class="sidebar"><h3>Tin mới</h3><p>Lịch tiếp công dân</p></aside>'
        '<footer><p>Bản quyền thuộc Ủy ban nhân dân tỉnh. Địa chỉ: 01 đường Tôn Đức Thắng</p></footer>'
        "</body></html>\n"
    )
    if charset.lower() in ("windows-1258", "cp1258"):
        return legacy.encode(page, "cp1258")
    return page.encode(charset)


def html_expected(source: Source) -> str:
    """The article's text as the HTML reader gives it (one page: footnotes listed after it)."""
    lines = []
    for para in source.paragraphs:
        text = para
        for k in range(1, len(source.footnotes) + 1):
            text = text.replace(f"[^{k}]", str(k))
        lines.append(text)
    lines += [f"{k} {n}" for k, n in enumerate(source.footnotes, 1)]
    return "\n".join(lines)


# --- images -------------------------------------------------------------------------------------

def page_images(text: str, n_pages: int = 2) -> list:
    """Pages of clean text rendered at 300 dpi (scripts/make_fixture_pdfs.py's layout)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixture_pdfs", ROOT / "scripts" / "make_fixture_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    font = module.find_font()
    layout = module.layout_text(text, n_pages, font)
    return [(module.render_page_image(lines, font), layout.page_text(i)) for i, lines in enumerate(layout.pages)]


def image_file(images: list, kind: str) -> bytes:
    """PNG or JPEG of the first page, or every page in one CCITT G4 TIFF (1-bit, as archives scan)."""
    buf = io.BytesIO()
    if kind == "png":
        images[0].save(buf, format="PNG", dpi=(300, 300))
    elif kind == "jpeg":
        images[0].save(buf, format="JPEG", quality=85, dpi=(300, 300))
    else:
        bitonal = [im.point(lambda v: 255 if v > 160 else 0).convert("1") for im in images]
        bitonal[0].save(buf, format="TIFF", compression="group4", save_all=True, append_images=bitonal[1:], dpi=(300, 300))
    return buf.getvalue()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    src = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "corpora" / "seeds" / "004_116e690cb2a70203.txt"
    s = from_text(src.read_text(encoding="utf-8"))
    for name, data in (("report.docx", docx(s)), ("report.odt", odt(s)), ("report.rtf", rtf(s)), ("report.html", html_page(s))):
        (out / name).write_bytes(data)
        print(out / name)


# --- PDFs whose text layer lies -----------------------------------------------------------------

def lying_pdf(lines_clean: list[str], lines_layer: list[str]) -> bytes:
    """A scanned page under an old OCR run's invisible text layer: the image shows `lines_clean`,
    the text layer says `lines_layer` (English-mode OCR garble, as archives' old PDFs carry)."""
    import importlib.util

    from reportlab.pdfgen import canvas

    spec = importlib.util.spec_from_file_location("make_fixture_pdfs", ROOT / "scripts" / "make_fixture_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    font = module.find_font()
    module.layout_text("x", 1, font)  # registers the fixture font
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(module.PAGE_W, module.PAGE_H), invariant=1)
    module._draw_image(c, module.render_page_image(tuple(lines_clean), font))
    text = c.beginText()
    text.setTextRenderMode(3)  # invisible, as OCR layers are
    text.setFont("FixtureSerif", module.FONT_SIZE)
    for i, line in enumerate(lines_layer):
        text.setTextOrigin(module.MARGIN, module.PAGE_H - (module.MARGIN + module.FONT_SIZE + i * module.LEADING))
        text.textOut(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


def garble_page(n_lines: int = 40, source: str | None = None) -> tuple[list[str], list[str]]:
    """(clean lines, their English-mode OCR) of one page of corpora/garble/heldout.jsonl."""
    import json

    rows = [json.loads(line) for line in (ROOT / "corpora" / "garble" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    first = rows[0] if source is None else next(r for r in rows if r["source"] == source)
    page = [r for r in rows if (r["source"], r["font"], r["page"]) == (first["source"], first["font"], first["page"])][:n_lines]
    return [r["clean"] for r in page], [r["ocr"] for r in page]


def docx_vntime(paragraphs: list[str], soft_hyphens: bool = False) -> bytes:
    """A DOCX converted from a .VnTime-era .doc: no run names a font; the document defaults say
    .VnTime and a heading style .VnTimeH, and the text is the TCVN3 codes (as Word keeps them).
    With `soft_hyphens`, byte 0xAD (TCVN3's 'ư') is a <w:softHyphen/>, as Word and LibreOffice
    write it."""
    body = []
    for para in paragraphs:
        drawn = "".join(legacy._cp1252_char(b) for b in legacy.encode(para, "tcvn3"))
        letters = [ch for ch in para if ch.isalpha()]
        style = '<w:pPr><w:pStyle w:val="Heading"/></w:pPr>' if letters and all(ch.isupper() for ch in letters) else ""
        run = _w_run(drawn)
        if soft_hyphens:
            run = run.replace("\xad", '</w:t><w:softHyphen/><w:t xml:space="preserve">')
        body.append(f"<w:p>{style}{run}</w:p>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{"".join(body)}</w:body></w:document>'
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W}><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style></w:styles>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    return _zip({"[Content_Types].xml": types, "word/document.xml": document, "word/styles.xml": styles})
