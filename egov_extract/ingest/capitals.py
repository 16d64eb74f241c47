"""When a word opening with a toned vowel is capitalised, by its neighbours: 'Ủy ban' but
'ủy quyền', 'Thành ủy'; 'Đông Nam Á'. TCVN3 cannot write those capitals (`encodings.
restore_title_case` puts them back), and the syllable alone says too little: the corpus writes
'Ủy' capitalised 76 % of the time inside a sentence, yet 'ủy quyền' almost never.

Learned from the training side of corpora/ (`repair.corpus.split`): for each such syllable
inside a sentence (not at a sentence, line or list-item start, where anything is capitalised),
how often it is capitalised before a given next word and after a given previous word. Shipped as
`egov_extract/data/tcvn3_capitals.json`; rebuild with `python -m egov_extract.ingest.capitals`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_FILE = "tcvn3_capitals.json"
MIN_COUNT = 3  # a neighbour seen fewer times with the word says nothing
TONED_VOWELS = frozenset("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _opens_with_toned_vowel(word: str) -> bool:
    return word[:1].lower() in TONED_VOWELS


def train(texts: Iterable[str]) -> dict[str, dict[str, float]]:
    """{'next': {'ủy ban': rate, ...}, 'prev': {'thành ủy': rate, ...}}: the share capitalised."""
    from ..repair.casing import initial_positions
    from ..repair.syllables import canonical, case_shape
    from ..repair.tokens import Kind, tokenize

    seen: dict[str, Counter[str]] = {"next": Counter(), "prev": Counter()}
    title: dict[str, Counter[str]] = {"next": Counter(), "prev": Counter()}
    for text in texts:
        tokens = tokenize(text)
        initial = initial_positions(tokens)
        words = [t for t in tokens if t.kind is Kind.WORD]
        for i, token in enumerate(words):
            if token.start in initial or not _opens_with_toned_vowel(token.text):
                continue
            shape = case_shape(token.text)
            if shape == "upper":
                continue
            word = canonical(token.text)
            between = lambda a, b: text[a.start + len(a.text) : b.start]  # noqa: E731
            if i + 1 < len(words) and between(token, words[i + 1]).strip(" ") == "":
                key = f"{word} {words[i + 1].text.lower()}"
                seen["next"][key] += 1
                title["next"][key] += shape == "title"
            if i > 0 and between(words[i - 1], token).strip(" ") == "":
                key = f"{words[i - 1].text.lower()} {word}"
                seen["prev"][key] += 1
                title["prev"][key] += shape == "title"
    return {
        side: {k: round(title[side][k] / n, 4) for k, n in sorted(seen[side].items()) if n >= MIN_COUNT}
        for side in ("next", "prev")
    }


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, float]]:
    with resources.files("egov_extract.data").joinpath(DATA_FILE).open(encoding="utf-8") as f:
        return json.load(f)


def rate(word: str, previous: str | None, following: str | None) -> float | None:
    """The share of times the corpus capitalises `word` (lower case, canonical) between these
    neighbours: the next word's evidence first ('ủy ban'), then the previous word's ('thành ủy');
    None when neither was seen often enough."""
    data = table()
    if following is not None:
        hit = data["next"].get(f"{word} {following.lower()}")
        if hit is not None:
            return hit
    if previous is not None:
        return data["prev"].get(f"{previous.lower()} {word}")
    return None


def main(out: Path | None = None) -> Path:
    from ..repair.corpus import split

    training, _ = split()
    model = train(path.read_text(encoding="utf-8") for path in training)
    out = out or Path(__file__).resolve().parents[1] / "data" / DATA_FILE
    out.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
