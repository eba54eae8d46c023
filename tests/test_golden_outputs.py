"""Golden outputs: every shipped example rated, in every format and both languages, held byte for byte.

``tests/golden_outputs/`` holds what ``evaluator rank`` writes for each example folder in
``--format json``, ``table``, ``xlsx`` and ``html``, in Vietnamese and in English, what
``evaluator explain`` writes for a few units, and what ``evaluator diff`` writes for the
comparison example. The files were written by the code before a change of its structure, so
the change is proven to leave every output as it was. Any difference fails the test.

A workbook is compared as a zip of XML parts: every part byte for byte, except the time stamps
openpyxl writes into ``docProps/core.xml`` (the only part that changes from one run to the next).

Regenerate only after a deliberate change of output, then read the diff::

    UPDATE_GOLDEN_OUTPUTS=1 .venv/bin/python -m pytest tests/test_golden_outputs.py
    git diff tests/golden_outputs/
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden_outputs"
UPDATE = os.environ.get("UPDATE_GOLDEN_OUTPUTS") == "1"
LINKS = ROOT / "tests" / "fixtures" / "links"

QD366 = str(ROOT / "criteria" / "qd366-collective.yaml")
QD124 = str(ROOT / "criteria" / "qd124-collective.yaml")

# (name, the run's arguments): one for each example folder, and the options that change a run.
RUNS: list[tuple[str, tuple[str, ...]]] = [
    ("qd366", ("--criteria", QD366, str(ROOT / "examples" / "scorecards"))),
    (
        "qd366-overrides",
        (
            "--criteria",
            QD366,
            "--overrides",
            str(ROOT / "examples" / "overrides" / "ca-mau-2025.yaml"),
            str(ROOT / "examples" / "scorecards"),
        ),
    ),
    (
        "qd366-final-good-base",
        (
            "--criteria",
            QD366,
            "--scheme",
            str(ROOT / "examples" / "schemes" / "qd366-final-good-base.yaml"),
            "--exceptional-quota",
            str(ROOT / "examples" / "scorecards"),
        ),
    ),
    ("qd366-what-if", ("--criteria", QD366, "--set", "tasks_done_full_pct=90", str(ROOT / "examples" / "scorecards"))),
    (
        "family-by-year-2023",
        (
            "--criteria",
            str(ROOT / "criteria"),
            "--family",
            "party-collective",
            str(ROOT / "examples" / "scorecards-2023"),
        ),
    ),
    (
        "family-as-of-2025",
        (
            "--criteria",
            str(ROOT / "criteria"),
            "--family",
            "party-collective",
            "--as-of",
            "2025-09-01",
            str(ROOT / "examples" / "scorecards"),
        ),
    ),
    (
        "ntm-2020-linked",
        (
            "--criteria",
            str(ROOT / "examples" / "overlays" / "ntm-2016-illustrative.yaml"),
            "--link",
            f"{LINKS / 'party.yaml'}={LINKS / 'party-2020.yaml'}",
            str(ROOT / "examples" / "ntm-2020"),
        ),
    ),
    (
        "one-stop",
        (
            "--criteria",
            str(ROOT / "examples" / "overlays" / "one-stop-illustrative.yaml"),
            str(ROOT / "examples" / "one-stop"),
        ),
    ),
]
FORMATS = ("json", "table", "xlsx", "html")
LANGS = ("vi", "en")
EXPLAIN = [
    ("qd366", "tn-thuan-hung"),
    ("qd366", "lc-binh-minh"),
    ("ntm-2020-linked", "mh-dbsh"),
    ("one-stop", "thot-not"),
]
DIFF = (
    "--old",
    QD124,
    "--new",
    QD366,
    str(ROOT / "examples" / "compare"),
)

# Paths differ from one checkout to another; the golden files hold them relative to the repository.
_ROOT_TEXT = re.compile(re.escape(str(ROOT) + os.sep).encode())
# The one part of a workbook that differs between two runs: openpyxl's created/modified time stamps.
_STAMPED = "docProps/core.xml"


def _relative(data: bytes) -> bytes:
    return _ROOT_TEXT.sub(b"", data)


def _cli(args: list[str]) -> bytes:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _compare(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        return
    assert path.exists(), f"{path} is missing: regenerate with UPDATE_GOLDEN_OUTPUTS=1 (see the module docstring)"
    expected = path.read_bytes()
    assert actual == expected, f"{name} differs from its golden file"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != _STAMPED}


def _run_args(args: tuple[str, ...], fmt: str, lang: str, output: Path | None) -> list[str]:
    out = ["rank", *args, "--format", fmt, "--lang", lang]
    if output is not None:
        out += ["-o", str(output)]
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "args"), RUNS, ids=[n for n, _ in RUNS])
def test_rank(name: str, args: tuple[str, ...], fmt: str, lang: str, tmp_path: Path) -> None:
    stem = f"rank/{name}.{lang}"
    if fmt in ("json", "table"):
        data = _cli(_run_args(args, fmt, lang, None))
        _compare(f"{stem}.{'json' if fmt == 'json' else 'txt'}", _relative(data))
        return
    out = tmp_path / f"out.{fmt}"
    _cli(_run_args(args, fmt, lang, out))
    data = out.read_bytes()
    if fmt == "html":
        _compare(f"{stem}.html", _relative(data))
        return
    parts = {part: _relative(body) for part, body in _parts(data).items()}
    if UPDATE:
        for part, body in parts.items():
            _compare(f"{stem}.xlsx/{part}", body)
        return
    golden = GOLDEN / f"{stem}.xlsx"
    expected = sorted(str(p.relative_to(golden)) for p in golden.rglob("*") if p.is_file())
    assert sorted(parts) == expected, f"{stem}.xlsx: the workbook's parts differ"
    for part, body in parts.items():
        _compare(f"{stem}.xlsx/{part}", body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("run", "unit"), EXPLAIN, ids=[f"{r}-{u}" for r, u in EXPLAIN])
def test_explain(run: str, unit: str, lang: str) -> None:
    args = dict(RUNS)[run]
    _compare(f"explain/{run}.{unit}.{lang}.txt", _relative(_cli(["explain", unit, *args, "--lang", lang])))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ("json", "table"))
def test_diff(fmt: str, lang: str) -> None:
    data = _cli(["diff", *DIFF, "--format", fmt, "--lang", lang])
    _compare(f"diff/compare.{lang}.{'json' if fmt == 'json' else 'txt'}", _relative(data))


def test_workbook_stamp_is_the_only_changing_part(tmp_path: Path) -> None:
    """The exception above is justified: two runs give the same workbook but for its time stamps."""
    args = _run_args(RUNS[0][1], "xlsx", "vi", tmp_path / "a.xlsx")
    _cli(args)
    first = (tmp_path / "a.xlsx").read_bytes()
    _cli([*args[:-1], str(tmp_path / "b.xlsx")])
    second = (tmp_path / "b.xlsx").read_bytes()
    assert _parts(first) == _parts(second)
