"""Static checks of criteria and scheme files: what loads fine but is probably wrong.

``evaluator lint criteria/ rules/`` reads every criteria and scheme file (a criteria
file is paired with the scheme its ``default_scheme`` names) and reports findings, each
with a stable code, a severity, file:line and a suggested fix, in Vietnamese or English.

Level bands. Levels are listed best first; a unit gets the first level whose
``min_score`` and required criteria hold, and the last level is the fallback. The score
band of a level is [its min_score, the min_score of the level above); a level without
``min_score`` has no floor. On that reading:

============================  ========  ===================================================
code                          severity  finding
============================  ========  ===================================================
lint.band_overlap             error     a level needs a higher score than a better level
                                        (or the better level has no floor): the bands cross
lint.band_empty               warning   two adjacent levels need the same score: the worse
                                        one's band is empty, only its criteria tell them apart
lint.band_gap                 warning   a level requires a criterion the level above neither
                                        requires nor implies: a unit meeting the better
                                        level's criteria but scoring in this band falls
                                        through to a lower level
lint.level_unreachable        error     whenever a level's conditions hold, a better level's
                                        hold too (its floor is no higher and its criteria are
                                        required or implied here): the level is never given
                                        (a level that vetoes or the quota move units to is
                                        reached that way and is not reported)
lint.score_unreachable        error     min_score is above the highest score the points
                                        criteria can give (their ``max_points`` or the
                                        formula over the indicators' ranges)
lint.max_points               warning   ``max_points`` differs from what the formula can give
                                        over the indicators' ranges
lint.points_band_gap          error     values of a ``bands:`` criterion's value that no band
                                        holds (a unit with one stops the rating)
lint.points_band_overlap      error     two bands of a ``bands:`` criterion hold the same values
                                        (the first listed gives the points)
lint.points_band_empty        warning   a band holds no value of the range of its value
lint.unused_indicator         warning   an indicator no criterion uses and no sort key names
lint.unused_parameter         warning   a parameter no criterion uses
lint.threshold_range          error     a condition compares an indicator with a constant
                                        outside the indicator's range (``pct >= 120``)
lint.param_range              error     a parameter value lies outside the range of an
                                        indicator it is compared with
lint.condition_constant       warning   a condition on one indicator holds always, or never,
                                        over the indicator's range
lint.param_open               info      a national set leaves a parameter ``null`` for some
                                        regions/years: a province must fill it (in its overlay)
                                        before units there can be rated — by design, not a defect
lint.param_missing            warning   a parameter has no value for a declared region or a year
                                        in force: no entry applies, or an overlay leaves a
                                        national ``null`` open
lint.reference_missing        warning   a criterion, parameter (value), level, veto or quota
                                        has no legal ``reference``
lint.reference_unsourced      warning   in a file that names its sources list (``sources:``),
                                        a reference carries no ``[src:ID]`` tag
lint.reference_unknown        error     a ``[src:ID]`` tag names no entry of the sources list
lint.sources_invalid          error     the sources list the file names cannot be read, has
                                        no entry, or gives an id twice
lint.sources_missing          warning   references carry ``[src:ID]`` tags but the file does
                                        not say where its sources list is (``sources:``)
lint.order_not_total          error     ``ranking`` or ``keep_order`` does not end with ``unit``
lint.band_not_finite          error     a ``min_score`` is ``.inf`` or ``.nan``
lint.veto_best_level          error     a veto names the best level
lint.veto_raises              error     a veto forces a level other than the lowest (it would
                                        raise a unit rated below it)
lint.quota_empty_base         error     ``quota.counted_against`` is empty
lint.demote_not_lower         error     ``quota.demote_to`` is not below the quota level
lint.duplicate_entry          error     an entry listed twice in ``score``, ``counted_against``,
                                        ``keep_order`` or ``ranking``
============================  ========  ===================================================

The last seven are what :func:`evaluator.load.load_scheme` refuses (``scheme.*``, exit 3);
lint reports them with the loader's message rather than stopping at the file.

Which "implies" is decided exactly for conditions on one and the same indicator
(comparisons with constants and parameters, per region and year); otherwise only a
criterion implies itself. Exit status (CLI): 1 on any error, and on warnings too with
``--strict`` (notes never fail); 3 when a file does not load at all (its problems are listed).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import expr as E
from .api import default_scheme_path
from .errors import DefinitionError, EvaluatorError, Location, Problem, did_you_mean
from .intervals import Interval, band_report
from .ir import CriterionIR, band_text
from .load import Criteria, bind_scheme, load_criteria, read_scheme, scheme_problems
from .messages import CATALOGUE, Lang, register, render
from .model.criteria import NUMERIC_TYPES, Indicator
from .model.references import read_source_list, reference_text, source_tags
from .model.scheme import Scheme
from .params import resolve, with_dependencies
from .sources import Document, read_documents

__all__ = ["SEVERITY", "LintFinding", "LintReport", "lint_criteria", "lint_paths", "lint_scheme"]

SEVERITY: dict[str, str] = {
    "lint.band_overlap": "error",
    "lint.band_empty": "warning",
    "lint.band_gap": "warning",
    "lint.level_unreachable": "error",
    "lint.score_unreachable": "error",
    "lint.max_points": "warning",
    "lint.points_band_gap": "error",
    "lint.points_band_overlap": "error",
    "lint.points_band_empty": "warning",
    "lint.unused_indicator": "warning",
    "lint.unused_parameter": "warning",
    "lint.threshold_range": "error",
    "lint.param_range": "error",
    "lint.condition_constant": "warning",
    "lint.param_open": "info",
    "lint.param_missing": "warning",
    "lint.reference_missing": "warning",
    "lint.reference_unsourced": "warning",
    "lint.reference_unknown": "error",
    "lint.sources_invalid": "error",
    "lint.sources_missing": "warning",
    # What load_scheme refuses (scheme.* problems, exit 3), reported under the same name here.
    "lint.order_not_total": "error",
    "lint.band_not_finite": "error",
    "lint.veto_best_level": "error",
    "lint.veto_raises": "error",
    "lint.quota_empty_base": "error",
    "lint.demote_not_lower": "error",
    "lint.duplicate_entry": "error",
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "lint.band_overlap": (
        "mức «{level}» cần điểm từ {min} nhưng mức cao hơn «{better}» chỉ cần {better_min}{where}: "
        "khung điểm chồng chéo",
        "level '{level}' needs a score of {min} but the better level '{better}' needs only {better_min}{where}: "
        "the bands cross",
    ),
    "lint.band_overlap.fix": (
        "xếp các mức theo min_score giảm dần, hoặc sửa min_score của «{level}» xuống dưới {better_min}",
        "order levels by decreasing min_score, or lower the min_score of '{level}' below {better_min}",
    ),
    "lint.band_empty": (
        "mức «{level}» và mức cao hơn «{better}» cùng cần điểm từ {min}{where}: khung điểm của «{level}» rỗng",
        "level '{level}' and the better level '{better}' both need a score of {min}{where}: "
        "the band of '{level}' is empty",
    ),
    "lint.band_empty.fix": (
        "đặt min_score của «{level}» thấp hơn {min}, hoặc xác nhận hai mức chỉ khác nhau ở tiêu chí bắt buộc",
        "give '{level}' a min_score below {min}, or confirm the two levels differ only by their required criteria",
    ),
    "lint.band_gap": (
        "mức «{level}» bắt buộc «{criterion}» mà mức cao hơn «{better}» không bắt buộc và không suy ra được: "
        "đơn vị đạt các tiêu chí của «{better}» với điểm trong khung {band}{where} nhưng không đạt «{criterion}» "
        "sẽ rơi xuống «{below}»",
        "level '{level}' requires '{criterion}', which the better level '{better}' neither requires nor implies: "
        "a unit meeting the criteria of '{better}' with a score in {band}{where} but failing '{criterion}' "
        "falls to '{below}'",
    ),
    "lint.band_gap.fix": (
        "thêm «{criterion}» vào requires của «{better}», hoặc xác nhận khoảng trống là chủ ý",
        "add '{criterion}' to the requires of '{better}', or confirm the gap is intended",
    ),
    "lint.level_unreachable": (
        "mức «{level}» không bao giờ được xếp: khi điều kiện của nó đúng thì điều kiện của mức cao hơn «{better}» "
        "cũng đúng",
        "level '{level}' is never given: whenever its conditions hold, those of the better level '{better}' hold too",
    ),
    "lint.level_unreachable.fix": (
        "đặt «{level}» lên trên «{better}», hoặc thêm điều kiện cho «{better}» (min_score cao hơn, tiêu chí bắt buộc)",
        "move '{level}' above '{better}', or give '{better}' stricter conditions (a higher min_score, required "
        "criteria)",
    ),
    "lint.score_unreachable": (
        "mức «{level}» cần điểm từ {min} nhưng điểm cao nhất có thể đạt là {max} ({parts})",
        "level '{level}' needs a score of {min} but the highest score possible is {max} ({parts})",
    ),
    "lint.score_unreachable.fix": (
        "hạ min_score của «{level}» xuống tối đa {max}, hoặc sửa max_points/khoảng giá trị của các tiêu chí tính điểm",
        "lower the min_score of '{level}' to at most {max}, or fix the max_points / ranges of the points criteria",
    ),
    "lint.max_points": (
        "tiêu chí «{criterion}» ghi max_points {declared} nhưng công thức cho tối đa {bound} theo khoảng giá trị "
        "của các chỉ số",
        "criterion '{criterion}' says max_points {declared} but its formula gives at most {bound} over the "
        "indicators' ranges",
    ),
    "lint.max_points.fix": (
        "sửa max_points thành {bound}, hoặc sửa min/max của các chỉ số trong công thức",
        "set max_points to {bound}, or fix the min/max of the indicators in the formula",
    ),
    "lint.points_band_gap": (
        "tiêu chí «{criterion}»: không khung điểm nào chứa {values}{where}; gặp đơn vị có giá trị như vậy, "
        "việc xếp loại sẽ dừng lại",
        "criterion '{criterion}': no band holds {values}{where}; a unit with such a value stops the rating",
    ),
    "lint.points_band_gap.fix": (
        "thêm một khung cho {values}, hoặc nới khung liền kề (khung sau bắt đầu đúng chỗ khung trước dừng: "
        "«below: 90» rồi «min: 90»)",
        "add a band for {values}, or widen the band next to it (each band starting where the one before stops: "
        "'below: 90' then 'min: 90')",
    ),
    "lint.points_band_overlap": (
        "tiêu chí «{criterion}»: khung {first} và khung {second} cùng chứa {values}{where}; khung ghi trước cho điểm",
        "criterion '{criterion}': bands {first} and {second} both hold {values}{where}; the one listed first "
        "gives the points",
    ),
    "lint.points_band_overlap.fix": (
        "cho hai khung nối tiếp mà không chồng lên nhau (một khung «below: 95», khung kia «min: 95»)",
        "make the two bands meet without overlapping (one 'below: 95', the other 'min: 95')",
    ),
    "lint.points_band_empty": (
        "tiêu chí «{criterion}»: khung {band} không chứa giá trị nào trong khoảng [{min}, {max}] của «{name}»{where}",
        "criterion '{criterion}': band {band} holds no value within the range [{min}, {max}] of '{name}'{where}",
    ),
    "lint.points_band_empty.fix": (
        "sửa cận của khung (cận dưới phải nhỏ hơn cận trên, trong khoảng của «{name}»), hoặc bỏ khung",
        "fix the band's bounds (the lower below the upper, within the range of '{name}'), or remove the band",
    ),
    "lint.unused_indicator": (
        "chỉ số «{name}» không được tiêu chí nào dùng và không là khóa sắp xếp",
        "indicator '{name}' is used by no criterion and by no sort key",
    ),
    "lint.unused_indicator.fix": (
        "dùng «{name}» trong một tiêu chí, hoặc xóa nó (đơn vị khỏi phải nhập)",
        "use '{name}' in a criterion, or remove it (units need not report it)",
    ),
    "lint.unused_parameter": (
        "tham số «{name}» không được tiêu chí nào dùng",
        "parameter '{name}' is used by no criterion",
    ),
    "lint.unused_parameter.fix": (
        "dùng «{name}» trong điều kiện thay cho hằng số, hoặc xóa nó",
        "use '{name}' in a condition instead of a constant, or remove it",
    ),
    "lint.threshold_range": (
        "tiêu chí «{criterion}»: «{literal}» so với {value}, ngoài khoảng [{min}, {max}] của chỉ số «{name}»",
        "criterion '{criterion}': '{literal}' compares with {value}, outside the range [{min}, {max}] of "
        "indicator '{name}'",
    ),
    "lint.threshold_range.fix": (
        "sửa ngưỡng vào trong khoảng [{min}, {max}] (tỷ lệ phần trăm ghi 0–100), hoặc sửa min/max của «{name}»",
        "put the threshold inside [{min}, {max}] (percentages are 0–100), or fix the min/max of '{name}'",
    ),
    "lint.param_range": (
        "tham số «{param}» = {value}{where} nằm ngoài khoảng [{min}, {max}] của chỉ số «{name}» mà "
        "«{criterion}» so sánh",
        "parameter '{param}' = {value}{where} lies outside the range [{min}, {max}] of indicator '{name}' that "
        "'{criterion}' compares it with",
    ),
    "lint.param_range.fix": (
        "sửa giá trị vào trong khoảng [{min}, {max}], hoặc sửa min/max của «{name}»",
        "put the value inside [{min}, {max}], or fix the min/max of '{name}'",
    ),
    "lint.condition_constant": (
        "điều kiện của «{criterion}» ({condition}) {always} với mọi giá trị hợp lệ của «{name}»",
        "the condition of '{criterion}' ({condition}) {always} for every allowed value of '{name}'",
    ),
    "lint.condition_constant.fix": (
        "kiểm tra lại phép so sánh và ngưỡng của «{criterion}»",
        "check the comparison and the threshold of '{criterion}'",
    ),
    "lint.always.true": ("luôn đúng", "always holds"),
    "lint.always.false": ("không bao giờ đúng", "never holds"),
    "lint.param_open": (
        "tham số «{name}» để trống (null) cho {region}, năm {years}: tỉnh phải điền trước khi xếp loại đơn vị ở đó",
        "parameter '{name}' is left open (null) for {region}, years {years}: a province must fill it before "
        "units there are rated",
    ),
    "lint.param_open.fix": (
        "tỉnh điền giá trị kèm căn cứ trong một lớp bổ sung (overlay) của tỉnh",
        "the province fills in the value, with its reference, in its overlay",
    ),
    "lint.param_missing": (
        "tham số «{name}» chưa có giá trị cho {region}, năm {years}: chưa thể xếp loại đơn vị ở đó",
        "parameter '{name}' has no value for {region}, years {years}: units there cannot be rated yet",
    ),
    "lint.param_missing.fix": (
        "điền giá trị (kèm căn cứ) cho {region}, hoặc thêm một giá trị chung cho mọi vùng",
        "fill in a value (with its reference) for {region}, or add a value for all regions",
    ),
    "lint.reference_missing": (
        "{what} «{name}» chưa ghi căn cứ pháp lý (reference)",
        "{what} '{name}' has no legal reference",
    ),
    "lint.reference_missing.fix": (
        "thêm «reference:» nêu văn bản, điều, khoản làm căn cứ",
        "add 'reference:' naming the document, article and clause it rests on",
    ),
    "lint.reference_unsourced": (
        "căn cứ «{text}» không ghi nguồn [src:…] trong danh sách nguồn {sources}",
        "reference '{text}' names no entry [src:…] of the sources list {sources}",
    ),
    "lint.reference_unsourced.fix": (
        "thêm vào cuối căn cứ thẻ [src:ID] nêu mục của {sources} ghi điều này (thêm mục nếu chưa có)",
        "end the reference with a tag [src:ID] naming the entry of {sources} that states it (add the entry if "
        "there is none)",
    ),
    "lint.reference_unknown": (
        "thẻ [src:{id}] không phải mục nào trong danh sách nguồn {sources}",
        "tag [src:{id}] names no entry of the sources list {sources}",
    ),
    "lint.reference_unknown.fix": (
        "sửa mã nguồn{suggestion}, hoặc thêm vào {sources} mục «### `{id}` — …» nêu văn bản và nội dung",
        "fix the id{suggestion}, or add to {sources} an entry '### `{id}` — …' stating the document and the fact",
    ),
    "lint.sources_invalid": (
        "không dùng được danh sách nguồn {sources}: {detail}",
        "the sources list {sources} cannot be used: {detail}",
    ),
    "lint.sources_invalid.fix": (
        "sửa đường dẫn «sources:» (tính từ tệp này), hoặc sửa danh sách: mỗi mục một dòng «### `id` — …», "
        "mỗi mã một lần",
        "fix the 'sources:' path (relative to this file), or the list: one line '### `id` — …' per entry, each id once",
    ),
    "lint.sources_missing": (
        "các căn cứ có thẻ [src:…] nhưng tệp không ghi danh sách nguồn ở đâu",
        "references carry [src:…] tags but the file does not say where its sources list is",
    ),
    "lint.sources_missing.fix": (
        "thêm «sources: ../docs/sources.md» (đường dẫn tính từ tệp này) để kiểm tra các thẻ",
        "add 'sources: ../docs/sources.md' (a path relative to this file) so the tags are checked",
    ),
    "lint.sources.none": ("không có mục nào («### `id` — …»)", "it has no entry ('### `id` — …')"),
    "lint.sources.twice": (
        "mã «{id}» có hai mục (dòng {first} và {again})",
        "id '{id}' has two entries (lines {first} and {again})",
    ),
    "lint.sources.unreadable": ("không đọc được tệp ({detail})", "the file cannot be read ({detail})"),
    "lint.sources.did_you_mean": (" (có phải «{id}»?)", " (did you mean '{id}'?)"),
    "lint.every_region": ("mọi vùng", "every region"),
    "lint.what.criterion": ("tiêu chí", "criterion"),
    "lint.what.parameter": ("tham số", "parameter"),
    "lint.what.level": ("mức", "level"),
    "lint.what.veto": ("điều kiện loại trừ", "veto"),
    "lint.what.quota": ("hạn mức", "quota"),
    "lint.severity.error": ("lỗi", "error"),
    "lint.severity.warning": ("cảnh báo", "warning"),
    "lint.severity.info": ("ghi chú", "note"),
    "lint.ui.fix": ("cách sửa", "fix"),
    "lint.ui.summary": (
        "{files} tệp: {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú",
        "files: {files} — errors: {errors}, warnings: {warnings}, notes: {notes}",
    ),
    "lint.ui.clean": ("{files} tệp: không có gì cần sửa{notes}", "files: {files} — nothing to fix{notes}"),
    "lint.ui.notes": (" ({count} ghi chú)", " (notes: {count})"),
}
_REFUSED_FIXES: dict[str, tuple[str, str]] = {
    "lint.order_not_total.fix": (
        "thêm «unit asc» vào cuối «{field}» (và bỏ các khóa đứng sau «unit»)",
        "end '{field}' with 'unit asc' (and drop any key after 'unit')",
    ),
    "lint.band_not_finite.fix": ("ghi min_score là một số hữu hạn", "give min_score a finite number"),
    "lint.veto_best_level.fix": (
        "cho điều kiện loại trừ «{veto}» một mức thấp hơn «{best}», hoặc bỏ nó",
        "give veto '{veto}' a level below '{best}', or remove it",
    ),
    "lint.veto_raises.fix": (
        "dùng «effect: cap» để giới hạn tối đa «{level}», hoặc buộc xếp mức thấp nhất «{worst}»",
        "use 'effect: cap' to cap at '{level}', or force the lowest level '{worst}'",
    ),
    "lint.quota_empty_base.fix": (
        "ghi các mức làm cơ số của hạn mức, ví dụ counted_against: [htxs, htt]",
        "name the levels the quota is counted against, e.g. counted_against: [htxs, htt]",
    ),
    "lint.demote_not_lower.fix": (
        "đặt demote_to là một mức thấp hơn «{level}»",
        "set demote_to to a level below '{level}'",
    ),
    "lint.duplicate_entry.fix": ("bỏ lần ghi thứ hai của «{name}»", "remove the second '{name}'"),
}
# A refused scheme reads the same under lint as when it is loaded: the message is load's.
_REFUSED = {
    fix.removesuffix(".fix"): "scheme." + fix.removeprefix("lint.").removesuffix(".fix") for fix in _REFUSED_FIXES
}
_MESSAGES.update(_REFUSED_FIXES)
_MESSAGES.update({code: CATALOGUE[scheme_code] for code, scheme_code in _REFUSED.items()})
register({k: v for k, v in _MESSAGES.items() if k not in CATALOGUE})


@dataclass(frozen=True)
class LintFinding:
    """One lint finding: stable code, where, the facts, and what would fix it."""

    code: str
    location: Location
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    def _params(self, lang: Lang) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in self.params.items():
            if isinstance(v, tuple) and len(v) in (2, 3) and v[0] == "msg":  # a message, with its own params
                out[k] = render(v[1], lang, **(v[2] if len(v) == 3 else {}))
            else:
                out[k] = v
        return out

    def message(self, lang: Lang = "vi") -> str:
        return render(self.code, lang, **self._params(lang))

    def fix(self, lang: Lang = "vi") -> str:
        return render(self.code + ".fix", lang, **self._params(lang))

    def render(self, lang: Lang = "vi") -> str:
        where = self.location.render(lang)
        sev = render(f"lint.severity.{self.severity}", lang)
        head = f"{where}: {sev} [{self.code}] {self.message(lang)}"
        return f"{head}\n    → {render('lint.ui.fix', lang)}: {self.fix(lang)}"

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "location": self.location.to_dict(),
            "message": self.message(lang),
            "fix": self.fix(lang),
        }

    def key(self) -> tuple[Any, ...]:
        return (
            self.code,
            self.location.file,
            self.location.line,
            self.location.field,
            repr(sorted(self.params.items())),
        )


@dataclass
class LintReport:
    files: list[str] = field(default_factory=list)
    findings: list[LintFinding] = field(default_factory=list)
    errors: list[EvaluatorError] = field(default_factory=list)  # files that do not load

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or self.count("error") > 0 or (strict and self.count("warning") > 0)

    def render(self, lang: Lang = "vi") -> str:
        lines = [f.render(lang) for f in self.findings]
        lines.extend(e.render(lang) for e in self.errors)
        errors = self.count("error") + sum(len(e.problems) for e in self.errors)
        notes = self.count("info")
        if errors or self.count("warning"):
            lines.append(
                render(
                    "lint.ui.summary",
                    lang,
                    files=len(self.files),
                    errors=errors,
                    warnings=self.count("warning"),
                    notes=notes,
                )
            )
        else:
            extra = render("lint.ui.notes", lang, count=notes) if notes else ""
            lines.append(render("lint.ui.clean", lang, files=len(self.files), notes=extra))
        return "\n".join(lines) + "\n"

    def to_json(self, lang: Lang = "vi") -> str:
        data = {
            "files": self.files,
            "findings": [f.to_dict(lang) for f in self.findings],
            "invalid": [e.to_dict(lang) for e in self.errors],
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "notes": self.count("info"),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- numbers and ranges


def _num(v: float | None, absent: str = "—") -> str:
    return absent if v is None else E.format_number(v)


def _bounds_text(ind: Indicator) -> tuple[str, str]:
    lo, hi = ind.bounds()
    return _num(lo, "-∞"), _num(hi, "+∞")


def _add(a: float, b: float) -> float:
    s = a + b
    return math.inf if math.isnan(s) else s


def _mul(a: float, b: float) -> float:
    if a == 0 or b == 0:
        return 0.0
    return a * b


def interval(node: E.Node, criteria: Criteria) -> tuple[float, float]:
    """Lowest and highest value of a numeric expression over the indicators' ranges and the
    parameters' values (``±inf`` where unbounded)."""
    model = criteria.model
    if isinstance(node, E.Num):
        return float(node.value), float(node.value)
    if isinstance(node, E.Name):
        if node.id in model.indicators:
            lo, hi = model.indicators[node.id].bounds()
            return (-math.inf if lo is None else lo), (math.inf if hi is None else hi)
        values = [ctx[node.id] for ctx in _contexts(criteria, [node.id])]
        return (min(values), max(values)) if values else (-math.inf, math.inf)
    if isinstance(node, E.Neg):
        lo, hi = interval(node.operand, criteria)
        return -hi, -lo
    if isinstance(node, E.If):  # points by steps: the lowest and highest of its branches
        a, b = interval(node.then, criteria), interval(node.else_, criteria)
        return min(a[0], b[0]), max(a[1], b[1])
    if isinstance(node, E.NoPoints):  # gives nothing: no part of the range
        return math.inf, -math.inf
    if isinstance(node, E.Bin):
        a, b = interval(node.left, criteria), interval(node.right, criteria)
        if node.op == "+":
            return _add(a[0], b[0]), _add(a[1], b[1])
        if node.op == "-":
            return _add(a[0], -b[1]), _add(a[1], -b[0])
        if node.op == "/":
            b = (1 / b[1], 1 / b[0]) if b[0] == b[1] and b[0] != 0 else (-math.inf, math.inf)
        products = [_mul(x, y) for x in a for y in b]
        return min(products), max(products)
    return -math.inf, math.inf


def max_points(it: CriterionIR, criteria: Criteria) -> float:
    """The highest points ``it`` can give: its formula over the ranges, else its ``max_points``."""
    hi = interval(it.node, criteria)[1]
    if math.isfinite(hi):
        return hi
    return it.model.max_points if it.model.max_points is not None else math.inf


# ---------------------------------------------------------------- conditions on one indicator


def _contexts(criteria: Criteria, params: Iterable[str]) -> list[dict[str, float]]:
    """Every combination of parameter values units can meet (by region and year)."""
    names = sorted(set(params))
    if not names:
        return [{}]
    model = criteria.model
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    out: list[dict[str, float]] = []
    for region in regions:
        for year in _years(criteria, names):
            values = {n: resolve(n, model.parameters[n], region, year, model.parameters).value for n in names}
            if all(v is not None for v in values.values()) and values not in out:
                out.append(values)  # type: ignore[arg-type]
    return out


def param_deps(criteria: Criteria, names: Iterable[str]) -> list[str]:
    """``names`` and every parameter their formulas use, transitively."""
    return with_dependencies(criteria.model.parameters, names)


def _years(criteria: Criteria, names: Iterable[str]) -> list[int]:
    model = criteria.model
    years = {model.valid_from.year}
    for n in param_deps(criteria, names):
        for v in model.parameters[n].values:
            for y in (v.from_year, v.to_year, None if v.to_year is None else v.to_year + 1):
                if y is not None:
                    years.add(y)
    return sorted(y for y in years if model.in_force(y))


def _probe_points(items: Sequence[CriterionIR], name: str, criteria: Criteria, ctx: dict[str, float]) -> list[Any]:
    """Values of indicator ``name`` at which every condition in ``items`` changes or holds steady."""
    ind = criteria.model.indicators[name]
    if ind.type == "yesno":
        return [False, True]
    if ind.type == "rating":
        return list(ind.choices or ())
    lo, hi = ind.bounds()
    ts: set[float] = set()
    for it in items:
        for term in (*it.pass_terms, *it.fail_terms):
            for lit in term:
                for side in (lit.left, lit.right):
                    if not any(n in criteria.model.indicators for n in E.names(side)):
                        with contextlib.suppress(KeyError):  # a parameter with no value here
                            ts.add(float(E.evaluate(side, ctx)))
    ts.update(x for x in (lo, hi) if x is not None)
    ordered = sorted(ts)
    points = list(ordered)
    points.extend((a + b) / 2 for a, b in itertools.pairwise(ordered))
    if ordered:
        points.extend([ordered[0] - 1, ordered[-1] + 1])
    else:
        points.append(0.0)
    return [p for p in points if (lo is None or p >= lo) and (hi is None or p <= hi)]


def _single(it: CriterionIR) -> str | None:
    return it.fields[0] if it.kind == "condition" and len(it.fields) == 1 else None


def implies(a: CriterionIR, b: CriterionIR, criteria: Criteria) -> bool:
    """Whether condition ``a`` passing means ``b`` passes, for every unit (exact for two
    conditions on one and the same indicator; otherwise only ``a is b``)."""
    if a.id == b.id:
        return True
    name = _single(a)
    if name is None or _single(b) != name:
        return False
    contexts = _contexts(criteria, (*a.params, *b.params))
    if not contexts:
        return False
    for ctx in contexts:
        for x in _probe_points((a, b), name, criteria, ctx):
            scope = {**ctx, name: x}
            if E.evaluate(a.node, scope) and not E.evaluate(b.node, scope):
                return False
    return True


def constant_value(it: CriterionIR, criteria: Criteria) -> bool | None:
    """True/False when a one-indicator condition holds always/never over the range; else None."""
    name = _single(it)
    if name is None:
        return None
    seen: set[bool] = set()
    for ctx in _contexts(criteria, it.params):
        for x in _probe_points((it,), name, criteria, ctx):
            seen.add(bool(E.evaluate(it.node, {**ctx, name: x})))
    return seen.pop() if len(seen) == 1 else None


# ---------------------------------------------------------------- criteria checks


def _source(criteria: Criteria) -> Any:
    """What locates paths of a (possibly merged) criteria set in the files that wrote them."""
    return criteria if hasattr(criteria, "locate") else criteria.doc


def _param_value_loc(src: Any, name: str, k: int) -> tuple[Any, ...]:
    """The path of value ``k`` of parameter ``name``: ``value`` in the shorthand, else ``values.k.value``."""
    base = src.locate(("parameters", name))
    short = src.locate(("parameters", name, "value"))
    if k == 0 and (short.line, short.column) != (base.line, base.column):
        return ("parameters", name, "value")
    return ("parameters", name, "values", k, "value")


def _sort_keys(scheme: Scheme | None) -> set[str]:
    if scheme is None:
        return set()
    keys = {k.key for k in scheme.ranking}
    if scheme.quota is not None:
        keys |= {k.key for k in scheme.quota.keep_order}
    return keys


def lint_criteria(criteria: Criteria, scheme: Scheme | None = None) -> list[LintFinding]:
    """Findings in one criteria file (``scheme``: its scheme, for the sort keys it uses)."""
    model, src = criteria.model, _source(criteria)
    out: list[LintFinding] = []
    used_fields = {f for it in criteria.items for f in it.fields}
    direct = {p for it in criteria.items for p in it.params} | set(criteria.range_params.values())
    if scheme is not None:
        direct |= {lv.min_score for lv in scheme.levels if isinstance(lv.min_score, str)}
    used_params = set(param_deps(criteria, direct))
    sort_keys = _sort_keys(scheme)
    for name in model.indicators:
        if name not in used_fields and name not in sort_keys:
            out.append(LintFinding("lint.unused_indicator", _at(src, ("indicators", name)), {"name": name}))
    for name in model.parameters:
        if name not in used_params:
            out.append(LintFinding("lint.unused_parameter", _at(src, ("parameters", name)), {"name": name}))

    for it in criteria.items:
        key = "condition" if it.kind == "condition" else "points"
        where = src.locate(("criteria", it.index, key))
        if it.model.reference is None:
            out.append(
                LintFinding(
                    "lint.reference_missing",
                    src.locate(("criteria", it.index)),
                    {"what": ("msg", "lint.what.criterion"), "name": it.id},
                )
            )
        if it.kind == "points":
            out.extend(_points_band_findings(it, criteria))
            bound = interval(it.node, criteria)[1]
            declared = it.model.max_points
            if declared is not None and math.isfinite(bound) and abs(bound - declared) > 1e-9:
                out.append(
                    LintFinding(
                        "lint.max_points",
                        src.locate(("criteria", it.index, "max_points")),
                        {"criterion": it.id, "declared": _num(declared), "bound": _num(bound)},
                    )
                )
            continue
        ranged = _range_findings(it, criteria, where, out)
        if not ranged:
            always = constant_value(it, criteria)
            if always is not None:
                out.append(
                    LintFinding(
                        "lint.condition_constant",
                        where,
                        {
                            "criterion": it.id,
                            "condition": it.text,
                            "always": ("msg", f"lint.always.{'true' if always else 'false'}"),
                            "name": it.fields[0],
                        },
                    )
                )
    out.extend(_parameter_findings(criteria, direct & set(model.parameters)))
    return out


def _points_band_findings(it: CriterionIR, criteria: Criteria) -> list[LintFinding]:
    """Gaps, overlaps and empty bands of a ``bands:`` criterion, in every region and year its
    bounds tell apart (where a bound has no value yet, the province's overlay is checked)."""
    if it.band_value is None:
        return []
    model, src = criteria.model, _source(criteria)
    value, conds = it.band_value, it.band_conds
    names = sorted({n for c in conds for n in E.names(c) if n in model.parameters})
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    places = [(r, y) for r in regions for y in _years(criteria, names)] if names else [(None, None)]
    contexts: list[tuple[dict[str, Any], str]] = []
    for region, year in places:
        ctx = {n: resolve(n, model.parameters[n], region, year, model.parameters).value for n in names}
        if any(v is None for v in ctx.values()) or any(ctx == c for c, _ in contexts):
            continue
        contexts.append((ctx, ", ".join(str(x) for x in (region, year) if x is not None)))
    if len(contexts) == 1:
        contexts = [(contexts[0][0], "")]
    shown = E.render(value)
    whole = isinstance(value, E.Name) and value.id in model.indicators and model.indicators[value.id].type == "count"
    if isinstance(value, E.Name) and value.id in model.indicators:
        lo, hi = model.indicators[value.id].bounds()
        lo, hi = (-math.inf if lo is None else lo), (math.inf if hi is None else hi)
    else:
        lo, hi = interval(value, criteria)
    span = Interval(lo, True, hi, True, whole)
    out: list[LintFinding] = []
    seen: set[tuple[Any, ...]] = set()
    base = ("criteria", it.index, "bands")
    for ctx, label in contexts:
        where = f" ({label})" if label else ""
        bands = [_band_interval(c, ctx, whole) for c in conds]
        report = band_report(bands, span)

        def band(k: int, ctx: dict[str, Any] = ctx) -> str:
            return f"{k + 1} ({band_text(value, conds[k], ctx)})"

        for gap in report.gaps:
            if ("gap", gap.text(shown)) not in seen:
                seen.add(("gap", gap.text(shown)))
                params = {"criterion": it.id, "values": gap.text(shown), "where": where}
                out.append(LintFinding("lint.points_band_gap", _at(src, base), params))
        for i, j, both in report.overlaps:
            if ("overlap", i, j) not in seen:
                seen.add(("overlap", i, j))
                params = {"criterion": it.id, "first": band(i), "second": band(j), "values": both.text(shown)}
                at = src.locate((*base, "steps", j))
                out.append(LintFinding("lint.points_band_overlap", at, {**params, "where": where}))
        for k in report.empty:
            if ("empty", k) not in seen:
                seen.add(("empty", k))
                params = {"criterion": it.id, "band": band(k), "name": shown, "where": where}
                params["min"] = _num(lo if math.isfinite(lo) else None, "-∞")
                params["max"] = _num(hi if math.isfinite(hi) else None, "+∞")
                out.append(LintFinding("lint.points_band_empty", src.locate((*base, "steps", k)), params))
    return out


def _band_interval(cond: E.Node, ctx: dict[str, Any], whole: bool) -> Interval:
    """The values a band's condition holds, with its bounds' values ``ctx``."""
    lo, lo_c, hi, hi_c = -math.inf, False, math.inf, False
    for part in cond.items if isinstance(cond, E.And) else (cond,):
        if not isinstance(part, E.Cmp):
            continue  # a band with no bound: every value
        bound = float(E.evaluate(part.right, ctx))
        if part.op in (">=", ">"):
            lo, lo_c = bound, part.op == ">="
        else:
            hi, hi_c = bound, part.op == "<="
    return Interval(lo, lo_c, hi, hi_c, whole)


def _range_findings(it: CriterionIR, criteria: Criteria, where: Location, out: list[LintFinding]) -> bool:
    """Thresholds and parameter values outside the range of the indicator they are compared with."""
    model, src = criteria.model, _source(criteria)
    found = False
    seen: set[tuple[Any, ...]] = set()
    for term in (*it.pass_terms, *it.fail_terms):
        for lit in term:
            left, right = lit.left, lit.right
            if isinstance(right, E.Name) and right.id in model.indicators:
                left, right = right, left
            if not isinstance(left, E.Name) or left.id not in model.indicators:
                continue
            ind = model.indicators[left.id]
            if ind.type not in NUMERIC_TYPES or any(n in model.indicators for n in E.names(right)):
                continue
            lo, hi = ind.bounds()
            lo_s, hi_s = _bounds_text(ind)

            def outside(x: float, lo: float | None = lo, hi: float | None = hi) -> bool:
                return (lo is not None and x < lo) or (hi is not None and x > hi)

            params = [n for n in E.names(right) if n in model.parameters]
            if not params:
                value = E.fold(right)
                if isinstance(value, E.Num) and outside(value.value) and (left.id, value) not in seen:
                    seen.add((left.id, value))
                    found = True
                    out.append(
                        LintFinding(
                            "lint.threshold_range",
                            where,
                            {
                                "criterion": it.id,
                                "literal": E.render(E.Cmp(lit.op, lit.left, lit.right)),
                                "value": _num(value.value),
                                "min": lo_s,
                                "max": hi_s,
                                "name": left.id,
                            },
                        )
                    )
                continue
            if not isinstance(right, E.Name):
                continue  # an expression of parameters: checked per value below only when it is one name
            param = model.parameters[right.id]
            for k, entry in enumerate(param.values):
                if entry.value is None or not outside(entry.value) or (right.id, k) in seen:
                    continue
                seen.add((right.id, k))
                found = True
                bits = [b for b in (entry.region, _years_text(entry.from_year, entry.to_year)) if b]
                out.append(
                    LintFinding(
                        "lint.param_range",
                        src.locate(_param_value_loc(src, right.id, k)),
                        {
                            "param": right.id,
                            "value": _num(entry.value),
                            "where": f" ({', '.join(bits)})" if bits else "",
                            "min": lo_s,
                            "max": hi_s,
                            "name": left.id,
                            "criterion": it.id,
                        },
                    )
                )
    return found


def _spans(years: list[int], breaks: list[int], last: int | None) -> str:
    """Years as spans: each year checked stands for the years up to the next one checked."""
    spans: list[tuple[int, int | None]] = []
    for y in years:
        later = [b for b in breaks if b > y]
        end = later[0] - 1 if later else last
        if spans and spans[-1][1] is not None and spans[-1][1] + 1 == y:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((y, end))
    return ", ".join(str(a) if a == b else f"{a}–{'…' if b is None else b}" for a, b in spans)


def _years_text(a: int | None, b: int | None) -> str:
    if a is None and b is None:
        return ""
    return f"{a or '…'}–{b or '…'}"


def _at(src: Any, path: Sequence[Any]) -> Location:
    """The location of ``path``; for a key whose value is a block on the lines below (a mapping
    or a list), the line of the key itself rather than that of its first child."""
    loc = src.locate(path)
    if not path or not isinstance(path[-1], str) or loc.line is None or not loc.file:
        return loc
    try:
        lines = Path(loc.file).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return loc
    key = re.compile(r"^(\s*(?:-\s+)?)[\"']?" + re.escape(path[-1]) + r"[\"']?\s*:")
    if loc.line > len(lines) or key.match(lines[loc.line - 1]):
        return loc
    n = loc.line - 1
    while n >= 1 and (not lines[n - 1].strip() or lines[n - 1].lstrip().startswith("#")):
        n -= 1
    m = key.match(lines[n - 1]) if n >= 1 else None
    if m is None:
        return loc
    return Location(file=loc.file, line=n, column=len(m.group(1)) + 1, field=loc.field)


def _parameter_findings(criteria: Criteria, used: set[str]) -> list[LintFinding]:
    model, src = criteria.model, _source(criteria)
    out: list[LintFinding] = []
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    for name, param in model.parameters.items():
        if param.reference is None:
            for k, entry in enumerate(param.values):
                if entry.reference is None:
                    loc = ("parameters", name) if len(param.values) == 1 else ("parameters", name, "values", k)
                    out.append(
                        LintFinding(
                            "lint.reference_missing",
                            _at(src, loc),
                            {"what": ("msg", "lint.what.parameter"), "name": name},
                        )
                    )
                    break
    # Missing values, named at the parameter that must be filled (a formula's missing input):
    # one finding per parameter and value entry (or per parameter with no entry that applies).
    gaps: dict[tuple[str, int | None], tuple[list[str | None], set[int]]] = {}
    checked: dict[str, list[int]] = {}
    for name in sorted(used):
        for region in regions:
            for year in _years(criteria, [name]):
                res = resolve(name, model.parameters[name], region, year, model.parameters)
                if res.value is not None:
                    continue
                roots = res.missing_roots() if hasattr(res, "missing_roots") else [res]
                for root in roots or [res]:
                    at = None if root.entry is None else model.parameters[root.name].values.index(root.entry)
                    where, years = gaps.setdefault((root.name, at), ([], set()))
                    if region not in where:
                        where.append(region)
                    years.add(year)
                    checked.setdefault(root.name, _years(criteria, [root.name, name]))
    national = not getattr(criteria, "bases", ())
    for (name, at), (where, years) in gaps.items():
        loc = _param_value_loc(src, name, at) if at is not None else ("parameters", name)
        every = model.regions is None or set(where) == set(model.regions)
        region: Any = ("msg", "lint.every_region") if every else ", ".join(str(r) for r in where)
        code = "lint.param_open" if at is not None and national else "lint.param_missing"
        text = _spans(sorted(years), checked[name], model.valid_to.year if model.valid_to else None)
        out.append(LintFinding(code, _at(src, loc), {"name": name, "region": region, "years": text}))
    return out


# ---------------------------------------------------------------- scheme checks


UNKNOWN = object()  # a min_score naming a parameter, with no criteria to look it up in


def _floor(v: Any) -> float:
    return -math.inf if v is None else float(v)


def _score_max(criteria: Criteria, score_items: Sequence[str]) -> tuple[float, str]:
    parts: list[str] = []
    total = 0.0
    for cid in score_items:
        hi = max_points(criteria.item(cid), criteria)
        total = _add(total, hi)
        parts.append(f"{cid} {_num(hi) if math.isfinite(hi) else '∞'}")
    return total, " + ".join(parts)


def _band_contexts(scheme: Scheme, criteria: Criteria | None) -> list[tuple[dict[str, Any], str]]:
    """The floor (``min_score``) of every level in each region/year that tells them apart, with
    where that is (empty when the floors are the same everywhere).

    A floor is a number, ``None`` (no floor) or :data:`UNKNOWN` (a parameter that cannot
    be looked up, or has no value there)."""
    named = [lv.min_score for lv in scheme.levels if isinstance(lv.min_score, str)]
    if criteria is not None:
        named = [n for n in named if n in criteria.model.parameters]
    places: list[tuple[str | None, int | None]] = [(None, None)]
    if criteria is not None and named:
        model = criteria.model
        regions: list[str | None] = list(model.regions) if model.regions else [None]
        places = [(r, y) for r in regions for y in _years(criteria, named)]
    out: list[tuple[dict[str, Any], str]] = []
    seen: list[dict[str, Any]] = []
    for region, year in places:
        floors: dict[str, Any] = {}
        for lv in scheme.levels:
            m = lv.min_score
            if isinstance(m, str):
                if criteria is None or m not in criteria.model.parameters or year is None:
                    floors[lv.id] = UNKNOWN
                else:
                    value = resolve(m, criteria.model.parameters[m], region, year, criteria.model.parameters).value
                    floors[lv.id] = UNKNOWN if value is None else value
            else:
                floors[lv.id] = m
        if floors in seen:
            continue
        seen.append(floors)
        label = ", ".join(str(x) for x in (region, year) if x is not None)
        out.append((floors, label))
    if len(out) == 1:
        out = [(out[0][0], "")]
    return out


def _known(*values: Any) -> bool:
    return all(v is not UNKNOWN for v in values)


def lint_scheme(scheme: Scheme, doc: Document, criteria: Criteria | None = None) -> list[LintFinding]:
    """Findings in one scheme file; the checks that need criterion meanings run when ``criteria`` is given."""
    out: list[LintFinding] = []
    levels = scheme.levels
    items = {it.id: it for it in criteria.items} if criteria is not None else {}

    def implied(cid: str, given: Sequence[str]) -> bool:
        if cid in given:
            return True
        if criteria is None or cid not in items:
            return False
        return any(g in items and implies(items[g], items[cid], criteria) for g in given)

    def shadowed(lv: Any, better: Any, floors: dict[str, Any]) -> bool:
        """Whether ``better``'s conditions hold whenever ``lv``'s do (with these floors)."""
        fb, fl = floors[better.id], floors[lv.id]
        if not _known(fb, fl) or _floor(fb) > _floor(fl):
            return False
        return all(implied(cid, lv.requires) for cid in better.requires)

    for i, lv in enumerate(levels):
        if lv.reference is None:
            out.append(
                LintFinding(
                    "lint.reference_missing",
                    doc.locate(("levels", i)),
                    {"what": ("msg", "lint.what.level"), "name": lv.id},
                )
            )
    for i, veto in enumerate(scheme.vetoes):
        if veto.reference is None:
            out.append(
                LintFinding(
                    "lint.reference_missing",
                    doc.locate(("vetoes", i)),
                    {"what": ("msg", "lint.what.veto"), "name": veto.id},
                )
            )
    if scheme.quota is not None and scheme.quota.reference is None:
        out.append(
            LintFinding(
                "lint.reference_missing",
                _at(doc, ("quota",)),
                {"what": ("msg", "lint.what.quota"), "name": scheme.quota.level},
            )
        )

    contexts = _band_contexts(scheme, criteria)
    # Adjacent bands (the fallback, last, has none).
    for i in range(1, len(levels) - 1):
        better, lv = levels[i - 1], levels[i]
        if lv.min_score is None and not lv.requires:
            continue  # a fallback has no band
        at = doc.locate(("levels", i, "min_score")) if lv.min_score is not None else doc.locate(("levels", i))
        done: set[str] = set()
        for floors, label in contexts:
            where = f" ({label})" if label else ""
            fb, fl = floors[better.id], floors[lv.id]
            if not _known(fb, fl):
                continue
            if fl is not None and _floor(fb) < fl and "overlap" not in done:
                done.add("overlap")
                out.append(
                    LintFinding(
                        "lint.band_overlap",
                        at,
                        {
                            "level": lv.id,
                            "min": _num(fl),
                            "better": better.id,
                            "better_min": _num(fb, "—"),
                            "where": where,
                        },
                    )
                )
            elif fl is not None and fb == fl and "empty" not in done and not shadowed(lv, better, floors):
                done.add("empty")
                out.append(
                    LintFinding(
                        "lint.band_empty", at, {"level": lv.id, "better": better.id, "min": _num(fl), "where": where}
                    )
                )
            elif fb is not None and _floor(fl) < fb and "gap" not in done:
                done.add("gap")
                band = f"[{_num(fl, '-∞')}, {_num(fb)})"
                for j, cid in enumerate(lv.requires):
                    if not implied(cid, better.requires):
                        out.append(
                            LintFinding(
                                "lint.band_gap",
                                doc.locate(("levels", i, "requires", j)),
                                {
                                    "level": lv.id,
                                    "better": better.id,
                                    "criterion": cid,
                                    "band": band,
                                    "below": levels[i + 1].id,
                                    "where": where,
                                },
                            )
                        )

    # Levels whose conditions always let a better level through first (in every region and year).
    # A level a veto forces or caps to is reached that way, whatever the levels above it.
    veto_targets = {v.level for v in scheme.vetoes}
    if scheme.quota is not None:
        veto_targets.add(scheme.quota.demote_to)
    for i, lv in enumerate(levels):
        if lv.id in veto_targets:
            continue
        for better in levels[:i]:
            if all(shadowed(lv, better, floors) for floors, _ in contexts):
                out.append(
                    LintFinding(
                        "lint.level_unreachable", doc.locate(("levels", i)), {"level": lv.id, "better": better.id}
                    )
                )
                break

    if criteria is not None:
        top, parts = _score_max(criteria, _score_items(scheme, criteria))
        if math.isfinite(top):
            for i, lv in enumerate(levels):
                worst = max((_floor(f[lv.id]) for f, _ in contexts if _known(f[lv.id])), default=-math.inf)
                if worst > top + 1e-9:
                    out.append(
                        LintFinding(
                            "lint.score_unreachable",
                            doc.locate(("levels", i, "min_score")),
                            {"level": lv.id, "min": _num(worst), "max": _num(top), "parts": parts},
                        )
                    )
    return out


def _score_items(scheme: Scheme, criteria: Criteria) -> list[str]:
    if scheme.score == "all_points":
        return [it.id for it in criteria.items if it.kind == "points"]
    return list(scheme.score)


# ---------------------------------------------------------------- files


def _kind(path: Path) -> str:
    try:
        docs = read_documents(path, DefinitionError)
    except EvaluatorError:
        return "unreadable"
    data = docs[0].data if docs else None
    if isinstance(data, dict):
        if "cases" in data:
            return "tests"
        if ("criteria" in data and "indicators" in data) or "overlay" in data:
            return "criteria"
        if "levels" in data:
            return "scheme"
    return "other"


def _expand(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    out: list[tuple[Path, bool]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                (f, False)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in (".yaml", ".yml", ".json")
            )
        else:
            out.append((p, True))
    return out


def _references(data: Any, loc: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], str]]:
    """Every ``reference`` text and every item of ``references`` in a file as written, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "reference" and isinstance(value, str):
                yield (*loc, key), value
            elif key == "references" and isinstance(value, list):
                yield from (((*loc, key, i), v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from _references(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _references(value, (*loc, i))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def lint_sources(path: Path) -> list[LintFinding]:
    """The [src:ID] tags of a criteria, overlay or scheme file checked against the sources list it names."""
    try:
        (doc,) = read_documents(path, DefinitionError)[:1]
    except (EvaluatorError, ValueError):
        return []  # the loader reports what does not read
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = [(loc, text, *source_tags(text)) for loc, text in _references(data)]
    named = data.get("sources")
    if not isinstance(named, str):
        tagged = [loc for loc, _, ids, _ in refs if ids]
        return [LintFinding("lint.sources_missing", _at(doc, tagged[0]))] if tagged else []
    where = _at(doc, ("sources",))
    try:
        sources = read_source_list(path.parent / named)
    except (OSError, UnicodeDecodeError) as exc:
        detail = ("msg", "lint.sources.unreadable", {"detail": exc.strerror or str(exc)})
        return [LintFinding("lint.sources_invalid", where, {"sources": named, "detail": detail})]
    if not sources.entries:
        return [LintFinding("lint.sources_invalid", where, {"sources": named, "detail": ("msg", "lint.sources.none")})]
    out = [
        LintFinding(
            "lint.sources_invalid",
            where,
            {"sources": named, "detail": ("msg", "lint.sources.twice", {"id": i, "first": a, "again": b})},
        )
        for i, a, b in sources.duplicates
    ]
    for loc, text, ids, bad in refs:
        if bad is not None:
            continue  # not a tag: the loader refuses the file and says where
        at = doc.locate(loc)
        if not ids:
            out.append(
                LintFinding("lint.reference_unsourced", at, {"text": _short(reference_text(text)), "sources": named})
            )
        for i in ids:
            if i not in sources.entries:
                near = did_you_mean(i, sources.entries)
                hint = ("msg", "lint.sources.did_you_mean", {"id": near}) if near else ""
                out.append(LintFinding("lint.reference_unknown", at, {"id": i, "sources": named, "suggestion": hint}))
    return out


def lint_paths(paths: Iterable[str | Path]) -> LintReport:
    """Lint every criteria and scheme file in ``paths`` (files or folders)."""
    report = LintReport()
    criteria_files: list[Path] = []
    scheme_files: list[Path] = []
    for path, explicit in _expand(paths):
        if not path.exists():
            report.errors.append(DefinitionError(Problem("file.not_found", Location(file=str(path)))))
            continue
        kind = _kind(path)
        if kind == "criteria":
            criteria_files.append(path)
        elif kind == "scheme":
            scheme_files.append(path)
        elif explicit:
            if kind == "unreadable":
                try:
                    read_documents(path, DefinitionError)
                except EvaluatorError as exc:
                    report.errors.append(exc)
            else:
                report.errors.append(DefinitionError(Problem("cli.unknown_kind", Location(file=str(path)))))
    schemes: dict[Path, tuple[Scheme, Document]] = {}
    findings: list[LintFinding] = []
    refused: set[Path] = set()  # schemes load_scheme refuses: reported here, never paired
    for path in scheme_files:
        report.files.append(str(path))
        try:
            scheme, doc, _ = read_scheme(path)
        except EvaluatorError as exc:
            report.errors.append(exc)
            continue
        problems = scheme_problems(scheme, doc)
        findings.extend(LintFinding("lint." + p.code.removeprefix("scheme."), p.location, p.params) for p in problems)
        if problems:
            refused.add(path.resolve())
        schemes[path.resolve()] = (scheme, doc)
    paired: set[Path] = set()
    for path in criteria_files:
        report.files.append(str(path))
        try:
            crit = load_criteria(path)
        except EvaluatorError as exc:
            report.errors.append(exc)
            continue
        scheme_model: Scheme | None = None
        if crit.model.default_scheme is not None:
            scheme_path = default_scheme_path(crit)
            if scheme_path in refused:
                scheme_model = schemes[scheme_path][0]
            elif scheme_path in schemes:
                scheme_model, scheme_doc = schemes[scheme_path]
                try:
                    bind_scheme(scheme_path, crit)
                except EvaluatorError as exc:
                    report.errors.append(exc)
                else:
                    paired.add(scheme_path)
                    findings.extend(lint_scheme(scheme_model, scheme_doc, crit))
            elif scheme_path.exists():
                try:
                    scheme_model = read_scheme(scheme_path)[0]
                except EvaluatorError:
                    scheme_model = None
        findings.extend(lint_criteria(crit, scheme_model))
    for path, (scheme, doc) in schemes.items():
        if path not in paired and path not in refused:
            findings.extend(lint_scheme(scheme, doc, None))
    for path in (*criteria_files, *scheme_files):
        findings.extend(lint_sources(path))
    seen: set[tuple[Any, ...]] = set()
    for f in findings:
        if f.key() not in seen:
            seen.add(f.key())
            report.findings.append(f)
    report.findings.sort(key=lambda f: (f.location.file or "", f.location.line or 0, f.code))
    return report
