"""Ingestion speed: text-layer pages/s, OCR s/page against bare tesseract, OCR scaling with workers.

    python benchmarks/ingest.py [--repeat N] [--max-workers N]

Targets (issue 2): >= 300 text-layer pages/s; OCR overhead over bare `tesseract` <= 10 %.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract.ingest import ingest  # noqa: E402
from egov_extract.ingest.ocr import ocr_image  # noqa: E402

REAL = ROOT / "corpora" / "pdfs"
SCANS = sorted(p for p in REAL.glob("*.pdf") if p.name != "49-2026-ND-CP.pdf")


def fixtures(tmp: Path) -> dict[str, Path]:
    spec = importlib.util.spec_from_file_location("make_fixture_pdfs", ROOT / "scripts" / "make_fixture_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.build_all(tmp)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def text_layer(paths: list[Path], repeat: int) -> None:
    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    print(f"## Text layer ({pages} pages: {', '.join(p.name for p in paths)}; best of {repeat})")

    def ours():
        for p in paths:
            ingest(p, ocr=False)

    def raw_pdfium():
        for p in paths:
            pdf = pdfium.PdfDocument(p)
            for page in pdf:
                page.get_textpage().get_text_range()

    def plumber():
        import pdfplumber

        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    for name, fn, n in (("egov_extract.ingest", ours, repeat), ("raw pypdfium2 text", raw_pdfium, repeat), ("pdfplumber extract_text", plumber, 1)):
        seconds = best_of(n, fn)
        print(f"{name:26s} {pages / seconds:8.1f} pages/s")


def render_pages(paths: list[Path], out: Path, dpi: int = 300) -> list[Path]:
    images = []
    for p in paths:
        pdf = pdfium.PdfDocument(p)
        pdf.init_forms()
        for i in range(len(pdf)):
            image = pdf[i].render(scale=dpi / 72, grayscale=True, may_draw_forms=True).to_pil()
            target = out / f"{p.stem}-{i + 1}.png"
            image.save(target)
            images.append(target)
    return images


def ocr_overhead(images: list[Path]) -> None:
    from PIL import Image

    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    print(f"## OCR, one process, OMP_THREAD_LIMIT=1 ({len(images)} page images at 300 dpi)")
    bare, ours = [], []
    for img in images:
        start = time.perf_counter()
        subprocess.run(["tesseract", str(img), "stdout", "-l", "vie"], env=env, capture_output=True, check=True)
        bare.append(time.perf_counter() - start)
        loaded = Image.open(img)
        loaded.load()
        start = time.perf_counter()
        ocr_image(loaded)
        ours.append(time.perf_counter() - start)
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare `tesseract IMG stdout -l vie` {b:6.2f} s/page (median)")
    print(f"egov_extract ocr_image (txt+tsv)   {o:6.2f} s/page   overhead {100 * (o / b - 1):+.1f} %")


def ocr_scaling(paths: list[Path], max_workers: int) -> None:
    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    print(f"## OCR scaling: ingest() of {len(paths)} scanned PDFs, {pages} pages, render included")
    base = None
    for workers in range(1, max_workers + 1):
        start = time.perf_counter()
        for p in paths:
            ingest(p, workers=workers)
        seconds = time.perf_counter() - start
        base = base or seconds
        print(f"workers={workers}: {seconds / pages:5.2f} s/page  {pages / seconds:5.2f} pages/s  speed-up x{base / seconds:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-workers", type=int, default=min(3, (os.cpu_count() or 1) + 1))
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, pdfium {pdfium.PDFIUM_INFO}")
    with tempfile.TemporaryDirectory() as tmp:
        fx = fixtures(Path(tmp) / "fx")
        text_layer([REAL / "49-2026-ND-CP.pdf", fx["text"]], args.repeat)
        img_dir = Path(tmp) / "img"
        img_dir.mkdir()
        images = render_pages([fx["scan"], *SCANS[:3]], img_dir)
        ocr_overhead(images)
        ocr_scaling([fx["scan"], *SCANS], args.max_workers)


if __name__ == "__main__":
    main()
