"""Page preparation before OCR: colour stamps out, text lines upright and level.

A scanner hands over pages turned a quarter or half turn, fed in at a slant, and with a red seal
or a blue receipt stamp over the lines of text (the signer's position and name are printed
under the seal). Tesseract reads none of that well: a 3 degree slant takes its word error from
2 % to 40 % while its own confidence stays high, and a page upside down comes out as noise.
Each step here is measured on a small copy of the page, so a page that needs nothing pays
little more than the measuring (benchmarks/scans.py prints the overhead):

- stamps: on a page rendered in colour, red and blue marks the size of a seal or stamp are
  taken out by colour (each pixel there becomes its brightest channel: red or blue ink turns
  pale, black print under it stays black); smaller coloured marks, a number written in by hand,
  are kept as they are;
- quarter turns: the ink's row profile against its column profile says whether text lines run
  across or down the page; down the page, Tesseract's orientation detection (OSD) says which
  way to turn it;
- slant: the angle at which the rows of ink line up best (projection profile over the ink's
  coordinates), corrected when it is large enough to matter.

Everything is recorded on the Page (`PagePreparation`), and word boxes read from the prepared
image are mapped back onto the page as it is in the PDF (`Transform.to_source`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

# The page is measured at this resolution: a 300 dpi page reduced 4 times.
ANALYSIS_DPI = 75
# Ink in the reduced page: darker than this share of the paper's brightness.
INK_SHARE = 0.75
# Slants searched (degrees either way) and the steps of the coarse and the fine search.
MAX_SKEW = 8.0
COARSE_STEP = 0.5
FINE_STEP = 0.05
# Smaller slants are left alone: Tesseract copes with them, and turning a page costs ~0.2 s.
MIN_SKEW = 0.3
# Text lines run down the page when the column profile is this much peakier than the row profile.
VERTICAL_RATIO = 1.5
# Too little ink to measure anything: a blank or nearly blank page is left as it is.
MIN_INK_POINTS = 2000
# Points of ink the slant search looks at, at most (taken evenly from the page's ink).
MAX_INK_POINTS = 150_000

# Colour: a pixel is coloured ink when its channels spread this far apart (0-255) ...
MIN_SATURATION = 60
# ... and a seal or stamp is a coloured mark at least this large both ways (millimetres): a
# seal is 35-42 mm across, a receipt stamp 20 by 40 mm; a handwritten digit is under 10 mm.
STAMP_MIN_MM = 14.0
# Colour is judged on cells of this size (millimetres); a cell is coloured when this share of
# its pixels are.
CELL_MM = 2.0
CELL_SHARE = 0.02
# A page whose coloured stamp pixels are under this share of its area is kept in grey.
MIN_STAMP_SHARE = 0.0005


@dataclass(frozen=True)
class Profile:
    """The best slant of one direction of the ink and how sharply the ink lines up there."""

    angle: float  # degrees, counter-clockwise positive (text rising to the right)
    peakiness: float  # squared coefficient of variation of the projection profile at that angle


def reduce_for_analysis(image: Image.Image, dpi: float) -> Image.Image:
    """A grey copy of the page at about ANALYSIS_DPI."""
    grey = image if image.mode == "L" else image.convert("L")
    factor = max(1, round(dpi / ANALYSIS_DPI))
    return grey.reduce(factor) if factor > 1 else grey


def ink_points(small: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of the ink pixels of a reduced page, thinned evenly to MAX_INK_POINTS."""
    pixels = np.asarray(small, dtype=np.uint8)
    paper = float(np.percentile(pixels, 90)) if pixels.size else 255.0
    ys, xs = np.nonzero(pixels < paper * INK_SHARE)
    if len(xs) > MAX_INK_POINTS:
        step = math.ceil(len(xs) / MAX_INK_POINTS)
        xs, ys = xs[::step], ys[::step]
    return xs.astype(np.float64), ys.astype(np.float64)


def _peakiness(along: np.ndarray, across: np.ndarray, angle: float) -> float:
    """How sharply the points line up in rows at `angle` (rows rising to the right for angle > 0)."""
    proj = np.rint(across + along * math.tan(math.radians(angle))).astype(np.int64)
    proj -= proj.min()
    h = np.bincount(proj).astype(np.float64)
    mean = h.mean()
    return float(((h * h).mean() - mean * mean) / (mean * mean)) if mean else 0.0


def best_profile(along: np.ndarray, across: np.ndarray) -> Profile:
    """The slant in [-MAX_SKEW, MAX_SKEW] at which the ink lines up best: a coarse search, then a
    fine one around the best coarse angle. Ties go to the smaller angle (deterministic)."""
    if len(along) < MIN_INK_POINTS:
        return Profile(0.0, 0.0)

    def search(angles):
        scored = [(_peakiness(along, across, a), -abs(a), a) for a in angles]
        best = max(scored)
        return best[2], best[0]

    coarse = np.round(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP), 4)
    angle, _ = search(coarse)
    fine = np.round(np.arange(angle - COARSE_STEP, angle + COARSE_STEP + 1e-9, FINE_STEP), 4)
    angle, score = search(fine)
    return Profile(round(float(angle), 2) + 0.0, round(score, 4))  # + 0.0: no '-0.0'


@dataclass(frozen=True)
class Layout:
    """How the text lines of a page lie: across or down the page, and their slant."""

    vertical: bool  # lines run down the page: a quarter turn is needed
    skew: float  # degrees, counter-clockwise positive, of rows of ink (meaningful when not vertical)
    across: float  # peakiness of the row profile
    down: float  # peakiness of the column profile
    measured: bool  # enough ink to say anything


def measure_layout(image: Image.Image, dpi: float) -> Layout:
    """Orientation class (across or down) and slant of the text lines, from a reduced copy."""
    xs, ys = ink_points(reduce_for_analysis(image, dpi))
    if len(xs) < MIN_INK_POINTS:
        return Layout(False, 0.0, 0.0, 0.0, False)
    rows = best_profile(xs, ys)
    # Lines running down the page: the same search with x and y swapped. Their slant is measured
    # again once the page is turned (`skew` is the rows' slant).
    cols = best_profile(ys, xs)
    vertical = cols.peakiness > VERTICAL_RATIO * rows.peakiness
    return Layout(vertical, rows.angle, rows.peakiness, cols.peakiness, True)


def osd_rotation(image: Image.Image) -> tuple[int, float] | None:
    """Tesseract's orientation detection: (degrees to turn the page clockwise to read it: 0, 90,
    180 or 270, its confidence), or None when it finds too little text to say."""
    image = image if image.mode in ("1", "L", "RGB") else image.convert("L")
    image.format = "BMP"
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return None
    return int(osd["rotate"]) % 360, round(float(osd["orientation_conf"]), 2)


_QUARTER = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def turn_clockwise(image: Image.Image, degrees: int) -> Image.Image:
    """The page turned clockwise by a multiple of 90 degrees, exactly (no resampling)."""
    degrees %= 360
    return image.transpose(_QUARTER[degrees]) if degrees else image


def level(image: Image.Image, skew: float) -> Image.Image:
    """The page turned back by its slant (`skew` degrees counter-clockwise), grown so no corner
    is cut off; the new corners are paper."""
    fill = 255 if image.mode in ("L", "1") else (255,) * len(image.getbands())
    source = image.convert("L") if image.mode == "1" else image
    return source.rotate(-skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


@dataclass(frozen=True)
class Transform:
    """How a prepared page image lies over the rendered one: a clockwise quarter turn, then a
    turn of -skew degrees about the centre (grown to fit). Maps boxes back."""

    source_size: tuple[int, int]
    quarter: int = 0
    skew: float = 0.0
    turned_size: tuple[int, int] | None = None  # after the quarter turn
    final_size: tuple[int, int] | None = None  # after levelling

    def to_source(self, x: float, y: float) -> tuple[float, float]:
        """A point of the prepared image, in the rendered page's pixels."""
        if self.skew and self.turned_size and self.final_size:
            # Undo PIL's rotate(-skew, expand=True): about the centres of both images.
            fw, fh = self.final_size
            tw, th = self.turned_size
            t = math.radians(-self.skew)
            dx, dy = x - fw / 2, y - fh / 2
            x = tw / 2 + dx * math.cos(t) - dy * math.sin(t)
            y = th / 2 + dx * math.sin(t) + dy * math.cos(t)
        w, h = self.source_size
        if self.quarter == 90:  # turned clockwise: its (x, y) was the source's (y, h - x)
            return y, h - x
        if self.quarter == 180:
            return w - x, h - y
        if self.quarter == 270:
            return w - y, x
        return x, y

    def box_to_source(self, left: float, top: float, right: float, bottom: float) -> tuple[float, float, float, float]:
        """A box of the prepared image as the box around its four corners on the rendered page."""
        corners = [self.to_source(x, y) for x in (left, right) for y in (top, bottom)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        w, h = self.source_size
        return max(0.0, min(xs)), max(0.0, min(ys)), min(float(w), max(xs)), min(float(h), max(ys))


@dataclass(frozen=True)
class StampRemoval:
    image: Image.Image  # grey
    share: float  # share of the page's pixels that were seal or stamp ink, taken out


def remove_stamps(image: Image.Image, dpi: float) -> StampRemoval:
    """A colour page in grey, with its red and blue seals and stamps taken out by colour.

    Coloured ink is found on a grid of CELL_MM cells; a group of touching coloured cells at least
    STAMP_MIN_MM both ways is a seal or stamp, and there every pixel becomes its brightest
    channel (red or blue ink is bright in its own channel, black print is dark in all three).
    Elsewhere the page is plain grey, so a number written in by hand in blue ink is still read.
    """
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    grey = np.asarray(image.convert("L"), dtype=np.uint8).copy()
    hi, lo = rgb.max(axis=2), rgb.min(axis=2)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # Red (and its purple and pink), or blue: never green or yellow highlighter, nor brown paper.
    hue_ok = ((r >= g) & (r - g >= MIN_SATURATION)) | ((b >= r) & (b - g >= MIN_SATURATION // 2) & (b - r >= MIN_SATURATION // 2))
    coloured = (hi - lo >= MIN_SATURATION) & hue_ok
    if not coloured.any():
        return StampRemoval(Image.fromarray(grey, "L"), 0.0)
    cell = max(1, round(CELL_MM / 25.4 * dpi))
    h, w = coloured.shape
    gh, gw = math.ceil(h / cell), math.ceil(w / cell)
    padded = np.zeros((gh * cell, gw * cell), dtype=bool)
    padded[:h, :w] = coloured
    cells = padded.reshape(gh, cell, gw, cell).mean(axis=(1, 3)) >= CELL_SHARE
    stamps = np.zeros_like(cells)
    min_cells = STAMP_MIN_MM / CELL_MM
    for comp in _components(cells):
        rows, cols = comp[:, 0], comp[:, 1]
        if rows.max() - rows.min() + 1 >= min_cells and cols.max() - cols.min() + 1 >= min_cells:
            stamps[rows, cols] = True
    if not stamps.any():
        return StampRemoval(Image.fromarray(grey, "L"), 0.0)
    area = np.repeat(np.repeat(stamps, cell, axis=0), cell, axis=1)[:h, :w]
    share = float((coloured & area).sum()) / (h * w)
    grey[area] = hi[area].astype(np.uint8)
    return StampRemoval(Image.fromarray(grey, "L"), round(share, 4))


def _components(cells: np.ndarray) -> list[np.ndarray]:
    """Groups of touching true cells (8-neighbourhood), each as an array of (row, col)."""
    seen = np.zeros_like(cells)
    out = []
    for start in zip(*np.nonzero(cells)):
        if seen[start]:
            continue
        seen[start] = True
        stack, comp = [start], []
        while stack:
            r, c = stack.pop()
            comp.append((r, c))
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < cells.shape[0] and 0 <= cc < cells.shape[1] and cells[rr, cc] and not seen[rr, cc]:
                        seen[rr, cc] = True
                        stack.append((rr, cc))
        out.append(np.array(comp))
    return out


COLOUR_SPACES = frozenset({2, 3, 5, 6, 9, 10})  # FPDF_COLORSPACE_ DEVICERGB, DEVICECMYK, CALRGB, LAB, DEVICEN, INDEXED


def page_has_colour(page) -> bool:
    """Does a PDF page hold a colour image (or one whose colour PDFium cannot tell)? Only such
    pages are rendered in colour: a 1-bit or grey scan has no colour to separate."""
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        try:
            meta = obj.get_metadata()
        except Exception:  # noqa: BLE001 - metadata PDFium cannot read: render in colour and look
            return True
        if meta.bits_per_pixel >= 24 or meta.colorspace in COLOUR_SPACES:
            return True
        if meta.colorspace == 7 and meta.bits_per_pixel not in (1, 8):  # ICC-based, not grey
            return True
    return False


__all__ = [
    "ANALYSIS_DPI",
    "Layout",
    "MIN_SKEW",
    "Profile",
    "StampRemoval",
    "Transform",
    "best_profile",
    "level",
    "measure_layout",
    "osd_rotation",
    "page_has_colour",
    "remove_stamps",
    "turn_clockwise",
]
