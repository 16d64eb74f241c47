"""Reconciliation on the seeds (true findings, no false alarms) and on synthetic variants."""

import json

import pytest
from click.testing import CliRunner

from egov_extract import ingest
from egov_extract.cli import cli
from egov_extract.extract import extract_document
from egov_extract.reconcile import reconcile
from egov_extract.repair import repair_document
from tests.helpers import SEEDS


def audit_of(*texts, names=None):
    from egov_extract.ingest import ingest_bytes

    docs = [ingest_bytes(t.encode(), name) for t, name in zip(texts, names or [f"r{i}.txt" for i in range(len(texts))])]
    reports = [extract_document(d, repair_document(d)) for d in docs]
    return reconcile(reports)


@pytest.fixture(scope="module")
def seed_audit():
    docs = [ingest(p) for p in sorted(SEEDS.glob("*.txt"))]
    return reconcile([extract_document(d, repair_document(d)) for d in docs])


def test_seed_errors_and_warnings_are_the_real_ones(seed_audit):
    """Every error and warning on the seeds, each checked by hand against the text (see
    tests/gold/findings.json for the labelled list the benchmark scores)."""
    # (check, first evidence) of every check that found a case; one case may have several checks
    got = {(c, f.evidence[0].text) for f in seed_audit.findings for c in f.checks() if f.view(c).severity != "info"}
    assert got == {
        ("percent-vs-ratio", "11/14"),  # 78,6 %, not 85,7 %
        ("count-vs-listed", "11/14"),  # the footnote lists 12
        ("change-vs-values", "11/14"),  # 85,7 − 7,13 = 78,57 = 11/14: the 85,7 % is the error
        ("percent-vs-ratio", "179/188"),  # 95,2 %, not 94,2 %
        ("impossible-date", "16/5/20235"),
        ("impossible-date", "20230"),  # 'đến năm 20230'
        ("implements-later-document", "03/NQ-CP ngày 09/01/2024"),  # carries out 57-NQ/TW of 22/12/2024
        ("denominator-change", "180/188"),  # 180/188 in the Q1 report, 178/180 in March's, both for Q1
        ("indicator-conflict", "178/180"),  # ... and 180/188 again in May's
    }


def test_the_count_and_its_footnote_point_at_the_stale_figures(seed_audit):
    (finding,) = [f.view("count-vs-listed") for f in seed_audit.findings if "count-vs-listed" in f.checks()]
    assert "lists 12 agencies" in finding.message
    assert "12 listed agencies fit 85,7% (12/14)" in finding.suggestion


def test_seed_changes_of_denominator_and_list_are_explained(seed_audit):
    (change,) = [f for f in seed_audit.findings if f.check == "denominator-change" and f.evidence[0].text == "16/20"]
    assert change.severity == "info" and "from 20 to 14" in change.message
    assert "xuống còn 14" in change.evidence[2].quote.text or "xubng còn 14" in change.evidence[2].quote.text
    (listed,) = [f for f in seed_audit.findings if f.check == "agency-list-change"]
    assert "renamed: Ban Dân tộc → Sở Dân tộc và Tôn giáo" in listed.message
    for name in ("Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ", "Sở Nông nghiệp", "Sở Tài nguyên", "Sở Thông tin", "Sở Tư pháp"):
        assert name in listed.message.split("left: ")[1].split(". joined")[0]
    assert "Sở Nội vụ" in listed.message.split("joined: ")[1] and "Y tế" in listed.message.split("joined: ")[1]


def test_the_headline_case_explains_itself(seed_audit):
    finding = next(f for f in seed_audit.findings if f.check == "percent-vs-ratio" and f.evidence[0].text == "11/14")
    assert "78,6" in finding.message and "12/14" in finding.suggestion
    quote = finding.evidence[0].quote
    assert quote.text[quote.start : quote.end] == "11/14"
    # the whole sentence, over the OCR's hard line breaks; repaired, and as ingested
    assert "cơ quan nhà nước" in quote.text and "(đạt 85,7%)" in quote.text
    assert "co quan nha nudc" in quote.original and quote.original[quote.original_start : quote.original_end] == "11/14"


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Đạt 16/20 cơ quan, tỷ lệ 80%.", False),
        ("Đạt 11/14 cơ quan, tỷ lệ 78,6%.", False),  # rounded
        ("Đạt 11/14 cơ quan, tỷ lệ 78,5%.", False),  # truncated
        ("Đạt 2/3 cơ quan, tỷ lệ 66,7%.", False),
        ("Đạt 2/3 cơ quan, tỷ lệ 67%.", False),
        ("Đạt 11/14 cơ quan, tỷ lệ 85,7%.", True),
        ("Đạt 11/14 cơ quan, tỷ lệ 78,7%.", True),  # neither rounding nor truncation
        ("Đạt 179/188 cơ quan, đạt tỉ lệ 94,2%.", True),
    ],
)
def test_percent_vs_ratio_tolerates_printed_precision_only(sentence, flagged):
    audit = audit_of(sentence)
    assert any(f.check == "percent-vs-ratio" for f in audit.findings) == flagged


def test_parts_vs_total():
    ok = audit_of("Tổng số 188 cơ quan gồm: 21 sở, ngành tỉnh; 11 UBND cấp huyện; 156 UBND cấp xã.")
    bad = audit_of("Tổng số 180 cơ quan gồm: 21 sở, ngành tỉnh; 11 UBND cấp huyện; 156 UBND cấp xã.")
    assert not ok.findings
    assert [f.check for f in bad.findings] == ["parts-vs-total"]


def test_count_vs_listed():
    text = "Hoàn thiện Chính quyền điện tử là 3/5\n9\n cơ quan.\n\n9\n (1) Sở Tư pháp, (2) Sở Y tế.\n"
    audit = audit_of(text)
    assert [f.check for f in audit.findings] == ["count-vs-listed"]
    assert "lists 2 agencies" in audit.findings[0].message
    # The list's evidence is the list as printed, so an auditor reads it (not a count of items).
    listed = audit.findings[0].evidence[1]
    assert listed.text == "(1) Sở Tư pháp, (2) Sở Y tế"
    assert listed.text in listed.quote.text


def test_citation_dates_across_reports_and_different_types_are_not_conflicts():
    a = "Căn cứ Quyết định số 1407/QĐ-UBND ngày 12/6/2024 của UBND tỉnh."
    b = "Theo Quyết định số 1407/QĐ-UBND ngày 13/6/2024 và Báo cáo số 1407/BC-SNV ngày 20/5/2025."
    audit = audit_of(a, b)
def test_impossible_dates():
    audit = audit_of("Báo cáo ngày 31/02/2025, thống kê ngày 16/5/20235.")
    assert sorted(e.text for f in audit.findings for e in f.evidence) == ["16/5/20235", "31/02/2025"]


def test_audit_cli_writes_json_and_markdown(tmp_path):
    result = CliRunner().invoke(cli, ["audit", str(SEEDS / "000_d6625d6bc845ad83.txt"), "--json", str(tmp_path / "a.json"), "--markdown", str(tmp_path / "a.md")])
    assert result.exit_code == 0
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert "percent-vs-ratio" in {f["check"] for f in data["findings"]}
    assert "78,6" in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_finding_ids_are_unique_and_survive_json(seed_audit):
    from egov_extract.datamodel import Audit

    ids = [f.id for f in seed_audit.findings]
    assert len(set(ids)) == len(ids) and all(i.startswith(f.check + "-") for i, f in zip(ids, seed_audit.findings))
    assert [f.id for f in Audit.model_validate_json(seed_audit.to_json()).findings] == ids
    # a finding keeps its id when other findings come and go
    assert reconcile([r for r in seed_audit_reports()[:1]]).findings[0].id in ids


def seed_audit_reports():
    return [extract_document(d, repair_document(d)) for d in [ingest(p) for p in sorted(SEEDS.glob("*.txt"))]]


def test_audit_in_worker_processes_gives_the_same_bytes(tmp_path):
    runner = CliRunner()
    for workers in ("1", "2"):
        result = runner.invoke(cli, ["audit", str(SEEDS), "--workers", workers, "--json", str(tmp_path / f"{workers}.json")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()


def test_finding_ids_do_not_depend_on_how_a_path_was_typed(tmp_path, monkeypatch):
    """'corpora/x', './corpora/x' and an absolute path gave three ids to one finding (issue 22)."""
    folder = tmp_path / "corpora"
    folder.mkdir()
    (folder / "a.txt").write_text("Tổng số 11/14 cơ quan, tỷ lệ 85,7%.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ids = set()
    for path in ("corpora/a.txt", "./corpora/a.txt", str(folder / "a.txt")):
        document = ingest(path)
        (finding,) = reconcile([extract_document(document, repair_document(document))]).findings
        ids.add(finding.id)
    assert len(ids) == 1
