"""An old page's bytes -> text, the way a browser would have shown it.

The order: a byte order mark or a declared charset (<meta charset>, <meta http-equiv>, <?xml encoding>;
but a one-byte charset over bytes that are UTF-8 with letters outside ASCII is read as UTF-8), strict UTF-8,
the encoding the user gave, a charset detector (trusted only when it finds a non-Latin script: detectors get
short Windows-1252 text wrong but CJK right), Windows-1252 as the last resort.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# Browsers read these labels as a wider Windows encoding (the WHATWG Encoding Standard); so do we.
BROWSER_ENCODINGS = {
    "latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254",
    "iso8859_11": "cp874", "tis_620": "cp874", "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030",
    "euc_kr": "cp949", "big5": "big5hkscs", "utf_16": "utf-8", "utf_16_le": "utf-8", "utf_16_be": "utf-8",
}
# Labels old pages use that Python's codecs don't know.
LABEL_ALIASES = {"x-sjis": "cp932", "windows-31j": "cp932", "x-euc-jp": "euc_jp", "x-mac-roman": "mac_roman",
                 "x-user-defined": "cp1252"}
DECLARED = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
                      re.IGNORECASE)
C1_CONTROLS = re.compile("[\x80-\x9f]")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Scripts a detector may be trusted with: their text can't be mistaken for Western European text.
NON_LATIN_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI")


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str  # Python's name for it
    how: str  # why this encoding: shown in the import report
    doubtful: bool = False  # some bytes could not be read: a person should look


def decode_page(raw: bytes, given: str | None = None) -> DecodedPage:
    """Decode an HTML page's bytes (see the module's order). Never raises; the worst case is cp1252 with �."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decoded(raw.decode(encoding, errors="replace"), encoding, "byte order mark")
    declared = declared_encoding(raw)
    if declared:
        text = _strict(raw, declared)
        if text is not None:
            return _utf8_under_a_single_byte_label(raw, text, declared) or _decoded(text, declared,
                                                                                   "declared in the page")
    text = _strict(raw, "utf-8")
    if text is not None:
        return _decoded(text, "utf-8", "UTF-8")
    if given:
        text = _strict(raw, given)
        if text is not None:
            return _decoded(text, given, "--encoding")
    detected = _detected(raw)
    if detected is not None:
        return detected
    text = raw.decode("cp1252", errors="replace")
    how = "Windows-1252 (the last resort)" + (f"; the page says {declared}, which does not fit" if declared else "")
    return _decoded(text, "cp1252", how, doubtful="\ufffd" in text)


def _utf8_under_a_single_byte_label(raw: bytes, declared_text: str, declared: str) -> DecodedPage | None:
    """A page that says windows-1252 (or another one-byte charset) but whose bytes are UTF-8 with multi-byte
    letters in it was re-saved as UTF-8 by an editor: read as it says, "hadn't" shows as "hadnâ€™t". Text
    in a one-byte charset is almost never valid UTF-8 by chance once it has letters outside ASCII."""
    if len(declared_text) != len(raw):  # the declared charset is not one byte per letter
        return None
    text = _strict(raw, "utf-8")
    if text is None or len(text) == len(raw):  # not UTF-8, or ASCII only: nothing tells them apart
        return None
    # Converted from Latin-1 that was really Windows-1252: its quotes became C1 controls (U+0092 for ’).
    text = C1_CONTROLS.sub(lambda m: _in_cp1252(m.group()), text)
    return _decoded(text, "utf-8", f"UTF-8 (the page says {declared}, but its bytes are UTF-8)")


def _in_cp1252(control: str) -> str:
    try:
        return control.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing in Windows-1252
        return control


def declared_encoding(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, as the encoding a browser would use; None if unknown."""
    match = DECLARED.search(raw[:4096])
    if not match:
        return None
    return normalise_encoding((match.group(1) or match.group(2)).decode("ascii", errors="replace"))


def normalise_encoding(label: str) -> str | None:
    """An encoding label -> Python's codec name, widened as browsers do; None when Python doesn't know it."""
    label = label.strip().lower()
    try:
        name = codecs.lookup(LABEL_ALIASES.get(label, label)).name.replace("-", "_")
    except LookupError:
        return None
    return BROWSER_ENCODINGS.get(name, name)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(raw: bytes) -> DecodedPage | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    encoding = normalise_encoding(best.encoding) or best.encoding
    text = _strict(raw, encoding)
    if text is None or not _mostly_non_latin(text):
        return None
    return _decoded(text, encoding, "detected")


def _mostly_non_latin(text: str) -> bool:
    """More than half of the page's non-ASCII letters belong to a script a detector reads reliably."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return False
    non_latin = sum(1 for c in letters if unicodedata.name(c, "").startswith(NON_LATIN_SCRIPTS))
    return non_latin * 2 > len(letters)


def _decoded(text: str, encoding: str, how: str, doubtful: bool = False) -> DecodedPage:
    return DecodedPage(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, how, doubtful)
