"""Messages of the command line and its progress bar."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the progress bar
    "ui.progress": ("Đang xếp loại", "Rating"),
    # --- the command line
    "cli.interrupted": (
        "Đã dừng ({signal}); tệp kết quả, nếu có, vẫn như trước khi chạy",
        "Stopped ({signal}); any output file is as it was before the run",
    ),
    "cli.debug_hint": ("chạy lại với --debug để xem chi tiết", "run again with --debug to see the details"),
    "ui.what_overrides_alone": (
        "điều chỉnh, {count} mục; đã kiểm tra cấu trúc, thêm --criteria để kiểm tra mức và căn cứ",
        "overrides, {count} entries; structure checked, add --criteria to check levels and grounds",
    ),
}
