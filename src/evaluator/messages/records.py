"""Messages of the files of official decisions, unit lineage, shortcomings and targets."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "record.shape": (
        "mỗi phiếu phải là một từ điển (dict), gặp {found}",
        "each scorecard must be a mapping (dict), found {found}",
    ),
    "record.key_type": ("khóa phải là chuỗi, gặp {found}", "keys must be strings, found {found}"),
    "record.too_deep": (
        "số liệu lồng nhau quá {depth} tầng (hoặc tự chứa chính nó)",
        "the data is nested more than {depth} levels deep (or contains itself)",
    ),
}
