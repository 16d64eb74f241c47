"""Build the repair models from corpora/ and write them as package data.

    python -m egov_extract.repair.train [--corpora corpora] [--out egov_extract/data]

Trains on the training side of corpora/split.json only. Deterministic: the same corpus gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from . import casing, codes, lm, number_forms, ocr_channel
from .corpus import default_corpora, split
from .syllables import is_valid


def _training_texts(corpora: Path) -> list[str]:
    train_docs, _ = split(corpora)
    return [p.read_text(encoding="utf-8") for p in train_docs]


def _write_json(target: Path, table: dict, indent: int = 1) -> Path:
    """Sorted keys and a trailing newline: the same table gives the same bytes."""
    target.write_text(json.dumps(table, ensure_ascii=False, indent=indent, sort_keys=True) + "\n", encoding="utf-8")
    return target


def build_lm(corpora: Path, out: Path) -> Path:
    texts = _training_texts(corpora)
    model = lm.train(texts)
    target = out / lm.DATA_FILE
    target.write_bytes(model.to_bytes())
    print(f"language model: {len(texts)} documents, {model.size} tokens in vocabulary, "
          f"{len(model.bigram)} bigrams, {len(model.trigram)} trigrams -> {target} "
          f"({target.stat().st_size / 1e6:.1f} MB)")
    return target


def build_code_letters(corpora: Path, out: Path) -> Path:
    table = codes.train_code_letters(_training_texts(corpora))
    target = _write_json(out / codes.DATA_FILE, table)
    print(f"code letters: {len(table) - 1} acronyms with Đ, {len(table['_acronyms'])} known acronyms -> {target}")
    return target


def build_number_forms(corpora: Path, out: Path) -> Path:
    table = number_forms.train_number_forms(_training_texts(corpora))
    target = _write_json(out / number_forms.DATA_FILE, table)
    print(f"number forms: {len(table) - 1} short digit strings -> {target}")
    return target


def build_casing(corpora: Path, out: Path) -> Path:
    table = casing.train_casing(_training_texts(corpora))
    target = _write_json(out / casing.DATA_FILE, table, indent=0)
    print(f"casing: {len(table) - 1} syllables, corpus title rate {table['_title_rate']} -> {target}")
    return target


def build_citation_codes(corpora: Path, out: Path) -> Path:
    """Type and issuer codes of the citations in clean training text, counted."""
    from collections import Counter

    from ..extract import citations

    type_codes: Counter = Counter()
    issuers: Counter = Counter()
    for text in _training_texts(corpora):
        for c in citations.find_citations(text, self_window=None):
            if c.type_code:
                type_codes[c.type_code] += 1
            for part in (c.issuer_code or "").split("-"):
                if part:
                    issuers[part] += 1
    table = {"type": dict(sorted(type_codes.items())), "issuer": dict(sorted(issuers.items()))}
    target = _write_json(out / "citation_codes.json", table)
    print(f"citation codes: {len(type_codes)} type codes, {len(issuers)} issuer codes -> {target}")
    return target


def build_channel(corpora: Path, out: Path) -> Path:
    """The OCR channel from corpora/garble/train.jsonl (made by egov_extract.repair.garble)."""
    source = corpora / "garble" / "train.jsonl"
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    language = lm.load_file(out / lm.DATA_FILE)
    vocabulary = [w for w in language.vocab if w not in lm.SPECIALS and is_valid(w)]  # syllables, not acronyms
    model = ocr_channel.train_channel(((r["clean"], r["ocr"]) for r in rows), vocabulary)
    # The candidates of the readings training garble shows, worked out by the model as it
    # will be loaded (its JSON round trip), for the LM just built.
    model = ocr_channel.ChannelModel.from_bytes(model.to_bytes())
    forms = ocr_channel.queried_forms((r["ocr"] for r in rows), model)
    model.readings, model.readings_key = ocr_channel.precompute_readings(model, language, forms)
    target = out / ocr_channel.DATA_FILE
    target.write_bytes(model.to_bytes())
    print(f"OCR channel: {len(rows)} line pairs, {model.pairs} token pairs, "
          f"{len(model.chars.table)} characters, {len(model.tokens)} whole forms, "
          f"{len(model.forms)} indexed readings, {len(model.readings)} precomputed -> {target} "
          f"({target.stat().st_size / 1e3:.0f} kB)")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    build_lm(args.corpora, args.out)
    build_code_letters(args.corpora, args.out)
    build_number_forms(args.corpora, args.out)
    build_casing(args.corpora, args.out)
    build_citation_codes(args.corpora, args.out)
    build_channel(args.corpora, args.out)
    print(f"done in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
