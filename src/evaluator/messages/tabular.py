"""Messages of the spreadsheet readers and the fill-in template, in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading workbooks and CSV files
    "tabular.need_criteria": (
        "cần bộ tiêu chí (--criteria) để đọc bảng tính: tiêu đề cột và kiểu số liệu lấy từ đó",
        "a criteria set (--criteria) is needed to read a spreadsheet: column titles and value types come from it",
    ),
    "tabular.unreadable": (
        "không mở được tệp Excel (.xlsx): {detail}",
        "cannot open the Excel (.xlsx) file: {detail}",
    ),
    "tabular.too_large": (
        "tệp Excel quá lớn khi giải nén ({members} thành phần, {size} MB; tối đa {max_members} thành phần "
        "và {max_size} MB) — có thể là tệp nén độc hại; hãy lưu lại bảng tính chỉ với phiếu số liệu",
        "the Excel file is too large once decompressed ({members} members, {size} MB; at most {max_members} members "
        "and {max_size} MB) — possibly a zip bomb; save a workbook holding only the scorecards",
    ),
    "tabular.too_wide": (
        "dòng có ô vượt quá cột {max}; hãy xóa các ô ở xa bên phải",
        "the row has cells beyond column {max}; delete the cells far to the right",
    ),
    "tabular.formula_uncached": (
        "ô có công thức nhưng chưa có kết quả tính (tệp do chương trình tạo và chưa từng mở bằng Excel); "
        "hãy mở tệp bằng Excel rồi lưu lại để công thức được tính",
        "the cell holds a formula whose result was never computed (the file was written by a program and "
        "never opened in Excel); open it in Excel and save it, so the formulas are computed",
    ),
    "tabular.merged": (
        "các ô {range} được gộp (merge) trên cột «{field}»: Excel chỉ giữ giá trị ở ô đầu, các dòng khác sẽ "
        "bị coi là trống; hãy bỏ gộp ô và ghi giá trị trên từng dòng (chỉ cột cấp trên, vùng, loại, năm, "
        "nhóm so sánh và minh chứng được gộp theo dòng)",
        "the cells {range} are merged over '{field}': Excel keeps the value in the first cell only and the "
        "other rows would read as empty; unmerge them and write the value on every row (only the parent, "
        "region, kind, year, peer group and evidence columns may be merged down rows)",
    ),
    "tabular.csv_encoding": (
        "tệp CSV không phải văn bản UTF-8; trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)»",
        "the CSV file is not UTF-8 text; in Excel save it as 'CSV UTF-8 (Comma delimited)'",
    ),
    "tabular.no_data_sheet": (
        "không trang tính nào có dòng tiêu đề cột gồm «Mã đơn vị» và các chỉ số (trong {rows} dòng đầu); "
        "các trang tính: {sheets}",
        "no sheet has a header row with 'unit' and the indicators (within its first {rows} rows); sheets: {sheets}",
    ),
    "tabular.no_header": (
        "không tìm thấy dòng tiêu đề cột gồm «Mã đơn vị» và các chỉ số (trong {rows} dòng đầu)",
        "no header row with 'unit' and the indicators was found (within the first {rows} rows)",
    ),
    "tabular.no_rows": (
        "có dòng tiêu đề cột nhưng không có dòng số liệu nào",
        "there is a header row but no rows of data",
    ),
    "tabular.column_unknown": (
        "tiêu đề cột «{header}» không phải trường hay chỉ số nào của bộ tiêu chí «{criteria}»",
        "column title '{header}' is neither a field nor an indicator of criteria set '{criteria}'",
    ),
    "tabular.column_duplicate": (
        "cột «{header}» lặp lại «{field}» (đã có ở cột {first})",
        "column '{header}' repeats '{field}' (already in column {first})",
    ),
    "tabular.column_missing": (
        "thiếu cột «{title}» ({field})",
        "the column '{title}' ({field}) is missing",
    ),
    "tabular.column_no_header": (
        "cột có số liệu nhưng không có tiêu đề",
        "the column holds values but has no title",
    ),
    "tabular.not_number": (
        "«{text}» không phải số; ghi số, ví dụ «99,5» hoặc «6.826»",
        "'{text}' is not a number; write a number, e.g. '99,5' or '6.826'",
    ),
    "tabular.english_number": (
        "«{text}» viết theo kiểu tiếng Anh; số thập phân dùng dấu phẩy, hàng nghìn dùng dấu chấm: «{suggest}»",
        "'{text}' is written the English way; decimals take a comma and thousands a dot: '{suggest}'",
    ),
    "tabular.ambiguous_number": (
        "«{text}» không rõ nghĩa với chỉ số «{name}» (tỷ lệ % hoặc điểm): có thể là {thousands} "
        "(dấu chấm phân cách hàng nghìn) hoặc {as_decimal} (dấu chấm thập phân); "
        "hãy viết «{thousands}» hoặc «{as_decimal}»",
        "'{text}' is ambiguous for indicator '{name}' (a percentage or points): it may be {thousands} "
        "(a dot between thousands) or {decimal} (a decimal point); write '{thousands}' or, with a decimal comma, "
        "'{as_decimal}'",
    ),
    "tabular.percent_sign": (
        "chỉ số «{name}» không phải tỷ lệ phần trăm, gặp «{text}»; bỏ dấu % (và định dạng %)",
        "indicator '{name}' is not a percentage, found '{text}'; drop the % sign (and the % format)",
    ),
    "tabular.date_in_number": (
        "ô chứa ngày {date}, không phải số; Excel có thể đã tự đổi số vừa gõ thành ngày — "
        "hãy định dạng ô là Số (Number) và gõ lại, ví dụ «4,5»",
        "the cell holds the date {date}, not a number; Excel may have turned what was typed into a date — "
        "format the cell as Number and type it again, e.g. '4,5'",
    ),
    "tabular.not_yesno": (
        "«{text}» không phải Có/Không; ghi «Có» (hoặc «x») hay «Không»; để trống là chưa có số liệu",
        "'{text}' is not yes/no; write 'Có' (or 'x') or 'Không'; an empty cell means no value",
    ),
    "tabular.not_text": (
        "ô chứa {found}, cần chữ",
        "the cell holds {found}, text was expected",
    ),
    "tabular.not_year": (
        "«{text}» không phải năm; ghi năm đánh giá, ví dụ 2025",
        "'{text}' is not a year; write the rating year, e.g. 2025",
    ),
    "tabular.year_date": (
        "năm đánh giá phải là một năm (ví dụ {year}), không phải ngày {date}: "
        "ngày lập báo cáo thường rơi vào năm sau nên không suy ra năm từ ngày",
        "the rating year must be a year (e.g. {year}), not the date {date}: "
        "a report is often dated in the following year, so the year is not taken from a date",
    ),
    "tabular.bad_date": (
        "«{text}» không phải ngày hợp lệ (ngày/tháng/năm, ví dụ 31/12/2025)",
        "'{text}' is not a valid date (day/month/year, e.g. 31/12/2025)",
    ),
    "tabular.excel_error": (
        "ô chứa lỗi công thức Excel {text}",
        "the cell holds the Excel formula error {text}",
    ),
    # --- command line
    "cli.needs_output": (
        "--format {fmt} ghi ra tệp: hãy cho tên tệp bằng -o/--output (ví dụ -o ket-qua.{fmt})",
        "--format {fmt} writes a file: name it with -o/--output (e.g. -o results.{fmt})",
    ),
    "template.written": ("Đã ghi {path} ({count} chỉ số)", "Wrote {path} ({count} indicators)"),
    # --- the fill-in template
    "template.sheet_form": ("Phiếu", "Scorecards"),
    "template.sheet_guide": ("Hướng dẫn", "Guide"),
    "template.sheet_lists": ("Danh mục", "Lists"),
    "template.title": ("PHIẾU SỐ LIỆU ĐÁNH GIÁ, XẾP LOẠI — {title}", "SCORECARD FORM — {title}"),
    "template.subtitle": (
        "Bộ tiêu chí {id}, phiên bản {version}. Mỗi đơn vị một dòng, từ dòng {first}; "
        "không sửa dòng {header}–{ids} (tên và mã cột). Xem trang «{guide}».",
        "Criteria {id}, version {version}. One unit per row, from row {first}; "
        "do not change rows {header}–{ids} (column titles and ids). See the '{guide}' sheet.",
    ),
    "template.field.unit": ("Mã đơn vị", "Unit id"),
    "template.field.name": ("Tên đơn vị", "Unit name"),
    "template.field.kind": ("Loại đơn vị", "Unit kind"),
    "template.field.region": ("Vùng", "Region"),
    "template.field.parent": ("Đơn vị cấp trên", "Parent unit"),
    "template.field.year": ("Năm đánh giá", "Rating year"),
    "template.field.peer_group": ("Nhóm so sánh", "Peer group"),
    "template.help.unit": (
        "Mã riêng của đơn vị, không trùng (ví dụ tn-thanh-hoa).",
        "The unit's own code, unique (e.g. tn-thanh-hoa).",
    ),
    "template.help.name": ("Tên đầy đủ, ví dụ Phường Thạnh Hòa.", "Full name, e.g. Phường Thạnh Hòa."),
    "template.help.kind": ("Chọn trong danh sách: {kinds}.", "Pick from the list: {kinds}."),
    "template.help.region": ("Chọn trong danh sách: {regions}.", "Pick from the list: {regions}."),
    "template.help.parent": (
        "Mã đơn vị cấp trên; các đơn vị cùng cấp trên và cùng loại được so sánh với nhau.",
        "The parent unit's code; units with the same parent and kind are compared with each other.",
    ),
    "template.help.year": ("Năm đánh giá, ví dụ {year} (ghi năm, không ghi ngày).", "The rating year, e.g. {year}."),
    "template.help.peer_group": (
        "Không bắt buộc: nhóm so sánh khác với mặc định (cùng cấp trên, cùng loại).",
        "Optional: a peer group other than the default (same parent, same kind).",
    ),
    "template.evidence_title": ("Minh chứng: {title}", "Evidence: {title}"),
    "template.help.evidence": (
        "Không bắt buộc: văn bản, số liệu hoặc đường dẫn làm căn cứ cho «{title}».",
        "Optional: the document, figure or link behind '{title}'.",
    ),
    "template.optional": ("không bắt buộc", "optional"),
    "template.whole": ("số nguyên", "whole number"),
    "template.yesno": ("Có/Không", "Có/Không (yes/no)"),
    "template.yes": ("Có", "Có"),
    "template.no": ("Không", "Không"),
    "template.text": ("chữ", "text"),
    "template.guide_title": ("HƯỚNG DẪN ĐIỀN PHIẾU — {title}", "HOW TO FILL IN THE FORM — {title}"),
    "template.rule.rows": (
        "Mỗi đơn vị một dòng ở trang «{form}», từ dòng {first}. Dòng {ids} chứa mã cột: không sửa, không xóa.",
        "One unit per row on the '{form}' sheet, from row {first}. Row {ids} holds the column ids: "
        "do not change or delete it.",
    ),
    "template.rule.numbers": (
        "Số thập phân dùng dấu phẩy (99,5); dấu chấm phân cách hàng nghìn (6.826). "
        "Với tỷ lệ % và điểm, không dùng dấu chấm: «1.234» không rõ là 1234 hay 1,234 nên bị báo lỗi.",
        "Decimals take a comma (99,5); a dot separates thousands (6.826). "
        "For percentages and points do not use dots: '1.234' could be 1234 or 1.234 and is reported as an error.",
    ),
    "template.rule.percent": (
        "Tỷ lệ phần trăm ghi 95 hoặc 95% (trong khoảng 0–100).",
        "Percentages: write 95 or 95% (within 0–100).",
    ),
    "template.rule.yesno": (
        "Có/Không: ghi «Có» (hoặc «x») hay «Không».",
        "Yes/no: write 'Có' (or 'x') for yes, 'Không' for no.",
    ),
    "template.rule.empty": (
        "Ô để trống là CHƯA CÓ SỐ LIỆU, không phải 0 hay «Không»: "
        "đơn vị thiếu chỉ số bắt buộc sẽ ở tình trạng «chưa đủ số liệu».",
        "An empty cell means NO VALUE, not 0 nor 'Không': a unit missing a required indicator is reported "
        "as incomplete.",
    ),
    "template.rule.year": (
        "Năm đánh giá ghi năm (ví dụ {year}), không ghi ngày.",
        "The rating year is a year (e.g. {year}), not a date.",
    ),
    "template.rule.errors": (
        "Khi nhập, mọi lỗi được báo kèm trang tính, dòng và cột; chưa sửa hết lỗi thì chưa xếp loại đơn vị nào.",
        "On import every mistake is reported with its sheet, row and column; nothing is rated until all are fixed.",
    ),
    "template.col.column": ("Cột", "Column"),
    "template.col.id": ("Mã cột", "Column id"),
    "template.col.title": ("Nội dung", "What"),
    "template.col.unit": ("Đơn vị tính", "Unit"),
    "template.col.type": ("Kiểu", "Type"),
    "template.col.range": ("Khoảng cho phép", "Allowed"),
    "template.col.required": ("Bắt buộc", "Required"),
    "template.col.reference": ("Căn cứ", "Legal reference"),
    "template.col.help": ("Ghi chú", "Notes"),
    "template.references": ("Văn bản căn cứ", "Legal references"),
    "template.type.number": ("số", "number"),
    "template.type.percent": ("tỷ lệ %", "percentage"),
    "template.type.count": ("số nguyên", "count"),
    "template.type.points": ("điểm", "points"),
    "template.type.yesno": ("Có/Không", "yes/no"),
    "template.type.rating": ("chọn một", "one of"),
    "template.type.text": ("chữ", "text"),
    "template.type.year": ("năm", "year"),
}
