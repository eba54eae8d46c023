"""Importing the package loads only what every use needs: workbooks, the terminal's tables, page
templates, the store, numpy and the service's framework are imported by the code that uses them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("openpyxl", "rich", "jinja2", "sqlalchemy", "numpy", "pyarrow", "fastapi", "uvicorn")


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])


def test_import_evaluator_loads_none_of_the_heavy_libraries() -> None:
    loaded = _loaded("import evaluator")
    assert [m for m in HEAVY if m in loaded] == []


def test_the_command_line_group_loads_none_of_them_either() -> None:
    loaded = _loaded("import evaluator.cli")
    assert [m for m in HEAVY if m in loaded] == []
