"""Checks across reports: one document cited two ways, one indicator told two ways, a
denominator that changed, an agency list that changed.

Identity is the hard part. A citation is its canonical number, but Government resolutions
('03/NQ-CP') restart their numbering every year and a province's 'QĐ-UBND' numbers are its own,
so the year (when the number has none) and the province (for local issuers) join the key. An
indicator is its folded label, unit and kind, matched fuzzily (rapidfuzz) across garble.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import combinations

import regex
from rapidfuzz import fuzz

from ..datamodel import AgencyList, Citation, Finding, Indicator, Report
from ..extract.numbers import parse_number
from .evidence import before, evidence, folded, numbered, show

# Issuers whose numbers are unique nation-wide; every other issuer (UBND, HĐND, Tỉnh ủy, a Sở)
# numbers its documents within its province.
_CENTRAL = regex.compile(r"^(?:CP|TTg|TW|QH\d*|UBTVQH\d*|CTN|VPCP|NHNN\w*|KTNN|TANDTC|VKSNDTC|BCĐTW|B(?!CĐ$)[A-ZĐ&]{1,8})$")
_PROVINCE = regex.compile(r"\b(?:tinh|thanh pho|tp)\.?\s+(?P<name>[a-z]+(?:\s*-\s*[a-z]+|\s+[a-z]+){0,3})")
_NOT_A_NAME = {"so", "ban", "phong", "van", "cuc", "trung", "ve", "nam", "thang", "ngay", "cap", "tren", "va"}
_STOP = set("la co dat duoc va cua cac tren dia ban tinh tong so ty le toan theo danh gia so bo trong do hien nay".split())


def province_of(text: str | None) -> str | None:
    """'UBND TỈNH AN GIANG SỞ NỘI VỤ' -> 'an giang'; 'HĐND tỉnh' -> None."""
    if not text:
        return None
    m = _PROVINCE.search(folded(text))
    if m is None:
        return None
    words: list[str] = []
    for word in m.group("name").replace("-", " ").split():
        if word in _NOT_A_NAME:
            break
        words.append(word)
    if words[-1:] == ["chi"] and m.group("name").split()[len(words) : len(words) + 1] == ["cuc"]:
        words.pop()  # 'tỉnh An Giang Chi cục ...': a department, not part of the name
    return " ".join(words) or None


# Central bodies: their place is Hà Nội, which says nothing of a province.
_CENTRAL_ISSUER = regex.compile(
    r"^(?:bo |chinh phu|van phong chinh phu|quoc hoi|thu tuong|uy ban thuong vu quoc hoi|ban chi dao trung uong|cuc |tong cuc|"
    r"ngan hang nha nuoc|kiem toan nha nuoc|toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|ban chap hanh trung uong)"
)


def _report_province(report: Report) -> str | None:
    named = province_of(report.meta.issuer)
    if named is not None or _CENTRAL_ISSUER.match(folded(report.meta.issuer or "")):
        return named
    return province_of(report.meta.place and f"tỉnh {report.meta.place}")


def same_province(a: Report, b: Report) -> bool:
    """Two reports may tell the same figure only if they are of one province, or, when neither
    names a province, of one issuer: An Giang's 16/20 agencies and another province's 12/14 are
    different figures, and so are a ministry's and a province's growth targets."""
    pa, pb = _report_province(a), _report_province(b)
    if pa is not None or pb is not None:
        return pa == pb
    return bool(a.meta.issuer) and folded(a.meta.issuer or "") == folded(b.meta.issuer or "")


def citation_key(citation: Citation, report: Report) -> tuple[str, int | None, str | None]:
    """What makes two citations the same document: the number; the year when the number has
    none; the province for a local issuer (named in the citation, else the report's; reports
    whose province is unknown are taken to be of one province)."""
    issuer = citation.issuer_code or citation.number.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    year = None if citation.year is not None and str(citation.year) in citation.number else (citation.date.year if citation.date else None)
    if _CENTRAL.match(issuer):
        return citation.number, year, None
    return citation.number, year, province_of(citation.issuer) or _report_province(report)


def citation_conflicts(reports: Sequence[Report]) -> list[Finding]:
    """The same document cited with different dates, types or titles, in one report or across reports.
    '1407/QĐ-UBND' and '1407/BC-SNV' are different documents: the full canonical number is the key."""
    cited: dict[tuple, list[tuple[Report, Citation]]] = defaultdict(list)
    for report in reports:
        for citation in report.citations:
            if not citation.is_self:
                cited[citation_key(citation, report)].append((report, citation))
    out = []
    for key, group in sorted(cited.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
        number = key[0]
        titles = _title_conflict(group)
        if titles is not None:
            out.append(titles)
        for what, value in (("dates", lambda c: c.date), ("types", lambda c: _doc_type(c))):
            values = sorted({value(c) for _, c in group if value(c) is not None})
            if len(values) < 2:
                continue
            firsts = {}
            for _, c in group:
                firsts.setdefault(value(c), c)
            shown = [v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in values]
            out.append(
                Finding(
                    check="citation-conflict",
                    severity="warning",
                    message=f"{number} is cited with {len(values)} different {what}: " + ", ".join(shown) + ".",
                    evidence=tuple(
                        evidence(c, f"{c.doc_type or ''} {c.number} ngày {c.date_text}".strip() if c.date_text else c.text, c.date_span if what == "dates" else c.number_span)
                        for c in (firsts[v] for v in values)
                    ),
                    suggestion=_majority(group, value, what),
                )
            )
    return out


def one_document_two_codes(reports: Sequence[Report]) -> list[Finding]:
    """A number whose type code its issuer never uses ('05/2024/NĐ-BXD'), where another report
    (or this one) cites the same serial, year and issuer with a code it does use ('05/2024/TT-BXD'):
    likely one document cited two ways."""
    from .citation_checks import impossible_issuer  # the rule of which issuers issue what

    possible: dict[tuple, tuple[Report, Citation]] = {}
    for report in reports:
        for c in report.citations:
            if c.type_code and c.year and f"/{c.year}/" in c.number and impossible_issuer(c) is None:
                possible.setdefault((c.serial, c.year, c.issuer_code), (report, c))
    out = []
    for report in reports:
        for c in report.citations:
            if impossible_issuer(c) is None or not c.year:
                continue
            match = possible.get((c.serial, c.year, c.issuer_code))
            if match is None:
                continue
            other_report, other = match
            where = "this report" if other_report.source == report.source else "another report"
            out.append(
                Finding(
                    check="citation-conflict",
                    severity="warning",
                    message=f"{c.number} cannot be (its issuer issues no such type); {where} cites {other.number}: likely one document cited two ways.",
                    evidence=(numbered(c), numbered(other)),
                    suggestion=f"read {other.number}",
                )
            )
    return out


@cache
def _abbreviations() -> dict[str, str]:
    path = resources.files("egov_extract.extract").joinpath("vocab", "abbreviations.json")
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def title_words(subject: str) -> str:
    """A title folded, abbreviations spelled out ('CCHC' -> 'cai cach hanh chinh')."""
    table = _abbreviations()
    return " ".join(table.get(w, w) for w in regex.findall(r"[a-z0-9&-]+", folded(subject)))


# '… Thông tư số 120/2015/TT-BTC được sửa đổi, bổ sung tại Thông tư số 52/2017/TT-BTC … quy định về
# mẫu tờ khai …': the title after an amending document named inside another's belongs to the other.
_AMENDING = regex.compile(r"\b(?:sua doi|bo sung|thay the|bai bo)(?: mot so dieu)?(?: (?:tai|boi|theo))?(?: [a-z]+){0,3}?(?: so)?\s*$")


def _title_conflict(group) -> Finding | None:
    """Two titles of one number that share almost nothing: 'về cải cách hành chính' against
    'về phát triển du lịch'. Titles of six words or more each, token-set similarity < 50."""
    titled = {}
    for _, c in group:
        if c.subject and len(title_words(c.subject).split()) >= 6 and not _AMENDING.search(before(c)):
            titled.setdefault(title_words(c.subject), c)
    pairs = [(a, b) for a, b in combinations(sorted(titled), 2) if fuzz.token_set_ratio(a, b) < 50]
    if not pairs:
        return None
    a, b = titled[pairs[0][0]], titled[pairs[0][1]]
    return Finding(
        check="citation-conflict",
        severity="warning",
        message=f"{a.number} is cited with different titles: “{a.subject}” and “{b.subject}”.",
        evidence=(evidence(a), evidence(b)),
    )


def _doc_type(citation: Citation) -> str | None:
    """The type a citation claims, when its number does not fix it: a number with a type code
    ('624/TB-VPCP') is that type whatever words precede it ('Thông báo kết luận số …')."""
    if citation.type_code is not None or not citation.doc_type:
        return None
    return _TYPE_FAMILY.get(citation.doc_type, citation.doc_type).lower()


# Names of one type of document: a Bộ luật is a Luật (a code), both numbered 'n/yyyy/QHk'.
_TYPE_FAMILY = {"Bộ luật": "Luật"}


def _majority(group, value, what: str) -> str | None:
    counts: dict = defaultdict(int)
    for _, c in group:
        if value(c) is not None:
            counts[value(c)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
        v = ranked[0][0]
        shown = v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v
        return f"{ranked[0][1]} of {sum(counts.values())} citations give {shown}"
    return None


def _label_words(indicator: Indicator) -> str:
    words = [w for w in regex.findall(r"[a-z]+", folded(indicator.label)) if w not in _STOP]
    return " ".join(words)


# A statement about the report itself ('… kèm theo Quyết định này …', 'Kế hoạch này'): of that report only.
_OWN_DOCUMENT = regex.compile(
    r"\b(?:quyet dinh|ke hoach|nghi quyet|thong tu|chi thi|bao cao|van ban|cong van|nghi dinh|chuong trinh|de an|quy che|quy dinh) nay\b"
)


def same_indicator(a: Indicator, b: Indicator) -> bool:
    """Same kind, unit and (fuzzily, across garble) the same words saying what is measured:
    at least four content words, token-set similarity ≥ 88."""
    if a.kind != b.kind or (a.unit and b.unit and folded(a.unit) != folded(b.unit)):
        return False  # a footnote marker between number and noun can hide the unit: None matches any
    if _OWN_DOCUMENT.search(folded(a.label)) or _OWN_DOCUMENT.search(folded(b.label)):
        return False  # 'danh mục kèm theo Quyết định này': each report's own, never another's
    la, lb = _label_words(a), _label_words(b)
    if min(len(la.split()), len(lb.split())) < 4:
        return False
    return fuzz.token_set_ratio(la, lb) >= 88


_AS_OF = regex.compile(
    r"(?:(?P<d>\d{1,2})/)?(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|thang (?P<m2>\d{1,2}) nam (?P<y2>\d{4})"
    r"|(?P<n>\d{1,2}) thang (?:dau )?nam (?P<y4>\d{4})"
    r"|quy (?P<q>i{1,3}|iv) (?:nam )?(?P<y5>\d{4})"
    r"|(?P<y3>\d{4})(?!.*\d{4})"
)
_QUARTERS = {"i": 3, "ii": 6, "iii": 9, "iv": 12}


def _last_day(text: str | None) -> dt.date | None:
    """The last day a period names: 'tháng 03/2025' -> 2025-03-31, 'quý I năm 2025' -> 2025-03-31,
    '9 tháng đầu năm 2024' -> 2024-09-30, 'giai đoạn 2020-2023' -> 2023-12-31."""
    matches = list(_AS_OF.finditer(folded(text or "")))
    if not matches:
        return None
    m = matches[-1]
    day = m.group("d") if m.group("y") else None
    if m.group("y"):
        year, month = int(m.group("y")), int(m.group("m"))
    elif m.group("y2"):
        year, month = int(m.group("y2")), int(m.group("m2"))
    elif m.group("y4"):
        year, month = int(m.group("y4")), int(m.group("n"))
    elif m.group("y5"):
        year, month = int(m.group("y5")), _QUARTERS[m.group("q")]
    else:
        year, month = int(m.group("y3")), 12
    if not 1 <= month <= 12:
        return None
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    try:
        return dt.date(year, month, min(int(day), last) if day else last)
    except ValueError:
        return None


def period_end(indicator: Indicator, report: Report) -> dt.date | None:
    """The last day a statement speaks of: its own period, else the report's period, else the
    report's date."""
    return _last_day(indicator.period) or _last_day(report.meta.period) or report.meta.date


def _ratios(reports: Sequence[Report]):
    for report in reports:
        for indicator in report.indicators:
            if indicator.kind == "ratio" and len(indicator.numbers) >= 2:
                yield report, indicator


def denominator_changes(reports: Sequence[Report]) -> list[Finding]:
    """'16/20 cơ quan' in January, '11/14 cơ quan' in March: the count changed because the
    denominator did. Reported as such (info), naming the sentence that explains it when a
    report has one ('giảm từ 20 cơ quan … xuống còn 14'); a warning when two reports on one
    period differ in the denominator, or it returns to an earlier value."""
    series = _series(list(_ratios(reports)), reports)
    out = []
    for chain in series:
        for (ra, a, da), (rb, b, db) in zip(chain, chain[1:]):
            if a.numbers[1] == b.numbers[1]:
                continue
            earlier = [x for x in chain[: chain.index((ra, a, da))] if x[1].numbers[1] == b.numbers[1]]
            if earlier:
                out.append(_reverted(earlier[-1], (ra, a, da), (rb, b, db)))
                continue
            explanation = _explanation(reports, a.numbers[1], b.numbers[1])
            if da == db:
                message = f"{a.text} and {b.text} are both given for {da:%m/%Y}, out of different totals ({a.numbers[1]} and {b.numbers[1]})."
            else:
                message = (
                    f"{a.text} ({da:%m/%Y}) became {b.text} ({db:%m/%Y}): the denominator changed from "
                    f"{a.numbers[1]} to {b.numbers[1]}, so the two counts do not compare directly."
                )
            ev = [evidence(a), evidence(b)]
            if explanation is not None:
                ev.append(evidence(explanation[1], explanation[1].text))
            out.append(
                Finding(
                    check="denominator-change",
                    severity="warning" if da == db else "info",
                    message=message + (" A report explains the change." if explanation else " No report explains it."),
                    evidence=tuple(ev),
                    suggestion=(
                        f"compare shares: {show(a.value / _den(a) * 100, 1)} % then {show(b.value / _den(b) * 100, 1)} %"
                    ),
                )
            )
    return out


def _reverted(first, replaced, back) -> Finding:
    """A base that returns: 180/188, then 178/180, then 180/188 again. The later report still
    counts on the old base (or the middle one is wrong): the reports contradict each other."""
    (_, a, da), (_, b, db), (_, c, dc) = first, replaced, back
    return Finding(
        check="indicator-conflict",
        severity="warning",
        message=(
            f"{c.text} ({dc:%m/%Y}) counts out of {c.numbers[1]} again, after {b.text} ({db:%m/%Y}) had replaced "
            f"the base {a.numbers[1]} of {a.text} ({da:%m/%Y}) with {b.numbers[1]}."
        ),
        evidence=(evidence(b), evidence(c), evidence(a)),
        suggestion=f"one of the bases is stale: {c.text} may use the old total {c.numbers[1]}",
    )


def _den(indicator: Indicator):
    parsed = parse_number(indicator.numbers[1])
    return parsed.value if parsed and parsed.value else 1


def _series(items, reports) -> list[list[tuple[Report, Indicator, dt.date]]]:
    """Statements of one indicator in different reports, in time order (one per report)."""
    dated = [(r, i, period_end(i, r)) for r, i in items]
    dated = [x for x in dated if x[2] is not None]
    chains: list[list] = []
    for item in sorted(dated, key=lambda x: (x[2], x[0].meta.date or x[2], x[0].source, x[1].span.start)):
        for chain in chains:
            if (
                same_indicator(chain[0][1], item[1])
                and same_province(chain[0][0], item[0])
                and all(c[0].source != item[0].source for c in chain)
            ):
                chain.append(item)
                break
        else:
            chains.append([item])
    return [c for c in chains if len(c) > 1]


def _explanation(reports: Sequence[Report], old: str, new: str) -> tuple[Report, Indicator] | None:
    """A sentence that says the count went from `old` to `new` ('giảm từ 20 … xuống còn 14')."""
    for report in reports:
        for indicator in report.indicators:
            if indicator.numbers and indicator.numbers[0] == old and indicator.kind == "count":
                tail = folded(indicator.quote.text[indicator.quote.end :])
                head = folded(indicator.quote.text[: indicator.quote.start])
                if regex.search(r"\btu$", head) and regex.search(rf"\b(?:con|xuong|thanh)\b[^0-9]{{0,40}}\b{new}\b", tail):
                    return report, indicator
    return None


def _values(indicator: Indicator) -> tuple:
    """The values of its numbers: '02' and '2' are one figure."""
    return tuple(parsed.value if (parsed := parse_number(n)) else n for n in indicator.numbers)


def indicator_conflicts(reports: Sequence[Report]) -> list[Finding]:
    """The same indicator, for the same period, with different values in two reports."""
    items = [(r, i, period_end(i, r)) for r in reports for i in r.indicators if i.kind in ("ratio", "percent", "count")]
    items = [x for x in items if x[2] is not None and x[1].period]
    out = []
    for (ra, a, da), (rb, b, db) in combinations(items, 2):
        if ra.source == rb.source or da != db or _values(a) == _values(b) or not same_indicator(a, b) or not same_province(ra, rb):
            continue
        if a.kind == "ratio" and a.numbers[1:2] != b.numbers[1:2]:
            continue  # out of different totals: denominator_changes reports it
        out.append(
            Finding(
                check="indicator-conflict",
                severity="warning",
                message=f"'{a.label.strip()}' for {da:%d/%m/%Y} is {a.text} in one report and {b.text} in another.",
                evidence=(evidence(a), evidence(b)),
            )
        )
    return out


def agency_list_changes(reports: Sequence[Report]) -> list[Finding]:
    """Footnote lists behind the same indicator in two reports: who joined, who left, who was
    renamed (matched fuzzily on the names' keys, across garble)."""
    listed = []
    for report in reports:
        for agency_list in report.agency_lists:
            if agency_list.kind == "enumeration" and agency_list.statement is not None:
                statement = report.indicators[agency_list.statement]
                date = period_end(statement, report)
                if date is not None:
                    listed.append((report, statement, agency_list, date))
    listed.sort(key=lambda x: (x[3], x[0].source))
    out = []
    for (ra, sa, la, da), (rb, sb, lb, db) in combinations(listed, 2):
        if ra.source == rb.source or not same_indicator(sa, sb) or not same_province(ra, rb):
            continue
        joined, left, renamed = diff_agencies(la, lb)
        if not (joined or left or renamed):
            continue
        parts = []
        if left:
            parts.append("left: " + "; ".join(left))
        if joined:
            parts.append("joined: " + "; ".join(joined))
        if renamed:
            parts.append("renamed: " + "; ".join(f"{x} → {y}" for x, y in renamed))
        out.append(
            Finding(
                check="agency-list-change",
                severity="info",
                message=(
                    f"The agencies counted for '{sa.text}' ({da:%m/%Y}, {len(la.items)} listed) and '{sb.text}' "
                    f"({db:%m/%Y}, {len(lb.items)} listed) differ. " + ". ".join(parts) + "."
                ),
                evidence=(evidence(sa), evidence(la), evidence(sb), evidence(lb)),
            )
        )
    return out


_HEADS = ("uy ban nhan dan", "van phong", "thanh tra", "ban")


def _body(key: str) -> str:
    """A name without its kind of office, which garble reaches first ('So0 Y tế', 'S6 Giáo dục'):
    'so giao duc va dao tao' -> 'giao duc dao tao'."""
    words = key.split()
    if len(words) > 1 and words[0] == "so":
        words = words[1:]  # Sở (agency_key already reads the OCR's 'S6', 'So0' as 'so')
    else:
        for head in _HEADS:
            n = len(head.split())
            if len(words) > n and fuzz.ratio(" ".join(words[:n]), head) >= 80:
                words = words[n:]
                break
    return " ".join(w for w in words if w != "va")


def _same_agency(x: str, y: str) -> bool:
    """Same office kind (fuzzily) and the same name (≥ 90): 'Sở Nội vụ' is not 'Sở Ngoại vụ'."""
    return fuzz.ratio(_body(x), _body(y)) >= 90 and fuzz.ratio(x, y) >= 75


def diff_agencies(a: AgencyList, b: AgencyList) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(joined, left, renamed) from list a to list b. Names that are the same across garble are
    the same agency; a leaver and a joiner whose names (without the office kind) overlap are read
    as a renaming ('Ban Dân tộc' → 'Sở Dân tộc và Tôn giáo')."""
    unmatched_b = list(b.items)
    left = []
    for item in a.items:
        best = max(unmatched_b, key=lambda x: fuzz.ratio(item.key, x.key), default=None)
        if best is not None and _same_agency(item.key, best.key):
            unmatched_b.remove(best)
        else:
            left.append(item)
    renamed = []
    for item in list(left):
        best = max(unmatched_b, key=lambda x: fuzz.token_set_ratio(_body(item.key), _body(x.key)), default=None)
        if best is not None and fuzz.token_set_ratio(_body(item.key), _body(best.key)) >= 90:
            renamed.append((item.name, best.name))
            left.remove(item)
            unmatched_b.remove(best)
    return [x.name for x in unmatched_b], [x.name for x in left], renamed


__all__ = [
    "one_document_two_codes",
    "agency_list_changes",
    "citation_conflicts",
    "citation_key",
    "denominator_changes",
    "diff_agencies",
    "indicator_conflicts",
    "period_end",
    "province_of",
    "same_indicator",
]
