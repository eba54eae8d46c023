"""docs/sources.md: every fact the shipped criteria and schemes use, with a stable id that every
reference names ([src:ID]); lint checks the tags; nothing in the project points outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from evaluator import DefinitionError, load_criteria
from evaluator.lint import lint_paths, lint_sources
from evaluator.model.references import read_source_list, reference_text, source_tags

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "sources.md"
SHIPPED = sorted(p for p in (ROOT / "criteria").glob("*.yaml") if not p.name.endswith(".test.yaml")) + sorted(
    (ROOT / "rules").glob("*.yaml")
)


def _entries() -> dict[str, str]:
    """Each entry of docs/sources.md: id → its text (from its heading to the next heading)."""
    text = SOURCES.read_text(encoding="utf-8")
    parts = re.split(r"^### `([^`]+)`", text, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ", 1)[0] for i in range(1, len(parts), 2)}


def _raw(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _tagged(data: Any) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "reference" and isinstance(value, str):
                out.append((value, source_tags(value)[0]))
            elif key == "references" and isinstance(value, list):
                out.extend((v, source_tags(v)[0]) for v in value)
            else:
                out.extend(_tagged(value))
    elif isinstance(data, list):
        for value in data:
            out.extend(_tagged(value))
    return out


def test_the_sources_list_reads_and_each_id_is_given_once() -> None:
    listed = read_source_list(SOURCES)
    assert listed.duplicates == ()
    assert len(listed.entries) >= 40 and set(listed.entries) == set(_entries())
    assert {"qd366-htxs", "qd366-quota", "qd1980-income", "local-gov-2025", "seed-thot-not-2014"} <= set(listed.entries)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_reference_names_entries_of_the_list(path: Path) -> None:
    data = _raw(path)
    assert data["sources"] == "../docs/sources.md"
    entries = _entries()
    refs = _tagged(data)
    assert refs, "a shipped file without references"
    for text, ids in refs:
        assert ids, f"{path.name}: '{text}' names no source"
        assert set(ids) <= set(entries), f"{path.name}: '{text}'"
    assert lint_sources(path) == []


def _number_forms(value: float) -> set[str]:
    whole = f"{value:g}"
    return {whole, f"{value:,.0f}" if value.is_integer() else whole}


def _numbers(data: dict[str, Any]) -> list[tuple[float, str]]:
    """The thresholds a file sets (parameter values, max points, level bands, quota rates) with their reference."""
    out: list[tuple[float, str]] = []
    for param in (data.get("parameters") or {}).values():
        for entry in param.get("values") or [param]:
            if isinstance(entry.get("value"), (int, float)):
                out.append((float(entry["value"]), entry.get("reference") or param.get("reference")))
    for crit in data.get("criteria") or []:
        if isinstance(crit.get("max_points"), (int, float)):
            out.append((float(crit["max_points"]), crit["reference"]))
    for level in data.get("levels") or []:
        if isinstance(level.get("min_score"), (int, float)):
            out.append((float(level["min_score"]), level["reference"]))
    quota = data.get("quota")
    if quota:
        for key in ("rate", "exceptional_rate"):
            if key in quota:
                out.append((round(float(quota[key]) * 100, 6), quota["reference"]))  # 0.2 is "20%" in the text
    return out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_threshold_a_shipped_file_sets_is_written_in_the_entry_it_cites(path: Path) -> None:
    """The oracle is the sources list, not the code: 30 in a file citing qd366-htxs must read 30 there."""
    entries = _entries()
    numbers = _numbers(_raw(path))
    for value, reference in numbers:
        ids = source_tags(reference)[0]
        text = " ".join(entries[i] for i in ids)
        found = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        assert any(form.replace(",", "") in found for form in _number_forms(value)), (
            f"{path.name}: {value:g} cited to {ids} is not written there"
        )


def test_a_shipped_file_sets_numbers_at_all() -> None:
    # the check above must have something to check
    assert len(_numbers(_raw(ROOT / "criteria" / "ntm-2016-commune.yaml"))) >= 15
    assert len(_numbers(_raw(ROOT / "rules" / "qd366.yaml"))) == 5  # 90, 70, 50, 20%, 25%


def test_outputs_show_the_reference_text_without_its_tags() -> None:
    crit = load_criteria(ROOT / "criteria" / "qd366-collective.yaml")
    assert crit.item("tasks_exceeded").model.reference == "QĐ 366-QĐ/TW — mức HTXS"
    assert all("[src:" not in r for r in crit.model.references)
    assert reference_text("Điều 3 [src:a, b.c] ") == "Điều 3"
    assert source_tags("Điều 3 [src:a, b.c] [src:d]") == (["a", "b.c", "d"], None)


@pytest.mark.parametrize(
    ("reference", "detail"),
    [
        ("Điều 3 [src: QĐ366]", "is not a source tag"),
        ("[src:qd366]", "a reference needs its text, not only source tags"),
        ("Điều 3 [SRC:qd366", "is not a source tag"),
    ],
)
def test_a_malformed_tag_is_refused_where_it_stands(tmp_path: Path, reference: str, detail: str) -> None:
    text = (ROOT / "tests" / "fixtures" / "lint" / "clean" / "criteria.yaml").read_text(encoding="utf-8")
    text = text.replace("    reference: Văn bản mẫu, điều 1\n", f'    reference: "{reference}"\n')
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "scheme.yaml").write_text(
        (ROOT / "tests" / "fixtures" / "lint" / "clean" / "scheme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(tmp_path / "criteria.yaml")
    (problem,) = err.value.problems
    assert problem.location.line == 20 and problem.location.field == "parameters.done_min.reference"
    assert detail in problem.message("en")


@pytest.mark.parametrize(
    ("sources", "content", "detail"),
    [
        ("missing.md", None, "the file cannot be read"),
        ("empty.md", "# nothing here\n\n## `not-an-entry`\n", "it has no entry"),
    ],
)
def test_a_sources_list_that_cannot_serve_is_an_error(
    tmp_path: Path, sources: str, content: str | None, detail: str
) -> None:
    text = (ROOT / "tests" / "fixtures" / "lint" / "clean" / "scheme.yaml").read_text(encoding="utf-8")
    (tmp_path / "scheme.yaml").write_text(f"sources: {sources}\n{text}", encoding="utf-8")
    if content is not None:
        (tmp_path / sources).write_text(content, encoding="utf-8")
    report = lint_paths([tmp_path])
    (finding,) = [f for f in report.findings if f.code == "lint.sources_invalid"]
    assert finding.severity == "error" and finding.location.line == 1
    assert detail in finding.message("en") and "không dùng được danh sách nguồn" in finding.message("vi")
    assert report.failed()


def test_no_project_file_points_outside_the_project() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    outside = re.compile(r"shared/reference|/work/shared|\.\./shared|regulations\.md")
    hits = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".png", ".xlsx", ".pdf") or not path.is_file() or name == "tests/test_sources.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if outside.search(line):
                hits.append(f"{name}:{n}: {line.strip()}")
    assert hits == []
