"""The texts of lint's findings and fixes, both languages; a refused scheme's finding reads as the loader's refusal."""

from __future__ import annotations

from .core import MESSAGES as CORE

MESSAGES: dict[str, tuple[str, str]] = {
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
MESSAGES.update(_REFUSED_FIXES)
MESSAGES.update({code: CORE[scheme_code] for code, scheme_code in _REFUSED.items()})
