"""What kind of input a byte string is, by content first (suffixes lie), suffix second."""
from __future__ import annotations

import gzip
import json
import re
import zlib
from typing import Literal

Kind = Literal["warc", "gzip", "feed", "html", "jsonl", "json", "text"]

HEAD_BYTES = 8192


def sniff(head: bytes, name: str = "", content_type: str = "") -> Kind:
    """The kind of an input from its first bytes, its name and a declared content type."""
    lower_name = name.casefold()
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(head).startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if lower_name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = content_type.casefold()
    json_name = lower_name.endswith((".json", ".jsonl", ".ndjson")) or "json" in ctype
    if body.startswith(b"{") and (json_name or _first_line_is_object(body)):
        return "jsonl" if lower_name.endswith((".jsonl", ".ndjson")) or _looks_jsonl(body) else "json"
    if body.startswith(b"[") and (json_name or re.match(rb"\[\s*[{\]]", body)):
        return "json"
    window = body[:4096]
    if b"<html" in window or b"<!doctype html" in window:
        return "html"
    if b"<rss" in window or b"<feed" in window or b"<rdf:rdf" in window or "rss" in ctype or "atom" in ctype:
        return "feed"
    if "html" in ctype or body.startswith((b"<head", b"<body", b"<article", b"<p>", b"<div")):
        return "html"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except (zlib.error, gzip.BadGzipFile):
        return b""


def _first_line_is_object(body: bytes) -> bool:
    if b"\n" not in body:  # a first line longer than the sniffed head
        return body.startswith(b'{"')
    line = body.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _looks_jsonl(body: bytes) -> bool:
    """Several lines, each a complete JSON object (a pretty-printed .json has no such lines)."""
    lines = [ln for ln in body.split(b"\n") if ln.strip()]
    return len(lines) >= 2 and _first_line_is_object(body) and lines[1].lstrip().startswith(b"{")
