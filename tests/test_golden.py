"""Golden explanations: what a committee reads for a sample of units, held whole, in both languages.

For each unit of the sample — one at each level, a quota-demoted one, a vetoed one, one whose veto a
recorded decision lifts, an incomplete one, a new-rural commune, a commune whose criterion 18 reads a
linked rating — ``tests/golden/`` holds the whole ``evaluator explain`` output and the reasons and gap
of its JSON result, in Vietnamese and in English. Any difference fails the test: a change of wording
is a decision, made by regenerating the files and reading them.

Regenerate after a deliberate change of wording, then read the diff as a committee member would::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

QD366 = (
    "--criteria",
    str(ROOT / "criteria" / "qd366-collective.yaml"),
    "--overrides",
    str(GOLDEN / "overrides-366.yaml"),
    str(GOLDEN / "scorecards-366.yaml"),
)
NTM = (
    "--criteria",
    str(ROOT / "examples" / "overlays" / "ntm-2016-illustrative.yaml"),
    "--link",
    f"{ROOT / 'tests' / 'fixtures' / 'links' / 'party.yaml'}={ROOT / 'tests' / 'fixtures' / 'links' / 'party-2020.yaml'}",
    str(ROOT / "examples" / "ntm-2020"),
)

# (folder, unit, what it shows, the run's arguments)
SAMPLE = [
    ("qd366", "gx-xuat-sac", "excellent, kept within the quota", QD366),
    ("qd366", "gx-vuot-han-muc", "excellent on its own, moved down by the quota", QD366),
    ("qd366", "gx-tot", "good", QD366),
    ("qd366", "gx-hoan-thanh", "completed", QD366),
    ("qd366", "gx-khong-hoan-thanh", "not completed on its points", QD366),
    ("qd366", "gx-loai-tru", "not completed by a veto", QD366),
    ("qd366", "gx-dieu-chinh", "a veto lifted by a recorded decision", QD366),
    ("qd366", "gx-chua-du", "incomplete", QD366),
    ("ntm", "cn-tan-hung-dong", "a new-rural commune short of the standard", NTM),
    ("ntm", "mh-dbsh", "criterion 18 read from the linked party rating, which overrules the scorecard", NTM),
]

# Paths differ from one checkout to another; the golden files hold them relative to the repository.
_ROOT_TEXT = re.escape(str(ROOT) + os.sep)


def _relative(text: str) -> str:
    return re.sub(_ROOT_TEXT, "", text)


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return _relative(result.stdout)


def explanation(unit: str, args: tuple[str, ...], lang: str) -> str:
    return _cli("explain", unit, *args, "--lang", lang)


def decision(unit: str, args: tuple[str, ...], lang: str) -> str:
    """The unit's JSON result as people read it: level, reasons, the gap, and each condition in words."""
    out = json.loads(_cli("rank", *args, "--format", "json", "--lang", lang))
    result = next(r for r in out["results"] if r["unit"] == unit)
    kept: dict[str, Any] = {
        key: result[key] for key in ("unit", "status", "level", "level_title", "score", "rank", "next_level")
    }
    kept["reasons"] = result["reasons"]
    kept["gap"] = result["gap"]
    kept["conditions"] = {f["criterion"]: f["threshold_text"] for f in result["findings"] if f["threshold_text"]}
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


def check(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.relative_to(ROOT)} differs (UPDATE_GOLDEN=1 regenerates it; read the diff)"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("folder", "unit", "what", "args"), SAMPLE, ids=[f"{s[0]}-{s[1]}" for s in SAMPLE])
def test_the_explanation_is_the_golden_one(folder: str, unit: str, what: str, args: tuple[str, ...], lang: str) -> None:
    check(GOLDEN / folder / f"{unit}.{lang}.txt", explanation(unit, args, lang))
    check(GOLDEN / folder / f"{unit}.{lang}.json", decision(unit, args, lang))


def test_the_sample_covers_every_case_the_issue_names() -> None:
    """One unit per level, incomplete, vetoed, quota-demoted, overridden, new-rural, linked: the runs agree."""
    levels: dict[str, dict[str, Any]] = {}
    for folder, args in (("qd366", QD366), ("ntm", NTM)):
        out = json.loads(_cli("rank", *args, "--format", "json", "--lang", "en"))
        for r in out["results"]:
            levels[f"{folder}/{r['unit']}"] = r
    sample = {f"{f}/{u}" for f, u, _, _ in SAMPLE}
    chosen = [levels[k] for k in sorted(sample)]
    assert {r["level"] for r in chosen if r["unit"].startswith("gx-")} >= {"htxs", "htt", "ht", "kht"}
    codes = {c["code"] for r in chosen for c in r["reasons"]}
    for code in (
        "reason.incomplete",
        "reason.veto",
        "reason.quota_demoted",
        "reason.quota_kept",
        "reason.override_lifted",
        "reason.linked_conflict",
        "reason.criteria_met",
    ):
        assert code in codes, code


def test_golden_files_hold_no_ids_where_people_read_words() -> None:
    """The golden texts name indicators by their titles: no indicator id, no None, null or — in a sentence."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.txt"))]
    sentences = [
        c["text"]
        for p in sorted(GOLDEN.rglob("*.json"))
        for key in ("reasons", "gap")
        for c in json.loads(p.read_text(encoding="utf-8"))[key]
    ]
    assert texts and sentences
    ids = ("tasks_late_pct", "tasks_exceeded_pct", "basic_targets_met", "general_1", "income_per_capita", "c18")
    for text in [*texts, *sentences]:
        assert not any(re.search(rf"(?<![\w-]){i}(?![\w-])", text) for i in ids), text[:200]
        assert "None" not in text and "null" not in text and " — ," not in text
    vietnamese = [
        c["text"]
        for p in sorted(GOLDEN.rglob("*.vi.json"))
        for key in ("reasons", "gap")
        for c in json.loads(p.read_text(encoding="utf-8"))[key]
    ]
    for sentence in vietnamese:  # numbers in Vietnamese form: 75,5 — never 75.5
        assert not re.search(r"(hiện|điểm|từ|bằng|quá|dưới|trên|lấy) \d+\.\d", sentence), sentence
