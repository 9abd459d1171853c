"""Decoding of text files: UTF-8, UTF-16/32 with BOM, GB18030; anything else is an error.

GB18030 decodes many byte strings that are really cp1252 or Latin-1, producing random
ideographs; charset-normalizer arbitrates so that such files fail loudly instead.
"""

from __future__ import annotations

import codecs

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_CODECS = {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950"}


class UndecodableText(ValueError):
    """Bytes that are none of the supported encodings."""


def decode_text(data: bytes) -> str:
    """Return the text of a file, or raise UndecodableText with what it looks like."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"invalid {codec} after its byte-order mark") from exc
    if b"\x00" in data:
        raise UndecodableText("binary content (NUL bytes) and no UTF-16 byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data).best()
    guessed = guess.encoding if guess is not None else "unknown"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UndecodableText(_unsupported(guessed)) from exc
    if guessed.replace("_", "") in _CHINESE_CODECS:
        return text
    raise UndecodableText(_unsupported(guessed))


def _unsupported(guessed: str) -> str:
    return (
        f"unsupported text encoding (looks like {guessed}); "
        "save it as UTF-8, UTF-16 with BOM or GB18030"
    )
