"""Output files: written whole or not at all, never through a link or over an input; text stays text.

Every writer (JSON, table, results workbook, HTML report, template) goes through
``evaluator.output``; these tests fail a run at each stage, kill it, run two at once, and
point ``-o`` at what must never be written.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

import evaluator
from conftest import EXAMPLES, QD366, QD366_SCHEME, ROOT, make_card
from evaluator.cli import main
from evaluator.render import explain_unit, ranking_table
from evaluator.render.terminal import terminal_safe
from evaluator.render.xlsx import results_workbook
from evaluator.tabular.template import template_bytes

EVALUATOR = str(Path(sys.executable).with_name("evaluator"))
OLD = b"the previous results, kept byte for byte\n"
FORMATS = ("json", "table", "xlsx", "html", "template")


def run(*args: Any) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def command(fmt: str, out: Path, *extra: Any) -> list[Any]:
    if fmt == "template":
        return ["template", "--criteria", QD366, "-o", out, *extra]
    return ["rank", "--criteria", QD366, EXAMPLES, "--format", fmt, "-o", out, *extra]


def old_file(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    out.write_bytes(OLD)
    out.chmod(0o640)
    return out


def untouched(out: Path) -> None:
    assert out.read_bytes() == OLD
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def temporary_files(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if re.fullmatch(rf"\.{re.escape(name)}\.[0-9a-f]{{8}}\.tmp", p.name)]


# ---------------------------------------------------------------- whole or not at all


def fail_midway(fmt: str, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make the renderer of ``fmt`` raise part of the way through its work."""
    boom = RuntimeError("renderer broke midway")
    if fmt == "json":

        def half(self: Any, lang: str = "vi") -> Any:
            yield '{\n  "criteria": {},\n'
            yield '  "results": [\n'
            assert temporary_files(folder, "out.json")  # the output had started
            raise boom

        monkeypatch.setattr(evaluator.Run, "iter_json", half)
        return
    calls = {"n": 0}

    def after_some(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] > 3:
                raise boom
            return real(*args, **kwargs)

        return wrapped

    import evaluator.render.html as html
    import evaluator.render.table as table
    import evaluator.render.xlsx as xlsx
    import evaluator.tabular.template as template

    target = {
        "table": (table, "short_note"),
        "xlsx": (xlsx, "finding_rows"),
        "html": (html, "finding_rows"),
        "template": (template, "_indicator_column"),
    }[fmt]
    monkeypatch.setattr(*target, after_some(getattr(*target)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_renderer_failing_midway_leaves_the_old_file_byte_identical(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_file(tmp_path, "out.json" if fmt == "json" else f"out.{fmt}")
    fail_midway(fmt, monkeypatch, tmp_path)
    result = run(*command(fmt, out))
    assert result.exit_code == 5, result.stderr
    assert "RuntimeError: renderer broke midway" in result.stderr
    untouched(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_write_leaves_the_old_file_byte_identical(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_file(tmp_path, f"out.{fmt}")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)  # everything written, then the disk is full
    result = run(*command(fmt, out, "--lang", "en"))
    assert result.exit_code == 2, result.stderr
    assert f"{out}" in result.stderr and "cannot write the file: No space left on device" in result.stderr
    untouched(out)


def cards_file(path: Path, n: int) -> Path:
    path.write_text(json.dumps([make_card(f"u{i:05d}", parent=f"p{i % 50}") for i in range(n)]), "utf-8")
    return path


def stop_while_writing(tmp_path: Path, sig: signal.Signals) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run ``evaluator rank -o out.json`` on a large file and send ``sig`` once it is writing out.json."""
    out = old_file(tmp_path, "out.json")
    (tmp_path / "in").mkdir()
    cards = cards_file(tmp_path / "in" / "cards.json", 4000)
    args = [EVALUATOR, "rank", "--criteria", str(QD366), str(cards), "--format", "json", "-o", str(out), "--lang", "en"]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size > 0 for p in temporary_files(tmp_path, "out.json")):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the run ended (or hung) before writing could be caught: {proc.stderr.read()}")
            time.sleep(0.001)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr), out


def test_a_killed_run_leaves_the_old_file_byte_identical(tmp_path: Path) -> None:
    done, out = stop_while_writing(tmp_path, signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    assert out.read_bytes() == OLD and stat.S_IMODE(out.stat().st_mode) == 0o640
    # Nothing can clean up after SIGKILL: the half-written temporary file stays, beside and apart.
    assert len(temporary_files(tmp_path, "out.json")) == 1


def test_sigterm_is_exit_143_and_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    done, out = stop_while_writing(tmp_path, signal.SIGTERM)
    assert done.returncode == 143
    assert "Traceback" not in done.stderr
    assert json.loads(done.stderr)["problems"][0]["message"].startswith("Stopped (SIGTERM)")
    untouched(out)


def test_two_runs_writing_one_file_never_interleave(tmp_path: Path) -> None:
    out = old_file(tmp_path, "out.json")
    (tmp_path / "in").mkdir()
    cards = cards_file(tmp_path / "in" / "cards.json", 1500)
    expected = {OLD}
    for lang in ("vi", "en"):
        result = CliRunner().invoke(
            main, ["rank", "--criteria", str(QD366), str(cards), "--format", "json", "--lang", lang]
        )
        expected.add(result.stdout_bytes)
    assert len(expected) == 3
    args = [EVALUATOR, "rank", "--criteria", str(QD366), str(cards), "--format", "json", "-o", str(out)]
    procs = [subprocess.Popen([*args, "--lang", lang]) for lang in ("vi", "en")]
    seen = 0
    while any(p.poll() is None for p in procs):
        assert out.read_bytes() in expected  # a reader only ever sees a whole file
        seen += 1
    assert [p.wait() for p in procs] == [0, 0]
    assert out.read_bytes() in expected - {OLD}
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the file keeps its permissions
    assert temporary_files(tmp_path, "out.json") == [] and seen > 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_files_respect_the_umask_and_keep_an_existing_files_mode(fmt: str, tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        new = tmp_path / f"new.{fmt}"
        assert run(*command(fmt, new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        kept = tmp_path / f"kept.{fmt}"
        kept.write_bytes(OLD)
        kept.chmod(0o604)
        assert run(*command(fmt, kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and kept.read_bytes() != OLD
    finally:
        os.umask(mask)


# ---------------------------------------------------------------- what is never written


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_onto_a_symlink_is_refused(fmt: str, tmp_path: Path) -> None:
    target = old_file(tmp_path, "target")
    link = tmp_path / "link"
    link.symlink_to(target)
    result = run(*command(fmt, link, "--lang", "en"))
    assert result.exit_code == 2
    assert str(link) in result.stderr and "the output is a symbolic link" in result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == OLD


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_onto_a_device_or_a_pipe_is_refused(fmt: str, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (Path("/dev/null"), fifo):
        result = run(*command(fmt, path, "--lang", "en"))
        assert result.exit_code == 2
        assert str(path) in result.stderr and "the output exists and is not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_onto_a_folder_or_into_a_missing_folder_is_refused(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run(*command(fmt, folder, "--lang", "en"))
    assert result.exit_code == 2 and "is a directory" in result.stderr  # said by click, before anything runs
    missing = tmp_path / "missing" / "out"
    result = run(*command(fmt, missing, "--lang", "en"))
    assert result.exit_code == 2 and f"no such folder '{missing.parent}'" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder, so there is nothing to refuse")
def test_output_into_a_folder_one_cannot_write_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    result = run(*command("json", folder / "out.json", "--lang", "en"))
    assert result.exit_code == 2 and "cannot write the file: Permission denied" in result.stderr


def test_output_onto_one_of_the_runs_inputs_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    inner = folder / "sub" / "more.json"
    inner.parent.mkdir()
    inner.write_text(json.dumps([make_card("a")]), "utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps(make_card("solo", parent="q")), "utf-8")
    overrides = tmp_path / "ov.yaml"
    overrides.write_text("overrides: []\n", "utf-8")
    copy = tmp_path / "crit.yaml"
    copy.write_text(QD366.read_text(encoding="utf-8").replace("../rules/qd366.yaml", str(QD366_SCHEME)), "utf-8")
    base = ["rank", "--criteria", copy, "--overrides", overrides, folder, single, "--format", "json", "--lang", "en"]
    cases = {
        "--criteria": copy,
        "--scheme": QD366_SCHEME,
        "--overrides": overrides,
        "SCORECARDS": inner,
        "SCORECARDS ": single,
    }
    for role, path in cases.items():
        before = path.read_bytes()
        result = run(*base, "-o", path)
        assert result.exit_code == 2, (role, result.stderr)
        assert f"the output is one of this run's input files ({role.strip()})" in result.stderr
        assert path.read_bytes() == before
    result = run(*base, "-o", folder / "sub" / "results.json")  # not read this time, but next time
    assert result.exit_code == 2 and f"the output is inside the folder '{folder}' this run reads" in result.stderr
    table = run("rank", "--criteria", copy, folder, "-o", folder / "ranking.txt")  # never read as scorecards
    assert table.exit_code == 0 and (folder / "ranking.txt").exists()
    via_link = tmp_path / "same-file.yaml"
    os.link(overrides, via_link)  # another name for the same file is the same file
    result = run(*base, "-o", via_link)
    assert result.exit_code == 2 and "(--overrides)" in result.stderr
    result = run("template", "--criteria", copy, "-o", copy)
    assert result.exit_code == 2 and "(--criteria)" in result.stderr
    result = run("test", "--generate-boundaries", copy, "-o", copy)
    assert result.exit_code == 2 and copy.read_text(encoding="utf-8").startswith("# Regulation 366")


# ---------------------------------------------------------------- text is always text


RISKY = ["=1+1", "+A1", "-2+3", "@SUM(A1:A9)", "\t=cmd|' /C calc'!A0", '\r=HYPERLINK("x")', "#N/A", "=", "-"]


def risky_run() -> evaluator.Run:
    run_ = evaluator.rate(QD366, [make_card(f"u{i}", parent="=SUM(A1)") for i in range(len(RISKY))])
    for d, text in zip(sorted(run_.results, key=lambda d: d.unit), RISKY, strict=True):
        # Names and evidence as a database might hold them, whatever the readers accept.
        d.name, d.evidence = text, {"tasks_done_pct": text}
    return run_


def test_no_formula_cell_in_the_results_workbook(tmp_path: Path) -> None:
    data = results_workbook(risky_run(), evaluator.load_criteria(QD366), "en")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    wb = openpyxl.load_workbook(io.BytesIO(data))
    texts = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
                texts.add(cell.value)
    # Names and evidence as written (an XML reader reads a carriage return as a line feed).
    assert {t.replace("\r", "\n") for t in RISKY} <= texts
    assert "=SUM(A1)/ward/2025" in texts  # the peer group


def test_no_formula_cell_in_the_results_workbook_from_the_command_line(tmp_path: Path) -> None:
    cards = [make_card(f"u{i}", parent="@parent") for i in range(3)]
    cards[0]["name"], cards[1]["name"], cards[2]["name"] = "=1+1", "-2+3", "#DIV/0!"
    cards[0]["evidence"] = {"tasks_late_pct": '=HYPERLINK("http://example.invalid")'}
    (tmp_path / "cards.json").write_text(json.dumps(cards), "utf-8")
    out = tmp_path / "out.xlsx"
    assert run("rank", "--criteria", QD366, tmp_path / "cards.json", "--format", "xlsx", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type not in ("f", "e") for c in cells)
    assert {"=1+1", "-2+3", "#DIV/0!", "@parent/ward/2025", '=HYPERLINK("http://example.invalid")'} <= {
        c.value for c in cells
    }


def test_no_formula_cell_in_the_template(tmp_path: Path) -> None:
    text = QD366.read_text(encoding="utf-8")
    text = text.replace(
        "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành, en:",
        "=Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành, en:",
        1,
    )
    text = re.sub(r"reference: QĐ 366-QĐ/TW, Phụ lục 1, tiêu chí chung 1 .*", "reference: '#N/A'", text, count=1)
    text = text.replace("../rules/qd366.yaml", str(QD366_SCHEME))
    path = tmp_path / "crit.yaml"
    path.write_text(text, "utf-8")
    data = template_bytes(evaluator.load_criteria(path), "vi")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and all(b"<f>" not in s for s in sheets)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type not in ("f", "e") for c in cells)
    values = {c.value for c in cells}
    assert "=Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành" in values and "#N/A" in values


def test_the_terminal_table_shows_names_literally(tmp_path: Path) -> None:
    cards = [make_card("a", parent="[red]p[/red]"), make_card("[b]b"), make_card("c")]
    cards[0]["name"], cards[1]["name"], cards[2]["name"] = "Phường [/b] Một", "[bold red]Hai[/]", "Ba [link=x]y[/link]"
    (tmp_path / "cards.json").write_text(json.dumps(cards), "utf-8")
    for args in (
        ["rank", "--criteria", QD366, tmp_path / "cards.json", "--lang", "en"],
        ["explain", "[b]b", "--criteria", QD366, tmp_path / "cards.json"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout
    table = run("rank", "--criteria", QD366, tmp_path / "cards.json", "--lang", "en").stdout
    for shown in ("Phường [/b] Một", "[bold red]Hai[/]", "Ba [link=x]y[/link]", "[b]b", "[red]p[/red]/ward/2025"):
        assert shown in table
    assert "[b]b" in run("explain", "[b]b", "--criteria", QD366, tmp_path / "cards.json").stdout


CONTROLS = [
    ("\x1b[31mđỏ\x1b[0m", "đỏ"),  # CSI colours
    ("\x1b]0;tiêu đề\x07Tên", "Tên"),  # OSC window title, ended by BEL
    ("\x1b]8;;http://x\x1b\\liên kết\x1b]8;;\x1b\\", "liên kết"),  # OSC hyperlink, ended by ST
    ("A\x07B\x08C\x7fD", "ABCD"),  # BEL, backspace, DEL
    ("X\x9b31mY\x85Z", "X31mYZ"),  # C1: CSI and NEL as single characters
    ("\x1bPq#0;2;0;0;0\x1b\\Ảnh", "Ảnh"),  # DCS (sixel), ended by ST
    ("Tab\tthere\nnext", "Tab there\nnext"),
    ("\x1b[2J\x1b[HClear", "Clear"),
    ("Hòa", "Hòa"),
]


@pytest.mark.parametrize(("raw", "shown"), CONTROLS)
def test_escape_sequences_and_control_characters_are_removed(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_escape_sequences_never_reach_the_terminal() -> None:
    run_ = evaluator.rate(QD366, [make_card("u1"), make_card("u2")])
    for d, (raw, _) in zip(run_.results, CONTROLS, strict=False):
        d.name, d.unit = raw, raw + "-id"
        d.peer_group = "\x1b[5mnhóm"
    crit = evaluator.load_criteria(QD366)
    for thing in (ranking_table(run_, "vi"), *(explain_unit(d, crit, "vi") for d in run_.results)):
        out = io.StringIO()
        Console(file=out, width=200, no_color=True, highlight=False).print(thing)
        text = out.getvalue()
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text)
        assert "đỏ" in text or "Tên" in text


def test_errors_on_a_terminal_carry_no_escape_sequences(tmp_path: Path) -> None:
    card = make_card("u1")
    card["indicators"]["tasks_done\x1b[2J"] = 5
    (tmp_path / "cards.json").write_text(json.dumps([card]), "utf-8")
    result = run("rank", "--criteria", QD366, tmp_path / "cards.json")
    assert result.exit_code == 4
    # Refused where it is read, located, and named without being printed.
    assert "\x1b" not in result.stderr and "cards.json:1:" in result.stderr and "U+001B" in result.stderr
    assert ROOT.exists()
