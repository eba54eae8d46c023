"""Messages of the store, of history and roll-up indicators, of targets and of their commands."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors
    "error.store": (
        "Không dùng được kho lịch sử ({count} lỗi):",
        "The history store cannot be used ({count} problem(s)):",
    ),
    "error.store_check": (
        "Kho lịch sử không còn nguyên vẹn ({count} lỗi):",
        "The history store is no longer intact ({count} problem(s)):",
    ),
    "store.url": (
        "địa chỉ kho «{url}» không dùng được: cần đường dẫn tệp SQLite, sqlite:///ĐƯỜNG_DẪN hoặc postgresql://…",
        "store address '{url}' cannot be used: expected a SQLite file path, sqlite:///PATH or postgresql://…",
    ),
    "store.missing": (
        "chưa có kho lịch sử ở «{path}»; ghi một lần xếp loại trước (evaluator rank … --record) "
        "hoặc chỉ ra kho bằng --store",
        "there is no history store at '{path}'; record a run first (evaluator rank … --record) "
        "or name the store with --store",
    ),
    "store.unreachable": (
        "không mở được kho lịch sử: {detail}",
        "cannot open the history store: {detail}",
    ),
    "store.driver": (
        "thiếu trình điều khiển PostgreSQL (psycopg); cài bằng: pip install 'evaluator[postgres]'",
        "the PostgreSQL driver (psycopg) is missing; install it with: pip install 'evaluator[postgres]'",
    ),
    "store.newer": (
        "kho lịch sử ở phiên bản cấu trúc «{revision}», mới hơn phiên bản chương trình này biết ({head}); "
        "hãy dùng evaluator mới hơn",
        "the history store is at database revision '{revision}', newer than this program knows ({head}); "
        "use a newer evaluator",
    ),
    "store.busy": (
        "kho lịch sử đang bận (một lần ghi khác chưa xong sau {seconds} giây); chưa ghi gì, hãy chạy lại",
        "the history store is busy (another recording did not finish within {seconds} s); "
        "nothing was recorded, run again",
    ),
    "store.lineage_conflict": (
        "sự kiện «{event}» đã được ghi khác đi ({recorded}); một sự kiện đã ghi không sửa được, "
        "hãy đặt mã mới cho sự kiện khác",
        "event '{event}' is already recorded differently ({recorded}); a recorded event cannot be changed, "
        "give another event a new id",
    ),
    # --- verification
    "verify.changed": (
        "bản ghi {kind} «{ref}» (số {seq}) đã bị sửa sau khi ghi: dấu băm nội dung không khớp",
        "{kind} record '{ref}' (no. {seq}) was changed after it was recorded: its content hash does not match",
    ),
    "verify.removed": (
        "bản ghi {kind} «{ref}» (số {seq}) đã bị xoá khỏi kho",
        "{kind} record '{ref}' (no. {seq}) was removed from the store",
    ),
    "verify.chain": (
        "chuỗi băm đứt ở bản ghi số {seq}: bản ghi trước nó đã bị xoá hoặc sửa",
        "the hash chain breaks at record no. {seq}: a record before it was removed or changed",
    ),
    "verify.unchained": (
        "bản ghi {kind} «{ref}» không nằm trong chuỗi băm: đã được thêm thẳng vào kho, không qua evaluator",
        "{kind} record '{ref}' is not in the hash chain: it was added to the database directly",
    ),
    "verify.head": (
        "đầu chuỗi ghi bản ghi số {head_seq} nhưng bản ghi cuối là số {last_seq}: "
        "bản ghi cuối đã bị xoá hoặc đầu chuỗi bị sửa",
        "the chain head names record no. {head_seq} but the last record is no. {last_seq}: "
        "the last record was removed or the head was changed",
    ),
    "verify.ok": (
        "Kho lịch sử nguyên vẹn: {count} bản ghi, đầu chuỗi {head}",
        "The history store is intact: {count} record(s), chain head {head}",
    ),
    "kind.run": ("lần xếp loại", "run"),
    "kind.official": ("quyết định chính thức", "official decision"),
    "kind.lineage": ("sự kiện sáp nhập/chia tách", "lineage event"),
    "kind.shortcoming": ("hạn chế", "shortcoming"),
    # --- recording and imports
    "store.recorded": (
        "Đã ghi lần xếp loại {run} ({units} đơn vị) vào {store}",
        "Recorded run {run} ({units} unit(s)) in {store}",
    ),
    "store.recorded_again": (
        "Lần xếp loại {run} đã có trong {store} (cùng đầu vào); không ghi lại",
        "Run {run} is already in {store} (same inputs); not recorded again",
    ),
    "store.imported": (
        "Đã ghi {added} {what} vào {store} ({same} mục đã có, bỏ qua)",
        "Recorded {added} {what} in {store} ({same} already there, skipped)",
    ),
    "what.officials": ("quyết định chính thức", "official decision(s)"),
    "what.lineage": ("sự kiện sáp nhập/chia tách", "lineage event(s)"),
    "what.shortcomings": ("hạn chế", "shortcoming(s)"),
    # --- import files
    "import.top": (
        "cần một danh sách «{key}:» các mục",
        "expected a list of entries under '{key}:'",
    ),
    "import.date_form": (
        "«{found}» không phải là ngày: viết YYYY-MM-DD hoặc dd/mm/yyyy",
        "'{found}' is not a date: write YYYY-MM-DD or dd/mm/yyyy",
    ),
    "import.date_calendar": ("«{found}» không phải là một ngày có thật", "'{found}' is not a date of the calendar"),
    "import.remedied_before": (
        "năm khắc phục {remedied} trước năm nêu hạn chế {year}",
        "the year remedied {remedied} is before the year it was named {year}",
    ),
    "target.milestone_twice": ("chỉ tiêu của một năm được ghi hai lần", "a milestone year is given twice"),
    "import.column_missing": (
        "thiếu cột «{column}» (các cột: {columns})",
        "column '{column}' is missing (columns: {columns})",
    ),
    "import.column_unknown": ("cột «{column}» không dùng được", "column '{column}' is not known"),
    "import.duplicate": (
        "mục cho {unit} năm {year} ({family}) lặp lại trong tệp (đã có ở {first})",
        "an entry for {unit} in {year} ({family}) appears twice in the file (first at {first})",
    ),
    "lineage.shape": (
        "sự kiện «{kind}» cần {expected}",
        "a '{kind}' event needs {expected}",
    ),
    "lineage.shape_merge": (
        "ít nhất hai đơn vị cũ (from) và đúng một đơn vị mới (into)",
        "at least two former units (from) and exactly one new unit (into)",
    ),
    "lineage.shape_split": (
        "đúng một đơn vị cũ (from) và ít nhất hai đơn vị mới (into)",
        "exactly one former unit (from) and at least two new units (into)",
    ),
    "lineage.shape_rename": (
        "đúng một đơn vị cũ (from) và đúng một đơn vị mới (into)",
        "exactly one former unit (from) and exactly one new unit (into)",
    ),
    "lineage.self": ("đơn vị «{unit}» vừa là đơn vị cũ vừa là đơn vị mới", "unit '{unit}' is both former and new"),
    "lineage.cycle": (
        "dòng lịch sử đơn vị vòng tròn: {cycle}",
        "unit lineage goes round in a cycle: {cycle}",
    ),
    # --- history and roll-up indicators (criteria files)
    "history.level_unknown": (
        "chỉ số «{name}»: mức «{level}» không có trong quy định xếp loại «{scheme}» ({levels})",
        "indicator '{name}': level '{level}' is not in scheme '{scheme}' ({levels})",
    ),
    "reason.history": (
        "«{name}» = {value}: {what} của {unit} đến năm {through}, theo {source}{via}",
        "'{name}' = {value}: {what} of {unit} through {through}, from {source}{via}",
    ),
    "reason.history_missing": (
        "«{name}»: chưa có số liệu — {why}",
        "'{name}': missing — {why}",
    ),
    "reason.history_ignored": (
        "«{name}»: phiếu chấm điểm khai «{declared}» — không dùng, giá trị lấy từ kho lịch sử",
        "'{name}': the scorecard gives '{declared}' — not used, the value comes from the history store",
    ),
    "history.no_store": (
        "không có kho lịch sử cho lần chạy này (--store)",
        "no history store was given to this run (--store)",
    ),
    "history.no_record": (
        "kho không có mức chính thức của {unit} năm {year} ({family})",
        "the store holds no official level of {unit} in {year} ({family})",
    ),
    "history.no_review": (
        "kho không ghi hạn chế nào của {unit} được nêu năm {year}",
        "the store records no shortcoming of {unit} named in {year}",
    ),
    "history.unordered": (
        "không so được mức của các đơn vị trước sáp nhập năm {year} ({levels}) theo thứ tự của quy định",
        "the levels of the merged units in {year} ({levels}) cannot be ordered by the scheme",
    ),
    "what.level_years_ago": ("mức chính thức {years} năm trước", "official level {years} year(s) before"),
    "what.consecutive_at_least": (
        "số năm liên tiếp đạt {levels}",
        "consecutive years at {levels}",
    ),
    "what.consecutive_at": ("số năm liên tiếp ở mức {levels}", "consecutive years at exactly {levels}"),
    "what.shortcomings_remedied": (
        "tỷ lệ hạn chế nêu năm {year} đã khắc phục ({done}/{total})",
        "share of the shortcomings named in {year} remedied ({done}/{total})",
    ),
    "source.official": ("quyết định chính thức", "official decisions"),
    "source.official_computed": (
        "quyết định chính thức, năm chưa có thì kết quả tính đã ghi",
        "official decisions, else the recorded computed result",
    ),
    "source.register": ("sổ theo dõi hạn chế", "the register of shortcomings"),
    "history.via": (
        "; trước {date} theo các đơn vị cũ {units} ({document}) — năm có nhiều đơn vị cũ lấy mức thấp nhất",
        "; before {date} from the former units {units} ({document}) — in a year with several, the lowest level",
    ),
    "reason.rollup": (
        "«{name}» = {value}: {what} trong {count} đơn vị trực thuộc {unit} năm {year} ({source})",
        "'{name}' = {value}: {what} among the {count} units under {unit} in {year} ({source})",
    ),
    "reason.rollup_missing": (
        "«{name}»: chưa có số liệu — thiếu kết quả của đơn vị trực thuộc {unit} năm {year} ({target})",
        "'{name}': missing — results of the units under {unit} in {year} are lacking ({target})",
    ),
    "reason.rollup_ignored": (
        "«{name}»: phiếu chấm điểm khai «{declared}» — không dùng, giá trị tính từ kết quả các đơn vị trực thuộc",
        "'{name}': the scorecard gives '{declared}' — not used, the value is computed from the units below",
    ),
    "what.share_at": ("tỷ lệ % ở mức {levels}", "percentage at {levels}"),
    "what.count_at": ("số đơn vị ở mức {levels}", "number at {levels}"),
    "what.count": ("số đơn vị được xếp loại", "number rated"),
    "what.share_failing": (
        "tỷ lệ % không đạt tiêu chí «{criterion}»",
        "percentage failing criterion '{criterion}'",
    ),
    "what.count_failing": ("số đơn vị không đạt tiêu chí «{criterion}»", "number failing criterion '{criterion}'"),
    "rollup.source_run": ("lần xếp loại liên kết {criteria}", "linked run {criteria}"),
    "rollup.source_store": (
        "kho lịch sử: mức chính thức, chưa có thì kết quả tính đã ghi",
        "history store: official levels, else recorded computed results",
    ),
    # --- targets and summary
    "target.milestone_after": (
        "chỉ tiêu từng năm cho năm {year}, sau năm phải đạt chỉ tiêu {by}",
        "milestone year {year} is after the target year {by}",
    ),
    "summary.title": ("Tổng hợp xếp loại theo đơn vị cấp trên", "Levels by parent unit"),
    "summary.parent": ("Cấp trên", "Parent"),
    "summary.year": ("Năm", "Year"),
    "summary.units": ("Số đơn vị", "Units"),
    "summary.levels": ("Phân bố mức", "Levels"),
    "summary.share": ("Tỷ lệ đạt", "Share at target levels"),
    "summary.target": ("Mục tiêu", "Target"),
    "summary.status": ("Đánh giá", "Status"),
    "summary.met": ("đạt", "met"),
    "summary.not_met": ("chưa đạt", "not met"),
    "summary.no_target": ("—", "—"),
    "summary.empty": ("Kho chưa có kết quả nào để tổng hợp", "The store holds no results to summarise"),
    "summary.chart": (
        "Mức của các đơn vị trực thuộc theo năm; bên phải: tỷ lệ đạt mức mục tiêu / mục tiêu của năm",
        "Levels of the units below, by year; on the right: the share at the target levels / the year's goal",
    ),
    "store.what_if": (
        "không ghi lần chạy giả định (--set) vào kho lịch sử: kết quả đó không phải kết quả xếp loại",
        "a what-if run (--set) is not recorded in the history store: its results are not a rating",
    ),
    # --- history, runs
    "history.title": ("Lịch sử xếp loại của {unit}", "Rating history of {unit}"),
    "history.empty": (
        "kho không có kết quả, quyết định hay sự kiện nào của «{unit}»",
        "the store holds no result, decision or event for '{unit}'",
    ),
    "history.col_unit": ("Đơn vị", "Unit"),
    "history.col_computed": ("Kết quả tính", "Computed"),
    "history.col_official": ("Quyết định chính thức", "Official"),
    "history.col_note": ("Ghi chú", "Note"),
    "history.superseded": ("thay {count} quyết định trước", "supersedes {count} earlier decision(s)"),
    "history.lineage": (
        "{date}: {kind} {before} → {after} ({document})",
        "{date}: {kind} {before} → {after} ({document})",
    ),
    "lineage.merge": ("sáp nhập", "merge"),
    "lineage.split": ("chia tách", "split"),
    "lineage.rename": ("đổi tên", "rename"),
    "runs.col_run": ("Lần xếp loại", "Run"),
    "runs.col_when": ("Thời điểm ghi", "Recorded at"),
    "runs.col_by": ("Người ghi", "By"),
    "runs.col_criteria": ("Bộ tiêu chí", "Criteria"),
    "runs.col_units": ("Số đơn vị", "Units"),
    "runs.col_years": ("Năm", "Years"),
    "runs.empty": ("Kho chưa có lần xếp loại nào", "The store holds no run"),
}
