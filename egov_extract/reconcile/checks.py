"""The registry of checks: within one report (within.py) and across reports (across.py).

Each check is a small named function that returns Findings with evidence; `reconcile` runs them
all. A check name is what an auditor filters on: 'percent-vs-ratio', 'citation-conflict', ...
"""

from __future__ import annotations

from .citation_checks import (
    citation_year_mismatch,
    cites_later_document,
    one_document_two_numbers,
    self_reference_conflict,
    type_code_mismatch,
)
from .breakdown_checks import duration_vs_total, parts_vs_total_in_prose
from .target_checks import target_conflicts
from .enumeration_checks import count_vs_enumerated, numbering_gaps
from .across import agency_list_changes, citation_conflicts, denominator_changes, indicator_conflicts, one_document_two_codes
from .within import (
    change_vs_values,
    count_change_vs_percent,
    count_vs_listed,
    implements_later_document,
    impossible_dates,
    parts_vs_total,
    percent_vs_ratio,
)

CHECKS = (
    percent_vs_ratio,
    count_vs_listed,
    parts_vs_total,
    change_vs_values,
    count_change_vs_percent,
    impossible_dates,
    implements_later_document,
    type_code_mismatch,
    citation_year_mismatch,
    cites_later_document,
    self_reference_conflict,
    one_document_two_numbers,
    count_vs_enumerated,
    numbering_gaps,
    duration_vs_total,
    parts_vs_total_in_prose,
    target_conflicts,
)
CROSS_CHECKS = (citation_conflicts, one_document_two_codes, indicator_conflicts, denominator_changes, agency_list_changes)

__all__ = ["CHECKS", "CROSS_CHECKS"]
