"""How every command ends when it does not succeed: documented exit codes, never a traceback.

The exit codes README documents (one table: code, meaning, commands) are read from README
itself, and every (command, code) pair it claims is run here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import evaluator
from conftest import EXAMPLES, QD366, ROOT, make_card
from evaluator.cli import main
from store_support import store_scenarios

QD124 = ROOT / "criteria" / "qd124-collective.yaml"
QD366_TESTS = ROOT / "criteria" / "qd366-collective.test.yaml"
COMMANDS = ("rank", "explain", "validate", "diff", "test", "lint", "template")
EVALUATOR = [str(Path(sys.executable).with_name("evaluator"))]  # the installed command, as a user runs it


def run(*args: Any, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ---------------------------------------------------------------- the exit codes README documents


def documented_exit_codes() -> dict[int, set[str]]:
    """README's exit-code table: code → the commands it names ('all' spelled out)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Exit codes") :]
    out: dict[int, set[str]] = {}
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        m = re.match(r"\|\s*(\d+)\s*\|.*\|\s*([a-z, ]+?)\s*\|$", line)
        if m:
            names = {n.strip() for n in m.group(2).split(",")}
            out[int(m.group(1))] = set(COMMANDS) if names == {"all"} else names
    return out


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    broken = tmp_path / "broken-criteria.yaml"
    broken.write_text(QD366.read_text(encoding="utf-8").replace("tasks_late_pct == 0", "tasks_late == 0"), "utf-8")
    bad_card = make_card("bad")
    bad_card["indicators"]["general_1"] = 7
    cards = tmp_path / "bad-cards.json"
    cards.write_text(json.dumps([bad_card]), "utf-8")
    broken_test = tmp_path / "broken.test.yaml"
    broken_test.write_text("criteria: x.yaml\ncases: [\n", "utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    return {"crit": broken, "cards": cards, "test": broken_test, "empty": empty, "tmp": tmp_path}


def scenario(command: str, code: int, f: dict[str, Path]) -> list[Any]:
    """Arguments that make ``command`` end with ``code`` (5 and 130 are made by a patch)."""
    out = f["tmp"] / "out.xlsx"
    table: dict[tuple[str, int], list[Any]] = {
        ("rank", 0): ["rank", "--criteria", QD366, EXAMPLES],
        ("rank", 2): ["rank", EXAMPLES],
        ("rank", 3): ["rank", "--criteria", f["crit"], EXAMPLES],
        ("rank", 4): ["rank", "--criteria", QD366, f["cards"]],
        ("explain", 0): ["explain", "tn-thuan-hung", "--criteria", QD366, EXAMPLES],
        ("explain", 2): ["explain", "tn-thuan-hung", "--criteria", QD366, EXAMPLES, "--set", "x"],
        ("explain", 3): ["explain", "tn-thuan-hung", "--criteria", f["crit"], EXAMPLES],
        ("explain", 4): ["explain", "no-such-unit", "--criteria", QD366, EXAMPLES],
        ("validate", 0): ["validate", QD366],
        ("validate", 2): ["validate", f["tmp"] / "no-such-file.yaml"],
        ("validate", 3): ["validate", f["crit"]],
        ("validate", 4): ["validate", "--criteria", QD366, f["cards"]],
        ("diff", 0): ["diff", "--old", QD124, "--new", QD366, ROOT / "examples" / "compare"],
        ("diff", 2): ["diff", "--new", QD366, EXAMPLES],
        ("diff", 3): ["diff", "--old", f["crit"], "--new", QD366, EXAMPLES],
        ("diff", 4): ["diff", "--old", QD366, "--new", QD366, f["cards"]],
        ("test", 0): ["test", QD366_TESTS],
        ("test", 1): ["test", f["empty"]],
        ("test", 2): ["test"],
        ("test", 3): ["test", f["test"]],
        ("lint", 0): ["lint", QD366, ROOT / "rules" / "qd366.yaml"],
        ("lint", 1): ["lint", ROOT / "tests" / "fixtures" / "lint" / "bands"],
        ("lint", 2): ["lint"],
        ("lint", 3): ["lint", f["crit"]],
        ("template", 0): ["template", "--criteria", QD366, "-o", out],
        ("template", 2): ["template", "--criteria", QD366, "-o", "/dev/null"],
        ("template", 3): ["template", "--criteria", f["crit"], "-o", out],
        **store_scenarios(f["tmp"]),  # the history store's commands (issue 11)
    }
    return table[(command, 0 if code in (5, 130) else code)]


# What each command calls early on: patched to raise what no test of the data could.
PATCH = {
    "rank": "evaluator.api.load_criteria",  # rank, explain and template choose their criteria in the library
    "explain": "evaluator.api.load_criteria",
    "validate": "evaluator.cli.checking.load_criteria",
    "diff": "evaluator.cli.rating.load_criteria",
    "template": "evaluator.api.load_criteria",
    "test": "evaluator.casetests.discover",
    "lint": "evaluator.lint.lint_paths",
}


def raiser(exc: BaseException) -> Callable[..., Any]:
    def raise_it(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return raise_it


def test_readme_documents_the_exit_codes_of_every_command() -> None:
    documented = documented_exit_codes()
    assert set(documented) == {0, 1, 2, 3, 4, 5, 6, 130, 141, 143}
    assert documented[1] == {"test", "lint", "store verify"}  # 1 is only a failed result (a check), never an error
    assert all(documented[code] == set(COMMANDS) for code in (0, 2, 5, 130, 141, 143))


@pytest.mark.parametrize(
    ("command", "code"),
    sorted((cmd, code) for code, cmds in documented_exit_codes().items() if code not in (141, 143) for cmd in cmds),
)
def test_every_documented_exit_code_of_every_command(
    command: str, code: int, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = scenario(command, code, files)
    if code == 5:
        monkeypatch.setattr(PATCH[command], raiser(RuntimeError("simulated bug")))
    if code == 130:
        monkeypatch.setattr(PATCH[command], raiser(KeyboardInterrupt()))
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    no_traceback(result)


# ---------------------------------------------------------------- 1. no raw traceback reaches a user


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unexpected_exception_is_exit_5_with_one_line_naming_its_type(
    command: str, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PATCH[command], raiser(ZeroDivisionError("division by zero")))
    vi = run(*scenario(command, 0, files))
    assert vi.exit_code == 5
    no_traceback(vi)
    assert vi.stderr.count("\n") == 1
    assert vi.stderr.startswith("Lỗi nội bộ của evaluator (ZeroDivisionError: division by zero)")
    assert "xin báo lại" in vi.stderr and "--debug" in vi.stderr
    en = run(*scenario(command, 0, files), "--lang", "en")
    assert en.stderr.startswith("Internal error in evaluator (ZeroDivisionError: division by zero) — a bug")
    assert en.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["rank", "diff", "test", "lint"])
def test_an_unexpected_exception_under_format_json_is_a_json_error(
    command: str, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PATCH[command], raiser(KeyError("boom")))
    result = run(*scenario(command, 0, files), "--format", "json", "--lang", "en")
    assert result.exit_code == 5 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error["error"] == "InternalError" and error["exit_code"] == 5
    (problem,) = error["problems"]
    assert problem["code"] == "internal.error" and "KeyError: 'boom'" in problem["message"]
    assert "traceback" not in error


def test_a_renderer_failing_midway_is_an_internal_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def half(self: Any, lang: str = "vi") -> Any:
        yield "{\n"
        raise ValueError("renderer broke")

    monkeypatch.setattr(evaluator.Run, "iter_json", half)
    result = run("rank", "--criteria", QD366, EXAMPLES, "--format", "json")
    assert result.exit_code == 5
    assert json.loads(result.stderr)["problems"][0]["code"] == "internal.error"


def test_debug_prints_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("evaluator.api.load_criteria", raiser(ZeroDivisionError("deep down")))
    args = ["rank", "--criteria", QD366, EXAMPLES, "--lang", "en"]
    for result in (run("--debug", *args), run(*args, env={"EVALUATOR_DEBUG": "1"})):
        assert result.exit_code == 5
        first, rest = result.stderr.split("\n", 1)
        assert first.startswith("Internal error in evaluator (ZeroDivisionError: deep down)")
        assert "--debug" not in first
        assert rest.startswith("Traceback (most recent call last):") and "raise_it" in rest
        assert rest.rstrip().endswith("ZeroDivisionError: deep down")
    as_json = json.loads(run("--debug", *args, "--format", "json").stderr)
    assert as_json["traceback"].startswith("Traceback") and "ZeroDivisionError: deep down" in as_json["traceback"]
    assert run(*args, env={"EVALUATOR_DEBUG": "0"}).stderr.count("\n") == 1


def test_an_exception_outside_any_command_is_still_exit_5(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reading the options of a command (before the command runs) goes wrong.
    monkeypatch.setattr(click.Choice, "convert", raiser(RuntimeError("options broke")))
    result = run("rank", "--criteria", QD366, EXAMPLES, "--lang", "en")
    assert result.exit_code == 5
    no_traceback(result)
    assert result.stderr.startswith("Internal error in evaluator (RuntimeError: options broke)")
    assert result.stderr.count("\n") == 1
    as_json = run("rank", "--criteria", QD366, EXAMPLES, "--format=json")
    assert as_json.exit_code == 5 and json.loads(as_json.stderr)["error"] == "InternalError"


def test_ctrl_c_is_exit_130_with_a_clean_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("evaluator.api.load_criteria", raiser(KeyboardInterrupt()))
    result = run("rank", "--criteria", QD366, EXAMPLES)
    assert result.exit_code == 130
    no_traceback(result)
    assert result.stderr == "Đã dừng (Ctrl-C); tệp kết quả, nếu có, vẫn như trước khi chạy\n"
    as_json = run("rank", "--criteria", QD366, EXAMPLES, "--format", "json", "--lang", "en")
    assert as_json.exit_code == 130
    error = json.loads(as_json.stderr)
    assert error["exit_code"] == 130 and error["problems"][0]["code"] == "cli.interrupted"


def test_ctrl_c_while_reading_options_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(click.Choice, "convert", raiser(KeyboardInterrupt()))
    result = run("rank", "--criteria", QD366, EXAMPLES, "--lang", "en")
    assert result.exit_code == 130
    assert result.stderr.startswith("Stopped (Ctrl-C)")


def big_cards(path: Path, n: int) -> Path:
    path.write_text(json.dumps([make_card(f"u{i:05d}", parent=f"p{i % 50}") for i in range(n)]), "utf-8")
    return path


def test_a_closed_stdout_is_exit_141_without_a_traceback(tmp_path: Path) -> None:
    cards = big_cards(tmp_path / "cards.json", 400)
    with subprocess.Popen(
        [*EVALUATOR, "rank", "--criteria", str(QD366), str(cards), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10) == b'{\n  "crite'
        proc.stdout.close()  # like `| head -c 10`
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 141
    assert err == b""
