"""Generate legacy-encoded Vietnamese files from corpus text: plain text and PDF text layers.

    python scripts/make_legacy_fixtures.py OUT_DIR [N_TEXTS]

Each text is written as a writer of the time would have it: TCVN3 (capitals TCVN3 lacks written
with the small letter's code, as .VnTime documents do; PDFs in .VnTime with all-capital lines in
.VnTimeH), VNI (PDFs in VNI-Times), VIQR (RFC 1456, literal marks after vowels escaped), VISCII,
VPS, and Windows-1258 both as Word wrote it (precomposed where the code page has the letter) and
fully decomposed. Characters an encoding has no code for (typographic quotes and dashes) are
replaced as a writer would have typed them ('"', '-'); the UTF-8 truth is that same text.

Used by tests/ingest/test_legacy.py and benchmarks/formats.py; PDFs need the dev extras
(reportlab) and a TTF font (scripts/make_fixture_pdfs.py's FONT_CANDIDATES).
"""

from __future__ import annotations

import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract.ingest import legacy  # noqa: E402

VARIANTS = ("tcvn3", "vni", "viqr", "viscii", "vps", "cp1258", "cp1258-decomposed")
"""What a file is written in; `expected_encoding` gives the name detection should find."""
PDF_VARIANTS = ("tcvn3", "vni")
PDF_FONTS = {"tcvn3": (".VnTime", ".VnTimeH"), "vni": ("VNI-Times", "VNI-Times")}

_TYPED = {
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2018": "'", "\u2019": "'", "\u2026": "...", "\u2022": "-", "\u00a0": " ", "\u00ad": "", "\u200b": "",
    "\ufeff": "", "\t": " ",
}


def expected_encoding(variant: str) -> str:
    return "cp1258" if variant.startswith("cp1258") else variant


def typed_text(text: str, variant: str) -> str:
    """`text` as a writer with this encoding would have typed it: NFC, characters it cannot
    hold replaced ('“' -> '"') or dropped."""
    encoding = expected_encoding(variant)
    out = []
    for ch in unicodedata.normalize("NFC", text.replace("\r\n", "\n")):
        ch = _TYPED.get(ch, ch)
        for c in ch:
            try:
                legacy.encode(c, encoding)
            except UnicodeEncodeError:
                continue
            out.append(c)
    return "".join(out)


def encode(text: str, variant: str) -> bytes:
    if variant == "cp1258-decomposed":
        return legacy.encode_cp1258_decomposed(text)
    return legacy.encode(text, expected_encoding(variant))


@dataclass(frozen=True)
class Sample:
    name: str
    text: str  # the truth, typed for its variant
    variant: str

    @property
    def data(self) -> bytes:
        return encode(self.text, self.variant)


def corpus_texts() -> list[tuple[str, str]]:
    """Clean corpus documents no model was trained on: the official documents of 2025 (not a
    training folder), less those kept for scoring the reconcile benchmark ('findings_test' of
    corpora/split.json), and the held-out provincial reports."""
    import json

    spec = json.loads((ROOT / "corpora" / "split.json").read_text(encoding="utf-8"))
    kept_out = set(spec.get("findings_test", ()))
    heldout = set(spec["heldout"])
    out = []
    for folder in ("official", "reports"):
        for path in sorted((ROOT / "corpora" / folder).glob("*.txt")) + sorted((ROOT / "corpora" / folder).glob("*.md")):
            rel = f"{folder}/{path.name}"
            if rel in kept_out or (folder == "reports" and rel not in heldout):
                continue
            text = path.read_text(encoding="utf-8")
            if len(text) > 400 and path.stem.upper() != "README":
                out.append((f"{folder}/{path.stem}", text))
    return out


LENGTHS = ((2, "letter"), (10, "short"), (40, "page"), (10_000, "document"))
MAX_CHARS = 30_000


def excerpt(text: str, lines: int, rng: random.Random) -> str:
    """`lines` consecutive non-empty lines from a random place (a whole document, capped)."""
    rows = [line.strip() for line in text.split("\n") if line.strip()]
    if lines >= len(rows):
        chosen = rows
    else:
        start = rng.randrange(0, len(rows) - lines + 1)
        chosen = rows[start : start + lines]
    out = "\n".join(chosen)
    if len(out) > MAX_CHARS:
        out = out[: out.rfind("\n", 0, MAX_CHARS)]
    return out + "\n"


def samples(n_texts: int, seed: int = 19, variants: tuple[str, ...] = VARIANTS) -> list[Sample]:
    """n_texts excerpts per variant (lengths cycling from a two-line letter to a whole document),
    each from a different corpus document chosen with a fixed seed."""
    rng = random.Random(seed)
    docs = corpus_texts()
    out = []
    for variant in variants:
        chosen = rng.sample(docs, min(n_texts, len(docs)))
        for i, (name, text) in enumerate(chosen):
            lines, label = LENGTHS[i % len(LENGTHS)]
            truth = typed_text(excerpt(text, lines, rng), variant)
            for _ in range(20):  # an excerpt all in ASCII (an English note) is the same in every encoding
                if not truth.isascii():
                    break
                truth = typed_text(excerpt(text, lines, rng), variant)
            out.append(Sample(f"{variant}/{label}-{i:03d}-{name.replace('/', '-')}", truth, variant))
    return out


# --- PDFs ---------------------------------------------------------------------------------------

def _font_path() -> str:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    ):
        if Path(path).exists():
            return path
    raise SystemExit("no TTF font found; apt-get install fonts-dejavu-core")


def _register(name: str) -> str:
    """A TTF registered under a legacy font's name, as a PDF made from such a document names it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = "Legacy" + "".join(ch for ch in name if ch.isalnum())
    if key not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(key, _font_path())
        font.face.name = name.encode("ascii")
        pdfmetrics.registerFont(font)
    return key


def _is_capital_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def legacy_pdf(text: str, variant: str, lines_per_page: int = 45, fonts: tuple[str, str] | None = None) -> bytes:
    """A PDF whose text layer carries `text` in a legacy font's codes (drawn as Windows-1252
    characters, as PDFium reads them): TCVN3 in .VnTime, capital lines in .VnTimeH; VNI in
    VNI-Times. `fonts` names the fonts otherwise (a PDF whose embedded fonts were renamed)."""
    import io

    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    regular, capitals = fonts or PDF_FONTS[variant]
    fonts = {False: _register(regular), True: _register(capitals)}
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.0, 842.0), invariant=1)
    c.setCreator("egov_extract legacy fixtures")
    rows: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        for part in simpleSplit(line, fonts[False], 11, 595.0 - 128):
            rows.append((part, _is_capital_line(line)))
    for start in range(0, max(len(rows), 1), lines_per_page):
        for i, (row, caps) in enumerate(rows[start : start + lines_per_page]):
            data = encode(row, variant)
            drawn = "".join(legacy._cp1252_char(b) for b in data)
            c.setFont(fonts[caps], 11)
            c.drawString(64, 842 - 64 - i * 16, drawn)
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf_truth(text: str, lines_per_page: int = 45) -> list[str]:
    """The pages' text as `legacy_pdf` lays it out (wrapped lines), for comparison."""
    from reportlab.lib.utils import simpleSplit

    key = _register(PDF_FONTS["tcvn3"][0])
    rows = [part for line in text.split("\n") if line.strip() for part in simpleSplit(line, key, 11, 595.0 - 128)]
    return ["\n".join(rows[i : i + lines_per_page]) for i in range(0, max(len(rows), 1), lines_per_page)]


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    for sample in samples(n):
        path = out / (sample.name + ".txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.data)
        (out / (sample.name + ".truth.txt")).write_text(sample.text, encoding="utf-8")
        print(path)
