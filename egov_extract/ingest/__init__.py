"""Ingest: turn a file (PDF with or without a text layer, plain text, Markdown) into a Document.

The only stage that touches the file system. Text-layer pages are read with PDFium; pages
that are images (scans, or scans under a small signature-stamp text layer) are rendered and
OCR'd with Tesseract's `vie` model; text files are decoded and split on form feeds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..datamodel import Document, Page, PageError
from ..errors import FileMissingError, UnsupportedFileTypeError
from . import ocr as _ocr
from .prepare import page_has_colour
from .scan import ScanReading, read_page
from .words import place_words
from .pdftext import open_pdf, scan_page
from .sniff import is_markdown, looks_ingestible, sniff
from .textfile import decode, split_pages

__all__ = ["default_workers", "ingest", "ingest_bytes", "iter_input_files", "read_input"]


def default_workers() -> int:
    """OCR processes to run at once: one per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def read_input(path: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes, mapping OS errors to a typed error naming the file."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise FileMissingError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise UnsupportedFileTypeError(str(path), "this is a directory, not a file") from exc
    except PermissionError as exc:
        raise FileMissingError(str(path), "permission denied") from exc


def iter_input_files(paths: list[str]) -> list[str]:
    """Expand directories (recursively, sorted) into the PDF/text/Markdown files they hold."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files += [os.path.join(root, n) for n in sorted(names) if looks_ingestible(n)]
        else:
            files.append(path)
    return files


def ingest(
    path: str | os.PathLike[str],
    *,
    ocr: bool = True,
    workers: int | None = None,
    lang: str = _ocr.DEFAULT_LANG,
    dpi: int = _ocr.DEFAULT_DPI,
) -> Document:
    """Read a file from disk into a Document (see `ingest_bytes`)."""
    return ingest_bytes(read_input(path), str(path), ocr=ocr, workers=workers, lang=lang, dpi=dpi)


def ingest_bytes(
    data: bytes,
    source: str,
    *,
    ocr: bool = True,
    workers: int | None = None,
    lang: str = _ocr.DEFAULT_LANG,
    dpi: int = _ocr.DEFAULT_DPI,
) -> Document:
    """Turn file content into a Document; `source` names it in records and errors.

    With ``ocr=False`` pages that need OCR are kept with empty text and a PageError, so a
    caller can ingest the text layers of an archive quickly and OCR later.
    Raises an `InputError` subclass for unusable input and `OcrUnavailableError` when a page
    needs OCR and Tesseract or its model is missing.
    """
    kind = sniff(data, source)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "text":
        return _text_document(data, source, digest)
    return _pdf_document(data, source, digest, ocr=ocr, workers=workers, lang=lang, dpi=dpi)


def _text_document(data: bytes, source: str, digest: str) -> Document:
    text, encoding = decode(data, source)
    pages = tuple(
        Page(number=i, text=page, method="plain") for i, page in enumerate(split_pages(text), 1)
    )
    return Document(
        source=source,
        sha256=digest,
        size_bytes=len(data),
        media_type="text/markdown" if is_markdown(source) else "text/plain",
        kind="text",
        encoding=encoding,
        pages=pages,
    )


def _pdf_document(
    data: bytes, source: str, digest: str, *, ocr: bool, workers: int | None, lang: str, dpi: int
) -> Document:
    pdf = open_pdf(data, source)
    try:
        pdf.init_forms()  # so signature stamps and form fields render onto OCR'd pages
        scans = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                scans.append(scan_page(page))
            finally:
                page.close()
        to_ocr = [i for i, s in enumerate(scans) if s.needs_ocr]
        texts: dict[int, ScanReading] = {}
        errors: list[PageError] = []
        if to_ocr and not ocr:
            errors += [
                PageError(page=i + 1, code="ocr-skipped", message="page is an image; OCR was turned off")
                for i in to_ocr
            ]
        elif to_ocr:
            _ocr.check_engine(lang)

            def renderer(index: int):
                def render():
                    page = pdf[index]
                    try:
                        # In colour only where the page holds colour, so seals can be taken out by it.
                        grey = not page_has_colour(page)
                        bitmap = page.render(scale=dpi / 72, grayscale=grey, may_draw_forms=True)
                        return bitmap.to_pil()
                    finally:
                        page.close()

                return render

            def read(image, lang):
                return read_page(image, dpi, lang)

            jobs = ((i, renderer(i)) for i in to_ocr)
            for i, result in _ocr.ocr_many(jobs, workers or default_workers(), lang, read):
                if isinstance(result, Exception):
                    errors.append(
                        PageError(page=i + 1, code="ocr-failed", message=f"{type(result).__name__}: {result}")
                    )
                else:
                    texts[i] = result
    finally:
        pdf.close()

    pages = []
    for i, s in enumerate(scans):
        common = dict(
            number=i + 1,
            text_coverage=s.text_coverage,
            image_coverage=s.image_coverage,
            width=s.width,
            height=s.height,
        )
        if s.needs_ocr:
            reading = texts.get(i)
            result = reading.result if reading is not None else _ocr.OcrResult("", None)
            words = place_words(result.text, result.words, 72 / dpi)
            preparation = reading.preparation if reading is not None else None
            pages.append(
                Page(text=result.text, method="ocr", ocr_confidence=result.confidence, words=words, preparation=preparation, **common)
            )
        else:
            pages.append(Page(text=s.text, method="text-layer", **common))
    methods = {p.method for p in pages}
    kind = "pdf-mixed" if len(methods) > 1 else ("pdf-scan" if methods == {"ocr"} else "pdf-text")
    return Document(
        source=source,
        sha256=digest,
        size_bytes=len(data),
        media_type="application/pdf",
        kind=kind,
        pages=tuple(pages),
        errors=tuple(errors),
    )
