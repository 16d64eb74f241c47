"""Audit output as Markdown: findings grouped by severity, evidence quoted with its place."""

from __future__ import annotations

from ..datamodel import Audit

ORDER = ("error", "warning", "info")


def to_markdown(audit: Audit) -> str:
    lines = ["# Audit", "", f"Reports: {len(audit.reports)}. Findings: {len(audit.findings)}.", ""]
    for severity in ORDER:
        group = [f for f in audit.findings if f.severity == severity]
        if not group:
            continue
        lines += [f"## {severity.capitalize()}s ({len(group)})", ""]
        for f in group:
            lines.append(f"- **{f.check}**: {f.message}")
            if f.suggestion:
                lines.append(f"  - suggestion: {f.suggestion}")
            for e in f.evidence:
                where = f"{e.span.source}, page {e.span.page}, characters {e.span.start}–{e.span.end}"
                lines.append(f"  - {where}: `{e.text}` — “{e.quote}”")
        lines.append("")
    return "\n".join(lines)
