"""Messages of criteria tests (``evaluator test``), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the test file itself
    "casetest.no_expect": (
        "trường hợp «{case}» không có kỳ vọng nào: cần «expect» hoặc «expect_error»",
        "case '{case}' expects nothing: give 'expect' or 'expect_error'",
    ),
    "casetest.unit_unknown": (
        "«{unit}» không phải đơn vị của trường hợp này ({units})",
        "'{unit}' is not a unit of this case ({units})",
    ),
    "casetest.code_unknown": (
        "«{name}» không phải mã lý do hoặc mã lỗi đã biết",
        "'{name}' is not a known reason or error code",
    ),
    # --- results
    "casetest.field": (
        "đơn vị «{unit}»: {what} là {found}, cần {expected}",
        "unit '{unit}': {what} is {found}, expected {expected}",
    ),
    "casetest.reason_absent": (
        "đơn vị «{unit}»: không có lý do {reason}{contains}",
        "unit '{unit}': no reason {reason}{contains}",
    ),
    "casetest.reason_contains": (" chứa «{text}»", " containing '{text}'"),
    "casetest.reason_present": (
        "đơn vị «{unit}»: không được có lý do {reason}",
        "unit '{unit}': reason {reason} should not be there",
    ),
    "casetest.unit_absent": (
        "đơn vị «{unit}» không có trong kết quả",
        "unit '{unit}' is not in the results",
    ),
    "casetest.refused": (
        "việc xếp loại bị từ chối ({count} lỗi):",
        "the rating was refused (problems: {count}):",
    ),
    "casetest.error_expected": (
        "cần lỗi «{expected}» nhưng việc xếp loại vẫn diễn ra",
        "expected error '{expected}' but the rating went through",
    ),
    "casetest.error_other": (
        "cần lỗi «{expected}», gặp {found}:",
        "expected error '{expected}', got {found}:",
    ),
    "casetest.engine_mismatch": (
        "{backend} và {oracle} khác nhau: đơn vị «{unit}», {what}: {found} so với {expected}",
        "{backend} and {oracle} disagree: unit '{unit}', {what}: {found} against {expected}",
    ),
    "casetest.empty_suite": ("tệp kiểm thử không có trường hợp nào", "the test file has no cases"),
    "casetest.no_files": (
        "không tìm thấy tệp kiểm thử nào (*.test.yaml) trong {paths}",
        "no test files (*.test.yaml) found in {paths}",
    ),
    "casetest.coverage_below": (
        "độ phủ {percent}% thấp hơn mức yêu cầu {required}%",
        "coverage {percent}% is below the required {required}%",
    ),
    # --- what was compared
    "casetest.what.status": ("tình trạng", "status"),
    "casetest.what.level": ("mức", "level"),
    "casetest.what.level_before_quota": ("mức trước hạn mức", "level before the quota"),
    "casetest.what.next_level": ("mức kế tiếp", "next level"),
    "casetest.what.rank": ("hạng", "rank"),
    "casetest.what.score": ("điểm", "score"),
    "casetest.what.missing": ("chỉ số thiếu", "missing indicators"),
    "casetest.what.finding": ("kết quả tiêu chí «{criterion}»", "finding of '{criterion}'"),
    "casetest.what.rule": ("luật khớp của tiêu chí «{criterion}»", "rule matched for '{criterion}'"),
    "casetest.what.points": ("điểm của tiêu chí «{criterion}»", "points of '{criterion}'"),
    "casetest.what.by_absence": (
        "tiêu chí «{criterion}» quyết định do thiếu số liệu",
        "'{criterion}' decided by absence",
    ),
    "casetest.what.present": ("có mặt trong kết quả", "present in the results"),
    # --- coverage items
    "casetest.item.rule": (
        "luật {rule} — «{criterion}» {status}: {detail}",
        "rule {rule} — '{criterion}' {status}: {detail}",
    ),
    "casetest.item.level": (
        "mức «{level}» chưa lần nào được xếp theo khung điểm và điều kiện của nó",
        "level '{level}' never assigned by its own band and conditions",
    ),
    "casetest.item.veto": (
        "điều kiện loại trừ «{veto}» ({criterion}) chưa lần nào được kích hoạt",
        "veto '{veto}' ({criterion}) never triggered",
    ),
    "casetest.item.quota_kept": ("chưa có đơn vị nào được giữ trong hạn mức", "no unit ever kept within the quota"),
    "casetest.item.quota_demoted": (
        "chưa có đơn vị nào bị chuyển xuống do hạn mức",
        "no unit ever moved down by the quota",
    ),
    "casetest.item.quota_no_candidate": (
        "chưa có nhóm so sánh nào không có đơn vị đạt mức của hạn mức",
        "no peer group without a candidate for the quota level",
    ),
    "casetest.item.quota_fewer": (
        "chưa có nhóm so sánh nào có ít đơn vị đạt mức hơn số chỗ của hạn mức",
        "no peer group with fewer candidates than places",
    ),
    "casetest.item.quota_exact": (
        "chưa có nhóm so sánh nào có số đơn vị đạt mức đúng bằng số chỗ của hạn mức",
        "no peer group with exactly as many candidates as places",
    ),
    "casetest.item.quota_more": (
        "chưa có nhóm so sánh nào có nhiều đơn vị đạt mức hơn số chỗ của hạn mức",
        "no peer group with more candidates than places",
    ),
    "casetest.item.quota_tie": (
        "chưa có nhóm so sánh nào có các đơn vị bằng nhau tại ngưỡng hạn mức",
        "no peer group with units tied at the quota's cut-off",
    ),
    "casetest.detail.missing": ("thiếu {name}", "{name} absent"),
    "casetest.detail.scored": ("tính điểm {formula}", "scores {formula}"),
    "casetest.detail.band": ("khi {band}: {points} điểm", "where {band}: {points} points"),
    "casetest.detail.always": ("luôn đúng", "always"),
    "casetest.detail.assumed": ("{detail} (khi không ghi {names})", "{detail} (when {names} is left out)"),
    # --- report
    "casetest.ui.file": (
        "{path} — bộ tiêu chí {criteria}, quy định {scheme}",
        "{path} — criteria {criteria}, scheme {scheme}",
    ),
    "casetest.ui.pass": ("ĐẠT", "PASS"),
    "casetest.ui.fail": ("LỖI", "FAIL"),
    "casetest.ui.coverage": (
        "Độ phủ: luật {rules}, mức {levels}, loại trừ {vetoes}, hạn mức {quota} — {percent}% (yêu cầu {required}%)",
        "Coverage: rules {rules}, levels {levels}, vetoes {vetoes}, quota {quota} — {percent}% (required {required}%)",
    ),
    "casetest.ui.uncovered": ("Chưa phủ:", "Not covered:"),
    "casetest.ui.summary": (
        "{files} tệp, {cases} trường hợp: {passed} đạt, {failed} lỗi; {suites_failed} tệp không đạt",
        "files: {files}, cases: {cases} — {passed} passed, {failed} failed; files failing: {suites_failed}",
    ),
    "casetest.ui.generated": (
        "Đã ghi {count} trường hợp biên ({thresholds} ngưỡng) vào {path}",
        "Wrote the boundary cases to {path} (cases: {count}; thresholds: {thresholds})",
    ),
    "casetest.ui.skipped": (
        "Bỏ qua «{criterion}»: {detail} — {why}",
        "Skipped '{criterion}': {detail} — {why}",
    ),
    "casetest.why.not_threshold": (
        "không phải so sánh một chỉ số với một ngưỡng",
        "not a comparison of one indicator with a threshold",
    ),
    "casetest.why.param_missing": (
        "tham số {name} chưa có giá trị cho vùng {region}, năm {year}",
        "parameter {name} has no value for region {region}, year {year}",
    ),
}
