"""Build egov_extract/data/legacy_encodings.json: the pre-Unicode Vietnamese encodings as tables.

    python scripts/make_legacy_tables.py [--check]

Sources, each the encoding's published definition as a standard tool implements it:

- TCVN3 (ABC; the .VnTime fonts): TCVN 5712:1993, as GNU libc's iconv implements it
  (``TCVN5712-1``). TCVN3 is the code table's VN3 subset: the upper half of VN1, with lower-case
  toned letters and the seven capitals Ă Â Ê Ô Ơ Ư Đ. VN1's upper-case toned letters (in C0 and
  0x80-0x9F, and some of the upper half) are not TCVN3: the .VnTimeH fonts draw capitals at the
  lower-case codes instead, so those bytes are left out here.
- VISCII: RFC 1456 (VISCII 1.1), as iconv implements it (``VISCII``).
- VPS: the Vietnamese Professionals Society's code table as GNU recode implements it (``VPS``);
  recode's table gives no code for 'Ỗ' and leaves 9 bytes undefined.
- VNI (VNI-Windows fonts): not a code table but a composition: a base letter followed by one
  mark byte (the Windows-1252 characters ù ø û õ ï for the tones, â á à å ã ä for the
  circumflex with each tone, ê é è ú ü ë for the breve with each tone), with ơ ư đ and the toned
  i and ỵ as single bytes. Written out below from VNI's font table; checked against GNU recode's
  VNI decoder when recode is installed.
- VIQR: RFC 1456's mnemonics (' ` ? ~ . for the tones, ^ ( + for the letter marks, dd for đ,
  backslash to escape); the decoder is code (egov_extract/ingest/legacy.py), the marks data.

Windows-1258 needs no table: Python's cp1258 codec is the published mapping.

The generated file is committed; rerun this script (with iconv and recode installed:
apt-get install libc-bin recode) to rebuild it, and with --check to verify it is current.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "egov_extract" / "data" / "legacy_encodings.json"

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> list[str]:
    """The 134 toned or marked letters and đ, both cases (plain ASCII vowels included)."""
    out = []
    for vowel in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            out += [letter, letter.upper()]
    return sorted(set(out + ["đ", "Đ"]))


def _byte_table(tool: list[str]) -> dict[int, str]:
    table = {}
    for b in range(256):
        run = subprocess.run(tool, input=bytes([b]), capture_output=True, check=False)
        if run.returncode == 0:
            text = run.stdout.decode("utf-8")
            if len(text) == 1 and text != "\ufffd":
                table[b] = text
    return table


def iconv_table(name: str) -> dict[int, str]:
    return _byte_table(["iconv", "-f", name, "-t", "UTF-8"])


def recode_table(name: str) -> dict[int, str]:
    return _byte_table(["recode", "-f", f"{name}..UTF-8"])


def _is_upper_toned(ch: str) -> bool:
    """An upper-case letter with a tone mark: not in TCVN3 (VN3)."""
    return ch.isupper() and any(m in unicodedata.normalize("NFD", ch) for m in TONES[1:])


def tcvn3() -> dict[int, str]:
    vn1 = iconv_table("TCVN5712-1")
    return {
        b: ch
        for b, ch in vn1.items()
        if b >= 0xA1 and not _is_upper_toned(ch) and not unicodedata.combining(ch)
    }


def high_letters(table: dict[int, str]) -> dict[int, str]:
    """The bytes that differ from ASCII/Latin-1 identity: what the data file needs."""
    return {b: ch for b, ch in table.items() if chr(b) != ch or b >= 0x80}


# VNI: mark bytes, written as the Windows-1252 characters the VNI fonts draw marks at.
VNI_TONE_MARKS = {1: "ø", 2: "ù", 3: "û", 4: "õ", 5: "ï"}  # huyền sắc hỏi ngã nặng
VNI_CIRCUMFLEX = {0: "â", 1: "à", 2: "á", 3: "å", 4: "ã", 5: "ä"}
VNI_BREVE = {0: "ê", 1: "è", 2: "é", 3: "ú", 4: "ü", 5: "ë"}
VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}
VNI_I = {0: "i", 1: "ì", 2: "í", 3: "æ", 4: "ó", 5: "ò"}


def vni() -> dict[str, str]:
    """Vietnamese letter -> its VNI spelling (as Windows-1252 characters), both cases."""
    out: dict[str, str] = {}
    for tone in range(6):
        for base in "aeouy":
            out[base + TONES[tone]] = base + VNI_TONE_MARKS.get(tone, "")
        out["â" + TONES[tone]] = "a" + VNI_CIRCUMFLEX[tone]
        out["ê" + TONES[tone]] = "e" + VNI_CIRCUMFLEX[tone]
        out["ô" + TONES[tone]] = "o" + VNI_CIRCUMFLEX[tone]
        out["ă" + TONES[tone]] = "a" + VNI_BREVE[tone]
        out["ơ" + TONES[tone]] = VNI_SINGLE["ơ"] + VNI_TONE_MARKS.get(tone, "")
        out["ư" + TONES[tone]] = VNI_SINGLE["ư"] + VNI_TONE_MARKS.get(tone, "")
        out["i" + TONES[tone]] = VNI_I[tone]
    out["y" + TONES[5]] = "î"  # ỵ is one byte, like the toned i
    out["đ"] = VNI_SINGLE["đ"]
    table = {}
    for letter, spelling in out.items():
        letter = unicodedata.normalize("NFC", letter)
        if letter in "aeiouy":
            continue
        table[letter] = spelling
        table[letter.upper()] = spelling.upper()
    return dict(sorted(table.items()))


VIQR = {
    "tones": {"`": 1, "'": 2, "?": 3, "~": 4, ".": 5},
    "letter_marks": {"^": {"a": "â", "e": "ê", "o": "ô"}, "(": {"a": "ă"}, "+": {"o": "ơ", "u": "ư"}},
    "d_bar": "dd",
    "escape": "\\",
}


def check_vni_with_recode(table: dict[str, str]) -> None:
    if shutil.which("recode") is None:
        print("recode not installed: VNI not cross-checked", file=sys.stderr)
        return
    for letter, spelling in table.items():
        run = subprocess.run(["recode", "-f", "VNI..UTF-8"], input=spelling.encode("cp1252"), capture_output=True, check=True)
        got = unicodedata.normalize("NFC", run.stdout.decode("utf-8"))
        if got == letter:
            continue
        # recode 3.6 reads capital A + 'É' as 'Ằ' and A + 'È' as 'Ắ', the other way round from its
        # own lower case and from the VNI font table (the breve row goes ê é è ú ü ë: plain, sắc,
        # huyền, hỏi, ngã, nặng, as the plain row goes ù ø û õ ï). Lower case is checked strictly.
        if letter.islower() or letter not in "ẮẰ":
            raise SystemExit(f"VNI {letter!r}: our spelling {spelling!r} decodes as {got!r} in recode")


def build() -> dict:
    for tool in ("iconv", "recode"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed to rebuild the tables (apt-get install libc-bin recode)")
    letters = set(vietnamese_letters())
    tables = {
        "tcvn3": tcvn3(),
        "viscii": high_letters(iconv_table("VISCII")),
        "vps": high_letters(recode_table("VPS")),
    }
    vni_table = vni()
    check_vni_with_recode(vni_table)
    missing = {name: sorted(letters - set(t.values()) - set("aeiouyAEIOUY")) for name, t in tables.items()}
    return {
        "about": (
            "Pre-Unicode Vietnamese encodings, generated by scripts/make_legacy_tables.py from their "
            "published definitions (TCVN 5712:1993 VN3 and RFC 1456 VISCII via GNU libc iconv, VPS via "
            "GNU recode, VNI's composition of base letters and mark bytes, RFC 1456 VIQR)."
        ),
        "single_byte": {
            name: {f"{b:02X}": ch for b, ch in sorted(t.items())} for name, t in tables.items()
        },
        "missing_letters": {name: letters_ for name, letters_ in missing.items() if letters_},
        "vni": vni_table,
        "viqr": VIQR,
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    text = render(build())
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} is stale: rerun scripts/make_legacy_tables.py")
        print(f"{OUT} is current")
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
