"""The repair engine: tokenize, detect line kinds, decode repairable stretches, record changes."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..datamodel import Change, LineKind, RepairResult, RepairStats, SuspectNumber
from . import codes
from . import lm as lm_module
from .channel import StrippedChannel
from .ocr_channel import OcrChannel
from .ocr_channel import load_model as load_channel_model
from .decode import Candidate, Column, decode_all
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

    def __init__(self, lm: TrigramLM | None = None, ocr_channel: OcrChannel | None = None) -> None:
        self.lm = lm or lm_module.load()
        self.stripped = StrippedChannel(self.lm)
        self.ocr = ocr_channel or OcrChannel(load_channel_model(), self.lm)
        self._memo: dict[tuple[str, str, LineKind], Column | None] = {}

    def repair(self, text: str) -> RepairResult:
        tokens = tokenize(text)
        lines = _lines(tokens)
        kinds = classify_lines(lines, self.stripped.folded)
        words = 0
        sentences: list[list[tuple[Token, LineKind, Column]]] = []
        segment: list[tuple[Token, LineKind]] = []
        for line, kind in zip(lines, kinds):
            words += sum(1 for t in line if t.kind is Kind.WORD)
            if kind in ("stripped", "garbled"):
                segment += [(t, kind) for t in line]
            else:
                sentences += self._sentences(segment)
                segment = []
        sentences += self._sentences(segment)
        changes, suspects = self._decode(sentences)
        changes.sort(key=lambda c: c.start)
        out, pos = [], 0
        for change in changes:
            out.append(text[pos : change.start])
            out.append(change.replacement)
            pos = change.end
        out.append(text[pos:])
        stats = RepairStats(
            words=words,
            changed=len(changes),
            low_confidence=sum(1 for c in changes if c.confidence < LOW_CONFIDENCE),
            digits_to_letters=sum(1 for c in changes if c.digits_to_letters),
            lines=dict(sorted(Counter(kinds).items())),
        )
        return RepairResult(
            text="".join(out),
            original_length=len(text),
            changes=tuple(changes),
            stats=stats,
            low_confidence_threshold=LOW_CONFIDENCE,
            suspect_numbers=tuple(sorted(suspects, key=lambda s: s.start)),
        )

    # --- decoding ----------------------------------------------------------------------

    def _sentences(self, segment: list[tuple[Token, LineKind]]) -> list[list[tuple[Token, LineKind, Column]]]:
        """Split a repairable stretch at sentence punctuation and blank lines, with candidates."""
        sentences: list[list[tuple[Token, LineKind, Column]]] = [[]]
        for token, kind in segment:
            if (token.kind is Kind.PUNCT and token.text in _SENTENCE_END) or (
                token.kind is Kind.SPACE and token.text.count("\n") > 1
            ):
                sentences.append([])
                continue
            column = self._candidates(token, kind)
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

    def _decode(self, sentences: list[list[tuple[Token, LineKind, Column]]]) -> tuple[list[Change], list[SuspectNumber]]:
        decoded = decode_all(self.lm, [[column for _, _, column in sentence] for sentence in sentences])
        changes, suspects = [], []
        for sentence, choices in zip(sentences, decoded):
            for (token, kind, column), choice in zip(sentence, choices):
                chosen = column.candidates[choice.index]
                if chosen.text == token.text:
                    continue
                if token.kind is Kind.NUMBER:  # numbers are sacred: reported, never rewritten
                    if choice.confidence >= SUSPECT_MIN_CONFIDENCE:
                        suspects.append(
                            SuspectNumber(start=token.start, end=token.end, text=token.text, reading=chosen.text, confidence=round(choice.confidence, 4))
                        )
                    continue
                change = self._change(token, kind, chosen, choice.confidence)
                if change is not None:
                    changes.append(change)
        return changes, suspects

    @staticmethod
    def _change(token: Token, kind: LineKind, chosen: Candidate, confidence: float) -> Change | None:
        # Codes keep their digits by construction; in words, digits read as letters are flagged.
        digits = token.kind is Kind.WORD and any(map(str.isdigit, token.text))
        if digits and confidence < DIGIT_MIN_CONFIDENCE:
            return None  # not sure enough to turn digits into letters: keep the token as written
        # Built from values valid by construction; validating each of thousands of changes
        # cost a fifth of the repair time.
        return Change.model_construct(
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
