"""A syllable trigram language model with interpolated Kneser-Ney smoothing.

Trained on clean Vietnamese text from `corpora/` (see `egov_extract.repair.train`), stored as
compact package data (`egov_extract/data/syllable_lm.bin`: zlib-compressed arrays, no pickle)
and loaded once. Tokens are lower-case canonical syllables plus a few classes for what is not
a syllable (numbers, document codes, other words), so the model sees "số <num>/<code>".
"""

from __future__ import annotations

import hashlib
import math
import struct
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np
import regex

from .syllables import canonical, is_valid
from .tokens import Kind, tokenize

BOS, EOS, UNK, NUM, CODE, ROMAN, ACRONYM = "<s>", "</s>", "<unk>", "<num>", "<code>", "<roman>", "<acronym>"
# A consonant letter alone ('b', 'c', 'đ'): mostly an enumeration item ('b) ...'). As <unk> it made
# three quarters of the class, and every unknown word as likely as 'gửi' (unigram rank 99).
LETTER = "<letter>"
SPECIALS = (BOS, EOS, UNK, NUM, CODE, ROMAN, ACRONYM, LETTER)
MIN_ACRONYM_COUNT = 3  # an acronym or foreign word seen fewer times in training is a class (<acronym>, <unk>)
# A Roman numeral ('quý III', 'Chương IV', 'Phần I'). 'VI' and 'XI' are also syllables (vi, xi)
# and stay syllables; 'I' is a numeral (the syllable 'i' is written lower case).
_ROMAN_NUMERAL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_ROMAN = regex.compile(_ROMAN_NUMERAL)
_ROMAN_PERIOD = regex.compile(_ROMAN_NUMERAL + r"[/\-]\d{2,4}")  # 'quý IV/2026'
_ACRONYM = regex.compile(r"(?=(?:.*[A-ZĐ]){2})[A-ZĐ][A-ZĐ0-9&]{1,11}")
_SENTENCE_END = set(".;:!?…")
# Punctuation the LM sees as tokens: a comma, and the slash of 'đồng/tháng', 'người/năm' (a number
# then 'đồng /' is a price; without the slash 'đồng tháng' is a rare bigram and 'đông người' wins).
PUNCTUATION_TOKENS = frozenset({",", "/"})
_MAGIC = b"EGLM1"
DISCOUNT = 0.75


def _out_of_vocabulary(token: str) -> str:
    """The class a token outside the vocabulary falls into: <acronym> for an acronym too rare to
    be a token of its own, <unk> for anything else."""
    return ACRONYM if _ACRONYM.fullmatch(token) else UNK


def lm_token(kind: Kind, text: str) -> str | None:
    """The LM's view of one token: a canonical syllable, a class, ',' or None (ignored)."""
    if kind is Kind.WORD:
        if _ROMAN.fullmatch(text) and (text == "I" or not is_valid(text)):
            return ROMAN
        if is_valid(text):
            return canonical(text)
        if len(text) == 1 and text.isalpha():
            return LETTER
        # An acronym is its own token: 'UBND tỉnh', 'HĐND huyện', 'Sở KH&CN' are the commonest
        # phrases of a report, and '<unk> tỉnh' says nothing. So is a foreign word or unit a
        # report uses often ('email', 'online', 'fax', 'm2'), lower case; a rare one is <unk>.
        return text if _ACRONYM.fullmatch(text) else text.lower()
    if kind is Kind.NUMBER:
        return NUM
    if kind is Kind.CODE and _ROMAN_PERIOD.fullmatch(text):
        return ROMAN
    if kind in (Kind.CODE, Kind.URL, Kind.EMAIL):
        return CODE
    if kind is Kind.PUNCT and text in PUNCTUATION_TOKENS:
        return text
    return None


def sentences(text: str) -> Iterator[list[str]]:
    """LM token sequences of `text`, split at sentence punctuation and blank lines."""
    current: list[str] = []
    for token in tokenize(text):
        if (token.kind is Kind.PUNCT and token.text in _SENTENCE_END) or (
            token.kind is Kind.SPACE and token.text.count("\n") > 1
        ):
            if current:
                yield current
            current = []
            continue
        mapped = lm_token(token.kind, token.text)
        if mapped is not None:
            current.append(mapped)
    if current:
        yield current


@dataclass
class TrigramLM:
    """Interpolated Kneser-Ney trigram model over an integer vocabulary (natural-log scores)."""

    vocab: list[str]
    unigram: array  # log P1(w), indexed by id
    bigram: dict[int, float]  # v*V + w -> log P2(w|v), for seen pairs
    gamma2: array  # log interpolation weight of context v
    trigram: dict[int, float]  # (u*V + v)*V + w -> log P3(w|u,v)
    gamma3: dict[int, float]  # u*V + v -> log weight
    unknown_types: int = 0  # distinct words training text had as <unk>, see unknown_logp

    def __post_init__(self) -> None:
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.size = len(self.vocab)
        self.unk_id = self.index[UNK]

    def id(self, token: str) -> int:
        hit = self.index.get(token)
        if hit is not None:
            return hit
        return self.index.get(_out_of_vocabulary(token), self.unk_id)

    def logp(self, u: int, v: int, w: int) -> float:
        """log P(w | u v)."""
        V = self.size
        ctx = u * V + v
        hit = self.trigram.get(ctx * V + w)
        if hit is not None:
            return hit
        return self.gamma3.get(ctx, 0.0) + self._logp2(v, w)

    def _logp2(self, v: int, w: int) -> float:
        hit = self.bigram.get(v * self.size + w)
        if hit is not None:
            return hit
        return self.gamma2[v] + self.unigram[w]

    def score(self, tokens: Sequence[str]) -> float:
        """Total log-probability of one sentence, with boundaries."""
        ids = [self.id(BOS), self.id(BOS)] + [self.id(t) for t in tokens] + [self.id(EOS)]
        return sum(self.logp(ids[i - 2], ids[i - 1], ids[i]) for i in range(2, len(ids)))

    @cached_property
    def kernels(self) -> tuple:
        """The model as flat arrays for the compiled decoder (`kernels.lm_next`).

        Three hash tables (`HashTable`): the contexts (u, v), each with its index (and, in
        `ctx_g3`, its back-off weight); the trigrams, keyed by context index and next word; the
        bigrams, by v and w. Scores are float32, as in the model file, so nothing is rounded."""
        V = self.size
        tri_keys = np.fromiter(self.trigram.keys(), np.int64, len(self.trigram))
        tri_p = np.fromiter(self.trigram.values(), np.float32, len(self.trigram))
        tri_ctx = tri_keys // V
        g3_keys = np.fromiter(self.gamma3.keys(), np.int64, len(self.gamma3))
        g3 = np.fromiter(self.gamma3.values(), np.float64, len(self.gamma3))
        contexts = np.union1d(g3_keys, tri_ctx)
        ctx_g3 = np.zeros(len(contexts))  # a context without a weight backs off with weight 1
        ctx_g3[np.searchsorted(contexts, g3_keys)] = g3
        ctx_table = HashTable(contexts, np.arange(len(contexts), dtype=np.int64))
        tri_table = HashTable(np.searchsorted(contexts, tri_ctx) * V + tri_keys % V, tri_p)
        bi_keys = np.fromiter(self.bigram.keys(), np.int64, len(self.bigram))
        bi_p = np.fromiter(self.bigram.values(), np.float32, len(self.bigram))
        bi_table = HashTable(bi_keys, bi_p)
        return (
            ctx_table.keys, ctx_table.values, ctx_table.bits, ctx_g3,
            tri_table.keys, tri_table.values, tri_table.bits, bi_table.keys, bi_table.values, bi_table.bits,
            np.asarray(self.gamma2, np.float64), np.asarray(self.unigram, np.float64), V,
        )

    @cached_property
    def vocabulary_digest(self) -> str:
        """A fingerprint of the vocabulary and the unigram scores: what the OCR channel's
        precomputed readings depend on (`ocr_channel.ChannelModel.readings`)."""
        digest = hashlib.sha256("\n".join(self.vocab).encode("utf-8"))
        digest.update(np.asarray(self.unigram, np.float32).tobytes())
        return digest.hexdigest()[:16]

    @property
    def unknown_logp(self) -> float:
        """log P(a given word | <unk>): the class's mass shared by the words it stood for in
        training, as `number_forms` shares <num>'s. Without it a garbled word kept as written
        scored as if it were every unknown word at once, and <unk> ranks with common syllables
        (unigram rank 111 of 2 615, above 'gửi'): 'liên thông giri nhận' stayed 'giri'."""
        return -math.log(self.unknown_types) if self.unknown_types > 1 else 0.0

    def knows(self, token: str) -> bool:
        return token in self.index

    # --- persistence -------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        parts = [
            "\n".join(self.vocab).encode("utf-8"),
            self.unigram.tobytes(),
            array("q", self.bigram.keys()).tobytes(),
            array("f", self.bigram.values()).tobytes(),
            self.gamma2.tobytes(),
            array("q", self.trigram.keys()).tobytes(),
            array("f", self.trigram.values()).tobytes(),
            array("q", self.gamma3.keys()).tobytes(),
            array("f", self.gamma3.values()).tobytes(),
            struct.pack("<Q", self.unknown_types),
        ]
        header = struct.pack("<I", len(parts)) + b"".join(struct.pack("<Q", len(p)) for p in parts)
        return _MAGIC + zlib.compress(header + b"".join(parts), 9)

    @classmethod
    def from_bytes(cls, blob: bytes) -> TrigramLM:
        if not blob.startswith(_MAGIC):
            raise ValueError("not an egov_extract language model file")
        raw = zlib.decompress(blob[len(_MAGIC) :])
        (n,) = struct.unpack_from("<I", raw, 0)
        sizes = struct.unpack_from(f"<{n}Q", raw, 4)
        offset = 4 + 8 * n
        parts = []
        for size in sizes:
            parts.append(raw[offset : offset + size])
            offset += size

        def arr(code: str, data: bytes) -> array:
            a = array(code)
            a.frombytes(data)
            return a

        return cls(
            vocab=parts[0].decode("utf-8").split("\n"),
            unigram=arr("f", parts[1]),
            bigram=dict(zip(arr("q", parts[2]), arr("f", parts[3]))),
            gamma2=arr("f", parts[4]),
            trigram=dict(zip(arr("q", parts[5]), arr("f", parts[6]))),
            gamma3=dict(zip(arr("q", parts[7]), arr("f", parts[8]))),
            unknown_types=struct.unpack("<Q", parts[9])[0] if n > 9 else 0,
        )


_EMPTY = -1  # keys are non-negative ids
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)


class HashTable:
    """An open-addressing hash table from non-negative integer keys below 2**53 to numbers,
    built here with numpy and probed by the compiled decoder (`kernels.slot_of`). Keys and values
    are separate arrays, the keys as int32 when they fit: most of the decoder's look-ups are
    misses (a candidate trigram the model never saw), and a miss reads keys only, sixteen to a
    cache line. The values keep the type they come in (the LM's float32 scores: exact, and half
    the memory). A binary search over a million sorted keys costs about twenty cache misses
    per key, this about one. Against a binary search of each context's sorted run of next
    words, the decoder runs twice as fast (garble pass one 46 -> 22 ms)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        self.bits = max(4, int(2 * len(keys)).bit_length())  # load factor at most one half
        mask = (1 << self.bits) - 1
        narrow = not len(keys) or int(keys.max()) < 2**31
        self.keys = np.full(1 << self.bits, _EMPTY, np.int32 if narrow else np.int64)
        self.values = np.zeros(1 << self.bits, values.dtype)
        pending = np.arange(len(keys))
        slot = self._slot(keys)
        while len(pending):  # linear probing, every pending key one step at a time
            free = np.flatnonzero(self.keys[slot] == _EMPTY)
            taken, first = np.unique(slot[free], return_index=True)  # one key per free slot
            winners = pending[free[first]]
            self.keys[taken] = keys[winners]
            self.values[taken] = values[winners]
            placed = np.zeros(len(pending), bool)
            placed[free[first]] = True
            pending, slot = pending[~placed], (slot[~placed] + 1) & mask

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys.astype(np.uint64) * _FIBONACCI) >> np.uint64(64 - self.bits)).astype(np.int64)


def train(texts: Iterable[str], min_trigram_count: int = 1, min_unigram_count: int = 1) -> TrigramLM:
    """Estimate an interpolated Kneser-Ney trigram model from clean texts.

    Trigrams seen fewer than `min_trigram_count` times are pruned (their mass goes to the
    bigram level through the context weight). The shipped model keeps them all: our training
    text is small, and its singletons ("dám nghĩ dám làm") are what repairs rarer phrases
    (held-out garble error 3.50 -> 3.32 %, stripped accuracy 99.14 -> 99.26 %, for 2.4 -> 3.9 MB).
    """
    texts = list(texts)
    seqs = [s for text in texts for s in sentences(text)]
    counts1 = Counter(t for s in seqs for t in s)
    # Acronyms and foreign words need MIN_ACRONYM_COUNT; syllables, classes and punctuation one.
    minimum = {w: min_unigram_count if w in SPECIALS or w in PUNCTUATION_TOKENS or is_valid(w) else MIN_ACRONYM_COUNT for w in counts1}
    vocab = list(SPECIALS) + sorted(w for w, c in counts1.items() if c >= minimum[w] and w not in SPECIALS)
    index = {w: i for i, w in enumerate(vocab)}
    V = len(vocab)
    token_id = {w: index[w] if w in index else index[_out_of_vocabulary(w)] for w in counts1}  # once per distinct token
    c3: Counter[tuple[int, int, int]] = Counter()
    for s in seqs:
        ids = [index[BOS], index[BOS]] + [token_id[t] for t in s] + [index[EOS]]
        for i in range(2, len(ids)):
            c3[(ids[i - 2], ids[i - 1], ids[i])] += 1

    # Continuation counts for the lower orders.
    n_before_vw: Counter[tuple[int, int]] = Counter()  # N1+(. v w)
    for (_, v, w) in c3:
        n_before_vw[(v, w)] += 1
    n_before_w: Counter[int] = Counter()  # N1+(. w) over bigram types
    for (_, w) in n_before_vw:
        n_before_w[w] += 1
    total_bigram_types = len(n_before_vw)

    # Unigram: continuation probability, interpolated with uniform so no word has zero mass.
    unigram = array("f", [0.0] * V)
    for w in range(V):
        p = (n_before_w.get(w, 0) + 0.5) / (total_bigram_types + 0.5 * V)
        unigram[w] = math.log(p)

    # Bigram level from continuation counts.
    ctx2_total: Counter[int] = Counter()
    ctx2_types: Counter[int] = Counter()
    for (v, w), n in n_before_vw.items():
        ctx2_total[v] += n
        ctx2_types[v] += 1
    gamma2 = array("f", [0.0] * V)
    for v in range(V):
        if ctx2_total[v]:
            gamma2[v] = math.log(DISCOUNT * ctx2_types[v] / ctx2_total[v])
    bigram: dict[int, float] = {}
    for (v, w), n in n_before_vw.items():
        p = (n - DISCOUNT) / ctx2_total[v] + math.exp(gamma2[v] + unigram[w])
        bigram[v * V + w] = math.log(p)

    # Trigram level from raw counts.
    ctx3_total: Counter[tuple[int, int]] = Counter()
    ctx3_types: Counter[tuple[int, int]] = Counter()
    for (u, v, _), n in c3.items():
        ctx3_total[(u, v)] += n
        ctx3_types[(u, v)] += 1
    # A pruned trigram's discounted mass moves into its context's back-off weight, so each
    # context still sums to about one.
    weight3 = {ctx: DISCOUNT * ctx3_types[ctx] / total for ctx, total in ctx3_total.items()}
    for (u, v, _), n in c3.items():
        if n < min_trigram_count:
            weight3[(u, v)] += (n - DISCOUNT) / ctx3_total[(u, v)]
    gamma3 = {u * V + v: math.log(w) for (u, v), w in weight3.items()}
    trigram: dict[int, float] = {}
    for (u, v, w), n in c3.items():
        if n < min_trigram_count:
            continue
        key2 = v * V + w
        p2 = math.exp(bigram[key2]) if key2 in bigram else math.exp(gamma2[v] + unigram[w])
        p = (n - DISCOUNT) / ctx3_total[(u, v)] + math.exp(gamma3[u * V + v]) * p2
        trigram[(u * V + v) * V + w] = math.log(p)
    # Through the storage format, so a freshly trained model scores exactly like the shipped one.
    unknown = sum(1 for w in counts1 if w not in index and _out_of_vocabulary(w) == UNK)
    return TrigramLM.from_bytes(TrigramLM(vocab, unigram, bigram, gamma2, trigram, gamma3, unknown).to_bytes())


DATA_FILE = "syllable_lm.bin"


def load_file(path) -> TrigramLM:
    with open(path, "rb") as fh:
        return TrigramLM.from_bytes(fh.read())


@lru_cache(maxsize=1)
def load() -> TrigramLM:
    """The shipped model (package data), loaded once."""
    blob = resources.files("egov_extract").joinpath("data", DATA_FILE).read_bytes()
    return TrigramLM.from_bytes(blob)
