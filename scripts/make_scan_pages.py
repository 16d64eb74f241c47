"""Degraded scans of held-out corpus text, with their ground truth: the pages of
benchmarks/scans.py and of the page-preparation tests.

Each page is a decision or report page: a header (number and place-date), body lines taken from
a held-out document of corpora/split.json, and a signature block. It is drawn as a scanner would
give it, in one of the kinds below, and wrapped in a PDF (the way scans reach the pipeline):

    upright              300 dpi grey, clean: the reference
    bilevel-200dpi       1-bit at 200 dpi, as the real scans in corpora/pdfs
    specks               1-bit 200 dpi photocopy: thinned strokes and black specks
    grey-8bit            8-bit grey at 200 dpi: grey paper, soft ink, sensor noise
    rotate-90/180/270    the upright page turned clockwise by that much
    skew+0.5 ... skew-5  the upright page slanted (degrees, counter-clockwise positive)
    red-seal             colour: a red seal and a blue signature over the signature block
    seal-1bit            the red-seal page scanned 1-bit at 200 dpi: the seal is black, as in corpora/pdfs
    receipt-stamp        colour: a purple receipt stamp ('CÔNG VĂN ĐẾN') over the body text
    handwritten-digits   the header's number, day and month written in (a script font, blue ink)
    two-columns          the body set in two columns

    python scripts/make_scan_pages.py OUT_DIR [KIND ...]   # writes KIND.pdf, KIND.png, KIND.truth.txt

Needs reportlab (dev extras), a serif font with Vietnamese glyphs (fonts-dejavu-core) and, for
handwritten digits, Dancing Script (Debian fonts-dancingscript, OFL); scripts/setup.sh dev installs both.
Every page is drawn from fixed seeds: the same call gives the same pixels.
"""

from __future__ import annotations

import time
import io
import json
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import regex
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixture_pdfs import FONT_SIZE, LEADING, MARGIN, PAGE_H, PAGE_W, find_font  # noqa: E402

SCRIPT_FONTS = (
    "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
    "/usr/share/fonts/truetype/dancingscript/DancingScript-Regular.ttf",
)
BODY_LINES = 30
GUTTER = 24.0  # points between two columns
COLUMN_WIDTH = (PAGE_W - 2 * MARGIN - GUTTER) / 2
COLUMN_SIZE = 0.92  # type size of a column, against the page's
KINDS = (
    "upright",
    "bilevel-200dpi",
    "specks",
    "grey-8bit",
    "rotate-90",
    "rotate-180",
    "rotate-270",
    "skew+0.5",
    "skew-1",
    "skew+2",
    "skew-3",
    "skew+5",
    "red-seal",
    "seal-1bit",
    "receipt-stamp",
    "handwritten-digits",
    "two-columns",
)
# Held-out documents whose text is drawn (corpora/split.json 'heldout': never training text).
SOURCES = ("reports/548693349b18e8cf.txt", "reports/e1d32e33e6daa23a.txt", "seeds/004_116e690cb2a70203.txt")
ISSUERS = (("UBND", "UBND TỈNH AN GIANG"), ("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), ("SNV", "SỞ NỘI VỤ"))
PLACES = ("An Giang", "Hải Phòng", "Cần Thơ")


def find_script_font() -> str:
    found = next((path for path in SCRIPT_FONTS if Path(path).exists()), None)
    if found is None:
        raise SystemExit("no script font for handwritten digits; apt-get install fonts-dancingscript")
    return found


@dataclass(frozen=True)
class Header:
    serial: int
    code: str  # 'BC-UBND'
    issuer: str
    place: str
    day: int
    month: int
    year: int

    @property
    def number_line(self) -> str:
        return f"Số: {self.serial}/{self.code}"

    @property
    def date_line(self) -> str:
        return f"{self.place}, ngày {self.day} tháng {self.month} năm {self.year}"


SIGNER = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Thành")


@dataclass(frozen=True)
class Source:
    """What a page says: the ground truth every kind is drawn from."""

    header: Header
    body: tuple[str, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        h = self.header
        return (h.issuer, h.number_line, h.date_line, *self.body, *SIGNER)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _clean_paragraphs(text: str) -> list[str]:
    """Paragraphs of a corpus file without Markdown marks or table rules."""
    out = []
    for para in regex.split(r"\n\s*\n", text):
        para = regex.sub(r"[*#|_`]+|<[^>]+>", " ", para)
        para = " ".join(para.split())
        if len(para) > 40 and not regex.fullmatch(r"[-–: ]+", para):
            out.append(para)
    return out


def wrap(paragraphs: list[str], font_path: str, width: float, size: float = FONT_SIZE) -> list[str]:
    font = ImageFont.truetype(font_path, 100)
    scale = size / 100
    lines: list[str] = []
    for para in paragraphs:
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if font.getlength(trial) * scale <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
    return lines


# What the page windows are chosen for: figures with separators or decimals, percentages, dates.
_FIGURE = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+(?:,\d+)?\s*%|\d{1,2}/\d{1,2}/\d{4}")


def source_pages(font_path: str, n: int = 3, width: float = PAGE_W - 2 * MARGIN) -> list[Source]:
    """`n` pages of held-out text (the window of each document richest in figures), with headers
    made from a fixed seed."""
    held = set(json.loads((CORPORA / "split.json").read_text(encoding="utf-8"))["heldout"])
    rng = random.Random(20)
    pages = []
    for k, name in enumerate(SOURCES[:n] if n <= len(SOURCES) else SOURCES):
        assert name in held, f"{name} is not held-out text"
        lines = wrap(_clean_paragraphs((CORPORA / name).read_text(encoding="utf-8")), font_path, width)
        lines = [line for line in lines if not line.isupper() or len(line) < 30]
        best = max(range(0, max(1, len(lines) - BODY_LINES)), key=lambda i: (sum(len(_FIGURE.findall(x)) for x in lines[i : i + BODY_LINES]), -i))
        code, issuer = ISSUERS[k % len(ISSUERS)]
        header = Header(rng.randint(101, 2999), f"BC-{code}", issuer, PLACES[k % len(PLACES)], rng.randint(10, 28), rng.randint(1, 12), 2025)
        pages.append(Source(header, tuple(lines[best : best + BODY_LINES])))
    return pages


@dataclass
class Canvas:
    """A page drawn at some resolution, in grey or colour; positions in points."""

    dpi: int
    colour: bool = False
    image: Image.Image = field(init=False)

    def __post_init__(self):
        size = (round(PAGE_W * self.dpi / 72), round(PAGE_H * self.dpi / 72))
        self.image = Image.new("RGB" if self.colour else "L", size, (255, 255, 255) if self.colour else 255)

    def px(self, v: float) -> int:
        return round(v * self.dpi / 72)

    def text(self, x: float, baseline: float, s: str, font_path: str, size: float = FONT_SIZE, fill=0, anchor="ls"):
        font = ImageFont.truetype(font_path, self.px(size))
        if self.colour and isinstance(fill, int):
            fill = (fill, fill, fill)
        ImageDraw.Draw(self.image).text((self.px(x), self.px(baseline)), s, font=font, fill=fill, anchor=anchor)
        return font.getlength(s) * 72 / self.dpi


def draw_source(src: Source, canvas: Canvas, font: str, script_font: str | None = None, columns: int = 1) -> None:
    """Header, body and signature block; with `script_font` the header's serial, day and month
    are written in by hand (blue ink on a colour canvas)."""
    h = src.header
    y = MARGIN + FONT_SIZE
    canvas.text(MARGIN, y, h.issuer, font)
    y += LEADING * 1.5
    ink = (30, 50, 150) if canvas.colour else 40
    if script_font:
        x = MARGIN + canvas.text(MARGIN, y, "Số: ", font)
        x += canvas.text(x, y, str(h.serial), script_font, FONT_SIZE * 1.35, fill=ink)
        canvas.text(x, y, f"/{h.code}", font)
    else:
        canvas.text(MARGIN, y, h.number_line, font)
    y += LEADING
    if script_font:
        x = MARGIN + canvas.text(MARGIN, y, f"{h.place}, ngày ", font)
        x += canvas.text(x, y, str(h.day), script_font, FONT_SIZE * 1.35, fill=ink)
        x += canvas.text(x, y, " tháng ", font)
        x += canvas.text(x, y, str(h.month), script_font, FONT_SIZE * 1.35, fill=ink)
        canvas.text(x, y, f" năm {h.year}", font)
    else:
        canvas.text(MARGIN, y, h.date_line, font)
    y += LEADING * 1.5
    if columns == 1:
        for line in src.body:
            canvas.text(MARGIN, y, line, font)
            y += LEADING
    else:
        half = math.ceil(len(src.body) / 2)
        for col, start in enumerate((0, half)):
            x = MARGIN + col * (COLUMN_WIDTH + GUTTER)
            for i, line in enumerate(src.body[start : start + half]):
                canvas.text(x, y + i * LEADING, line, font, FONT_SIZE * COLUMN_SIZE)
        y += half * LEADING
    y += LEADING
    x = PAGE_W - MARGIN - 160
    canvas.text(x + 80, y, SIGNER[0], font, anchor="ms")
    canvas.text(x + 80, y + LEADING, SIGNER[1], font, anchor="ms")
    canvas.text(x + 80, y + LEADING * 5, SIGNER[2], font, anchor="ms")


def signature_centre(src: Source, columns: int = 1) -> tuple[float, float]:
    """Where the signature block stands (points): the seal goes over it."""
    rows = len(src.body) if columns == 1 else math.ceil(len(src.body) / 2)
    y = MARGIN + FONT_SIZE + LEADING * 4 + rows * LEADING + LEADING
    return PAGE_W - MARGIN - 80 - 40, y + LEADING * 2


def _multiply(base: Image.Image, layer: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """Ink of `colour` laid over the page where `layer` (L, 255 = ink) is, as ink over ink mixes:
    the page's dark print stays dark under it."""
    ink = Image.new("RGB", base.size, colour)
    tinted = Image.composite(ink, Image.new("RGB", base.size, (255, 255, 255)), layer)
    return Image.fromarray(_np_multiply(base, tinted))


def _np_multiply(a: Image.Image, b: Image.Image):
    import numpy as np

    return (np.asarray(a, dtype=np.uint16) * np.asarray(b, dtype=np.uint16) // 255).astype(np.uint8)


def seal_layer(size: tuple[int, int], centre: tuple[int, int], radius: int, font: str, rng: random.Random) -> Image.Image:
    """A round seal: two rings, words around, a star in the middle; some ink missing."""
    layer = Image.new("L", size, 0)
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    for r, w in ((radius, max(3, radius // 22)), (round(radius * 0.72), max(2, radius // 40))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=w)
    f = ImageFont.truetype(font, max(8, radius // 6))
    words = "ỦY BAN NHÂN DÂN TỈNH AN GIANG *"
    for i, ch in enumerate(words):
        a = math.pi * (0.9 + 1.2 * i / len(words))
        x, y = cx + 0.86 * radius * math.cos(a), cy + 0.86 * radius * math.sin(a)
        d.text((x, y), ch, font=f, fill=255, anchor="mm")
    star = [(cx + radius * 0.35 * math.cos(math.pi / 2 + k * 4 * math.pi / 5), cy - radius * 0.35 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=255)
    # Uneven pressure: specks of the seal's ink missing.
    for _ in range(radius * 3):
        x, y = rng.randint(cx - radius, cx + radius), rng.randint(cy - radius, cy + radius)
        d.ellipse((x - 2, y - 2, x + 2, y + 2), fill=0)
    return layer.filter(ImageFilter.GaussianBlur(1))


def signature_layer(size: tuple[int, int], origin: tuple[int, int], width: int, rng: random.Random) -> Image.Image:
    layer = Image.new("L", size, 0)
    d = ImageDraw.Draw(layer)
    x0, y0 = origin
    points = [(x0 + width * t / 40, y0 + math.sin(t * 0.9) * width * 0.08 + rng.uniform(-3, 3)) for t in range(41)]
    d.line(points, fill=255, width=max(3, width // 80), joint="curve")
    return layer


def stamp_layer(size: tuple[int, int], box: tuple[int, int, int, int], font: str, script_font: str | None) -> Image.Image:
    """A receipt stamp: a frame with 'CÔNG VĂN ĐẾN', a number and a date written in."""
    layer = Image.new("L", size, 0)
    d = ImageDraw.Draw(layer)
    x0, y0, x1, y1 = box
    h = y1 - y0
    d.rectangle(box, outline=255, width=max(3, h // 40))
    f = ImageFont.truetype(font, h // 6)
    d.text(((x0 + x1) // 2, y0 + h // 5), "CÔNG VĂN ĐẾN", font=f, fill=255, anchor="mm")
    d.text((x0 + h // 8, y0 + h // 2), "Số: .........", font=f, fill=255, anchor="lm")
    d.text((x0 + h // 8, y0 + 4 * h // 5), "Ngày: ........", font=f, fill=255, anchor="lm")
    hand = ImageFont.truetype(script_font or font, h // 4)
    d.text((x0 + h, y0 + h // 2), "1114", font=hand, fill=255, anchor="lm")
    d.text((x0 + h, y0 + 4 * h // 5), "14/5", font=hand, fill=255, anchor="lm")
    return layer


def to_bilevel(image: Image.Image, threshold: int = 150) -> Image.Image:
    return image.convert("L").point(lambda v: 255 if v >= threshold else 0).convert("1")


@dataclass(frozen=True)
class ScanPage:
    kind: str
    image: Image.Image  # as scanned: mode 1, L or RGB
    dpi: int
    truth: str
    source: Source


def make_page(kind: str, src: Source, seed: int = 0) -> ScanPage:
    """One page of `src` as a scan of the given kind."""
    font = find_font()
    rng = random.Random(f"{kind}/{seed}")
    if kind in ("bilevel-200dpi", "specks", "grey-8bit"):
        canvas = Canvas(200)
        draw_source(src, canvas, font)
        image = canvas.image
        if kind == "bilevel-200dpi":
            image = to_bilevel(image.filter(ImageFilter.GaussianBlur(0.5)))
        elif kind == "specks":
            # A photocopy of a photocopy: strokes thinned (a low threshold after blurring), some broken.
            image = to_bilevel(image.filter(ImageFilter.GaussianBlur(0.9)), 105).convert("L")
            d = ImageDraw.Draw(image)
            w, h = image.size
            for _ in range(900):
                x, y, r = rng.randint(0, w), rng.randint(0, h), rng.choice((0, 0, 1, 1, 2))
                d.ellipse((x - r, y - r, x + r, y + r), fill=0)
            image = image.convert("1")
        else:
            import numpy as np

            grey = np.asarray(image.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float64)
            grey = 60 + grey * (225 - 60) / 255  # soft ink on grey paper
            noise = np.random.default_rng(seed).normal(0, 9, grey.shape)
            image = Image.fromarray(np.clip(grey + noise, 0, 255).astype(np.uint8), "L")
        return ScanPage(kind, image, 200, src.text, src)
    if kind == "seal-1bit":
        page = make_page("red-seal", src, seed)
        grey = page.image.convert("L").resize((round(PAGE_W * 200 / 72), round(PAGE_H * 200 / 72)), Image.Resampling.LANCZOS)
        return ScanPage(kind, to_bilevel(grey, 170), 200, page.truth, src)
    colour = kind in ("red-seal", "receipt-stamp", "handwritten-digits")
    canvas = Canvas(300, colour=colour)
    script = find_script_font() if kind == "handwritten-digits" else None
    columns = 2 if kind == "two-columns" else 1
    if columns == 2:  # the body set again in columns of half the width, in a smaller size
        src = Source(src.header, tuple(wrap([" ".join(src.body)], font, COLUMN_WIDTH, FONT_SIZE * COLUMN_SIZE)))
    draw_source(src, canvas, font, script, columns)
    image = canvas.image
    if kind == "red-seal":
        cx, cy = (canvas.px(v) for v in signature_centre(src))
        image = _multiply(image, signature_layer(image.size, (cx - canvas.px(40), cy + canvas.px(8)), canvas.px(150), rng), (40, 60, 170))
        image = _multiply(image, seal_layer(image.size, (cx - canvas.px(12), cy), canvas.px(58), font, rng), (215, 35, 45))
    elif kind == "receipt-stamp":
        top = canvas.px(MARGIN + FONT_SIZE + LEADING * 7)
        box = (canvas.px(MARGIN + 20), top, canvas.px(MARGIN + 20 + 150), top + canvas.px(62))
        image = _multiply(image, stamp_layer(image.size, box, font, find_script_font()), (110, 40, 150))
    elif kind.startswith("rotate-"):
        image = image.rotate(-int(kind.split("-")[1]), expand=True)
    elif kind.startswith("skew"):
        image = image.rotate(float(kind[4:]), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    truth = src.text
    if columns == 2:
        half = math.ceil(len(src.body) / 2)
        truth = "\n".join((*src.lines[:3], *src.body[:half], *src.body[half:], *SIGNER))
    return ScanPage(kind, image, 300, truth, src)


def to_pdf(pages: list[ScanPage]) -> bytes:
    """The pages as a scanned PDF: one image a page, at the page's resolution. 1-bit pages are
    written by Pillow, which keeps them 1-bit as scanners do; grey and colour ones by reportlab
    (PNG inside: lossless)."""
    if all(p.image.mode == "1" for p in pages):
        assert len({p.dpi for p in pages}) == 1, "1-bit pages of one PDF share their resolution"
        out = io.BytesIO()
        fixed = time.strptime("2026-01-01", "%Y-%m-%d")  # no time of writing in the file: the same pages, the same bytes
        pages[0].image.save(
            out, format="PDF", save_all=True, append_images=[p.image for p in pages[1:]], resolution=pages[0].dpi,
            creationDate=fixed, modDate=fixed,
        )
        return out.getvalue()
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setCreator("egov_extract scan fixtures")
    for page in pages:
        w, h = page.image.size
        width, height = w * 72 / page.dpi, h * 72 / page.dpi
        c.setPageSize((width, height))
        buf = io.BytesIO()
        # reportlab stores a 1-bit image as RGB; as 8-bit grey its pixels stay black and white.
        (page.image.convert("L") if page.image.mode == "1" else page.image).save(buf, format="PNG")
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=width, height=height)
        c.showPage()
    c.save()
    return out.getvalue()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    src = source_pages(find_font(), 1)[0]
    for kind in sys.argv[2:] or KINDS:
        page = make_page(kind, src)
        (out_dir / f"{kind}.pdf").write_bytes(to_pdf([page]))
        page.image.save(out_dir / f"{kind}.png")
        (out_dir / f"{kind}.truth.txt").write_text(page.truth, encoding="utf-8")
        print(f"{kind}\t{out_dir / kind}.pdf")
