"""Batch conversion: `run_batch` throughput, correctness, overhead and memory on a generated archive.

    python benchmarks/batch.py [--quick] [--docs N] [--scans N] [--workers 1,2]

Generates an archive (fixed seeds, in a temporary directory) from corpora/{laws,reports,seeds}
text: ~55 % text/Markdown files of 1-3 pages (pages split by form feeds), ~25 % text-layer PDFs
of 1-3 pages (reportlab, DejaVu Serif, via scripts/make_fixture_pdfs.py), one-page scans (300 dpi
grey or 1-bit images, no text layer, OCR'd with tesseract `vie`) and 5 % broken files
(truncated, random bytes, empty, encrypted, zero pages, an image or a ZIP named .pdf), in two
halves part1/ and part2/ with the same mix. Then, each run in a fresh subprocess with a fresh
SQLite file (so peaks and caches do not carry over), it measures:

- documents/s and pages/s of the local and Dask engines at 1 and 2 workers, the speed-up, and
  the ceiling of that speed-up on this machine (bare tesseract, one page, alone vs 2 at once);
- that every good document was converted (with the expected pages) and every bad one reported,
  and that both engines (and a bare `convert_file` loop) store the same report_json per sha256;
- the overhead of the batch machinery: `run_batch(workers=1)` against calling `convert_file` in
  a loop in one process;
- peak RSS of the main process (VmHWM: ru_maxrss of a fresh process on Linux starts at its
  parent's size), of the largest worker and tesseract, and of the whole process tree (psutil),
  and whether the main process's peak stays flat from half the archive to all of it (local
  engine, 2 workers).

Defaults: 200 documents, 30 scans: ~6 minutes on 2 cores. `--quick`: 60 documents, 6 scans,
under 2 minutes. Exits 1 if a check fails. Timings are single runs: on a shared VM they vary
by ~10-20 %.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import os
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = [ROOT / "corpora" / d for d in ("laws", "reports", "seeds")]
PAGE_CHARS = (2400, 3400)  # characters per text-file page: about one printed A4 page
BAD_KINDS = (
    "truncated", "random", "empty", "encrypted", "pdf-junk", "zero-pages",
    "truncated-head", "png-as-pdf", "blank-txt", "zip-as-pdf",
)
MB = 1024 * 1024


# -- the archive ----------------------------------------------------------------------------


def fixture_module():
    """scripts/make_fixture_pdfs.py: the project's own way to draw text and scanned pages."""
    spec = importlib.util.spec_from_file_location("make_fixture_pdfs", ROOT / "scripts" / "make_fixture_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def text_slice(rng: random.Random, texts: list[str], chars: int) -> str:
    """About `chars` characters of one corpus file, from a line start to a line end."""
    text = rng.choice(texts)
    start = rng.randrange(max(1, len(text) - chars))
    start = text.find("\n", start) + 1 if start else 0
    end = text.rfind("\n", start, start + chars)
    piece = text[start : end if end > start else start + chars].strip()
    return piece or text[:chars].strip()


def paginate(text: str, rng: random.Random, pages: int) -> list[str]:
    """Cut text into `pages` pages at line ends, each about a printed page long."""
    out, current, size, target = [], [], 0, rng.randint(*PAGE_CHARS)
    for line in text.split("\n"):
        current.append(line)
        size += len(line) + 1
        if size >= target and len(out) < pages - 1:
            out.append("\n".join(current).strip("\n"))
            current, size, target = [], 0, rng.randint(*PAGE_CHARS)
    if current and "\n".join(current).strip():
        out.append("\n".join(current).strip("\n"))
    return [p for p in out if p.strip()]


def as_markdown(text: str) -> str:
    return re.sub(r"(?m)^(Chương|Điều|Mục|PHẦN)\b", r"## \1", text)


def mix(n_docs: int, n_scans: int) -> list[str]:
    n_bad = max(3, round(0.05 * n_docs))
    n_pdf = round(0.25 * n_docs)
    n_text = n_docs - n_bad - n_pdf - n_scans
    if n_text < 1:
        raise SystemExit(f"--docs {n_docs} is too small for {n_scans} scans")
    return ["text"] * n_text + ["pdf"] * n_pdf + ["scan"] * n_scans + [f"bad-{BAD_KINDS[i % len(BAD_KINDS)]}" for i in range(n_bad)]


def build_archive(out: Path, n_docs: int, n_scans: int, seed: int = 20260501) -> dict[str, dict]:
    """Write the archive into out/part1 and out/part2; return path -> {good, kind, pages}."""
    fx = fixture_module()
    font = fx.find_font()
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for d in CORPORA for p in sorted(d.glob("*.txt"))]
    kinds = mix(n_docs, n_scans)
    rng.shuffle(kinds)
    seen: dict[str, int] = {}
    parts = []  # each kind alternates between the halves, so part1/ holds half of every kind
    for kind in kinds:
        group = "bad" if kind.startswith("bad-") else kind
        seen[group] = seen.get(group, 0) + 1
        parts.append("part1" if seen[group] % 2 else "part2")
    manifest: dict[str, dict] = {}
    digests: set[bytes] = set()  # sha256 of every good document: all distinct

    def write(i: int, kind: str, suffix: str, data: bytes, good: bool, pages: int) -> None:
        if good:
            digest = hashlib.sha256(data).digest()
            assert digest not in digests, "two generated documents have the same content"
            digests.add(digest)
        folder = out / parts[i]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:04d}-{kind}{suffix}"
        path.write_bytes(data)
        manifest[str(path)] = {"good": good, "kind": kind, "pages": pages}

    scratch = out.parent / "scratch.pdf"  # fx._canvas wants a path; outside the archive

    def pdf_bytes(pages: list[tuple[str, ...]] | None = None, images=()) -> bytes:
        c = fx._canvas(scratch)
        for lines in pages or ():
            fx._draw_text(c, lines)
            c.showPage()
        for image in images:
            fx._draw_image(c, image)
            c.showPage()
        c.save()
        return scratch.read_bytes()

    def text_pdf(n_pages: int) -> tuple[bytes, int]:
        layout = fx.layout_text(text_slice(rng, texts, 4200 * n_pages), n_pages, font)
        return pdf_bytes(list(layout.pages)), len(layout.pages)

    for i, kind in enumerate(kinds):
        if kind == "text":
            n_pages = rng.randint(1, 3)
            pages = paginate(text_slice(rng, texts, n_pages * PAGE_CHARS[1]), rng, n_pages)
            body = "\f".join(pages) + "\n"
            markdown = rng.random() < 0.2
            write(i, kind, ".md" if markdown else ".txt", (as_markdown(body) if markdown else body).encode(), True, len(pages))
        elif kind == "pdf":
            data, n_pages = text_pdf(rng.randint(1, 3))
            write(i, kind, ".pdf", data, True, n_pages)
        elif kind == "scan":
            lines = fx.layout_text(text_slice(rng, texts, 4500), 1, font).pages[0]
            image = fx.render_page_image(lines, font, noise=bool(i % 2))
            if i % 3 == 0:
                image = image.convert("1")  # a bilevel scan (reportlab stores it as 8-bit RGB)
            write(i, kind, ".pdf", pdf_bytes(images=[image]), True, 1)
        else:
            bad = kind[4:]
            if bad in ("truncated", "truncated-head"):
                data, _ = text_pdf(2)
                data = data[: len(data) // 3] if bad == "truncated" else data[:400]
            elif bad == "random":
                data = rng.randbytes(20_000)
            elif bad == "pdf-junk":
                data = b"%PDF-1.4\n" + rng.randbytes(20_000)
            elif bad == "empty":
                data = b""
            elif bad == "blank-txt":
                data = b" \n\n \t\n"
            elif bad == "encrypted":
                from unittest import mock

                from pypdf import PdfReader, PdfWriter

                buf = io.BytesIO()
                with mock.patch("secrets.token_bytes", rng.randbytes):  # pypdf's file identifier: seeded too
                    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(1)[0])))
                    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
                    writer.write(buf)
                data = buf.getvalue()
            elif bad == "zero-pages":
                from pypdf import PdfWriter

                buf = io.BytesIO()
                PdfWriter().write(buf)
                data = buf.getvalue()
            elif bad == "png-as-pdf":
                buf = io.BytesIO()
                fx.render_page_image(("Ảnh chụp, không phải PDF",), font).save(buf, format="PNG")
                data = buf.getvalue()
            else:  # zip-as-pdf: a DOCX saved under the wrong name
                import zipfile

                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w") as z:
                    z.writestr(zipfile.ZipInfo("word/document.xml", (2025, 4, 8, 10, 15, 0)), "<w:document/>")
                data = buf.getvalue()
            write(i, kind, ".txt" if bad == "blank-txt" else ".pdf", data, False, 0)
    return manifest


# -- one measured run, in a fresh process ----------------------------------------------------


def vm_hwm(pid: int | str = "self", field: str = "VmHWM") -> int:
    """Peak RSS in bytes of one process image (VmHWM; VmRSS: current), from /proc (Linux), or 0.

    Not ru_maxrss: on Linux a process started by fork/vfork + exec keeps its parent's high-water
    mark in ru_maxrss, so a fresh process reports at least the size of its parent."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeSampler:
    """Peaks of this process's descendants, sampled every 0.1 s with psutil (when installed):
    the largest worker (VmHWM of each Python descendant), the largest tesseract, and the sum of
    current RSS over the whole tree (this process included)."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak_total = self.peak_worker = self.peak_tesseract = 0
        self._stop = threading.Event()
        try:
            import psutil

            self._me = psutil.Process()
        except ImportError:
            self._me = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                total = self._me.memory_info().rss
                for proc in self._me.children(recursive=True):
                    try:
                        total += proc.memory_info().rss
                        hwm = vm_hwm(proc.pid)
                        if "tesseract" in proc.name():
                            self.peak_tesseract = max(self.peak_tesseract, hwm)
                        else:
                            self.peak_worker = max(self.peak_worker, hwm)
                    except psutil.Error:  # gone between listing and reading
                        continue
                self.peak_total = max(self.peak_total, total)
            except psutil.Error:  # this process is always there; a transient /proc read error
                self.peak_total = max(self.peak_total, 0)
            self._stop.wait(self.every)

    def __enter__(self) -> TreeSampler:
        if self._me is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._me is not None:
            self._thread.join()


def source_fingerprint() -> str:
    """Hash of the package's files: runs are comparable only if nobody edited it in between."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "egov_extract").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def machine_busy() -> float:
    """CPU seconds all processes on the machine have used (/proc/stat; Linux), or 0."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def child(spec: dict) -> dict:
    """Run one measured conversion in this (fresh) process; return its figures."""
    from egov_extract.batch import Store, convert_file, run_batch
    from egov_extract.ingest import iter_input_files

    source_before = source_fingerprint()
    cpu_before, busy_before = cpu_seconds(), machine_busy()
    with TreeSampler() as sampler:  # its thread and psutil import are in place before the baseline
        rss_before = vm_hwm(field="VmRSS")
        start = time.perf_counter()
        if spec["mode"] == "batch":
            s = run_batch(spec["input"], spec["db"], workers=spec["workers"], engine=spec["engine"])
            seconds = time.perf_counter() - start
            with Store(spec["db"]) as store:
                counts = store.counts()
            out = {"converted": s.converted, "failed": s.failed, "skipped": s.skipped, "pages": s.pages,
                   "pages_ocr": s.pages_ocr, "failures": s.failures, "counts": counts}
        else:  # the bare loop: convert_file per file in this one process, nothing stored
            reports, failures, pages, pages_ocr = {}, [], 0, 0
            for path in iter_input_files([spec["input"]]):
                r = convert_file(path)
                if r["ok"]:
                    reports[r["sha256"]] = r["report_json"]
                    pages += len(r["pages"])
                    pages_ocr += r["pages_ocr"]
                else:
                    failures.append((path, r["code"], r["message"]))
            seconds = time.perf_counter() - start
            Path(spec["db"]).write_text(json.dumps(reports), encoding="utf-8")
            out = {"converted": len(reports), "failed": len(failures), "skipped": 0, "pages": pages,
                   "pages_ocr": pages_ocr, "failures": failures, "counts": None}
    out.update(
        source=sorted({source_before, source_fingerprint()}),
        seconds=seconds,
        cpu=cpu_seconds() - cpu_before,  # this process + reaped workers and their tesseracts
        others=max(0.0, machine_busy() - busy_before - (cpu_seconds() - cpu_before)) / seconds,  # cores used by others
        main_before=rss_before,
        main_peak=vm_hwm(),
        worker_peak=sampler.peak_worker,
        tesseract_peak=sampler.peak_tesseract,
        tree_peak=sampler.peak_total,
        ru_maxrss_self=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        ru_maxrss_children=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    )
    return out


def run_child(spec: dict) -> dict:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
        capture_output=True, text=True, timeout=1800, check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode or not lines:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-5000:])
        raise SystemExit(f"child run {spec} failed with exit code {proc.returncode}")
    result = json.loads(lines[-1][len("RESULT ") :])
    noise = sorted({line.strip() for line in proc.stderr.splitlines() if re.search(r"warn|error|unresponsive", line, re.IGNORECASE)})
    result["stderr_lines"] = len(proc.stderr.splitlines())
    result["stderr_warnings"] = noise[:5]
    return result


# -- checks and report -----------------------------------------------------------------------


def reports_in(db: str) -> dict[str, str]:
    if db.endswith(".json"):
        return json.loads(Path(db).read_text(encoding="utf-8"))
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT sha256, report_json FROM documents"))
    finally:
        con.close()


def check(name: str, r: dict, manifest: dict[str, dict], prefix: str) -> bool:
    files = {p: m for p, m in manifest.items() if p.startswith(prefix)}
    good = {p for p, m in files.items() if m["good"]}
    bad = set(files) - good
    failed = {f[0] for f in r["failures"]}
    want_pages = sum(files[p]["pages"] for p in good)
    ok_good = r["converted"] == len(good) and not (failed & good) and r["pages"] == want_pages and r["skipped"] == 0
    ok_bad = failed == bad and r["failed"] == len(bad)
    if r["counts"] is not None:
        ok_good &= r["counts"]["documents"] == len(good)
        ok_bad &= r["counts"]["failed"] == len(bad)
    print(
        f"{name:16s} good converted {r['converted']}/{len(good)} ({r['pages']}/{want_pages} pages) "
        f"{'OK' if ok_good else 'FAIL'};  bad reported {len(failed & bad)}/{len(bad)} {'OK' if ok_bad else 'FAIL'}"
    )
    for path, code, message in r["failures"]:
        if path in good:
            print(f"    good file failed: {Path(path).name}: {code}: {message[:160]}")
    for path in sorted(bad - failed):
        print(f"    bad file not reported: {Path(path).name} ({files[path]['kind']})")
    return ok_good and ok_bad


def ocr_ceiling(scan_pdf: Path, tmp: Path, workers: int, repeat: int) -> tuple[float, float]:
    """Bare tesseract on one rendered page: alone, and `workers` copies at once (best of
    `repeat`). The OCR speed-up this machine can give, whatever the batch code does."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scan_pdf)
    image = tmp / "ceiling.png"
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(image)
    pdf.close()
    cmd = ["tesseract", str(image), "stdout", "-l", "vie"]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    alone, together = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        alone.append(time.perf_counter() - start)
        start = time.perf_counter()
        procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        for proc in procs:
            proc.wait()
        together.append(time.perf_counter() - start)
    return min(alone), min(together)


def line(name: str, r: dict, n_files: int) -> str:
    return (f"{name:18s} {r['seconds']:7.1f} s  {n_files / r['seconds']:6.2f} docs/s  {r['pages'] / r['seconds']:6.2f} pages/s  "
            f"cpu {r['cpu']:6.1f} s  others {r['others']:4.2f} cores  ({r['converted']} converted, {r['failed']} failed, {r['pages_ocr']} OCR'd)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 documents, 6 scans")
    parser.add_argument("--docs", type=int, help="documents in the archive (default 200)")
    parser.add_argument("--scans", type=int, help="one-page scanned PDFs among them (default 30)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, the first is the base (default 1,2)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(json.loads(args.child))), flush=True)
        return
    n_docs = args.docs or (60 if args.quick else 200)
    n_scans = args.scans if args.scans is not None else (6 if args.quick else 30)
    worker_counts = [int(w) for w in args.workers.split(",")]
    most = max(worker_counts)
    began = time.perf_counter()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores: {cores} (os.cpu_count {os.cpu_count()}), python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory(prefix="egov-batch-bench-") as tmp_name:
        tmp = Path(tmp_name)
        archive = tmp / "archive"
        start = time.perf_counter()
        manifest = build_archive(archive, n_docs, n_scans)
        n_files = len(manifest)
        part1 = str(archive / "part1")
        n_half = sum(p.startswith(part1) for p in manifest)
        kinds: dict[str, int] = {}
        for m in manifest.values():
            key = m["kind"] if m["good"] else "bad"
            kinds[key] = kinds.get(key, 0) + 1
        good_pages = sum(m["pages"] for m in manifest.values() if m["good"])
        size = sum(Path(p).stat().st_size for p in manifest)
        print(
            f"## Archive: {n_files} files ({kinds.get('text', 0)} text/Markdown, {kinds.get('pdf', 0)} text-layer PDFs, "
            f"{kinds.get('scan', 0)} one-page scans, {kinds.get('bad', 0)} broken), {good_pages} good pages, "
            f"{size / MB:.1f} MB, generated in {time.perf_counter() - start:.1f} s"
        )

        ceiling = None
        scans = sorted(p for p, m in manifest.items() if m["kind"] == "scan")
        if scans and most > 1:
            alone, together = ocr_ceiling(Path(scans[0]), tmp, most, 2 if args.quick else 3)
            ceiling = most * alone / together
            print(f"## Machine: bare tesseract, one page: alone {alone:.2f} s, {most} at once {together:.2f} s "
                  f"-> OCR speed-up ceiling x{ceiling:.2f} on {most} workers")

        runs: dict[str, dict] = {}
        print("## Runs (each a fresh process and a fresh SQLite file; one run each)")
        db = str(tmp / "direct.json")
        r = run_child({"mode": "direct", "input": str(archive), "db": db})
        runs["convert_file loop"] = dict(r, db=db, n=n_files, prefix=str(archive))
        print(line("convert_file loop", r, n_files) + "  [1 process, nothing stored]")
        for workers in worker_counts:  # engines alternate, so drift in the machine's speed hits both
            for engine in ("local", "dask"):
                name = f"{engine} w{workers}"
                db = str(tmp / f"{engine}-{workers}.sqlite")
                r = run_child({"mode": "batch", "input": str(archive), "db": db, "engine": engine, "workers": workers})
                runs[name] = dict(r, db=db, n=n_files, prefix=str(archive))
                print(line(name, r, n_files))
                for w in r["stderr_warnings"]:
                    print(f"    stderr: {w[:200]}")
        db = str(tmp / "half.sqlite")
        r = run_child({"mode": "batch", "input": part1, "db": db, "engine": "local", "workers": most})
        half_name = f"local w{most} half"
        runs[half_name] = dict(r, db=db, n=n_half, prefix=part1)
        print(line(half_name, r, n_half) + "  [part1/ only]")
        busy = [name for name, r in runs.items() if r["others"] > 0.2]
        if busy:
            print(f"WARNING: other processes used > 0.2 cores during {', '.join(busy)}: their timings are slowed "
                  "(the 'others' column); run it again on a quiet machine")
        sources = sorted({f for r in runs.values() for f in r["source"]})
        if len(sources) > 1:
            print(f"WARNING: egov_extract changed on disk during the benchmark ({', '.join(sources)}): "
                  "figures and report_json are not comparable across runs; run it again")

        ok = True
        print("## Correctness")
        for name, r in runs.items():
            ok &= check(name, r, manifest, r["prefix"])
        codes: dict[str, int] = {}
        for _, code, _ in runs[f"local w{worker_counts[0]}"]["failures"]:
            codes[code] = codes.get(code, 0) + 1
        print("broken files reported as: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
        base_name = f"local w{worker_counts[0]}"
        base = reports_in(runs[base_name]["db"])
        for name, r in runs.items():
            if name in (base_name, half_name):
                continue
            other = reports_in(r["db"])
            same = sum(other.get(k) == v for k, v in base.items())
            identical = same == len(base) == len(other)
            ok &= identical
            print(f"report_json per sha256, {name} vs {base_name}: {same}/{len(base)} identical "
                  f"({len(other)} stored) {'OK' if identical else 'FAIL'}")

        print("## Speed-up")
        for engine in ("local", "dask"):
            t1 = runs[f"{engine} w{worker_counts[0]}"]["seconds"]
            for w in worker_counts[1:]:
                print(f"{engine}: {worker_counts[0]} -> {w} workers  x{t1 / runs[f'{engine} w{w}']['seconds']:.2f}"
                      + (f"  (bare-tesseract ceiling x{ceiling:.2f})" if ceiling and w == most else ""))

        print("## Overhead of the batch machinery (run_batch, 1 worker, vs convert_file in a loop, 1 process)")
        loop_s = runs["convert_file loop"]["seconds"]
        if 1 in worker_counts:
            for engine, what in (("local", "hashing, a spawned worker, pickling, SQLite; stores while the worker converts"),
                                 ("dask", "the same + LocalCluster start and stop")):
                t = runs[f"{engine} w1"]["seconds"]
                print(f"engine={engine!r}: {t:.1f} s vs {loop_s:.1f} s: overhead {100 * (t / loop_s - 1):+.1f} %  ({what})")

        print("## Peak memory (RSS; VmHWM from /proc, workers sampled with psutil every 0.1 s)")
        full, half = runs[f"local w{most}"], runs[half_name]
        g_half = half["main_peak"] - half["main_before"]
        g_full = full["main_peak"] - full["main_before"]
        flat = g_full - g_half <= max(8 * MB, 0.1 * g_half)
        print(f"main process, local w{most}, peak over its RSS after imports: half ({n_half} files) +{g_half / MB:.1f} MB, "
              f"full ({n_files} files) +{g_full / MB:.1f} MB: {(g_full - g_half) / max(1, n_files - n_half) / 1024:+.0f} KB per "
              f"extra document; flat in the number of documents (<= max(8 MB, 10 %)): {'OK' if flat else 'FAIL'}")
        ok &= flat

        print("## Summary")
        header = (f"{'run':18s} {'s':>6s} {'docs/s':>7s} {'pages/s':>7s} {'cpu s':>6s} {'conv':>4s} {'fail':>4s} {'OCR':>4s} "
                  f"{'main MB':>7s} {'worker MB':>9s} {'tess MB':>7s} {'tree MB':>7s} {'others':>6s}")
        print(header)
        print("-" * len(header))
        for name, r in runs.items():
            print(f"{name:18s} {r['seconds']:6.1f} {r['n'] / r['seconds']:7.2f} {r['pages'] / r['seconds']:7.2f} {r['cpu']:6.1f} "
                  f"{r['converted']:4d} {r['failed']:4d} {r['pages_ocr']:4d} {r['main_peak'] / MB:7.0f} {r['worker_peak'] / MB:9.0f} "
                  f"{r['tesseract_peak'] / MB:7.0f} {r['tree_peak'] / MB:7.0f} {r['others']:6.2f}")
        print("main: peak RSS of the process calling run_batch (VmHWM); worker: largest worker process; tess: largest "
              "tesseract; tree: largest sum over all of them at one moment; cpu: user+sys of the whole tree; others: cores "
              "used by processes outside the benchmark during the run (/proc/stat)")
        print(f"cores: {cores}; egov_extract source {sources[-1]}; total benchmark time {time.perf_counter() - began:.0f} s; all checks {'OK' if ok else 'FAIL'}")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
