"""Messages of provincial overlays of a criteria set."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "overlay.loosen": (
        "lớp bổ sung nới lỏng ngưỡng quốc gia «{name}» ({region}, năm {year}: {national} → {value}); "
        "chỉ được làm vậy khi ghi rõ trong «allow.loosen» kèm lý do",
        "the overlay loosens the national threshold '{name}' ({region}, year {year}: {national} → {value}); "
        "that needs an entry under 'allow.loosen' with a reason",
    ),
    "overlay.redefine": (
        "lớp bổ sung định nghĩa lại {what} «{name}» của bộ quốc gia; "
        "chỉ được làm vậy khi ghi trong «allow.redefine» kèm lý do",
        "the overlay redefines the national {what} '{name}'; that needs an entry under 'allow.redefine' with a reason",
    ),
    "overlay.unknown_param": (
        "tham số «{name}» chưa có trong bộ quốc gia; tham số mới cần «title»",
        "parameter '{name}' is not in the national set; a new parameter needs a 'title'",
    ),
    "overlay.cycle": (
        "các lớp bổ sung kế thừa vòng tròn: {cycle}",
        "overlays extend each other in a cycle: {cycle}",
    ),
    "overlay.allow_unused": (
        "«allow» cho phép «{name}» nhưng lớp bổ sung không thay đổi gì ở đó",
        "'allow' names '{name}' but the overlay changes nothing there",
    ),
}
