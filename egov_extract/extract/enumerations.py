"""Enumerations: numbered and bulleted lists, articles, steps, and the rows of flattened tables,
with the count the text states for them.

Official documents enumerate everywhere: '(1) …, (2) …' targets, 'a) … b) …' points, 'Bước 1 …'
steps, 'Điều 12.' articles, and annexes whose tables reach us one cell per paragraph ('7⏎⏎1.012993⏎⏎
Đăng ký hành nghề …' is row 7). A list is a run of markers of one style at line starts, numbered
one after the other; one missing number inside a run is kept as a gap ('1., 2., 3., 5.'). A count
is tied to a list when the text says the list is what it counts:
- a line ending in a count and a colon, the list starting on the next line: 'gồm 03 bước như sau:',
  'đạt 08 mục tiêu sau:', 'Thân máy có 2 loại:';
- a count in brackets closing a heading: 'LĨNH VỰC BẢO TRỢ XÃ HỘI (07 TTHC)' counts the table rows
  below it, up to the next heading; a heading directly followed by counted headings
  ('THỦ TỤC HÀNH CHÍNH CẤP TỈNH (12 TTHC)' then '… (07 TTHC)', '… (05 TTHC)') counts theirs.
Pure functions over one page's text; offsets are into that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

# Vietnamese list letters: the alphabet without f, j, w, z; 'đ' after 'd'.
LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A printed line this long that does not end a sentence was wrapped by the layout: a number
# opening the next line may be a word of the sentence, not a list marker.
WRAP_WIDTH = 70
# A count and its list must be this close: the list starts within so many characters of the colon.
INTRO_REACH = 200
# The rows under a counted heading end at the next heading; a heading is a paragraph of capitals
# this long (at least), or one that opens with a word that heads sections.
HEADING_MIN_LETTERS = 6
_SECTION_WORDS = regex.compile(r"^(?:[*_#\s]*)(?:Lĩnh vực|LĨNH VỰC|Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG|Nhóm|NHÓM)[ \t\n]+\S")
# A table's column headers ('STT', 'Mã TTHC', 'Tên thủ tục hành chính') between a heading and its
# first row: short paragraphs, no count, no section word.
HEADER_CELL_WORDS = 5

_PREFIX = r"(?:^|(?<=\n))[ \t]*(?:[*_#>]+[ \t]*)*"
_MARKERS = {
    "paren-number": regex.compile(_PREFIX + r"(?P<m>\((?P<v>\d{1,3})\))[ \t]*(?=\S|\n)"),
    "number-dot": regex.compile(_PREFIX + r"(?P<m>(?P<v>\d{1,3})[ *_]{0,2}\.)(?!\d)[ \t*_]*(?=\S|\n)"),
    "number-paren": regex.compile(_PREFIX + r"(?P<m>(?P<v>\d{1,3})\))[ \t]*(?=\S|\n)"),
    "letter": regex.compile(_PREFIX + r"(?P<m>(?P<v>[a-zđ])\))[ \t]*(?=\S|\n)"),
    "roman": regex.compile(_PREFIX + r"(?P<m>(?P<v>[IVXLC]{1,6})\.)[ \t]+(?=\S)"),
    # 'Điều 12.' heading an article, the number maybe wrapped onto the next line or followed by a
    # footnote marker ('Điều 2.[2] …', 'Điều 8[7].'), emphasis ('Điều 16*. *Truy cập') or a colon
    # ('Điều 3: Nguồn kinh phí'); 'Điều 5 Nghị định số …' at a line start is a reference.
    "article": regex.compile(
        _PREFIX + r"(?P<m>Điều[ \t\n]+(?P<v>\d{1,3})(?:\[\d{1,3}\])?(?:[*_]{0,2}[.:](?=[ \t\n\[(*_]|\p{Lu})"
        # or no stop, when a title of its own follows or nothing does ('Điều 5 Chính sách của Nhà nước')
        r"|(?=[ \t]*\n)|(?=[ \t]+(?!(?:Nghị|Luật|Bộ|Thông|Quyết|Pháp|Hiến|Chỉ|Công|Văn|Kế|Nghị)\b)\p{Lu}\p{Ll}*[ \t]+\p{Ll})))"
    ),
    "step": regex.compile(_PREFIX + r"(?P<m>Bước[ \t]+(?P<v>\d{1,2}))(?=[ \t]*[:.)\-–])"),
    # a table row's STT cell: a paragraph that is a number alone, a paragraph of text after it
    "row": regex.compile(r"(?:^|(?<=\n[ \t]*\n))[ \t]*(?P<m>(?P<v>\d{1,3}))[ \t]*\n[ \t]*\n(?=[ \t]*\S)"),
}
_BULLET = regex.compile(_PREFIX + r"(?P<m>[-+•–])[ \t]+(?=\S)")
# 'gồm 03 bước như sau:', 'đạt 08 mục tiêu sau:', 'có 2 loại:', '(8 mục tiêu)' ending a line: the count, then the
# counted noun (one to four words; not a span of time, an age or a measure: '80 năm Ngày Quốc khánh:'
# is an anniversary, 'người dưới 18 tuổi phạm tội … như sau:' an age, 'EPA (40 mg)' an amount),
# then at most 'sau', 'như sau', 'sau đây', 'cụ thể', 'gồm'.
_COUNT_INTRO = regex.compile(
    r"(?<![\d.,/])(?P<open>\()?(?P<n>\d{1,3})[ \t]+(?P<noun>(?!(?:như|của|sau|theo|tại|thì|là|có|được|và|hoặc|trở|đến|từ|trên|dưới|hằng|hàng|"
    r"năm|tháng|ngày|tuần|quý|giờ|phút|tuổi|"
    r"mg|g|kg|ml|l|lít|km|m|cm|mm|ha|tấn|tạ|đồng|triệu|tỷ|nghìn|ngàn|lần|m2|m3|kw|kwh|mw|v|w)\b)"
    r"\p{Ll}+(?:[ \t]+(?!(?:như|của|sau|theo|tại|thì|là)\b)[\p{Ll}\p{Lu}]+){0,3}?)(?(open)\))[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?"
    r"(?:(?:được[ \t]+)?(?:quy định[ \t]+)?(?:cụ thể[ \t]+)?(?:như[ \t]+)?sau(?:[ \t]+đây)?|cụ thể|chủ yếu|(?:bao[ \t]+)?gồm)?"
    # a colon ends the line, or the bracketed count does ('Mục tiêu cụ thể (08 mục tiêu)')
    r"(?:[ \t]*:[*_ \t]*|(?<=\))[*_ \t]*)(?=\n)"
)
# Words after which a number is a reference or a date, not a count ('Điều 8 như sau:', 'ngày 25
# tháng 12 hằng năm như sau:', 'Ban Chỉ đạo 389 quốc gia …'), or one of two alternatives ('05
# hoặc 07 thành viên').
_NOT_A_COUNT = regex.compile(
    r"(?:\b(?:Điều|khoản|điểm|tháng|ngày|năm|số|lần|thứ|Chỉ đạo|Mẫu|mẫu|Phụ lục|phụ lục|Chương|Mục|Phần|Bước|"
    r"đoạn|định|tư|Luật|hoặc|đến|từ|khóa|khoá|Khu vực)|[-/–])[ \t\n]*$"
)


def _is_count(text: str, m: regex.Match) -> bool:
    before = text[max(0, m.start("n") - 30) : m.start("n")]
    after = text[m.end("n") : m.end("n") + 12]
    return not _NOT_A_COUNT.search(before) and not regex.match(r"[ \t]+hoặc\b", after)


# '(07 TTHC)', '(12 thủ tục)', '*(26 TTHC Cấp tỉnh)*' closing a heading.
_COUNT_HEADING = regex.compile(r"\((?P<n>\d{1,4})[ \t]+(?P<noun>[\p{L}][\p{L} ]{0,30}?)\)[*_ \t]*(?=\n|$)")


@dataclass(frozen=True)
class FoundItem:
    marker: str  # as printed: '(3)', 'b)', 'Điều 12', '7' (a row)
    value: int
    start: int
    end: int


@dataclass(frozen=True)
class FoundEnumeration:
    style: str  # paren-number, number-dot, number-paren, letter, roman, article, step, row, bullet, sections, inline
    start: int
    end: int
    items: tuple[FoundItem, ...]
    gaps: tuple[int, ...] = ()
    stated: int | None = None  # the count the text gives it
    stated_start: int | None = None
    stated_end: int | None = None
    noun: str | None = None
    # For 'sections': the counts of the headings it is made of ('(07 TTHC)', '(05 TTHC)').
    part_counts: tuple[int, ...] = field(default=())


def _value(style: str, raw: str) -> int | None:
    if style == "letter":
        return LETTERS.index(raw) + 1 if raw in LETTERS else None
    if style == "roman":
        return _roman(raw)
    return int(raw)


def _roman(text: str) -> int | None:
    total, last = 0, 0
    for ch in reversed(text):
        v = _ROMAN[ch]
        total += -v if v < last else v
        last = max(last, v)
    return total if 0 < total < 400 else None


def roman(value: int) -> str:
    """3 -> 'III', 14 -> 'XIV'."""
    out = ""
    for v, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out, value = out + numeral, value - v
    return out


def _line_before(text: str, at: int) -> str:
    """The printed line before the one `at` opens."""
    end = text.rfind("\n", 0, at)
    if end < 0:
        return ""
    return text[text.rfind("\n", 0, end) + 1 : end]


def _opens_item(text: str, at: int, style: str) -> bool:
    """A marker at a line start opens an item unless the line before was wrapped mid-sentence
    ('… trong⏎2. năm …'), or names an article ('Điều⏎14. Trách nhiệm …' is Điều 14)."""
    before = _line_before(text, at).strip(" \t*_")
    if style == "number-dot" and regex.search(r"\bĐiều$", before):
        return False
    if not before or before[-1] in ".:;!?)”\"" or style in ("article", "row"):
        return True
    return len(before) < WRAP_WIDTH


def _markers(text: str, style: str) -> list[FoundItem]:
    out = []
    for m in _MARKERS[style].finditer(text):
        value = _value(style, m.group("v"))
        if value is None or not _opens_item(text, m.start("m"), style):
            continue
        out.append(FoundItem(" ".join(m.group("m").split()), value, m.start("m"), m.end()))
    return out


def _runs(items: list[FoundItem]) -> list[list[FoundItem]]:
    """Items numbered one after the other (one number may be missing); a 1 starts a new run."""
    runs: list[list[FoundItem]] = []
    for item in items:
        last = runs[-1][-1] if runs else None
        if last is not None and item.value in (last.value + 1, last.value + 2):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [r for r in runs if len(r) >= 2]


# A quotation that leaves parts out says so: '…' or '...' on a line of its own.
_ELIDED = regex.compile(r"(?:^|\n)[ \t*_\[(]*(?:…|\.{3})[ \t*_\])]*(?:\n|$)")


def _paragraph_end(text: str, at: int) -> int:
    m = regex.compile(r"\n[ \t]*\n").search(text, at)
    return m.start() if m else len(text)


def _enumerations(text: str, style: str) -> list[FoundEnumeration]:
    out = []
    for run in _runs(_markers(text, style)):
        items = []
        for item, after in zip(run, run[1:] + [None]):
            end = after.start if after is not None else _paragraph_end(text, item.end)
            items.append(FoundItem(item.marker, item.value, item.start, max(end, item.end)))
        gaps = tuple(
            a.value + 1 for a, b in zip(run, run[1:]) if b.value == a.value + 2 and not _ELIDED.search(text, a.end, b.start)
        )
        out.append(FoundEnumeration(style, items[0].start, items[-1].end, tuple(items), gaps))
    return out


def _is_heading(paragraph: str) -> bool:
    """A paragraph of capitals ('LĨNH VỰC BẢO TRỢ XÃ HỘI (07 TTHC)'), or one opening with a
    section word ('Lĩnh vực Du lịch (11 TTHC)'), or a Roman numeral or letter alone ('II', 'B')."""
    words = regex.sub(r"\([^)]*\)|[*_#]", " ", paragraph).strip()
    if regex.fullmatch(r"[IVXLC]{1,6}\.?|[A-Z]\.?", words):
        return True
    letters = regex.findall(r"\p{L}", words)
    if len(letters) >= HEADING_MIN_LETTERS and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        return True
    return _SECTION_WORDS.match(paragraph) is not None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph (blank-line separated, stripped)."""
    spans, pos = [], 0
    for m in regex.finditer(r"\n[ \t]*\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append((a + lead, a + len(chunk.rstrip())))
    return out


def _heading_tail(paragraph: str) -> str | None:
    """The heading that ends a paragraph: its last lines while they read as a heading ('I.' over
    'DANH MỤC THỦ TỤC … (16 thủ tục)', or a heading wrapped as 'LĨNH VỰC PHÒNG, CHỐNG TỆ NẠN' over
    'XÃ HỘI (05 TTHC)'), after an annex's '(Kèm theo …)' line; None if they do not."""
    lines = paragraph.split("\n")
    best = 0
    for k in range(1, len(lines) + 1):
        candidate = "\n".join(lines[-k:])
        if _is_heading(candidate) or (best and _is_bare_marker_text(lines[-k])):
            best = k
        elif best:
            break
    return "\n".join(lines[-best:]) if best else None


def _is_bare_marker_text(chunk: str) -> bool:
    return regex.fullmatch(r"[*_\s]*(?:[IVXLC]{1,6}|[A-Z])\.?[*_\s]*", chunk) is not None


def _counted_headings(text: str) -> list[FoundEnumeration]:
    """Headings that close with a count in brackets, and what they count: the table rows below
    them up to the next heading, or the counted headings right below them."""
    paragraphs = _paragraphs(text)
    kinds = []  # per paragraph: ('heading', count match or None) | ('row', value) | ('text', None)
    for a, b in paragraphs:
        chunk = text[a:b]
        if regex.fullmatch(r"\d{1,3}", chunk):
            kinds.append(("row", int(chunk)))
            continue
        tail = _heading_tail(chunk)
        if tail is None:
            kinds.append(("text", None))
            continue
        count = _COUNT_HEADING.search(chunk + "\n")
        kinds.append(("heading", count if count and count.start() >= len(chunk) - len(tail) else None))
    out = []
    for i, (kind, count) in enumerate(kinds):
        if kind != "heading" or count is None:
            continue
        a, b = paragraphs[i]
        stated, noun = int(count.group("n")), " ".join(count.group("noun").split())
        heading = (a + count.start("n"), a + count.end("noun"))
        # What follows the heading before anything else: rows, or other counted headings (after
        # a bare marker such as 'II' of theirs, or a table's column headers).
        j = i + 1
        while j < len(kinds) and kinds[j][0] != "row" and kinds[j][1] is None and _header_cell(text, paragraphs[j]):
            j += 1
        if j < len(kinds) and kinds[j][0] == "heading" and kinds[j][1] is not None:
            parts = _child_counts(text, paragraphs, kinds, j, stated)
            if parts:
                items = tuple(
                    FoundItem(" ".join(text[paragraphs[k][0] : paragraphs[k][1]].split())[:60], c, paragraphs[k][0], paragraphs[k][1])
                    for k, c in parts
                )
                out.append(
                    FoundEnumeration("sections", heading[0], items[-1].end, items, (), stated, heading[0], heading[1], noun,
                                     tuple(c for _, c in parts))
                )
            continue
        if j >= len(kinds) or kinds[j][0] != "row":
            continue  # a section heading, text, or nothing before the first row: not counted here
        rows = []
        k = j
        while k < len(kinds) and kinds[k][0] != "heading":
            if kinds[k][0] == "row":
                rows.append(k)
            k += 1
        values = [kinds[r][1] for r in rows]
        if any(y != x + 1 for x, y in zip(values, values[1:])):
            continue  # not one run of row numbers: some other layout, not counted
        items = tuple(
            FoundItem(str(kinds[r][1]), kinds[r][1], paragraphs[r][0], paragraphs[r + 1][1] if r + 1 < len(paragraphs) else paragraphs[r][1])
            for r in rows
        )
        out.append(FoundEnumeration("row", items[0].start, items[-1].end, items, (), stated, heading[0], heading[1], noun))
    return out


def _header_cell(text: str, span: tuple[int, int]) -> bool:
    """A paragraph that may stand between a heading and what it heads: a bare marker ('II'), or a
    table's column header ('STT', 'Mã TTHC', 'Lĩnh vực')."""
    chunk = text[span[0] : span[1]]
    if _is_bare_marker_text(chunk):
        return True
    return len(chunk.split()) <= HEADER_CELL_WORDS and not _SECTION_WORDS.match(chunk) and not _COUNT_HEADING.search(chunk + "\n")


def _is_bare_marker(text: str, span: tuple[int, int]) -> bool:
    return _is_bare_marker_text(text[span[0] : span[1]])


def _child_counts(text, paragraphs, kinds, first: int, stated: int) -> list[tuple[int, int]]:
    """The counted headings below a parent, up to the next heading of the parent's rank (one
    whose own count is followed directly by counted headings, or one after a bare marker like
    'II'). The children whose counts add up to the parent's are its parts; when no first ones
    do, all of them up to that boundary are (and the sum will not match)."""
    children: list[tuple[int, int]] = []
    k = first
    while k < len(kinds):
        kind, count = kinds[k]
        if kind == "heading":
            if count is None:
                if _is_bare_marker(text, paragraphs[k]):
                    break
            else:
                nxt = next((x for x in kinds[k + 1 :] if x[0] != "text"), None)
                if children and nxt is not None and nxt[0] == "heading" and nxt[1] is not None:
                    break  # a parent of its own
                children.append((k, int(count.group("n"))))
                if sum(c for _, c in children) == stated:
                    return children
        k += 1
    return children if len(children) >= 2 else []


def _stated_before(text: str, enumeration: FoundEnumeration) -> FoundEnumeration | None:
    """A count ending the line just before the list's first item ('gồm 03 bước như sau:')."""
    first = enumeration.items[0]
    if first.value != 1:
        return None
    window_start = max(0, first.start - INTRO_REACH)
    best = None
    for m in _COUNT_INTRO.finditer(text, window_start, first.start):
        if _is_count(text, m):
            best = m
    if best is None or text[best.end() : first.start].strip(" \t\n*_"):
        return None
    return FoundEnumeration(
        enumeration.style, enumeration.start, enumeration.end, enumeration.items, enumeration.gaps,
        int(best.group("n")), best.start("n"), best.end("noun"), " ".join(best.group("noun").split()),
    )


def _bullets_after_counts(text: str) -> list[FoundEnumeration]:
    """'… có 03 nhóm sau:' followed by '- …' lines: the bullets up to the first paragraph that is
    not one (wrapped lines of an item belong to it)."""
    out = []
    for m in _COUNT_INTRO.finditer(text):
        if not _is_count(text, m):
            continue
        pos = m.end()
        items = []
        for b in _BULLET.finditer(text, pos):
            if items and b.group("m") != items[0].marker:
                break  # another bullet sign: a level above or below, not one of these items
            gap = text[pos : b.start()]
            if gap.strip(" \t\n*_") and not items:
                break
            if items and regex.search(r"\n[ \t]*\n", gap) and not gap.strip(" \t\n*_") == "":
                break
            if items and not _continues_item(gap):
                break
            items.append(FoundItem(b.group("m"), len(items) + 1, b.start("m"), b.end()))
            pos = b.end()
        if len(items) >= 2:
            items = [
                FoundItem(x.marker, x.value, x.start, (items[k + 1].start if k + 1 < len(items) else _paragraph_end(text, x.end)))
                for k, x in enumerate(items)
            ]
            out.append(
                FoundEnumeration("bullet", items[0].start, items[-1].end, tuple(items), (), int(m.group("n")),
                                 m.start("n"), m.end("noun"), " ".join(m.group("noun").split()))
            )
    return out


# 'gồm 05 đơn vị: A; B; C.', '16 khối bao gồm: khối …; khối …; …' on one line: the items a
# composition names, ';'-separated (a comma or 'và' may stand inside a name: 'Sở Văn hóa, Thể thao
# và Du lịch'), up to the sentence's end.
_INLINE = regex.compile(
    r"(?:(?:bao[ \t]+)?gồm[ \t]+(?P<n>\d{1,3})[ \t]+(?P<noun>\p{Ll}[\p{Ll} ]{0,30}?)|(?P<n>\d{1,3})[ \t]+(?P<noun>\p{Ll}[\p{Ll} ]{0,30}?)[ \t]*,?[ \t]*(?:bao[ \t]+)?gồm)"
    r"[ \t]*:[ \t]*(?P<items>[^\n]+?)(?:\.(?=\s|$)|\n|$)"
)


def _inline_lists(text: str) -> list[FoundEnumeration]:
    out = []
    for m in _INLINE.finditer(text):
        if not _is_count(text, m):
            continue
        items = [x.strip() for x in m.group("items").split(";")]
        if len(items) < 2 or any(not x for x in items) or any(regex.search(r"\d", x) for x in items):
            continue  # counted parts ('14 sở, ngành; 11 UBND …': a breakdown) or a count inside an item
        heads = {x.split()[0].lower() for x in items}
        last = items[-1]
        if " và " in last:
            joined = [x.strip() for x in last.split(" và ")]
            if len(heads) == 1 and all(x.split() and x.split()[0].lower() in heads for x in joined):
                items = items[:-1] + joined  # 'khối A; khối B và khối C'
            else:
                continue  # 'và' inside a name or between two: the count cannot be told
        found, pos = [], m.start("items")
        for k, item in enumerate(items, 1):
            at = text.find(item, pos)
            found.append(FoundItem(f"({k})", k, at, at + len(item)))
            pos = at + len(item)
        out.append(
            FoundEnumeration("inline", found[0].start, found[-1].end, tuple(found), (), int(m.group("n")),
                             m.start("n"), m.end("noun"), " ".join(m.group("noun").split()))
        )
    return out


def _continues_item(gap: str) -> bool:
    """Text between two bullets is the first one's own (no numbered marker, no heading)."""
    return not any(_MARKERS[s].search(gap) for s in ("number-dot", "letter", "roman", "article"))


def find_enumerations(text: str) -> list[FoundEnumeration]:
    """Every list of one page, with the count stated for it where the text gives one."""
    found: list[FoundEnumeration] = []
    for style in _MARKERS:
        if style == "row":
            continue  # rows are read under their headings (_counted_headings)
        for enumeration in _enumerations(text, style):
            found.append(_stated_before(text, enumeration) or enumeration)
    found += _counted_headings(text)
    found += _bullets_after_counts(text)
    found += _inline_lists(text)
    return sorted(found, key=lambda e: (e.start, e.style))


__all__ = ["FoundEnumeration", "FoundItem", "LETTERS", "find_enumerations", "roman"]
