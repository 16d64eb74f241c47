"""Reconcile: flag where reports disagree with themselves or with each other, with evidence.

Each check is a small named function over typed records (checks.py). Nothing is flagged that
rounding or truncation to the printed precision explains (numbers.rounding_interval).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..datamodel import Audit, Report
from .cases import join_cases
from .ocr_doubt import doubt_ocr
from .checks import CHECKS, CROSS_CHECKS
from .ratios import PercentCheck, check_percent

__all__ = ["PercentCheck", "check_percent", "reconcile"]


def reconcile(reports: Sequence[Report]) -> Audit:
    """Run every within-report check on each report and every cross-report check on all.

    Reports carry the sentences their records stand in, so no source text is needed here."""
    findings = []
    for report in reports:
        for check in CHECKS:
            findings += check(report)
    for check in CROSS_CHECKS:
        findings += check(reports)
    findings = join_cases(doubt_ocr(findings, list(reports)))
    findings.sort(key=lambda f: (f.evidence[0].span.source, f.evidence[0].span.page, f.evidence[0].span.start, f.check))
    return Audit(reports=tuple(r.source for r in reports), findings=tuple(findings))
