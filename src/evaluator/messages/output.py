"""Messages of writing output files (refused paths, files not written)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "output.unwritable": ("không ghi được tệp: {detail}", "cannot write the file: {detail}"),
    "output.symlink": (
        "tệp kết quả là một liên kết tượng trưng; hãy ghi vào một tệp thường",
        "the output is a symbolic link; write to a regular file",
    ),
    "output.folder": (
        "tệp kết quả là một thư mục; hãy ghi một tên tệp",
        "the output is a folder; give a file name",
    ),
    "output.not_regular": (
        "tệp kết quả đã có và không phải tệp thường (thiết bị, ống dẫn…)",
        "the output exists and is not a regular file (a device, a pipe…)",
    ),
    "output.no_folder": ("không có thư mục «{folder}»", "no such folder '{folder}'"),
    "output.in_read_folder": (
        "tệp kết quả nằm trong thư mục «{folder}» mà lần chạy này đọc ({role}); lần sau nó sẽ bị đọc như"
        " số liệu đầu vào — hãy ghi ra ngoài thư mục đó",
        "the output is inside the folder '{folder}' this run reads ({role}); the next run would read it as"
        " input — write it outside that folder",
    ),
    "output.is_input": (
        "tệp kết quả là một tệp đầu vào của lần chạy này ({role}); sẽ không ghi lên nó",
        "the output is one of this run's input files ({role}); it is not overwritten",
    ),
}
