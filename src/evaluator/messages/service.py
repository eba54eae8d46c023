"""Messages of the service, its web page and its commands (``serve``, ``token``), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- error titles (HTTP answers)
    "error.service_auth": ("Cần đăng nhập ({count} lỗi):", "Sign-in needed ({count} problem(s)):"),
    "error.service_forbidden": ("Không được phép ({count} lỗi):", "Not allowed ({count} problem(s)):"),
    "error.service_not_found": ("Không tìm thấy ({count} lỗi):", "Not found ({count} problem(s)):"),
    "error.service_too_large": ("Yêu cầu quá lớn ({count} lỗi):", "Request too large ({count} problem(s)):"),
    "error.service_media": (
        "Không đọc được tệp tải lên ({count} lỗi):",
        "Cannot read the upload ({count} problem(s)):",
    ),
    "error.service_request": ("Yêu cầu không đúng dạng ({count} lỗi):", "Malformed request ({count} problem(s)):"),
    # --- problems
    "service.unauthenticated": (
        "cần mã truy cập: gửi tiêu đề «Authorization: Bearer evt.…» hoặc đăng nhập trên trang web",
        "a token is needed: send 'Authorization: Bearer evt.…' or sign in on the web page",
    ),
    "service.token_invalid": (
        "mã truy cập không đúng, không còn hiệu lực hoặc đã bị thu hồi",
        "the token is wrong, unknown or revoked",
    ),
    "service.role": (
        "vai trò «{role}» của mã truy cập này không được làm việc này (cần «{needed}»)",
        "this token's role '{role}' may not do this (it takes '{needed}')",
    ),
    "service.outside_scope": (
        "đơn vị «{unit}» nằm ngoài phạm vi «{scope}» của mã truy cập này",
        "unit '{unit}' is outside this token's scope '{scope}'",
    ),
    "service.unit_unknown": (
        "không có đơn vị «{unit}» trong phạm vi của mã truy cập này",
        "no unit '{unit}' within this token's scope",
    ),
    "service.criteria_unknown": (
        "dịch vụ không có bộ tiêu chí hoặc họ tiêu chí «{criteria}»",
        "the service offers no criteria set or family '{criteria}'",
    ),
    "service.upload_unknown": (
        "không có lần tải lên «{upload}» (hoặc đã quá một ngày, hoặc của mã truy cập khác)",
        "no upload '{upload}' (or it is over a day old, or another token's)",
    ),
    "service.media": (
        "không đọc được tệp loại «{suffix}»; cần một trong {expected}",
        "cannot read a '{suffix}' file; expected one of {expected}",
    ),
    "service.too_large": (
        "nội dung yêu cầu vượt giới hạn {limit}",
        "the request body is over the limit of {limit}",
    ),
    "service.request": ("{detail}", "{detail}"),
    "service.route_unknown": ("không có trang hoặc địa chỉ «{path}»", "no page or route '{path}'"),
    "service.http": ("yêu cầu bị từ chối (HTTP {status})", "request refused (HTTP {status})"),
    "service.csrf": (
        "biểu mẫu thiếu mã chống giả mạo hoặc mã không khớp phiên đăng nhập; hãy tải lại trang rồi gửi lại",
        "the form's anti-forgery token is missing or does not match the session; reload the page and send again",
    ),
    # --- tokens (command line)
    "token.scope_invalid": (
        "phạm vi «{scope}» không hợp lệ: cần TỈNH hoặc TỈNH/ĐƠN_VỊ (không có khoảng trắng, không có phần rỗng)",
        "scope '{scope}' is not valid: expected PROVINCE or PROVINCE/UNIT (no spaces, no empty parts)",
    ),
    "token.role_invalid": (
        "vai trò «{role}» không có; chọn reader, submitter hoặc committee",
        "no role '{role}'; choose reader, submitter or committee",
    ),
    "token.created": (
        "Đã tạo mã truy cập {id} (vai trò {role}, phạm vi {scope}) trong {store}. Mã chỉ hiện một lần này:",
        "Created token {id} (role {role}, scope {scope}) in {store}. It is shown this once only:",
    ),
    "token.revoked": ("Đã thu hồi mã truy cập {id}", "Revoked token {id}"),
    "token.not_found": ("không có mã truy cập «{id}»", "no token '{id}'"),
    "token.none": ("Chưa có mã truy cập nào", "No tokens yet"),
    "token.col_id": ("Mã", "Id"),
    "token.col_role": ("Vai trò", "Role"),
    "token.col_scope": ("Phạm vi", "Scope"),
    "token.col_label": ("Ghi chú", "Label"),
    "token.col_created": ("Tạo lúc", "Created"),
    "token.col_revoked": ("Thu hồi lúc", "Revoked"),
    # --- serve (command line)
    "serve.missing": (
        "chưa cài phần dịch vụ; cài bằng: pip install 'evaluator[service]'",
        "the service is not installed; install it with: pip install 'evaluator[service]'",
    ),
    "serve.open": ("Mở trình duyệt tại {url}", "Open {url} in a browser"),
    "serve.demo_token": (
        "Chế độ thử: mã truy cập của hội đồng cho tỉnh {scope} (chỉ dùng trên máy này): {token}",
        "Demo mode: a committee token for the province {scope} (for this machine only): {token}",
    ),
    # --- the web page
    "web.title": ("Đánh giá, xếp loại tổ chức cơ sở", "Rating of grassroots organisations"),
    "web.sign_in": ("Đăng nhập", "Sign in"),
    "web.sign_out": ("Đăng xuất", "Sign out"),
    "web.sign_in_help": (
        "Dán mã truy cập mà quản trị viên đã cấp cho hội đồng (bắt đầu bằng «evt.»).",
        "Paste the token your administrator gave the committee (it starts with 'evt.').",
    ),
    "web.token": ("Mã truy cập", "Token"),
    "web.signed_in": (
        "Mã {token} · vai trò {role} · phạm vi {scope}",
        "Token {token} · role {role} · scope {scope}",
    ),
    "web.role_reader": ("xem", "reader"),
    "web.role_submitter": ("nộp phiếu", "submitter"),
    "web.role_committee": ("hội đồng", "committee"),
    "web.upload_title": ("Xếp loại từ tệp phiếu đã điền", "Rate a filled workbook"),
    "web.criteria": ("Bộ tiêu chí", "Criteria"),
    "web.valid_from": ("hiệu lực từ {date}", "in force from {date}"),
    "web.file": ("Tệp phiếu (.xlsx, .csv, .json, .yaml)", "Scorecards file (.xlsx, .csv, .json, .yaml)"),
    "web.rate": ("Xếp loại", "Rate"),
    "web.templates": ("Mẫu phiếu để điền:", "Fill-in forms:"),
    "web.history_title": ("Lịch sử xếp loại của một đơn vị", "A unit's rating history"),
    "web.unit_id": ("Mã đơn vị", "Unit id"),
    "web.show": ("Xem", "Show"),
    "web.results_title": ("Kết quả xếp loại — {file}", "Ratings — {file}"),
    "web.criteria_used": (
        "Bộ tiêu chí {id} phiên bản {version}; quy định xếp loại {scheme} phiên bản {scheme_version}; bộ máy {engine}",
        "Criteria {id} version {version}; scheme {scheme} version {scheme_version}; engine {engine}",
    ),
    "web.download_xlsx": ("Tải bảng kết quả (.xlsx)", "Download the results workbook (.xlsx)"),
    "web.download_report": ("Tải báo cáo để in (.html)", "Download the printable report (.html)"),
    "web.record": ("Ghi kết quả vào kho lịch sử", "Record the results in the history store"),
    "web.recorded": ("Đã ghi lần xếp loại {run} vào kho lịch sử", "Recorded run {run} in the history store"),
    "web.recorded_again": (
        "Lần xếp loại {run} đã có trong kho lịch sử; không ghi lại",
        "Run {run} is already in the history store; not recorded again",
    ),
    "web.group": ("Nhóm so sánh {group}", "Peer group {group}"),
    "web.col_rank": ("Hạng", "Rank"),
    "web.col_unit": ("Mã đơn vị", "Unit"),
    "web.col_name": ("Tên", "Name"),
    "web.col_level": ("Mức xếp loại", "Level"),
    "web.col_score": ("Điểm", "Score"),
    "web.col_reasons": ("Lý do", "Reasons"),
    "web.incomplete": ("chưa đủ số liệu để xếp loại", "not rated: values missing"),
    "web.back": ("Về kết quả", "Back to the results"),
    "web.back_home": ("Về trang đầu", "Back to the start page"),
    "web.gap": ("Để đạt mức {level}", "To reach {level}"),
    "web.findings": ("Từng tiêu chí", "Criterion by criterion"),
    "web.col_criterion": ("Tiêu chí", "Criterion"),
    "web.col_status": ("Kết quả", "Result"),
    "web.col_value": ("Giá trị", "Value"),
    "web.col_threshold": ("Ngưỡng", "Threshold"),
    "web.col_points": ("Điểm", "Points"),
    "web.col_reference": ("Căn cứ", "Reference"),
    "web.history_link": ("Xem lịch sử xếp loại của đơn vị", "The unit's rating history"),
}
