"""Fuzzing every reader: arbitrary and mutated input ends in a result or a located EvaluatorError.

Each test feeds one reader — JSON and YAML scorecards, criteria files, CSV, workbook cells and
whole workbooks, expressions, overlays — with the shipped example files mutated byte by byte
and structure by structure, and with arbitrary text. Whatever comes in, what comes out is a
result (then rated, durable_rules and the reference agreeing where both run) or an
:class:`EvaluatorError` whose every problem names its file and renders in both languages:
never another exception, never an engine invariant broken, and within a deadline.

Examples per test: ``EVALUATOR_FUZZ_EXAMPLES`` (default 40, about 20 seconds for the file on
the project's 2-core machine; set it to 1000 for a long hunt).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from conftest import EXAMPLES, GOOD, QD366, QD366_SCHEME, ROOT
from evaluator import (
    EngineInvariantError,
    EvaluatorError,
    bind_scheme,
    evaluate,
    load_criteria,
    read_scorecards,
)
from evaluator.limits import MAX_EXACT
from hostile_support import toy_criteria

EXAMPLES_N = int(os.environ.get("EVALUATOR_FUZZ_EXAMPLES", "40"))
CRIT = load_criteria(QD366)
SCHEME = bind_scheme(QD366_SCHEME, CRIT)
FIELDS = ["unit", "name", "kind", "parent", "year"]
INDICATORS = list(GOOD)


def fuzz(scale: float = 1.0) -> Callable[[Any], Any]:
    return settings(
        max_examples=max(1, int(EXAMPLES_N * scale)),
        deadline=dt.timedelta(seconds=3),  # time is bounded: a slow example fails the test
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        database=None,
    )


def located(exc: EvaluatorError, path: Path | None = None) -> None:
    """Every problem names where it is, renders in both languages, and serialises."""
    assert not isinstance(exc, EngineInvariantError), exc.render("en")
    assert exc.problems
    for p in exc.problems:
        if path is not None:
            assert p.location.file == str(path), p.render("en")
        else:
            assert p.location.file or p.location.field, p.render("en")
        for lang in ("vi", "en"):
            assert p.render(lang)
    json.dumps(exc.to_dict("vi"), ensure_ascii=False)


def read_and_rate(path: Path) -> None:
    """Read scorecards and rate them; a result or a located error."""
    try:
        subs = read_scorecards([path], CRIT)
    except EvaluatorError as exc:
        located(exc, path)
        return
    try:
        run = evaluate(CRIT, subs, SCHEME)
    except EvaluatorError as exc:
        located(exc)
        return
    assert len(run.results) == len(subs)
    run.to_json(lang="vi")


# --- mutations

INTERESTING = [
    b"&a ",
    b"*a",
    b"!!bool ",
    b"!!int ",
    b"!x ",
    b"9" * 30,
    b"1e400",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\x1b[31m",
    b"\t",
    b'"',
    b"'",
    b"\\u0000",
    b"\\u001b",
    b"\xc2\x9b",
    b"- ",
    b": ",
    b"\n  ",
    b"<<: *a",
    b"\n---\n",
    b"null",
    b"true",
    b".inf",
    b".nan",
    b"NaN",
    b"Infinity",
    b",",
    b"#",
    b"\xff",
    b"\x00",
    b"[" * 70,
    b'{"a":' * 70,
    b"9007199254740993",
    b"-9007199254740993",
    b"0.1e-7",
    b"%",
]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["byte", "insert", "delete", "copy"]))
        i = draw(st.integers(0, len(out)))
        if op == "byte" and i < len(out):
            out[i] = draw(st.integers(0, 255))
        elif op == "insert":
            out[i:i] = draw(st.sampled_from(INTERESTING) | st.binary(max_size=8))
        elif op == "delete":
            del out[i : i + draw(st.integers(1, 24))]
        else:
            j = draw(st.integers(0, max(0, len(out) - 1)))
            out[i:i] = out[j : j + draw(st.integers(1, 64))]
    return bytes(out)


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([MAX_EXACT, MAX_EXACT + 1, -MAX_EXACT - 1, 2**63, 2**64, 10**400])
    | st.floats()
    | TEXT
)
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12
)


@st.composite
def structurally_mutated(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with a few values anywhere replaced by arbitrary JSON values (or removed)."""
    import copy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        node, key = data, None
        path: list[tuple[Any, Any]] = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            key = draw(st.sampled_from(keys))
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        if isinstance(parent, dict) and draw(st.integers(0, 4)) == 0:
            del parent[key]
        else:
            parent[key] = draw(JSON_VALUES)
    return data


# --- scorecard files


def _file_and_mutation(name: str) -> st.SearchStrategy[tuple[str, bytes]]:
    return mutated(example(name)).map(lambda data: (name, data))


@fuzz(2)
@given(_file_and_mutation("cai-nuoc-2025.json") | _file_and_mutation("thot-not-2025.yaml"))
def test_fuzz_json_and_yaml_scorecards_mutated_bytewise(
    tmp_path_factory: pytest.TempPathFactory, mutation: tuple[str, bytes]
) -> None:
    name, data = mutation
    path = tmp_path_factory.mktemp("f") / name
    path.write_bytes(data)
    read_and_rate(path)


@fuzz()
@given(structurally_mutated(json.loads(example("cai-nuoc-2025.json"))))
def test_fuzz_json_scorecards_mutated_structurally(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    path = tmp_path_factory.mktemp("f") / "cards.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # NaN, Infinity included
    read_and_rate(path)


@fuzz()
@given(
    st.text(max_size=300)
    | st.lists(
        st.sampled_from([t.decode("utf-8", "replace") for t in INTERESTING] + ["a", "b", "1", "\n"]), max_size=60
    ).map("".join)
)
def test_fuzz_yaml_and_json_from_arbitrary_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("f")
    for name in ("cards.yaml", "cards.json"):
        path = folder / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        read_and_rate(path)


# --- criteria files and overlays


@fuzz(0.5)
@given(mutated(QD366.read_bytes()))
def test_fuzz_criteria_file_mutated_bytewise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("f") / "crit.yaml"
    path.write_bytes(data)
    try:
        crit = load_criteria(path)
    except EvaluatorError as exc:
        located(exc, path)
        return
    assert crit.items


PARAM_NAMES = st.sampled_from([*CRIT.model.parameters, "new_param", "tasks_late_pct"])
YEARS = st.none() | st.integers(2000, 2100) | st.integers(-(10**6), 10**6)
OVERLAY_VALUES = st.fixed_dictionaries(
    {"value": st.none() | st.integers(-100, 200) | st.floats(-1e3, 1e3) | st.sampled_from([MAX_EXACT + 1, "x", True])},
    optional={
        "region": st.sampled_from(["DBSCL", "TN", "xyz", ""]),
        "from_year": YEARS,
        "to_year": YEARS,
        "reference": TEXT,
    },
)


@fuzz(0.75)
@given(
    st.dictionaries(
        PARAM_NAMES,
        st.fixed_dictionaries(
            {"values": st.lists(OVERLAY_VALUES, min_size=1, max_size=3)},
            optional={"title": st.just({"vi": "Mới", "en": "New"})},
        )
        | st.fixed_dictionaries({"value": st.none() | st.integers(-50, 150) | st.floats(allow_nan=True)}),
        max_size=3,
    ),
    st.dictionaries(PARAM_NAMES, TEXT, max_size=2),
)
def test_fuzz_overlays(
    tmp_path_factory: pytest.TempPathFactory, params: dict[str, Any], loosen: dict[str, str]
) -> None:
    path = tmp_path_factory.mktemp("f") / "overlay.yaml"
    body = {
        "overlay": str(QD366),
        "id": "fuzz-overlay",
        "version": "1",
        "title": {"vi": "Lớp bổ sung", "en": "Overlay"},
        "parameters": params,
        "allow": {"loosen": loosen},
    }
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    try:
        crit = load_criteria(path)
    except EvaluatorError as exc:
        located(exc)
        return
    # What loaded is rated like any set.
    card = EXAMPLES / "cai-nuoc-2025.json"
    try:
        evaluate(crit, read_scorecards([card], crit), bind_scheme(QD366_SCHEME, crit))
    except EvaluatorError as exc:
        located(exc)


# --- expressions


TOKENS = [
    "n",
    "m",
    "ok",
    "and",
    "or",
    "not",
    "in",
    "not in",
    "(",
    ")",
    "[",
    "]",
    ",",
    "+",
    "-",
    "*",
    "/",
    ">=",
    "<=",
    "==",
    "!=",
    "<",
    ">",
    "≥",
    "≠",
    "true",
    "false",
    "0",
    "1",
    "2.5",
    "3",
    "9007199254740993",
    "1e5",
    "'x'",
    "limit",
    "(n > 1 or m > 1) and",
    "n + n + n",
    "((",
    "))",
]


@fuzz()
@given(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map(" ".join) | st.text(max_size=40),
    st.lists(
        st.fixed_dictionaries(
            {
                "n": st.integers(-MAX_EXACT, MAX_EXACT) | st.floats(-1e6, 1e6),
                "m": st.integers(-(10**9), 10**9),
                "ok": st.booleans(),
            }
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_fuzz_expressions(
    tmp_path_factory: pytest.TempPathFactory, condition: str, values: list[dict[str, Any]]
) -> None:
    tmp = tmp_path_factory.mktemp("f")
    quoted = "'" + condition.replace("'", "''") + "'"
    extra = "parameters:\n  limit: {title: {vi: Ngưỡng, en: Limit}, value: 10}\n"
    body = f"  - id: c\n    title: {{vi: C, en: C}}\n    condition: {quoted}\n"
    path = toy_criteria(tmp, body, extra=extra)
    try:
        crit = load_criteria(path)
    except EvaluatorError as exc:
        located(exc, path)
        return
    cards = tmp / "cards.json"
    cards.write_text(
        json.dumps(
            [
                {"unit": f"u{i}", "name": "P", "kind": "ward", "parent": "p", "year": 2025, "indicators": v}
                for i, v in enumerate(values)
            ]
        ),
        encoding="utf-8",
    )
    subs = read_scorecards([cards], crit)
    scheme = bind_scheme(tmp / "toy-scheme.yaml", crit)
    runs = [evaluate(crit, subs, scheme, backend=b) for b in ("durable", "reference")]
    statuses = [[(d.unit, d.findings[0].status) for d in run.results] for run in runs]
    assert statuses[0] == statuses[1], condition


# --- spreadsheets


CELLS = (
    st.none()
    | st.text(max_size=20).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1))
    | st.sampled_from(
        ["=1+1", "Có", "không", "99,5", "6.826", "1.234", "1,234.5", "95%", "#DIV/0!", "31/02/2025", "Phường"]
    )
)


def _sheet_rows() -> list[list[Any]]:
    from tabular_support import example_cards

    rows = [[*FIELDS, *INDICATORS]]
    for card in example_cards():
        rows.append([*(card[f] for f in FIELDS), *(card["indicators"].get(k) for k in INDICATORS)])
    return rows


ROWS = _sheet_rows()
EDITS = st.lists(
    st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, len(ROWS[0]) + 1), CELLS), min_size=1, max_size=8
)


def _edited(edits: list[tuple[int, int, Any]]) -> list[list[Any]]:
    rows = [list(r) for r in ROWS]
    for r, c, value in edits:
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = value
    return rows


@fuzz()
@given(
    EDITS, st.lists(st.sampled_from(["A2:A3", "C2:C4", "D2:D9", "F2:F3", "B1:B2", "G3:H3"]), max_size=2), st.booleans()
)
def test_fuzz_workbook_cells(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, Any]], merges: list[str], hide: bool
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phiếu"
    for row in _edited(edits):
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    if hide:
        extra = wb.create_sheet("Ẩn")
        extra.append(ROWS[0])
        extra.sheet_state = "hidden"
    path = tmp_path_factory.mktemp("f") / "cards.xlsx"
    wb.save(path)
    read_and_rate(path)


def _clean_workbook() -> bytes:
    from evaluator.tabular.workbook import workbook_bytes

    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    return workbook_bytes(wb)  # the same bytes every time, as the strategy needs


@fuzz(0.5)
@given(mutated(_clean_workbook()))
def test_fuzz_workbook_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("f") / "cards.xlsx"
    path.write_bytes(data)
    read_and_rate(path)


@fuzz()
@given(EDITS, st.sampled_from([";", ",", "\t"]), mutated(b"") | st.just(b""))
def test_fuzz_csv(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, Any]], delimiter: str, noise: bytes
) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    for row in _edited(edits):
        writer.writerow(["" if v is None else v for v in row])
    path = tmp_path_factory.mktemp("f") / "cards.csv"
    path.write_bytes(buf.getvalue().encode("utf-8") + noise)
    read_and_rate(path)


def test_fuzz_examples_are_configurable() -> None:
    # The default keeps the suite quick; the variable runs a long hunt without editing the tests.
    assert EXAMPLES_N >= 1 and ROOT.exists()
