"""The command line: output, exit codes per error class, stdin, batches that go on after a failure."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from egov_extract.cli import EXIT_PARTIAL, cli
from egov_extract.errors import ALL_ERRORS
from tests.helpers import SEEDS

SEED_001 = SEEDS / "001_2f418a5d87a66a3b.txt"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_ingest_prints_page_text():
    result = run("ingest", SEED_001)
    assert result.exit_code == 0
    assert "Kế hoạch số 1245/KH-UBND ngày 29/12/2023" in result.output


def test_ingest_json_is_a_document():
    result = run("ingest", SEED_001, "--json")
    data = json.loads(result.output)
    assert data["kind"] == "text" and data["pages"][0]["method"] == "plain"


def test_stdin():
    result = run("ingest", "-", "--json", input="Báo cáo\fTrang hai".encode())
    data = json.loads(result.output)
    assert data["source"] == "<stdin>" and len(data["pages"]) == 2


def test_exit_codes_are_distinct():
    codes = [e.exit_code for e in ALL_ERRORS]
    assert len(set(codes)) == len(codes) and not {0, 1, 2, EXIT_PARTIAL} & set(codes)


@pytest.mark.parametrize(
    "name, content, code, words",
    [
        ("missing.pdf", None, 3, "no such file"),
        ("photo.txt", b"GIF89a\x01\x00\x01\x00", 4, "GIF image"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", 13, "image cannot be decoded"),
        ("empty.pdf", b"", 5, "empty"),
        ("bad.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4, 7, "corrupt"),
        ("binary.txt", bytes(range(1, 32)) * 10 + b"\x81", 9, "not decodable"),
    ],
)
def test_user_errors_are_one_line_with_their_exit_code(tmp_path, name, content, code, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("ingest", path)
    assert result.exit_code == code
    assert f"egov-extract: error: {path}" in result.output and words in result.output
    assert "Traceback" not in result.output


def test_pdf_error_exit_codes(fixture_pdfs):
    assert run("ingest", fixture_pdfs["encrypted"]).exit_code == 6
    assert run("ingest", fixture_pdfs["truncated"]).exit_code == 7
    assert run("ingest", fixture_pdfs["zero"]).exit_code == 8


def test_missing_ocr_engine_exit_code(fixture_pdfs):
    # A real subprocess: the console script with a tesseract that is not there.
    code = (
        "import pytesseract, sys; pytesseract.pytesseract.tesseract_cmd = '/nonexistent/tesseract';"
        "from egov_extract.cli import main; sys.argv = ['egov-extract', 'ingest', sys.argv[1]]; main()"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(fixture_pdfs["scan"])], capture_output=True, text=True)
    assert proc.returncode == 10
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_several_inputs_need_out_dir():
    result = run("ingest", SEEDS)
    assert result.exit_code == 2 and "--out" in result.output


def test_batch_goes_on_after_a_bad_file_and_loses_nothing(tmp_path, fixture_pdfs):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Báo cáo số 1", encoding="utf-8")
    (inbox / "b.pdf").write_bytes(fixture_pdfs["truncated"].read_bytes())
    (inbox / "c.pdf").write_bytes(fixture_pdfs["text"].read_bytes())
    out = tmp_path / "out"
    result = run("ingest", inbox, "--out", out, "--json")
    assert result.exit_code == EXIT_PARTIAL
    assert sorted(p.name for p in out.iterdir()) == ["a.txt.json", "c.pdf.json"]
    assert "b.pdf: the PDF is corrupt" in result.output
    assert "ingested 2 of 3 files, 1 failed" in result.output


def test_schemas_check(tmp_path):
    assert run("schemas", "--out", tmp_path, "--check").exit_code == 1
    assert run("schemas", "--out", tmp_path).exit_code == 0
    assert run("schemas", "--out", tmp_path, "--check").exit_code == 0


def test_help_everywhere():
    for args in ([], ["ingest"], ["schemas"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_repair_writes_the_text_and_every_change(tmp_path):
    garbled = SEEDS / "003_74bc8b0f8ef37661.txt"
    out, changes = tmp_path / "repaired.txt", tmp_path / "changes.json"
    result = run("repair", garbled, "-o", out, "--changes", changes)
    assert result.exit_code == 0, result.output
    text, rows = out.read_text(encoding="utf-8"), json.loads(changes.read_text(encoding="utf-8"))
    assert "BÁO CÁO" in text and "Số: 1407 /BC-SNV" in text
    original = garbled.read_text(encoding="utf-8")
    assert rows and all(original[r["start"] : r["end"]] == r["original"] and text[r["repaired_start"] :].startswith(r["replacement"]) for r in rows)
    assert f"{len(rows)} of " in result.stderr


def test_repair_leaves_proper_vietnamese_alone():
    result = run("repair", SEED_001)
    assert result.exit_code == 0 and " 0 of " in result.stderr
    assert "Kế hoạch số 1245/KH-UBND ngày 29/12/2023" in result.stdout


def test_repair_tone_style_option():
    line = "Ké hoach chuyén déi s6 hoa, xoa bo thu tuc, thuy loi".encode()
    assert run("repair", "-", input=line).stdout.startswith("Kế hoạch chuyển đổi số hóa, xóa bỏ thủ tục, thủy lợi")
    assert run("repair", "-", "--tone-style", "new", input=line).stdout.startswith("Kế hoạch chuyển đổi số hoá, xoá bỏ thủ tục, thuỷ lợi")
    assert run("repair", "-", "--tone-style", "modern", input=line).exit_code == 2
