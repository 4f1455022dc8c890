"""Clean: raw Documents -> Articles with a clean body and source-attributed metadata.

    clean_document(doc, settings) -> Article      raises InputError(doc.source, reason)

The wire-copy steps are public for reuse and tests: `clean_wire_text`, `strip_boilerplate`,
`strip_signoff`, `split_dateline`, `detect_agency`, `normalise_agency`.
"""
from __future__ import annotations

from .agencies import normalise_agency
from .document import article_id, clean_document, is_html
from .language import detect_language
from .meta import normalise_date
from .wire import Dateline, WireText, clean_wire_text, detect_agency, split_dateline, strip_boilerplate, strip_signoff

__all__ = [
    "clean_document", "article_id", "is_html",
    "clean_wire_text", "strip_boilerplate", "strip_signoff", "split_dateline", "detect_agency",
    "normalise_agency", "normalise_date", "detect_language", "Dateline", "WireText",
]
