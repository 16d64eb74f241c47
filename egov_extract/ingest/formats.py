"""Archive formats beyond PDF and text: DOCX, ODT, legacy DOC, RTF, HTML, and images.

`detect(data, source)` names the format from the content (not the file name); `read(...)` turns
the file into a Document with the same records as every other input: pages (a word-processor
file's headers and footers as pages of their own, `Page.part`), provenance, typed errors.
A legacy Word .doc goes through LibreOffice (`soffice --headless --convert-to docx`) when it is
installed, and fails with ConverterUnavailableError saying how to install it when it is not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable

from ..datamodel import Document, Page, PageError
from ..errors import ConverterUnavailableError, CorruptDocumentError, LIBREOFFICE_INSTALL_HINT, UnsupportedFileTypeError
from . import htmlfile, images, office, rtf
from . import ocr as _ocr
from .scan import read_page
from .words import place_words

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "html": "text/html",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 180.0  # seconds for LibreOffice to convert one .doc


def detect(data: bytes, source: str) -> str | None:
    """'docx', 'odt', 'doc', 'rtf', 'html', 'png', 'jpeg' or 'tiff'; None for PDF, text or
    anything else (the caller's sniffing decides those). A ZIP or OLE file that is no document we
    read (XLSX, XLS, a plain ZIP) raises UnsupportedFileTypeError."""
    if data.startswith(b"PK\x03\x04"):
        kind = office.zip_kind(data, source)
        if kind is None:
            raise UnsupportedFileTypeError(
                source, "this is a ZIP archive that is not a DOCX or ODT document (a spreadsheet, a presentation, or an archive of files?)"
            )
        return kind
    if data.startswith(_OLE):
        if "WordDocument".encode("utf-16-le") in data[:1 << 20] or b"W\x00o\x00r\x00d\x00D\x00o\x00c" in data:
            return "doc"
        raise UnsupportedFileTypeError(source, "this is a legacy Microsoft Office file that is not a Word document (XLS, PPT?)")
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    kind = images.image_format(data)
    if kind is not None:
        return kind
    if htmlfile.looks_like_html(data):
        return "html"
    return None


def libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def doc_to_docx(data: bytes, source: str) -> bytes:
    """Convert a legacy .doc with LibreOffice headless; a clear error when it is missing or fails."""
    binary = libreoffice()
    if binary is None:
        raise ConverterUnavailableError(source, f"a legacy Word .doc file needs LibreOffice to be read; {LIBREOFFICE_INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="egov-doc-") as tmp:
        path = os.path.join(tmp, "input.doc")
        with open(path, "wb") as f:
            f.write(data)
        profile = "file://" + os.path.join(tmp, "profile")  # a private profile: runs in parallel do not collide
        try:
            run = subprocess.run(
                [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx", "--outdir", tmp, path],
                capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocumentError(source, f"LibreOffice did not convert the .doc within {CONVERT_TIMEOUT:.0f} s") from exc
        out = os.path.join(tmp, "input.docx")
        if run.returncode != 0 or not os.path.exists(out):
            detail = (run.stderr or run.stdout).decode("utf-8", "replace").strip()[:200]
            raise CorruptDocumentError(source, f"LibreOffice could not convert the .doc ({detail or 'no output'})")
        with open(out, "rb") as f:
            return f.read()


def ocr_images(loaders: list, workers: int, lang: str, dpi: float = images.DEFAULT_DPI) -> list:
    """OCR image files' pages in parallel, each loaded when due (at most 2 x workers held at once)
    and prepared like a scanned PDF page (scan.read_page: turned, levelled, stamps taken out):
    the ScanReading or the exception, in order."""
    _ocr.check_engine(lang)
    results: list = [None] * len(loaders)
    jobs = enumerate(loaders)
    for i, result in _ocr.ocr_many(jobs, workers, lang, lambda image, lang: read_page(image, dpi, lang)):
        results[i] = result
    return results


def _parts_document(parts: office.Parts, data: bytes, source: str, digest: str, kind: str, media: str, encoding: str | None) -> Document:
    pages = []
    for number, (part, text) in enumerate(parts.pages(), 1):
        pages.append(Page(number=number, text=text, method="markup", part=part))
    if not pages:
        pages = [Page(number=1, text="", method="markup", part="body")]
    legacy_encodings = "+".join(sorted(parts.encodings)) or None
    return Document(
        source=source, sha256=digest, size_bytes=len(data), media_type=media, kind=kind,
        encoding=legacy_encodings or encoding, pages=tuple(pages),
    )


def read(
    kind: str,
    data: bytes,
    source: str,
    digest: str,
    *,
    ocr: bool,
    workers: int,
    lang: str,
    encoding: str | None,
    ocr_pages: Callable,
) -> Document:
    """A Document from a file `detect` named. `ocr_pages(loaders, dpi) -> [ScanReading or
    Exception]` OCRs image pages, each loaded when its turn comes (the PDF path's engine)."""
    if kind in ("docx", "odt", "doc"):
        docx = doc_to_docx(data, source) if kind == "doc" else data
        parts = office.read_odt(docx, source) if kind == "odt" else office.read_docx(docx, source)
        return _parts_document(parts, data, source, digest, kind, MEDIA_TYPES[kind], None)
    if kind == "rtf":
        return _parts_document(rtf.read_rtf(data, source), data, source, digest, "rtf", MEDIA_TYPES["rtf"], None)
    if kind == "html":
        text, found = htmlfile.decode_html(data, source, encoding)
        body, legacy_fonts = htmlfile.html_reading(text)
        page = Page(number=1, text=body, method="markup", encoding="+".join(sorted(legacy_fonts)) or None)
        return Document(
            source=source, sha256=digest, size_bytes=len(data), media_type="text/html", kind="html",
            encoding=found, pages=(page,),
        )
    pages = images.read_pages(data, source)
    errors: list[PageError] = []
    results: list = [None] * len(pages)
    if not ocr:
        errors = [PageError(page=i + 1, code="ocr-skipped", message="page is an image; OCR was turned off") for i in range(len(pages))]
    else:
        results = ocr_pages([(lambda index=p.index: images.load_page(data, source, index)) for p in pages], 72 / pages[0].points_per_pixel)
    out = []
    for i, (page, reading) in enumerate(zip(pages, results)):
        text, confidence, words, preparation = "", None, (), None
        if isinstance(reading, Exception):
            errors.append(PageError(page=i + 1, code="ocr-failed", message=f"{type(reading).__name__}: {reading}"))
        elif reading is not None:
            result, preparation = reading.result, reading.preparation
            text, confidence, words = result.text, result.confidence, place_words(result.text, result.words, page.points_per_pixel)
        out.append(
            Page(number=i + 1, text=text, method="ocr", ocr_confidence=confidence, words=words, preparation=preparation, width=page.width, height=page.height)
        )
    return Document(
        source=source, sha256=digest, size_bytes=len(data), media_type=MEDIA_TYPES[kind], kind="image",
        pages=tuple(out), errors=tuple(errors),
    )


__all__ = ["MEDIA_TYPES", "detect", "doc_to_docx", "libreoffice", "ocr_images", "read"]
