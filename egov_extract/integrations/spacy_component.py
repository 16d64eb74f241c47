"""spaCy component: egov_extract's matchers as spans and entities on a Doc.

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("egov_extract")            # found through the spacy_factories entry point
    doc = nlp("Căn cứ Quyết định số 1407/QĐ-UBND ngày 12/6/2024 ...")
    doc.spans["egov_extract"]               # CITATION, INDICATOR, AGENCY_LIST, DATE (may overlap)
    doc.ents                                # the same, without overlaps (citations win)
    span._.egov                             # the record's fields as a dict

With `repair=True` the matchers run on the repaired text and spans map back to the Doc's own
characters, so garbled legacy text gets entities where its garbled words stand.
"""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extract.agencies import find_agency_lists
from ..extract.citations import find_citations
from ..extract.dates import find_dates
from ..extract.indicators import find_indicators
from ..repair import repair_text

if not Span.has_extension("egov"):
    Span.set_extension("egov", default=None)

PRIORITY = {"CITATION": 0, "AGENCY_LIST": 1, "INDICATOR": 2, "DATE": 3}


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


class EgovExtractComponent:
    """Adds CITATION, INDICATOR, AGENCY_LIST and DATE spans to each Doc."""

    def __init__(self, repair: bool, spans_key: str) -> None:
        self.repair = repair
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        to_doc = lambda offset: offset  # noqa: E731
        if self.repair:
            result = repair_text(text)
            text, to_doc = result.text, result.to_original
        found: list[tuple[str, int, int, dict]] = []
        found += [("CITATION", c.start, c.end, asdict(c)) for c in find_citations(text)]
        found += [("INDICATOR", i.start, i.end, asdict(i)) for i in find_indicators(text)]
        found += [("AGENCY_LIST", a.start, a.end, asdict(a)) for a in find_agency_lists(text)]
        found += [("DATE", d.start, d.end, asdict(d)) for d in find_dates(text)]
        spans = []
        for label, start, end, data in found:
            span = doc.char_span(to_doc(start), to_doc(end), label=label, alignment_mode="expand")
            if span is not None:
                span._.egov = _jsonable(data)
                spans.append(span)
        spans.sort(key=lambda s: (s.start_char, PRIORITY[s.label_], -s.end_char))
        doc.spans[self.spans_key] = spans
        ranked = sorted(spans, key=lambda s: (PRIORITY[s.label_], s.start_char))
        doc.ents = sorted(filter_spans(ranked), key=lambda s: s.start_char)
        return doc


@Language.factory("egov_extract", default_config={"repair": False, "spans_key": "egov_extract"})
def create(nlp: Language, name: str, repair: bool, spans_key: str) -> EgovExtractComponent:
    """The registered factory (entry point `spacy_factories`)."""
    return EgovExtractComponent(repair, spans_key)
