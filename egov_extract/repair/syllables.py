"""Vietnamese orthography as code: parse a syllable, check it, fold it, put tones on it.

A written syllable is (onset)(glide)(nucleus)(coda) plus one of six tones. The grammar here
is the spelling system, not a word list, so it judges syllables it has never seen: it accepts
"quyền", "nghiêng", "khuya" and rejects English-mode OCR garble such as "hién" (ie without
circumflex), "tir", "ctia" or "d61".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Tones as combining marks; index is the tone number (0 = ngang, no mark).
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
TONE_NAMES = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")
_TONE_OF_MARK = {m: i for i, m in enumerate(TONE_MARKS) if m}

# Letters whose marks are part of the letter (not tones): ă â ê ô ơ ư đ.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")

ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)
NUCLEI = (
    "iê", "yê", "uô", "ươ", "ia", "ya", "ua", "ưa",
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
)
CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u")
STOP_CODAS = frozenset({"c", "ch", "p", "t"})

# Which semivowel codas may follow which nucleus (ai ay ao au âu ây eo êu iu oi ôi ơi ui ưi ưu
# iêu yêu uôi ươi ươu).
_SEMIVOWEL_CODA = {
    "i": {"a", "o", "ô", "ơ", "u", "ư", "uô", "ươ"},
    "y": {"a", "â", "u"},
    "o": {"a", "e"},
    "u": {"a", "â", "ê", "i", "ư", "iê", "yê", "ươ"},
}
# Open diphthongs never take a coda; closed ones always need one.
_OPEN_DIPHTHONGS = {"ia", "ya", "ua", "ưa"}
_CLOSED_DIPHTHONGS = {"iê", "yê", "uô", "ươ"}
_FRONT = ("e", "ê", "i", "y")


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable, lower case, tone separated."""

    onset: str
    glide: str
    nucleus: str
    coda: str
    tone: int  # 0..5, see TONE_NAMES

    @property
    def base(self) -> str:
        """The toneless spelling, vowel letters kept: 'quyền' -> 'quyên'."""
        return self.onset + self.glide + self.nucleus + self.coda

    def spell(self) -> str:
        """Written form with the tone on the conventional vowel (lower case, NFC)."""
        return place_tone(self.base, self.tone, self.onset, self.glide, self.nucleus, self.coda)


def split_tone(word: str) -> tuple[str, int]:
    """Remove the tone mark: ('quyền') -> ('quyên', 1). Letter marks (ê, ơ, ă...) stay."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = 0
    kept = []
    for ch in decomposed:
        if ch in _TONE_OF_MARK:
            tone = _TONE_OF_MARK[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=65536)
def parse(word: str) -> Syllable | None:
    """Parse one syllable (any case); None when it is not valid Vietnamese spelling.

    Every split into onset, glide, nucleus and coda is tried, so "của" (c + ua) and "quả"
    (qu + a) both parse although "ua" is a glide plus a vowel in one and a diphthong in the other.
    """
    lower = unicodedata.normalize("NFC", word).lower().replace("ð", "đ")  # Icelandic eth for đ
    if not lower or len(lower) > 8:
        return None
    base, tone = split_tone(lower)
    if not all(ch in VIETNAMESE_LETTERS for ch in base):
        return None
    if sum(1 for ch in unicodedata.normalize("NFD", lower) if ch in _TONE_OF_MARK) > 1:
        return None
    for onset in _ONSET_CHOICES:
        if not base.startswith(onset):
            continue
        rest = base[len(onset):]
        for glide in ("", "o", "u"):
            if not rest.startswith(glide):
                continue
            after_glide = rest[len(glide):]
            for nucleus in NUCLEI:
                if after_glide.startswith(nucleus):
                    coda = after_glide[len(nucleus):]
                    if coda and coda not in CODAS:
                        continue
                    found = _check(onset, glide, nucleus, coda, tone)
                    if found is not None:
                        return found
    return None


_ONSET_CHOICES = ONSETS + ("",)


def _check(onset: str, glide: str, nucleus: str, coda: str, tone: int) -> Syllable | None:
    if onset == "qu" and glide:
        return None
    if glide == "o" and nucleus not in ("a", "ă", "e"):
        return None
    if glide == "u" and nucleus not in ("â", "ê", "y", "ơ", "yê", "ya", "a", "ă", "e"):
        return None
    if glide == "u" and nucleus in ("a", "ă", "e") and onset not in ("q", "qu", "h", "kh", "th", "ng", "x", "t", "l"):
        return None
    if nucleus in _OPEN_DIPHTHONGS and coda:
        return None
    if nucleus in _CLOSED_DIPHTHONGS and not coda:
        return None
    if nucleus in ("ă", "â") and not coda:
        return None
    if nucleus in ("ya", "yê") and not (glide or onset == "qu" or (not onset and nucleus == "yê")):
        # "khuya", "quyết", "yêu"; a bare onset + "ya" does not occur.
        return None
    if coda in _SEMIVOWEL_CODA and nucleus not in _SEMIVOWEL_CODA[coda]:
        return None
    if coda in ("ch", "nh") and nucleus not in ("a", "ê", "i", "y"):
        return None
    if coda in STOP_CODAS and tone not in (2, 5):
        return None
    first = (glide or nucleus)[0]
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return None
    if onset in ("c", "ng") and first in _FRONT and not glide:
        return None
    if onset == "g" and first in _FRONT and not (nucleus[0] == "i" and not glide):
        return None  # "gì", "gìn" are gi + i; "ge", "gy" do not occur
    if onset == "gi" and nucleus[0] == "i":
        return None
    return Syllable(onset, glide, nucleus, coda, tone)


def is_valid(word: str) -> bool:
    """Whether `word` is one validly spelled Vietnamese syllable (any case)."""
    return parse(word) is not None


def place_tone(base: str, tone: int, onset: str, glide: str, nucleus: str, coda: str) -> str:
    """Put the tone mark where current government orthography puts it.

    On the letter with a mark of its own (ê ơ â ă ô ư; ươ takes it on ơ); otherwise on the
    nucleus' first vowel when a coda follows, else on its last ("hoà", "thuý", "mùa", "của").
    """
    if tone == 0:
        return base
    vowels = glide + nucleus
    start = len(onset)
    if nucleus in ("ươ",):
        target = start + len(glide) + 1
    elif any(ch in "ăâêôơư" for ch in nucleus):
        target = start + len(glide) + max(i for i, ch in enumerate(nucleus) if ch in "ăâêôơư")
    elif nucleus in ("ia", "ya", "ua", "ưa"):
        target = start + len(glide)  # "mía", "khuya" -> on i/y/u/ư
    elif coda or len(vowels) == 1:
        target = start + len(glide)
    else:
        target = start + len(vowels) - 1
    chars = list(base)
    chars[target] = unicodedata.normalize("NFC", chars[target] + TONE_MARKS[tone])
    return "".join(chars)


_FOLD = str.maketrans(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ",
    "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
    "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD",
)


def fold(text: str) -> str:
    """Strip every Vietnamese diacritic, keeping case: 'Chính quyền' -> 'Chinh quyen'."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def canonical(word: str) -> str:
    """One spelling per syllable (lower case): tone placed by `place_tone`; non-syllables as given."""
    syllable = parse(word)
    return syllable.spell() if syllable else unicodedata.normalize("NFC", word).lower()


@lru_cache(maxsize=65536)
def case_shape(pattern: str) -> str:
    """'upper', 'title' or 'lower': the case shape repair keeps when it rewrites a word.
    (Memoised: it is asked of every garbled word, and words repeat.)"""
    letters = [ch for ch in pattern if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters and letters[0].isupper():
        return "title"
    return "lower"


def apply_case(pattern: str, word: str, shape: str | None = None) -> str:
    """Give `word` the case shape of `pattern`: UPPER, Title or lower."""
    shape = shape or case_shape(pattern)
    if shape == "upper":
        return word.upper()
    if shape == "title":
        return word[:1].upper() + word[1:]
    return word


def apply_case_all(pattern: str, words: list[str], shape: str) -> list[str]:
    """`apply_case` of many lower-case words at once; lower case, the commonest shape, costs
    nothing (a garbled word is read as a few dozen candidate syllables)."""
    return words if shape == "lower" else [apply_case(pattern, word, shape) for word in words]


def has_vietnamese_marks(word: str) -> bool:
    """True when the word carries a tone or a Vietnamese letter mark (ă â đ ê ô ơ ư)."""
    return fold(word) != unicodedata.normalize("NFC", word)


# --- tone placement conventions -------------------------------------------------------------
#
# Two conventions place a tone differently in one case: oa, oe or uy closing a syllable. The
# older one puts it on the first vowel ('hóa', 'khỏe', 'thủy', 'Ủy ban'), the newer on the
# second ('hoá', 'khoẻ', 'thuỷ', 'Uỷ ban'). Both are correct; a document keeps to one, mostly
# the older (provincial reports of the corpus 592 to 35, laws 18 137 to 4 266).
TONE_STYLES = ("old", "new")
_STYLE_ENDINGS = frozenset({"oa", "oe", "uy"})
STYLE_LAST_LETTERS = frozenset("aáàảãạeéèẻẽẹyýỳỷỹỵAÁÀẢÃẠEÉÈẺẼẸYÝỲỶỸỴ")  # how a word the conventions differ on ends: most words pass by on this


def tone_style(word: str) -> str | None:
    """'old' or 'new' for a word whose tone sits where the two conventions differ (see
    TONE_STYLES), else None. `word` in NFC."""
    if len(word) < 2 or word[-1] not in STYLE_LAST_LETTERS:
        return None
    ending = fold(word[-2:]).lower()
    if ending not in _STYLE_ENDINGS or (ending == "uy" and word[-3:-2] in ("q", "Q")):
        return None  # 'quý', 'Quy': qu is the onset, the tone is on y either way
    if split_tone(word[-2])[1]:
        return "old"
    if split_tone(word[-1])[1]:
        return "new"
    return None


def with_tone_style(word: str, style: str) -> str:
    """`word` with its tone placed by `style` ('hoá', 'old') -> 'hóa'; words the conventions
    agree on, unchanged. Case is kept."""
    current = tone_style(word)
    if current is None or current == style:
        return word
    (first, tone_first), (second, tone_second) = split_tone(word[-2]), split_tone(word[-1])
    mark = TONE_MARKS[tone_first or tone_second]
    if style == "old":
        first = unicodedata.normalize("NFC", first + mark)
    else:
        second = unicodedata.normalize("NFC", second + mark)
    return word[:-2] + first + second
