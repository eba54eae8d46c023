"""Vietnamese text typed by hand: NFC and one tone-mark placement, so "Hoà" and "Hòa" are one name."""

from __future__ import annotations

import unicodedata

import pytest

from evaluator.vntext import canon, match_key


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Hoà", "Hòa"),
        ("Hòa", "Hòa"),
        ("Phường Thạnh Hoà", "Phường Thạnh Hòa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("khoẻ", "khỏe"),
        ("Thuỷ", "Thủy"),
        ("Tuỳ", "Tùy"),
        ("Nguỵ", "Ngụy"),
        ("HOÀ", "HÒA"),
        ("xoè", "xòe"),
    ],
)
def test_new_style_tone_marks_move_to_the_traditional_place(typed: str, expected: str) -> None:
    assert canon(typed) == expected
    assert canon(unicodedata.normalize("NFD", typed)) == expected


@pytest.mark.parametrize("word", ["hoàng", "toán", "thuyền", "quý", "quà", "hoa", "Thuở", "Bắc Lệnh", "Hưng"])
def test_words_written_alike_in_both_styles_are_left_alone(word: str) -> None:
    assert canon(word) == unicodedata.normalize("NFC", word)


def test_canonical_text_is_nfc_and_trimmed() -> None:
    typed = "  " + unicodedata.normalize("NFD", "Phường Thới Thuận") + "\t"
    out = canon(typed)
    assert out == "Phường Thới Thuận"
    assert unicodedata.is_normalized("NFC", out)


def test_match_key_ignores_case_spacing_and_tone_placement() -> None:
    assert match_key("  Tỷ lệ   nhiệm vụ HOÀN THÀNH ") == match_key("tỷ lệ nhiệm vụ hoàn thành")
    assert match_key("Hoà bình") == match_key("HÒA BÌNH")
    assert match_key("Hoà") != match_key("Hoa")
