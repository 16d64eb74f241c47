"""Find references to legal and administrative documents, in clean or repaired text.

Numbers follow the official forms: 'n/TYPE-ISSUER' (Nghị định 30/2020/NĐ-CP on văn thư),
'n/yyyy/TYPE-ISSUER' (legal normative documents), 'n-TYPE/ISSUER' (Party documents), and
'n/ISSUER-UNIT' for công văn. Spaces and doubled hyphens left by OCR are tolerated and removed
from the canonical number. Type names and codes are data (vocab/document_types.json).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
from rapidfuzz.distance import OSA

from ..repair import codes
from .dates import ParsedDate, find_date


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return json.loads(resources.files("egov_extract.extract").joinpath("vocab", "document_types.json").read_text(encoding="utf-8"))


_SLASH = r"[ \t]?/[ \t]?"
_DASH = r"[ \t]?-(?:[ \t]?-)?\s{0,4}"  # a code may break after its hyphen: "16/2025/QĐ-\nUBND"
_PART = r"[A-ZĐ][A-Za-zĐđ&¢€§]*\d*"  # OCR may put a symbol inside a code: 'TT¢g' for 'TTg'


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, set[str]]:
    vocab = vocabulary()
    type_codes = {c for c in vocab["types"].values() if c} | set(vocab["party_codes"])
    frequent = sorted((c for c, n in known_codes().get("issuer", {}).items() if n >= 20), key=len, reverse=True)
    # OCR sometimes loses the hyphen before a well-known issuer: "63/2024/ND CP".
    space_dash = rf"|[ ](?=(?:{'|'.join(map(regex.escape, frequent))})\b)" if frequent else ""
    dash = rf"(?:{_DASH}{space_dash})"
    number = regex.compile(
        rf"(?<![\d/\w])(?:"
        rf"(?P<serial>(?<=(?:số|Số|SỐ)[ \t])\d{{1,3}}[ ]\d{{1,4}}(?=[ \t]?/)|\d{{1,5}})(?:{_SLASH}(?P<year>(?:19|20)\d{{2}}))?{_SLASH}(?P<code>{_PART}(?:/[A-ZĐ](?={_DASH}))?)"
        rf"(?:{dash}(?P<rest>{_PART}(?:{_DASH}{_PART})*))?"
        rf"|(?P<pserial>\d{{1,5}}){_DASH}(?P<pcode>{_PART}){_SLASH}(?P<pissuer>{_PART})"
        rf")(?![\w/])",
        regex.VERSION1,
    )
    names = sorted(vocab["types"], key=len, reverse=True)
    before = regex.compile(
        r"(?P<type>" + "|".join(regex.escape(n) for n in names) + r")"
        r"(?:[^\n;.]{0,60}?)?\s*(?:số|Số|SỐ)?\s*:?\s*$",
        regex.IGNORECASE,
    )
    return number, before, type_codes


@dataclass(frozen=True)
class FoundCitation:
    start: int
    end: int
    text: str
    number: str
    number_as_written: str
    serial: int
    year: int | None
    type_code: str | None
    issuer_code: str | None
    doc_type: str | None
    date: ParsedDate | None
    issuer: str | None
    subject: str | None
    is_self: bool
    number_start: int = 0  # the number as printed
    number_end: int = 0


def _clean_part(part: str, role: str, mend: bool = True) -> str:
    """Restore Đ, then mend a code OCR got one letter wrong ('NO' -> 'NQ', 'UNBD' -> 'UBND')
    against the codes seen in clean text (data/citation_codes.json, learned by the training).
    A code of the type vocabulary is never mended: 'CĐ' (Công điện), 'PA' (Phương án) and 'KL'
    (Kết luận) are rare in the training text, and were read as the commoner 'QĐ', 'PL', 'KH'.
    Without `mend` (text no OCR touched) only Đ is restored: a code as printed there is the
    issuer's, right or wrong ('24/LB-TT' is an old Thông tư liên bộ, not '24/TB-TT'), and a
    reconciler must see its slips."""
    part = codes.restore(regex.sub(r"[¢€§]", "", part))[0]
    known = known_codes()
    counts = {**known.get("type", {}), **known.get("issuer", {})}
    if not mend or part in counts or len(part) < 2 or (role == "type" and part in _vocabulary_codes()):
        return part
    if role == "type" and "D" in part:
        stroked = part.replace("D", "Đ")
        if stroked in {c for c in vocabulary()["types"].values() if c}:
            return stroked  # 'CD' -> 'CĐ' (Công điện), a code the corpus may never have shown
    if role == "issuer" and len(part) < 4:
        return part  # short unit codes ('TH', 'KT') are too many and too alike to guess
    pool = known.get(role, {})
    best = [
        (n, c)
        for c, n in pool.items()
        if len(c) == len(part) and OSA.distance(c, part) <= (2 if len(part) >= 5 else 1) and n >= MIN_CODE_COUNT
    ]
    if not best:
        return part
    best.sort(key=lambda item: (-item[0], item[1]))
    return best[0][1]


MIN_CODE_COUNT = 3


@lru_cache(maxsize=1)
def _vocabulary_codes() -> frozenset[str]:
    """Every type code the vocabulary names (administrative and Party documents)."""
    vocab = vocabulary()
    return frozenset(c for c in vocab["types"].values() if c) | frozenset(vocab["party_codes"])


def _split_merged(code: str) -> tuple[str, list[str]]:
    """'NQHDND' (hyphen lost to OCR) -> ('NQ', ['HĐND']) when both halves are known codes."""
    known = known_codes()
    for type_code in sorted(known.get("type", {}), key=len, reverse=True):
        if code.startswith(type_code) and len(code) > len(type_code):
            issuer = codes.restore(code[len(type_code) :])[0]
            if known.get("issuer", {}).get(issuer, 0) >= MIN_CODE_COUNT:
                return type_code, [issuer]
    return code, []


@lru_cache(maxsize=1)
def known_codes() -> dict[str, dict[str, int]]:
    path = resources.files("egov_extract").joinpath("data", "citation_codes.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


# Words a title may open with when no 'về' announces it ('… của Chính phủ xác định các dân tộc …',
# '… của Bộ Tài chính quy định chi tiết …'): the title keeps them.
_TITLE_VERBS = (
    r"quy định|hướng dẫn|xác định|ban hành|sửa đổi|bổ sung|phê duyệt|công bố|thành lập|bãi bỏ|"
    r"điều chỉnh|phân bổ|giao|kiện toàn|thông qua|quyết định|sáp nhập|sắp xếp"
)
# The issuer may wrap over printed lines ('của Bộ⏎Chính trị'), not over a blank line.
_ISSUER = regex.compile(
    r"[ \t\n]*,?[ \t\n]*(?:của|do)[ \t\n]+(?P<issuer>(?:[^\n,;.()]|\n(?![ \t]*\n)){2,90}?)"
    rf"(?=[ \t\n]+(?i:về|V/v|{_TITLE_VERBS})\b|[,;.()]|\n[ \t]*\n|\Z)"
)
_SUBJECT_END = r"(?=;|\.[ \t]*\n|\.\s+[A-ZĐ]|\n[ \t]*\n|\Z)"
_SUBJECT = regex.compile(rf"[ \t\n]*,?[ \t\n]*(?:về việc|về|V/v)[ \t\n]+(?P<subject>[^;]{{3,300}}?){_SUBJECT_END}")
# Only right after a named issuer: 'và các quy định của pháp luật' is no title, nor is
# '… ban hành kèm theo Quyết định số …' (the number's relation to another document).
_TITLED = regex.compile(rf"[ \t\n]+(?P<subject>(?:{_TITLE_VERBS})\b(?![ \t\n]+(?:kèm|của|tại|bởi)\b)[^;]{{3,300}}?){_SUBJECT_END}")
_DATE_AFTER = regex.compile(r"[ \t\n]*,?[ \t\n]*(?:ban hành[ \t\n]+)?(?:ngày|Ngày|ngay)[ \t\n]+")
_SELF = regex.compile(r"(?:Số|SỐ|So|S6|Sô|Sồ|Sổ)\s*:?\s*$")  # OCR: "Sô: 999/QĐ-TTg"


def find_citations(text: str, self_window: int | None = 1200, mend_codes: bool = True) -> list[FoundCitation]:
    """Citations in one page of text, in order. `self_window`: how far into the text the
    report's own number ('Số: 413/BC-SKHCN') may stand (None: nowhere, e.g. not page 1).
    `mend_codes`: mend codes OCR got one letter wrong (for OCR'd or garbled text only)."""
    number_re, before_re, type_codes = _patterns()
    vocab = vocabulary()
    found: list[FoundCitation] = []
    for m in number_re.finditer(text):
        if m.group("pserial"):
            serial, year = int(m.group("pserial")), None
            type_code, issuer_code = _clean_part(m.group("pcode"), "type", mend_codes), _clean_part(m.group("pissuer"), "issuer", mend_codes)
            number = f"{m.group('pserial')}-{type_code}/{issuer_code}"
            doc_type = vocab["party_codes"].get(type_code)
        else:
            written_serial = m.group("serial").replace(" ", "")  # "61 8/QĐ-UBND": a space OCR put in
            serial = int(written_serial)
            year = int(m.group("year")) if m.group("year") else None
            # A stray slash inside the type code ('130/2005/N/Đ-CP'): one letter before a dash is no code.
            code = _clean_part(m.group("code").replace("/", ""), "type", mend_codes)
            rest = [_clean_part(p, "issuer", mend_codes) for p in regex.split(_DASH, m.group("rest").strip())] if m.group("rest") else []
            if not rest:
                code, rest = _split_merged(code)
            if code in type_codes:
                type_code, issuer_code = code, "-".join(rest) or None
            else:  # công văn: n/ISSUER-UNIT
                type_code, issuer_code = None, "-".join([code, *rest])
            number = f"{written_serial}/" + (f"{year}/" if year else "") + "-".join([code, *rest])
            doc_type = None
        window = text[max(0, m.start() - 90) : m.start()]
        # The type word nearest the number: 'Kế hoạch triển khai Quyết định số 1690/QĐ-TTg' cites a Quyết định.
        # The type word ending nearest the number, and of those the longest: 'Pháp lệnh số …' is a
        # Pháp lệnh, not a Lệnh.
        typed = max(before_re.finditer(window, overlapped=True), key=lambda t: (t.end("type"), -t.start()), default=None)
        if typed:
            name = next(n for n in vocab["types"] if n.lower() == typed.group("type").lower())
            doc_type = name
        elif doc_type is None and type_code:
            doc_type = next((n for n, c in vocab["types"].items() if c == type_code), None)
        own_number = _SELF.search(text[max(0, m.start() - 8) : m.start()]) is not None
        if type_code is None and year is None and not m.group("pserial") and not own_number:
            # 'n/ISSUER-UNIT' is a công văn only when announced as one: "Đề án 06/CP" is a name.
            announced = regex.search(r"(?:số|Số|SỐ)\s*:?\s*$", window) or (typed and doc_type in ("Công văn", "Văn bản"))
            if not announced:
                continue
        if doc_type is None and type_code is None and year is None and not own_number:
            continue  # a bare 'n/XYZ' with no document word around it: not enough to call it a citation
        end = m.end()
        date = None
        after = _DATE_AFTER.match(text, end)
        if after:
            date = find_date(text, after.end(), min(len(text), after.end() + 30))
            if date is not None and date.start == after.end():
                end = date.end
            else:
                date = None
        issuer = subject = None
        who = _ISSUER.match(text, end)
        if who:
            issuer = " ".join(who.group("issuer").split())
            end = who.end()
        what = _SUBJECT.match(text, end) or (_TITLED.match(text, end) if who and not who.group("issuer").endswith(" được") else None)
        if what:
            subject = " ".join(what.group("subject").split())
            end = what.end()
        is_self = bool(self_window is not None and m.start() < self_window and own_number)
        start = m.start() - len(typed.group(0)) if typed else m.start()
        found.append(
            FoundCitation(
                start=start,
                end=end,
                text=text[start:end],
                number=number,
                number_as_written=m.group(),
                serial=serial,
                year=year or (date.year if date else None),
                type_code=type_code,
                issuer_code=issuer_code,
                doc_type=doc_type,
                date=date,
                issuer=issuer,
                subject=subject,
                is_self=is_self,
                number_start=m.start(),
                number_end=m.end(),
            )
        )
    return found
