"""Messages of linked runs (one run's results read as another's indicators)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "link.cycle": (
        "các bộ tiêu chí liên kết vòng tròn: {cycle}",
        "criteria sets link to each other in a cycle: {cycle}",
    ),
    "link.level": (
        "chỉ số «{name}» lấy mức «{level}» của {unit} ({criteria}) nhưng mức này không nằm trong lựa chọn ({choices})",
        "indicator '{name}' takes level '{level}' of {unit} ({criteria}), which is not among its choices ({choices})",
    ),
    "link.unused": (
        "không chỉ số nào của «{criteria}» liên kết tới kết quả «{linked}»",
        "no indicator of '{criteria}' links to the rating '{linked}'",
    ),
    "reason.linked": (
        "{name} là {value}: mức xếp loại chính thức của {unit} {year}, theo bộ tiêu chí {criteria}{basis}",
        "{name} is {value}: the official level of {unit} {year}, under criteria {criteria}{basis}",
    ),
    "reason.linked_basis": (" (căn cứ: {reference})", " (reference: {reference})"),
    "reason.linked_conflict": (
        "{name} là {value}: mức xếp loại chính thức của {unit} {year}, theo bộ tiêu chí {criteria}{basis}; "
        "phiếu chấm điểm tự khai là {declared} — không dùng, vì kết quả chính thức được ưu tiên",
        "{name} is {value}: the official level of {unit} {year}, under criteria {criteria}{basis}; "
        "the scorecard declares {declared} itself — not used, since the official rating prevails",
    ),
    "warning.linked_conflict": (
        "{name} được khai là {declared} nhưng mức xếp loại chính thức của {unit} {year}, "
        "theo bộ tiêu chí {criteria}, là {value}; dùng mức chính thức",
        "{name} is declared {declared} but the official level of {unit} {year}, "
        "under criteria {criteria}, is {value}; the official level is used",
    ),
    "reason.linked_field": (
        "{name} là {value}: theo phiếu chấm điểm (không lấy từ kết quả xếp loại liên kết)",
        "{name} is {value}: as the scorecard gives it (not taken from a linked rating)",
    ),
    "reason.linked_missing": (
        "{name}: không có mức xếp loại của {unit} {year}, theo {target}",
        "{name}: no level for {unit} {year}, under {target}",
    ),
    "link.target_criteria": ("bộ tiêu chí {id}", "criteria {id}"),
    "link.target_family": ("các phiên bản bộ tiêu chí {family}", "the criteria versions of {family}"),
}
