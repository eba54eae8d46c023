"""Messages of what-if runs (parameters set on the command line or through the API)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "whatif.unknown_param": (
        "không có tham số «{name}» trong bộ tiêu chí",
        "no parameter '{name}' in the criteria set",
    ),
    "whatif.syntax": (
        "«{text}»: cần TÊN=SỐ (ví dụ income_min=40)",
        "'{text}': expected NAME=NUMBER (e.g. income_min=40)",
    ),
    "whatif.range": (
        "«{text}»: «{value}» vượt quá giới hạn {bound} mà bộ máy luật so sánh chính xác",
        "'{text}': '{value}' is beyond {bound}, the range the rules engine compares exactly",
    ),
    "whatif.levels": (
        "«{name}» là danh sách mức xếp loại, không phải một số: --set chỉ đặt ngưỡng là số",
        "'{name}' holds a list of levels, not a number: --set only sets numeric thresholds",
    ),
    "whatif.number": (
        "«{text}»: «{value}» không phải là một số (viết 40, 40,5 hoặc 40.5)",
        "'{text}': '{value}' is not a number (write 40, 40.5 or 40,5)",
    ),
    "reason.what_if": (
        "Giả định (--set): ngưỡng «{name}» lấy {value} thay cho {original}",
        "What-if (--set): the threshold '{name}' is {value} instead of {original}",
    ),
    "diff.level": ("mức {old} → {new}", "level {old} → {new}"),
    "diff.rank": ("hạng {old} → {new}", "rank {old} → {new}"),
    "diff.score": ("tổng điểm {old} → {new}", "total score {old} → {new}"),
    "diff.status": ("tình trạng {old} → {new}", "status {old} → {new}"),
    "diff.none": ("không có", "none"),
    "diff.why_new": ("theo phiên bản mới: {items}", "under the new version: {items}"),
    "diff.why_old": ("theo phiên bản cũ: {items}", "under the old version: {items}"),
    "diff.only_old": ("chỉ có trong lần xếp loại cũ", "only in the old rating"),
    "diff.only_new": ("chỉ có trong lần xếp loại mới", "only in the new rating"),
    "diff.rank_only": (
        "cùng mức; hạng đổi theo các đơn vị khác trong nhóm so sánh",
        "same level; the rank moved with the other units of the peer group",
    ),
    "diff.summary": (
        "{changed}/{total} đơn vị thay đổi mức hoặc hạng giữa {old} và {new}",
        "{changed} of {total} units change level or rank between {old} and {new}",
    ),
}
