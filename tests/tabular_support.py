"""Helpers for the spreadsheet tests: the shipped examples as data, and filling a template as an office would."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from click.testing import CliRunner, Result

from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "qd366-collective.yaml"
EXAMPLES = ROOT / "examples" / "scorecards"
FORM_SHEET = "Phiếu"
ID_ROW, FIRST_ROW = 4, 5


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def example_cards() -> list[dict[str, Any]]:
    """Every scorecard of the shipped examples, in file order."""
    cards: list[dict[str, Any]] = []
    for path in sorted(EXAMPLES.iterdir()):
        data = (
            json.loads(path.read_text("utf-8")) if path.suffix == ".json" else yaml.safe_load(path.read_text("utf-8"))
        )
        if isinstance(data, dict):
            data = data["scorecards"]
        cards.extend(data)
    return cards


def make_template(path: Path, lang: str = "vi") -> Path:
    result = cli("template", "--criteria", CRITERIA, "-o", path, "--lang", lang)
    assert result.exit_code == 0, result.output
    return path


def column_ids(ws: Any) -> dict[str, int]:
    """Column index of each id in the template's id row."""
    return {ws.cell(row=ID_ROW, column=c).value: c for c in range(1, ws.max_column + 1) if ws.cell(ID_ROW, c).value}


def office_value(key: str, value: Any, i: int) -> tuple[Any, str | None]:
    """``value`` as someone in a commune office might type it: (cell value, number format)."""
    if isinstance(value, bool):
        return (["Có", "x", "có", "X"][i % 4] if value else ["Không", "không", "KHÔNG", "Không "][i % 4]), None
    if key.endswith("_pct"):
        if i % 3 == 0:
            return f"{value}%".replace(".", ","), None  # "100%"
        if i % 3 == 1:
            return value / 100, "0%"  # a percent-formatted number cell
    if isinstance(value, float):
        return f" {value} ".replace(".", ","), None  # "4,5" with spaces around
    return (value if i % 2 else str(value)), None


def office_name(name: str, i: int) -> str:
    """New-style tone marks ("Hoà") and, every other row, decomposed Unicode."""
    name = name.replace("Hòa", "Hoà")
    return unicodedata.normalize("NFD", name) if i % 2 else name


KIND_WORDS = {"ward": "Phường", "commune": "Xã", "township": "Thị trấn", "special_zone": "Đặc khu"}


def fill(
    template: Path,
    out: Path,
    cards: list[dict[str, Any]],
    *,
    value: Callable[[str, Any, int], tuple[Any, str | None]] = office_value,
) -> Path:
    """Fill ``template`` with ``cards``, one per row, the way an office would; save to ``out``."""
    wb = openpyxl.load_workbook(template)
    ws = wb[FORM_SHEET]
    ids = column_ids(ws)
    for n, card in enumerate(cards):
        row = FIRST_ROW + n
        ws.cell(row=row, column=ids["unit"], value=f" {card['unit']} ")
        ws.cell(row=row, column=ids["name"], value=office_name(card["name"], n))
        ws.cell(row=row, column=ids["kind"], value=KIND_WORDS[card["kind"]])
        ws.cell(row=row, column=ids["parent"], value=card["parent"])
        ws.cell(row=row, column=ids["year"], value=card["year"])
        for i, (key, v) in enumerate(card["indicators"].items()):
            cell_value, fmt = value(key, v, i + n)
            cell = ws.cell(row=row, column=ids[key], value=cell_value)
            if fmt:
                cell.number_format = fmt
        for key, text in card.get("evidence", {}).items():
            ws.cell(row=row, column=ids[f"evidence.{key}"], value=text)
    wb.save(out)
    return out


def rank_json(*paths: Path) -> dict[str, Any]:
    result = cli("rank", "--criteria", CRITERIA, *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
