"""Messages of the renderers: table, workbook, report labels, rows and Parquet."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the rows every renderer shows
    "ui.value_line": ("{name}: {value}", "{name}: {value}"),
    "ui.param_formula": ("tính theo công thức {formula}", "computed as {formula}"),
    "ui.param_same": ("bằng {name}", "equal to {name}"),
    "ui.param_file": ("tệp {file}", "file {file}"),
    "ui.param_reference": ("căn cứ: {reference}", "reference: {reference}"),
    "value.taken": ("không có số liệu, lấy {value}", "not given, taken as {value}"),
    # --- Parquet files
    "cli.parquet_name": (
        "--format parquet ghi hai tệp: hãy cho -o một tên kết thúc bằng .parquet (ví dụ -o ket-qua.parquet;"
        " các phát hiện ghi vào ket-qua.findings.parquet bên cạnh), không phải «{path}»",
        "--format parquet writes two files: give -o a name ending in .parquet (e.g. -o results.parquet;"
        " the findings go to results.findings.parquet beside it), not '{path}'",
    ),
    # --- the terminal table
    "note.override": (
        "Xếp loại «{new}» theo {decision} của {decided_by}",
        "Rated '{new}' by {decision} of {decided_by}",
    ),
    "note.override_lifted": (
        "Gỡ điều kiện loại trừ {vetoes} theo {decision} của {decided_by}",
        "The veto {vetoes} is lifted by {decision} of {decided_by}",
    ),
    "note.veto": (
        "Điều kiện loại trừ «{veto}»: {requirement}, hiện {now}",
        "Veto '{veto}': {requirement}, now {now}",
    ),
    "note.quota_demoted": (
        "Vượt hạn mức «{level}» của nhóm so sánh: được giữ tối đa {allowed}, đơn vị đứng thứ "
        "{position}/{candidates}, nên chuyển xuống «{to}»",
        "Beyond the peer group's '{level}' quota: at most {allowed} may keep it and the unit is "
        "{position} of {candidates}, so it moves down to '{to}'",
    ),
    # --- the labels of the workbook and the report
    "report.title": ("Báo cáo đánh giá, xếp loại chất lượng", "Quality rating report"),
    "report.sheet_ranking": ("Xếp loại", "Ranking"),
    "report.sheet_findings": ("Kết quả tiêu chí", "Findings"),
    "report.sheet_reasons": ("Lý do", "Reasons"),
    "report.sheet_about": ("Thông tin", "About"),
    "report.col.group": ("Nhóm so sánh", "Peer group"),
    "report.col.rank": ("Hạng", "Rank"),
    "report.col.unit": ("Mã đơn vị", "Unit"),
    "report.col.name": ("Tên đơn vị", "Name"),
    "report.col.level": ("Mức", "Level"),
    "report.col.level_title": ("Xếp loại", "Rating"),
    "report.col.score": ("Điểm", "Score"),
    "report.col.status": ("Tình trạng", "Status"),
    "report.col.next_level": ("Mức kế tiếp", "Next level"),
    "report.col.gap": ("Để lên mức kế tiếp", "To reach the next level"),
    "report.col.note": ("Ghi chú", "Note"),
    "report.col.criterion": ("Mã tiêu chí", "Criterion id"),
    "report.col.criterion_title": ("Tiêu chí", "Criterion"),
    "report.col.result": ("Kết quả", "Result"),
    "report.col.value": ("Giá trị", "Value"),
    "report.col.threshold": ("Điều kiện", "Condition"),
    "report.col.threshold_value": ("Điều kiện và giá trị của đơn vị", "Condition and the unit's value"),
    "report.now": ("hiện {value}", "now {value}"),
    "report.col.points": ("Điểm", "Points"),
    "report.col.reference": ("Căn cứ", "Reference"),
    "report.col.order": ("STT", "No."),
    "report.col.code": ("Mã lý do", "Reason code"),
    "report.col.reason": ("Lý do", "Reason"),
    "report.col.missing": ("Thiếu số liệu", "Missing values"),
    "report.col.item": ("Mục", "Item"),
    "report.col.content": ("Nội dung", "Content"),
    "report.about.criteria": ("Bộ tiêu chí", "Criteria"),
    "report.about.units": ("Số đơn vị", "Units"),
    "report.summary": ("Tóm tắt", "Summary"),
    "report.distribution": ("Phân bố mức xếp loại theo nhóm so sánh", "Levels by peer group"),
    "report.pass_rate": ("Tỷ lệ đạt từng tiêu chí", "Pass rate of each criterion"),
    "report.pass_rate_note": (
        "Tỷ lệ đơn vị đạt trên tổng số đơn vị; phần đỏ là không đạt, phần xám là thiếu số liệu.",
        "Share of units that pass; red is fail, grey is missing values.",
    ),
    "report.points": ("Điểm bình quân các tiêu chí tính điểm", "Average points of the points criteria"),
    "report.unit_head": ("{name} ({unit})", "{name} ({unit})"),
    "report.in_group": ("Nhóm so sánh {group}", "Peer group {group}"),
    "report.rank_of": ("Hạng {rank}/{size}", "Rank {rank} of {size}"),
    "report.count_units": ("{count} đơn vị", "{count} units"),
    "report.passed": ("{passed}/{total} đạt", "{passed} of {total} pass"),
    "report.avg_points": ("{avg}/{max} điểm", "{avg} of {max} points"),
    "report.footer": (
        "Bộ tiêu chí {criteria} phiên bản {criteria_version} (sha256 {criteria_sha}); "
        "quy định {scheme} phiên bản {scheme_version} (sha256 {scheme_sha}); "
        "evaluator {evaluator}, {backend}; luật sha256 {rules_sha}.",
        "Criteria {criteria} version {criteria_version} (sha256 {criteria_sha}); "
        "scheme {scheme} version {scheme_version} (sha256 {scheme_sha}); "
        "evaluator {evaluator}, {backend}; rules sha256 {rules_sha}.",
    ),
    "report.evidence": ("Minh chứng", "Evidence"),
    "report.sheet_evidence": ("Minh chứng", "Evidence"),
    "report.col.evidence_key": ("Chỉ số / tiêu chí", "Indicator / criterion"),
    "report.col.evidence_title": ("Nội dung", "Title"),
    "report.col.evidence": ("Minh chứng", "Evidence"),
    "report.running_head": (
        "{title} — bộ tiêu chí {criteria}, phiên bản {version}",
        "{title} — criteria {criteria}, version {version}",
    ),
    "report.page_of": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "report.date_line": ("Ngày lập báo cáo: {date}", "Report date: {date}"),
    "report.date_long": ("ngày {day} tháng {month} năm {year}", "{year}-{month}-{day}"),
    "report.date_blank": ("ngày …… tháng …… năm ………", "date: ……………"),
    "report.place_date": ("{place}, {date}", "{place}, {date}"),
    "report.sign.prepared": ("NGƯỜI LẬP", "PREPARED BY"),
    "report.sign.approved": ("NGƯỜI PHÊ DUYỆT", "APPROVED BY"),
    "report.sign.hint": ("(Ký, ghi rõ họ tên)", "(signature and full name)"),
}
