"""The coverage floors of the test command: read from pyproject.toml and enforced."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def floors_script():
    spec = importlib.util.spec_from_file_location("coverage_floors", ROOT / "scripts" / "coverage_floors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def file_info(covered: int, total: int, missing: list[list[int]]) -> dict:
    return {"summary": {"covered_branches": covered, "num_branches": total}, "missing_branches": missing}


def test_the_floors_are_read_from_pyproject(floors_script) -> None:
    conf = floors_script.floors()
    assert conf["core_branches_min"] == 95 and conf["total_branches_min"] == 85
    assert [Path(p).name for p in conf["core"]] == [
        "findings.py",
        "classify.py",
        "ordering.py",
        "quota.py",
        "ranking.py",
        "gap.py",
        "decision.py",
    ]
    assert all((ROOT / p).is_file() for p in conf["core"])


def test_a_floor_not_met_fails_and_names_the_branches_never_taken(floors_script, capsys) -> None:
    files = {"src/a.py": file_info(9, 10, [[12, 14]]), "src/b.py": file_info(9, 10, [[3, -1]])}
    assert floors_script.judge("rating core", files, 95) is False
    out = capsys.readouterr().out
    assert "rating core: 18/20 = 90.0% (floor 95%) BELOW THE FLOOR" in out
    assert "src/a.py: 12→14" in out and "src/b.py: 3→exit" in out


def test_a_floor_met_passes(floors_script, capsys) -> None:
    assert floors_script.judge("whole package", {"src/a.py": file_info(19, 20, [[1, 2]])}, 95) is True
    assert "19/20 = 95.0% (floor 95%) ok" in capsys.readouterr().out


def test_no_coverage_data_is_an_error_not_a_pass(floors_script, tmp_path) -> None:
    assert floors_script.main(["--data", str(tmp_path / "absent")]) == 2
