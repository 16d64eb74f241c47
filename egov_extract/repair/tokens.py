"""Split text into tokens that keep every character, and say which ones repair may touch.

Joining the tokens' text gives the input back exactly: spacing, line breaks and punctuation
survive repair because repair only ever replaces the text of WORD tokens (and letters of CODE
tokens). NUMBER, URL, EMAIL and OTHER tokens are never changed: numbers are sacred.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import NamedTuple

import regex


class Kind(str, Enum):
    SPACE = "space"
    WORD = "word"  # a syllable, a garbled syllable, an acronym or a foreign word
    NUMBER = "number"  # 2.164.505  85,7%  29/12/2023  07/3/2019  (1)  20-25
    CODE = "code"  # 1245/KH-UBND  QD-UBND  01-NQ/TU  CCHC&XDCQ
    URL = "url"
    EMAIL = "email"
    PUNCT = "punct"


class Token(NamedTuple):
    """One token and where it starts. (A named tuple: a text has as many tokens as characters
    over five, and a tuple is made several times faster than a dataclass.)"""

    text: str
    kind: Kind
    start: int  # offset in the text that was tokenized

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_URL = r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A number: digits with Vietnamese thousands dots, decimal commas, date slashes, ranges, a percent.
_NUMBER = r"[+-]?\d+(?:[.,/:]\d+)*(?:%|‰)?"
# Garble keeps letters, digits and a few symbols that English OCR reads for Vietnamese letters.
_WORDCH = r"[\p{L}\p{M}\d€¢§&@£¥©®°]"
_TOKEN = regex.compile(
    rf"(?P<space>\s+)"
    rf"|(?P<url>{_URL})"
    rf"|(?P<email>{_EMAIL})"
    rf"|(?P<chunk>{_WORDCH}+(?:(?:(?<=\d)[,:](?=\d)|(?<=\p{{L}})['’](?=\p{{L}})|[/\-–&.]){_WORDCH}+)*[/\-%‰]?)"
    rf"|(?P<punct>.)",
    regex.VERSION1,
)
_IS_NUMBER = regex.compile(rf"^{_NUMBER}$")
_HAS_DIGIT = regex.compile(r"\d")
_HAS_LETTER = regex.compile(r"\p{L}")
_GARBLE_SYMBOL = regex.compile(r"[€¢§&@£¥©®°]")
_JOINER = regex.compile(r"[/\-–]")
# Lower-case or capitalised words (letters, marks, the symbols garble puts for vowels) joined by
# '/' or '-': never a document code, which is upper case ('KH-UBND') or holds digits.
_PART = r"(?:\p{Lu}?[\p{Ll}\p{M}€¢§&@£¥©®°]+)(?<=[\p{L}\p{M}€¢§&@£¥©®°]{2})"  # two letters or more: 'v/v' is an abbreviation
_JOINED_WORDS = regex.compile(rf"^{_PART}(?:[/\-–]{_PART})+$")
_GROUP_KINDS = {_TOKEN.groupindex[kind.value]: kind for kind in Kind if kind.value in _TOKEN.groupindex}
_CHUNK = _TOKEN.groupindex["chunk"]


def tokenize(text: str) -> list[Token]:
    """Tokens covering `text` exactly, in order."""
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # a Token made straight from its fields: Token(...) runs a Python-level __new__
    for m in _TOKEN.finditer(text):
        group = m.lastindex  # faster than the group's name
        if group == _CHUNK:
            parts = _chunk_parts(m.group())
            start = m.start()
            if len(parts) == 1:
                piece, kind, _ = parts[0]
                append(new(Token, (piece, kind, start)))
            else:
                out.extend([new(Token, (piece, kind, start + at)) for piece, kind, at in parts])
        else:
            append(new(Token, (m.group(), _GROUP_KINDS[group], m.start())))
    return out


@lru_cache(maxsize=1 << 16)
def _chunk_parts(piece: str) -> tuple[tuple[str, Kind, int], ...]:
    """A chunk's tokens as (text, kind, offset in the chunk); memoised, since a text repeats
    its words and splitting one takes several regex matches."""
    return tuple((t.text, t.kind, t.start) for t in _split_chunk(piece, 0))


def _split_chunk(piece: str, start: int) -> list[Token]:
    # A trailing dot is sentence punctuation unless the chunk is a number ("2.164.505.").
    tail = []
    while piece and piece[-1] in ".":
        tail.append(Token(piece[-1], Kind.PUNCT, start + len(piece) - 1))
        piece = piece[:-1]
    # A word hyphenated at a line end ("chuyển-" before a newline) is a word and a hyphen; a
    # code broken there ("214/KH-") stays whole.
    if len(piece) > 1 and piece[-1] == "-" and not _JOINER.search(piece, 0, len(piece) - 1):
        tail.append(Token("-", Kind.PUNCT, start + len(piece) - 1))
        piece = piece[:-1]
    if _JOINED_WORDS.match(piece):
        return _split_joined(piece, start) + tail[::-1]
    tokens = [Token(piece, classify(piece), start)] if piece else []
    return tokens + tail[::-1]


def _split_joined(piece: str, start: int) -> list[Token]:
    """Words joined by '/' or '-' ('đồng/tháng', 'tỉnh/thành', garbled 'vu-cong'): each word
    on its own, the joiner as punctuation. Codes are upper case or hold digits and stay whole."""
    out: list[Token] = []
    at = 0
    for m in _JOINER.finditer(piece):
        out.append(Token(piece[at : m.start()], Kind.WORD, start + at))
        out.append(Token(m.group(), Kind.PUNCT, start + m.start()))
        at = m.end()
    out.append(Token(piece[at:], Kind.WORD, start + at))
    return out


def classify(piece: str) -> Kind:
    """NUMBER when it has digits and no letters; CODE when letters join across / or -; else WORD."""
    if _IS_NUMBER.match(piece):
        return Kind.NUMBER
    if not _HAS_LETTER.search(piece) and not _GARBLE_SYMBOL.search(piece):
        return Kind.NUMBER if _HAS_DIGIT.search(piece) else Kind.PUNCT
    if _JOINER.search(piece) or ("&" in piece[1:-1] and piece.isupper()):
        return Kind.CODE
    if "." in piece:
        return Kind.CODE  # "v.v", "TP.HCM", "1.2.a": keep, do not guess
    return Kind.WORD


def is_number(piece: str) -> bool:
    """Digits with separators only: a real number whose digits repair must never touch."""
    return bool(_IS_NUMBER.match(piece))


def phrase_final(tokens: list[Token]) -> set[int]:
    """Start offsets of the WORD tokens that end a phrase: followed by punctuation, a line break
    or the end of the text. A footnote marker glued to a word ('doanh nghiệp2,') sits there."""
    out: set[int] = set()
    space, word, punct = Kind.SPACE, Kind.WORD, Kind.PUNCT  # local names: this runs per token
    pending = -1  # start of a word not yet known to end a phrase, or -1
    for text, kind, start in tokens:
        if kind is space:
            if pending >= 0 and "\n" in text:
                out.add(pending)
                pending = -1
            continue
        if pending >= 0 and kind is punct:
            out.add(pending)
        pending = start if kind is word else -1
    if pending >= 0:
        out.add(pending)
    return out
