"""The checks, one function each. Within a report: a stated percentage against its ratio, a
stated count against the items listed under its footnote, parts against a stated total, dates
that cannot exist. Across reports: the same document number cited with different dates or types.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal


from ..datamodel import AgencyList, Citation, DateMention, Evidence, Finding, Indicator, Report
from ..extract.numbers import format_number, parse_number, rounding_interval


def _evidence(record: Citation | Indicator | AgencyList | DateMention, text: str | None = None) -> Evidence:
    """Evidence from a record: its place, its value as written, the sentence it stands in."""
    return Evidence(span=record.span, text=text if text is not None else getattr(record, "text", ""), quote=record.quote)


def percent_vs_ratio(report: Report) -> list[Finding]:
    """'11/14 cơ quan, tỷ lệ 85,7%': 11/14 is 78,6 %. Rounding or truncation to the printed
    precision is accepted, nothing more."""
    out = []
    for percent in report.indicators:
        if percent.states_ratio is None:
            continue
        ratio = report.indicators[percent.states_ratio]
        a, b = (parse_number(n) for n in ratio.numbers[:2])
        stated = parse_number(percent.numbers[0])
        if not (a and b and stated) or b.value == 0:
            continue
        actual = a.value / b.value * 100
        low, high = rounding_interval(stated)
        if low <= actual < high:
            continue
        shown = format_number(actual, max(stated.decimals, 1))
        explained = [
            k for k in range(0, int(b.value) + 1) if low <= Decimal(k) / b.value * 100 < high
        ]
        hint = f"; {percent.text} would fit {explained[0]}/{ratio.numbers[1]}" if explained else ""
        out.append(
            Finding(
                check="percent-vs-ratio",
                severity="error",
                message=f"{ratio.text} is {shown} %, not {percent.text}{hint}.",
                evidence=(_evidence(ratio), _evidence(percent)),
                suggestion=f"{ratio.text} = {shown} %" + (f", or the ratio should read {explained[0]}/{ratio.numbers[1]}" if explained else ""),
            )
        )
    return out


def count_vs_listed(report: Report) -> list[Finding]:
    """A footnote that lists agencies against the count stated where its marker stands."""
    out = []
    for agency_list in report.agency_lists:
        if agency_list.kind != "enumeration" or agency_list.statement is None:
            continue
        statement: Indicator = report.indicators[agency_list.statement]
        stated = parse_number(statement.numbers[0])
        if stated is None or stated.value == len(agency_list.items):
            continue
        out.append(
            Finding(
                check="count-vs-listed",
                severity="error",
                message=(
                    f"{statement.text} states {statement.numbers[0]}, but footnote {agency_list.marker} "
                    f"lists {len(agency_list.items)} agencies."
                ),
                evidence=(
                    _evidence(statement),
                    _evidence(agency_list, f"{len(agency_list.items)} items"),
                ),
            )
        )
    return out


def parts_vs_total(report: Report) -> list[Finding]:
    """'180 cơ quan gồm: 14 …; 11 …; 155 …': the parts must add up to the total."""
    out = []
    for agency_list in report.agency_lists:
        if agency_list.kind != "composition" or agency_list.total is None:
            continue
        counts = [i.count for i in agency_list.items]
        if None in counts or sum(counts) == agency_list.total:
            continue
        out.append(
            Finding(
                check="parts-vs-total",
                severity="error",
                message=f"The parts add up to {sum(counts)}, not the stated {agency_list.total} {agency_list.unit or ''}.".replace(" .", "."),
                evidence=(_evidence(agency_list, " + ".join(map(str, counts)) + f" ≠ {agency_list.total}"),),
            )
        )
    return out


def impossible_dates(report: Report) -> list[Finding]:
    """Dates that cannot exist: 31/02/2025, month 13, a five-digit year."""
    return [
        Finding(
            check="impossible-date",
            severity="warning",
            message=f"{date.text} is not a calendar date.",
            evidence=(_evidence(date),),
        )
        for date in report.dates
        if date.date is None
    ]


def citation_conflicts(reports: Sequence[Report]) -> list[Finding]:
    """The same document number cited with different dates, in one report or across reports.
    '1407/QĐ-UBND' and '1407/BC-SNV' are different documents: the full canonical number is the key."""
    by_number = defaultdict(list)
    for report in reports:
        for citation in report.citations:
            if citation.date is not None:
                by_number[citation.number].append((report, citation))
    out = []
    for number, cited in sorted(by_number.items()):
        dates = sorted({c.date for _, c in cited})
        if len(dates) < 2:
            continue
        evidence = []
        seen = set()
        for report, citation in cited:
            if citation.date in seen:
                continue
            seen.add(citation.date)
            evidence.append(_evidence(citation, f"{citation.number} ngày {citation.date_text}"))
        out.append(
            Finding(
                check="citation-date-conflict",
                severity="warning",
                message=f"{number} is cited with {len(dates)} different dates: " + ", ".join(d.strftime("%d/%m/%Y") for d in dates) + ".",
                evidence=tuple(evidence),
            )
        )
    return out


CHECKS = (percent_vs_ratio, count_vs_listed, parts_vs_total, impossible_dates)
CROSS_CHECKS = (citation_conflicts,)

__all__ = ["CHECKS", "CROSS_CHECKS"]
