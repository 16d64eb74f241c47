import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov_extract.errors import UndecodableTextError
from egov_extract.ingest import ingest, ingest_bytes
from egov_extract.ingest.textfile import decode, split_pages

from tests.helpers import SEEDS

VIET = "Kết quả thực hiện Chính quyền điện tử: 11/14 cơ quan, tỷ lệ 85,7%; Đảng bộ tỉnh."

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps vowel letters precomposed and writes tone marks as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (VIET.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + VIET.encode("utf-8"), "utf-8"),
        (VIET.encode("utf-16"), "utf-16"),
        (VIET.encode("utf-16-le"), "utf-16-le"),
        (VIET.encode("utf-16-be"), "utf-16-be"),
        (to_cp1258(VIET), "cp1258"),
    ],
)
def test_encodings_are_detected(data, encoding):
    text, found = decode(data, "r.txt")
    assert text == VIET
    assert found == encoding


def test_cp1258_decodes_to_nfc():
    text, _ = decode(to_cp1258("Quyết định"), "r.txt")
    assert text == unicodedata.normalize("NFC", "Quyết định")
    assert len(text) == len("Quyết định")


def test_binary_garbage_is_undecodable_and_named():
    data = bytes(range(1, 32)) * 20 + b"\x81\x8a\x8d"
    with pytest.raises(UndecodableTextError, match="garbage.txt: not decodable"):
        ingest_bytes(data, "garbage.txt")


def test_form_feeds_split_pages_and_a_trailing_one_is_dropped():
    assert split_pages("một\fhai\fba\f") == ["một", "hai", "ba"]
    assert split_pages("a\r\nb\rc") == ["a\nb\nc"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\f\r", blacklist_categories=("Cs",))), min_size=1))
def test_split_pages_inverts_form_feed_join(pages):
    joined = "\f".join(pages)
    got = split_pages(joined)
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    assert got == pages


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_utf8_and_utf16_round_trip(text):
    for encoding in ("utf-8", "utf-16"):
        assert decode(text.encode(encoding), "p.txt")[0] == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_ingests_as_one_utf8_page(path):
    doc = ingest(path)
    assert doc.kind == "text" and doc.encoding == "utf-8"
    assert [p.method for p in doc.pages] == ["plain"]
    assert doc.pages[0].text.strip()
    assert doc.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def test_legacy_garble_is_kept_verbatim():
    # Ingestion does not repair: the garble reaches the repair stage as the OCR left it.
    text = ingest(SEEDS / "000_d6625d6bc845ad83.txt").pages[0].text
    assert "Nghi quyét s6 17/NQ-CP ngay 07/3/2019 ctia Chinh phu" in text


def test_markdown_media_type(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("## BÁO CÁO\n\nNội dung", encoding="utf-8")
    assert ingest(path).media_type == "text/markdown"
