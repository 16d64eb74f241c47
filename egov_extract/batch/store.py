"""The archive database: documents keyed by content hash, their pages, records and errors, in
SQLite (embedded, one file, readable by any SQLite client, pandas or DuckDB).

One writer (the batch's main process) commits one document per transaction: a run killed at any
moment leaves every document either whole or absent. The schema version is SQLite's
`user_version`; `MIGRATIONS[i]` brings a database from version i to i + 1.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..datamodel import Report

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1
    """
    CREATE TABLE documents (
        sha256        TEXT PRIMARY KEY,          -- content hash: the document's identity
        source        TEXT NOT NULL,             -- path it was first converted from
        kind          TEXT NOT NULL,             -- pdf-text, pdf-scan, pdf-mixed, text
        media_type    TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL,
        pages         INTEGER NOT NULL,
        pages_ocr     INTEGER NOT NULL,
        document_json TEXT NOT NULL,             -- Document (schemas/Document.schema.json)
        repair_json   TEXT NOT NULL,             -- RepairedDocument
        report_json   TEXT NOT NULL,             -- Report
        converter     TEXT NOT NULL,             -- egov_extract version that converted it
        converted_at  TEXT NOT NULL
    );
    CREATE TABLE pages (
        sha256         TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        number         INTEGER NOT NULL,
        method         TEXT NOT NULL,            -- text-layer, ocr, plain
        ocr_confidence REAL,
        characters     INTEGER NOT NULL,
        PRIMARY KEY (sha256, number)
    );
    CREATE TABLE records (
        sha256   TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        kind     TEXT NOT NULL,                  -- citation, indicator, agency_list, date
        position INTEGER NOT NULL,               -- index in the Report's tuple of that kind
        page     INTEGER NOT NULL,
        start    INTEGER NOT NULL,
        end      INTEGER NOT NULL,
        text     TEXT NOT NULL,
        json     TEXT NOT NULL,
        PRIMARY KEY (sha256, kind, position)
    );
    CREATE TABLE page_errors (
        sha256  TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        page    INTEGER NOT NULL,
        code    TEXT NOT NULL,
        message TEXT NOT NULL
    );
    CREATE TABLE files (
        path       TEXT PRIMARY KEY,             -- as found under the input folder
        size_bytes INTEGER NOT NULL,
        mtime_ns   INTEGER NOT NULL,
        sha256     TEXT,                         -- NULL when the file could not be read
        status     TEXT NOT NULL,                -- converted, failed, not-read (error_code says why)
        error_code TEXT,
        error      TEXT,
        run_id     INTEGER NOT NULL REFERENCES runs(id)
    );
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        input       TEXT NOT NULL,
        engine      TEXT NOT NULL,
        workers     INTEGER NOT NULL,
        converted   INTEGER NOT NULL DEFAULT 0,
        skipped     INTEGER NOT NULL DEFAULT 0,
        failed      INTEGER NOT NULL DEFAULT 0,
        pages_ocr   INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX records_kind ON records(kind);
    CREATE INDEX files_sha256 ON files(sha256);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The database cannot be used: newer than this library, or not ours."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """An archive database. Use as a context manager; every write method commits."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # explicit transactions only
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this egov_extract ({SCHEMA_VERSION})")
        for number in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: a process killed inside leaves the database as it was before."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- runs -------------------------------------------------------------------------------

    def start_run(self, input_dir: str, engine: str, workers: int) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started_at, input, engine, workers) VALUES (?, ?, ?, ?)", (_now(), input_dir, engine, workers)
        )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, converted: int, skipped: int, failed: int, pages_ocr: int) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at=?, converted=?, skipped=?, failed=?, pages_ocr=? WHERE id=?",
            (_now(), converted, skipped, failed, pages_ocr, run_id),
        )

    # -- what is stored ---------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha256,)).fetchone() is not None

    def file_state(self, path: str) -> tuple[int, int, str | None, str] | None:
        """(size, mtime_ns, sha256, status) recorded for a path, or None."""
        return self.db.execute("SELECT size_bytes, mtime_ns, sha256, status FROM files WHERE path=?", (path,)).fetchone()

    def file_error(self, path: str) -> tuple[str, str] | None:
        """(error code, message) of a file recorded as failed or not read, or None."""
        row = self.db.execute("SELECT error_code, error FROM files WHERE path=? AND status != 'converted'", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def record_file(self, path: str, size: int, mtime_ns: int, sha256: str | None, run_id: int, error=None, status: str | None = None) -> None:
        """Remember where a file stands (converted, failed with its error, or `status` 'not-read'
        with why: not a document type we read, or not a report), in its own transaction."""
        code, message = (error if error else (None, None))
        self.db.execute(
            "INSERT INTO files (path, size_bytes, mtime_ns, sha256, status, error_code, error, run_id) VALUES (?,?,?,?,?,?,?,?) "
            "ON CONFLICT(path) DO UPDATE SET size_bytes=excluded.size_bytes, mtime_ns=excluded.mtime_ns, sha256=excluded.sha256, "
            "status=excluded.status, error_code=excluded.error_code, error=excluded.error, run_id=excluded.run_id",
            (path, size, mtime_ns, sha256, status or ("failed" if error else "converted"), code, message, run_id),
        )

    def save(self, converted: dict, path: str, size: int, mtime_ns: int, run_id: int) -> None:
        """Store one converted document and its file row in ONE transaction: all or nothing."""
        report = Report.model_validate_json(converted["report_json"])
        with self._transaction():
            self.db.execute("DELETE FROM documents WHERE sha256=?", (converted["sha256"],))
            self.db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    converted["sha256"], path, converted["kind"], converted["media_type"], converted["size_bytes"],
                    len(converted["pages"]), converted["pages_ocr"], converted["document_json"], converted["repair_json"],
                    converted["report_json"], converted["converter"], _now(),
                ),
            )
            self.db.executemany("INSERT INTO pages VALUES (?,?,?,?,?)", [(converted["sha256"], *p) for p in converted["pages"]])
            self.db.executemany(
                "INSERT INTO page_errors VALUES (?,?,?,?)", [(converted["sha256"], *e) for e in converted["page_errors"]]
            )
            rows = []
            for kind, records in (
                ("citation", report.citations),
                ("indicator", report.indicators),
                ("agency_list", report.agency_lists),
                ("date", report.dates),
            ):
                for position, r in enumerate(records):
                    text = getattr(r, "text", "") or r.quote.text[r.quote.start : r.quote.end]
                    rows.append((report.sha256, kind, position, r.span.page, r.span.start, r.span.end, text, r.model_dump_json()))
            self.db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?)", rows)
            self.record_file(path, size, mtime_ns, converted["sha256"], run_id)

    # -- reading back -----------------------------------------------------------------------

    def reports(self) -> Iterator[Report]:
        """Every stored Report, in content-hash order (stable across runs)."""
        for (text,) in self.db.execute("SELECT report_json FROM documents ORDER BY sha256"):
            yield Report.model_validate_json(text)

    def counts(self) -> dict[str, int]:
        q = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": q("SELECT COUNT(*) FROM documents"),
            "pages": q("SELECT COUNT(*) FROM pages"),
            "records": q("SELECT COUNT(*) FROM records"),
            "files": q("SELECT COUNT(*) FROM files"),
            "failed": q("SELECT COUNT(*) FROM files WHERE status='failed'"),
            "not_read": q("SELECT COUNT(*) FROM files WHERE status='not-read'"),
        }

    def export_jsonl(self, out) -> int:
        """One Report per line (sorted by content hash): `pandas.read_json(path, lines=True)`."""
        n = 0
        for (text,) in self.db.execute("SELECT report_json FROM documents ORDER BY sha256"):
            out.write(json.dumps(json.loads(text), ensure_ascii=False, sort_keys=False) + "\n")
            n += 1
        return n

    def export_csv(self, out) -> int:
        """One row per record: sha256, source, kind, position, page, start, end, text."""
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["sha256", "source", "kind", "position", "page", "start", "end", "text"])
        n = 0
        for row in self.db.execute(
            "SELECT r.sha256, d.source, r.kind, r.position, r.page, r.start, r.end, r.text FROM records r "
            "JOIN documents d USING (sha256) ORDER BY r.sha256, r.kind, r.position"
        ):
            writer.writerow(row)
            n += 1
        return n


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "StoreError"]
