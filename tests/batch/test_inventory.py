"""Never a silent skip: every file under a batch or audit folder is converted, failed with its
cause, or listed as not a document type we read / not a report."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from egov_extract.batch import run_batch
from egov_extract.cli import cli
from egov_extract.ingest.inventory import NOT_DOCUMENT, NOT_REPORT, walk
from tests.helpers import SEEDS, load_script


@pytest.fixture()
def folder(tmp_path):
    gen = load_script("make_format_fixtures")
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "004_116e690cb2a70203.txt", root / "report.txt")
    (root / "sub" / "report.docx").write_bytes(gen.docx(gen.from_text((SEEDS / "001_2f418a5d87a66a3b.txt").read_text(encoding="utf-8"))))
    (root / "README.md").write_text("# Archive\nWhat this folder holds.\n", encoding="utf-8")
    (root / "sub" / "budget.xlsx").write_bytes(b"PK\x03\x04 not read")
    (root / "sub" / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body><p>Trang ch\xe1\xbb\xa7</p></body></html>")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrunc")
    return root


def test_walk_accounts_for_every_file(folder):
    files, unread = walk([str(folder)])
    every = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    assert sorted(files + [u.path for u in unread]) == every
    kinds = {u.path.rsplit("/", 1)[1]: u.status for u in unread}
    assert kinds == {".DS_Store": NOT_DOCUMENT, "budget.xlsx": NOT_DOCUMENT, "README.md": NOT_REPORT, "page.pdf": NOT_REPORT}
    assert "holds an HTML page" in next(u.reason for u in unread if u.path.endswith("page.pdf"))


def test_batch_lists_and_stores_every_file_and_a_rerun_still_reports_failures(folder, tmp_path):
    db = tmp_path / "a.sqlite"
    summary = run_batch(folder, db, workers=1)
    assert summary.converted == 2 and summary.failed == 1
    assert sorted(p.rsplit("/", 1)[1] for p, _, _ in summary.not_read) == [".DS_Store", "README.md", "budget.xlsx", "page.pdf"]
    with sqlite3.connect(db) as con:
        stored = dict(con.execute("SELECT path, status FROM files").fetchall())
    assert len(stored) == 7 and sorted(stored.values()) == ["converted"] * 2 + ["failed"] + ["not-read"] * 4

    again = run_batch(folder, db, workers=1)
    assert again.converted == 0 and [p.rsplit("/", 1)[1] for p, _, _ in again.still_failing] == ["broken.pdf"]
    assert "1 still failing" in again.line() and "4 not read" in again.line()
    result = CliRunner().invoke(cli, ["batch", str(folder), "--db", str(db), "-q"])
    assert result.exit_code == 12 and "still failing" in result.output and "README.md" in result.output


def test_audit_lists_what_it_did_not_read(folder, tmp_path):
    out = tmp_path / "audit.json"
    page = tmp_path / "audit.html"
    result = CliRunner().invoke(cli, ["audit", str(folder), "--json", str(out), "--html", str(page), "--markdown", str(tmp_path / "a.md"), "--workers", "1"])
    assert result.exit_code == 12  # broken.pdf failed
    assert "Files not read (5)" in page.read_text(encoding="utf-8") and "## Files not read (5)" in (tmp_path / "a.md").read_text(encoding="utf-8")
    audit = json.loads(out.read_text(encoding="utf-8"))
    assert len(audit["reports"]) == 2
    listed = {f["source"].rsplit("/", 1)[1]: (f["status"], f["code"]) for f in audit["files_not_read"]}
    assert listed == {
        ".DS_Store": ("not-a-document-type", None), "README.md": ("not-a-report", None), "broken.pdf": ("failed", "corrupt-pdf"),
        "budget.xlsx": ("not-a-document-type", None), "page.pdf": ("not-a-report", None),
    }
    assert "5 files not read" not in result.output and "4 files not read" in result.output


def test_an_audit_that_read_everything_writes_no_empty_list(tmp_path):
    out = tmp_path / "audit.json"
    CliRunner().invoke(cli, ["audit", str(SEEDS / "004_116e690cb2a70203.txt"), "--json", str(out)])
    assert "files_not_read" not in out.read_text(encoding="utf-8")
