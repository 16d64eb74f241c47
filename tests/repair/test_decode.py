"""The batched beam decoder against exhaustive search, and batching against one sentence at a time."""

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.repair import lm as lm_module
from egov_extract.repair.decode import BEAM, CHANNEL_WEIGHT, LM_WEIGHT, Candidate, Column, decode, decode_all
from egov_extract.repair.lm import BOS, EOS

LM = lm_module.load()
# Real syllables, common and rare, so that trigram, bigram and unigram levels all get used.
VOCAB = [w for w in LM.vocab[5:] if w.isalpha()][::40]

candidate = st.builds(Candidate, token=st.sampled_from(VOCAB), text=st.just("x"), channel=st.floats(-12, 0))
# Two candidates per position keep at most 4 (v, w) states: the beam of 8 is then exact.
small_lattice = st.lists(st.lists(candidate, min_size=1, max_size=2), min_size=1, max_size=5)


def total(positions, picks):
    ids = [LM.id(BOS), LM.id(BOS)] + [LM.id(positions[i][k].token) for i, k in enumerate(picks)] + [LM.id(EOS)]
    lm = sum(LM.logp(ids[j - 2], ids[j - 1], ids[j]) for j in range(2, len(ids)))
    return CHANNEL_WEIGHT * sum(positions[i][k].channel for i, k in enumerate(picks)) + LM_WEIGHT * lm


@settings(max_examples=150, deadline=None)
@given(small_lattice)
def test_beam_finds_the_best_sequence_when_it_can_hold_every_state(positions):
    got = [c.index for c in decode(LM, positions)]
    best = max(total(positions, picks) for picks in itertools.product(*(range(len(p)) for p in positions)))
    assert math.isclose(total(positions, got), best, abs_tol=1e-6)


def reference_beam(positions, beam=BEAM):
    """The beam as first written, in plain Python: score every (state, candidate) pair, sort
    best first (equal scores: the pair generated first), keep the first `beam` distinct new
    states (v, w); at the end, the best state with the sentence end (the first of equals)."""
    bos, eos = LM.id(BOS), LM.id(EOS)
    states = [((bos, bos), 0.0, [])]
    for cands in positions:
        pairs = []
        for (u, v), score, path in states:
            for k, c in enumerate(cands):
                w = LM.id(c.token)
                pairs.append((score + CHANNEL_WEIGHT * c.channel + LM_WEIGHT * LM.logp(u, v, w), (v, w), path + [k]))
        order = sorted(range(len(pairs)), key=lambda j: (-pairs[j][0], j))
        states, seen = [], set()
        for j in order:
            score, state, path = pairs[j]
            if state not in seen:
                seen.add(state)
                states.append((state, score, path))
            if len(states) == beam:
                break
    finals = [score + LM_WEIGHT * LM.logp(u, v, eos) for (u, v), score, _ in states]
    return states[max(range(len(states)), key=lambda i: (finals[i], -i))][2]


def lm_twins(context_words: list[str]) -> list[str]:
    """Syllables the LM scores alike after any two of `context_words` (rare words it only knows
    through back-off): candidates that tie exactly."""
    ids = [LM.id(w) for w in context_words] + [LM.id(BOS)]
    alike: dict[tuple, list[str]] = {}
    for w in LM.vocab[5:3000]:
        if w.isalpha() and w.islower() and w not in context_words:
            alike.setdefault(tuple(LM.logp(u, v, LM.id(w)) for u in ids for v in ids), []).append(w)
    return next(group[:3] for group in alike.values() if len(group) >= 3)


# Common syllables (LM scores near 0: what the pruning before the LM look-up must not drop),
# syllables the LM scores alike and few channel values (tied scores, repeated states), and more
# states than the beam holds (up to 7 candidates after 8 states).
COMMON = ["công", "tác", "cải", "cách", "hành", "chính", "của", "và", "các"]
crowded = st.builds(
    Candidate, token=st.sampled_from(COMMON + lm_twins(COMMON)), text=st.just("x"), channel=st.sampled_from([0.0, -0.5, -1.0, -4.0, -9.0])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(crowded, min_size=1, max_size=7), min_size=1, max_size=10))
def test_compiled_beam_keeps_the_states_the_plain_beam_keeps(positions):
    """The kernel keeps its beam sorted as pairs come and skips pairs that cannot enter it;
    the choices must be those of scoring every pair and sorting. (Narrow beams drop states
    at almost every position, where ties and pruning decide most often.)"""
    for beam in (2, 3, BEAM):
        assert [c.index for c in decode(LM, positions, beam)] == reference_beam(positions, beam)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.lists(candidate, min_size=1, max_size=6), min_size=1, max_size=12), min_size=1, max_size=6))
def test_decoding_together_equals_decoding_one_at_a_time(sentences):
    together = decode_all(LM, [[Column.of(LM, cands) for cands in s] for s in sentences])
    assert together == [decode(LM, s) for s in sentences]


@settings(max_examples=60, deadline=None)
@given(small_lattice)
def test_confidence_is_the_posterior_with_neighbours_fixed(positions):
    choices = decode(LM, positions)
    picks = [c.index for c in choices]
    for i, choice in enumerate(choices):
        assert 0.0 <= choice.confidence <= 1.0
        if len(positions[i]) == 1:
            assert choice.confidence == 1.0
            continue
        scores = [total(positions, picks[:i] + [k] + picks[i + 1 :]) for k in range(len(positions[i]))]
        top = max(scores)
        expected = math.exp(scores[picks[i]] - top) / sum(math.exp(s - top) for s in scores)
        assert math.isclose(choice.confidence, expected, rel_tol=1e-9, abs_tol=1e-12)


def test_empty_sentences_decode_to_nothing():
    assert decode_all(LM, [[], [Column.of(LM, [Candidate("là", "là", 0.0)])], []]) == [[], decode(LM, [[Candidate("là", "là", 0.0)]]), []]


def test_a_document_cache_favours_what_the_document_read_with_confidence():
    from egov_extract.repair.decode import Choice, DocumentCache

    sure = [Column.of(LM, [Candidate("công", "công", 0.0)]), Column.of(LM, [Candidate("đoàn", "đoàn", 0.0)])]
    unsure = [
        Column.of(LM, [Candidate("hoạt", "hoạt", 0.0)]),
        Column.of(LM, [Candidate("động", "động", 0.0)]),
        Column.of(LM, [Candidate("công", "công", 0.0)]),
        Column.of(LM, [Candidate("đoạn", "đoạn", 0.0), Candidate("đoàn", "đoàn", 0.0)]),
        Column.of(LM, [Candidate("của", "của", 0.0)]),
    ]
    confident = [[Choice(0, 1.0), Choice(0, 1.0)]] * 5
    cache = DocumentCache.of(LM, [sure] * 5, confident)
    plain = decode_all(LM, [unsure])[0][3]
    cached = decode_all(LM, [unsure], cache=cache)[0][3]
    p_doan = lambda choice: choice.confidence if choice.index == 1 else 1 - choice.confidence  # noqa: E731
    assert p_doan(cached) > p_doan(plain) and cached.index == 1
    # Readings below the confidence bar are not cached: the cache then scores like the LM.
    unsure_only = DocumentCache.of(LM, [sure] * 5, [[Choice(0, 0.5), Choice(0, 0.5)]] * 5)
    assert decode_all(LM, [unsure], cache=unsure_only) == decode_all(LM, [unsure])


def test_the_second_pass_frees_only_a_window_around_unsure_positions():
    from egov_extract.repair.decode import RECONSIDER_WINDOW, Choice, DocumentCache

    two = [Candidate("đoạn", "đoạn", 0.0), Candidate("đoàn", "đoàn", 0.0)]
    columns = [Column.of(LM, two) for _ in range(12)]
    picked = [Choice(0, 0.999)] * 12
    picked[6] = Choice(0, 0.6)
    both = DocumentCache.of(LM, [[Column.of(LM, [two[0]])], [Column.of(LM, [two[1]])]], [[Choice(0, 1.0)]] * 2)  # the document read both
    assert both.unsure(columns, picked) == [6]
    window, free = DocumentCache.window(columns, picked, [6])
    assert free == [abs(i - 6) <= RECONSIDER_WINDOW for i in range(12)]
    for column, f in zip(window, free):
        assert column == columns[6] if f else column.candidates == (two[0],)
    # Read surely, or with no alternative the document used: not unsure.
    assert both.unsure(columns, [Choice(0, 0.999)] * 12) == []
    assert DocumentCache.of(LM, [[Column.of(LM, [two[0]])]], [[Choice(0, 1.0)]]).unsure(columns, picked) == []
    # Read surely, but as a word the document never read with confidence while it read the
    # alternative: unsure ('đông/tháng' in a text that says 'đồng' elsewhere).
    only_doan = DocumentCache.of(LM, [[Column.of(LM, [two[1]])]], [[Choice(0, 1.0)]])
    assert only_doan.unsure(columns, [Choice(0, 0.999)] * 12) == list(range(12))
