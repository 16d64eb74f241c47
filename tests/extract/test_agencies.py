"""Agency lists: footnote enumerations, compositions, markers linking them to their statement."""

from egov_extract.extract import extract
from egov_extract.extract.agencies import agency_key, find_agency_lists
from tests.helpers import SEEDS


def test_composition():
    (a,) = find_agency_lists("Tổng số 180 cơ quan gồm: 14 sở, ngành tỉnh; 11 UBND cấp huyện; 155 UBND cấp xã.")
    assert (a.kind, a.total, a.unit) == ("composition", 180, "cơ quan")
    assert [(i.count, i.name) for i in a.items] == [(14, "sở, ngành tỉnh"), (11, "UBND cấp huyện"), (155, "UBND cấp xã")]


def test_enumeration_with_marker_glued():
    text = "15(1) Văn phòng UBND tỉnh, (2) Sở Dân tộc và Tôn giáo, (3) Sở Y tế."
    (a,) = find_agency_lists(text)
    assert a.marker == "15" and [i.number for i in a.items] == [1, 2, 3]
    assert a.items[2].name == "Sở Y tế"


def test_numbering_must_run_from_one_without_gaps():
    assert find_agency_lists("(1) Sở Tư pháp, (3) Sở Y tế.") == []


def test_keys_match_across_garble_and_abbreviations():
    assert agency_key("Văn phòng UBND tỉnh") == agency_key("Van phong Ủy ban nhân dân tinh")
    assert agency_key("Sở Khoa học và Công nghệ") == agency_key("SO KHOA HOC VA CONG NGHE")


def test_footnote_links_the_list_to_its_statement_in_seed_004():
    report = extract(SEEDS / "004_116e690cb2a70203.txt")
    (enum,) = [a for a in report.agency_lists if a.kind == "enumeration"]
    assert enum.marker == "9" and len(enum.items) == 16
    statement = report.indicators[enum.statement]
    assert statement.numbers == ("16", "20") and "Chính quyền điện tử" in statement.label


def test_garbled_seed_000_list_of_twelve():
    report = extract(SEEDS / "000_d6625d6bc845ad83.txt")
    (enum,) = [a for a in report.agency_lists if a.kind == "enumeration"]
    assert enum.marker == "15" and len(enum.items) == 12
    assert enum.items[0].key == agency_key("Văn phòng UBND tỉnh")


def test_garbled_so_is_so_in_the_key():
    from egov_extract.extract.agencies import agency_key

    assert {agency_key(n) for n in ("Sở Y tế", "So0 Y té", "S6 Y tế", "S¢ Y tế")} == {"so y te"}
    assert agency_key("sử dụng dịch vụ công") == "su dung dich vu cong"  # a real word is left alone


def test_an_enumeration_of_services_is_not_an_agency_list():
    from egov_extract.extract.agencies import find_agency_lists

    skills = "kỹ năng số: (1) sử dụng dịch vụ công trực tuyến, (2) mua sắm trực tuyến, (3) thanh toán trực tuyến.\n"
    agencies = "9 (1) Văn phòng UBND tỉnh, (2) Sở Tư pháp, (3) Ban Dân tộc.\n"
    assert find_agency_lists(skills) == []
    assert [len(a.items) for a in find_agency_lists(agencies)] == [3]


# Forms from the written held-out reports (corpora/written/).
def test_composition_whose_unit_has_a_comma_and_wraps_a_line():
    text = "hệ thống cơ quan hành chính nhà nước của tỉnh có 186 cơ quan, đơn\nvị gồm: 14 sở, ngành tỉnh; 9 UBND cấp huyện; 163 UBND\ncấp xã. Ủy ban nhân dân"
    (found,) = find_agency_lists(text)
    assert (found.kind, found.total, found.marker) == ("composition", 186, None)
    assert [(i.count, i.key) for i in found.items] == [(14, "so nganh tinh"), (9, "uy ban nhan dan cap huyen"), (163, "uy ban nhan dan cap xa")]


def test_markers_of_footnotes_written_as_sup_or_on_the_line_above():
    sup = find_agency_lists("<sup>6</sup> 172 cơ quan, đơn vị gồm: 20 sở, ban, ngành tỉnh; 11 UBND cấp huyện; 141 UBND cấp xã.")
    above = find_agency_lists("____\n5\n (1) Công an tỉnh, (2) Bộ Chỉ huy Quân sự tỉnh, (3) Bảo hiểm xã hội tỉnh.")
    assert [f.marker for f in sup + above] == ["6", "5"]


def test_a_breakdown_of_dossiers_is_not_an_agency_list():
    text = "Sở Y tế tiếp nhận 1.326 hồ sơ gồm: 812 hồ sơ lĩnh vực dược, mỹ phẩm; 274 hồ\nsơ lĩnh vực khám bệnh, chữa bệnh; 240 hồ sơ các lĩnh vực khác."
    assert find_agency_lists(text) == []
