"""``rank --format parquet -o RESULTS.parquet``: two Parquet tables for a data team.

- ``RESULTS.parquet`` — one row per unit (the JSON's per-unit record without its findings):
  unit, name, kind, region, parent, year, peer_group, status, level, level_title, score, rank,
  level_before_quota, criteria_met / criteria_of (null unless the scheme counts criteria),
  missing (list), reason_codes and reasons (lists: each reason's code and its text), next_level,
  gap (list of texts).
- ``RESULTS.findings.parquet`` beside it — one row per unit and criterion: unit, year,
  criterion, status, value (as JSON text: a number, yes/no, a choice or several values),
  threshold, threshold_text, points, reference, rule, decided_by_absence, absent (list).

The run's header (criteria, scheme, engine, options, parameters, ties, warnings — as in the JSON)
is kept as JSON in both files' schema metadata under the key ``evaluator``. Rows are written a
batch of units at a time; each file is written whole or not at all (:mod:`evaluator.output`), the
findings first, so a results file is never newer than its findings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..decision import Decision, Run
from ..gcpause import gc_paused
from ..messages import Lang, register
from ..output import atomic_file

__all__ = ["BATCH", "findings_path", "write_parquet"]

BATCH = 20_000  # units per row group

register(
    {
        "cli.parquet_name": (
            "--format parquet ghi hai tệp: hãy cho -o một tên kết thúc bằng .parquet (ví dụ -o ket-qua.parquet;"
            " các phát hiện ghi vào ket-qua.findings.parquet bên cạnh), không phải «{path}»",
            "--format parquet writes two files: give -o a name ending in .parquet (e.g. -o results.parquet;"
            " the findings go to results.findings.parquet beside it), not '{path}'",
        ),
    }
)


def findings_path(results: Path) -> Path:
    """Where the findings table of ``results`` goes: ``NAME.findings.parquet`` beside it."""
    stem = results.name[: -len(".parquet")] if results.name.lower().endswith(".parquet") else results.name
    return results.with_name(stem + ".findings.parquet")


def _schemas(header: dict[str, Any]) -> tuple[Any, Any]:
    import pyarrow as pa

    meta = {"evaluator": json.dumps(header, ensure_ascii=False, sort_keys=True)}
    text, texts = pa.string(), pa.list_(pa.string())
    results = pa.schema(
        [
            ("unit", text),
            ("name", text),
            ("kind", text),
            ("region", text),
            ("parent", text),
            ("year", pa.int32()),
            ("peer_group", text),
            ("status", text),
            ("level", text),
            ("level_title", text),
            ("score", pa.float64()),
            ("rank", pa.int64()),
            ("level_before_quota", text),
            ("criteria_met", pa.int32()),
            ("criteria_of", pa.int32()),
            ("missing", texts),
            ("reason_codes", texts),
            ("reasons", texts),
            ("next_level", text),
            ("gap", texts),
        ],
        metadata=meta,
    )
    findings = pa.schema(
        [
            ("unit", text),
            ("year", pa.int32()),
            ("criterion", text),
            ("status", text),
            ("value", text),
            ("threshold", text),
            ("threshold_text", text),
            ("points", pa.float64()),
            ("reference", text),
            ("rule", text),
            ("decided_by_absence", pa.bool_()),
            ("absent", texts),
        ],
        metadata=meta,
    )
    return results, findings


def _result_row(d: Decision, lang: Lang) -> dict[str, Any]:
    met = d.criteria_met
    return {
        "unit": d.unit,
        "name": d.name,
        "kind": d.kind,
        "region": d.region,
        "parent": d.parent,
        "year": d.year,
        "peer_group": d.peer_group,
        "status": d.status,
        "level": d.level,
        "level_title": d.level_title(lang),
        "score": d.score,
        "rank": d.rank,
        "level_before_quota": d.level_before_quota,
        "criteria_met": met[0] if met else None,
        "criteria_of": met[1] if met else None,
        "missing": list(d.missing),
        "reason_codes": [r.code for r in d.reasons],
        "reasons": [r.text(lang) for r in d.reasons],
        "next_level": d.gap_level,
        "gap": [g.get(lang) for g in d.gap],
    }


def _finding_rows(d: Decision, lang: Lang) -> Iterator[dict[str, Any]]:
    for f in d.findings:
        yield {
            "unit": d.unit,
            "year": d.year,
            "criterion": f.criterion,
            "status": f.status,
            "value": None if f.value is None else json.dumps(f.value, ensure_ascii=False, sort_keys=True),
            "threshold": f.threshold,
            "threshold_text": None if f.words is None else f.words.get(lang),
            "points": f.points,
            "reference": f.reference,
            "rule": f.rule,
            "decided_by_absence": f.by_absence,
            "absent": list(f.absent),
        }


def _write_table(path: Path, schema: Any, batches: Iterator[list[dict[str, Any]]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_file(path) as fh, pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        for rows in batches:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def _batches(results: Sequence[Decision], rows: Any) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(results), BATCH):
        yield [row for d in results[start : start + BATCH] for row in rows(d)]


def write_parquet(run: Run, output: Path, lang: Lang) -> None:
    """The results table at ``output``, the findings at :func:`findings_path` of it."""
    results_schema, findings_schema = _schemas(run.to_dict_header(lang))
    with gc_paused():
        _write_table(findings_path(output), findings_schema, _batches(run.results, lambda d: _finding_rows(d, lang)))
        _write_table(output, results_schema, _batches(run.results, lambda d: [_result_row(d, lang)]))
