"""Checks on how one report cites documents, itself included.

- type-code-mismatch: the type word before a number against the type code inside it
  ('Thông tư số 05/2024/NĐ-BXD': a Thông tư carries TT);
- citation-year-mismatch: the year inside a number against the date printed with it
  ('Nghị định số 23/2015/NĐ-CP ngày 16/02/2025');
- cites-later-document: a citation dated after the report's own date;
- self-reference-conflict: the report's own number and date against an annex's 'Kèm theo
  Quyết định số …' (header 1520/QĐ-UBND, annex 152/QĐ-UBND of the same day);
- one document cited under two numbers: the same date and title, the numbers one typing slip
  apart ('225/2025/NĐ-CP' once, '255/2025/NĐ-CP' nine times), or one number with its issuer code
  mistyped ('44/2023/TT-BTC' and '44/2023/TT-BCT' of one date), reported as citation-conflict.

Each rule fires only on what the text itself settles; what it cannot (a code that is also an
issuer's abbreviation, two same-day decisions with consecutive numbers) it leaves alone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from functools import cache

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ..datamodel import Citation, Evidence, Finding, Report
from ..extract.citations import vocabulary
from .evidence import dated, evidence, folded, numbered

# 'Văn bản' (a document) names no type: 'Văn bản số 4522/TTr-SYT' is a Tờ trình, rightly.
# 'Công văn' (a letter) does, and a letter's number carries no type code.
GENERIC_TYPE_WORDS = frozenset({"Văn bản"})
LETTER_TYPE_WORDS = frozenset({"Công văn"})
# Codes a type word may legitimately carry besides its own (Nghị định 30/2020, Phụ lục III, and
# Party rules: a Party 'Quy định' is QĐ/TW, its Nghị quyết liên tịch NQLT or NQ).
EQUIVALENT_CODES = {
    "Quy định": frozenset({"QyĐ", "QĐi", "QĐ"}),
    "Nghị quyết liên tịch": frozenset({"NQLT", "NQ"}),
    "Thông tư liên tịch": frozenset({"TTLT", "TT"}),
    "Chương trình": frozenset({"CTr", "CT"}),
}
# A type code that is also an issuer's abbreviation in công văn numbers ('5348/CT-CS' is a letter
# of Cục Thuế): behind 'Công văn số' it says nothing about the type.
ISSUER_LIKE_CODES = frozenset({"CT", "TB", "KH", "HD", "BC", "L", "PL", "QH"})
# The vocabulary gives Luật the code QH, but QH is the issuer (Quốc hội) of every law and of its
# resolutions ('Nghị quyết số 202/2025/QH15'): it never speaks against a type word.
ISSUER_CODES = frozenset({"QH"})
# How far apart two serials may be written and still be one number mistyped: one digit added,
# dropped, replaced or two swapped; a change in the last digit alone is a neighbour issued the
# same day as often as a slip, so it never counts.
SERIAL_SLIP_EDITS = 1
# Types of document only some issuers issue: a Nghị định only the Chính phủ, a Lệnh only the
# President; a Thông tư is a minister's (or head of a ministerial agency's), never the Government's,
# a province's or the National Assembly's ('05/2024/NĐ-BXD': the Ministry of Construction issues
# no decrees).
ONLY_ISSUERS = {"NĐ": frozenset({"CP"}), "L": frozenset({"CTN"})}
NEVER_ISSUERS = {"TT": frozenset({"CP", "TTg", "UBND", "HĐND", "QH", "UBTVQH"})}
# Two titles are the same when their token-set similarity reaches this.
SAME_TITLE_SIMILARITY = 90

_ANNEX_REFERENCE = regex.compile(r"(?:^|[\n(*])[\s*(]*(?:ban\s+hành\s+)?kèm\s+theo\s*$", regex.IGNORECASE)


@cache
def _type_codes() -> dict[str, str]:
    return {name: code for name, code in vocabulary()["types"].items()}


@cache
def _party_codes() -> frozenset[str]:
    return frozenset(vocabulary()["party_codes"])


def _party_shaped(citation: Citation) -> bool:
    """'57-NQ/TW': serial, hyphen, type code, slash, issuer (Party documents' form)."""
    return regex.match(r"\d+-", citation.number) is not None


def _written_type(citation: Citation) -> str | None:
    """The type word written right before the number ('Thông tư số 05/…', 'Tờ trình 12/…'), not
    one a few words back ('Quyết định phê duyệt Đề án số …' says nothing of the number's type)."""
    at = citation.text.find(citation.number_as_written)
    if at < 0 or citation.doc_type is None:
        return None
    before = " ".join(citation.text[:at].split())
    if regex.fullmatch(rf"{regex.escape(citation.doc_type)}(?:\s+(?:số|Số|SỐ))?\s*:?", before, regex.IGNORECASE):
        return citation.doc_type
    return None


def _compound_type(citation: Citation, codes: dict[str, str]) -> str | None:
    """The code of a type word standing right before the written one ('Thông báo' in 'Thông báo
    kết luận số …', 'Thông báo Kết luận số …')."""
    head = folded(citation.quote.text[: citation.quote.start])
    for name, code in codes.items():
        if code and head.endswith(folded(name)):
            return code
    return None


def type_code_mismatch(report: Report) -> list[Finding]:
    """'Thông tư số 05/2024/NĐ-BXD': the type word says Thông tư (TT), the code NĐ."""
    out = []
    codes = _type_codes()
    for citation in report.citations:
        issued = impossible_issuer(citation)
        if issued is not None:
            out.append(
                Finding(
                    check="type-code-mismatch",
                    severity="warning",
                    message=f"{citation.number}: {issued}.",
                    evidence=(numbered(citation),),
                    suggestion="the type code or the issuer code is mistyped",
                )
            )
            continue
        word = _written_type(citation)
        code = citation.type_code
        if word is None or code is None or word not in codes or word in GENERIC_TYPE_WORDS or code in ISSUER_CODES:
            continue
        if _compound_type(citation, codes) == code:
            continue  # 'Thông báo kết luận số 49/TB-VPCP' is a Thông báo that concludes
        if _party_shaped(citation) and code not in _party_codes():
            continue  # '89-TC/TCT': an old ministry number, whose first code is no type
        expected = codes[word]
        if word in LETTER_TYPE_WORDS:
            if code in ISSUER_LIKE_CODES:
                continue
            named = next((n for n, c in codes.items() if c == code), code)
            message = f"“{word} số {citation.number}”: a {word.lower()} carries no type code, but {code} is the code of a {named}."
        elif code == expected or code in EQUIVALENT_CODES.get(word, ()) or not expected:
            continue
        else:
            named = next((n for n, c in codes.items() if c == code), None)
            of = f" (the code of a {named})" if named else ""
            message = f"“{word} số {citation.number}”: a {word} carries {expected}, not {code}{of}."
        out.append(
            Finding(
                check="type-code-mismatch",
                severity="warning",
                message=message,
                evidence=(numbered(citation),),
                suggestion="either the type word or the code in the number is wrong",
            )
        )
    return out


def own_date_evidence(report: Report) -> Evidence | None:
    """The report's own date where its header prints it ('Hà Nội, ngày 21 tháng 11 năm 2025')."""
    at = report.meta.date_span
    if at is None:
        return None
    for mention in report.dates:
        if mention.span.page == at.page and mention.span.start < at.end and at.start < mention.span.end:
            return evidence(mention)
    return None


def impossible_issuer(citation: Citation) -> str | None:
    """Why a number's type code cannot go with its issuer code, or None when it can."""
    code, issuer = citation.type_code, (citation.issuer_code or "").split("-")[0]
    if code is None or not issuer:
        return None
    base = regex.sub(r"\d+$", "", issuer)  # 'QH15' -> 'QH'
    named = {"NĐ": "a Nghị định", "L": "a Lệnh", "TT": "a Thông tư"}.get(code, code)
    if code in ONLY_ISSUERS and base not in ONLY_ISSUERS[code]:
        return f"{named} ({code}) is issued only by {', '.join(sorted(ONLY_ISSUERS[code]))}, not {issuer}"
    if code in NEVER_ISSUERS and base in NEVER_ISSUERS[code]:
        return f"{named} ({code}) is never issued by {issuer}"
    return None


def _number_year(citation: Citation) -> int | None:
    """The year written inside the number ('23/2015/NĐ-CP' -> 2015), not one taken from its date."""
    m = regex.match(r"\d+/(?P<y>(?:19|20)\d\d)/", citation.number)
    return int(m.group("y")) if m else None


def citation_year_mismatch(report: Report) -> list[Finding]:
    """'Nghị định số 23/2015/NĐ-CP ngày 16/02/2025': a number's year is the year it was issued."""
    out = []
    by_number: dict[str, Counter] = defaultdict(Counter)
    for c in report.citations:
        if c.date is not None:
            by_number[c.number][c.date.year] += 1
    for citation in report.citations:
        year = _number_year(citation)
        if year is None or citation.date is None or citation.date.year == year:
            continue
        years = by_number[citation.number]
        if years[year]:
            suggestion = f"the date is mistyped: the same number is dated in {year} elsewhere in this report"
        else:
            suggestion = f"either the year in the number ({year}) or the date ({citation.date.year}) is mistyped"
        out.append(
            Finding(
                check="citation-year-mismatch",
                severity="warning",
                message=f"{citation.number} carries the year {year} but is dated {citation.date_text}.",
                evidence=(dated(citation),),
                suggestion=suggestion,
            )
        )
    return out


def cites_later_document(report: Report) -> list[Finding]:
    """A report dated 05/3/2025 cannot rest on a document of 10/4/2025."""
    own = report.meta.date
    if own is None:
        return []
    header = own_date_evidence(report)
    out = []
    for citation in report.citations:
        if citation.is_self or citation.date is None or citation.date <= own:
            continue
        if citation.number == report.meta.number:
            continue  # the report itself, misdated: self-reference-conflict says so
        out.append(
            Finding(
                check="cites-later-document",
                severity="warning",
                message=(
                    f"The report is dated {own:%d/%m/%Y} but cites {citation.number} of {citation.date_text}, a later date."
                ),
                evidence=(dated(citation),) + ((header,) if header is not None else ()),
                suggestion="the cited date (or the report's own date) is mistyped",
            )
        )
    return out


def _slip(a: Citation, b: Citation) -> bool:
    """Two serials one typing slip apart, not in the last digit alone ('225' and '255', '1520'
    and '152'; not '73' and '74')."""
    x, y = str(a.serial), str(b.serial)
    if x == y or Levenshtein.distance(x, y) > SERIAL_SLIP_EDITS:
        return False
    return not (len(x) == len(y) and x[:-1] == y[:-1])


def _issuer_slip(a: Citation, b: Citation) -> bool:
    """One serial, type and year; issuer codes of three letters or more one slip apart
    ('44/2023/TT-BTC' and '44/2023/TT-BCT': two letters swapped)."""
    if (a.serial, a.type_code, _number_year(a)) != (b.serial, b.type_code, _number_year(b)) or a.type_code is None:
        return False
    x, y = a.issuer_code or "", b.issuer_code or ""
    return x != y and min(len(x), len(y)) >= 3 and DamerauLevenshtein.distance(x, y) == 1


def _same_kind(a: Citation, b: Citation) -> bool:
    """Same type code, issuer code and year in the number."""
    return (a.type_code, a.issuer_code, _number_year(a)) == (b.type_code, b.issuer_code, _number_year(b))


def _annex_reference(citation: Citation) -> bool:
    """'(Kèm theo Quyết định số …' / 'Ban hành kèm theo …' opening its line or bracket."""
    start = citation.quote.start
    head = citation.quote.text[:start]
    return _ANNEX_REFERENCE.search(head) is not None


def self_reference_conflict(report: Report) -> list[Finding]:
    """The report's own number and date against the annexes that say they go with it."""
    own = next((c for c in report.citations if c.is_self), None)
    if own is None:
        return []
    own_date = report.meta.date
    header = own_date_evidence(report)
    out = []
    for citation in report.citations:
        if citation.is_self or not _annex_reference(citation) or not _same_kind(citation, own):
            continue
        same_number_slip = citation.number != own.number
        if citation.number == own.number:
            if citation.date is None or own_date is None or citation.date == own_date:
                continue
            message = f"The report is {own.number} of {own_date:%d/%m/%Y}; its annex refers to it as of {citation.date_text}."
            suggestion = "the annex's date is mistyped"
        elif (citation.date is not None and citation.date == own_date) or (citation.date is None and _slip(citation, own)):
            message = f"The report is {own.number}; its annex says it goes with {citation.number}" + (
                f" of the same date ({citation.date_text})." if citation.date else "."
            )
            suggestion = f"the annex's number is mistyped: read {own.number}"
        else:
            continue  # another document of the same kind, attached to (or amended by) this one
        out.append(
            Finding(
                check="self-reference-conflict",
                severity="warning",
                message=message,
                evidence=(numbered(own), *((header,) if header is not None else ()), numbered(citation) if same_number_slip else dated(citation)),
                suggestion=suggestion,
            )
        )
    return out


def _title(citation: Citation) -> str | None:
    return folded(citation.subject) if citation.subject and len(citation.subject.split()) >= 4 else None


def one_document_two_numbers(report: Report) -> list[Finding]:
    """The same document under two numbers in one report: same kind of number, same date, the
    same title where both give one, serials one slip apart; the reading cited more often wins."""
    cited = [c for c in report.citations if not c.is_self and c.date is not None]
    counts = Counter(c.number for c in report.citations if not c.is_self)
    out = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(cited):
        for b in cited[i + 1 :]:
            if a.number == b.number or a.date != b.date:
                continue
            ta, tb = _title(a), _title(b)
            same_title = ta is not None and tb is not None and fuzz.token_set_ratio(ta, tb) >= SAME_TITLE_SIMILARITY
            if _same_kind(a, b) and _slip(a, b):
                if not same_title:
                    continue  # two same-day documents with near numbers are common; a title settles it
            elif _issuer_slip(a, b):
                if ta is not None and tb is not None and not same_title:
                    continue
            else:
                continue
            pair = tuple(sorted((a.number, b.number)))
            if pair in seen:
                continue
            seen.add(pair)
            rare, common = sorted((a, b), key=lambda c: (counts[c.number], c.number))
            suggestion = (
                f"{common.number} is cited {counts[common.number]} times, {rare.number} {counts[rare.number]}: read {common.number}"
                if counts[common.number] > counts[rare.number]
                else "one of the two numbers is mistyped"
            )
            out.append(
                Finding(
                    check="citation-conflict",
                    severity="warning",
                    message=(
                        f"{a.number} and {b.number} are cited with the same date ({_show(a.date)}) and title: "
                        "one document under two numbers."
                    ),
                    evidence=(numbered(rare), numbered(common)),
                    suggestion=suggestion,
                )
            )
    return out


def _show(date: dt.date | None) -> str:
    return f"{date:%d/%m/%Y}" if date else "?"


__all__ = [
    "impossible_issuer",
    "cites_later_document",
    "citation_year_mismatch",
    "one_document_two_numbers",
    "self_reference_conflict",
    "type_code_mismatch",
]
