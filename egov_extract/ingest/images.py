"""Scanned pages as image files: PNG, JPEG and TIFF (one page or many, CCITT G4 included),
OCR'd like the image pages of a scanned PDF (`ocr.ocr_many`, Tesseract `vie`).

Pillow decodes them (its wheels carry libtiff, which reads G4); each frame of a TIFF is a
page. A page's size in points comes from the image's resolution (300 dpi when it states none).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptDocumentError

DEFAULT_DPI = 300.0
MAX_PIXELS = 200_000_000  # about A0 at 600 dpi; a larger image is refused, not decoded


@dataclass(frozen=True)
class ImagePage:
    index: int  # frame of the file
    width: float  # points
    height: float
    points_per_pixel: float = 1.0  # from the file's resolution (72 / dpi): OCR boxes in points


def image_format(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


def _dpi(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi")
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI, DEFAULT_DPI
    return (x if x >= 30 else DEFAULT_DPI), (y if y >= 30 else DEFAULT_DPI)


def _open(data: bytes, source: str) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        return Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise CorruptDocumentError(source, f"the image cannot be decoded ({exc}): truncated or damaged?") from exc


def read_pages(data: bytes, source: str) -> list[ImagePage]:
    """Every page (frame) of an image file with its size in points; each is decoded once here, to
    catch a damaged file before OCR, and kept only as its size: `load_page` decodes it again
    when its OCR is due (a 200-page TIFF is never held in memory at once)."""
    image = _open(data, source)
    pages = []
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            frame.load()
            xdpi, ydpi = _dpi(frame)
            pages.append(ImagePage(index, round(frame.width / xdpi * 72, 2), round(frame.height / ydpi * 72, 2), 72 / xdpi))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise CorruptDocumentError(source, f"the image cannot be decoded ({exc}): truncated or damaged?") from exc
    if not pages:
        raise CorruptDocumentError(source, "the image file holds no image")
    return pages


def load_page(data: bytes, source: str, index: int) -> Image.Image:
    """Frame `index`, grayscale (or 1-bit, as a G4 scan is), ready for OCR."""
    image = _open(data, source)
    image.seek(index)
    image.load()
    return image.copy() if image.mode in ("1", "L") else image.convert("L")


__all__ = ["ImagePage", "image_format", "load_page", "read_pages"]
