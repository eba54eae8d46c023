"""Vietnamese text as typed by hand: one canonical form, and a key for matching.

NFC alone does not make "Hoà" and "Hòa" equal: the two are different letters in
NFC, placing the tone mark on the second or on the first vowel of an open "oa",
"oe" or "uy" syllable (the "new" and the "traditional" placement). Both are in use
(word processors default to one or the other). :func:`canon` moves the mark to the
traditional place — "Hòa", "khỏe", "Thủy" — the form the shipped criteria and
examples are written in; syllables with a final consonant ("hoàng", "thuyền") are
written the same in both styles and are left alone, as is "qu" + vowel ("quý").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["canon", "match_key"]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_WORD = re.compile(r"(?:\w|[\u0300-\u036f])+")
_SPACES = re.compile(r"\s+")


def _clusters(word: str) -> list[list[str]]:
    """A decomposed word as letters, each with its combining marks."""
    out: list[list[str]] = []
    for ch in word:
        if unicodedata.combining(ch) and out:
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def _traditional(match: re.Match[str]) -> str:
    word = match.group(0)
    cl = _clusters(word)
    if len(cl) < 2:
        return word
    first, second = cl[-2], cl[-1]
    if (first[0].lower(), second[0].lower()) not in _PAIRS:
        return word
    if len(cl) >= 3 and cl[-3][0].lower() == "q":
        return word  # "quý", "quà": the u belongs to "qu"
    first_marks, second_marks = first[1:], second[1:]
    if any(m not in _TONES for m in first_marks + second_marks):
        return word  # a vowel with a hat, breve or horn is another vowel: leave it
    tones = [m for m in second_marks if m in _TONES]
    if len(tones) != 1 or first_marks:
        return word
    cl[-2] = [first[0], tones[0]]
    cl[-1] = [second[0]]
    return "".join("".join(c) for c in cl)


@lru_cache(maxsize=65536)
def canon(text: str) -> str:
    """``text`` in NFC with traditional tone placement, surrounding spaces removed."""
    if text.isascii():
        return text.strip()
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _WORD.sub(_traditional, decomposed)
    return unicodedata.normalize("NFC", fixed).strip()


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """A key to compare titles and words: canonical, case-folded, single-spaced."""
    return _SPACES.sub(" ", canon(text).casefold()).strip()
