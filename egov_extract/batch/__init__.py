"""Batch conversion of an archive into SQLite: parallel, resumable, idempotent.

`run_batch(input_dir, db)` walks the folder, skips what the database already holds (by content
hash; with `only_new` by path, size and mtime without reading), converts the rest in worker
processes (or on a Dask cluster) and stores each document in one transaction. A rerun after a
crash converts only what is missing; a file whose content changed is converted again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import default_workers
from ..ingest.inventory import walk
from .convert import convert_file
from .engines import ENGINES
from .store import SCHEMA_VERSION, Store, StoreError

__all__ = ["SCHEMA_VERSION", "BatchSummary", "Store", "StoreError", "convert_file", "crashed_result", "run_batch"]


@dataclass
class BatchSummary:
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    pages: int = 0
    pages_ocr: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    not_read: list[tuple[str, str, str]] = field(default_factory=list)  # (path, status, reason): not documents or not reports
    still_failing: list[tuple[str, str, str]] = field(default_factory=list)  # failed in an earlier run, unchanged, not retried

    def line(self) -> str:
        extra = ""
        if self.still_failing:
            extra += f", {len(self.still_failing)} still failing from earlier runs"
        if self.not_read:
            extra += f", {len(self.not_read)} not read (not documents we read, or not reports)"
        return (
            f"{self.converted} converted, {self.skipped} skipped, {self.failed} failed{extra}, "
            f"{self.pages} pages ({self.pages_ocr} OCR'd)"
        )


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan(store: Store, files: list[str], only_new: bool, run_id: int, retry_failed: bool = False, reconvert: bool = False) -> tuple[list, list, list, list]:
    """To convert (path, size, mtime_ns); skipped paths; unreadable (path, code, message); and
    copies (path, size, mtime_ns, sha256) of content stored or about to be, to record by path."""
    todo, skipped, unreadable, copies = [], [], [], []
    seen: set[str] = set()
    for path in files:
        try:
            stat = os.stat(path)
        except OSError as exc:
            unreadable.append((path, "missing-file", f"{path}: {exc.strerror}"))
            continue
        state = store.file_state(path)
        if reconvert:
            state = None
        unchanged = state is not None and state[0] == stat.st_size and state[1] == stat.st_mtime_ns
        if unchanged and ((only_new and state[3] == "converted") or (state[3] == "failed" and not retry_failed)):
            skipped.append(path)  # known by path, size and mtime; a failure is not retried unless asked
            continue
        try:
            digest = _sha256(path)
        except OSError as exc:
            unreadable.append((path, "missing-file", f"{path}: {exc.strerror}"))
            continue
        if (store.has_document(digest) and not reconvert) or digest in seen:
            skipped.append(path)  # already stored, or the same content under another name in this run
            if state is None or state[2] != digest:
                copies.append((path, stat.st_size, stat.st_mtime_ns, digest))
            continue
        seen.add(digest)
        todo.append((path, stat.st_size, stat.st_mtime_ns))
    return todo, skipped, unreadable, copies


def crashed_result(args: tuple) -> dict:
    """What a file whose worker process died is recorded as (its path is args[0])."""
    return {"ok": False, "code": "worker-crashed", "message": f"{args[0]}: the worker converting it died (a crash in a native library, or out of memory)"}


def run_batch(
    input_dir: str | Path,
    db: str | Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    only_new: bool = False,
    retry_failed: bool = False,
    reconvert: bool = False,
    ocr: bool = True,
    lang: str = "vie",
    dpi: int = 300,
    on_start: Callable[[int, int], None] | None = None,
    on_file: Callable[[str, dict], None] | None = None,
) -> BatchSummary:
    """Convert every PDF, text and Markdown file under `input_dir` into the database `db`.

    `on_start(total_to_convert, skipped)` and `on_file(path, result)` report progress. A file
    that failed is tried again only when it changed, or with `retry_failed`; `reconvert`
    converts every file again (after an upgrade of egov_extract, say), replacing what is stored.
    Parallel by document; a batch with fewer documents than workers OCRs each document's
    pages in parallel instead."""
    workers = workers or default_workers()
    summary = BatchSummary()
    with Store(db) as store:
        run_id = store.start_run(str(input_dir), engine, workers)
        files, unread = walk([str(input_dir)])
        for entry in unread:  # listed by name and kept in the database, never dropped silently
            try:
                stat = os.stat(entry.path)
                size, mtime_ns = stat.st_size, stat.st_mtime_ns
            except OSError:
                size, mtime_ns = 0, 0
            store.record_file(entry.path, size, mtime_ns, None, run_id, (entry.status, entry.reason), status="not-read")
            summary.not_read.append((entry.path, entry.status, entry.reason))
        todo, skipped, unreadable, copies = plan(store, files, only_new, run_id, retry_failed, reconvert)
        summary.skipped = len(skipped)
        for path in skipped:
            state = store.file_state(path)
            if state is not None and state[3] == "failed":
                code, message = store.file_error(path) or ("failed", path)
                summary.still_failing.append((path, code, message))
        for path, code, message in unreadable:
            store.record_file(path, 0, 0, None, run_id, (code, message))
            summary.failed += 1
            summary.failures.append((path, code, message))
        if on_start:
            on_start(len(todo), len(skipped))
        page_workers = workers if len(todo) < workers else 1
        tasks = ((item, (item[0], ocr, lang, dpi, page_workers)) for item in todo)
        if engine == "dask":
            results = ENGINES["dask"](convert_file, tasks, workers, scheduler, crashed=crashed_result)
        else:
            results = ENGINES["local"](convert_file, tasks, workers, crashed=crashed_result)
        for (path, size, mtime_ns), result in results:
            if result["ok"]:
                store.save(result, path, size, mtime_ns, run_id)
                summary.converted += 1
                summary.pages += len(result["pages"])
                summary.pages_ocr += result["pages_ocr"]
            else:
                store.record_file(path, size, mtime_ns, None, run_id, (result["code"], result["message"]))
                summary.failed += 1
                summary.failures.append((path, result["code"], result["message"]))
            if on_file:
                on_file(path, result)
        for path, size, mtime_ns, digest in copies:
            if store.has_document(digest):
                store.record_file(path, size, mtime_ns, digest, run_id)
        store.finish_run(run_id, summary.converted, summary.skipped, summary.failed, summary.pages_ocr)
    return summary
