import pytest

from egov_extract.errors import EmptyFileError, UnsupportedFileTypeError
from egov_extract.ingest.sniff import looks_ingestible, sniff


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"PK\x03\x04word/document.xml", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office"),
    ],
)
def test_binary_formats_are_named(data, what):
    with pytest.raises(UnsupportedFileTypeError, match=what) as info:
        sniff(data, "scan.bin")
    assert info.value.source == "scan.bin"


def test_empty_and_blank_files():
    with pytest.raises(EmptyFileError, match="empty"):
        sniff(b"", "a.txt")
    with pytest.raises(EmptyFileError, match="whitespace"):
        sniff(b" \n\t\n", "a.txt")


def test_pdf_header_after_junk_is_still_a_pdf():
    assert sniff(b"\r\n garbage %PDF-1.7\n...", "x") == "pdf"
    assert sniff("Báo cáo".encode(), "x") == "text"


def test_directory_walk_filter():
    assert looks_ingestible("BAO-CAO.PDF") and looks_ingestible("a.md") and looks_ingestible("b.txt")
    assert looks_ingestible("scan.png") and looks_ingestible("notes.docx") and looks_ingestible("trang.HTML")
    assert not looks_ingestible("bang.xlsx") and not looks_ingestible("anh.gif")
