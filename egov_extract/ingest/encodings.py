"""Which encoding a Vietnamese text file is in, judged by which decoding reads as Vietnamese.

Every legacy encoding decodes any bytes to some text, so none can be ruled out by decoding
errors. The right one is the one whose words are Vietnamese syllables: a TCVN3 file read as
Windows-1258 says 'Së' and 'nh©n' (no syllables), read as TCVN3 'Sở' and 'nhân'. Each
candidate decoding is scored by the share of its non-ASCII words (for VIQR: of its words with
mnemonics) that are valid syllables (`repair.syllables`), weighed by how common each syllable
is (the syllable LM's unigrams) so that a short text is still told apart. Text that no
decoding reads as Vietnamese is 'unknown': kept as Windows-1252 shows it, flagged, and never
repaired.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..repair.syllables import TONE_MARKS, canonical, is_valid, split_tone, with_tone_style
from . import capitals, legacy

UNKNOWN = "unknown"
"""`Document.encoding` of text no encoding we know reads as Vietnamese."""

CANDIDATES = ("cp1258", "tcvn3", "vni", "viscii", "vps")
"""Legacy encodings tried on bytes that are not UTF-8 (VIQR is tried on ASCII text)."""

# A decoding reads as Vietnamese when at least this share of its words with non-ASCII letters
# are syllables; real files in the right encoding score 0.97-1.0 (names and foreign words keep
# it below 1), wrong decodings 0.05-0.5.
MIN_VALID_SHARE = 0.7
# VIQR is ASCII: a file is VIQR when this share of its letter words compose into marked syllables
# (real VIQR: most words; stripped Vietnamese or English: a stray 'sao?' or 'e.g.' at most).
VIQR_MIN_SHARE = 0.2
VIQR_MIN_WORDS = 1
# Fewer non-ASCII words than this say too little for a page to differ from its document.
PAGE_MIN_WORDS = 5
# A page is read in another encoding than its document's when that one scores this much better.
PAGE_MARGIN = 0.2
# Score of a valid syllable the LM does not know, and of a word that is no syllable (natural log,
# as the LM; its rarest syllables score about -14).
_UNSEEN_LOGP = -16.0
_INVALID_LOGP = -25.0

PLAUSIBLE_WEIGHT = 0.5
_LETTERS = frozenset("abcdđeghiklmnopqrstuvxyăâêôơưfjwz")

# A word is what lies between spaces and punctuation, the symbols a wrong decoding puts inside
# words kept in ('nh©n', 'x·'); Windows punctuation (– … •) is punctuation in every reading.
_WORD = regex.compile(r"[^\s\d.,;:!?()\[\]{}<>\"“”‘’'/\\|+*=_#%&@~`^$\-–—…•‚„†‡‰‹›™]+")


@dataclass(frozen=True)
class Score:
    encoding: str
    valid: int  # non-ASCII words that are syllables
    words: int  # non-ASCII words
    logp: float  # summed log unigram of those words (invalid ones at _INVALID_LOGP)
    plausible: int = 0  # words of Vietnamese letters with one tone that break a spelling rule ('Đắk')

    @property
    def share(self) -> float:
        """Syllables' share of the words, a plausible word counting half: names from minority
        languages ('Đắk Lắk', 'Kon Tum') break the spelling rules in Vietnamese letters, while a
        wrong decoding gives letters no Vietnamese word has ('nh©n', 'Ñaék') or two tones."""
        return (self.valid + PLAUSIBLE_WEIGHT * self.plausible) / self.words if self.words else 0.0

    @property
    def mean_logp(self) -> float:
        return self.logp / self.words if self.words else _INVALID_LOGP

    def key(self) -> tuple[float, float]:
        return (round(self.share, 6), round(self.mean_logp, 6))


@lru_cache(maxsize=1)
def _unigram() -> dict[str, float]:
    """log P(syllable), lower case, from the shipped syllable LM."""
    from ..repair import lm

    model = lm.load()
    out = {}
    for token, index in model.index.items():
        if token and not token.startswith("<"):
            out[token] = float(model.unigram[index])
    return out


def known_syllable(word: str) -> bool:
    """Whether the syllable LM has this word (any case, either tone placement: 'uỷ' is 'ủy')."""
    lower = word.lower()
    return lower in _unigram() or canonical(lower) in _unigram() or with_tone_style(lower, "old") in _unigram()


def _word_logp(word: str, unigram: dict[str, float]) -> float | None:
    lower = word.lower()
    if not is_valid(lower):
        return None
    return unigram.get(lower, _UNSEEN_LOGP)


def _plausible(word: str) -> bool:
    """Vietnamese letters and at most one tone, though no syllable ('Đắk', 'Lắk')."""
    base, tone = split_tone(word.lower())
    marks = sum(1 for ch in unicodedata.normalize("NFD", word) if ch in TONE_MARKS[1:])
    return marks <= 1 and all(ch in _LETTERS for ch in base)


# Detection reads this much of a text (cut at a line break): enough words to be sure, and a
# 300 KB law is judged in milliseconds.
SAMPLE_CHARS = 60_000


def sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE_CHARS:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_CHARS)
    return data[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def score_text(text: str, encoding: str) -> Score:
    """How Vietnamese a decoding reads: its non-ASCII words (for VIQR, the caller passes the
    decoded text and only its marked words count) as syllables."""
    unigram = _unigram()
    valid = words = plausible = 0
    logp = 0.0
    counts: dict[str, int] = {}
    for m in _WORD.finditer(text):
        word = m.group()
        counts[word] = counts.get(word, 0) + 1
    for word, n in counts.items():
        if word.isascii() or (word.isupper() and not is_valid(word) and all(ch.isascii() or ch == "Đ" for ch in word)):
            continue  # ASCII, or a code with Đ ('QĐ', 'HĐND'): the same in every reading
        words += n
        p = _word_logp(word, unigram)
        if p is None:
            logp += n * _INVALID_LOGP
            plausible += n * _plausible(word)
        else:
            valid += n
            logp += n * p
    return Score(encoding, valid, words, logp, plausible)


# Mnemonics plain text hardly ever has: a mark inside a word ('ha`nh', 'Vie^.t'), a letter mark
# anywhere, 'dd' opening a syllable ('ddi').
_VIQR_STRONG = regex.compile(rb"[A-Za-z][\^(+`~]|[aeiouyAEIOUY]['.?][A-Za-z]|(?<![A-Za-z])[dD][dD][aeiouyAEIOUY]")


def viqr_share(data: bytes, decoded: str) -> tuple[int, int]:
    """(words the VIQR reading marked, letter words): how much of an ASCII text reads as VIQR."""
    letter_words = sum(1 for m in _WORD.finditer(data.decode("latin-1")) if any(ch.isalpha() for ch in m.group()))
    marked = sum(1 for m in _WORD.finditer(decoded) if not m.group().isascii())
    return marked, letter_words


def best(scores: list[Score]) -> Score:
    """The best-reading decoding; ties go to the earlier candidate (CANDIDATES order)."""
    return max(scores, key=lambda s: s.key())


def reads_as_vietnamese(score: Score) -> bool:
    return score.words > 0 and score.share >= MIN_VALID_SHARE


# --- .VnTimeH: capitals at the small letters' codes ---------------------------------------------

_CAPS_WORD = regex.compile(r"\p{L}+")


def _caps_shape(word: str, missing: frozenset[str]) -> int:
    """2: a capital word whose letters the encoding lacks in capitals are small ('CộNG', 'ĐảNG');
    1: the same with one capital ('Bộ', 'Sở': a capital word or a title-case one); 0: neither."""
    small = [ch for ch in word if ch.islower()]
    if not small or any(ch not in missing for ch in small):
        return 0
    capitals = sum(1 for ch in word if ch.isupper())
    if not capitals:
        return 0
    return 2 if capitals >= 2 else 1


def restore_capitals(text: str, missing: frozenset[str]) -> str:
    """Capitals an encoding lacks (`missing`: their small letters) were written small: TCVN3 has
    no capital toned letters, so a .VnTimeH heading ('CộNG HOà Xã HộI') is written with the small
    letters' codes and drawn as capitals; VPS has no 'Ỗ'. A word whose other letters are capitals,
    two or more ('CộNG', 'ĐảNG'), is a capital word, and so is a capital word with a Vietnamese
    letter ('TRỢ'); capitals spread from them to their neighbours on the line, in a chain: words
    of ASCII capitals ('KHOA') and one-capital words ('Bộ'): 'ĐẢNG Bộ' -> 'ĐẢNG BỘ', 'Sở KHOA HọC'
    -> 'SỞ KHOA HỌC', 'Hỗ TRỢ' -> 'HỖ TRỢ'. 'Sở KH&CN' and 'Uỷ ban' stay as written."""
    if not any(ch in missing for ch in text):
        return text
    out_lines = []
    for line in text.split("\n"):
        words = list(_CAPS_WORD.finditer(line))
        shapes = [_caps_shape(m.group(), missing) for m in words]
        caps = [
            s == 2 or (len(w) > 1 and w.isupper() and not w.replace("Đ", "").isascii())  # not 'QĐ'
            for s, w in zip(shapes, (m.group() for m in words))
        ]
        if not any(caps) or not any(shapes):
            out_lines.append(line)
            continue
        joins = [s == 1 or (len(m.group()) > 1 and m.group().isascii() and m.group().isupper()) for s, m in zip(shapes, words)]
        # A word of such small letters alone ('ý', 'ở') is capital between capital words.
        lone = [all(ch in missing for ch in m.group()) for m in words]
        changed = True
        while changed:
            changed = False
            for i in range(len(words)):
                if caps[i]:
                    continue
                left, right = (i > 0 and caps[i - 1]), (i + 1 < len(caps) and caps[i + 1])
                if (joins[i] or lone[i]) and (left or right):
                    caps[i] = changed = True
        chars = list(line)
        for m, cap, shape, alone in zip(words, caps, shapes, lone):
            if cap and (shape or alone):
                upper = m.group().upper()
                if len(upper) == len(m.group()):
                    chars[m.start() : m.end()] = list(upper)
        out_lines.append("".join(chars))
    return "\n".join(_capital_line_neighbours(out_lines, missing))


def _capital_line_neighbours(lines: list[str], missing: frozenset[str]) -> list[str]:
    """A heading broken over lines ('BỘ\\nTÀI CHÍNH', 'VỀ\\nVIỆC CÔNG BỐ'): a line of one-capital
    words only ('Bộ', 'Về') before a capital line with Vietnamese capitals is one too. Only
    before: the line after a heading is often a name ('THỨ TRƯỞNG\\nVũ Chiến Thắng')."""
    def heading(line: str) -> bool:
        letters = [ch for ch in line if ch.isalpha()]
        return len(letters) > 1 and all(ch.isupper() for ch in letters) and any(not ch.isascii() and ch != "Đ" for ch in letters)

    def fragment(line: str) -> bool:
        words = _CAPS_WORD.findall(line)
        return bool(words) and all(_caps_shape(w, missing) == 1 or (w.isupper() and len(w) > 1) for w in words) and any(
            _caps_shape(w, missing) == 1 for w in words
        )

    lines = list(lines)
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if not fragment(line):
                continue
            neighbours = [lines[i + 1]] if i + 1 < len(lines) else []
            if any(heading(n) for n in neighbours):
                upper = line.upper()
                if len(upper) == len(line):
                    lines[i] = upper
                    changed = True
    return lines


# A TCVN3 word opening with a small toned letter is capitalised where the corpus capitalises it
# at least this often inside a sentence ('của ủy ban' -> 'của Ủy ban').
TITLE_MIN_RATE = 0.5


def restore_title_case(text: str) -> str:
    """TCVN3 has no capital toned letters, so 'Ủy ban' and 'Ấp' were typed with the small one.
    A word opening with a small toned letter TCVN3 has no capital for is capitalised at the start
    of a sentence, list item or a line that does not go on from the line before, and inside a
    sentence when the corpus mostly capitalises it between those neighbours (`capitals`: 'Ủy ban'
    but 'ủy quyền', 'Thành ủy'), or, neighbours unseen, when it mostly capitalises the word
    (`repair.casing`: 'ở' never)."""
    from ..repair.casing import _OPENERS, Casing
    from ..repair.syllables import canonical

    if not any(ch in NO_TCVN3_CAPITAL for ch in text):
        return text
    casing = Casing()
    chars = list(text)
    for m in _SMALL_TONED_WORD.finditer(text):
        window = max(0, m.start() - _LOOK_BACK)  # look back a little, never copy the text up to here
        before = text[window : m.start()].rstrip(" \t\r")
        openers = _OPENERS | _CELL_OPENERS
        initial = (not before and window == 0) or (bool(before) and (before[-1] == "\n" or before[-1] in openers))
        if initial and not before[-1:] in openers and _wrapped(text, m.start()):
            initial = False
        following = _NEXT_WORD.match(text, m.end())
        capital_next = following is not None and following.group(1)[:1].isupper()
        word = m.group()
        if not initial:
            previous = _PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.start())
            by_neighbours = capitals.rate(
                canonical(word), previous.group(1) if previous else None, following.group(1) if following else None
            )
            if by_neighbours is not None:
                initial = by_neighbours >= TITLE_MIN_RATE  # 'Ủy ban', 'ủy quyền', 'Thành ủy'
            else:
                initial = math.exp(casing.logp(canonical(word), "title", capital_next)) >= TITLE_MIN_RATE
        if initial:
            chars[m.start()] = word[0].upper()
    return "".join(chars)


_LOOK_BACK = 400  # characters: the line before is in there
_CELL_OPENERS = frozenset("|\t")  # a table cell opens like a list item: 'Áp dụng' in '| Áp dụng |'


def _wrapped(text: str, start: int) -> bool:
    """A word opening a line that goes on from the line before (text from a PDF keeps the
    printed line breaks: 'dự\\nán'): that line ends in neither punctuation nor a blank line."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False  # an opener on the same line ('- Ủy ban')
    window = max(0, line_start - _LOOK_BACK)
    before = text[window:line_start].replace("\r", "").rstrip(" \t")
    if not before and window > 0:
        return False
    if not before or before.endswith("\n\n") or before == "\n":
        return False
    previous = before.rstrip("\n")
    return bool(previous) and previous[-1] not in ".:;!?)\"”|" and not previous.endswith("\n")


NO_TCVN3_CAPITAL = frozenset("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_SMALL_TONED_WORD = regex.compile("(?<![\\p{L}\\d])[" + "".join(sorted(NO_TCVN3_CAPITAL)) + "]\\p{L}*")
_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}+|\d)")
_PREVIOUS_WORD = regex.compile(r"(\p{L}+)[ \t]+$")
_NO_VPS_CAPITAL = frozenset("ỗ")


def legacy_reading_wins(as_read: str, converted: str) -> bool:
    """Whether a run in a legacy-named font reads better converted than as it is: a document may
    name .VnTime and hold Unicode ('Cá nhân' stays 'Cá nhân', not TCVN3's 'Cỏ nhõn'), while real
    TCVN3 reads better converted even where its codes happen to spell syllables ('cã' -> 'có')."""
    return score_text(converted, "legacy").key() >= score_text(as_read, "unicode").key()


def decode_as(data: bytes, encoding: str) -> legacy.Decoded:
    """Decode with a legacy encoding; TCVN3's missing capitals restored (same length, same offsets)."""
    decoded = legacy.decode(data, encoding)
    if encoding == "tcvn3":
        return legacy.Decoded(restore_title_case(restore_capitals(decoded.text, NO_TCVN3_CAPITAL)), decoded.offsets)
    if encoding == "vps":
        return legacy.Decoded(restore_capitals(decoded.text, _NO_VPS_CAPITAL), decoded.offsets)
    return decoded


def detect(data: bytes) -> tuple[str, Score | None]:
    """The legacy encoding `data` (not UTF-8) reads best in, and its score (read on a sample);
    'ascii' for ASCII that is not VIQR; UNKNOWN when no decoding reads as Vietnamese."""
    data = sample(data)
    if data.isascii():
        decoded = legacy.decode(data, "viqr")
        marked, letter_words = viqr_share(data, decoded.text)
        if marked >= VIQR_MIN_WORDS and marked >= VIQR_MIN_SHARE * letter_words and _VIQR_STRONG.search(data):
            return "viqr", score_text(decoded.text, "viqr")
        return "ascii", None
    scores = [score_text(legacy.decode(data, name).text, name) for name in CANDIDATES]
    if scores[0].words == 0:
        # Read as Windows-1258, no word has a letter beyond ASCII: the high bytes are Windows
        # punctuation (“ ” – …), shared with Windows-1252 (VISCII would make capitals of them).
        return "cp1258", scores[0]
    top = best(scores)
    if not reads_as_vietnamese(top):
        return UNKNOWN, top
    return top.encoding, top


def page_differs(page: bytes, document_encoding: str) -> str | None:
    """The encoding of a page that reads clearly better in another one than its document's (a
    file pasted together from two sources); None when the page agrees."""
    page = sample(page)
    if page.isascii() or document_encoding in ("ascii", UNKNOWN):
        return None
    own_score = score_text(legacy.decode(page, document_encoding).text, document_encoding)
    if own_score.words < PAGE_MIN_WORDS or own_score.share >= 1.0 - PAGE_MARGIN:
        return None
    scores = [own_score] + [score_text(legacy.decode(page, n).text, n) for n in CANDIDATES if n != document_encoding]
    top = best(scores)
    if top.encoding != document_encoding and reads_as_vietnamese(top) and top.share >= own_score.share + PAGE_MARGIN:
        return top.encoding
    return None
