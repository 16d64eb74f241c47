"""Crops of scanned pages around OCR'd evidence, for the HTML report: an auditor sees the scan
beside the text it was read as, in the one self-contained file.

The only I/O of the render stage, kept apart: `evidence_crops` reads the source PDFs the
evidence points into and renders, for each OCR'd evidence (a span with a box), the region around
its words. `to_html(audit, crops=...)` embeds them as PNG data URIs. Same audit and files, same
bytes: PDFium's rendering and PIL's PNG encoder are deterministic.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterable

from ..datamodel import Audit, Span

CROP_DPI = 150
MARGIN = 36.0  # points around the words: half an inch, the lines above and below
MAX_WIDTH = 600.0  # points: wide boxes (a whole citation over lines) are cut to the words' left


def crop_key(span: Span) -> tuple[str, int, tuple[float, float, float, float]] | None:
    """What a crop is looked up by: the file, the page and the words' box."""
    return (span.source, span.page, span.box) if span.box is not None else None


def _regions(audit: Audit) -> dict[str, set[tuple[int, tuple[float, float, float, float]]]]:
    wanted: dict[str, set] = {}
    for finding in audit.findings:
        for e in finding.evidence:
            for span in (e.value_span, e.span):
                if span is not None and span.box is not None:
                    wanted.setdefault(span.source, set()).add((span.page, span.box))
    return wanted


def evidence_crops(audit: Audit, sources: Iterable[str] | None = None) -> dict[tuple, str]:
    """PNG data URIs of the page regions around every OCR'd evidence (of `sources`, if given).
    A file that cannot be opened or rendered gives no crop: the report still shows the text."""
    import pypdfium2 as pdfium

    wanted = _regions(audit)
    if sources is not None:
        keep = set(sources)
        wanted = {k: v for k, v in wanted.items() if k in keep}
    out: dict[tuple, str] = {}
    for source, regions in sorted(wanted.items()):
        if not os.path.isfile(source):
            continue
        try:
            pdf = pdfium.PdfDocument(source)
        except Exception:  # noqa: BLE001 - no crop for a file that will not open
            continue
        try:
            for page_number, box in sorted(regions):
                if not 1 <= page_number <= len(pdf):
                    continue
                page = pdf[page_number - 1]
                try:
                    out[(source, page_number, box)] = _crop(page, box)
                except Exception:  # noqa: BLE001 - a page that will not render gives no crop
                    continue
                finally:
                    page.close()
        finally:
            pdf.close()
    return out


def _crop(page, box: tuple[float, float, float, float]) -> str:
    width, height = page.get_size()
    left, top, right, bottom = box
    right = min(right, left + MAX_WIDTH)
    left, top = max(0.0, left - MARGIN), max(0.0, top - MARGIN / 2)
    right, bottom = min(width, right + MARGIN), min(height, bottom + MARGIN / 2)
    scale = CROP_DPI / 72
    # PDFium crops are (left, bottom, right, top) margins to take off, in points.
    image = page.render(scale=scale, grayscale=True, crop=(left, height - bottom, width - right, top)).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


__all__ = ["CROP_DPI", "crop_key", "evidence_crops"]
