"""Archive inputs: legacy Vietnamese encodings and other file formats (issue 19).

    python benchmarks/formats.py [--texts N] [--pdfs N] [--extract N] [--docs N] [--images N] [--skip-formats] [--show N]

Encodings: from corpus documents (official documents and provincial reports; a fixed seed),
`scripts/make_legacy_fixtures.py` writes N excerpts per encoding variant (TCVN3, VNI, VIQR,
VISCII, VPS, Windows-1258 precomposed and decomposed; lengths from a two-line letter to a
whole document) as plain text, and TCVN3 (.VnTime/.VnTimeH) and VNI (VNI-Times) PDF text
layers. Printed per encoding: detection accuracy (the encoding found is the one written),
syllable error of the text read against the UTF-8 truth (whitespace tokens aligned; any
difference, case included, is an error), and for the first --extract files of each variant
whether extraction (citations, dates, report metadata, indicators) equals that of the UTF-8
original. Targets: detection >= 99.5 %, syllable error <= 0.2 %, extraction equal.

Formats: the same corpus documents written as DOCX, ODT, RTF and HTML by
`scripts/make_format_fixtures.py` (footnotes, a header and footer, tables, a .VnTime run),
and seed 004's pages rendered as PNG, JPEG and one multi-page CCITT G4 TIFF: pages/s (images:
OCR included), whether the body text read equals the text written, and whether extraction
values equal those of that text given as UTF-8.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract.extract import extract_document  # noqa: E402
from egov_extract.ingest import ingest_bytes, legacy  # noqa: E402
from egov_extract.repair import repair_document  # noqa: E402


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SHOW: list[int] = [0]  # --show: differences to print per table


def syllable_errors(truth: str, got: str, name: str = "") -> tuple[int, int]:
    """(errors, truth tokens): tokens not matched in an alignment of the two token sequences."""
    a, b = truth.split(), got.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if SHOW[0] > 0 and matched < max(len(a), len(b)):
        diffs = [(" ".join(a[i1:i2]), " ".join(b[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
        print(f"  {name}: {diffs[:8]}")
        SHOW[0] -= 1
    return max(len(a), len(b)) - matched, len(a)


def extraction(document, quotes: bool = True) -> dict:
    """What extraction found, without the source name (which differs between the two files);
    without `quotes`, the values only (the sentence each record quotes left out)."""
    report = extract_document(document, repair_document(document)).model_dump(mode="json")
    dropped = {"source", "sha256"} | (set() if quotes else {"quote"})

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in dropped}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return {k: strip(report[k]) for k in ("meta", "citations", "dates", "indicators")}


def same_extraction(original, document, name: str) -> tuple[bool, bool]:
    """(values equal, quotes equal too)."""
    a, b = extraction(original), extraction(document)
    values = a == b or extraction(original, quotes=False) == extraction(document, quotes=False)
    if a != b and SHOW[0] > 0:
        for key in a:
            if a[key] != b[key]:
                print(f"  {name}: extraction differs in {key}: {str(a[key])[:300]} != {str(b[key])[:300]}")
        SHOW[0] -= 1
    return values, a == b


class Tally:
    def __init__(self) -> None:
        self.files = collections.Counter()
        self.detected = collections.Counter()
        self.errors = collections.Counter()
        self.tokens = collections.Counter()
        self.extracted = collections.Counter()
        self.extract_equal = collections.Counter()
        self.quotes_equal = collections.Counter()
        self.misses: list[str] = []
        self.ambiguous = 0
        self.seconds = 0.0
        self.bytes = 0

    def add(self, key: str, ok: bool, errors: int, tokens: int, name: str, found: str | None) -> None:
        self.files[key] += 1
        self.detected[key] += ok
        self.errors[key] += errors
        self.tokens[key] += tokens
        if not ok:
            self.misses.append(f"{name}: read as {found}")

    def print(self, title: str) -> None:
        print(f"\n{title}")
        print(f"{'encoding':<20}{'files':>6}{'detected':>10}{'accuracy':>10}{'syllables':>11}{'syl. error':>12}{'values equal':>14}{'quotes equal':>14}")
        for key in sorted(self.files):
            n = self.files[key]
            extract = f"{self.extract_equal[key]}/{self.extracted[key]}" if self.extracted[key] else "-"
            quotes = f"{self.quotes_equal[key]}/{self.extracted[key]}" if self.extracted[key] else "-"
            print(
                f"{key:<20}{n:>6}{self.detected[key]:>10}{self.detected[key] / n:>10.2%}{self.tokens[key]:>11}"
                f"{self.errors[key] / max(self.tokens[key], 1):>12.3%}{extract:>14}{quotes:>14}"
            )
        n, ok = sum(self.files.values()), sum(self.detected.values())
        err, tok = sum(self.errors.values()), sum(self.tokens.values())
        eq, ex, qe = sum(self.extract_equal.values()), sum(self.extracted.values()), sum(self.quotes_equal.values())
        print(f"{'all':<20}{n:>6}{ok:>10}{ok / max(n, 1):>10.2%}{tok:>11}{err / max(tok, 1):>12.3%}{f'{eq}/{ex}':>14}{f'{qe}/{ex}':>14}")
        if self.ambiguous:
            print(f"({self.ambiguous} files read the same in the encoding found and the one written: counted as detected)")
        print(f"read {self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s ({self.bytes / 1e6 / max(self.seconds, 1e-9):.2f} MB/s, detection included)")
        for miss in self.misses[:20]:
            print(f"  missed: {miss}")


def bench_encodings(n_texts: int, n_pdfs: int, n_extract: int) -> int:
    fixtures = _load("make_legacy_fixtures")
    text_tally, pdf_tally = Tally(), Tally()
    per_variant = collections.Counter()
    for sample in fixtures.samples(n_texts):
        data = sample.data
        start = time.perf_counter()
        document = ingest_bytes(data, sample.name + ".txt")
        text_tally.seconds += time.perf_counter() - start
        text_tally.bytes += len(data)
        expected = fixtures.expected_encoding(sample.variant)
        errors, tokens = syllable_errors(sample.text, document.text, sample.name)
        ok = document.encoding == expected
        if not ok and document.encoding in legacy.LEGACY_ENCODINGS and legacy.decode(data, document.encoding).text == legacy.decode(data, expected).text:
            ok = True  # 'Ban hành' is the same bytes in VISCII and Windows-1258: nothing to tell
            text_tally.ambiguous += 1
        text_tally.add(sample.variant, ok, errors, tokens, sample.name, document.encoding)
        if per_variant[sample.variant] < n_extract:
            per_variant[sample.variant] += 1
            original = ingest_bytes(sample.text.encode("utf-8"), sample.name + ".txt")
            text_tally.extracted[sample.variant] += 1
            values, quotes = same_extraction(original, document, sample.name)
            text_tally.extract_equal[sample.variant] += values
            text_tally.quotes_equal[sample.variant] += quotes
    text_tally.print(f"Legacy encodings, plain text ({sum(text_tally.files.values())} files)")

    per_variant.clear()
    for sample in fixtures.samples(n_pdfs, seed=1919, variants=fixtures.PDF_VARIANTS):
        data = fixtures.legacy_pdf(sample.text, sample.variant)
        start = time.perf_counter()
        document = ingest_bytes(data, sample.name + ".pdf", ocr=False)
        pdf_tally.seconds += time.perf_counter() - start
        pdf_tally.bytes += len(data)
        truth = "\f".join(fixtures.pdf_truth(sample.text))
        errors, tokens = syllable_errors(truth, document.text, sample.name)
        pdf_tally.add(sample.variant + " pdf", document.encoding == sample.variant, errors, tokens, sample.name, document.encoding)
        if per_variant[sample.variant] < n_extract:
            per_variant[sample.variant] += 1
            original = ingest_bytes(truth.encode("utf-8"), sample.name + ".txt")
            pdf_tally.extracted[sample.variant + " pdf"] += 1
            values, quotes = same_extraction(original, document, sample.name)
            pdf_tally.extract_equal[sample.variant + " pdf"] += values
            pdf_tally.quotes_equal[sample.variant + " pdf"] += quotes
    pdf_tally.print(f"Legacy encodings, PDF text layers ({sum(pdf_tally.files.values())} files)")
    total = sum(text_tally.files.values()) + sum(pdf_tally.files.values())
    print(f"\n{total} generated files in all")
    return total


def bench_formats(n_docs: int, n_images: int) -> None:
    """Pages/s per input format, and extraction values against the same text given as UTF-8."""
    gen = _load("make_format_fixtures")
    fixtures = _load("make_legacy_fixtures")
    docs = fixtures.corpus_texts()[:n_docs]
    writers = {"docx": gen.docx, "odt": gen.odt, "rtf": gen.rtf, "html": gen.html_page}
    print(f"\nInput formats ({n_docs} corpus documents each; images: {n_images} pages)")
    print(f"{'format':<8}{'files':>6}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'MB/s':>7}{'text equal':>12}{'values equal':>14}")
    for kind, write in writers.items():
        pages = seconds = size = 0
        equal_text = equal_values = 0
        for name, text in docs:
            source = gen.from_text(text, max_paragraphs=400)
            data = write(source)
            start = time.perf_counter()
            document = ingest_bytes(data, f"{name}.{kind}")
            seconds += time.perf_counter() - start
            pages += len(document.pages)
            size += len(data)
            if kind == "html":
                body = gen.html_expected(source)
                got = document.pages[0].text
                pages_written = body
            else:
                body = "\f".join(source.body_pages())
                got = "\f".join(p.text for p in document.pages if p.part == "body")
                pages_written = "\f".join(source.body_pages() + [source.header, source.footer])
            equal_text += got == body
            if got != body and SHOW[0] > 0:
                SHOW[0] -= 1
                syllable_errors(body, got, f"{name}.{kind}")
            plain = ingest_bytes(pages_written.encode("utf-8"), f"{name}.txt")  # the same pages as UTF-8 text
            equal_values += extraction(plain, quotes=False) == extraction(document, quotes=False)
        print(f"{kind:<8}{len(docs):>6}{pages:>7}{seconds:>9.2f}{pages / seconds:>9.1f}{size / 1e6 / seconds:>7.2f}{f'{equal_text}/{len(docs)}':>12}{f'{equal_values}/{len(docs)}':>14}")
    from egov_extract.ingest import formats

    if formats.libreoffice() is not None:  # legacy .doc: made from the DOCX by LibreOffice, read back through it
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            sources = [gen.from_text(text, max_paragraphs=400) for _, text in docs[:10]]
            for i, source in enumerate(sources):
                Path(tmp, f"d{i:02d}.docx").write_bytes(gen.docx(source))
            subprocess.run([formats.libreoffice(), "--headless", "--convert-to", "doc", "--outdir", tmp,
                            *sorted(str(p) for p in Path(tmp).glob("*.docx"))], capture_output=True, check=True, timeout=600)
            pages = equal_text = size = 0
            start = time.perf_counter()
            for i, source in enumerate(sources):
                data = Path(tmp, f"d{i:02d}.doc").read_bytes()
                size += len(data)
                document = ingest_bytes(data, f"d{i:02d}.doc")
                pages += len(document.pages)
                equal_text += "\f".join(p.text for p in document.pages if p.part == "body") == "\f".join(source.body_pages())
            seconds = time.perf_counter() - start
        print(f"{'doc':<8}{len(sources):>6}{pages:>7}{seconds:>9.2f}{pages / seconds:>9.1f}{size / 1e6 / seconds:>7.2f}{f'{equal_text}/{len(sources)}':>12}{'-':>14}   (LibreOffice headless, one process a file)")
    else:
        print("doc      (LibreOffice not installed: bash scripts/setup.sh libreoffice)")
    if n_images:
        from egov_extract.ingest.ocr import check_engine

        check_engine()
        seed = (ROOT / "corpora" / "seeds" / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")
        rendered = gen.page_images(seed, n_images)
        for kind in ("png", "jpeg", "tiff"):
            files = [gen.image_file([image], kind) for image, _ in rendered] if kind != "tiff" else [gen.image_file([i for i, _ in rendered], "tiff")]
            start = time.perf_counter()
            documents = [ingest_bytes(data, f"scan.{kind}") for data in files]
            seconds = time.perf_counter() - start
            pages = [p for d in documents for p in d.pages]
            errors, tokens = syllable_errors("\n".join(t for _, t in rendered), "\n".join(p.text for p in pages))
            print(f"{kind:<8}{len(files):>6}{len(pages):>7}{seconds:>9.2f}{len(pages) / seconds:>9.2f}{sum(map(len, files)) / 1e6 / seconds:>7.2f}"
                  f"   OCR syllable error {errors / max(tokens, 1):.2%} (Tesseract vie, 300 dpi render; TIFF 1-bit G4)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=75, help="excerpts per encoding variant as plain text (7 variants)")
    parser.add_argument("--pdfs", type=int, default=40, help="excerpts per PDF font encoding (TCVN3, VNI)")
    parser.add_argument("--extract", type=int, default=75, help="files per variant whose extraction is compared")
    parser.add_argument("--skip-formats", action="store_true", help="only the encodings")
    parser.add_argument("--docs", type=int, default=40, help="corpus documents written in each format")
    parser.add_argument("--images", type=int, default=3, help="page images OCR'd per image format (0: none)")
    parser.add_argument("--show", type=int, default=0, help="print the first N files' differences from the truth")
    args = parser.parse_args()
    SHOW[0] = args.show
    bench_encodings(args.texts, args.pdfs, args.extract)
    if not args.skip_formats:
        bench_formats(args.docs, args.images)


if __name__ == "__main__":
    main()
