"""Checks on what a report enumerates.

- count-vs-listed: a count the text gives a list against the items that follow ('(8 mục tiêu)'
  then (1)…(7); 'LĨNH VỰC DU LỊCH (11 TTHC)' over 10 table rows; 'CẤP TỈNH (12 TTHC)' over
  headings of 7 and 4);
- numbering-gap: a number missing inside a run ('Điều 12' then 'Điều 14'; '1., 2., 3., 5.').
"""

from __future__ import annotations

from ..datamodel import Enumeration, Evidence, Finding, ListItem, Quote, Report
from ..extract.enumerations import LETTERS, roman

_WHAT = {
    "row": "table rows",
    "sections": "headings",
    "article": "articles",
    "step": "steps",
    "bullet": "bullets",
    "inline": "items (';'-separated)",
}
# Styles whose numbering is reliable enough for a missing number to mean a missing part: articles
# ('Điều 12.' heads its line in every official document). Clauses and points ('3.', 'c)') are
# also quoted from amended documents, elided ('…') and broken by layout ('3*. *Khi', a clause run
# into the line before), and gaps among them were mostly such noise on the 2025 documents.
GAP_STYLES = frozenset({"article"})


def item_evidence(item: ListItem) -> Evidence:
    """An item as evidence: its marker, in its first words."""
    return Evidence(span=item.span, text=item.marker, quote=Quote(text=item.text, start=0, end=min(len(item.marker), len(item.text))))


def statement_evidence(enumeration: Enumeration) -> Evidence:
    assert enumeration.stated_span is not None and enumeration.quote is not None and enumeration.stated_text is not None
    return Evidence(span=enumeration.stated_span, text=enumeration.stated_text, quote=enumeration.quote)


def _found(enumeration: Enumeration) -> int:
    return sum(enumeration.part_counts) if enumeration.style == "sections" else len(enumeration.items)


def count_vs_enumerated(report: Report) -> list[Finding]:
    """A stated count against what the list it introduces holds."""
    out = []
    for enumeration in report.enumerations:
        if enumeration.stated is None or enumeration.stated == _found(enumeration):
            continue
        found = _found(enumeration)
        first, last = enumeration.items[0], enumeration.items[-1]
        if enumeration.style == "sections":
            parts = " + ".join(str(c) for c in enumeration.part_counts)
            message = f"“{enumeration.stated_text}” heads headings whose counts add up to {parts} = {found}."
            evidence = (statement_evidence(enumeration), *(item_evidence(i) for i in enumeration.items))
            suggestion = f"the heading says {enumeration.stated}, its parts {found}"
        else:
            what = _WHAT.get(enumeration.style, "items")
            message = f"“{enumeration.stated_text}”, but {found} {what} follow ({first.marker} to {last.marker})."
            evidence = (statement_evidence(enumeration), item_evidence(first), item_evidence(last))
            suggestion = (
                f"the numbering skips {', '.join(map(str, enumeration.gaps))}: an item may be missing"
                if enumeration.gaps
                else f"the count or the list is wrong: {enumeration.stated} stated, {found} listed"
            )
        out.append(
            Finding(check="count-vs-listed", severity="warning", message=message, evidence=evidence, suggestion=suggestion)
        )
    return out


def _marker_of(style: str, value: int) -> str:
    """How the missing item would be numbered: 'Điều 13', 'd)', 'IV.', '(4)'."""
    if style == "letter":
        return f"{LETTERS[value - 1]})" if value <= len(LETTERS) else str(value)
    if style == "roman":
        return roman(value) + "."
    return {"article": f"Điều {value}", "paren-number": f"({value})", "number-paren": f"{value})", "step": f"Bước {value}"}.get(
        style, f"{value}."
    )


def numbering_gaps(report: Report) -> list[Finding]:
    """A number missing inside a numbered run: a part dropped, or numbered wrong."""
    out = []
    for enumeration in report.enumerations:
        if not enumeration.gaps or enumeration.style not in GAP_STYLES:
            continue
        for gap in enumeration.gaps:
            before = next(i for i in reversed(enumeration.items) if i.value < gap)
            after = next(i for i in enumeration.items if i.value > gap)
            missing = _marker_of(enumeration.style, gap)
            out.append(
                Finding(
                    check="numbering-gap",
                    severity="warning",
                    message=f"{before.marker} is followed by {after.marker}: {missing} is missing from the numbering.",
                    evidence=(item_evidence(before), item_evidence(after)),
                    suggestion=f"a part numbered {missing} was dropped, or the parts after it are misnumbered",
                )
            )
    return out


__all__ = ["count_vs_enumerated", "numbering_gaps"]
