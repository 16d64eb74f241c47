"""Build test PDFs from clean corpus text: text-layer, image-only (scanned), mixed, and broken ones.

The same wrapped lines are drawn as text (reportlab) and as a 300 dpi page image (Pillow), so
the text-layer and the OCR paths can both be checked against the exact source lines.

    python scripts/make_fixture_pdfs.py OUT_DIR [SOURCE_TEXT]

Needs the dev extras (reportlab, pypdf) and a serif TTF with Vietnamese glyphs
(Debian: fonts-dejavu-core; Liberation 1.x lacks them and renders boxes).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf",
)
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 64.0
FONT_SIZE = 12.0
LEADING = 17.0
DPI = 300
DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "corpora" / "seeds" / "004_116e690cb2a70203.txt"


def find_font() -> str:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    raise SystemExit("no serif font with Vietnamese glyphs found; apt-get install fonts-dejavu-core")


@dataclass(frozen=True)
class Layout:
    """Source text wrapped into pages of lines; the ground truth for every fixture."""

    pages: tuple[tuple[str, ...], ...]

    def page_text(self, index: int) -> str:
        return "\n".join(self.pages[index])


def layout_text(text: str, n_pages: int, font_path: str) -> Layout:
    """Wrap paragraphs of `text` to the page width; take the first `n_pages` full pages."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "FixtureSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FixtureSerif", font_path))
    lines: list[str] = []
    for para in text.split("\n"):
        para = " ".join(para.split())
        if para:
            lines += simpleSplit(para, "FixtureSerif", FONT_SIZE, PAGE_W - 2 * MARGIN)
    per_page = int((PAGE_H - 2 * MARGIN) // LEADING)
    pages = [tuple(lines[i : i + per_page]) for i in range(0, len(lines), per_page)][:n_pages]
    return Layout(tuple(pages))


def render_page_image(lines: tuple[str, ...], font_path: str, noise: bool = False) -> Image.Image:
    """The page as a scanner would give it: 300 dpi grayscale, optionally slightly blurred."""
    scale = DPI / 72.0
    image = Image.new("L", (round(PAGE_W * scale), round(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, round(FONT_SIZE * scale))
    for i, line in enumerate(lines):
        baseline = MARGIN + FONT_SIZE + i * LEADING
        draw.text((MARGIN * scale, baseline * scale), line, font=font, fill=0, anchor="ls")
    if noise:
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    return image


def _canvas(path: Path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setCreator("egov_extract fixtures")
    return c


def _draw_text(c, lines: tuple[str, ...], size: float = FONT_SIZE) -> None:
    c.setFont("FixtureSerif", size)
    for i, line in enumerate(lines):
        c.drawString(MARGIN, PAGE_H - (MARGIN + FONT_SIZE + i * LEADING), line)


def _draw_image(c, image: Image.Image) -> None:
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    c.drawImage(ImageReader(buf), 0, 0, width=PAGE_W, height=PAGE_H)


STAMP_LINES = (
    "Người ký: Ủy ban nhân dân tỉnh",
    "Email: ubnd@example.gov.vn",
    "Cơ quan: Tỉnh An Giang",
    "Thời gian ký: 08.04.2025 10:15:00 +07:00",
)


def build_all(out_dir: Path, source: Path = DEFAULT_SOURCE) -> dict[str, Path]:
    """Write every fixture into out_dir and return name -> path (plus the truth .txt files)."""
    from pypdf import PdfReader, PdfWriter

    out_dir.mkdir(parents=True, exist_ok=True)
    font = find_font()
    layout = layout_text(source.read_text(encoding="utf-8"), 3, font)
    paths: dict[str, Path] = {}

    def truth(name: str, pages: list[str]) -> None:
        path = out_dir / f"{name}.truth.txt"
        path.write_text("\f".join(pages), encoding="utf-8")
        paths[f"{name}.truth"] = path

    # Text layer only.
    paths["text"] = out_dir / "text-layer.pdf"
    c = _canvas(paths["text"])
    for lines in layout.pages:
        _draw_text(c, lines)
        c.showPage()
    c.save()
    truth("text-layer", [layout.page_text(i) for i in range(len(layout.pages))])

    # Image only: what a scanner produces.
    paths["scan"] = out_dir / "scan.pdf"
    c = _canvas(paths["scan"])
    for lines in layout.pages[:2]:
        _draw_image(c, render_page_image(lines, font, noise=True))
        c.showPage()
    c.save()
    truth("scan", [layout.page_text(i) for i in range(2)])

    # Mixed: a text page, a scanned page, and a scanned page under a signature-stamp text layer.
    paths["mixed"] = out_dir / "mixed.pdf"
    c = _canvas(paths["mixed"])
    _draw_text(c, layout.pages[0])
    c.showPage()
    _draw_image(c, render_page_image(layout.pages[1], font))
    c.showPage()
    _draw_image(c, render_page_image(layout.pages[2], font))
    c.setFont("FixtureSerif", 7)
    for i, line in enumerate(STAMP_LINES):
        c.drawString(PAGE_W - 200, PAGE_H - 20 - 9 * i, line)
    c.showPage()
    c.save()
    truth("mixed", [layout.page_text(i) for i in range(3)])

    # Encrypted with a user password.
    paths["encrypted"] = out_dir / "encrypted.pdf"
    writer = PdfWriter(clone_from=PdfReader(paths["text"]))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")  # RC4: no extra crypto package needed
    with paths["encrypted"].open("wb") as fh:
        writer.write(fh)

    # A valid PDF with an empty page tree.
    paths["zero"] = out_dir / "zero-pages.pdf"
    with paths["zero"].open("wb") as fh:
        PdfWriter().write(fh)

    # Truncated in the middle of its content, as an interrupted download leaves it.
    data = paths["text"].read_bytes()
    paths["truncated"] = out_dir / "truncated.pdf"
    paths["truncated"].write_bytes(data[: len(data) // 3])
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    built = build_all(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_SOURCE)
    for name, path in built.items():
        print(f"{name}\t{path}")
