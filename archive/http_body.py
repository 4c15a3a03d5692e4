"""An archived HTTP body as a browser sees it: chunked transfer encoding and Content-Encoding undone,
saying when it is not all there (a chunked body without its last chunk, a compressed stream that
stops before its end, fewer bytes than Content-Length announces)."""

from __future__ import annotations

import zlib

from warcio.statusandheaders import StatusAndHeaders

_MAX_CHUNK_LINE = 1024


def dechunk(data: bytes) -> tuple[bytes, bool]:
    """The body of a chunked message and whether its last (zero-size) chunk was there.

    Bytes that do not parse as chunks end the body there (reported as incomplete).

    >>> dechunk(b"3\\r\\nabc\\r\\n2;x=1\\r\\nde\\r\\n0\\r\\n\\r\\n")
    (b'abcde', True)
    >>> dechunk(b"3\\r\\nabc\\r\\n5\\r\\nde")
    (b'abcde', False)
    """
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = data.find(b"\r\n", position, position + _MAX_CHUNK_LINE)
        if line_end == -1:
            return b"".join(parts), False
        size_text = data[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return b"".join(parts), False
        if size == 0:
            return b"".join(parts), True
        start = line_end + 2
        parts.append(data[start: start + size])
        if start + size > len(data):
            return b"".join(parts), False
        position = start + size + 2


def decoded_body(payload: bytes, http: StatusAndHeaders) -> tuple[bytes, str | None]:
    """(body with transfer and content encodings undone, why it is incomplete or None)."""
    body, why = payload, None
    if "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
        body, complete = dechunk(payload)
        if not complete:
            why = "the chunked HTTP body ends before its last chunk"
    else:
        announced = (http.get_header("Content-Length") or "").strip()
        bodiless = http.get_statuscode() in ("304", "204")
        if announced.isdigit() and int(announced) > len(payload) and not bodiless:
            why = f"the HTTP body has {len(payload)} of the {announced} bytes its Content-Length announces"
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate") and body:
        body, stopped = _inflate(body, encoding)
        why = why or stopped
    return body, why


def _inflate(data: bytes, encoding: str) -> tuple[bytes, str | None]:
    wbits = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
    for bits in (wbits, -zlib.MAX_WBITS):  # deflate: zlib-wrapped as the RFC says, or raw as IIS sent it
        inflater = zlib.decompressobj(bits)
        try:
            out = inflater.decompress(data)
        except zlib.error as error:
            if encoding == "deflate" and bits == wbits:
                continue
            return b"", f"its {encoding} Content-Encoding cannot be undone ({str(error).rpartition(': ')[2]})"
        if not inflater.eof:
            return out, f"its {encoding} compressed body stops before the end of the compressed stream"
        return out, None
    return b"", f"its {encoding} Content-Encoding cannot be undone"
