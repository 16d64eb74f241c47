"""The repair engine: tokenize, detect line kinds, decode repairable stretches, record changes."""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from ..datamodel import Change, LineKind, RepairResult, RepairStats, SuspectNumber
from . import codes, number_forms
from . import lm as lm_module
from .casing import Casing, before_capital, initial_positions
from .channel import StrippedChannel
from .ocr_channel import OcrChannel, glued_digits
from .ocr_channel import load_model as load_channel_model
from .decode import Candidate, Column, DocumentCache, decode_all
from .detect import classify_lines
from .lm import CODE, NUM, ROMAN, UNK, TrigramLM, lm_token
from .syllables import STYLE_LAST_LETTERS, TONE_STYLES, apply_case, apply_case_all, case_shape, is_valid, tone_style, with_tone_style
from .tokens import Kind, Token, phrase_final, tokenize

LOW_CONFIDENCE = 0.8
_SENTENCE_END = set(".;:!?…")
# Digits become letters only when the readings that say so are this likely together (numbers are sacred).
DIGIT_MIN_CONFIDENCE = 0.9
MEMO_SIZE = 200_000  # memoised token readings per repairer
# A short number in a garbled line may be a word English OCR read as digits ('6 t6' for 'ô tô',
# 'là' -> '14'). It is decoded against its word readings: a number reading is scored by how often
# numbers are written that way (number_forms), a word by the channel. A word that wins with at
# least NUMBER_REWRITE_CONFIDENCE replaces the digits (a recorded change, digits_to_letters);
# one that wins with at least SUSPECT_MIN_CONFIDENCE is only reported as a suspect number.
NUMBER_REWRITE_CONFIDENCE = 0.98
# ... and only when the channel explains its digits as that word's letters ('6' is a likely
# reading of 'ở', log P -3.3; '9' of 'a' is not, below this): the context alone never decides.
NUMBER_WORD_MIN_CHANNEL = -8.0
SUSPECT_MIN_CONFIDENCE = 0.9
# 'd)' after 'd)' is 'đ)': sure unless the list itself skips or repeats a letter.
MARKER_CONFIDENCE = 0.95


def _digit_count(text: str) -> int:
    return 0 if text.isalpha() else sum(map(str.isdigit, text))


def _keeping_digits(column: Column, chosen: Candidate) -> Candidate | None:
    """The reading of the same syllable that keeps the token's trailing digits ('Nội1' for
    'Noi1' when it is unsure whether the '1' is a letter or a footnote marker)."""
    for candidate in column.candidates:
        if candidate.token == chosen.token and candidate.text != chosen.text and _digit_count(candidate.text) > _digit_count(chosen.text):
            return candidate
    return None


# Kind's members as module names: an Enum member look-up (Kind.WORD) costs some 60 ns, and
# these are asked per token.
_SPACE, _WORD, _PUNCT, _NUMBER, _CODE = Kind.SPACE, Kind.WORD, Kind.PUNCT, Kind.NUMBER, Kind.CODE
_validate_change = Change.__pydantic_validator__.validate_python
# (opens a sentence, line or item; ends a phrase; a capital follows; the case garble hid, or None)
_Place = tuple[bool, bool, bool, str | None]
_NOWHERE: _Place = (False, False, False, None)  # the place of a token that is not a word: its readings never depend on it
SHORT_UPPER = 3  # letters: 'SO' for 'Sở' in running text is a capitalised word whose vowel English OCR wrote as a capital


def _place(token: Token, initial: set[int], final: set[int], capital_next: set[int], true_cases: dict[int, str]) -> _Place:
    """The token's place, as far as its readings depend on it: opening a sentence and the
    capital after it matter only to a capitalised word (casing), the phrase end only to a word
    ending in digits (a footnote marker), the case of the words around only to a word whose own
    case garble may have changed (`_true_cases`). Other tokens share one memo entry per spelling."""
    text = token.text
    capital = text[:1].isupper()
    return (
        capital and token.start in initial,
        text[-1:].isdigit() and token.start in final,
        capital and token.start in capital_next,
        true_cases.get(token.start),
    )


def _letters(text: str) -> int:
    return len(text) if text.isalpha() else sum(ch.isalpha() for ch in text)


def _upper_by_nature(text: str) -> bool:
    """A known acronym ('UBND', 'VP') or a Roman numeral ('II'): upper case whatever surrounds it."""
    return text in codes.acronyms() or set(text) <= set("IVX")


def _true_cases(line: list[Token]) -> dict[int, str]:
    """The case shape some garbled words of a line had, by start offset. English OCR writes a
    marked vowel as a capital ('SO' for 'Sở', 'NGi' for 'Nội') or as a small letter ('CHi' for
    'CHỈ'), so a word's own case may mislead; the words around it tell. A short upper-case word
    not next to an upper-case stretch was capitalised; a word with two capitals next to one was
    upper case. A stretch is two or more upper-case words side by side; words of one letter,
    acronyms and Roman numerals are passed over ('Sở UBND' says nothing of the case of 'Sở').
    A word alone on its line ('DÂN', 'II. NỘI': a heading broken over lines) and a word in
    brackets ('(LAN)', an acronym the corpus never saw) keep their case."""
    if not any(t.text.isupper() for t in line if t.kind is _WORD):
        return {}  # both rules need an upper-case word: most lines have none
    tokens = [t for t in line if t.kind is not _SPACE]
    words = [(i, t) for i, t in enumerate(tokens) if t.kind is _WORD and _letters(t.text) >= 2 and not _upper_by_nature(t.text)]
    if len(words) < 2:
        return {}
    shapes = [case_shape(t.text) for _, t in words]
    upper = [shape == "upper" for shape in shapes]
    stretch = [u and ((j > 0 and upper[j - 1]) or (j + 1 < len(upper) and upper[j + 1])) for j, u in enumerate(upper)]
    out: dict[int, str] = {}
    for j, ((i, token), shape) in enumerate(zip(words, shapes)):
        near = (j > 0 and stretch[j - 1]) or (j + 1 < len(words) and stretch[j + 1])
        bracketed = 0 < i < len(tokens) - 1 and tokens[i - 1].text == "(" and tokens[i + 1].text == ")"
        if shape == "upper" and len(token.text) <= SHORT_UPPER and not near and not bracketed:
            out[token.start] = "title"
        elif shape == "title" and token.text[1:2].isupper() and near:
            out[token.start] = "upper"
    return out


@dataclass(frozen=True)
class _Page:
    """One page's lines, their kinds, word count and repairable sentences, ready to decode."""

    lines: list[list[Token]]
    kinds: list[LineKind]
    words: int
    sentences: list[list[tuple[Token, LineKind, Column]]]


DEFAULT_TONE_STYLE = "old"  # the corpus' commonest convention (see syllables.TONE_STYLES)


def document_tone_style(pages: Sequence[_Page]) -> str:
    """The tone convention of a document's proper Vietnamese lines, by majority of the words the
    conventions spell differently; DEFAULT_TONE_STYLE when they tie or say nothing."""
    votes = Counter(
        tone_style(token.text)
        for page in pages
        for line, kind in zip(page.lines, page.kinds)
        if kind == "vietnamese"
        for token in line
        if token.kind is _WORD
    )
    old, new = votes["old"], votes["new"]
    return "old" if old > new else "new" if new > old else DEFAULT_TONE_STYLE


def _enumeration_marker(line: list[Token]) -> Token | None:
    """The letter of a line that opens an enumeration item ('a) ...', 'đ) ...'), if any."""
    words = [t for t in line[:4] if t.kind is not _SPACE]
    if len(words) >= 2 and words[0].kind is _WORD and len(words[0].text) == 1 and words[1].text == ")":
        return words[0]
    return None


def _leading_number(line: list[Token]) -> Token | None:
    """A number that opens a line: a list or footnote number ('9 Tờ trình số 439/TTr-...'),
    read as a number whatever its neighbours suggest."""
    first = next((t for t in line if t.kind is not _SPACE), None)
    return first if first is not None and first.kind is _NUMBER else None


def _list_letter(seen: str, previous: str) -> str:
    """An enumeration letter is read from its place in the list, not from the LM: after 'd)'
    comes 'đ)', which English OCR also prints as 'd)'; any other letter stays as written."""
    if seen in ("d", "D") and previous in ("d", "D"):
        return "đ" if seen == "d" else "Đ"
    return seen


def _lines(tokens: list[Token]) -> list[list[Token]]:
    """Group tokens by line; a SPACE token holding newlines ends a line."""
    lines: list[list[Token]] = []
    line: list[Token] = []
    for token in tokens:
        line.append(token)
        if token.kind is _SPACE and "\n" in token.text:
            lines.append(line)
            line = []
    lines.append(line)
    return lines


@contextmanager
def _collector_paused():
    """Python's cycle collector paused for one call. Repair allocates several small objects per
    syllable and makes no reference cycles, yet each allocation burst triggers passes over
    every object the process holds (numba, pydantic and the models: some 170k), which cost a
    quarter of the repair time of stripped text."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Repairer:
    """Holds the models; `repair` is a pure function of its input text."""

    def __init__(
        self, lm: TrigramLM | None = None, ocr_channel: OcrChannel | None = None, document_cache: bool = True, tone_style: str = "document"
    ) -> None:
        """`tone_style`: where repaired words put a tone the conventions place differently
        ('hóa' or 'hoá', see syllables.TONE_STYLES): 'document' follows the document's own proper
        lines, 'old' or 'new' forces one."""
        if tone_style != "document" and tone_style not in TONE_STYLES:
            raise ValueError(f"tone_style must be 'document', 'old' or 'new', not {tone_style!r}")
        self.lm = lm or lm_module.load()
        self.document_cache = document_cache
        self.tone_style = tone_style
        self.stripped = StrippedChannel(self.lm)
        self.casing = Casing()
        self.ocr = ocr_channel or OcrChannel(load_channel_model(), self.lm)
        self._memo: dict[tuple[str, str, LineKind, _Place], Column | None] = {}

    def repair(self, text: str) -> RepairResult:
        return self.repair_pages([text])[0]

    def repair_pages(self, texts: Sequence[str]) -> list[RepairResult]:
        """Repair the pages of one document together, so the document's confident readings
        inform its unsure ones (see `DocumentCache`); each result is that page's alone."""
        with _collector_paused():
            return self._repair_pages(texts)

    def _repair_pages(self, texts: Sequence[str]) -> list[RepairResult]:
        pages = [self._prepare(text) for text in texts]
        sentences = [sentence for page in pages for sentence in page.sentences]
        style = self.tone_style
        if style == "document":
            style = document_tone_style(pages) if sentences else DEFAULT_TONE_STYLE
        changes, suspects = self._decode(sentences, style)
        at = 0
        results = []
        for text, page in zip(texts, pages):
            n = len(page.sentences)
            results.append(self._result(text, page, changes[at : at + n], suspects[at : at + n], style))
            at += n
        return results

    def _prepare(self, text: str) -> _Page:
        tokens = tokenize(text)
        initial, final, capital_next = initial_positions(tokens), phrase_final(tokens), before_capital(tokens)
        lines = _lines(tokens)
        kinds = classify_lines(lines, self.stripped.folded)
        words = 0
        # A repairable stretch runs over lines until a line that is not repairable; it is split
        # into sentences at sentence punctuation and blank lines.
        sentences: list[list[tuple[Token, LineKind, Column]]] = []
        current: list[tuple[Token, LineKind, Column]] = []
        previous_letter = ""
        for line, kind in zip(lines, kinds):
            words += sum(1 for t in line if t.kind is _WORD)
            if kind not in ("stripped", "garbled"):
                if current:
                    sentences.append(current)
                    current = []
                marker = _enumeration_marker(line)
                previous_letter = marker.text if marker is not None else previous_letter
                continue
            fixed: dict[int, Column] = {}  # token start -> its only reading
            marker = _enumeration_marker(line)
            if marker is not None:
                letter = previous_letter = _list_letter(marker.text, previous_letter)
                fixed[marker.start] = Column.of(self.lm, [Candidate(lm_token(_WORD, marker.text) or UNK, letter, 0.0, MARKER_CONFIDENCE)])
            leading = _leading_number(line)
            if leading is not None:
                fixed[leading.start] = Column.of(self.lm, [Candidate(NUM, leading.text, 0.0)])
            true_cases = _true_cases(line) if kind == "garbled" else {}  # only garble hides a word's case
            for token in line:
                token_kind = token.kind
                if token_kind is _SPACE:
                    if current and token.text.count("\n") > 1:
                        sentences.append(current)
                        current = []
                    continue
                if token_kind is _PUNCT and token.text in _SENTENCE_END:
                    if current:
                        sentences.append(current)
                        current = []
                    continue
                column = fixed.get(token.start) if fixed else None
                if column is None:
                    place = _place(token, initial, final, capital_next, true_cases) if token_kind is _WORD else _NOWHERE
                    column = self._candidates(token, kind, place)
                if column is not None:
                    current.append((token, kind, column))
        if current:
            sentences.append(current)
        return _Page(lines, kinds, words, sentences)

    @staticmethod
    def _result(text: str, page: _Page, changes_by_sentence: list[list[dict]], suspects_by_sentence: list[list[SuspectNumber]], style: str) -> RepairResult:
        out, pos, shift = [], 0, 0
        changes = []
        for fields in sorted((c for group in changes_by_sentence for c in group), key=lambda c: c["start"]):
            out.append(text[pos : fields["start"]])
            out.append(fields["replacement"])
            pos = fields["end"]
            # Validated by pydantic-core straight from the dict: about 2 us, twice as fast as
            # model_construct's Python path.
            fields["repaired_start"] = fields["start"] + shift
            changes.append(_validate_change(fields))
            shift += len(fields["replacement"]) - (fields["end"] - fields["start"])
        out.append(text[pos:])
        suspects = sorted((s for group in suspects_by_sentence for s in group), key=lambda s: s.start)
        stats = RepairStats(
            words=page.words,
            changed=len(changes),
            low_confidence=sum(1 for c in changes if c.confidence < LOW_CONFIDENCE),
            digits_to_letters=sum(1 for c in changes if c.digits_to_letters),
            lines=dict(sorted(Counter(page.kinds).items())),
            tone_style=style,
        )
        return RepairResult(
            text="".join(out),
            original_length=len(text),
            changes=tuple(changes),
            stats=stats,
            low_confidence_threshold=LOW_CONFIDENCE,
            suspect_numbers=tuple(suspects),
        )

    # --- decoding ----------------------------------------------------------------------

    def _candidates(self, token: Token, kind: LineKind, place: _Place) -> Column | None:
        """A token's readings; memoised, since garble and stripped text repeat their words."""
        key = (token.text, token.kind._value_, kind, place)  # an Enum member hashes in Python: slow
        hit = self._memo.get(key, False)
        if hit is False:
            readings = self._readings(token, kind, place)
            hit = None
            if readings:
                digits = _digit_count(token.text)
                # the readings that turn the token's digits into letters: how sure the decoder
                # is that they are letters is their total posterior (Choice.marked)
                marked = tuple(_digit_count(c.text) < digits for c in readings) if digits else ()
                hit = Column.of(self.lm, readings, marked)
            if len(self._memo) < MEMO_SIZE:
                self._memo[key] = hit
        return hit

    def _readings(self, token: Token, kind: LineKind, place: _Place) -> list[Candidate]:
        initial, final, capital_next, true_case = place
        if token.kind is _CODE or (token.kind is _WORD and token.text.isupper() and not is_valid(token.text)):
            restored, share = codes.restore(token.text)
            if restored != token.text:
                return [Candidate(lm_token(token.kind, restored) or CODE, restored, 0.0, share)]
            if token.text in codes.acronyms():
                return [Candidate(lm_token(token.kind, token.text) or UNK, token.text, 0.0)]  # a known acronym is meant as written
        if token.kind is _NUMBER and kind == "garbled" and token.text.isdigit() and len(token.text) <= 2:
            words = [Candidate(s, s, logp) for s, logp in self.ocr.candidates(token.text)]
            return [Candidate(NUM, token.text, number_forms.logp(token.text)), *words]
        if token.kind is not _WORD:
            fixed = lm_token(token.kind, token.text)
            return [Candidate(fixed, token.text, 0.0)] if fixed else []
        channel = self.ocr if kind == "garbled" else self.stripped
        options = channel.candidates(token.text)
        shape = case_shape(token.text)
        if true_case:  # garbled: 'SO Nội vụ' is 'Sở Nội vụ'; 'CÔNG TÁC CHi ĐẠO' is 'CHỈ'
            shape = true_case
        texts = apply_case_all(token.text, [s for s, _ in options], shape)
        new = tuple.__new__  # a Candidate straight from its fields: Candidate(...) runs a Python-level __new__
        cands = [new(Candidate, (s, text, logp, None)) for (s, logp), text in zip(options, texts)]
        glued = glued_digits(token.text) if kind == "garbled" else None
        if glued:
            cands = self._glued(token.text, glued, cands, final)
        identity = lm_token(_WORD, token.text) or UNK
        if identity == ROMAN:  # 'quý I': the numeral as written, whatever syllable 'I' also spells
            cands.append(Candidate(ROMAN, token.text, 0.0))
        elif not any(c.text == token.text for c in cands):
            keep = channel.identity_logp(token.text) if hasattr(channel, "identity_logp") else -12.0
            if self.lm.id(identity) == self.lm.unk_id:  # this word, not every word <unk> stands for
                keep += self.lm.unknown_logp
            cands.append(Candidate(identity, token.text, keep if cands else 0.0))
        if not initial and shape == "title" and len(cands) > 1:
            # A capital inside a sentence is evidence: 'S6 Kế hoạch' is 'Sở', not 'Số'. (Lower
            # case is weak evidence, and the syllable-level rate misleads there: 'công đoàn' is
            # mostly lower case, yet 'Công đoàn' makes 'đoàn' look like a capitalised name.)
            cands = [Candidate(c.token, c.text, c.channel + self.casing.logp(c.token, shape, capital_next), c.prior) for c in cands]
        return cands

    def _glued(self, word: str, glued: tuple[str, str], cands: list[Candidate], final: bool) -> list[Candidate]:
        """Readings of a word that ends in digits ('nghiép2', 'bé6'): the digits are a footnote
        marker, kept after the word, or letters OCR wrote as digits. The letters before them are
        read either way; how often such digits are markers is learned (ChannelModel.markers)."""
        letters, digits = glued
        marker = self.ocr.model.marker(digits, final)
        if marker is None:
            return cands
        not_marker = math.log1p(-math.exp(marker))
        by_text = {c.text: c for c in cands}
        shape, whole_shape = case_shape(letters), case_shape(word)
        for s, logp in self.ocr.candidates(letters):
            as_marker = apply_case(letters, s, shape) + digits
            if as_marker not in by_text:
                by_text[as_marker] = Candidate(s, as_marker, logp + marker)
            as_letters = apply_case(word, s, whole_shape)
            known = by_text.get(as_letters)
            if known is None or known.channel < logp + not_marker:
                by_text[as_letters] = Candidate(s, as_letters, logp + not_marker)
        return list(by_text.values())

    def _decode(self, sentences: list[list[tuple[Token, LineKind, Column]]], style: str) -> tuple[list[list[dict]], list[list[SuspectNumber]]]:
        """Changes and suspect numbers per sentence: a first pass, then a second one with the
        first pass's confident readings as a document cache. Replacements put their tones by
        `style`; a word that differs from its reading only by the convention is left as written."""
        columns = [[column for _, _, column in sentence] for sentence in sentences]
        decoded = decode_all(self.lm, columns)
        if self.document_cache:
            cache = DocumentCache.of(self.lm, columns, decoded)
            again, windows = [], []
            for i, (sentence, picked) in enumerate(zip(columns, decoded)):
                unsure = cache.unsure(sentence, picked)
                if unsure:  # sentences without one keep their first-pass reading
                    again.append(i)
                    windows.append(cache.window(sentence, picked, unsure))
            second = decode_all(self.lm, [window for window, _ in windows], cache=cache)
            for i, (_, free), choices in zip(again, windows, second):
                decoded[i] = [new if f else old for old, new, f in zip(decoded[i], choices, free)]
        changes: list[list[dict]] = []
        suspects: list[list[SuspectNumber]] = []
        for sentence, choices in zip(sentences, decoded):
            changes.append([])
            suspects.append([])
            for (token, kind, column), choice in zip(sentence, choices):
                chosen = column.candidates[choice.index]
                if chosen.text == token.text:
                    continue
                if chosen.text[-1:] in STYLE_LAST_LETTERS:  # a word the tone conventions may spell apart
                    styled = with_tone_style(chosen.text, style)
                    own = tone_style(token.text)
                    if styled == token.text or (own is not None and with_tone_style(styled, own) == token.text):
                        continue  # 'hóa' read as 'hoá': the same word, spelled by the other convention
                    if styled != chosen.text:
                        chosen = chosen._replace(text=styled)
                if token.kind is _NUMBER and (choice.confidence < NUMBER_REWRITE_CONFIDENCE or chosen.channel < NUMBER_WORD_MIN_CHANNEL):
                    if choice.confidence >= SUSPECT_MIN_CONFIDENCE:
                        suspects[-1].append(
                            SuspectNumber(start=token.start, end=token.end, text=token.text, reading=chosen.text, confidence=round(choice.confidence, 4))
                        )
                    continue
                change = self._change(token, kind, chosen, choice.confidence, choice.marked)
                if change is None:  # digits not surely letters: keep them, repair the letters
                    kept = _keeping_digits(column, chosen)
                    change = self._change(token, kind, kept, choice.confidence, choice.marked) if kept else None
                if change is not None:
                    changes[-1].append(change)
        return changes, suspects

    @staticmethod
    def _change(token: Token, kind: LineKind, chosen: Candidate, confidence: float, letters: float) -> dict | None:
        """A change's fields but its offset in the repaired text, known once all are placed.
        `letters`: the posterior that the token's digits are letters, all readings that say so
        together ('S6' is 'Sở', 'Số' or 'Sổ': surely letters, though which word is less sure)."""
        # Codes keep their digits by construction; in words, digits read as letters are flagged.
        digits = token.kind in (_WORD, _NUMBER) and _digit_count(token.text) > _digit_count(chosen.text)
        if digits and letters < DIGIT_MIN_CONFIDENCE:
            return None  # not sure enough to turn digits into letters: keep the token as written
        return dict(
            start=token.start,
            end=token.end,
            original=token.text,
            replacement=chosen.text,
            confidence=round(confidence if chosen.prior is None else chosen.prior, 4),
            line_kind=kind,
            digits_to_letters=digits,
        )


@lru_cache(maxsize=1)
def default_repairer() -> Repairer:
    return Repairer()


def repair_text(text: str) -> RepairResult:
    """Repair `text` with the shipped models (see `Repairer`)."""
    return default_repairer().repair(text)


__all__ = ["LOW_CONFIDENCE", "Repairer", "default_repairer", "repair_text"]
