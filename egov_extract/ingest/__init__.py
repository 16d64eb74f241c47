"""Ingest: turn a file (PDF with or without a text layer, plain text, Markdown, DOCX, ODT, DOC,
RTF, HTML, PNG/JPEG/TIFF images) into a Document.

The only stage that touches the file system. Text-layer pages are read with PDFium; pages
that are images (scans, or scans under a small signature-stamp text layer) are rendered and
OCR'd with Tesseract's `vie` model; text files are decoded (UTF-8, UTF-16 or a legacy
Vietnamese encoding) and split on form feeds; other formats are read by `formats`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from ..datamodel import Document, Page, PageError
from ..errors import FileMissingError, OcrUnavailableError, UndecodableTextError, UnsupportedFileTypeError
from . import formats as _formats
from . import layerquality
from . import legacy as _legacy
from . import ocr as _ocr
from .pdffonts import convert_page
from .prepare import page_has_colour
from .scan import ScanReading, read_page
from .words import place_words
from .pdftext import open_pdf, scan_page
from .sniff import is_markdown, looks_ingestible, sniff
from .textfile import text_document

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
    encoding: str | None = None,
) -> Document:
    """Read a file from disk into a Document (see `ingest_bytes`)."""
    return ingest_bytes(read_input(path), str(path), ocr=ocr, workers=workers, lang=lang, dpi=dpi, encoding=encoding)


def ingest_bytes(
    data: bytes,
    source: str,
    *,
    ocr: bool = True,
    workers: int | None = None,
    lang: str = _ocr.DEFAULT_LANG,
    dpi: int = _ocr.DEFAULT_DPI,
    encoding: str | None = None,
) -> Document:
    """Turn file content into a Document; `source` names it in records and errors.

    A text file's encoding is detected (UTF-8, UTF-16, or the legacy Vietnamese encoding that
    reads as Vietnamese: TCVN3, VNI, VIQR, VISCII, VPS, Windows-1258); `encoding` forces one,
    for the rare file detection cannot settle ('tcvn3', 'vni', ...; see ingest.legacy.ALIASES).

    With ``ocr=False`` pages that need OCR are kept with empty text and a PageError, so a
    caller can ingest the text layers of an archive quickly and OCR later.
    Raises an `InputError` subclass for unusable input and `OcrUnavailableError` when a page
    needs OCR and Tesseract or its model is missing.
    """
    if not data.strip() or b"%PDF-" in data[:1024]:
        fmt = None
    else:
        fmt = _formats.detect(data, source)  # DOCX, ODT, DOC, RTF, HTML, PNG, JPEG, TIFF
    digest = hashlib.sha256(data).hexdigest()
    if fmt is not None:
        return _formats.read(
            fmt, data, source, digest, ocr=ocr, workers=workers or default_workers(), lang=lang, encoding=encoding,
            ocr_pages=lambda loaders, dpi: _formats.ocr_images(loaders, workers or default_workers(), lang, dpi),
        )
    kind = sniff(data, source)
    if kind == "text":
        return text_document(data, source, digest, encoding, "text/markdown" if is_markdown(source) else "text/plain")
    return _pdf_document(data, source, digest, ocr=ocr, workers=workers, lang=lang, dpi=dpi, encoding=encoding)


def _pdf_document(
    data: bytes, source: str, digest: str, *, ocr: bool, workers: int | None, lang: str, dpi: int, encoding: str | None = None
) -> Document:
    forced = _legacy.canonical_name(encoding) if encoding is not None else None
    if encoding is not None and forced is None:
        raise UndecodableTextError(source, f"unknown encoding {encoding!r}: use one of utf-8, {', '.join(_legacy.LEGACY_ENCODINGS)}")
    pdf = open_pdf(data, source)
    legacy_pages: dict[int, str] = {}
    try:
        pdf.init_forms()  # so signature stamps and form fields render onto OCR'd pages
        scans = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                scan = scan_page(page)
                if not scan.needs_ocr and not (forced or "").startswith("utf"):
                    converted = convert_page(page, scan.text, forced)  # .VnTime / VNI-Times fonts
                    if converted is not None:
                        scan = dataclasses.replace(scan, text=converted.text)
                        legacy_pages[i] = converted.encoding
                scans.append(scan)
            finally:
                page.close()
        to_ocr = [i for i, s in enumerate(scans) if s.needs_ocr]
        # Text layers that lie (old English-mode OCR, junk): OCR'd too, the better reading kept.
        suspects = {i: q for i, s in enumerate(scans) if not s.needs_ocr and (q := layerquality.suspect(s.text))}
        reasons: dict[int, str] = {}
        if suspects and not ocr:
            reasons = {i: f"text layer suspect ({q.describe()}); kept: OCR was turned off" for i, q in suspects.items()}
            suspects = {}
        elif suspects and not to_ocr:
            try:
                _ocr.check_engine(lang)
            except OcrUnavailableError as exc:
                reasons = {i: f"text layer suspect ({q.describe()}); kept: {exc.cause}" for i, q in suspects.items()}
                suspects = {}
        to_ocr = sorted(set(to_ocr) | set(suspects))
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
                if i in suspects:
                    if isinstance(result, Exception):
                        reasons[i] = f"text layer suspect ({suspects[i].describe()}); kept: OCR failed ({type(result).__name__}: {result})"
                        continue
                    use_ocr, reasons[i] = layerquality.choose(suspects[i], result.result.text)
                    if use_ocr:
                        texts[i] = result
                elif isinstance(result, Exception):
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
        if s.needs_ocr or (i in suspects and i in texts):
            reading = texts.get(i)
            result = reading.result if reading is not None else _ocr.OcrResult("", None)
            words = place_words(result.text, result.words, 72 / dpi)
            preparation = reading.preparation if reading is not None else None
            pages.append(
                Page(
                    text=result.text, method="ocr", ocr_confidence=result.confidence, reason=reasons.get(i),
                    words=words, preparation=preparation, **common,
                )
            )
        else:
            pages.append(Page(text=s.text, method="text-layer", encoding=legacy_pages.get(i), reason=reasons.get(i), **common))
    methods = {p.method for p in pages}
    kind = "pdf-mixed" if len(methods) > 1 else ("pdf-scan" if methods == {"ocr"} else "pdf-text")
    return Document(
        source=source,
        sha256=digest,
        size_bytes=len(data),
        media_type="application/pdf",
        kind=kind,
        encoding="+".join(sorted(set("+".join(legacy_pages.values()).split("+")))) if legacy_pages else None,
        pages=tuple(pages),
        errors=tuple(errors),
    )
