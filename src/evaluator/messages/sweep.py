"""Messages of sweeps (one parameter varied over a range of values)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sweep.syntax": (
        "«{text}»: cần THAM_SỐ=TỪ:ĐẾN:BƯỚC (ví dụ task_min=50:90:5)",
        "'{text}': expected PARAM=FROM:TO:STEP (e.g. task_min=50:90:5)",
    ),
    "sweep.number": (
        "«{text}»: «{value}» không phải là một số (viết 40, 40,5 hoặc 40.5)",
        "'{text}': '{value}' is not a number (write 40, 40.5 or 40,5)",
    ),
    "sweep.step": (
        "«{text}»: bước phải lớn hơn 0 và TỪ không được lớn hơn ĐẾN",
        "'{text}': the step must be above 0 and FROM not above TO",
    ),
    "sweep.too_many": (
        "«{text}»: {count} giá trị, nhiều hơn giới hạn {max} giá trị một lần quét; hãy tăng bước hoặc thu hẹp khoảng",
        "'{text}': {count} values, more than the limit of {max} per sweep; take a larger step or a narrower range",
    ),
    "sweep.range": (
        "«{text}»: «{value}» vượt quá giới hạn {bound} mà bộ máy luật so sánh chính xác",
        "'{text}': '{value}' is beyond {bound}, the range the rules engine compares exactly",
    ),
    "sweep.title": ("Quét giá trị tham số «{title}» ({name})", "Sweep of the parameter '{title}' ({name})"),
    "sweep.engine": ("Đánh giá bằng {engine}; {units} đơn vị", "Rated by {engine}; {units} units"),
    "sweep.in_force": ("đang áp dụng", "in force"),
    "sweep.value": ("Giá trị", "Value"),
    "sweep.changed": ("Số đơn vị đổi mức", "Units changing level"),
    "sweep.which": ("Đơn vị đổi mức", "Units changing level (which)"),
    "sweep.more": ("… và {count} đơn vị khác", "… and {count} more"),
    "sweep.chart": (
        "Số đơn vị ở mỗi mức theo giá trị của «{name}»",
        "Units at each level by the value of '{name}'",
    ),
}
