"""OCR of page images with Tesseract's Vietnamese model, one tesseract process per page.

Tesseract's own OpenMP threads are slower than one single-threaded process per page on a
two-core machine (3.7 s vs 1.6 s a page measured here), so each call runs with
OMP_THREAD_LIMIT=1 and parallelism comes from running several processes at once.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import pytesseract
from PIL import Image

from ..errors import OCR_INSTALL_HINT, OcrUnavailableError

DEFAULT_LANG = "vie"
DEFAULT_DPI = 300


@dataclass(frozen=True)
class OcrBox:
    """One word as Tesseract read it: its text, confidence (0-100, as Tesseract gives it), and box
    in image pixels."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int] = (0, 0, 0)  # Tesseract's (block, paragraph, line) numbers


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float | None  # mean word confidence in [0, 1]; None when no word was found
    words: tuple[OcrBox, ...] = ()  # every word of the TSV output, in reading order


@lru_cache(maxsize=8)
def _check(cmd: str, lang: str, tessdata: str | None) -> None:
    del tessdata  # part of the cache key only: a different model folder is checked again
    try:
        pytesseract.get_tesseract_version()
        languages = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, FileNotFoundError, OSError) as exc:
        raise OcrUnavailableError(cmd, f"the tesseract OCR engine is not installed; {OCR_INSTALL_HINT}") from exc
    except pytesseract.TesseractError as exc:
        raise OcrUnavailableError(cmd, f"tesseract does not run ({exc}); {OCR_INSTALL_HINT}") from exc
    missing = [part for part in lang.split("+") if part not in languages]
    if missing:
        have = ", ".join(sorted(languages)) or "none"
        raise OcrUnavailableError(
            cmd,
            f"tesseract has no '{'+'.join(missing)}' language model (it has: {have}); {OCR_INSTALL_HINT}",
        )


def check_engine(lang: str = DEFAULT_LANG) -> None:
    """Raise OcrUnavailableError, saying how to install, unless tesseract and `lang` are usable."""
    _check(pytesseract.pytesseract.tesseract_cmd, lang, os.environ.get("TESSDATA_PREFIX"))


def tsv_words(tsv: str) -> tuple[OcrBox, ...]:
    """The words of Tesseract's TSV output (level 5 rows with text), in reading order."""
    out = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = unicodedata.normalize("NFC", (row.get("text") or "").strip())
        if row.get("level") != "5" or not text:
            continue
        conf = float(row["conf"])
        if conf < 0:
            continue
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        out.append(OcrBox(text, conf, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]), line))
    return tuple(out)


def _mean_confidence(words: tuple[OcrBox, ...]) -> float | None:
    if not words:
        return None
    return round(sum(w.conf for w in words) / len(words) / 100.0, 4)


def _clean(text: str) -> str:
    # Tesseract ends a page with a form feed; pages are already separate records here.
    text = text.replace("\f", "").rstrip()
    return unicodedata.normalize("NFC", text)


PAGE_TIMEOUT = 300.0  # seconds: a page takes ~2 s; one that hangs becomes a PageError, not a stalled batch


def ocr_image(image: Image.Image, lang: str = DEFAULT_LANG, timeout: float = PAGE_TIMEOUT) -> OcrResult:
    """OCR one page image: tesseract's own text layout plus the mean word confidence, one run."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("L")
    # BMP is written in ~5 ms where PNG takes ~190 ms a page, and tesseract reads it as fast.
    image.format = "BMP"
    text, tsv = pytesseract.run_and_get_multiple_output(
        image, extensions=["txt", "tsv"], lang=lang, timeout=timeout
    )
    words = tsv_words(tsv)
    return OcrResult(text=_clean(text), confidence=_mean_confidence(words), words=words)


def ocr_many(
    images: Iterable[tuple[int, Callable[[], Image.Image]]],
    workers: int,
    lang: str = DEFAULT_LANG,
    read: Callable[[Image.Image, str], object] | None = None,
) -> Iterator[tuple[int, OcrResult | Exception]]:
    """OCR pages concurrently, yielding (key, result or exception) in input order.

    Images are produced lazily in the calling thread (PDFium is not thread-safe) and at most
    2 x workers are held in memory at once. `read(image, lang)` reads one image (default
    `ocr_image`; ingest passes the page preparation of scan.py).
    """
    workers = max(1, workers)
    read = read or ocr_image
    pending: list[tuple[int, Future[OcrResult] | Exception]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for key, render in images:
            try:
                pending.append((key, pool.submit(read, render(), lang)))
            except Exception as exc:  # noqa: BLE001 - a page that cannot render is recorded
                pending.append((key, exc))
            while len(pending) >= 2 * workers:
                yield _collect(*pending.pop(0))
        while pending:
            yield _collect(*pending.pop(0))


def _collect(
    key: int, future: Future[OcrResult] | Exception
) -> tuple[int, OcrResult | Exception]:
    if isinstance(future, Exception):
        return key, future
    try:
        return key, future.result()
    except Exception as exc:  # noqa: BLE001 - a failed page is recorded, the document goes on
        return key, exc
