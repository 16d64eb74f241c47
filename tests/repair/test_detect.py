"""Line kinds: a line is weighed against its document."""

from egov_extract.repair.detect import classify_lines, line_stats
from egov_extract.repair.engine import _lines, default_repairer
from egov_extract.repair.tokens import Kind, tokenize

GARBLED_DOC = (
    "Ké hoach thuc hién nhiém vu nam 2025 cua S6 Khoa hoc va Cong nghé tinh\n"
    "cone nhan trung tim doi mdi sing tio. hé tr kKhei nehiep sang tae: cone nhan\n"
    "chic\n"
    "Thoi gian thuc hién tir ngay ky dén hét ngay 31/12/2025 theo quy dinh\n"
    "The Smart City Operations Center is online\n"
)


def kinds(text):
    return classify_lines(_lines(tokenize(text)), default_repairer().stripped.folded)


def test_a_garbled_line_that_looks_foreign_takes_its_documents_kind():
    got = kinds(GARBLED_DOC)
    lone = line_stats([t for t in tokenize(GARBLED_DOC.splitlines()[1]) if t.kind is Kind.WORD], default_repairer().stripped.folded)
    assert lone.kind() == "foreign"  # on its own, too garbled to look Vietnamese
    assert got[:4] == ["garbled", "garbled", "garbled", "garbled"]


def test_english_stays_foreign_in_a_garbled_document():
    assert kinds(GARBLED_DOC)[4] == "foreign"
