"""One target, two values in one report (shape of a 2026-2030 plan; figures invented)."""

import pytest

from tests.reconcile.test_checks import audit_of

PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÀ LÂM\n\nSố: 12/KH-UBND\n\n*Hà Lâm, ngày 05 tháng 3 năm 2025*\n\n"
    "KẾ HOẠCH\nCHUYỂN ĐỔI SỐ GIAI ĐOẠN 2026 - 2030\n\nI. MỤC TIÊU\n\n"
    "1. Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết đạt tối thiểu {body} số hồ sơ tiếp nhận.\n\n"
    "2. Các nhiệm vụ khác.\n\nPHỤ LỤC\nCHỈ TIÊU\n\n"
    "- Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết đạt tối thiểu {annex} số hồ sơ tiếp nhận.\n"
)


@pytest.mark.parametrize("body, annex, flagged", [("70%", "40%", True), ("70%", "70%", False), ("70,0%", "70%", False)])
def test_the_same_target_in_body_and_annex(body, annex, flagged):
    found = [f for f in audit_of(PLAN.format(body=body, annex=annex)).findings if f.check == "target-conflict"]
    assert bool(found) == flagged
    if flagged:
        assert "2026-2030" in found[0].message


def test_targets_for_different_years_are_no_conflict():
    text = PLAN.format(body="70%", annex="90%").replace(
        "- Tỷ lệ hồ sơ", "- Đến năm 2028, tỷ lệ hồ sơ"
    )
    assert not [f for f in audit_of(text).findings if f.check == "target-conflict"]


def test_thresholds_of_classes_are_no_targets():
    """A criterion repeated with a threshold per class of commune ('dưới 90%', 'dưới 95%')."""
    text = (
        "a) Xã loại I:\n- Tỷ lệ hộ gia đình có hợp đồng mua bán điện trực tiếp với đơn vị điện lực dưới 90%.\n\n"
        "b) Xã loại II:\n- Tỷ lệ hộ gia đình có hợp đồng mua bán điện trực tiếp với đơn vị điện lực dưới 95%.\n"
    )
    assert not [f for f in audit_of(text).findings if f.check == "target-conflict"]
