"""Audit output as Markdown: findings grouped by severity, evidence quoted with its place."""

from __future__ import annotations

from ..datamodel import Audit

ORDER = ("error", "warning", "review", "info")
HEADINGS = {"error": "Errors", "warning": "Warnings", "review": "To check against the scan", "info": "For information"}


def _mark(text: str, start: int, end: int) -> str:
    """The quote on one line with the value in bold."""
    return " ".join(f"{text[:start]}**{text[start:end]}**{text[end:]}".split())


def to_markdown(audit: Audit) -> str:
    lines = ["# Audit", "", f"Reports: {len(audit.reports)}. Findings: {len(audit.findings)}.", ""]
    for severity in ORDER:
        group = [f for f in audit.findings if f.severity == severity]
        if not group:
            continue
        lines += [f"## {HEADINGS[severity]} ({len(group)})", ""]
        for f in group:
            lines.append(f"- **{f.check}**: {f.message}")
            if f.suggestion:
                lines.append(f"  - suggestion: {f.suggestion}")
            for facet in f.facets[1:]:
                lines.append(f"  - also **{facet.check}** ({facet.severity}): {facet.message}")
            for e in f.evidence:
                where = f"{e.span.source}, page {e.span.page}, characters {e.span.start}–{e.span.end}"
                q = e.quote
                lines.append(f"  - {where}: `{e.text}` — “{_mark(q.text, q.start, q.end)}”")
                if q.original is not None and q.original_start is not None and q.original_end is not None:
                    lines.append(f"    - as ingested: “{_mark(q.original, q.original_start, q.original_end)}”")
        lines.append("")
    if audit.files_not_read:
        lines += [f"## Files not read ({len(audit.files_not_read)})", ""]
        lines += [f"- {f.source}: {f.status}{f' ({f.code})' if f.code else ''}: {f.reason}" for f in audit.files_not_read]
        lines.append("")
    return "\n".join(lines)
