"""English-mode OCR garble on demand: (clean line, garbled line) pairs for the OCR channel.

The legacy archive was made by scanning Vietnamese reports and running Tesseract in *English*
mode, which turns "Kết quả thực hiện" into "Két qua thue hién". This module reproduces that
process from clean text, so the channel can be trained and scored on unlimited aligned data:

1. wrap clean text into lines that fit an A4 text block (`wrap_paragraphs`);
2. draw the lines as a page image in a Times-like serif font with light, seeded scan noise
   (`render_lines`);
3. OCR the page with `tesseract -l eng` (`ocr_eng`);
4. align the clean lines with the OCR lines by dynamic programming on accent-free text
   (`align_lines`).

Everything is seeded: the same text, font, settings and seed give byte-identical pages.

    python -m egov_extract.repair.garble OUT.jsonl FILE [FILE ...] [--fonts all]
        [--pages-per-file 2] [--workers 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .syllables import fold

log = logging.getLogger(__name__)

# Letters a font must draw for Vietnamese: every stacked vowel, the horned vowels and đ/Đ.
VIETNAMESE_GLYPHS = "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựđĐăâêôơưƯƠ"

# A4 page; margins of the government document standard (Nghị định 30/2020: left 30 mm,
# right 20 mm, top and bottom 20 mm), in points.
PAGE_WIDTH_PT = 595.0
PAGE_HEIGHT_PT = 842.0
MARGIN_LEFT_PT = 85.0
MARGIN_RIGHT_PT = 57.0
MARGIN_TOP_PT = 57.0
MARGIN_BOTTOM_PT = 57.0
TEXT_WIDTH_PT = PAGE_WIDTH_PT - MARGIN_LEFT_PT - MARGIN_RIGHT_PT
LEADING = 1.4  # baseline-to-baseline distance as a multiple of the font size

MAX_ROTATION_DEG = 0.5
MIN_SIMILARITY = 50.0  # aligned pairs below this (0-100, accent-free) are dropped as misreads
_ALIGN_OFFSET = 30.0  # a match must beat this similarity to be worth taking in the alignment
_NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no text font maps: draws .notdef


@dataclass(frozen=True)
class FontSpec:
    """A font file and the size it is set in (12-13 pt, as in printed reports)."""

    name: str
    path: str
    size_pt: float = 13.0

    def pil(self, dpi: int) -> ImageFont.FreeTypeFont:
        """The font at `dpi`, basic layout (no shaping library), so rendering is reproducible."""
        return _load_font(self.path, max(1, round(self.size_pt * dpi / 72.0)))

    def text_width_pt(self, text: str) -> float:
        """Printed width of `text` in points (measured at 10x size for sub-point precision)."""
        return _load_font(self.path, round(self.size_pt * 10)).getlength(text) / 10.0


@dataclass(frozen=True)
class NoiseSpec:
    """Scan conditions for one page; all default to a perfect scan.

    blur: gaussian radius in pixels (toner spread, focus); threshold: gray level (0-255) below
    which a pixel turns black in a 1-bit scan, None keeps grayscale (a high threshold thickens
    strokes, a low one thins them and breaks diacritics); rotation: largest skew in degrees
    (<= 0.5), the angle itself is drawn from the seed; speckle: share of pixels flipped to
    black or white (dust, toner dots).
    """

    blur: float = 0.0
    threshold: int | None = None
    rotation: float = 0.0
    speckle: float = 0.0


# (dpi, noise) settings cycled over pages by the CLI: from a clean 300 dpi office scan to a
# skewed, speckled 1-bit 200 dpi one with faded, broken strokes. Rendered in these, corpus text
# OCRs at 78-90 % raw syllable error and 22-28 % character error, where the real legacy garble
# (seed 000 against its clean twin, seed 004) is at 85 % and 24 %.
SCAN_PRESETS: tuple[tuple[int, NoiseSpec], ...] = (
    (300, NoiseSpec(blur=0.8, threshold=None, rotation=0.2, speckle=0.0)),
    (300, NoiseSpec(blur=1.0, threshold=150, rotation=0.4, speckle=0.0004)),
    (200, NoiseSpec(blur=0.6, threshold=None, rotation=0.3, speckle=0.0002)),
    (200, NoiseSpec(blur=0.7, threshold=165, rotation=0.5, speckle=0.0008)),
    (200, NoiseSpec(blur=1.2, threshold=120, rotation=0.5, speckle=0.001)),
)

# Candidate fonts, best first: TeX Gyre Termes and Liberation Serif are Times clones (the
# reports were typed in Times New Roman); DejaVu Serif is wider, so it is set a point smaller.
_FONT_CANDIDATES: tuple[FontSpec, ...] = (
    FontSpec("texgyre-termes", "/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf"),
    FontSpec("liberation-serif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    FontSpec("noto-serif", "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", 12.0),
    FontSpec("dejavu-serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 12.0),
)


@lru_cache(maxsize=64)
def _load_font(path: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, pixels, layout_engine=ImageFont.Layout.BASIC)


def missing_glyphs(path: str, chars: str = VIETNAMESE_GLYPHS) -> str:
    """The characters of `chars` the font draws as its .notdef box (or not at all)."""
    font = _load_font(path, 48)

    def shape(text: str) -> tuple[tuple[int, int], bytes]:
        mask = font.getmask(text)
        return mask.size, bytes(mask)

    notdef = shape(_NOTDEF_PROBE)
    return "".join(ch for ch in chars if shape(ch) == notdef or not any(shape(ch)[1]))


@lru_cache(maxsize=1)
def available_fonts() -> list[FontSpec]:
    """Serif fonts on this machine that draw all of Vietnamese; missing-glyph boxes would teach
    the channel a box where the printed page had a letter."""
    found = []
    for spec in _FONT_CANDIDATES:
        if not Path(spec.path).is_file():
            continue
        try:
            lacking = missing_glyphs(spec.path)
        except OSError as exc:
            log.warning("font %s unreadable: %s", spec.path, exc)
            continue
        if lacking:
            log.warning("font %s lacks %r; not used", spec.name, lacking)
            continue
        found.append(spec)
    return found


def font_by_name(name: str) -> FontSpec:
    """One of `available_fonts()` by name, so CLI and callers can pick fonts reproducibly."""
    for spec in available_fonts():
        if spec.name == name:
            return spec
    known = ", ".join(f.name for f in available_fonts()) or "none"
    raise ValueError(f"font {name!r} is not available (available: {known})")


def lines_per_page(font: FontSpec) -> int:
    """How many lines fit the A4 text block at the fixed leading."""
    usable = PAGE_HEIGHT_PT - MARGIN_TOP_PT - MARGIN_BOTTOM_PT - font.size_pt
    return int(usable // (LEADING * font.size_pt)) + 1


def wrap_paragraphs(text: str, font: FontSpec, width_pt: float = TEXT_WIDTH_PT) -> list[str]:
    """Greedy word wrap, one input line = one paragraph; blank lines are dropped.

    Lines are measured with the font itself so every returned line fits `width_pt` when drawn;
    a word wider than the line (a long URL) is cut by characters. Word widths are summed and
    only lines near the limit are measured whole (kerning across spaces is a fraction of a
    point), which keeps wrapping a whole code of law fast.
    """
    space = font.text_width_pt(" ")
    out: list[str] = []
    for paragraph in text.splitlines():
        line, used = "", 0.0
        for word in paragraph.split():
            width = _word_width(font, word)
            estimate = used + space + width if line else width
            candidate = f"{line} {word}" if line else word
            if estimate <= width_pt - _WRAP_SLACK_PT or font.text_width_pt(candidate) <= width_pt:
                line, used = candidate, estimate
                continue
            if line:
                out.append(line)
            while font.text_width_pt(word) > width_pt:
                cut = _longest_fitting_prefix(word, font, width_pt)
                out.append(word[:cut])
                word = word[cut:]
            line, used = word, _word_width(font, word)
        if line:
            out.append(line)
    return out


_WRAP_SLACK_PT = 3.0


@lru_cache(maxsize=65536)
def _word_width(font: FontSpec, word: str) -> float:
    return font.text_width_pt(word)


def _longest_fitting_prefix(word: str, font: FontSpec, width_pt: float) -> int:
    cut = 1
    while cut < len(word) and font.text_width_pt(word[: cut + 1]) <= width_pt:
        cut += 1
    return cut


def render_lines(
    lines: Sequence[str], font: FontSpec, *, dpi: int, noise: NoiseSpec, seed: int
) -> Image.Image:
    """One A4 page with `lines` at fixed leading, then scan noise; same arguments, same bytes.

    The page is grayscale ('L'), or 1-bit ('1') when `noise.threshold` is set. Lines that do not
    fit the page are an error rather than silently lost: the caller paginates.
    """
    if len(lines) > lines_per_page(font):
        raise ValueError(f"{len(lines)} lines do not fit one page ({lines_per_page(font)} max)")
    scale = dpi / 72.0
    size = (round(PAGE_WIDTH_PT * scale), round(PAGE_HEIGHT_PT * scale))
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    pil_font = font.pil(dpi)
    x = MARGIN_LEFT_PT * scale
    for i, line in enumerate(lines):
        baseline = (MARGIN_TOP_PT + font.size_pt + i * LEADING * font.size_pt) * scale
        draw.text((x, baseline), line, font=pil_font, fill=0, anchor="ls")
    return apply_noise(page, noise, seed)


def apply_noise(page: Image.Image, noise: NoiseSpec, seed: int) -> Image.Image:
    """Skew, blur, threshold and speckle a clean page, in the order a scanner would."""
    rng = random.Random(seed)
    rotation = min(abs(noise.rotation), MAX_ROTATION_DEG)
    angle = rng.uniform(-rotation, rotation) if rotation else 0.0
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if noise.blur > 0:
        page = page.filter(ImageFilter.GaussianBlur(noise.blur))
    if noise.threshold is not None:
        level = noise.threshold
        page = page.point([0 if v < level else 255 for v in range(256)]).convert("1", dither=Image.Dither.NONE)
    if noise.speckle > 0:
        width, height = page.size
        count = int(noise.speckle * width * height)
        draw = ImageDraw.Draw(page)
        dots = [(rng.randrange(width), rng.randrange(height)) for _ in range(count)]
        half = count // 2
        draw.point(dots[:half], fill=0)
        draw.point(dots[half:], fill=255)
    return page


def ocr_eng(image: Image.Image, timeout: float = 300) -> str:
    """`tesseract -l eng` on one page, single-threaded (parallelism comes from processes)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # pytesseract writes the image to a temporary file in image.format: BMP is ~40x faster than PNG.
    image.format = "BMP"
    text = pytesseract.image_to_string(image, lang="eng", timeout=timeout)
    return unicodedata.normalize("NFC", text.replace("\f", ""))


def _key(line: str) -> str:
    """What alignment compares: accent-free, lower case, single spaces."""
    return " ".join(fold(line).lower().split())


def align_lines(
    clean: Sequence[str], ocr: Sequence[str], min_similarity: float = MIN_SIMILARITY
) -> tuple[list[tuple[int, int, float]], int]:
    """Monotone alignment of clean lines to OCR lines: ([(clean i, ocr j, similarity)], dropped).

    Dynamic programming maximises the summed similarity (rapidfuzz ratio of accent-free text)
    minus an offset per match, so a line may map to nothing on either side (a line tesseract
    lost, a stray speckle read as a line). Matched pairs below `min_similarity` are dropped and
    counted: they are misreads or misalignments, not channel evidence.
    """
    a = [_key(line) for line in clean]
    b = [_key(line) for line in ocr]
    n, m = len(a), len(b)
    sim = [[fuzz.ratio(x, y) for y in b] for x in a]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score[i][j] = max(
                score[i - 1][j - 1] + sim[i - 1][j - 1] - _ALIGN_OFFSET,
                score[i - 1][j],
                score[i][j - 1],
            )
    pairs: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if score[i][j] == score[i - 1][j - 1] + sim[i - 1][j - 1] - _ALIGN_OFFSET:
            pairs.append((i - 1, j - 1, sim[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    kept = [p for p in pairs if p[2] >= min_similarity]
    return kept, len(pairs) - len(kept)


@dataclass(frozen=True)
class PageJob:
    """One page to render and OCR: what the CLI records next to each pair."""

    source: str
    page: int  # 1-based page number in this font's pagination of the source
    lines: tuple[str, ...]
    font: FontSpec
    dpi: int
    noise: NoiseSpec
    seed: int


@dataclass(frozen=True)
class PageResult:
    job: PageJob
    pairs: tuple[tuple[int, str, str], ...]  # (line index on the page, clean, ocr)
    dropped: int  # aligned pairs dropped for low similarity
    unmatched: int  # clean lines with no OCR line at all


def run_page(job: PageJob) -> PageResult:
    """Render, OCR and align one page."""
    image = render_lines(job.lines, job.font, dpi=job.dpi, noise=job.noise, seed=job.seed)
    ocr_lines = [line.strip() for line in ocr_eng(image).splitlines() if line.strip()]
    pairs, dropped = align_lines(job.lines, ocr_lines)
    kept = tuple((i, job.lines[i], ocr_lines[j]) for i, j, _ in pairs)
    return PageResult(job, kept, dropped, len(job.lines) - len(kept) - dropped)


def run_pages(jobs: Sequence[PageJob], workers: int = 2) -> list[PageResult]:
    """All pages, one tesseract process per page and `workers` at once; results in job order."""
    if workers <= 1:
        return [run_page(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_page, jobs))


def page_seed(*parts: object) -> int:
    """A stable 63-bit seed from any values (Python's hash() is salted per process)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def garble_text(
    text: str,
    *,
    font: FontSpec | None = None,
    dpi: int = 300,
    noise: NoiseSpec | None = None,
    seed: int = 0,
    workers: int = 2,
) -> list[tuple[str, str]]:
    """(clean line, English-OCR line) pairs for `text`, rendered in `font` (default: the first
    available, a Times clone) on as many pages as it needs."""
    if font is None:
        fonts = available_fonts()
        if not fonts:
            raise RuntimeError("no serif font with Vietnamese glyphs is installed")
        font = fonts[0]
    noise = noise or NoiseSpec()
    lines = wrap_paragraphs(text, font)
    per_page = lines_per_page(font)
    jobs = [
        PageJob("<text>", k + 1, tuple(lines[start : start + per_page]), font, dpi, noise, page_seed(seed, k))
        for k, start in enumerate(range(0, len(lines), per_page))
    ]
    results = run_pages(jobs, workers)
    dropped = sum(r.dropped for r in results)
    if dropped:
        log.info("garble_text: dropped %d low-similarity pairs", dropped)
    return [(clean, ocr) for r in results for _, clean, ocr in r.pairs]


# --- corpus runs (CLI) ---------------------------------------------------------------------

_MARKUP_RULE = re.compile(r"^\s*[-=_*~.]{3,}\s*$")  # horizontal rules under agency names
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\ufeff"))
_WEB_FOOTER = re.compile(r"^#+\s*Văn bản liên quan\s*$", re.MULTILINE)


def prepare_source(text: str) -> str:
    """Printed text of a corpus file: NFC, no Markdown marks, rules, invisible characters or the
    web page's related-documents footer (none of which was ever on paper)."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    footer = _WEB_FOOTER.search(text)
    if footer:
        text = text[: footer.start()]
    lines = []
    for line in text.splitlines():
        if _MARKUP_RULE.match(line):
            continue
        line = re.sub(r"^\s*#+\s+", "", line)
        line = line.replace("**", "").replace("*", "")
        lines.append(line)
    return "\n".join(lines)


def pick_pages(total: int, count: int, seed: int) -> list[int]:
    """`count` distinct 0-based page indices spread over the document (title page, middle,
    end), with a seeded offset so different runs sample different places."""
    if total <= count:
        return list(range(total))
    offset = random.Random(seed).random()
    return sorted({min(total - 1, int((k + offset) * total / count)) for k in range(count)})


def plan_jobs(
    files: Sequence[Path],
    fonts: Sequence[FontSpec],
    pages_per_file: int,
    seed: int,
    presets: Sequence[tuple[int, NoiseSpec]] = SCAN_PRESETS,
) -> list[PageJob]:
    """Page jobs for a corpus run, fonts and scan presets cycled over the pages so every
    (font, preset) pair occurs once every len(fonts) * len(presets) pages."""
    jobs: list[PageJob] = []
    texts = {path: prepare_source(path.read_text(encoding="utf-8")) for path in files}
    wrapped: dict[tuple[Path, str], list[str]] = {}
    for path in files:
        for slot in range(pages_per_file):
            counter = len(jobs)
            font = fonts[counter % len(fonts)]
            dpi, noise = presets[(counter // len(fonts)) % len(presets)]
            if (path, font.name) not in wrapped:
                wrapped[path, font.name] = wrap_paragraphs(texts[path], font)
            lines = wrapped[path, font.name]
            per_page = lines_per_page(font)
            total = math.ceil(len(lines) / per_page)
            # The slot-th of the spread positions, in this font's pagination.
            picks = pick_pages(total, pages_per_file, page_seed(seed, path.name))
            if slot >= len(picks):
                break
            index = picks[slot]
            chunk = tuple(lines[index * per_page : (index + 1) * per_page])
            job_seed = page_seed(seed, path.name, index, font.name, dpi, noise)
            jobs.append(PageJob(path.name, index + 1, chunk, font, dpi, noise, job_seed))
    return jobs


def syllable_errors(clean: str, ocr: str) -> tuple[int, int]:
    """(token edits, clean tokens): Levenshtein over whitespace tokens, the raw syllable error."""
    ref = clean.split()
    return Levenshtein.distance(ref, ocr.split()), len(ref)


def _records(results: Sequence[PageResult]) -> list[dict]:
    rows = []
    for result in results:
        job = result.job
        for line, clean, ocr in result.pairs:
            rows.append({
                "source": job.source, "font": job.font.name, "dpi": job.dpi,
                "noise": asdict(job.noise), "page": job.page, "line": line,
                "clean": clean, "ocr": ocr,
            })
    return rows


def summarize(results: Sequence[PageResult], seconds: float) -> str:
    """Pages, lines, time and raw syllable error rate, overall, per font and per scan setting."""
    # name -> [pages, lines, token edits, clean tokens]; "all" first, then fonts, then scans.
    groups: dict[str, list[int]] = {"all": [0, 0, 0, 0]}
    for key in ("font", "scan"):
        for result in results:
            groups.setdefault(_group_name(result.job, key), [0, 0, 0, 0])
    for result in results:
        names = ("all", _group_name(result.job, "font"), _group_name(result.job, "scan"))
        counts = [syllable_errors(clean, ocr) for _, clean, ocr in result.pairs]
        edits, size = sum(e for e, _ in counts), sum(n for _, n in counts)
        for name in names:
            acc = groups[name]
            acc[0] += 1
            acc[1] += len(result.pairs)
            acc[2] += edits
            acc[3] += size
    dropped = sum(r.dropped for r in results)
    unmatched = sum(r.unmatched for r in results)
    out = [
        f"seconds {seconds:.1f}  dropped low-similarity pairs {dropped}  "
        f"clean lines without an OCR line {unmatched}"
    ]
    for name, (pages, lines, edits, size) in groups.items():
        out.append(f"  {name:<56} pages {pages:4d}  lines {lines:5d}  syllables {size:6d}  "
                   f"raw syllable error {100 * edits / max(size, 1):5.1f} %")
    return "\n".join(out)


def _group_name(job: PageJob, key: str) -> str:
    if key == "font":
        return f"font {job.font.name}"
    return f"scan {job.dpi} dpi {_noise_label(job.noise)}"


def _noise_label(noise: NoiseSpec) -> str:
    binar = f"1-bit@{noise.threshold}" if noise.threshold is not None else "gray"
    return f"blur {noise.blur} {binar} rot<={noise.rotation} speckle {noise.speckle}"


def _parse_fonts(value: str) -> list[FontSpec]:
    if value == "all":
        fonts = available_fonts()
        if not fonts:
            raise SystemExit("no serif font with Vietnamese glyphs is installed")
        return fonts
    return [font_by_name(name.strip()) for name in value.split(",") if name.strip()]


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    """CLI: render, OCR and align pages of clean files into a JSONL of line pairs."""
    parser = argparse.ArgumentParser(
        prog="python -m egov_extract.repair.garble", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("output", type=Path, help="JSONL to write, one aligned line pair per row")
    parser.add_argument("files", type=Path, nargs="+", help="clean UTF-8 text files")
    parser.add_argument("--fonts", default="all", help="'all' or comma-separated font names")
    parser.add_argument("--pages-per-file", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    fonts = _parse_fonts(args.fonts)
    start = time.perf_counter()
    jobs = plan_jobs(args.files, fonts, args.pages_per_file, args.seed)
    results = run_pages(jobs, args.workers)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(args.output.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in _records(results):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(args.output)
    out(f"fonts: {', '.join(f.name for f in fonts)}")
    out(summarize(results, time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
