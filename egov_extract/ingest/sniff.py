"""Tell a PDF from a text file from everything else, by content rather than by name."""

from __future__ import annotations

from typing import Literal

from ..errors import EmptyFileError, UnsupportedFileTypeError

FileType = Literal["pdf", "text"]

# Magic numbers of formats people are likely to hand us by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX/ODT are ZIP files)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (DOC/XLS)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# Formats read by `formats` (by content; the suffix only decides what a folder walk picks up).
DOCUMENT_SUFFIXES = {".docx", ".odt", ".doc", ".rtf", ".html", ".htm", ".xhtml", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def sniff(data: bytes, source: str) -> FileType:
    """Classify file content as 'pdf' or 'text', or raise a typed error naming the cause."""
    if not data.strip():
        raise EmptyFileError(source, "the file is empty" if not data else "the file holds only whitespace")
    # The PDF header may be preceded by junk; readers accept it within the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFileTypeError(
                source, f"this is {what}, not a PDF or text file; convert it to PDF first"
            )
    return "text"


def is_markdown(source: str) -> bool:
    """Markdown is text; the suffix only decides the media type we report."""
    return source.lower().endswith((".md", ".markdown"))


def looks_ingestible(name: str) -> bool:
    """Whether a directory walk should pick this file up."""
    lower = name.lower()
    return lower.endswith(".pdf") or any(lower.endswith(s) for s in _TEXT_SUFFIXES | DOCUMENT_SUFFIXES)
