"""Batch conversion: idempotent, resumable after kill -9, failures recorded, engines agree."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from egov_extract.batch import SCHEMA_VERSION, Store, StoreError, run_batch
from egov_extract.cli import cli
from tests.helpers import CORPORA, SEEDS


@pytest.fixture()
def archive(tmp_path):
    """Real reports from the corpus, a nested folder, a duplicate, and two bad files."""
    folder = tmp_path / "archive"
    (folder / "2025" / "q1").mkdir(parents=True)
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    for p in sorted((CORPORA / "reports").glob("*.txt"))[:3]:
        shutil.copy(p, folder / "2025" / "q1" / p.name)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / "2025" / "copy-of-000.txt")  # same content, another name
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrunc")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def rows(db, sql):
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


def test_convert_store_and_rerun_converts_nothing(archive, tmp_path):
    db = tmp_path / "a.sqlite"
    first = run_batch(archive, db, workers=2)
    assert (first.converted, first.failed) == (6, 2) and first.skipped == 1  # the copy is the same document
    assert {code for _, code, _ in first.failures} == {"corrupt-pdf", "empty-file"}
    with Store(db) as store:
        counts = store.counts()
    assert counts["documents"] == 6 and counts["files"] == 9 and counts["failed"] == 2
    assert counts["records"] > 100
    # every document is whole: its pages and its Report's records are there
    assert rows(db, "SELECT COUNT(*) FROM documents d WHERE d.pages != (SELECT COUNT(*) FROM pages p WHERE p.sha256 = d.sha256)") == [(0,)]
    second = run_batch(archive, db, workers=2)
    assert (second.converted, second.failed, second.skipped) == (0, 0, 9)
    with Store(db) as store:
        assert store.counts() == counts
    retried = run_batch(archive, db, workers=1, retry_failed=True)
    assert (retried.converted, retried.failed) == (0, 2)


def test_a_changed_file_is_converted_again(archive, tmp_path):
    db = tmp_path / "a.sqlite"
    run_batch(archive, db, workers=1)
    changed = next(archive.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    again = run_batch(archive, db, workers=1)
    assert again.converted == 1
    (sha,) = rows(db, f"SELECT sha256 FROM files WHERE path = '{changed}'")[0]
    assert rows(db, f"SELECT COUNT(*) FROM documents WHERE sha256 = '{sha}'") == [(1,)]


def test_only_new_trusts_path_size_and_mtime(archive, tmp_path):
    db = tmp_path / "a.sqlite"
    run_batch(archive, db, workers=1)
    target = next(archive.glob("002_*.txt"))
    stat = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Chính", "Chinh", 1), encoding="utf-8")  # same size in bytes? not always
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    if target.stat().st_size == stat.st_size:
        assert run_batch(archive, db, workers=1, only_new=True).converted == 0
    assert run_batch(archive, db, workers=1).converted == 1  # without --only-new the content decides


def test_schema_is_versioned(tmp_path):
    db = tmp_path / "a.sqlite"
    with Store(db):
        pass
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    with sqlite3.connect(db) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_kill_9_mid_run_loses_nothing_committed(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    # The first pages of every law: real text, quick to convert, and enough of it that the run
    # outlasts the polling below on a fast machine (24 shorter ones were all stored within one
    # 0.2 s poll on a machine three times faster than the one the test was written on).
    laws = sorted((CORPORA / "laws").glob("*.txt"))
    for p in laws:
        (folder / p.name).write_text(p.read_text(encoding="utf-8")[:12000], encoding="utf-8")
    db = tmp_path / "k.sqlite"
    command = [sys.executable, "-m", "egov_extract.cli", "batch", str(folder), "--db", str(db), "--workers", "1", "-q"]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if db.exists():
            try:
                stored = rows(db, "SELECT COUNT(*) FROM documents")[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 3:
                break
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the batch and its worker processes
    proc.wait()
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    killed_at = rows(db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 3 <= killed_at < len(laws)
    # nothing half-written: every stored document has all its pages, and a file row pointing at it
    assert rows(db, "SELECT COUNT(*) FROM documents d WHERE d.pages != (SELECT COUNT(*) FROM pages p WHERE p.sha256 = d.sha256)") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.sha256 = d.sha256)") == [(0,)]
    resumed = run_batch(folder, db, workers=2)
    assert resumed.converted == len(laws) - killed_at and resumed.failed == 0
    clean = tmp_path / "clean.sqlite"
    run_batch(folder, clean, workers=2)
    q = "SELECT sha256, report_json FROM documents ORDER BY sha256"
    assert rows(db, q) == rows(clean, q)


def test_dask_local_cluster_gives_the_same_bytes(archive, tmp_path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    a = run_batch(archive, local, workers=2, engine="local")
    b = run_batch(archive, dask, workers=2, engine="dask")  # a LocalCluster of two worker processes
    assert (a.converted, a.failed) == (b.converted, b.failed)
    q = "SELECT sha256, document_json, repair_json, report_json FROM documents ORDER BY sha256"
    assert rows(local, q) == rows(dask, q)


def test_cli_batch_export_and_audit(archive, tmp_path):
    db = tmp_path / "a.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["batch", str(archive), "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 12  # two bad files: reported, the rest converted
    assert "6 converted" in result.output and "broken.pdf" in result.output
    out = tmp_path / "reports.jsonl"
    assert runner.invoke(cli, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and all(json.loads(line)["sha256"] for line in lines)
    pandas = pytest.importorskip("pandas")
    assert len(pandas.read_json(out, lines=True)) == 6
    csv = tmp_path / "records.csv"
    assert runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "-o", str(csv)]).exit_code == 0
    assert len(pandas.read_csv(csv)) > 100
    audit = runner.invoke(cli, ["audit", "--db", str(db), "--json", str(tmp_path / "audit.json")])
    assert audit.exit_code == 0 and "6 reports" in audit.output


def test_a_worker_that_dies_costs_only_its_own_file():
    from egov_extract.batch import crashed_result
    from egov_extract.batch.engines import run_local
    from tests.batch.crashy import convert_or_die

    names = [f"f{i}.txt" for i in range(7)] + ["die.txt"] + [f"g{i}.txt" for i in range(5)]
    results = dict(run_local(convert_or_die, ((n, (n,)) for n in names), workers=2, crashed=crashed_result))
    assert sorted(results) == sorted(names)
    assert results["die.txt"]["code"] == "worker-crashed" and "die.txt" in results["die.txt"]["message"]
    assert all(results[n]["ok"] for n in names if n != "die.txt")


def test_reconvert_replaces_what_is_stored(archive, tmp_path):
    db = tmp_path / "a.sqlite"
    run_batch(archive, db, workers=2)
    with Store(db) as store:
        before = store.counts()
    again = run_batch(archive, db, workers=2, reconvert=True)
    assert again.converted == 6
    with Store(db) as store:
        assert store.counts() == before  # replaced, not duplicated
