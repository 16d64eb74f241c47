"""A small exception hierarchy: every user-facing failure names the file and the cause.

Each class carries the CLI exit code it maps to, so the CLI never shows a traceback for a
user error and scripts can tell causes apart.
"""

from __future__ import annotations

OCR_INSTALL_HINT = (
    "install it with: apt-get install tesseract-ocr tesseract-ocr-vie "
    "(Debian/Ubuntu), or point TESSDATA_PREFIX at a folder holding vie.traineddata"
)


class EgovExtractError(Exception):
    """Base of every error this library raises on purpose."""

    exit_code = 1
    code = "error"

    def __init__(self, source: str, cause: str) -> None:
        self.source = source
        self.cause = cause
        super().__init__(f"{source}: {cause}")


class InputError(EgovExtractError):
    """The input file cannot be turned into a document."""


class FileMissingError(InputError):
    exit_code = 3
    code = "missing-file"


class UnsupportedFileTypeError(InputError):
    exit_code = 4
    code = "unsupported-type"


class EmptyFileError(InputError):
    exit_code = 5
    code = "empty-file"


class EncryptedPDFError(InputError):
    exit_code = 6
    code = "encrypted-pdf"


class CorruptPDFError(InputError):
    exit_code = 7
    code = "corrupt-pdf"


class NoPagesError(InputError):
    exit_code = 8
    code = "no-pages"


class UndecodableTextError(InputError):
    exit_code = 9
    code = "undecodable-text"


class CorruptDocumentError(InputError):
    """A DOCX, ODT, RTF or image file that cannot be read (a broken ZIP, XML or image)."""

    exit_code = 13
    code = "corrupt-document"


LIBREOFFICE_INSTALL_HINT = (
    "install LibreOffice with: bash scripts/setup.sh libreoffice (or apt-get install "
    "libreoffice-writer-nogui), or save the file as DOCX or PDF first"
)


class ConverterUnavailableError(EgovExtractError):
    """A legacy .doc file needs LibreOffice, which is not installed; the message says how to install it."""

    exit_code = 11
    code = "converter-unavailable"


class OcrUnavailableError(EgovExtractError):
    """Tesseract or its Vietnamese model is missing; the message says how to install it."""

    exit_code = 10
    code = "ocr-unavailable"


ALL_ERRORS: tuple[type[EgovExtractError], ...] = (
    FileMissingError,
    UnsupportedFileTypeError,
    EmptyFileError,
    EncryptedPDFError,
    CorruptPDFError,
    NoPagesError,
    UndecodableTextError,
    CorruptDocumentError,
    ConverterUnavailableError,
    OcrUnavailableError,
)
