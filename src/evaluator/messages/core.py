"""Messages of the core: errors' titles, locations and hints, files and YAML, criteria, schemes,
scorecards, overrides, reasons and the words every renderer uses."""

from __future__ import annotations

# code -> (Vietnamese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- error titles
    "error.generic": ("Có {count} lỗi:", "Problems ({count}):"),
    "error.records_file": (
        "Tệp quyết định, biến động đơn vị, hạn chế hoặc chỉ tiêu không hợp lệ ({count} lỗi):",
        "Invalid decisions, lineage, shortcomings or targets file (problems: {count}):",
    ),
    "error.definition": (
        "Tệp tiêu chí, quy định xếp loại, điều chỉnh hoặc thiết lập báo cáo không hợp lệ ({count} lỗi):",
        "Invalid criteria, scheme, overrides or report settings file (problems: {count}):",
    ),
    "error.parameter_missing": (
        "Thiếu giá trị tham số để đánh giá ({count} lỗi):",
        "Parameter values needed for rating are missing (problems: {count}):",
    ),
    "error.scorecard": (
        "Phiếu chấm điểm không hợp lệ, chưa xếp loại đơn vị nào ({count} lỗi):",
        "Invalid scorecards; nothing was rated (problems: {count}):",
    ),
    "error.engine": (
        "Lỗi bất biến của bộ máy luật — đây là lỗi phần mềm, xin báo lại ({count}):",
        "Rules-engine invariant broken — this is a bug, please report it ({count}):",
    ),
    "error.usage": ("Lệnh được gọi chưa đúng ({count} lỗi):", "Wrong usage (problems: {count}):"),
    "error.output": ("Không ghi tệp kết quả ({count} lỗi):", "Output not written (problems: {count}):"),
    "error.internal": ("Lỗi nội bộ:", "Internal error:"),
    "internal.error": (
        "Lỗi nội bộ của evaluator ({what}) — đây là lỗi của chương trình, không phải của số liệu; xin báo lại kèm lệnh đã chạy",
        "Internal error in evaluator ({what}) — a bug in the program, not in your data; please report it with the command you ran",
    ),
    # --- locations and hints
    "loc.sheet": ("trang tính «{sheet}»", "sheet '{sheet}'"),
    "loc.row": ("dòng {row}", "row {row}"),
    "loc.column": ("cột {col}", "column {col}"),
    "loc.field": ("trường «{field}»", "field '{field}'"),
    "hint.did_you_mean": ("Có phải ý bạn là «{suggestion}»?", "Did you mean '{suggestion}'?"),
    # --- files and YAML
    "file.not_found": ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
    "file.unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "file.encoding": ("tệp không phải văn bản UTF-8: {detail}", "the file is not UTF-8 text: {detail}"),
    "file.unsupported": (
        "không hỗ trợ loại tệp «{suffix}»; cần {expected}",
        "unsupported file type '{suffix}'; expected {expected}",
    ),
    "file.empty": ("tệp rỗng", "the file is empty"),
    "folder.empty": ("thư mục không có tệp phiếu nào ({expected})", "the folder holds no scorecard files ({expected})"),
    "yaml.syntax": ("lỗi cú pháp YAML/JSON: {detail}", "YAML/JSON syntax error: {detail}"),
    "syntax.colon": (
        "dấu «:» không được đặt ở đây (thường do thiếu dấu cách sau «:», thụt lề sai, hoặc chữ có «: » mà không đặt trong dấu nháy)",
        "a ':' is not allowed here (often a missing space after ':', a wrong indent, or text holding ': ' without quotes)",
    ),
    "syntax.colon_missing": ("thiếu dấu «:» sau khóa", "a ':' is missing after the key"),
    "syntax.indent": (
        "thụt lề không khớp với các dòng trên (các khóa cùng cấp phải thẳng hàng)",
        "the indentation does not match the lines above (keys of one level line up)",
    ),
    "syntax.bracket": ("thiếu dấu «,» hoặc «]»", "a ',' or ']' is missing"),
    "syntax.brace": ("thiếu dấu «,» hoặc «}}»", "a ',' or '}}' is missing"),
    "syntax.unclosed": (
        "chuỗi hoặc ngoặc chưa được đóng khi tệp kết thúc",
        "a quote or bracket is not closed by the end of the file",
    ),
    "syntax.escape": ("ký tự thoát «\\» không hợp lệ trong chuỗi", "an invalid '\\' escape in a string"),
    "syntax.token": (
        "gặp ký tự không được đứng đầu một giá trị (dấu tab, «@» hoặc «`»); hãy dùng dấu cách, hoặc đặt chữ trong dấu nháy",
        "a character that cannot start a value (a tab, '@' or '`'); use spaces, or put the text in quotes",
    ),
    "syntax.alias": ("bí danh YAML (*) chưa được định nghĩa", "an undefined YAML alias (*)"),
    "syntax.anchor": ("neo YAML (&) bị đặt tên hai lần", "a YAML anchor (&) is named twice"),
    "syntax.extra": ("còn nội dung thừa sau khi tài liệu đã kết thúc", "extra content after the end of the document"),
    "syntax.value": ("thiếu giá trị", "a value is missing"),
    "syntax.comma": ("thiếu dấu «,» giữa hai mục", "a ',' is missing between two items"),
    "syntax.json_key": ("tên khóa JSON phải nằm trong dấu nháy kép", "a JSON key must be in double quotes"),
    "syntax.control": ("chuỗi chứa ký tự điều khiển", "a string holds a control character"),
    "syntax.other": ("bộ đọc báo lỗi: {text}", "the reader reports: {text}"),
    "yaml.duplicate_key": (
        "khóa «{key}» bị lặp (đã có ở dòng {first_line})",
        "duplicate key '{key}' (first at line {first_line})",
    ),
    "yaml.key_type": ("khóa phải là chuỗi, gặp {found}", "keys must be strings, found {found}"),
    "yaml.tag": (
        "không dùng thẻ kiểu YAML «{tag}»: thẻ đổi kiểu giá trị một cách khó thấy (ví dụ «!!bool yes» thành false); "
        "hãy ghi giá trị trực tiếp (true hoặc false, số, chữ)",
        "the YAML tag '{tag}' is not allowed: a tag re-types a value out of sight ('!!bool yes' is false); "
        "write the value plainly (true or false, a number, text)",
    ),
    "yaml.too_deep": (
        "các khối lồng nhau quá sâu (tối đa {max} cấp)",
        "collections are nested too deeply (at most {max} levels)",
    ),
    "yaml.aliases": (
        "bí danh YAML (*) lặp lại quá nhiều nội dung (quá {max} nút); tệp như vậy có thể làm cạn bộ nhớ",
        "YAML aliases (*) repeat too much (more than {max} nodes); such a file can exhaust memory",
    ),
    "yaml.alias_loop": (
        "bí danh YAML (*) trỏ vào chính khối chứa nó",
        "a YAML alias (*) refers to the collection it is in",
    ),
    "number.too_large": (
        "số {text} vượt giới hạn {bound}: ngoài khoảng này bộ máy luật không so sánh chính xác được",
        "the number {text} lies beyond {bound}: outside that range the rules engine cannot compare exactly",
    ),
    "text.one_line": (
        "mã, tên, loại, vùng, cấp trên và nhóm so sánh viết trên một dòng; hãy bỏ ký tự xuống dòng/tab {char}",
        "ids, names, kinds, regions, parents and peer groups are one line; remove the line break or tab {char}",
    ),
    "text.control": (
        "văn bản chứa ký tự điều khiển {char} (không in ra được); hãy xóa ký tự đó",
        "the text holds the control character {char} (not printable); remove it",
    ),
    # --- structure (pydantic-derived)
    "key.unknown": ("khóa không được phép «{key}»", "unknown key '{key}'"),
    "key.missing": ("thiếu trường bắt buộc", "required field is missing"),
    "type.invalid": ("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    "value.duplicate_id": ("mã «{id}» bị trùng (đã có ở {first})", "duplicate id '{id}' (first at {first})"),
    "value.unknown_ref": (
        "«{name}» không phải {what} đã khai báo",
        "'{name}' is not a declared {what}",
    ),
    # --- indicators and scorecards
    "indicator.unknown": (
        "chỉ số không có trong bộ tiêu chí «{criteria}»: «{name}»",
        "indicator '{name}' is not in criteria set '{criteria}'",
    ),
    "indicator.type": (
        "chỉ số «{name}» cần {expected}, gặp {found!r}",
        "indicator '{name}' expects {expected}, found {found!r}",
    ),
    "indicator.range": (
        "chỉ số «{name}» = {value} nằm ngoài khoảng cho phép [{min}, {max}]",
        "indicator '{name}' = {value} is outside the allowed range [{min}, {max}]",
    ),
    "indicator.percent": (
        "chỉ số «{name}» là tỷ lệ phần trăm (0–100), gặp {value}",
        "indicator '{name}' is a percentage (0–100), found {value}",
    ),
    "indicator.too_large": (
        "chỉ số «{name}» = {value} vượt giới hạn {bound}: ngoài khoảng này bộ máy luật không so sánh chính xác được",
        "indicator '{name}' = {value} lies beyond {bound}: outside that range the rules engine cannot compare exactly",
    ),
    "indicator.choice": (
        "chỉ số «{name}» phải là một trong {choices}, gặp «{value}»",
        "indicator '{name}' must be one of {choices}, found '{value}'",
    ),
    "scorecard.duplicate": (
        "đơn vị «{unit}» năm {year} bị trùng (đã có ở {first})",
        "unit '{unit}' for year {year} appears twice (first at {first})",
    ),
    "scorecard.kind": (
        "loại đơn vị «{kind}» không thuộc phạm vi của bộ tiêu chí ({kinds})",
        "unit kind '{kind}' is not covered by the criteria set ({kinds})",
    ),
    "scorecard.region": (
        "vùng «{region}» không có trong bộ tiêu chí ({regions})",
        "region '{region}' is not declared by the criteria set ({regions})",
    ),
    "scorecard.year": (
        "năm {year} nằm ngoài thời gian hiệu lực của bộ tiêu chí «{criteria}» ({period})",
        "year {year} is outside the validity of criteria set '{criteria}' ({period})",
    ),
    "scorecard.none": ("không có phiếu chấm điểm nào", "no scorecards were given"),
    "scorecard.shape": (
        "cần một phiếu (ánh xạ) hoặc danh sách phiếu, gặp {found}",
        "expected a scorecard (mapping) or a list of scorecards, found {found}",
    ),
    # --- expressions
    "expr.syntax": (
        "biểu thức «{expr}» sai cú pháp tại vị trí {pos}: {detail}",
        "expression '{expr}' has a syntax error at position {pos}: {detail}",
    ),
    "expr.unknown_name": ("biểu thức dùng tên chưa khai báo «{name}»", "expression uses an undeclared name '{name}'"),
    "expr.type": ("biểu thức «{expr}»: {detail}", "expression '{expr}': {detail}"),
    "expr.number": (
        "{owner}: biểu thức «{expr}» có hằng số vượt giới hạn {bound}, ngoài khoảng này bộ máy luật không so sánh chính xác được",
        "{owner}: expression '{expr}' has a constant beyond {bound}, outside which the rules engine cannot compare exactly",
    ),
    "expr.too_long": (
        "{owner}: biểu thức «{expr}» dài {length} ký tự, vượt giới hạn {max} ký tự",
        "{owner}: expression '{expr}' is {length} characters long, more than the {max} allowed",
    ),
    "expr.too_deep": (
        "{owner}: biểu thức «{expr}» lồng quá sâu hoặc có chuỗi phép tính quá dài (tối đa {max} cấp); hãy chia thành nhiều tiêu chí hoặc tham số",
        "{owner}: expression '{expr}' is nested too deeply or chains too many operations (at most {max} levels); split it into several criteria or parameters",
    ),
    "expr.too_complex": (
        "{owner}: điều kiện «{expr}» quá phức tạp: dạng chuẩn tuyển của nó có hơn {max} vế (ước tính trước khi dựng); hãy chia thành nhiều tiêu chí",
        "{owner}: condition '{expr}' is too complex: its disjunctive normal form would have more than {max} terms (estimated before it is built); split it into several criteria",
    ),
    "expr.too_many_rules": (
        "{owner}: điều kiện «{expr}» quá phức tạp: cần hơn {max} luật rời nhau; hãy chia thành nhiều tiêu chí",
        "{owner}: condition '{expr}' is too complex: it needs more than {max} disjoint rules; split it into several criteria",
    ),
    "expr.overflow": (
        "{owner}: phép tính trong «{expr}» có thể vượt giới hạn số thực (khoảng 1e300) với các giá trị trong khoảng cho phép; "
        "hãy giới hạn chỉ số (min/max) hoặc tách công thức",
        "{owner}: the arithmetic in '{expr}' can exceed what a double holds (about 1e300) for values within their ranges; "
        "bound the indicators (min/max) or split the formula",
    ),
    "expr.division": (
        "biểu thức «{expr}»: chỉ được chia cho một hằng số khác 0",
        "expression '{expr}': division is only allowed by a non-zero constant",
    ),
    # details of expression errors (the {detail} of expr.syntax and expr.type)
    "expr.d.unexpected": ("gặp {what} không đúng chỗ", "unexpected {what}"),
    "expr.d.end": ("hết biểu thức", "end of expression"),
    "expr.d.expected": ("cần {expected}, gặp {found}", "expected {expected}, found {found}"),
    "expr.d.chained": (
        "không viết các phép so sánh nối tiếp nhau (a < b < c); hãy dùng «and»",
        "chained comparisons are not allowed; use 'and'",
    ),
    "expr.d.not_in": ("sau «not» cần «in»", "expected 'in' after 'not'"),
    "expr.d.literal": (
        "danh sách chỉ gồm giá trị cụ thể (số, chữ trong dấu nháy, true/false)",
        "expected a literal value in the list",
    ),
    "expr.d.early_end": ("biểu thức kết thúc khi chưa đủ", "unexpected end of expression"),
    "expr.d.empty": ("biểu thức rỗng", "empty expression"),
    "expr.d.minus": ("dấu «-» cần một số", "'-' needs a number"),
    "expr.d.arith": ("phép «{op}» cần số ở cả hai bên", "'{op}' needs numbers on both sides"),
    "expr.d.compare": (
        "phép so sánh «{op}» cần hai số, gặp {left} và {right}",
        "'{op}' compares numbers, found {left} and {right}",
    ),
    "expr.d.in_levels": (
        "«in {name}» cần một tham số chứa danh sách mức xếp loại; «{name}» là {found}",
        "'in {name}' needs a parameter holding a list of levels; '{name}' is {found}",
    ),
    "expr.d.in_rating": (
        "«in {name}» dùng với một chỉ số mức xếp loại (rating), gặp {found}",
        "'in {name}' takes a rating, found {found}",
    ),
    "expr.d.lists": ("«{name}» nêu {what}", "'{name}' lists {what}"),
    "expr.d.not_choice": ("«{value}» không thuộc {choices}{hint}", "'{value}' is not one of {choices}{hint}"),
    "expr.d.hint": ("; có phải ý bạn là «{hint}»?", "; did you mean '{hint}'?"),
    "expr.d.if_in_if": (
        "điều kiện của «if» không được chứa một «if» khác",
        "the condition of an 'if' cannot hold another 'if'",
    ),
    "expr.d.if_cond": (
        "«if» cần một điều kiện (có/không); «{cond}» không phải điều kiện",
        "'if' needs a yes/no condition; '{cond}' is not one",
    ),
    "expr.d.then_else": (
        "«then» và «else» mỗi nhánh cho một số (điểm)",
        "'then' and 'else' each give a number (points)",
    ),
    "expr.d.not": ("«not» cần một giá trị có/không", "'not' needs a yes/no value"),
    "expr.d.joins": (
        "«{word}» nối các giá trị có/không; «{item}» không phải giá trị có/không",
        "'{word}' joins yes/no values; '{item}' is not one",
    ),
    "expr.d.cannot_compare": ("không so sánh được {left} với {right}", "cannot compare {left} with {right}"),
    "expr.d.two_texts": (
        "so sánh hai hằng chữ thì kết quả đã biết trước",
        "comparing two text literals is always decided in advance",
    ),
    "expr.d.band_bound": ("cận của một khung điểm phải là một số", "a band's bound must be a number"),
    "expr.d.band_indicator": (
        "cận của một khung điểm chỉ dùng số và tham số, không dùng chỉ số «{name}»",
        "a band's bound uses numbers and parameters, not the indicator '{name}'",
    ),
    "expr.d.band_points": (
        "điểm của một khung là một số (không dùng «if» trong khung)",
        "a band's points are a number (no 'if' inside a band)",
    ),
    "expr.d.band_value": ("giá trị được chia khung («bands») phải là một số", "the value of 'bands' must be a number"),
    "expr.d.condition": (
        "một điều kiện phải cho kết quả có/không, biểu thức này cho {found}",
        "a condition must be yes/no, this is {found}",
    ),
    "expr.d.if_condition": (
        "«if … then … else» dùng để tính điểm; điều kiện viết bằng «and», «or» và «not»",
        "'if … then … else' gives points; a condition is written with 'and', 'or' and 'not'",
    ),
    "expr.d.points": (
        "công thức tính điểm phải cho một số, biểu thức này cho {found}",
        "a points formula must be a number, this is {found}",
    ),
    "expr.d.formula": ("công thức phải cho một số", "a formula must give a number"),
    "expr.kind.number": ("một số", "a number"),
    "expr.kind.bool": ("một giá trị có/không", "a yes/no value"),
    "expr.kind.text": ("chữ", "text"),
    "expr.kind.levels": ("một danh sách mức xếp loại", "a list of levels"),
    "expr.kind.choice": ("một trong {choices}", "one of {choices}"),
    "detail.one_document": ("tệp chỉ được chứa một tài liệu YAML", "expected one document"),
    "detail.top_mapping": (
        "cấp ngoài cùng của tệp phải là một khối gồm các khóa và giá trị",
        "expected a mapping at the top",
    ),
    "detail.too_many_names": ("quá 240 chỉ số và tham số", "more than 240 indicators and parameters"),
    # --- parameters
    "param.missing": (
        "tham số «{name}» chưa có giá trị cho {where}, năm {year}; hãy điền vào {file} hoặc vào lớp bổ sung của tỉnh",
        "parameter '{name}' has no value for {where}, year {year}; fill it in {file} or in a provincial overlay of it",
    ),
    "param.region": ("vùng «{region}»", "region '{region}'"),
    "param.no_region": ("đơn vị không ghi vùng", "a unit with no region"),
    "param.ambiguous": (
        "tham số «{name}» có hai giá trị cùng áp dụng cho vùng «{region}», năm {year}",
        "parameter '{name}' has two values that both apply to region '{region}', year {year}",
    ),
    "param.formula_range": (
        "công thức của tham số «{name}» cho {value} với {where}, năm {year}: vượt giới hạn {bound}",
        "the formula of parameter '{name}' gives {value} for {where}, year {year}: beyond {bound}",
    ),
    "points.overflow": (
        "công thức điểm của tiêu chí «{criterion}» cho đơn vị «{unit}» năm {year} không ra số dùng được "
        "(vô cực hoặc vượt giới hạn {bound}) với các giá trị của phiếu này",
        "the points formula of criterion '{criterion}' gives no usable number for unit '{unit}', year {year} "
        "(infinite or beyond {bound}) with this scorecard's values",
    ),
    "points.no_band": (
        "tiêu chí «{criterion}» không có khung điểm nào chứa giá trị {value} (đơn vị {unit}, năm {year}); "
        "các khung: {bands} — bộ tiêu chí phải có khung cho mọi giá trị (xem «evaluator lint», lint.points_band_gap)",
        "criterion '{criterion}' has no band holding the value {value} (unit {unit}, year {year}); "
        "its bands: {bands} — the criteria must give a band to every value (see 'evaluator lint', "
        "lint.points_band_gap)",
    ),
    "param.region_undeclared": (
        "tham số «{name}» có giá trị riêng cho vùng «{region}» nhưng bộ tiêu chí không khai báo vùng nào (regions); "
        "hãy khai báo các vùng trong bộ quốc gia hoặc bỏ «region»",
        "parameter '{name}' has a value for region '{region}' but the criteria set declares no regions; "
        "declare the regions in the national set or drop 'region'",
    ),
    "param.cycle": ("các tham số phụ thuộc vòng tròn: {cycle}", "parameters depend on each other in a cycle: {cycle}"),
    "indicator.above": (
        "«{name}» = {value} lớn hơn «{other}» = {limit}; «{name}» không được vượt quá «{other}»",
        "'{name}' = {value} is more than '{other}' = {limit}; '{name}' may not exceed '{other}'",
    ),
    "indicator.range_param": (
        "giới hạn «max» của chỉ số «{name}» lấy từ tham số «{param}», nên tham số này phải có đúng một giá trị "
        "áp dụng mọi nơi, mọi năm (không theo vùng, năm, không là công thức, không để trống)",
        "the 'max' of indicator '{name}' comes from parameter '{param}', so that parameter needs exactly one value "
        "for every region and year (not by region or year, not a formula, not null)",
    ),
    "indicator.range_value": (
        "tham số «{param}» = {value} không dùng được làm giới hạn «max» của chỉ số «{name}»: "
        "nhỏ hơn giới hạn dưới của chỉ số (hoặc ngoài 0–100 với một tỷ lệ phần trăm)",
        "parameter '{param}' = {value} cannot be the 'max' of indicator '{name}': "
        "it is below the indicator's minimum (or outside 0–100 for a percentage)",
    ),
    "criterion.assume_unused": (
        "tiêu chí «{criterion}» giả định giá trị cho «{name}», nhưng điều kiện của tiêu chí không dùng chỉ số này",
        "criterion '{criterion}' assumes a value for '{name}', but its condition does not use that indicator",
    ),
    "criterion.assume_required": (
        "tiêu chí «{criterion}» giả định giá trị cho «{name}» khi phiếu không ghi, nhưng «{name}» là chỉ số bắt buộc "
        "(thiếu thì đơn vị chưa được xếp loại, nên giả định không bao giờ dùng đến): đặt «required: false»",
        "criterion '{criterion}' assumes a value for '{name}' when it is left out, but '{name}' is required "
        "(when it is missing the unit is not rated, so the assumption never applies): set 'required: false'",
    ),
    "criterion.assume_type": (
        "tiêu chí «{criterion}» giả định một số cho «{name}», nhưng chỉ số này thuộc loại «{type}», không phải số",
        "criterion '{criterion}' assumes a number for '{name}', but that indicator is of type '{type}', not a number",
    ),
    "criterion.assume_range": (
        "giá trị giả định {value} của «{name}» nằm ngoài khoảng cho phép của chỉ số ({min}–{max})",
        "the assumed value {value} of '{name}' lies outside the indicator's range ({min}–{max})",
    ),
    "param.name_clash": (
        "tên tham số «{name}» trùng với một chỉ số",
        "parameter name '{name}' clashes with an indicator",
    ),
    # --- schemes and overrides
    "scheme.level_unknown": (
        "mức «{level}» không có trong quy định «{scheme}»",
        "level '{level}' is not in scheme '{scheme}'",
    ),
    "scheme.no_fallback": (
        "cần một mức mặc định không có điều kiện (ví dụ mức cuối «{level}»)",
        "a fallback level with no conditions is needed (e.g. the last level, '{level}')",
    ),
    "scheme.no_score": (
        "mức «{level}» có ngưỡng điểm nhưng bộ tiêu chí không có tiêu chí tính điểm nào",
        "level '{level}' has a score band but the criteria set has no points criteria",
    ),
    "scheme.criterion_kind": (
        "«{name}» là tiêu chí tính điểm, không dùng làm điều kiện",
        "'{name}' is a points criterion and cannot be used as a condition",
    ),
    "scheme.sort_key": (
        "khóa sắp xếp «{key}» không hợp lệ; cần «score», «unit», «level» hoặc một chỉ số số, kèm «asc»/«desc»",
        "invalid sort key '{key}'; expected 'score', 'unit', 'level' or a numeric indicator, with 'asc'/'desc'",
    ),
    "scheme.order_not_total": (
        "thứ tự «{field}» phải kết thúc bằng «unit» (mã đơn vị, khóa duy nhất phân biệt mọi đơn vị) "
        "để không còn hai đơn vị ngang nhau; hiện kết thúc bằng «{last}»",
        "the order '{field}' must end with 'unit' (the unit id, the one key that tells every two units apart) "
        "so that no two units are left equal; it ends with '{last}'",
    ),
    "scheme.band_not_finite": (
        "ngưỡng điểm của mức «{level}» là {value}, không phải một số hữu hạn",
        "the score band of level '{level}' is {value}, not a finite number",
    ),
    "scheme.veto_best_level": (
        "điều kiện loại trừ «{veto}» đưa về mức cao nhất «{best}»: không hạ được đơn vị nào (hoặc lại nâng đơn vị lên)",
        "veto '{veto}' names the best level '{best}': it can lower no unit (or it raises units)",
    ),
    "scheme.veto_raises": (
        "điều kiện loại trừ «{veto}» buộc xếp mức «{level}», chưa phải mức thấp nhất «{worst}»: "
        "đơn vị đang ở mức thấp hơn «{level}» sẽ bị nâng lên; dùng «effect: cap» (tối đa «{level}»)",
        "veto '{veto}' forces level '{level}', which is not the lowest level '{worst}': "
        "a unit rated below '{level}' would be raised; use 'effect: cap' (at most '{level}')",
    ),
    "scheme.quota_empty_base": (
        "hạn mức «{level}» không tính theo mức nào (counted_against rỗng)",
        "the '{level}' quota is counted against no level (counted_against is empty)",
    ),
    "scheme.demote_not_lower": (
        "hạn mức chuyển đơn vị vượt hạn mức «{level}» sang «{to}», không thấp hơn «{level}»: "
        "demote_to phải là một mức thấp hơn",
        "the quota moves units beyond the '{level}' quota to '{to}', which is not below '{level}': "
        "demote_to must be a lower level",
    ),
    "scheme.duplicate_entry": (
        "«{name}» được ghi hai lần trong «{field}» (lần đầu ở vị trí {first})",
        "'{name}' is listed twice in '{field}' (first at position {first})",
    ),
    "override.unit_unknown": (
        "điều chỉnh cho đơn vị «{unit}» năm {year} nhưng không có phiếu nào của đơn vị này",
        "override for unit '{unit}' year {year}, but no such scorecard was given",
    ),
    "override.duplicate": (
        "có hai điều chỉnh cho đơn vị «{unit}» năm {year}",
        "two overrides for unit '{unit}' year {year}",
    ),
    "override.ground": (
        "căn cứ «{ground}» không được quy định «{scheme}» cho phép ({grounds})",
        "ground '{ground}' is not allowed by scheme '{scheme}' ({grounds})",
    ),
    "override.nothing": (
        "điều chỉnh cho đơn vị «{unit}» năm {year} không nêu điều kiện loại trừ nào được gỡ («lifts») "
        "cũng không nêu mức thấp hơn («level»)",
        "the override for unit '{unit}' year {year} names no veto it lifts ('lifts') and no lower level ('level')",
    ),
    "override.ground_missing": (
        "gỡ điều kiện loại trừ phải nêu căn cứ («ground»: {grounds})",
        "lifting a veto needs its ground ('ground': {grounds})",
    ),
    "override.ground_without_veto": (
        "căn cứ «{ground}» là căn cứ để gỡ điều kiện loại trừ, nhưng mục này không gỡ điều kiện nào («lifts»); "
        "hạ mức thì chỉ cần lý do",
        "the ground '{ground}' is a ground for lifting vetoes, but this entry lifts none ('lifts'); "
        "lowering a level needs only its reason",
    ),
    "override.veto_unknown": (
        "«{veto}» không phải điều kiện loại trừ của quy định «{scheme}» ({vetoes})",
        "'{veto}' is not a veto of scheme '{scheme}' ({vetoes})",
    ),
    "override.veto_not_fired": (
        "điều chỉnh cho đơn vị «{unit}» năm {year} gỡ điều kiện loại trừ «{veto}», nhưng đơn vị không vướng "
        "điều kiện này: không có gì để gỡ",
        "the override for unit '{unit}' year {year} lifts veto '{veto}', which does not apply to the unit: "
        "there is nothing to lift",
    ),
    "override.raises": (
        "điều chỉnh cho đơn vị «{unit}» năm {year} xếp mức «{level}», cao hơn mức «{by_points}» mà điểm và các điều "
        "kiện cho phép; điều chỉnh chỉ được gỡ điều kiện loại trừ có nêu tên («lifts», kèm căn cứ) — khi đó mức theo "
        "điểm và các điều kiện — hoặc hạ mức kèm lý do",
        "the override for unit '{unit}' year {year} sets level '{level}', above '{by_points}', which its points and "
        "conditions give; an override may only lift named vetoes ('lifts', with the ground) — the level then follows "
        "the points and conditions — or lower the level, with its reason",
    ),
    "quota.group_unknown": (
        "tỷ lệ ngoại lệ được cho nhóm so sánh «{group}», nhưng không có đơn vị nào thuộc nhóm so sánh này (các nhóm so sánh: {groups})",
        "the exceptional rate is granted to peer group '{group}', but no unit is in that peer group (peer groups: {groups})",
    ),
    "quota.grant_duplicate": (
        "nhóm so sánh «{group}» được ghi hai lần trong exceptional_quota",
        "peer group '{group}' is named twice in exceptional_quota",
    ),
    "tie.unit_unknown": (
        "quyết định phân định bằng nhau cho đơn vị «{unit}» năm {year} nhưng không có phiếu nào của đơn vị này",
        "tie settlement for unit '{unit}' year {year}, but no such scorecard was given",
    ),
    "tie.duplicate": (
        "đơn vị «{unit}» năm {year} được ghi hai lần trong tie_settlements",
        "unit '{unit}' year {year} is named twice in tie_settlements",
    ),
    "tie.not_tied": (
        "quyết định phân định bằng nhau cho đơn vị «{unit}» năm {year}, nhưng đơn vị này không bằng nhau với đơn vị nào "
        "tại ngưỡng hạn mức của nhóm so sánh {group}",
        "tie settlement for unit '{unit}' year {year}, but it is in no tie at the quota cut-off of peer group {group}",
    ),
    "tie.places": (
        "nhóm so sánh {group} có {places} chỗ cho {count} đơn vị bằng nhau tại ngưỡng hạn mức: cần nêu đúng {places} đơn vị "
        "được giữ, đang nêu {named}",
        "peer group {group} has places: {places}, for {count} units tied at the quota cut-off: name as many units "
        "to keep ({places}); named: {named}",
    ),
    "scorecard.peer_group_missing": (
        "đơn vị «{unit}» không ghi «parent» (đơn vị cấp trên) hay «peer_group» (nhóm so sánh): quy định «{scheme}» "
        "có hạn mức tính theo nhóm so sánh, nên mỗi đơn vị phải cho biết thuộc nhóm so sánh nào",
        "unit '{unit}' gives neither 'parent' nor 'peer_group': scheme '{scheme}' has a quota counted per peer "
        "group, so every unit must say which peer group it belongs to",
    ),
    "run.backend": (
        "không có bộ máy đánh giá «{backend}»; các bộ máy hiện có: {choices}",
        "there is no rating engine '{backend}'; the engines are: {choices}",
    ),
    "run.exceptional_quota": (
        "quy định «{scheme}» không có hạn mức ngoại lệ",
        "scheme '{scheme}' declares no exceptional quota",
    ),
    "explain.unit_unknown": (
        "không có đơn vị «{unit}» trong các phiếu đã cho",
        "no unit '{unit}' among the given scorecards",
    ),
    # --- engine
    "engine.finding_count": (
        "tiêu chí «{criterion}» cho {count} kết quả với đơn vị «{unit}» (cần đúng 1)",
        "criterion '{criterion}' gave {count} findings for unit '{unit}' (expected exactly 1)",
    ),
    "engine.error": ("bộ máy {engine} báo lỗi {detail}", "{engine} reported error {detail}"),
    # --- reasons (unit results). Indicators, criteria, levels and vetoes are named by their titles;
    # numbers, yes/no and years are formatted for the language (evaluator.text, evaluator.wording).
    "reason.incomplete": (
        "Chưa xếp loại: thiếu số liệu {names}",
        "Not rated: no value for {names}",
    ),
    "reason.score": ("Tổng điểm {score}, gồm: {parts}", "Total score {score}: {parts}"),
    "reason.level": ("Đạt mức «{level}»: {conditions}", "Meets the level '{level}': {conditions}"),
    "reason.level_candidate": (
        "Theo điểm và các điều kiện, đơn vị đủ điều kiện mức «{level}»: {conditions}",
        "On its points and conditions the unit qualifies for the level '{level}': {conditions}",
    ),
    "reason.level_vetoed": (
        "Theo điểm và các điều kiện, đơn vị đạt mức «{level}» ({conditions}); do điều kiện loại trừ nêu trên, "
        "xếp loại «{final}»",
        "On its points and conditions the unit meets the level '{level}' ({conditions}); because of the veto above, "
        "it is rated '{final}'",
    ),
    "reason.band": ("tổng điểm {score}, từ {min} trở lên", "total score {score}, at least {min}"),
    "reason.meets": ("đạt tiêu chí {names}", "meets {names}"),
    "reason.meets_all": ("đạt cả {count} tiêu chí mà mức này yêu cầu", "meets all {count} criteria the level requires"),
    "reason.basis": (" (căn cứ: {reference})", " (reference: {reference})"),
    "reason.criteria_met": ("Đạt {count}/{total} tiêu chí", "{count} of {total} criteria met"),
    "reason.level_fallback": (
        "Xếp loại «{level}»: không đạt điều kiện của các mức cao hơn",
        "Rated '{level}': the conditions of every higher level are not met",
    ),
    "reason.level_missed": ("Chưa đạt mức «{level}»: {why}", "Does not meet the level '{level}': {why}"),
    "reason.criterion_absent": (
        "Tiêu chí «{criterion}»: không có số liệu {names} — {note}; tính là {status}",
        "Criterion '{criterion}': no value for {names} — {note}; counted as {status}",
    ),
    "reason.criterion_assumed": (
        "Tiêu chí «{criterion}»: {taken} — {note}",
        "Criterion '{criterion}': {taken} — {note}",
    ),
    "reason.veto": (
        "Điều kiện loại trừ «{veto}»: {requirement}, hiện {now}, {effect} «{level}»{reference}",
        "Veto '{veto}': {requirement}, now {now}, {effect} '{level}'{reference}",
    ),
    "reason.override": (
        "Xếp loại «{new}» theo {decision} của {decided_by} (theo điểm và các điều kiện: mức «{old}»); lý do: {reason}",
        "Rated '{new}' by {decision} of {decided_by} (on its points and conditions: '{old}'); reason: {reason}",
    ),
    "reason.override_lifted": (
        "Gỡ điều kiện loại trừ {vetoes} theo {decision} của {decided_by}, thuộc trường hợp {ground}; lý do: {reason}. "
        "Mức xếp loại theo điểm và các điều kiện: «{new}» (trước khi gỡ: «{old}»)",
        "The veto {vetoes} is lifted by {decision} of {decided_by}, on the ground of {ground}; reason: {reason}. "
        "The level follows the points and conditions: '{new}' (before: '{old}')",
    ),
    "reason.quota_exceptional": (
        "Nhóm so sánh {group} được áp dụng tỷ lệ ngoại lệ {rate} theo {decision} của {decided_by}; lý do: {reason}",
        "Peer group {group} has the exceptional rate {rate}, by {decision} of {decided_by}; reason: {reason}",
    ),
    "reason.override_ignored": (
        "Điều chỉnh theo {decision} của {decided_by} không được áp dụng vì đơn vị chưa đủ số liệu",
        "The override by {decision} of {decided_by} is not applied: the unit's data are incomplete",
    ),
    "reason.quota_kept": (
        "Trong hạn mức «{level}» của nhóm so sánh {group}: được giữ tối đa {allowed} đơn vị ({rate} × {count} đơn vị "
        "được xếp loại {against} trước khi áp dụng hạn mức = {product}, làm tròn xuống); đơn vị đứng thứ "
        "{position}/{candidates} trong các đơn vị đủ điều kiện «{level}» (thứ tự: {order})",
        "Within the '{level}' quota of peer group {group}: at most {allowed} may keep that level ({rate} × {count} "
        "units rated {against} before the quota = {product}, rounded down); it is {position} of the "
        "{candidates} units that qualify for '{level}' (order: {order})",
    ),
    "reason.quota_demoted": (
        "Vượt hạn mức «{level}» của nhóm so sánh {group}: được giữ tối đa {allowed} đơn vị ({rate} × {count} đơn vị "
        "được xếp loại {against} trước khi áp dụng hạn mức = {product}, làm tròn xuống); đơn vị đứng thứ "
        "{position}/{candidates} trong các đơn vị đủ điều kiện «{level}» (thứ tự: {order}), nên chuyển xuống "
        "«{to}»{decisive}",
        "Beyond the '{level}' quota of peer group {group}: at most {allowed} may keep that level ({rate} × "
        "{count} units rated {against} before the quota = {product}, rounded down); it is {position} of the "
        "{candidates} units that qualify for '{level}' (order: {order}), so it moves down to '{to}'{decisive}",
    ),
    "reason.quota_kept_final": (
        "Trong hạn mức «{level}» của nhóm so sánh {group}: được giữ tối đa {allowed} đơn vị, để số đơn vị «{level}» "
        "không vượt quá {rate} số đơn vị được xếp loại {against} sau khi áp dụng hạn mức ({count} đơn vị, kể cả "
        "đơn vị chuyển xuống; làm tròn xuống); đơn vị đứng thứ {position}/{candidates} trong các đơn vị đủ điều kiện "
        "«{level}» (thứ tự: {order})",
        "Within the '{level}' quota of peer group {group}: at most {allowed} may keep that level, so that the "
        "units at '{level}' do not exceed {rate} of the units rated {against} after the quota ({count}, those moved "
        "down included; rounded down); it is {position} of the {candidates} units that qualify for "
        "'{level}' (order: {order})",
    ),
    "reason.quota_demoted_final": (
        "Vượt hạn mức «{level}» của nhóm so sánh {group}: được giữ tối đa {allowed} đơn vị, để số đơn vị «{level}» "
        "không vượt quá {rate} số đơn vị được xếp loại {against} sau khi áp dụng hạn mức ({count} đơn vị, kể cả "
        "đơn vị chuyển xuống; làm tròn xuống); đơn vị đứng thứ {position}/{candidates} trong các đơn vị đủ điều kiện "
        "«{level}» (thứ tự: {order}), nên chuyển xuống «{to}»{decisive}",
        "Beyond the '{level}' quota of peer group {group}: at most {allowed} may keep that level, so that the "
        "units at '{level}' do not exceed {rate} of the units rated {against} after the quota ({count}, those moved "
        "down included; rounded down); it is {position} of the {candidates} units that qualify for "
        "'{level}' (order: {order}), so it moves down to '{to}'{decisive}",
    ),
    "reason.quota_decisive": (
        " (so với {kept}, đơn vị cuối cùng được giữ: {key} {mine} so với {theirs})",
        " (against {kept}, the last unit kept: {key} {mine} against {theirs})",
    ),
    "reason.quota_tie": (
        "Bằng nhau tại ngưỡng hạn mức «{level}» của nhóm so sánh {group} với {others}, cùng {keys}: "
        "{places} chỗ cho {count} đơn vị bằng nhau; {how}",
        "Tied at the cut-off of the '{level}' quota of peer group {group}: the same {keys} as {others}; "
        "places: {places} for {count} equal units; {how}",
    ),
    "reason.quota_tie_open": (
        "chỉ mã đơn vị phân định (giữ {kept}) — cấp có thẩm quyền cần quyết định",
        "only the unit id separates them (keeps {kept}) — for the competent level to settle",
    ),
    "reason.quota_tie_settled": (
        "đã quyết định theo {decisions}: giữ {kept}",
        "settled by {decisions}: keeps {kept}",
    ),
    "reason.quota_tie_decision": ("{decision} của {decided_by}", "{decision} of {decided_by}"),
    "reason.quota_decisive_settled": (
        " (bằng nhau, đã quyết định theo {decisions})",
        " (a tie, settled by {decisions})",
    ),
    "reason.rank": (
        "Xếp hạng {rank}/{size} trong nhóm so sánh {group} (thứ tự xếp hạng: {order})",
        "Ranked {rank} of {size} in peer group {group} (order: {order})",
    ),
    "reason.rank_tie": (
        "Bằng nhau về {keys} với {others}; phân định theo {tiebreak}",
        "Tied on {keys} with {others}; separated by {tiebreak}",
    ),
    "reason.gap": ("Để đạt mức «{level}»: {items}", "To reach the level '{level}': {items}"),
    "gap.score": ("Tổng điểm phải từ {min} trở lên, hiện {now}", "The total score must be at least {min}, now {now}"),
    "gap.criterion": ("{requirement}, hiện {now}", "{requirement}, now {now}"),
    "gap.veto": (
        "Không còn vướng điều kiện loại trừ «{veto}» — {requirement}, hiện {now}",
        "Be clear of the veto '{veto}' — {requirement}, now {now}",
    ),
    "gap.quota": (
        "Được giữ trong hạn mức «{level}» của nhóm so sánh",
        "Stay within the peer group's '{level}' quota",
    ),
    "gap.override": (
        "Mức xếp loại do {decided_by} quyết định theo {decision}",
        "The level was set by {decided_by} in {decision}",
    ),
    "unit.named": ("{name} ({unit})", "{name} ({unit})"),
    "value.percent": ("{value}%", "{value}%"),
    "word.pass": ("đạt", "met"),
    "word.fail": ("không đạt", "not met"),
    "word.missing": ("thiếu số liệu", "missing"),
    "word.scored": ("đã chấm điểm", "scored"),
    "word.noband": ("không thuộc khung điểm nào", "in no band"),
    "word.force": ("nên xếp loại", "so the unit is rated"),
    "word.cap": ("nên xếp loại tối đa", "so the unit is rated at most"),
    "word.none": ("không có", "none"),
    "word.yes": ("Có", "Yes"),
    "word.no": ("Không", "No"),
    "word.year": ("năm {year}", "in {year}"),
    "word.years": ("{start}–{end}", "{start}–{end}"),
    "word.years_from": ("từ năm {year}", "from {year}"),
    "word.years_to": ("đến năm {year}", "until {year}"),
    "word.every_year": ("mọi năm", "every year"),
    # --- user interface labels
    "ui.group": ("Nhóm so sánh", "Peer group"),
    "ui.rank": ("Hạng", "Rank"),
    "ui.unit": ("Mã đơn vị", "Unit"),
    "ui.name": ("Tên", "Name"),
    "ui.level": ("Mức xếp loại", "Level"),
    "ui.score": ("Tổng điểm", "Total score"),
    "ui.met": ("Tiêu chí đạt", "Criteria met"),
    "ui.status": ("Kết quả", "Result"),
    "ui.note": ("Ghi chú", "Note"),
    "ui.criterion": ("Tiêu chí", "Criterion"),
    "ui.value": ("Giá trị", "Value"),
    "ui.threshold": ("Điều kiện", "Condition"),
    "ui.points": ("Điểm", "Points"),
    "ui.reference": ("Căn cứ", "Reference"),
    "ui.reasons": ("Lý do", "Reasons"),
    "ui.findings": ("Kết quả từng tiêu chí", "Findings by criterion"),
    "ui.gap": ("Để đạt mức «{level}»", "To reach the level '{level}'"),
    "ui.top": ("Đơn vị đã ở mức cao nhất.", "The unit is at the highest level."),
    "ui.incomplete": ("chưa đủ số liệu", "incomplete"),
    "ui.rated": ("đã xếp loại", "rated"),
    "ui.criteria_line": (
        "Bộ tiêu chí {id} phiên bản {version}; quy định {scheme} phiên bản {scheme_version}",
        "Criteria {id} version {version}; scheme {scheme} version {scheme_version}",
    ),
    "ui.summary": (
        "{rated} đơn vị đã xếp loại, {incomplete} chưa đủ số liệu",
        "{rated} rated, {incomplete} incomplete",
    ),
    "ui.changes": ("Thay đổi", "Changes"),
    "ui.why": ("Vì sao", "Why"),
    "ui.thresholds": ("Ngưỡng đã áp dụng và nguồn", "Thresholds applied and their sources"),
    "ui.param_source": ("{name}: {value} ({why})", "{name}: {value} ({why})"),
    "ui.param_region": ("vùng {region}", "region {region}"),
    "ui.param_everywhere": ("mọi vùng, mọi năm", "all regions, all years"),
    "ui.valid": ("Hợp lệ: {path} ({what})", "Valid: {path} ({what})"),
    "ui.what_criteria": ("bộ tiêu chí, {count} tiêu chí", "criteria set, {count} criteria"),
    "ui.what_scheme": ("quy định xếp loại, {count} mức", "classification scheme, levels: {count}"),
    "ui.what_tests": ("tệp kiểm thử tiêu chí, {count} trường hợp", "criteria tests, cases: {count}"),
    "ui.what_overrides": ("điều chỉnh, {count} mục", "overrides, {count} entries"),
    "ui.what_scorecards": ("{count} phiếu chấm điểm", "scorecards: {count}"),
    "cli.need_criteria": (
        "tệp chứa phiếu chấm điểm: cần --criteria để kiểm tra",
        "the file holds scorecards: --criteria is needed to check them",
    ),
    "cli.unknown_kind": (
        "không nhận ra loại tệp (cần bộ tiêu chí, quy định xếp loại, điều chỉnh hoặc phiếu chấm điểm)",
        "cannot tell what this file is (expected criteria, a scheme, overrides or scorecards)",
    ),
    "cli.warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "cli.report_only_html": (
        "--report-config và --report-date chỉ dùng với --format html (báo cáo để in)",
        "--report-config and --report-date go with --format html (the printable report) only",
    ),
}
