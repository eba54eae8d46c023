"""Messages of the models: pydantic's errors said in either language, the criteria's, schemes' and scorecards' own refusals."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- pydantic's error types, by ``type``
    "pyd.found": ("{what}, gặp {found}", "{what}, found {found}"),
    "pyd.string_type": ("cần chữ", "expected text"),
    "pyd.string_empty": ("không được để trống", "must not be empty"),
    "pyd.string_too_short": ("cần ít nhất {min_length} ký tự", "needs at least {min_length} characters"),
    "pyd.string_too_long": ("tối đa {max_length} ký tự", "at most {max_length} characters"),
    "pyd.string_pattern_mismatch": ("không đúng mẫu {pattern}", "does not match the pattern {pattern}"),
    "pyd.id_pattern": (
        "mã chỉ gồm chữ thường không dấu, chữ số và «_», bắt đầu bằng một chữ cái",
        "an id holds lowercase letters, digits and '_', a letter first",
    ),
    "pyd.id_dash_pattern": (
        "mã chỉ gồm chữ thường không dấu, chữ số, «_» và «-», bắt đầu bằng một chữ cái",
        "an id holds lowercase letters, digits, '_' and '-', a letter first",
    ),
    "pyd.int_type": ("cần một số nguyên", "expected a whole number"),
    "pyd.int_from_float": ("cần một số nguyên, không có phần thập phân", "expected a whole number, no fraction"),
    "pyd.float_type": ("cần một số", "expected a number"),
    "pyd.finite_number": ("cần một số hữu hạn", "expected a finite number"),
    "pyd.bool_type": ("cần true hoặc false", "expected true or false"),
    "pyd.literal_error": ("cần một trong các giá trị {expected}", "expected one of {expected}"),
    "pyd.greater_than_equal": ("phải từ {ge} trở lên", "must be at least {ge}"),
    "pyd.greater_than": ("phải lớn hơn {gt}", "must be more than {gt}"),
    "pyd.less_than_equal": ("không được quá {le}", "must be at most {le}"),
    "pyd.less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "pyd.too_short": ("cần ít nhất {min_length} mục", "needs at least {min_length} entries"),
    "pyd.too_long": ("tối đa {max_length} mục", "at most {max_length} entries"),
    "pyd.list_type": ("cần một danh sách", "expected a list"),
    "pyd.dict_type": ("cần một khối gồm các khóa và giá trị", "expected keys with values (a mapping)"),
    "pyd.date_type": ("cần một ngày viết YYYY-MM-DD", "expected a date written YYYY-MM-DD"),
    "pyd.union": ("cần {kinds}", "expected {kinds}"),
    "pyd.other": ("giá trị không hợp lệ", "the value is not valid"),
    "pyd.or": (" hoặc ", " or "),
    # --- what a value is, for "found …"
    "pyd.kind.text": ("chữ", "text"),
    "pyd.kind.number": ("một số", "a number"),
    "pyd.kind.bool": ("true hoặc false", "true or false"),
    "pyd.kind.list": ("một danh sách", "a list"),
    "pyd.kind.mapping": ("một khối gồm các khóa và giá trị", "keys with values"),
    "pyd.kind.null": ("để trống (null)", "null"),
    "pyd.kind.other": ("một giá trị khác", "another value"),
    # --- the models' own validators
    "model.empty": ("không được để trống", "must not be empty"),
    "model.sort_key": (
        "«{text}»: cần «KHÓA asc» (tăng dần) hoặc «KHÓA desc» (giảm dần)",
        "'{text}': expected 'KEY asc' or 'KEY desc'",
    ),
    "model.rate": ("tỷ lệ {rate} phải lớn hơn 0 và không quá 1", "the rate {rate} must lie in (0, 1]"),
    "model.no_level": ("quy định xếp loại cần ít nhất một mức", "a scheme needs at least one level"),
    "model.level_twice": ("mức «{level}» được khai báo hai lần", "level '{level}' is defined twice"),
    "model.link_target": (
        "liên kết phải nêu đúng một trong «criteria» (mã bộ tiêu chí) hoặc «family»",
        "a link names exactly one of 'criteria' (an id) or 'family'",
    ),
    "model.link_unit": ("«unit» phải chứa {{unit}}", "'unit' must contain {{unit}}"),
    "model.years_order": ("«from_year» sau «to_year»", "'from_year' is after 'to_year'"),
    "model.link_empty": ("«link» không có liên kết nào", "'link' lists no link"),
    "model.link_overlap": (
        "hai liên kết cùng áp dụng cho một số năm ({a} và {b})",
        "two links cover the same years ({a} and {b})",
    ),
    "model.history_family": (
        "«{measure}» cần «family»: mức xếp loại của bộ tiêu chí nào được tính",
        "'{measure}' needs 'family': whose levels count",
    ),
    "model.history_years_needed": ("«level_years_ago» cần «years»", "'level_years_ago' needs 'years'"),
    "model.history_years_only": (
        "«years» chỉ dùng với «level_years_ago»",
        "'years' belongs to 'level_years_ago' only",
    ),
    "model.history_one_level": (
        "«consecutive_at_least» cần «level» (và không có «levels»)",
        "'consecutive_at_least' needs 'level' (and no 'levels')",
    ),
    "model.history_level_or_levels": (
        "«consecutive_at» cần một trong hai: «level» hoặc «levels»",
        "'consecutive_at' needs one of 'level' or 'levels'",
    ),
    "model.history_no_level": (
        "«{measure}» không nhận «level» hay «levels»",
        "'{measure}' takes no 'level' or 'levels'",
    ),
    "model.history_register": (
        "«shortcomings_remedied» đọc sổ theo dõi hạn chế: không có «family» hay «sources»",
        "'shortcomings_remedied' reads the register: no 'family' or 'sources'",
    ),
    "model.history_order_only": (
        "«order» chỉ dùng với «consecutive_at_least» và «level_years_ago»",
        "'order' belongs to 'consecutive_at_least' and 'level_years_ago'",
    ),
    "model.history_order_twice": ("«order» nêu một mức hai lần", "'order' names a level twice"),
    "model.history_unit": ("«unit» phải chứa {{unit}}", "'unit' must contain {{unit}}"),
    "model.history_sources": (
        "«sources» bắt đầu bằng «official» (sau đó có thể thêm «computed»)",
        "'sources' starts with 'official' (then, optionally, 'computed')",
    ),
    "model.rollup_target": (
        "phép tổng hợp nêu đúng một trong hai: «criteria» (một mã) hoặc «family»",
        "a roll-up names exactly one of 'criteria' (an id) or 'family'",
    ),
    "model.rollup_levels": ("«{measure}» cần «levels»", "'{measure}' needs 'levels'"),
    "model.rollup_no_levels": ("«{measure}» không nhận «levels»", "'{measure}' takes no 'levels'"),
    "model.rollup_criterion": (
        "«criterion» đi cùng «share_failing» và «count_failing», và hai phép này cần nó",
        "'criterion' goes with 'share_failing' and 'count_failing', and they need it",
    ),
    "model.one_source": (
        "một chỉ số chỉ lấy giá trị từ một nguồn: «link», «history» hoặc «rollup»",
        "an indicator takes its value from one of 'link', 'history' or 'rollup'",
    ),
    "model.source_type": (
        "«{measure}» cho giá trị của chỉ số loại «{expected}», không phải «{found}»",
        "'{measure}' gives a '{expected}' indicator, not '{found}'",
    ),
    "model.link_rating": (
        "chỉ chỉ số loại «rating» mới lấy giá trị từ kết quả xếp loại liên kết",
        "only a 'rating' indicator can take its value from a linked rating",
    ),
    "model.rating_choices": ("chỉ số loại «rating» cần «choices»", "a 'rating' indicator needs its 'choices'"),
    "model.choices_rating": (
        "«choices» chỉ dùng cho chỉ số loại «rating»",
        "'choices' belongs to 'rating' indicators only",
    ),
    "model.choice_title": (
        "«choice_titles» nêu «{choice}», không thuộc «choices»",
        "'choice_titles' names '{choice}', which is not one of 'choices'",
    ),
    "model.range_numeric": (
        "«min»/«max» chỉ dùng cho chỉ số là số",
        "'min'/'max' belong to numeric indicators only",
    ),
    "model.at_most_numeric": (
        "«at_most» chỉ dùng cho chỉ số là số",
        "'at_most' belongs to numeric indicators only",
    ),
    "model.min_above_max": ("«min» ({min}) lớn hơn «max» ({max})", "'min' ({min}) is above 'max' ({max})"),
    "model.percent_range": (
        "khoảng giá trị của một tỷ lệ phần trăm nằm trong 0–100",
        "a percentage's range lies within 0–100",
    ),
    "model.levels_texts": (
        "danh sách mức xếp loại gồm các chữ: các mức của một chỉ số loại «rating»",
        "a list of levels holds texts: the levels of a rating",
    ),
    "model.param_value": (
        "cần một số, một danh sách mức xếp loại, hoặc null",
        "must be a number, a list of levels, or null",
    ),
    "model.levels_empty": (
        "danh sách mức xếp loại cần ít nhất một mức",
        "a list of levels needs at least one level",
    ),
    "model.levels_twice": ("danh sách mức xếp loại nêu một mức hai lần", "a list of levels names a level twice"),
    "model.finite": ("cần một số hữu hạn", "must be a finite number"),
    "model.bound": (
        "phải nằm trong khoảng ±2^53 (9.007.199.254.740.992), trong đó bộ máy luật so sánh chính xác",
        "must lie within ±2^53 (9,007,199,254,740,992), where the rules engine compares exactly",
    ),
    "model.value_or_formula": (
        "ghi «value» hoặc «formula», không ghi cả hai",
        "give either 'value' or 'formula', not both",
    ),
    "model.value_needed": (
        "ghi «value» (một số, hoặc null để tỉnh điền) hoặc «formula»",
        "give 'value' (a number, or null for a province to fill) or 'formula'",
    ),
    "model.value_or_values": (
        "ghi «value» hoặc «values» (một danh sách), đúng một trong hai",
        "give either 'value' or 'values' (a list), not both and not neither",
    ),
    "model.values_empty": ("«values» cần ít nhất một mục", "'values' needs at least one entry"),
    "model.param_kinds": (
        "một tham số chứa hoặc các số, hoặc các danh sách mức xếp loại, không chứa cả hai",
        "a parameter holds either numbers or lists of levels, not both",
    ),
    "model.levels_formula": (
        "tham số chứa danh sách mức xếp loại không dùng «formula»",
        "a parameter holding lists of levels takes no 'formula'",
    ),
    "model.bound_text": (
        "ghi một số hoặc một biểu thức của các tham số",
        "give a number or an expression of parameters",
    ),
    "model.band_lower": (
        "một khung điểm có nhiều nhất một cận dưới: «min» (≥) hoặc «above» (>)",
        "a band has at most one lower bound: 'min' (≥) or 'above' (>)",
    ),
    "model.band_upper": (
        "một khung điểm có nhiều nhất một cận trên: «max» (≤) hoặc «below» (<)",
        "a band has at most one upper bound: 'max' (≤) or 'below' (<)",
    ),
    "model.assumed_value": (
        "«{name}»: cần một số hoặc tên một tham số, gặp {found}",
        "'{name}': expected a number or the name of a parameter, found {found}",
    ),
    "model.assumed_finite": (
        "«{name}»: cần một số hữu hạn, gặp {found}",
        "'{name}': expected a finite number, found {found}",
    ),
    "model.criterion_form": (
        "mỗi tiêu chí có đúng một trong «condition», «points» hoặc «bands»",
        "a criterion has exactly one of 'condition', 'points' or 'bands'",
    ),
    "model.if_missing_points": (
        "«if_missing» chỉ dùng cho điều kiện; tiêu chí tính điểm thiếu số liệu thì là thiếu số liệu",
        "'if_missing' belongs to conditions; points with a missing value are missing",
    ),
    "model.assume_points": (
        "«assume_when_missing» chỉ dùng cho điều kiện; tiêu chí tính điểm thiếu số liệu thì là thiếu số liệu",
        "'assume_when_missing' belongs to conditions; points with a missing value are missing",
    ),
    "model.missing_both": (
        "ghi «if_missing» hoặc «assume_when_missing», không ghi cả hai: một ghi chú nói vì sao khi thiếu số liệu "
        "vẫn quyết định được",
        "give either 'if_missing' or 'assume_when_missing', not both: one note says why absence decides",
    ),
    "model.if_missing_note": (
        "«if_missing» cần «missing_note» nói vì sao khi thiếu số liệu vẫn quyết định được",
        "'if_missing' needs a 'missing_note' that says why absence may decide",
    ),
    "model.assume_note": (
        "«assume_when_missing» cần «missing_note» nói vì sao được lấy giá trị thay",
        "'assume_when_missing' needs a 'missing_note' that says why the value may be assumed",
    ),
    "model.id": (
        "«{key}» không phải mã hợp lệ (chữ thường không dấu, chữ số, «_»; bắt đầu bằng một chữ cái)",
        "'{key}' is not a valid id (lowercase letters, digits, '_'; a letter first)",
    ),
    "model.reserved": ("«{key}» là tên dành riêng", "'{key}' is reserved"),
    "model.valid_to": ("«valid_to» trước «valid_from»", "'valid_to' is before 'valid_from'"),
    "model.no_criterion": ("bộ tiêu chí cần ít nhất một tiêu chí", "a criteria set needs at least one criterion"),
    "model.signers": (
        "ghi từ 1 đến 4 người ký (khối chữ ký là một hàng ngang trang), đang có {count}",
        "give 1 to 4 signers (the block is one row across the page), found {count}",
    ),
    "model.iso_date": (
        "cần ngày viết YYYY-MM-DD, gặp {found}",
        "expected a date written YYYY-MM-DD, found {found}",
    ),
    "model.reason_needed": ("«{name}» cần một lý do", "'{name}' needs a reason"),
    "model.source_tag": (
        "«{text}…» không phải thẻ nguồn: viết [src:MÃ] hoặc [src:MÃ1, MÃ2] (mã gồm chữ thường không dấu, "
        "chữ số, «.», «_» và «-»)",
        "'{text}…' is not a source tag: write [src:ID] or [src:ID1, ID2] "
        "(ids of lowercase letters, digits, '.', '_' and '-')",
    ),
    "model.reference_text": (
        "căn cứ cần có nội dung, không chỉ có thẻ nguồn",
        "a reference needs its text, not only source tags",
    ),
    "quote.value": ("«{value}»", "'{value}'"),
}
