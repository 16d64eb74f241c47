"""Findings that are one case: several checks firing on one place become one finding with facets.

'163/2024/QH15 ngày 27 tháng 11 năm 2025' is at once a citation whose date contradicts the year in
its number, one dated after the report, and one cited with two dates; an auditor reads it as one
problem. Findings of one report whose evidence shares a place (one page, overlapping characters)
are joined, transitively; the joined finding takes the most severe member's check, message and
suggestion, the union of their evidence, and each member as a facet. A finding across reports
(a denominator that changed between two reports, an agency list that did) stays its own: it is
another story about the same figures, told between documents.
"""

from __future__ import annotations

from ..datamodel import Evidence, Facet, Finding

# Most severe first; among equals, the check that says most about the case comes first.
SEVERITY_RANK = {"error": 0, "warning": 1, "review": 2, "info": 3}


def _places(finding: Finding) -> list[tuple[str, int, int, int]]:
    return [(e.span.source, e.span.page, e.span.start, e.span.end) for e in finding.evidence]


def _touch(a: tuple[str, int, int, int], b: tuple[str, int, int, int]) -> bool:
    return a[0] == b[0] and a[1] == b[1] and a[2] < b[3] and b[2] < a[3]


def join_cases(findings: list[Finding]) -> list[Finding]:
    """One finding per case, in the order of each case's first member."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[tuple[str, int], list[tuple[int, tuple[str, int, int, int]]]] = {}
    for i, finding in enumerate(findings):
        if len({e.span.source for e in finding.evidence}) != 1:
            continue
        for place in _places(finding):
            for j, other in by_key.get(place[:2], ()):
                if _touch(place, other):
                    parent[root(i)] = root(j)
            by_key.setdefault(place[:2], []).append((i, place))
    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        if len(members) == 1:
            out.append(findings[members[0]])
            continue
        ordered = sorted(members, key=lambda i: (SEVERITY_RANK[findings[i].severity], i))
        lead = findings[ordered[0]]
        evidence: list[Evidence] = []
        seen = set()
        for i in ordered:
            for e in findings[i].evidence:
                key = (e.span.source, e.span.page, e.span.start, e.span.end, e.text)
                if key not in seen:
                    seen.add(key)
                    evidence.append(e)
        facets = tuple(
            Facet(check=findings[i].check, severity=findings[i].severity, message=findings[i].message, suggestion=findings[i].suggestion)
            for i in ordered
        )
        out.append(
            Finding(
                check=lead.check,
                severity=lead.severity,
                message=lead.message,
                evidence=tuple(evidence),
                suggestion=lead.suggestion,
                facets=facets,
            )
        )
    return out


__all__ = ["SEVERITY_RANK", "join_cases"]
