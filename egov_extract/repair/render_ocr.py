"""Make (clean line, English-OCR line) pairs: render clean Vietnamese as page images, OCR them
with `tesseract -l eng`, align the lines.

This reproduces how the legacy archive was made (Vietnamese scanned, OCR'd in English mode),
so it yields unlimited training and test data for the OCR channel from clean text.

    python -m egov_extract.repair.render_ocr OUT.jsonl FILE [FILE ...] [--pages-per-file 4] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .syllables import fold

FONTS = {
    "liberation-serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "texgyre-termes": "/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf",
    "dejavu-serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
}
VIETNAMESE_SAMPLE = "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựđĐƯƠ"
PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 64.0


@dataclass(frozen=True)
class Noise:
    """Scan conditions: resolution, blur, 1-bit thresholding, speckle."""

    dpi: int = 300
    blur: float = 0.0
    binarize: bool = False
    speckle: float = 0.0  # share of pixels flipped


NOISES = (
    Noise(300, 0.0, False, 0.0),
    Noise(300, 0.7, True, 0.0005),
    Noise(200, 0.5, True, 0.0),
    Noise(300, 1.0, False, 0.001),
)


def available_fonts() -> dict[str, str]:
    """Fonts on this machine that draw every Vietnamese letter (no missing-glyph boxes)."""
    found = {}
    for name, path in FONTS.items():
        if not Path(path).exists():
            continue
        font = ImageFont.truetype(path, 40)

        def shape(text: str) -> bytes:
            image = Image.new("L", (60, 60), 0)
            ImageDraw.Draw(image).text((5, 50), text, font=font, fill=255, anchor="ls")
            return image.tobytes()

        missing = shape("\uffff")
        if all(shape(ch) != missing for ch in VIETNAMESE_SAMPLE):
            found[name] = path
    return found


def wrap(text: str, font_path: str, size_pt: float = 12.5) -> list[str]:
    """Paragraphs of `text` wrapped to an A4 text width, one list entry per printed line."""
    font = ImageFont.truetype(font_path, 100)
    width = (PAGE_W - 2 * MARGIN) * 100 / size_pt
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        line: list[str] = []
        for word in words:
            trial = " ".join(line + [word])
            if line and font.getlength(trial) > width:
                lines.append(" ".join(line))
                line = [word]
            else:
                line.append(word)
        if line:
            lines.append(" ".join(line))
    return lines


def render(lines: list[str], font_path: str, noise: Noise, seed: int, size_pt: float = 12.5) -> Image.Image:
    """One page image of `lines`, deterministic for a seed."""
    scale = noise.dpi / 72.0
    image = Image.new("L", (round(PAGE_W * scale), round(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, round(size_pt * scale))
    leading = size_pt * 1.45
    for i, line in enumerate(lines):
        draw.text((MARGIN * scale, (MARGIN + size_pt + i * leading) * scale), line, font=font, fill=0, anchor="ls")
    if noise.blur:
        image = image.filter(ImageFilter.GaussianBlur(noise.blur))
    if noise.binarize:
        image = image.point(lambda v: 0 if v < 150 else 255)
    if noise.speckle:
        rng = random.Random(seed)
        pixels = image.load()
        for _ in range(int(image.width * image.height * noise.speckle)):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = 255 - pixels[x, y]
    return image


def ocr_eng(image: Image.Image) -> list[str]:
    """Tesseract in English mode, non-empty lines."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image.format = "BMP"
    text = pytesseract.image_to_string(image, lang="eng")
    return [line for line in text.split("\n") if line.strip()]


def align_lines(clean: list[str], seen: list[str], min_score: float = 50.0) -> list[tuple[str, str]]:
    """Monotone alignment of printed lines to OCR lines on their diacritic-free text."""
    a = [fold(x).lower() for x in clean]
    b = [fold(x).lower() for x in seen]
    n, m = len(a), len(b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            s = fuzz.ratio(a[i - 1], b[j - 1])
            score[i][j] = max(score[i - 1][j], score[i][j - 1], score[i - 1][j - 1] + (s if s >= min_score else -1e9))
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        s = fuzz.ratio(a[i - 1], b[j - 1])
        if s >= min_score and score[i][j] == score[i - 1][j - 1] + s:
            pairs.append((clean[i - 1], seen[j - 1]))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


@dataclass(frozen=True)
class PageJob:
    source: str
    page: int
    font: str
    noise: Noise
    lines: tuple[str, ...]
    seed: int


def page_jobs(files: list[Path], pages_per_file: int, seed: int, lines_per_page: int = 36) -> list[PageJob]:
    """Pages taken from several places of each document, fonts and noise cycled."""
    fonts = available_fonts()
    names = sorted(fonts)
    jobs = []
    k = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = wrap(text, fonts[names[0]])
        pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
        if not pages:
            continue
        rng = random.Random(f"{seed}:{path.name}")
        picks = sorted(rng.sample(range(len(pages)), min(pages_per_file, len(pages))))
        for p in picks:
            font_name = names[k % len(names)]
            page_lines = wrap("\n".join(pages[p]), fonts[font_name])[:lines_per_page]
            jobs.append(PageJob(path.name, p + 1, font_name, NOISES[k % len(NOISES)], tuple(page_lines), seed + k))
            k += 1
    return jobs


def run_job(job: PageJob) -> list[dict]:
    image = render(list(job.lines), available_fonts()[job.font], job.noise, job.seed)
    seen = ocr_eng(image)
    return [
        {"source": job.source, "page": job.page, "font": job.font, "noise": asdict(job.noise), "line": i,
         "clean": clean, "ocr": ocr}
        for i, (clean, ocr) in enumerate(align_lines(list(job.lines), seen))
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--pages-per-file", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    jobs = page_jobs(args.files, args.pages_per_file, args.seed)
    rows: list[dict] = []
    with ThreadPoolExecutor(args.workers) as pool:
        for result in pool.map(run_job, jobs):
            rows += result
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    errors = sum(Levenshtein.distance(r["clean"].split(), r["ocr"].split()) for r in rows)
    size = sum(len(r["clean"].split()) for r in rows)
    printed = sum(len(j.lines) for j in jobs)
    print(f"{len(jobs)} pages, {len(rows)} of {printed} lines aligned, {time.perf_counter() - start:.0f} s, "
          f"raw syllable error {100 * errors / max(size, 1):.1f} %")


if __name__ == "__main__":
    main()
