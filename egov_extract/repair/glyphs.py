"""How alike two characters look in print: a prior for OCR confusions never seen in training.

The training renders show how Tesseract reads Vietnamese in the fonts we have, but the legacy
archive was read by older engines from worse scans, which also wrote '€' for 'ề', '&' for 'ở'
and 'P' for 'Đ'. Those pairs look alike on paper; their likeness, measured on rendered glyphs,
gives the channel a small probability for them instead of none.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont


# What English-mode Tesseract can write: ASCII and the Latin-1 letters and symbols of its charset.
OCR_OUTPUTS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "&@$%#€¢£¥§©®°àáâäèéêëìíîïòóôöùúûüýÿçñÀÁÂÈÉÊÌÍÒÓÔÙÚÜÇ"
)
_W, _H = 16, 24


@lru_cache(maxsize=None)
def _bitmap(ch: str, font_path: str) -> tuple[int, ...]:
    font = ImageFont.truetype(font_path, 64)
    image = Image.new("L", (120, 140), 0)
    ImageDraw.Draw(image).text((20, 110), ch, font=font, fill=255, anchor="ls")
    box = image.getbbox()
    if box is None:
        return tuple([0] * (_W * _H))
    glyph = image.crop(box).resize((_W, _H), Image.Resampling.BILINEAR)
    return tuple(1 if v > 100 else 0 for v in glyph.tobytes())


def similarity(a: str, b: str) -> float:
    """Dice overlap of the two glyphs' normalised bitmaps, averaged over the training fonts."""
    from .garble import available_fonts  # training-time only: keeps rendering out of import

    scores = []
    for path in (font.path for font in available_fonts()):
        x, y = _bitmap(a, path), _bitmap(b, path)
        inter = sum(p & q for p, q in zip(x, y))
        total = sum(x) + sum(y)
        scores.append(2 * inter / total if total else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def confusable(true_chars: list[str], min_similarity: float = 0.6) -> dict[str, dict[str, float]]:
    """For each true character, the OCR outputs that look like it, with their similarity."""
    table: dict[str, dict[str, float]] = {}
    for c in true_chars:
        row = {}
        for out in OCR_OUTPUTS:
            s = similarity(c, out)
            if s >= min_similarity:
                row[out] = round(s, 3)
        if row:
            table[c] = row
    return table
