"""Refuse what is not an article before any work is spent on it: empty, binary, too large."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

_SAMPLE = 65536
# C0/C1 control characters other than whitespace, and the replacement character
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def human_size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def too_large_reason(size: int, limit: int) -> str:
    """"file too large (52.4 MB > 20 MB limit)": the limit in the unit it is configured in."""
    limit_text = f"{limit / 1048576:g} MB" if limit % 1048576 == 0 else human_size(limit)
    return f"file too large ({human_size(size)} > {limit_text} limit)"


def check_size(source: str, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(source, too_large_reason(size, limit))


def decode_content(source: str, content: bytes | str, max_bytes: int, content_type: str = "") -> str:
    """Text of an input, or InputError naming why it is not text."""
    if isinstance(content, str):
        if len(content) > max_bytes // 4:  # only then can the UTF-8 size pass the limit
            check_size(source, len(content.encode("utf-8", "surrogatepass")), max_bytes)
        text = content
    else:
        check_size(source, len(content), max_bytes)
        text = _decode_bytes(source, content, content_type)
    if not text.strip():
        raise InputError(source, "empty input")
    _reject_unprintable(source, text)
    return text.lstrip("\ufeff")


def _decode_bytes(source: str, data: bytes, content_type: str) -> str:
    if not data.strip():
        raise InputError(source, "empty input")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(source, f"binary content (invalid {encoding})") from None
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(source, "binary content (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _declared_encodings(data, content_type):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None or best.encoding is None:
        raise InputError(source, "binary content (undecodable)")
    return data.decode(best.encoding, errors="replace")


def _declared_encodings(data: bytes, content_type: str) -> list[str]:
    found: list[str] = []
    declared = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    if declared:
        found.append(declared.group(1))
    in_page = _HTML_CHARSET.search(data[:4096])
    if in_page:
        found.append(in_page.group(1).decode("ascii", "ignore"))
    return found


def _reject_unprintable(source: str, text: str) -> None:
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise InputError(source, "binary content (NUL bytes)")
    bad = len(_CONTROL.findall(sample))
    if bad / max(1, len(sample)) > 0.05:
        raise InputError(source, "binary content (mostly non-printable)")
