"""Reconcile: flag where reports disagree with themselves or with each other, with evidence.

Each check is a small named function over typed records (checks.py). Nothing is flagged that
rounding or truncation to the printed precision explains (numbers.rounding_interval).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..datamodel import Audit, Finding, Report
from .cases import join_cases
from .ocr_doubt import doubt_ocr
from .checks import CHECKS, CROSS_CHECKS
from .ratios import PercentCheck, check_percent

__all__ = ["PercentCheck", "check_percent", "content_id", "reconcile"]


def content_id(finding: Finding, digests: dict[str, str]) -> Finding:
    """The finding with an id from what it says and where, by the content of its documents (their
    sha256), not by how their paths were typed: 'corpora/x', './corpora/x' and an absolute path
    give one id, and a review decision recorded against it finds it again."""
    places = [f"{digests.get(e.span.source, e.span.source)}:{e.span.page}:{e.span.start}:{e.span.end}" for e in finding.evidence]
    digest = hashlib.sha1("|".join([finding.check, finding.message, *places]).encode("utf-8")).hexdigest()
    return finding.model_copy(update={"id": f"{finding.check}-{digest[:10]}"})


def reconcile(reports: Sequence[Report]) -> Audit:
    """Run every within-report check on each report and every cross-report check on all.

    Reports carry the sentences their records stand in, so no source text is needed here."""
    findings = []
    for report in reports:
        for check in CHECKS:
            findings += check(report)
    for check in CROSS_CHECKS:
        findings += check(reports)
    findings = [content_id(f, {r.source: r.sha256 for r in reports}) for f in join_cases(doubt_ocr(findings, list(reports)))]
    findings.sort(key=lambda f: (f.evidence[0].span.source, f.evidence[0].span.page, f.evidence[0].span.start, f.check))
    return Audit(reports=tuple(r.source for r in reports), findings=tuple(findings))
