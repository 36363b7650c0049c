"""Tell a document's format from its bytes, not from its file name."""

from __future__ import annotations

import io
import zipfile

from ita_extract.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError
from ita_extract.shared import SourceFormat

_PDF_MAGIC = b"%PDF-"
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN_PART = "word/document.xml"


def detect_format(data: bytes) -> SourceFormat:
    """Return the format of ``data``.

    Raises:
        EmptyDocumentError: ``data`` is empty or only white space.
        UnsupportedFormatError: the bytes are of no format ita_extract reads (a ZIP that is
            not a Word document, an image, plain text…).
        CorruptDocumentError: the bytes start like a DOCX (a ZIP) but the archive is broken.
    """
    if not data.strip():
        raise EmptyDocumentError("the file is empty")
    # -- PDF writers may put a few bytes of junk before the header; readers accept 1 KiB --
    if _PDF_MAGIC in data[:1024]:
        return SourceFormat.PDF
    if data.startswith(_OLE_MAGIC):
        return SourceFormat.DOC
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as error:
            raise CorruptDocumentError(f"broken ZIP archive (DOCX expected): {error}") from error
        if _DOCX_MAIN_PART in names:
            return SourceFormat.DOCX
        raise UnsupportedFormatError("a ZIP archive that is not a Word document")
    raise UnsupportedFormatError("not a PDF, DOCX or DOC file")
