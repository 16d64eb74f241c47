"""Every file under an input folder, accounted for: read as a document, or why not.

A batch or an audit must lose nothing silently. A file of a type we do not read (a spreadsheet,
a .zip, a .DS_Store) is listed as such; so is a file that is not a report although we could read
it: a README or licence, or a file whose content is not what its name says (a web page saved
as .pdf), which would otherwise be audited as a report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import regex

from .sniff import looks_ingestible

NOT_DOCUMENT = "not-a-document-type"
NOT_REPORT = "not-a-report"

# Names of files that describe a folder rather than being one of its documents.
_NOT_REPORT_NAMES = regex.compile(r"(?i)^(?:readme|license|licence|copying|changelog|changes|contributing|authors|notice|manifest)(?:[._-].*)?$")
_HEAD = 2048


@dataclass(frozen=True)
class Unread:
    path: str
    status: str  # NOT_DOCUMENT or NOT_REPORT
    reason: str


def _content(head: bytes) -> str:
    """What a file's first bytes say it is, in words."""
    from . import htmlfile, images

    if b"%PDF-" in head[:1024]:
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "a legacy Office file"
    if head.lstrip()[:5] == b"{\\rtf":
        return "an RTF document"
    kind = images.image_format(head)
    if kind:
        return f"a {kind.upper()} image"
    if htmlfile.looks_like_html(head):
        return "an HTML page"
    return "text"


# What a file named so must hold (a .doc may be RTF, HTML or DOCX as Word saved it: not checked).
_EXPECTED = {
    ".pdf": "a PDF",
    ".docx": "a ZIP archive", ".odt": "a ZIP archive",
    ".png": "a PNG image", ".jpg": "a JPEG image", ".jpeg": "a JPEG image", ".tif": "a TIFF image", ".tiff": "a TIFF image",
}


def not_a_report(path: str) -> str | None:
    """Why a file we could read is no report to audit, or None."""
    name = os.path.basename(path)
    if _NOT_REPORT_NAMES.match(name):
        return f"{name} describes its folder (a README, licence or change log), it is not a report"
    suffix = os.path.splitext(name)[1].lower()
    expected = _EXPECTED.get(suffix)
    if expected is None:
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return None  # unreadable: conversion reports it as a failure with its cause
    if not head.strip():
        return None  # empty: conversion reports it (empty-file)
    found = _content(head)
    if found != expected:
        return f"named {suffix} but holds {found} (a web page saved under a document's name?): not audited as a report"
    return None


def walk(paths: list[str], reports_only: bool = True) -> tuple[list[str], list[Unread]]:
    """(files to read, files not read with why), every file under directory inputs, sorted;
    a file given by name is read whatever its name. Without `reports_only`, files that are no
    reports (a README) are read too: only types we cannot read are left out."""
    files: list[str] = []
    unread: list[Unread] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        for root, dirs, names in os.walk(path):
            dirs.sort()
            for name in sorted(names):
                full = os.path.join(root, name)
                if not looks_ingestible(name):
                    suffix = os.path.splitext(name)[1].lower() or "no suffix"
                    unread.append(Unread(full, NOT_DOCUMENT, f"not a document type we read ({suffix})"))
                    continue
                reason = not_a_report(full) if reports_only else None
                if reason is not None:
                    unread.append(Unread(full, NOT_REPORT, reason))
                else:
                    files.append(full)
    return files, unread


__all__ = ["NOT_DOCUMENT", "NOT_REPORT", "Unread", "not_a_report", "walk"]
