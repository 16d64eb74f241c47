import pydantic
import pytest

from egov_extract.datamodel import Document, Page, Span

SHA = "0" * 64


def _doc(*texts: str) -> Document:
    pages = tuple(Page(number=i, text=t, method="plain") for i, t in enumerate(texts, 1))
    return Document(source="a.txt", sha256=SHA, size_bytes=1, media_type="text/plain", kind="text", pages=pages)


def test_span_quotes_the_page_text():
    doc = _doc("Số: 413/BC-SKHCN", "Chính quyền điện tử")
    assert doc.quote(Span(source="a.txt", page=2, start=0, end=5)) == "Chính"


def test_span_rejects_reversed_range_and_foreign_document():
    with pytest.raises(pydantic.ValidationError):
        Span(source="a.txt", page=1, start=5, end=2)
    with pytest.raises(ValueError):
        _doc("x").quote(Span(source="b.txt", page=1, start=0, end=1))


def test_records_are_frozen_and_forbid_unknown_fields():
    page = Page(number=1, text="x", method="plain")
    with pytest.raises(pydantic.ValidationError):
        page.text = "y"
    with pytest.raises(pydantic.ValidationError):
        Page(number=1, text="x", method="plain", colour="red")


def test_pages_must_be_numbered_in_order():
    with pytest.raises(pydantic.ValidationError):
        Document(
            source="a.txt", sha256=SHA, size_bytes=1, media_type="text/plain", kind="text",
            pages=(Page(number=2, text="", method="plain"),),
        )


def test_page_lookup_names_the_document():
    with pytest.raises(IndexError, match="a.txt has no page 3"):
        _doc("x", "y").page(3)


def test_json_round_trip_is_exact():
    doc = _doc("Tỷ lệ 85,7%", "11/14 cơ quan")
    again = Document.model_validate_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()
