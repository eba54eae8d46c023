"""The catalogue speaks with one term per concept: the terms of docs/glossary.md, never their listed synonyms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.messages import CATALOGUE

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"


def rows() -> list[dict[str, str]]:
    out = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("Vietnamese", "---") or set(cells[0]) <= {"-"}:
            continue
        vi, en, meaning, not_vi, not_en = cells
        out.append({"vi": vi, "en": en, "meaning": meaning, "not_vi": not_vi, "not_en": not_en})
    return out


def forms(cell: str) -> list[str]:
    """The forms a cell lists: ``a / b``; a part in brackets is left out (``lift (a veto)`` → ``lift``)."""
    return [re.sub(r"\s*\(.*?\)", "", f).strip() for f in cell.split(" / ") if f.strip()]


def found(form: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None


def texts(lang: int) -> dict[str, str]:
    # The templates as people read them: the {placeholders} out of the way.
    return {code: re.sub(r"\{[^{}]*\}", " ", pair[lang]) for code, pair in CATALOGUE.items()}


def test_the_glossary_lists_the_main_concepts() -> None:
    table = rows()
    assert len(table) >= 25
    terms = {r["vi"] for r in table}
    for concept in ("xếp loại", "mức", "tiêu chí", "chỉ số", "điều kiện loại trừ", "nhóm so sánh", "hạn mức"):
        assert concept in terms
    assert all(r["vi"] and r["en"] and r["meaning"] and r["not_vi"] and r["not_en"] for r in table)


@pytest.mark.parametrize("row", rows(), ids=lambda r: r["vi"])
def test_no_message_uses_a_synonym_the_glossary_rules_out(row: dict[str, str]) -> None:
    bad = [
        (code, form)
        for lang, column in ((0, "not_vi"), (1, "not_en"))
        for code, text in texts(lang).items()
        for form in forms(row[column])
        if found(form, text)
    ]
    assert not bad, f"use «{row['vi']}» / '{row['en']}' instead: {bad}"


@pytest.mark.parametrize("row", rows(), ids=lambda r: r["vi"])
def test_every_glossary_term_is_the_one_the_messages_use(row: dict[str, str]) -> None:
    for lang, column in ((0, "vi"), (1, "en")):
        corpus = "\n".join(texts(lang).values())
        assert any(found(f, corpus) for f in forms(row[column])), f"no message uses '{row[column]}'"


def test_a_peer_group_is_never_a_bare_group() -> None:
    """«nhóm» alone could be any group: the catalogue always says «nhóm so sánh» (peer group)."""
    bare_vi = [c for c, t in texts(0).items() if re.search(r"(?<!\w)nhóm(?! so sánh)(?!\w)", t, re.IGNORECASE)]
    bare_en = [c for c, t in texts(1).items() if re.search(r"(?<![\w-])(?<!peer )groups?(?!\w)", t, re.IGNORECASE)]
    assert not bare_vi and not bare_en, (bare_vi, bare_en)


def test_the_check_would_catch_a_synonym() -> None:
    """The oracle can fail: a message written with a ruled-out word is found."""
    assert found("phủ quyết", "Điều kiện phủ quyết «X»")
    assert found("cohort", "Within the cohort")
    assert not found("mức", "mứcx")
