"""Messages of the catalogue of legal documents."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "catalog.none": (
        "không có bộ tiêu chí nào{family} có hiệu lực vào {date} trong {where}",
        "no criteria set{family} in force on {date} in {where}",
    ),
    "catalog.several_families": (
        "có nhiều họ bộ tiêu chí cùng hiệu lực ({families}); hãy chọn một bằng --family",
        "several families of criteria are in force ({families}); choose one with --family",
    ),
    "catalog.split": (
        "các phiếu thuộc những năm xếp loại theo các phiên bản khác nhau ({mapping}); "
        "hãy xếp loại riêng phiếu của từng phiên bản, hoặc dùng --as-of",
        "the scorecards' years fall under different versions ({mapping}); rate them separately, or use --as-of",
    ),
    "catalog.years_unknown": (
        "không đọc được năm của các phiếu để chọn phiên bản; hãy dùng --as-of NGÀY",
        "cannot read the scorecards' years to choose a version; use --as-of DATE",
    ),
    "catalog.family_unknown": (
        "không có họ bộ tiêu chí «{family}» trong {where}",
        "no criteria family '{family}' in {where}",
    ),
}
