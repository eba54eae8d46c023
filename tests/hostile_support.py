"""A small criteria set and scheme written on the fly, for the hostile-input tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TOY_SCHEME = """\
id: toy-scheme
version: "1"
title: {vi: Quy định thử, en: Toy scheme}
levels:
  - {id: dat, title: {vi: Đạt, en: Met}, requires: [__REQUIRES__]}
  - {id: khong_dat, title: {vi: Không đạt, en: Not met}}
ranking: [level, unit asc]
"""


def toy_criteria(
    tmp_path: Path, criteria: str, *, extra: str = "", indicators: str = "", name: str = "toy.yaml"
) -> Path:
    """A criteria file with two unbounded numbers ``n`` and ``m``, a yes/no ``ok`` (and ``indicators``,
    YAML lines indented two spaces), ``extra`` top-level YAML and ``criteria`` (YAML list items,
    indented two spaces); its scheme requires the first condition."""
    first = next((line.split("id:")[1].split(",")[0].strip() for line in criteria.splitlines() if "id:" in line), "")
    (tmp_path / "toy-scheme.yaml").write_text(TOY_SCHEME.replace("__REQUIRES__", first), encoding="utf-8")
    text = (
        "id: toy\nversion: '1'\ntitle: {vi: Bộ tiêu chí thử, en: Toy criteria}\nvalid_from: 2020-01-01\n"
        "unit_kinds: [ward]\ndefault_scheme: toy-scheme.yaml\n"
        "indicators:\n"
        "  n: {type: number, title: {vi: Số n, en: Number n}}\n"
        "  m: {type: number, title: {vi: Số m, en: Number m}}\n"
        "  ok: {type: yesno, title: {vi: Đạt, en: Met}}\n"
        f"{indicators}"
        f"{extra}"
        f"criteria:\n{criteria}"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def toy_cards(tmp_path: Path, *values: dict[str, Any], name: str = "cards.json") -> Path:
    cards = [
        {"unit": f"u{i}", "name": f"Phường {i}", "kind": "ward", "parent": "p", "year": 2025, "indicators": v}
        for i, v in enumerate(values)
    ]
    path = tmp_path / name
    path.write_text(json.dumps({"scorecards": cards}, indent=1), encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)
