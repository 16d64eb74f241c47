"""The English-mode OCR channel: how Tesseract `-l eng` writes each Vietnamese syllable.

Learned, not listed: `train_channel` aligns clean lines with their English-OCR readings (made by
rendering corpus text and OCR'ing it, see garble.py), pairs up tokens, aligns the characters of
each pair, and estimates P(output string | true character): 'ố' -> '6', 'ủ' -> 'ti', 'Đ' -> 'P',
'ề' -> '€'. Observed token forms seen often enough are also kept whole. At run time
`OcrChannel.candidates(token)` proposes syllables and scores each by its best character alignment.
"""

from __future__ import annotations

import gzip
import json
import math
import operator
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain

import numpy as np
import regex
from rapidfuzz.distance import Levenshtein

from . import glyphs
from .lm import SPECIALS, TrigramLM
from .neighbours import OneEditIndex
from .syllables import apply_case, apply_case_all, canonical, case_shape, fold, has_vietnamese_marks, is_valid, split_tone
from .tokens import Kind, phrase_final, tokenize

DATA_FILE = "ocr_channel.json.gz"
_GARBLE_SYMBOL = regex.compile(r"[€¢§&®©¥£@]")
INSERT = "+"  # pseudo true character that emits inserted output
MAX_OUT = 3  # longest output string one true character may produce
_FLOOR = -9.0  # log-probability of an output never seen for a character
KBEST = 24  # readings indexed per syllable and case shape
KBEST_FLOOR = -12.0  # readings less likely than this are left to the run-time search
GLYPH_BASE, GLYPH_SLOPE = 4.0, 8.0  # -log P for a never-seen look-alike reading: 4 + 8 (1 - likeness)
INDEX_TRUST = -4.0  # an indexed reading this likely ends the search; weaker ones search on
MIN_SETTLED_LENGTH = 3  # characters a reading needs for its index entry to end the search
CACHE_SIZE = 200_000  # memoised readings per channel


def _chars(text: str) -> list[str]:
    return list(unicodedata.normalize("NFC", text))


# --- token alignment of a clean line with its OCR reading ------------------------------------


def _words(line: str) -> list[str]:
    return [t.text for t in tokenize(line) if t.kind in (Kind.WORD, Kind.NUMBER, Kind.CODE)]


def _token_cost(clean: str, seen: str) -> float:
    a, b = fold(clean).lower(), fold(seen).lower()
    return Levenshtein.normalized_distance(a, b)


def align_tokens(clean_line: str, ocr_line: str, gap: float = 0.7) -> list[tuple[str, str]]:
    """1:1 token pairs of a clean line and its OCR reading (monotone DP alignment)."""
    a, b = _words(clean_line), _words(ocr_line)
    n, m = len(a), len(b)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0], move[i][0] = i * gap, 1
    for j in range(1, m + 1):
        cost[0][j], move[0][j] = j * gap, 2
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = (
                (cost[i - 1][j - 1] + _token_cost(a[i - 1], b[j - 1]), 0),
                (cost[i - 1][j] + gap, 1),
                (cost[i][j - 1] + gap, 2),
            )
            cost[i][j], move[i][j] = min(options)
    pairs = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == 0:
            if _token_cost(a[i - 1], b[j - 1]) < 0.6:
                pairs.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


# --- character alignment -----------------------------------------------------------------------


def _initial_cost(c: str, out: str) -> float:
    if c == INSERT:
        return 4.0
    if not out:
        return 4.0
    base = fold(c)
    if out == c:
        return 0.1
    if out == base:
        return 0.3
    if out.lower() == base.lower():
        return 0.6
    if len(out) == 1:
        return 3.0
    return 2.5 if base in out else 3.5


@dataclass
class CharModel:
    """log P(output string | true character), with a floor for unseen outputs."""

    table: dict[str, dict[str, float]] = field(default_factory=dict)
    glyphs: dict[str, dict[str, float]] = field(default_factory=dict)  # look-alike prior, see glyphs.py
    _memo: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)
    _family_memo: dict[str, dict[str, float]] | None = field(default=None, repr=False, compare=False)

    def cost(self, c: str, out: str) -> float:
        """-log P(out | c), memoised: it sits in the inner loop of every alignment."""
        row = self._memo.get(c)
        if row is None:
            row = self._memo[c] = {}
        hit = row.get(out)
        if hit is None:
            hit = row[out] = self._cost(c, out)
        return hit

    def _cost(self, c: str, out: str) -> float:
        """Unseen pairs back off: capitals to their lower-case row, then a toned vowel to its
        siblings with other tones ('ử' reads like 'ứ': 'ir'), which English OCR treats alike."""
        row = self.table.get(c)
        if row is not None and out in row:
            return -row[out]
        if c != INSERT and c != c.lower():
            lower = self.table.get(c.lower())
            if lower is not None and out.lower() in lower:
                return -lower[out.lower()] + 0.5
        if c != INSERT:
            family = self._families().get(split_tone(c.lower())[0], {})
            key = out if c == c.lower() else out.lower()
            if key in family:
                return -family[key] + 1.0
        # Unseen: fall back on folding, which is what English OCR mostly does.
        if c != INSERT and fold(out).lower() == fold(c).lower():
            return 2.0
        similar = self.glyphs.get(c, {}).get(out)
        if similar is not None:
            return min(GLYPH_BASE + GLYPH_SLOPE * (1.0 - similar), -_FLOOR)
        return -_FLOOR + 2.0 * max(len(out) - 1, 0)

    def family(self, c: str) -> dict[str, float]:
        """Output distribution shared by `c`'s vowel under every tone (lower case)."""
        return self._families().get(split_tone(c.lower())[0], {})

    def _families(self) -> dict[str, dict[str, float]]:
        """Per toneless lower-case vowel: the mean output distribution of its toned forms."""
        if self._family_memo is not None:
            return self._family_memo
        sums: dict[str, Counter] = defaultdict(Counter)
        members: Counter = Counter()
        for c, row in self.table.items():
            if c == INSERT or c != c.lower():
                continue
            base = split_tone(c)[0]
            members[base] += 1
            for out, logp in row.items():
                sums[base][out] += math.exp(logp)
        families = {base: {out: math.log(p / members[base]) for out, p in outs.items()} for base, outs in sums.items()}
        self._family_memo = families
        return families


def char_align(true: str, seen: str, cost) -> tuple[float, list[tuple[str, str]]]:
    """Cheapest alignment of a true syllable's characters to an observed string."""
    total, back = _align(true, seen, cost, trace=True)
    s, o = unicodedata.normalize("NFC", true), unicodedata.normalize("NFC", seen)
    pieces = []
    i, j = len(s), len(o)
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        pieces.append((s[pi] if pi < i else INSERT, o[pj:j]))
        i, j = pi, pj
    pieces.reverse()
    return total, pieces


def align_cost(true: str, seen: str, cost) -> float:
    """The cost of `char_align` alone (no trace)."""
    return _align(true, seen, cost, trace=False)[0]


@lru_cache(maxsize=64)
def _pieces(m: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The pieces (j, k) of an observed string of length m that one true character may emit,
    seen[j:j+k] for k = 0..MAX_OUT within the string, and where each j's pieces start."""
    pieces = [(j, k) for j in range(m + 1) for k in range(min(MAX_OUT, m - j) + 1)]
    start = np.array([p for p, (_, k) in enumerate(pieces) if k == 0] + [len(pieces)], np.int64)
    start.flags.writeable = False
    return pieces, start


def align_costs(trues: Sequence[str], seen: str, chars: CharModel) -> list[float]:
    """`align_cost` of many true syllables against one observed string: the run-time scorer
    of candidates. The costs of every (true character, piece of `seen`) pair are looked up
    once for all the syllables, and the dynamic programmes run compiled
    (`kernels.align_many`); the sums are the same, added in the same order."""
    if not trues:
        return []
    from . import kernels  # numba takes a third of a second to import; only repair needs it

    o = unicodedata.normalize("NFC", seen)
    m = len(o)
    joined = "".join(trues)
    if not unicodedata.is_normalized("NFC", joined):  # LM syllables are: one check for all
        trues = [unicodedata.normalize("NFC", t) for t in trues]
        joined = "".join(trues)
    letters = sorted(set(joined))
    pieces, piece_start = _pieces(m)
    outs = [o[j : j + k] for j, k in pieces]
    wanted, pick = set(outs), operator.itemgetter(*outs)  # at least ('', seen[0], '')
    memo, fn = chars._memo, chars.cost
    rows = []
    for ch in letters:
        costs = memo.get(ch)
        if costs is None:
            costs = memo[ch] = {}
        try:
            rows.append(pick(costs))
        except KeyError:  # pieces this letter was never costed for: once each
            for out in wanted.difference(costs):
                costs[out] = fn(ch, out)
            rows.append(pick(costs))
    cost = np.fromiter(chain.from_iterable(rows), np.float64, len(letters) * len(pieces)).reshape(len(letters), len(pieces))  # cost[letter, piece]
    inserted = np.fromiter([fn(INSERT, ch) for ch in o], np.float64, m)
    # The true strings one after another, each character as its index among the letters: the
    # letters are sorted by code point, so a binary search of the code points finds it.
    codes = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
    encoded = np.searchsorted(np.fromiter(map(ord, letters), np.uint32, len(letters)), codes)
    ends = np.cumsum(np.fromiter(map(len, trues), np.int64, len(trues)))
    return kernels.align_many(cost, piece_start, inserted, encoded, ends).tolist()


def _align(true: str, seen: str, cost, trace: bool) -> tuple[float, list | None]:
    """Dynamic programme over (true characters used, output characters used); each true
    character emits 0 to MAX_OUT output characters, and output may be inserted.

    `cost` is a CharModel (its memo is read directly: this is the hot loop of candidate
    scoring) or any function (true character, output string) -> cost.
    """
    if isinstance(cost, CharModel):
        memo, fn = cost._memo, cost.cost
    else:
        memo, fn = {}, cost
    s, o = unicodedata.normalize("NFC", true), unicodedata.normalize("NFC", seen)
    n, m = len(s), len(o)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list | None = [[None] * (m + 1) for _ in range(n + 1)] if trace else None
    best[0][0] = 0.0
    inserted = [fn(INSERT, ch) for ch in o]
    emits = [[o[j : j + k] for k in range(min(MAX_OUT, m - j) + 1)] for j in range(m + 1)]
    for i in range(n + 1):
        row = best[i]
        below = best[i + 1] if i < n else None
        if below is not None:
            ch = s[i]
            costs = memo.get(ch)
            if costs is None:
                costs = memo[ch] = {}
        for j in range(m + 1):
            here = row[j]
            if here == inf:
                continue
            if j < m:  # inserted output character
                c = here + inserted[j]
                if c < row[j + 1]:
                    row[j + 1] = c
                    if back is not None:
                        back[i][j + 1] = (i, j)
            if below is not None:
                for k, out in enumerate(emits[j]):
                    step = costs.get(out)
                    if step is None:
                        step = costs[out] = fn(ch, out)
                    c = here + step
                    if c < below[j + k]:
                        below[j + k] = c
                        if back is not None:
                            back[i + 1][j + k] = (i, j)
    return best[n][m], back


def _estimate(counts: dict[str, Counter], alpha: float = 0.5) -> dict[str, dict[str, float]]:
    table = {}
    for c, outs in counts.items():
        total = sum(outs.values())
        table[c] = {out: math.log((n + alpha) / (total + alpha * (len(outs) + 1))) for out, n in outs.items()}
    return table


# --- the learned channel -----------------------------------------------------------------------


def likely_forms(word: str, chars: CharModel, k: int = KBEST, per_char: int = 4, floor: float = KBEST_FLOOR) -> list[tuple[str, float]]:
    """The k most likely OCR readings of `word` (cased) under the character model, best first.

    Characters are independent given the word, so the k best readings come from a beam over
    each character's top outputs; insertions are left out (they are rare and found at run time).
    """
    beams: list[tuple[float, str]] = [(0.0, "")]
    for c in _chars(word):
        row = dict(chars.table.get(c) or chars.table.get(c.lower()) or {fold(c): 0.0})
        for out in chars.family(c):  # readings of the same vowel under other tones
            shaped = out if c == c.lower() else out.upper()
            row.setdefault(shaped, -chars.cost(c, shaped))
        top = sorted(row.items(), key=lambda item: (-item[1], item[0]))[:per_char]
        if c != c.lower() and c not in chars.table:
            top = [(out.upper(), logp - 0.5) for out, logp in top]
        beams = sorted(((score + logp, text + out) for score, text in beams for out, logp in top), key=lambda b: (-b[0], b[1]))[:k]
    merged: dict[str, float] = {}
    for score, text in beams:
        if text and score >= floor and text not in merged:
            merged[text] = round(score, 4)
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


_GLUED_DIGITS = regex.compile(r"(\p{L}{2,})(\d{1,2})")  # 'nghiép2', 'bé6': a marker, or a letter read as digits


def glued_digits(word: str) -> tuple[str, str] | None:
    """(letters, digits) of a word that ends in one or two digits after two letters or more."""
    m = _GLUED_DIGITS.fullmatch(word)
    return (m.group(1), m.group(2)) if m else None


def marker_logp(line_pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """log P(the digits are a footnote marker | an OCR word ends in them), per trailing digit
    string and per place: at a phrase end ('nghiép2,', key '2|end') markers are far commoner
    than inside a phrase ('bé6 cong', key '6'), where digits are mostly letters OCR wrote as
    digits. Counted on (clean, OCR) line pairs: a marker is the same digits glued to a word of
    the clean line. Add-one smoothed; '' and '|end' hold the rates over all digit strings."""
    counts: dict[str, Counter[bool]] = defaultdict(Counter)
    for clean, seen in line_pairs:
        tokens = tokenize(seen)
        final = phrase_final(tokens)
        for token in tokens:
            glued = glued_digits(token.text) if token.kind is Kind.WORD else None
            if glued:
                digits = glued[1]
                is_marker = regex.search(r"\p{L}" + digits + r"(?!\d)", clean) is not None
                place = "|end" if token.start in final else ""
                for key in (digits + place, place):
                    counts[key][is_marker] += 1
    return {key: round(math.log((c[True] + 1) / (c[True] + c[False] + 2)), 4) for key, c in sorted(counts.items())}


@dataclass
class ChannelModel:
    chars: CharModel
    tokens: dict[str, dict[str, float]]  # observed form -> {syllable: log P(form | syllable)}
    pairs: int = 0
    forms: dict[str, Sequence[Sequence]] = field(default_factory=dict)  # observed form -> ((syllable, logp), ...)
    markers: dict[str, float] = field(default_factory=dict)  # trailing digits -> log P(footnote marker), see marker_logp
    # OcrChannel.candidates of the readings training garble shows, worked out in advance (see
    # precompute_readings); valid for the LM and candidate count `readings_key` names.
    readings: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    readings_key: str = ""

    def marker(self, digits: str, final: bool = False) -> float | None:
        """log P(digits glued to the end of a word are a footnote marker), None for 'never';
        `final`: the word ends a phrase (see marker_logp).

        Digit strings the training garble never showed glued: if English OCR writes each of their
        digits for some letter ('1' for 'l', '4' for 'a'), they are taken for letters, as the
        channel reads them ('Noi1' is 'Nội'); other digits take the rate over all digit strings.
        """
        place = "|end" if final else ""
        for key in (digits + place, digits):
            known = self.markers.get(key)
            if known is not None:
                return known
        if all(d in self._lookalike_digits for d in digits):
            return None
        return self.markers.get(place, self.markers.get("", math.log(0.5)))

    @cached_property
    def _lookalike_digits(self) -> frozenset[str]:
        """Digits the character model writes for a letter with P >= e^LOOKALIKE_DIGIT (read once:
        `marker` is asked for every glued token)."""
        return frozenset(
            out for c, row in self.chars.table.items() if c != INSERT for out, logp in row.items() if len(out) == 1 and out.isdigit() and logp >= LOOKALIKE_DIGIT
        )

    def to_bytes(self) -> bytes:
        data = {
            "pairs": self.pairs, "chars": self.chars.table, "glyphs": self.chars.glyphs, "tokens": self.tokens,
            "forms": self.forms, "markers": self.markers, "readings": self.readings, "readings_key": self.readings_key,
        }
        return gzip.compress(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"), mtime=0)

    @classmethod
    def from_bytes(cls, blob: bytes) -> ChannelModel:
        data = json.loads(gzip.decompress(blob))
        # Tuples, not JSON's lists: a tuple of strings and floats drops out of the garbage
        # collector's sight, 220 000 lists stayed in it and made every full collection slow.
        forms = {form: tuple(tuple(reading) for reading in readings) for form, readings in data.get("forms", {}).items()}
        readings = {form: tuple(tuple(reading) for reading in rows) for form, rows in data.get("readings", {}).items()}
        return cls(
            CharModel(data["chars"], data.get("glyphs", {})), data["tokens"], data["pairs"], forms, data.get("markers", {}),
            readings, data.get("readings_key", ""),
        )


def build_forms(chars: CharModel, syllables: Iterable[str]) -> dict[str, list[list]]:
    """Reverse index: each likely OCR reading -> the syllables (lower case) that produce it,
    each once, with its likeliest way to ('16p' is 'lốp' lower case and 'Lốp' with a capital
    read as '1': one syllable, not two, or the reading would pass for settled)."""
    index: dict[str, dict[str, float]] = defaultdict(dict)
    for syllable in sorted(set(syllables)):
        for shaped in (syllable, syllable[:1].upper() + syllable[1:], syllable.upper()):
            for form, logp in likely_forms(shaped, chars):
                rows = index[form]
                rows[syllable] = max(logp, rows.get(syllable, logp))
    return {form: sorted(([s, logp] for s, logp in rows.items()), key=lambda r: (-r[1], r[0])) for form, rows in sorted(index.items())}


def train_channel(
    line_pairs: Iterable[tuple[str, str]],
    vocabulary: Iterable[str] = (),
    iterations: int = 3,
    min_form_count: int = 3,
) -> ChannelModel:
    """Estimate the channel from (clean line, OCR line) pairs; index the likely readings of
    every syllable in `vocabulary` (the language model's), so run time is a look-up."""
    token_pairs: list[tuple[str, str]] = []
    line_pairs = list(line_pairs)
    for clean, seen in line_pairs:
        for a, b in align_tokens(clean, seen):
            if is_valid(a) and not any(ch.isdigit() for ch in a):
                # Case is kept: 'Đ' reads as 'P' where 'đ' reads as 'd'.
                token_pairs.append((apply_case(a, canonical(a)), b))
    distinct = Counter(token_pairs)
    model = CharModel()
    cost = _initial_cost
    for _ in range(iterations):
        counts: dict[str, Counter] = defaultdict(Counter)
        for (a, b), n in distinct.items():
            _, pieces = char_align(a, b, cost)
            for c, out in pieces:
                counts[c][out] += n
        model = CharModel(_estimate(counts))
        cost = model.cost
    # Whole observed forms that recur (lower-cased): their empirical P(form | syllable).
    lowered = Counter((a.lower(), b.lower()) for a, b in token_pairs)
    per_syllable = Counter(a.lower() for a, _ in token_pairs)
    form_counts = Counter(b.lower() for _, b in token_pairs)
    forms: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), n in sorted(lowered.items()):
        if form_counts[b] >= min_form_count and n >= 2:
            forms[b][a] = round(math.log(n / per_syllable[a]), 4)
    table = {c: {o: round(v, 4) for o, v in sorted(row.items())} for c, row in sorted(model.table.items())}
    letters = sorted({ch for word in vocabulary for ch in word + word.upper()} | {c for c in table if c != INSERT})
    chars = CharModel(table, glyphs.confusable(letters, min_similarity=0.4))
    return ChannelModel(chars, dict(sorted(forms.items())), len(token_pairs), build_forms(chars, vocabulary), marker_logp(line_pairs))


def settles(word: str, indexed: Sequence[Sequence] | None) -> bool:
    """Whether the index entry of a reading ends the search for its syllables: two or more,
    the likeliest likely enough, and the reading neither a digit string nor one or two letters.
    The index holds the likeliest syllables behind those, not the common ones: '6' is a rare
    reading of the common 'ở'; 's' is among the likeliest readings of 'sợ' but not of 'số',
    which loses its vowel rarely yet is meant far more often ('Nghị quyết s 03/NQ-CP')."""
    return bool(indexed) and len(indexed) >= 2 and indexed[0][1] >= INDEX_TRUST and not word.isdigit() and len(word) >= MIN_SETTLED_LENGTH


def queried_forms(ocr_lines: Iterable[str], model: ChannelModel) -> list[str]:
    """The readings the repair engine asks the channel for, as garble shows them: each word
    as written, the letters of a word with digits glued on ('nghiép' of 'nghiép2'), one- and
    two-digit numbers; and every reading the index answers outright (see OcrChannel._candidates)."""
    forms = {w for w, indexed in model.forms.items() if settles(w, indexed)}
    for line in ocr_lines:
        for token in tokenize(line):
            if token.kind is Kind.WORD:
                forms.add(token.text)
                glued = glued_digits(token.text)
                if glued:
                    forms.add(glued[0])
            elif token.kind is Kind.NUMBER and token.text.isdigit() and len(token.text) <= 2:
                forms.add(token.text)
    return sorted(forms)


def reading_key(lm: TrigramLM, max_candidates: int) -> str:
    """What `OcrChannel.candidates` depends on besides the channel model: the LM's vocabulary
    and unigram scores, and how many candidates are kept."""
    return f"{lm.vocabulary_digest}/{max_candidates}"


def precompute_readings(model: ChannelModel, lm: TrigramLM, forms: Iterable[str], max_candidates: int = 12) -> tuple[dict[str, tuple[tuple[str, float], ...]], str]:
    """`OcrChannel.candidates` of each form, worked out once at training time, and the key they
    hold for: a document's common garbled words then cost a look-up, not a search (about three
    quarters of a first document's distinct garbled words; a third of its repair time)."""
    channel = OcrChannel(replace(model, readings={}, readings_key=""), lm, max_candidates)  # searched, not looked up
    return {form: channel.candidates(form) for form in forms}, reading_key(lm, max_candidates)


@lru_cache(maxsize=1)
def load_model() -> ChannelModel:
    blob = resources.files("egov_extract").joinpath("data", DATA_FILE).read_bytes()
    return ChannelModel.from_bytes(blob)


class _Skeleton(dict):
    """str.translate table: a character's base letter (`OcrChannel.skeleton`), its lower case's,
    or the character folded; worked out once per character seen."""

    def __init__(self, base: dict[str, str]) -> None:
        super().__init__()
        self._base = base

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = letter = self._base.get(ch, self._base.get(ch.lower(), fold(ch)))
        return letter


LOOKALIKE_DIGIT = -4.0  # a digit the channel writes for a letter at least this likely (log) is a look-alike
TWIN_LIKENESS = 0.85  # glyph likeness at which two letters are searched for each other
SIBLING_MARGIN = 0.5  # log-score a tone sibling of an indexed candidate stays below it
POOR_READING = -7.0  # best channel log-probability below which the context ranks more readings


class OcrChannel:
    """Candidate syllables for an English-OCR token, with log P(token | syllable)."""

    def identity_logp(self, word: str) -> float:
        """log-score of keeping a token that is not a syllable as written.

        An acronym or foreign word ('UBND', 'online') is likely meant as written; a token with
        symbols English OCR puts for Vietnamese vowels ('v€', 'S&') or with non-Vietnamese marks
        ('buéc') almost never is; digits inside a word are in between (and numbers are guarded
        separately: digits become letters only with high confidence).
        """
        if _GARBLE_SYMBOL.search(word) or (has_vietnamese_marks(word) and not is_valid(word)):
            return -14.0
        if any(ch.isdigit() for ch in word):
            return -9.0
        return -6.0

    def __init__(self, model: ChannelModel, lm: TrigramLM, max_candidates: int = 12) -> None:
        self.model = model
        self.max_candidates = max_candidates
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}
        # The shipped readings, if they were worked out for this LM and candidate count.
        self._precomputed = model.readings if model.readings and model.readings_key == reading_key(lm, max_candidates) else {}
        self._unigram = {w: lm.unigram[i] for i, w in enumerate(lm.vocab)}
        self._unigram_floor = min(self._unigram.values(), default=0.0)
        by_fold: dict[str, list[str]] = defaultdict(list)
        for token in lm.vocab:
            if token not in SPECIALS and is_valid(token):
                by_fold[fold(token)].append(token)
        self._by_fold = dict(by_fold)
        siblings: dict[str, list[str]] = defaultdict(list)  # toneless syllable -> its toned forms
        for token in lm.vocab:
            if token not in SPECIALS and is_valid(token):
                siblings[split_tone(token)[0]].append(token)
        self._siblings = dict(siblings)
        # ... and each known syllable's tone siblings (itself included) at hand.
        self._siblings_of = {token: tuple(self._siblings[split_tone(token)[0]]) for token in lm.vocab if token not in SPECIALS and is_valid(token)}
        self._near = OneEditIndex(sorted(self._by_fold))
        # For each observed character, the base letter it most often stands for.
        votes: dict[str, Counter] = defaultdict(Counter)
        for c, row in model.chars.table.items():
            if c == INSERT:
                continue
            for out, logp in row.items():
                if len(out) == 1:
                    votes[out][fold(c).lower()] += math.exp(logp)
        # Plain ASCII letters mostly stand for themselves (their votes are conditional
        # probabilities, not frequencies, so 't' would otherwise side with the rarer 'ủ').
        self._skeleton = {out: v.most_common(1)[0][0] for out, v in votes.items() if not ("a" <= out.lower() <= "z")}
        self._skeleton_table = _Skeleton(self._skeleton)
        # Multi-character readings ('ir', 'ti' for ư/ủ) and the base letter each most often stands for.
        multi: dict[str, Counter] = defaultdict(Counter)
        for c, row in model.chars.table.items():
            if c == INSERT:
                continue
            for out, logp in row.items():
                if len(out) >= 2 and logp > -4.0:
                    multi[out.lower()][fold(c).lower()] += math.exp(logp)
        self._multi = {out: v.most_common(1)[0][0] for out, v in sorted(multi.items())}
        # Letters whose printed glyphs are near twins ('l' and 'i' in a serif font): a reading
        # may hold one for the other even where training garble never did ('idi' for 'lợi').
        twins: dict[str, set[str]] = defaultdict(set)
        for c, row in model.chars.glyphs.items():
            for out, likeness in row.items():
                if likeness >= TWIN_LIKENESS and len(out) == 1 and c.isascii() and c.isalpha() and out.isalpha() and c.lower() != out.lower():
                    twins[out.lower()].add(c.lower())
        self._twins = {out: tuple(sorted(letters)) for out, letters in sorted(twins.items())}

    def skeleton(self, word: str) -> str:
        """The word with each character replaced by the base letter it most often stands for
        (others folded): '1ap' -> 'lap'."""
        return unicodedata.normalize("NFC", word).translate(self._skeleton_table)

    def candidates(self, word: str) -> tuple[tuple[str, float], ...]:
        """(lower-case syllable, log P(word | syllable)), best first, at most max_candidates.

        Readings training garble showed are looked up (`ChannelModel.readings`); others are
        memoised per channel (garble repeats itself: 's6', 'ctia'), up to CACHE_SIZE readings.
        """
        hit = self._precomputed.get(word)
        if hit is None:
            hit = self._cache.get(word)
            if hit is None:
                hit = self._candidates(word)
                if len(self._cache) < CACHE_SIZE:
                    self._cache[word] = hit
        return hit

    def _candidates(self, word: str) -> tuple[tuple[str, float], ...]:
        seen = word.lower()
        shape = case_shape(word)
        indexed = self.model.forms.get(word)
        if settles(word, indexed):
            # The reading is among the likely ones of known syllables: scores come with it.
            scored = {s: logp for s, logp in indexed}
            for s, logp in self.model.tokens.get(seen, {}).items():
                scored[s] = max(scored.get(s, logp), logp)
            # English OCR reads a vowel alike under every tone ('từ' and 'tử' both come out 'tir'),
            # but the index keeps only each syllable's likeliest readings: add the tone siblings.
            # A sibling is never likelier than the indexed reading it stands beside; one- and
            # two-letter readings ('s', 'ty') are ambiguous enough already.
            parents: dict[str, float] = {}  # sibling -> the reading it stands beside
            for s, parent in list(scored.items()) if len(word) >= 3 else ():
                toned = self._siblings_of.get(s)
                for sibling in toned if toned is not None else self._siblings.get(split_tone(s)[0], ()):
                    if sibling not in scored and sibling not in parents:
                        parents[sibling] = parent
            costs = align_costs(apply_case_all(word, list(parents), shape), word, self.model.chars)
            for (sibling, parent), cost in zip(parents.items(), costs):
                scored[sibling] = min(-cost, parent - SIBLING_MARGIN)
            return self._top(scored)
        keys = {fold(seen), self.skeleton(word).lower()}
        for out, base in self._multi.items():
            if out in seen:
                keys.add(self.skeleton(seen.replace(out, base, 1)).lower())
        base = fold(seen)
        for i, ch in enumerate(base):
            for twin in self._twins.get(ch, ()):
                keys.add(base[:i] + twin + base[i + 1 :])
        found: set[str] = set(self.model.tokens.get(seen, {}))
        found.update(s for s, _ in indexed or ())
        by_fold = self._by_fold
        symbol = _GARBLE_SYMBOL.search(seen)
        if symbol:  # a symbol stands for some marked vowel: try each, in the reading and its skeleton ('1&' -> 'le')
            # Spelled out exactly: within one edit of six vowel spellings of a two-letter word
            # ('K&': ka ke ki ko ku ky) lie some 400 syllables, all aligned for nothing.
            letters = "".join(ch if _GARBLE_SYMBOL.match(ch) else self.skeleton(ch).lower() for ch in seen)
            for base in (seen, letters):
                for vowel in "aeiouy":
                    found.update(by_fold.get(fold(base.replace(symbol.group(), vowel, 1)), ()))
        for key in keys:
            found.update(*[by_fold[match] for match in self._near.near(key, limit=16)])
        ordered = sorted(found)
        costs = align_costs(apply_case_all(word, ordered, shape), word, self.model.chars)
        scored = {syllable: -cost for syllable, cost in zip(ordered, costs)}
        for syllable, empirical in self.model.tokens.get(seen, {}).items():  # all among `found`
            scored[syllable] = max(scored[syllable], empirical)
        return self._top(scored)

    def _top(self, scored: dict[str, float]) -> tuple[tuple[str, float], ...]:
        """Keep the candidates most likely a priori (channel x unigram), so that a common
        syllable behind an ambiguous reading ('can' -> 'cán') is not crowded out by rare ones."""
        unigram, floor = self._unigram, self._unigram_floor
        # (-prior, syllable, channel): sorted as tuples, ties by syllable (each is there once)
        ranked = sorted([(-(logp + unigram.get(s, floor)), s, logp) for s, logp in scored.items()])
        # When no reading is likely ('1&': English OCR was never seen writing 'lệ' so), the
        # channel cannot rank them and the context must: offer twice as many.
        poor = max(scored.values(), default=0.0) < POOR_READING
        return tuple((s, logp) for _, s, logp in ranked[: self.max_candidates * (2 if poor else 1)])
