import json

from egov_extract.schemas import PUBLIC_RECORDS, render_schemas, stale_schemas
from tests.helpers import ROOT


def test_committed_schemas_are_current():
    stale = stale_schemas(ROOT / "schemas")
    assert not stale, f"regenerate with `python -m egov_extract.schemas`: {stale}"


def test_every_public_record_has_a_valid_schema():
    schemas = render_schemas()
    assert len(schemas) == len(PUBLIC_RECORDS)
    document = json.loads(schemas["Document.schema.json"])
    assert document["additionalProperties"] is False
    assert set(document["properties"]["kind"]["enum"]) == {
        "pdf-text", "pdf-scan", "pdf-mixed", "text", "docx", "odt", "doc", "rtf", "html", "image"
    }
