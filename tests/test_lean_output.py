"""Speed without changing a byte: the cached per-unit JSON, and the program's exit without teardown.

The JSON of a unit is checked against ``json.dumps(decision.to_dict())`` — the plain encoding
the cache replaces — on findings drawn to collide (``1``, ``1.0``, ``True``; ``0.0``, ``-0.0``;
equal texts under different fields), encoded one after the other through one encoder so a
wrong cache hit would show. The exit is checked on the installed command in a subprocess,
where it really happens: files whole, exit codes as documented, nothing left behind.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import rate
from evaluator.decision import Finding
from evaluator.params import Resolved
from evaluator.text import Bilingual
from evaluator.unitjson import UnitEncoder

ROOT = Path(__file__).resolve().parent.parent
EVALUATOR = str(Path(sys.executable).with_name("evaluator"))
CRITERIA = ROOT / "criteria" / "qd366-collective.yaml"
EXAMPLES = ROOT / "examples" / "scorecards"

# Values whose Python equality hides a different JSON text.
TRICKY = st.sampled_from([0, 1, 0.0, -0.0, 1.0, True, False, None, "1", "true", 2.5, -2.5, 10**17, 1e17])
SCALARS = TRICKY | st.integers(-3, 3) | st.floats(allow_nan=False, width=16) | st.text(max_size=3)
VALUES = SCALARS | st.dictionaries(st.sampled_from(["a", "b"]), SCALARS, max_size=2) | st.lists(SCALARS, max_size=2)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    params = tuple(
        Resolved(name, draw(st.sampled_from([0.0, -0.0, 1.0, 5.0, None])), None, None, 2025, index=i)
        for i, name in enumerate(draw(st.lists(st.sampled_from(["p", "q"]), max_size=2, unique=True)))
    )
    words = draw(st.sampled_from([None, Bilingual("phải đạt", "must hold"), Bilingual("phải đạt ", "must hold")]))
    return Finding(
        criterion=draw(st.sampled_from(["c1", "c2"])),
        kind="condition",
        status=draw(st.sampled_from(["pass", "fail", "missing", "scored"])),
        value=draw(VALUES),
        threshold=draw(st.sampled_from([None, "x ≥ 1", "x ≥ 1.0"])),
        parameters=params,
        points=draw(st.sampled_from([None, 0.0, -0.0, 1.0, 30.0])),
        reference=draw(st.sampled_from([None, "QĐ 366"])),
        absent=tuple(draw(st.lists(st.sampled_from(["x", "y"]), max_size=2, unique=True))),
        by_absence=draw(st.booleans()),
        rule=draw(st.sampled_from(["c000__pass__0", "c000__fail__0"])),
        assumed=tuple(draw(st.dictionaries(st.sampled_from(["x", "y"]), TRICKY, max_size=2)).items()),
        words=words,
    )


def _variants(base: Finding, tricky: list) -> list[Finding]:
    """``base`` with one field at a time set to each tricky value: findings equal but for one value."""
    out = [base]
    for value in tricky:
        out.append(dataclasses.replace(base, value=value))
        out.append(dataclasses.replace(base, points=value))
        out.append(dataclasses.replace(base, assumed=(("x", value),)))
        if base.parameters:
            first = dataclasses.replace(base.parameters[0], value=value)
            out.append(dataclasses.replace(base, parameters=(first, *base.parameters[1:])))
        out.append(dataclasses.replace(base, value={"a": value}))
        out.append(dataclasses.replace(base, value=[value]))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(findings(), min_size=1, max_size=4),
    st.lists(TRICKY, min_size=2, max_size=4),
    st.sampled_from(["vi", "en"]),
    st.sampled_from([1, 3, 1000]),
)
def test_a_cached_finding_is_the_plain_encoding(drawn: list[Finding], tricky: list, lang: str, limit: int) -> None:
    encoder = UnitEncoder(lang, limit=limit)  # type: ignore[arg-type]
    every = [v for f in drawn for v in _variants(f, tricky)]
    for f in every * 2:  # the second time round, from the cache
        assert encoder.finding(f) == json.dumps(f.to_dict(lang), ensure_ascii=False)  # type: ignore[arg-type]
    assert len(encoder._findings) <= limit


def test_a_value_of_another_type_is_encoded_directly() -> None:
    class Odd(int):  # an int subclass: json writes it as an int, but it is not one to the cache
        pass

    f = Finding("c1", "condition", "pass", Odd(3), None, (), None, None)
    encoder = UnitEncoder("vi")
    assert encoder.finding(f) == json.dumps(f.to_dict("vi"), ensure_ascii=False)
    assert not encoder._findings


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_example_unit_encodes_as_its_dict(lang: str) -> None:
    run = rate(CRITERIA, EXAMPLES)
    encoder = UnitEncoder(lang)  # type: ignore[arg-type]
    assert run.results
    for d in run.results:
        assert encoder.unit(d) == json.dumps(d.to_dict(lang), ensure_ascii=False)  # type: ignore[arg-type]


def _evaluator(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([EVALUATOR, *args], capture_output=True, cwd=cwd, timeout=120)


def test_the_program_writes_everything_then_exits_with_its_code(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = _evaluator(
        "rank", "--criteria", str(CRITERIA), str(EXAMPLES), "--format", "json", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr.decode()
    expected = rate(CRITERIA, EXAMPLES).to_json("vi")
    assert out.read_text(encoding="utf-8") == expected  # whole: every byte flushed before the exit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left

    done = _evaluator("rank", "--criteria", str(CRITERIA), str(EXAMPLES), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == expected  # stdout flushed too

    done = _evaluator("rank", "--criteria", str(tmp_path / "none.yaml"), str(EXAMPLES), cwd=tmp_path)
    assert done.returncode == 3, done.stderr.decode()
    assert done.stderr  # the error was said

    done = _evaluator("rank", "--no-such-option", cwd=tmp_path)
    assert done.returncode == 2 and b"--no-such-option" in done.stderr

    done = _evaluator("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip()


def test_a_reader_gone_early_gives_141_silently(tmp_path: Path) -> None:
    if shutil.which("head") is None:  # pragma: no cover - every Linux has it
        pytest.skip("no 'head' to close the pipe early")
    command = f"'{EVALUATOR}' rank --criteria '{CRITERIA}' '{EXAMPLES}' --format json | head -c 10 >/dev/null"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=120, env={**os.environ, "LC_ALL": "C"}
    )
    assert done.returncode == 141, done.stderr.decode()
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_the_store_is_committed_before_the_exit(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    args = ["rank", "--criteria", str(CRITERIA), str(EXAMPLES), "--format", "json", "-o", str(tmp_path / "o.json")]
    done = _evaluator(*args, "--record", "--store", str(store), "--by", "tester", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    again = _evaluator(*args, "--record", "--store", str(store), "--by", "tester", cwd=tmp_path)
    assert again.returncode == 0, again.stderr.decode()
    assert "Đã ghi lần xếp loại" in done.stderr.decode("utf-8")
    assert "đã có trong" in again.stderr.decode("utf-8")  # the first run's record was committed


def test_starting_the_program_does_not_import_openpyxl() -> None:
    """Workbooks are read and written only by commands that need them: the start-up of every
    other command (a rank of 100 wards) does not pay for openpyxl."""
    code = "import sys, evaluator.cli; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_column_letters_are_openpyxl_s() -> None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    from evaluator.tabular import table

    for i in [*range(1, 800), 16384, 18277, 18278]:
        assert table.get_column_letter(i) == get_column_letter(i)
        assert table.column_index_from_string(get_column_letter(i)) == i
    for bad in ["", "A1", "Cột", "ABCD", "ZZZA"]:
        with pytest.raises(ValueError):
            column_index_from_string(bad)
        with pytest.raises(ValueError):
            table.column_index_from_string(bad)
    for bad in [0, 18279]:
        with pytest.raises(ValueError):
            table.get_column_letter(bad)
