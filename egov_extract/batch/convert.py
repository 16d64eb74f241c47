"""One file through ingest -> repair -> extract: the unit of work a batch worker runs.

The same function runs in a local process pool and on a Dask cluster, so both engines give the
same bytes. It returns plain JSON strings and tuples (cheap to pickle, nothing shared), or the
error that stopped the file: failures are data, never an exception that kills the batch.
"""

from __future__ import annotations

import os
import traceback

from .. import __version__
from ..errors import EgovExtractError


def convert_file(path: str, ocr: bool = True, lang: str = "vie", dpi: int = 300, page_workers: int = 1, encoding: str | None = None) -> dict:
    """{'ok': True, sha256, kind, ..., report_json} or {'ok': False, 'code', 'message'}."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one core per worker: Tesseract must not spawn threads
    from ..extract import extract_document
    from ..ingest import ingest
    from ..repair import repair_document

    try:
        document = ingest(path, ocr=ocr, workers=page_workers, lang=lang, dpi=dpi, encoding=encoding)
        repaired = repair_document(document)
        report = extract_document(document, repaired)
    except EgovExtractError as exc:
        return {"ok": False, "code": exc.code, "message": str(exc)}
    except Exception as exc:  # a bug or an unforeseen file: recorded with its cause, the batch goes on
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return {"ok": False, "code": "internal-error", "message": f"{path}: {type(exc).__name__}: {exc} ({last.filename}:{last.lineno})"}
    return {
        "ok": True,
        "sha256": document.sha256,
        "kind": document.kind,
        "media_type": document.media_type,
        "size_bytes": document.size_bytes,
        "pages": [(p.number, p.method, p.ocr_confidence, len(p.text)) for p in document.pages],
        "pages_ocr": sum(p.method == "ocr" for p in document.pages),
        "page_errors": [(e.page, e.code, e.message) for e in document.errors],
        "document_json": document.model_dump_json(),
        "repair_json": repaired.model_dump_json(),
        "report_json": report.model_dump_json(),
        "converter": __version__,
    }


__all__ = ["convert_file"]
