"""Pre-Unicode Vietnamese encodings: decode them to NFC text that remembers its bytes, and encode.

TCVN3 (ABC, the .VnTime fonts), VNI (VNI-Windows fonts), VIQR (RFC 1456 mnemonics), VISCII,
VPS and Windows-1258 (precomposed or with combining tone marks). The code tables are data
(`egov_extract/data/legacy_encodings.json`, built by scripts/make_legacy_tables.py from the
encodings' published definitions); which encoding a file is in is decided elsewhere
(`encodings.py`), by which decoding reads as Vietnamese.

Every decoder returns the text and, for each of its characters, the offset of the byte it came
from, so a span in the text maps back to the bytes as read.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from ..repair.syllables import parse

LEGACY_ENCODINGS = ("tcvn3", "vni", "viqr", "viscii", "vps", "cp1258")
"""The legacy encodings we read, by the names `Document.encoding` records."""

ALIASES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "tcvn5712": "tcvn3", "tcvn-5712": "tcvn3", "vntime": "tcvn3",
    "x-viet-tcvn5712": "tcvn3", "tcvn5712-1": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "vni-times": "vni", "x-viet-vni": "vni",
    "viqr": "viqr", "csviqr": "viqr",
    "viscii": "viscii", "csviscii": "viscii", "viscii1.1-1": "viscii",
    "vps": "vps", "x-viet-vps": "vps",
    "cp1258": "cp1258", "windows-1258": "cp1258", "windows1258": "cp1258",
    "utf-8": "utf-8", "utf8": "utf-8",
    "utf-16": "utf-16", "utf16": "utf-16", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",
}


def canonical_name(name: str) -> str | None:
    """The encoding a user's name stands for ('ABC' -> 'tcvn3'), or None when we do not read it."""
    return ALIASES.get(name.strip().lower().replace("_", "-"))


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: NFC, with `offsets[i]` the byte where character i came from."""

    text: str
    offsets: tuple[int, ...]


@lru_cache(maxsize=1)
def tables() -> dict:
    with resources.files("egov_extract.data").joinpath("legacy_encodings.json").open(encoding="utf-8") as f:
        return json.load(f)


def _cp1252_char(b: int) -> str:
    """How Windows shows a byte: the font encodings ride on Windows-1252 (its five holes as Latin-1)."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


@lru_cache(maxsize=8)
def _byte_map(encoding: str) -> tuple[str, ...]:
    """Byte -> character of a single-byte encoding; bytes it leaves undefined read as Windows-1252."""
    if encoding == "cp1252":
        return tuple(_cp1252_char(b) for b in range(256))
    defined = {int(k, 16): v for k, v in tables()["single_byte"][encoding].items()}
    return tuple(defined.get(b, chr(b) if b < 0x80 else _cp1252_char(b)) for b in range(256))


_COMBINING = regex.compile(r"\p{M}")


def nfc_with_offsets(chars: str, offsets: list[int] | range | tuple[int, ...]) -> Decoded:
    """NFC, one base character and its combining marks at a time, keeping each cluster's offset."""
    if not _COMBINING.search(chars) and unicodedata.is_normalized("NFC", chars):
        return Decoded(chars, tuple(offsets))
    out: list[str] = []
    index: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(chars[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", chars[i:j])
        out.append(cluster)
        index += [offsets[i]] * len(cluster)
        i = j
    return Decoded("".join(out), tuple(index))


@lru_cache(maxsize=8)
def _translation(encoding: str) -> dict[int, str]:
    return {b: ch for b, ch in enumerate(_byte_map(encoding)) if ch != chr(b)}


def _single_byte(data: bytes, encoding: str) -> Decoded:
    return nfc_with_offsets(data.decode("latin-1").translate(_translation(encoding)), range(len(data)))


def _cp1258(data: bytes) -> Decoded:
    # Python's codec is Microsoft's mapping; undefined bytes (0x81, 0x8A, ...) read as Windows-1252.
    chars = data.decode("cp1258", errors="replace")
    if "\ufffd" in chars and b"\xef\xbf\xbd" not in data:
        chars = "".join(ch if ch != "\ufffd" else _cp1252_char(b) for ch, b in zip(chars, data))
    return nfc_with_offsets(chars, range(len(data)))


# --- VNI --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _vni_reader() -> tuple[regex.Pattern, dict[str, str]]:
    """VNI spellings (Windows-1252 characters) -> letters, longest first; a mark in the other
    case from its base letter is read too, the letter taking the base letter's case."""
    spelled: dict[str, str] = {}
    for letter, spelling in tables()["vni"].items():
        spelled[spelling] = letter
        if len(spelling) == 2:
            base, mark = spelling
            other = mark.lower() if mark.isupper() else mark.upper()
            spelled.setdefault(base + other, letter)
    spelled.setdefault("yï", "ỵ")
    spelled.setdefault("YÏ", "Ỵ")
    keys = sorted(spelled, key=lambda s: (-len(s), s))
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    return pattern, spelled


def _vni(data: bytes) -> Decoded:
    chars = data.decode("latin-1").translate(_translation("cp1252"))
    pattern, spelled = _vni_reader()
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in pattern.finditer(chars):
        out.append(chars[pos : m.start()])
        offsets += range(pos, m.start())
        out.append(spelled[m.group()])
        offsets.append(m.start())
        pos = m.end()
    out.append(chars[pos:])
    offsets += range(pos, len(chars))
    return nfc_with_offsets("".join(out), offsets)


# --- VIQR -------------------------------------------------------------------------------------

_VIQR_MARK_CHARS = "^(+'`?~."
_VIQR_WORD = regex.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z^(+'`?~.]*")  # digits may be glued: '1000ngu+o+`i'
_TONE_COMBINING = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# A '.' or '?' that ends a word reads as punctuation, not a tone, where a line ends after it
# ('như sau.'); elsewhere RFC 1456 writers escape it ('sau\\. Sau'), since 'Bo^. Ta`i chi\'nh'
# ('Bộ Tài chính') puts a tone before a capital as often as a sentence ends there.
_SENTENCE_FOLLOWS = regex.compile(r"[ \t]*(?:$|\r?\n|\f)")
_ACRONYM_DD = regex.compile(r"(?<![A-Za-z])[A-Z]*DD[A-Z]*(?![A-Za-z])")


@dataclass(frozen=True)
class _Composed:
    word: str  # the letters, marks applied
    offsets: list[int]  # offset in the raw text of each letter
    used: int  # raw characters read: a mark that attaches to nothing ends the word
    marked: bool  # a mnemonic was applied
    inner_mark: bool  # one of ^ ( + ' ` ~ inside the word ('Le\'on'), not at its end: meant as a mark
    letter_mark: bool  # a letter mark (^ ( +) was applied
    final_tone: str  # '.' or '?' when the word's last character read was that tone mark


def _viqr_compose(raw: str) -> _Composed:
    """Read one VIQR word as far as its marks attach: letters, then a letter mark (^ ( +) and a
    tone (' ` ? ~ .) after the vowel they belong to; 'dd' is đ."""
    viqr = tables()["viqr"]
    tones, letter_marks = viqr["tones"], viqr["letter_marks"]
    letters: list[str] = []
    offsets: list[int] = []
    tone = 0
    tone_at = -1
    marked = inner = letter_mark = False
    last_mark = ""
    i = 0
    if raw[:2] in ("dd", "DD", "Dd"):
        letters.append("Đ" if raw[0] == "D" else "đ")
        offsets.append(0)
        i = 2
        marked = True
    while i < len(raw):
        ch = raw[i]
        if ch.isalpha():
            letters.append(ch)
            offsets.append(i)
            inner = inner or last_mark not in ("", ".", "?")  # not 'e.g', 'city.gov'
            last_mark = ""
        elif ch in letter_marks and letters and letters[-1].lower() in letter_marks[ch]:
            mapped = letter_marks[ch][letters[-1].lower()]
            letters[-1] = mapped.upper() if letters[-1].isupper() else mapped
            marked = letter_mark = True
            last_mark = ch
        elif ch in tones and letters and not tone and unicodedata.normalize("NFD", letters[-1])[0].lower() in "aeiouy":
            tone, tone_at = tones[ch], len(letters) - 1
            marked, last_mark = True, ch
        else:
            break
        i += 1
    if tone:
        letters[tone_at] = unicodedata.normalize("NFC", letters[tone_at] + _TONE_COMBINING[tone])
    return _Composed("".join(letters), offsets, i, marked, inner, letter_mark, last_mark if last_mark in ".?" else "")


def _viqr_accepts(read: _Composed, codes: bool = True) -> bool:
    """Marks that make a syllable are VIQR; so are marks inside a word (a name: 'Le\'on') and,
    with `codes`, letter marks in a capital code ('HTLO^')."""
    return read.marked and (
        parse(read.word) is not None or read.inner_mark or (codes and read.letter_mark and read.word.isupper())
    )


def _viqr_split(raw: str) -> tuple[_Composed, _Composed] | None:
    """Two words glued together, as tables and footnote markers leave them ('NAMDDo^.c' is
    'NAM' + 'Độc', 'HO^.ICHU?' 'HỘI' + 'CHỦ', 'abMa.nh' 'ab' + 'Mạnh'): the first split into two
    parts that each read, the second as a syllable."""
    for k in range(1, len(raw)):
        if not raw[k].isalpha() or not (raw[k].isupper() or raw[k : k + 2] == "dd"):
            continue
        first, second = _viqr_compose(raw[:k]), _viqr_compose(raw[k:])
        if first.used != k or parse(second.word) is None:
            continue
        if not first.marked and first.word.isalpha() or _viqr_accepts(first, codes=False):
            if not first.marked:
                first = _Composed(raw[:k], list(range(k)), k, False, False, False, "")
            return first, second
    return None


def _line_end_is_punctuation(toned: str) -> bool:
    """RFC 1456 makes an unescaped mark a mark; writers often left a sentence's final period
    unescaped, though ('như sau.'): there the toned word is no syllable the corpus has ('sạu')."""
    from .encodings import known_syllable

    return not known_syllable(toned)


def _viqr(data: bytes) -> Decoded:
    text = data.decode("latin-1")
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    escape = tables()["viqr"]["escape"]

    def copy(upto: int) -> None:
        nonlocal pos
        i = pos
        while i < upto:
            if text[i] == escape and i + 1 < len(text) and text[i + 1] in _VIQR_MARK_CHARS + escape:
                out.append(text[i + 1])
                offsets.append(i + 1)
                i += 2
                continue
            out.append(text[i])
            offsets.append(i)
            i += 1
        pos = i

    def emit(word: str, word_offsets: list[int], at: int, used: int) -> None:
        nonlocal pos
        copy(at)
        out.append(word)
        offsets.extend(at + o for o in word_offsets)
        pos = at + used

    while True:
        m = _VIQR_WORD.search(text, pos)
        if m is None:
            break
        at, raw = m.start(), m.group()
        read = _viqr_compose(raw)
        letters = raw[: read.used]
        if _ACRONYM_DD.fullmatch(letters) and len(letters) > 2:
            # 'QDD-UBND', 'HDDND': Đ in a code or acronym, not a syllable.
            word, word_offsets, k = [], [], 0
            while k < len(letters):
                run = len(letters[k:]) - len(letters[k:].lstrip("D"))
                if run % 2 and run > 1:  # an odd run: 'BGDDDT' is D then Đ (Giáo dục và Đào tạo); 'DDDDBQH' ĐĐ
                    word.append("D")
                    word_offsets.append(k)
                    k += 1
                word.append("Đ" if letters.startswith("DD", k) else letters[k])
                word_offsets.append(k)
                k += 2 if letters.startswith("DD", k) else 1
            emit("".join(word), word_offsets, at, read.used)
            continue
        if raw[: read.used] in ("dd", "DD", "Dd"):
            emit("Đ" if raw[0] == "D" else "đ", [0], at, 2)  # the enumeration letter 'đ)'
            continue
        if read.final_tone and read.used == len(raw) and _SENTENCE_FOLLOWS.match(text, m.end()) and _line_end_is_punctuation(read.word):
            # A final '.' or '?' at a line's end is a tone unless that makes no word ('sau.').
            read = _viqr_compose(raw[:-1])
        if _viqr_accepts(read, codes=False):
            emit(read.word, read.offsets, at, read.used)
            continue
        split = _viqr_split(raw) if read.marked else None
        if split is not None:
            first, second = split
            emit(first.word, first.offsets, at, first.used)
            emit(second.word, second.offsets, at + first.used, second.used)
        elif _viqr_accepts(read):
            emit(read.word, read.offsets, at, read.used)
        else:
            copy(at + max(read.used, 1))
    copy(len(text))
    return nfc_with_offsets("".join(out), offsets)


def decode(data: bytes, encoding: str) -> Decoded:
    """Decode `data` from one of LEGACY_ENCODINGS (or 'cp1252'); never fails: every byte reads as
    something, and whether the result is Vietnamese is for the caller to judge."""
    if encoding == "vni":
        return _vni(data)
    if encoding == "viqr":
        return _viqr(data)
    if encoding == "cp1258":
        return _cp1258(data)
    if encoding in ("tcvn3", "viscii", "vps", "cp1252"):
        return _single_byte(data, encoding)
    raise ValueError(f"not a legacy encoding: {encoding!r}")


# --- encoding (for generated test files and benchmarks) ---------------------------------------

@lru_cache(maxsize=8)
def _encoder(encoding: str) -> dict[str, bytes]:
    """Character -> its code; the first byte wins where an encoding defines a character twice."""
    if encoding == "vni":
        return {letter: spelling.encode("cp1252") for letter, spelling in tables()["vni"].items()}
    out: dict[str, bytes] = {}
    for b, ch in enumerate(_byte_map(encoding)):
        out.setdefault(ch, bytes([b]))
    return out


def _tcvn3_letter(ch: str) -> str:
    """TCVN3 has no capital toned letters: a .VnTime text writes them with the small letter's
    code (a .VnTimeH font draws that code as the capital)."""
    return ch.lower() if ch.lower() != ch and ch not in _tcvn3_defined() else ch


@lru_cache(maxsize=1)
def _tcvn3_defined() -> frozenset[str]:
    return frozenset(tables()["single_byte"]["tcvn3"].values()) | frozenset(chr(b) for b in range(0x80))


def encode(text: str, encoding: str) -> bytes:
    """`text` in a legacy encoding, as a writer of the time would have it; characters the
    encoding lacks raise UnicodeEncodeError, except TCVN3's capital toned letters (written with
    the small letter's code, as .VnTimeH documents are) and VPS's missing 'Ỗ' (likewise)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        return _encode_cp1258(text)
    if encoding == "viqr":
        return _encode_viqr(text)
    table = _encoder(encoding)
    back = _byte_map("cp1252" if encoding == "vni" else encoding)
    out = bytearray()
    for i, ch in enumerate(text):
        if encoding == "tcvn3":
            ch = _tcvn3_letter(ch)
        elif encoding == "vps" and ch == "Ỗ":
            ch = "ỗ"
        code = table.get(ch)
        if code is None:
            try:
                code = ch.encode("cp1252")
            except UnicodeEncodeError:
                code = None
            if code is not None and back[code[0]] != ch:
                code = None  # that byte is a letter in this encoding
        if code is None:
            raise UnicodeEncodeError(encoding, text, i, i + 1, f"{ch!r} has no code in {encoding}")
        out += code
    return bytes(out)


_TONE_OF = {m: i for i, m in enumerate(_TONE_COMBINING) if m}


def _encode_cp1258(text: str) -> bytes:
    """Windows-1258: a precomposed letter where the code page has one, else the letter and a
    combining tone mark (what Word wrote)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_OF))
        tones = "".join(c for c in parts if c in _TONE_OF)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def encode_cp1258_decomposed(text: str) -> bytes:
    """Windows-1258 with every tone as a combining mark, even where a precomposed letter exists."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONE_OF)
        if not tones:
            out += _encode_cp1258(ch)
            continue
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_OF))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


_VIQR_TONE_CHAR = {1: "`", 2: "'", 3: "?", 4: "~", 5: "."}
_VIQR_LETTER = {"â": "a^", "ê": "e^", "ô": "o^", "ă": "a(", "ơ": "o+", "ư": "u+", "đ": "dd"}


def _encode_viqr(text: str) -> bytes:
    """RFC 1456 VIQR; a mark character that follows a vowel or a mark as punctuation is escaped
    ('sau\\.'), as the RFC asks."""
    out: list[str] = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONE_OF[c] for c in parts if c in _TONE_OF), 0)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_OF))
        lower = base.lower()
        spelled = _VIQR_LETTER.get(lower, lower)
        if base.isupper():
            spelled = spelled.upper()
        if tone:
            spelled += _VIQR_TONE_CHAR[tone]
        previous = out[-1][-1:] if out else ""
        if ch == "\\" or (ch in _VIQR_MARK_CHARS and previous and (previous.lower() in "aeiouy" or previous in _VIQR_MARK_CHARS)):
            spelled = "\\" + ch
        out.append(spelled)
    return "".join(out).encode("ascii", errors="strict")


def is_vietnamese_letter(ch: str) -> bool:
    return ch.lower() in "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


__all__ = [
    "ALIASES",
    "Decoded",
    "LEGACY_ENCODINGS",
    "canonical_name",
    "decode",
    "encode",
    "encode_cp1258_decomposed",
    "nfc_with_offsets",
]
