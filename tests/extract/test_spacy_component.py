"""The spaCy component: spans and entities on a Doc, also on garbled text."""

import pytest

spacy = pytest.importorskip("spacy")

import egov_extract.integrations.spacy_component  # noqa: E402,F401  registers the factory


def blank():
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def test_spans_and_entities():
    nlp = blank()
    nlp.add_pipe("egov_extract")
    doc = nlp("Căn cứ Quyết định số 1407/QĐ-UBND ngày 12/6/2024 của UBND tỉnh; đạt 11/14 cơ quan, tỷ lệ 78,6%.")
    labels = {s.label_ for s in doc.spans["egov_extract"]}
    assert labels >= {"CITATION", "INDICATOR", "DATE"}
    citation = next(e for e in doc.ents if e.label_ == "CITATION")
    assert citation._.egov["number"] == "1407/QĐ-UBND"
    assert "1407/QĐ-UBND" in citation.text
    assert [e.label_ for e in doc.ents].count("CITATION") == 1  # the date inside it is not a second entity


def test_repair_mode_marks_the_garbled_words():
    nlp = blank()
    nlp.add_pipe("egov_extract", config={"repair": True})
    doc = nlp("Can cu Quyét dinh s6 2989/QD-UBND ngay 23/12/2020 cia Uy ban nhan dan tinh")
    citation = next(e for e in doc.ents if e.label_ == "CITATION")
    assert citation._.egov["number"] == "2989/QĐ-UBND"
    assert "2989/QD-UBND" in citation.text  # the span covers the Doc's own (garbled) characters


def test_factory_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert "egov_extract" in names
