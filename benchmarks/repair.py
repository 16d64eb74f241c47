"""Repair accuracy and speed, scored on held-out documents only.

    python benchmarks/repair.py [--max-chars N] [--no-pyvi]

1. stripped diacritics on held-out text: syllable accuracy, ours and pyvi's ViUtils.add_accents;
2. English-OCR garble of held-out text (corpora/garble/heldout.jsonl from held-out corpus
   documents, corpora/garble/written.jsonl from the reports written for testing; rendered and
   OCR'd with `tesseract -l eng` by egov_extract.repair.garble): syllable error rate raw and
   repaired, per set and overall;
3. the real legacy garble: seed 000 lines matched to the clean seed 004, raw and repaired;
4. speed in syllables per second on one core.
Targets (issue 3): >= 99 % stripped accuracy; <= 3 % garble syllable error; no digit of a real
number changed; >= 30k syllables/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract.repair import repair_text  # noqa: E402
from egov_extract.repair.engine import Repairer, default_repairer  # noqa: E402
from egov_extract.repair.ocr_channel import OcrChannel  # noqa: E402
from egov_extract.repair.corpus import split  # noqa: E402
from egov_extract.repair.syllables import canonical, fold  # noqa: E402
from egov_extract.repair.tokens import Kind, tokenize  # noqa: E402


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.kind is Kind.WORD]


def syllables(text: str) -> list[str]:
    """Whitespace tokens without surrounding punctuation, tone placement normalised."""
    out = []
    for raw in text.split():
        t = regex.sub(r"^\p{P}+|\p{P}+$", "", raw)
        if t:
            out.append(canonical(t) if not any(c.isdigit() for c in t) else t)
    return out


def ser(truth: str, text: str) -> tuple[int, int]:
    ref = syllables(truth)
    return Levenshtein.distance(ref, syllables(text)), len(ref)


def digits_changed(result) -> int:
    """Changes to tokens written as digits only: in text without OCR garble, every such token is
    a real number."""
    return sum(1 for c in result.changes if regex.fullmatch(r"[\d.,/%:\-]+", c.original))


_NUMBER = regex.compile(r"\d+(?:[.,/:\-]\d+)*")


def numbers_lost(truth: str, raw: str, fixed: str) -> int:
    """Real numbers of a line that repair lost: numbers of the clean text that the OCR kept and the
    repaired text no longer has. Garble can read a word as digits ('ở' -> '6'); repair may turn
    those back into words, and they are no real number of the clean text."""
    real = Counter(_NUMBER.findall(truth)) & Counter(_NUMBER.findall(raw))
    return sum((real - Counter(_NUMBER.findall(fixed))).values())


def stripped(max_chars: int, use_pyvi: bool) -> None:
    _, held = split()
    total = ours_ok = 0
    pyvi_ok = pyvi_fail = pyvi_total = 0
    changed_numbers = 0
    add_accents = None
    if use_pyvi:
        try:
            from pyvi import ViUtils

            add_accents = ViUtils.add_accents
        except ImportError:
            print("pyvi not installed (pip install '.[bench]'): skipping the comparison")
    for path in held:
        text = path.read_text(encoding="utf-8")[:max_chars]
        plain = fold(text)
        result = repair_text(plain)
        changed_numbers += digits_changed(result)
        truth, ours = words(text), words(result.text)
        assert len(truth) == len(ours), path
        total += len(truth)
        ours_ok += sum(canonical(a) == canonical(b) for a, b in zip(truth, ours))
        if add_accents:
            for line_truth, line in zip(text.split("\n"), plain.split("\n")):
                ref = [w.lower() for w in words(line_truth)]
                if not ref:
                    continue
                pyvi_total += len(ref)
                try:
                    got = [w.lower() for w in words(add_accents(line))]
                except Exception:  # noqa: BLE001 - pyvi raises KeyError on some lines: a failure
                    pyvi_fail += 1
                    continue
                ops = Levenshtein.editops(ref, got)
                pyvi_ok += len(ref) - sum(1 for op in ops if op.tag != "insert")
    print(f"## 1. Stripped diacritics, {len(held)} held-out documents (first {max_chars} chars each), {total} syllables")
    print(f"egov_extract repair_text   accuracy {100 * ours_ok / total:6.2f} %   real numbers changed: {changed_numbers}")
    if add_accents:
        print(f"pyvi ViUtils.add_accents   accuracy {100 * pyvi_ok / pyvi_total:6.2f} %   (lines that raised: {pyvi_fail}, counted as failures)")


GARBLE_SETS = {
    "heldout.jsonl": "held-out corpus documents (laws and 2025 plans)",
    "written.jsonl": "the reports written for testing (corpora/written/, never training text)",
}


def _garble_set(path: Path) -> tuple[int, int, int, int, int, Counter]:
    """(raw errors, repaired errors, syllables, real numbers lost, digit tokens read as words,
    syllables per font) of one garble set, each document's pages repaired together."""
    pages: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        pages[(row["source"], row["page"])].append(row)
    raw_err = rep_err = n = lost = rewritten = 0
    fonts: Counter = Counter()
    documents: dict[str, list[list[dict]]] = defaultdict(list)
    for (source, _), rows in sorted(pages.items()):
        documents[source].append(sorted(rows, key=lambda r: r["line"]))
    for doc_pages in documents.values():  # a document's pages together, as repair_document does
        results = default_repairer().repair_pages(["\n".join(r["ocr"] for r in rows) for rows in doc_pages])
        for rows, result in zip(doc_pages, results):
            for row, fixed in zip(rows, result.text.split("\n")):
                e_raw, size = ser(row["clean"], row["ocr"])
                e_rep, _ = ser(row["clean"], fixed)
                raw_err, rep_err, n = raw_err + e_raw, rep_err + e_rep, n + size
                fonts[row["font"]] += size
                lost += numbers_lost(row["clean"], row["ocr"], fixed)
            rewritten += sum(1 for c in result.changes if c.digits_to_letters)
    return raw_err, rep_err, n, lost, rewritten, fonts


def garble_heldout() -> None:
    """Section 2 on each garble set of corpora/garble/ that no model was trained on, and overall."""
    totals = [0, 0, 0, 0, 0]
    for name, what in GARBLE_SETS.items():
        path = ROOT / "corpora" / "garble" / name
        if not path.exists():
            print(f"## 2. Garble: corpora/garble/{name} missing (python -m egov_extract.repair.garble)")
            continue
        raw_err, rep_err, n, lost, rewritten, fonts = _garble_set(path)
        totals = [a + b for a, b in zip(totals, (raw_err, rep_err, n, lost, rewritten))]
        print(f"## 2. English-OCR garble, {name}: {what}; {n} syllables, fonts {dict(fonts)}")
        print(f"syllable error raw {100 * raw_err / n:6.2f} %   repaired {100 * rep_err / n:6.2f} %   "
              f"relative improvement {100 * (1 - rep_err / max(raw_err, 1)):5.1f} %   real numbers changed: {lost}")
        print(f"tokens with digits read as words (recorded changes): {rewritten}")
    raw_err, rep_err, n, lost, _ = totals
    if n:
        print(f"## 2. All held-out garble: {n} syllables")
        print(f"syllable error raw {100 * raw_err / n:6.2f} %   repaired {100 * rep_err / n:6.2f} %   "
              f"relative improvement {100 * (1 - rep_err / max(raw_err, 1)):5.1f} %   real numbers changed: {lost}")


def _best_window(raw_words: list[str], truth_words: list[str]) -> tuple[list[str], float]:
    """The run of truth words that best matches the raw line, on diacritic-free spelling."""
    key = [fold(w).lower() for w in raw_words]
    folded = [fold(w).lower() for w in truth_words]
    best, best_d = [], float("inf")
    n = len(key)
    for size in (n - 1, n, n + 1):
        for i in range(0, max(len(folded) - size + 1, 1)):
            d = Levenshtein.normalized_distance(" ".join(key), " ".join(folded[i : i + size]))
            if d < best_d:
                best, best_d = truth_words[i : i + size], d
    return best, best_d


def seed_pair(min_score: float = 90.0, max_distance: float = 0.25) -> None:
    """Seed 000 (garble) shares paragraphs word for word with the clean seed 004: score those lines."""
    garbled = (ROOT / "corpora" / "seeds" / "000_d6625d6bc845ad83.txt").read_text(encoding="utf-8")
    clean = (ROOT / "corpora" / "seeds" / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")
    # NFC first: 004 (a PDF's text) holds decomposed letters, and fold() composes them, so
    # offsets into the folded key would drift from the text and cut the truth windows short.
    clean_flat = " ".join(unicodedata.normalize("NFC", clean).split())
    key = fold(clean_flat).lower()
    result = repair_text(garbled)
    raw_lines, fixed_lines = garbled.split("\n"), result.text.split("\n")
    raw_err = rep_err = n = matched = lost = 0
    for raw, fixed in zip(raw_lines, fixed_lines):
        probe = " ".join(fold(raw).lower().split())
        if len(probe) < 30:
            continue
        hit = fuzz.partial_ratio_alignment(probe, key, score_cutoff=min_score)
        if hit is None:
            continue
        start = clean_flat.rfind(" ", 0, max(hit.dest_start - 12, 0)) + 1
        end = clean_flat.find(" ", min(hit.dest_end + 12, len(clean_flat)))
        region = clean_flat[start : end if end > 0 else len(clean_flat)].split()
        truth, distance = _best_window(raw.split(), region)
        if distance > max_distance:
            continue  # the same topic, not the same words
        truth_text = " ".join(truth)
        matched += 1
        e_raw, size = ser(truth_text, raw)
        e_rep, _ = ser(truth_text, fixed)
        raw_err, rep_err, n = raw_err + e_raw, rep_err + e_rep, n + size
        lost += numbers_lost(truth_text, raw, fixed)
    print(f"## 3. Real legacy garble: seed 000 lines found word for word in seed 004: {matched} lines, {n} syllables")
    if n:
        print(f"syllable error raw {100 * raw_err / n:6.2f} %   repaired {100 * rep_err / n:6.2f} %   "
              f"relative improvement {100 * (1 - rep_err / max(raw_err, 1)):5.1f} %   real numbers changed: {lost}")
    rewritten = [c for c in result.changes if c.digits_to_letters]
    print(f"tokens with digits read as words in all of seed 000: {len(rewritten)}; digit-only among them "
          f"(check by hand, no truth outside the matched lines): {[(c.original, c.replacement) for c in rewritten if c.original.isdigit()]}")


def speed(runs: int = 5) -> None:
    """Best of `runs`, each with a fresh Repairer (empty memo of token readings), so every run
    pays for candidate search like a first document does (words the shipped channel has
    readings for are looked up, the others searched); the best run is the least disturbed by
    other work on the machine. Then the same text again (warm), and a batch of documents."""
    _, held = split()
    text = "\n".join(p.read_text(encoding="utf-8")[:20000] for p in held[:5])
    cases = {"stripped": fold(text), "proper (unchanged)": text}
    garble = ROOT / "corpora" / "seeds" / "003_74bc8b0f8ef37661.txt"
    cases["garble (seed 003)"] = garble.read_text(encoding="utf-8")
    shared = default_repairer()
    shared.repair("khởi động")  # load the models outside the timing
    print(f"## 4. Speed, one process (one core), best of {runs} cold runs")
    for name, sample in cases.items():
        n = len(words(sample))
        best = float("inf")
        for _ in range(runs):
            repairer = Repairer(shared.lm, OcrChannel(shared.ocr.model, shared.lm))
            start = time.perf_counter()
            repairer.repair(sample)
            best = min(best, time.perf_counter() - start)
        warm = float("inf")
        for _ in range(runs):  # the same text again: token readings memoised, as in a long batch
            start = time.perf_counter()
            repairer.repair(sample)
            warm = min(warm, time.perf_counter() - start)
        print(f"{name:20s} {n:7d} syllables  {n / best:9.0f} syllables/s cold  {n / warm:9.0f} warm")
    # A batch: every held-out garbled document once, in order, through one repairer that starts
    # empty, as `egov-extract batch` runs them: later documents find many of their garbled words
    # already read.
    documents = []
    for name in GARBLE_SETS:
        path = ROOT / "corpora" / "garble" / name
        if path.exists():
            pages: dict[tuple[str, int], list[dict]] = defaultdict(list)
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                pages[(row["source"], row["page"])].append(row)
            by_source: dict[str, list[str]] = defaultdict(list)
            for (source, _), rows in sorted(pages.items()):
                by_source[source].append("\n".join(r["ocr"] for r in sorted(rows, key=lambda r: r["line"])))
            documents += by_source.values()
    if documents:
        n = sum(len(words(page)) for doc in documents for page in doc)
        best = float("inf")
        for _ in range(runs):
            repairer = Repairer(shared.lm, OcrChannel(shared.ocr.model, shared.lm))
            start = time.perf_counter()
            for doc in documents:
                repairer.repair_pages(doc)
            best = min(best, time.perf_counter() - start)
        print(f"{'garble batch':20s} {n:7d} syllables  {n / best:9.0f} syllables/s ({len(documents)} held-out documents in turn, one repairer)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=20000)
    parser.add_argument("--no-pyvi", action="store_true")
    args = parser.parse_args()
    stripped(args.max_chars, not args.no_pyvi)
    garble_heldout()
    seed_pair()
    speed()


if __name__ == "__main__":
    main()
