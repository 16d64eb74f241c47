"""The repair engine: tokenize, detect line kinds, decode repairable stretches, record changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..datamodel import Change, LineKind, RepairResult, RepairStats, SuspectNumber
from . import codes
from . import lm as lm_module
from .channel import StrippedChannel
from .ocr_channel import OcrChannel
from .ocr_channel import load_model as load_channel_model
from .decode import Candidate, Column, DocumentCache, decode_all
from .detect import classify_lines
from .lm import CODE, UNK, TrigramLM, lm_token
from .syllables import apply_case, canonical, case_shape, is_valid
from .tokens import Kind, Token, tokenize

LOW_CONFIDENCE = 0.8
_SENTENCE_END = set(".;:!?…")
# A reading that turns digits into letters must be at least this sure (numbers are sacred).
DIGIT_MIN_CONFIDENCE = 0.9
MEMO_SIZE = 200_000  # memoised token readings per repairer
# A short number in a garbled line may be a word English OCR read as digits ('6 t6' for 'ô tô').
# It is decoded against its word readings (scored by the channel alone) and reported, never
# rewritten, when a word wins with at least this posterior.
SUSPECT_MIN_CONFIDENCE = 0.9
# 'd)' after 'd)' is 'đ)': sure unless the list itself skips or repeats a letter.
MARKER_CONFIDENCE = 0.95


@dataclass(frozen=True)
class _Page:
    """One page's line kinds, word count and repairable sentences, ready to decode."""

    kinds: list[LineKind]
    words: int
    sentences: list[list[tuple[Token, LineKind, Column]]]


def _enumeration_marker(line: list[Token]) -> Token | None:
    """The letter of a line that opens an enumeration item ('a) ...', 'đ) ...'), if any."""
    words = [t for t in line[:4] if t.kind is not Kind.SPACE]
    if len(words) >= 2 and words[0].kind is Kind.WORD and len(words[0].text) == 1 and words[1].text == ")":
        return words[0]
    return None


def _list_letter(seen: str, previous: str) -> str:
    """An enumeration letter is read from its place in the list, not from the LM: after 'd)'
    comes 'đ)', which English OCR also prints as 'd)'; any other letter stays as written."""
    if seen in ("d", "D") and previous in ("d", "D"):
        return "đ" if seen == "d" else "Đ"
    return seen


def _lines(tokens: list[Token]) -> list[list[Token]]:
    """Group tokens by line; a SPACE token holding newlines ends a line."""
    lines: list[list[Token]] = [[]]
    for token in tokens:
        lines[-1].append(token)
        if token.kind is Kind.SPACE and "\n" in token.text:
            lines.append([])
    return lines


class Repairer:
    """Holds the models; `repair` is a pure function of its input text."""

    def __init__(self, lm: TrigramLM | None = None, ocr_channel: OcrChannel | None = None, document_cache: bool = True) -> None:
        self.lm = lm or lm_module.load()
        self.document_cache = document_cache
        self.stripped = StrippedChannel(self.lm)
        self.ocr = ocr_channel or OcrChannel(load_channel_model(), self.lm)
        self._memo: dict[tuple[str, str, LineKind], Column | None] = {}

    def repair(self, text: str) -> RepairResult:
        return self.repair_pages([text])[0]

    def repair_pages(self, texts: Sequence[str]) -> list[RepairResult]:
        """Repair the pages of one document together, so the document's confident readings
        inform its unsure ones (see `DocumentCache`); each result is that page's alone."""
        pages = [self._prepare(text) for text in texts]
        sentences = [sentence for page in pages for sentence in page.sentences]
        changes, suspects = self._decode(sentences)
        at = 0
        results = []
        for text, page in zip(texts, pages):
            n = len(page.sentences)
            results.append(self._result(text, page, changes[at : at + n], suspects[at : at + n]))
            at += n
        return results

    def _prepare(self, text: str) -> _Page:
        tokens = tokenize(text)
        lines = _lines(tokens)
        kinds = classify_lines(lines, self.stripped.folded)
        words = 0
        sentences: list[list[tuple[Token, LineKind, Column]]] = []
        segment: list[tuple[Token, LineKind, Column | None]] = []
        previous_letter = ""
        for line, kind in zip(lines, kinds):
            words += sum(1 for t in line if t.kind is Kind.WORD)
            repairable = kind in ("stripped", "garbled")
            marker = _enumeration_marker(line)
            fixed = None
            if marker is not None:
                letter = _list_letter(marker.text, previous_letter) if repairable else marker.text
                previous_letter = letter
                if repairable:
                    fixed = Column.of(self.lm, [Candidate(lm_token(Kind.WORD, marker.text) or UNK, letter, 0.0, MARKER_CONFIDENCE)])
            if repairable:
                segment += [(t, kind, fixed if t is marker else None) for t in line]
            else:
                sentences += self._sentences(segment)
                segment = []
        sentences += self._sentences(segment)
        return _Page(kinds, words, sentences)

    @staticmethod
    def _result(text: str, page: _Page, changes_by_sentence: list[list[dict]], suspects_by_sentence: list[list[SuspectNumber]]) -> RepairResult:
        out, pos, shift = [], 0, 0
        changes = []
        for fields in sorted((c for group in changes_by_sentence for c in group), key=lambda c: c["start"]):
            out.append(text[pos : fields["start"]])
            out.append(fields["replacement"])
            pos = fields["end"]
            # Validated: pydantic-core checks a Change in about 2.5 us, three times faster than
            # model_construct's Python path.
            changes.append(Change(**fields, repaired_start=fields["start"] + shift))
            shift += len(fields["replacement"]) - (fields["end"] - fields["start"])
        out.append(text[pos:])
        suspects = sorted((s for group in suspects_by_sentence for s in group), key=lambda s: s.start)
        stats = RepairStats(
            words=page.words,
            changed=len(changes),
            low_confidence=sum(1 for c in changes if c.confidence < LOW_CONFIDENCE),
            digits_to_letters=sum(1 for c in changes if c.digits_to_letters),
            lines=dict(sorted(Counter(page.kinds).items())),
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

    def _sentences(self, segment: list[tuple[Token, LineKind, Column | None]]) -> list[list[tuple[Token, LineKind, Column]]]:
        """Split a repairable stretch at sentence punctuation and blank lines, with candidates."""
        sentences: list[list[tuple[Token, LineKind, Column]]] = [[]]
        for token, kind, fixed in segment:
            if (token.kind is Kind.PUNCT and token.text in _SENTENCE_END) or (
                token.kind is Kind.SPACE and token.text.count("\n") > 1
            ):
                sentences.append([])
                continue
            column = fixed or self._candidates(token, kind)
            if column is not None:
                sentences[-1].append((token, kind, column))
        return [s for s in sentences if s]

    def _candidates(self, token: Token, kind: LineKind) -> Column | None:
        """A token's readings; memoised, since garble and stripped text repeat their words."""
        key = (token.text, token.kind._value_, kind)  # an Enum member hashes in Python: slow
        hit = self._memo.get(key, False)
        if hit is False:
            readings = self._readings(token, kind)
            hit = Column.of(self.lm, readings) if readings else None
            if len(self._memo) < MEMO_SIZE:
                self._memo[key] = hit
        return hit

    def _readings(self, token: Token, kind: LineKind) -> list[Candidate]:
        if token.kind is Kind.CODE or (token.kind is Kind.WORD and token.text.isupper() and not is_valid(token.text)):
            restored, share = codes.restore(token.text)
            if restored != token.text:
                return [Candidate(lm_token(token.kind, token.text) or CODE, restored, 0.0, share)]
            if token.text in codes.acronyms():
                return [Candidate(UNK, token.text, 0.0)]  # a known acronym is meant as written
        if token.kind is Kind.NUMBER and kind == "garbled" and token.text.isdigit() and len(token.text) <= 2:
            words = [Candidate(s, s, logp) for s, logp in self.ocr.candidates(token.text)]
            return [Candidate(lm_token(token.kind, token.text) or CODE, token.text, 0.0), *words]
        if token.kind is not Kind.WORD:
            fixed = lm_token(token.kind, token.text)
            return [Candidate(fixed, token.text, 0.0)] if fixed else []
        channel = self.ocr if kind == "garbled" else self.stripped
        options = channel.candidates(token.text)
        shape = case_shape(token.text)
        cands = [Candidate(s, apply_case(token.text, s, shape), logp) for s, logp in options]
        identity = canonical(token.text) if is_valid(token.text) else UNK
        if not any(c.text == token.text for c in cands):
            keep = channel.identity_logp(token.text) if hasattr(channel, "identity_logp") else -12.0
            cands.append(Candidate(identity, token.text, keep if cands else 0.0))
        return cands

    def _decode(self, sentences: list[list[tuple[Token, LineKind, Column]]]) -> tuple[list[list[dict]], list[list[SuspectNumber]]]:
        """Changes and suspect numbers per sentence: a first pass, then a second one with the
        first pass's confident readings as a document cache."""
        columns = [[column for _, _, column in sentence] for sentence in sentences]
        decoded = decode_all(self.lm, columns)
        if self.document_cache:
            cache = DocumentCache.of(self.lm, columns, decoded)
            again = [i for i, (sentence, picked) in enumerate(zip(columns, decoded)) if cache.may_change(sentence, picked)]
            for i, choices in zip(again, decode_all(self.lm, [columns[i] for i in again], cache=cache)):
                decoded[i] = choices
        changes: list[list[dict]] = []
        suspects: list[list[SuspectNumber]] = []
        for sentence, choices in zip(sentences, decoded):
            changes.append([])
            suspects.append([])
            for (token, kind, column), choice in zip(sentence, choices):
                chosen = column.candidates[choice.index]
                if chosen.text == token.text:
                    continue
                if token.kind is Kind.NUMBER:  # numbers are sacred: reported, never rewritten
                    if choice.confidence >= SUSPECT_MIN_CONFIDENCE:
                        suspects[-1].append(
                            SuspectNumber(start=token.start, end=token.end, text=token.text, reading=chosen.text, confidence=round(choice.confidence, 4))
                        )
                    continue
                change = self._change(token, kind, chosen, choice.confidence)
                if change is not None:
                    changes[-1].append(change)
        return changes, suspects

    @staticmethod
    def _change(token: Token, kind: LineKind, chosen: Candidate, confidence: float) -> dict | None:
        """A change's fields but its offset in the repaired text, known once all are placed."""
        # Codes keep their digits by construction; in words, digits read as letters are flagged.
        digits = token.kind is Kind.WORD and any(map(str.isdigit, token.text))
        if digits and confidence < DIGIT_MIN_CONFIDENCE:
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
