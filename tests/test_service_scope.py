"""Scoped access, route by route: a token for one province (or one unit) cannot read, rate or record
units outside it, and a unit outside its scope answers exactly as an unknown unit does.

``ROUTES`` names a check for every route the application serves: a route added without one fails
:func:`test_every_route_has_a_scope_check`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.routing import Mount

from evaluator.service.scopes import Scope, Tree, parse_scope
from evaluator.service.web import SESSION, csrf_for
from evaluator.store.schema import officials, runs
from service_support import Service, cards_of

CAN_THO = cards_of("can-tho")
LAO_CAI = cards_of("lao-cai")


class World:
    """A store holding Cần Thơ's recorded run, and tokens inside and outside it."""

    def __init__(self, tmp: Path):
        self.svc = Service(tmp)
        self.inside = self.svc.token("can-tho", "committee")
        self.outside = self.svc.token("lao-cai", "committee")
        self.one_unit = self.svc.token("can-tho/tn-thanh-hoa", "committee")
        answer = self.svc.client.post("/v1/runs", headers=self.svc.auth(self.inside), json=self.body(CAN_THO))
        assert answer.status_code == 200, answer.text
        self.upload_id = self.web_upload(self.inside)

    @staticmethod
    def body(cards: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        return {"criteria": "qd366-collective", "scorecards": cards, **extra}

    def api(self, method: str, path: str, token: str, **kw: Any) -> Any:
        return self.svc.client.request(method, path, headers=self.svc.auth(token), **kw)

    def web(self, method: str, path: str, token: str, **kw: Any) -> Any:
        self.svc.client.cookies.clear()
        self.svc.client.cookies.set(SESSION, token)
        try:
            if method == "POST":
                kw.setdefault("data", {})["csrf"] = csrf_for(token)
            return self.svc.client.request(method, path, follow_redirects=False, **kw)
        finally:
            self.svc.client.cookies.clear()

    def web_upload(self, token: str) -> str:
        answer = self.web("POST", "/upload", token, data={"criteria": "qd366-collective"}, files=self.file(CAN_THO))
        assert answer.status_code == 303, answer.text
        return answer.headers["location"].rsplit("/", 1)[1]

    @staticmethod
    def file(cards: list[dict[str, Any]]) -> dict[str, Any]:
        text = yaml.safe_dump({"scorecards": cards}, allow_unicode=True)
        return {"file": ("can-tho.yaml", io.BytesIO(text.encode("utf-8")), "application/yaml")}

    def counts(self) -> tuple[int, int]:
        with self.svc.store.reading() as conn:
            return (conn.execute(select(func.count()).select_from(runs)).scalar_one(),
                    conn.execute(select(func.count()).select_from(officials)).scalar_one())  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield World(tmp_path_factory.mktemp("scope"))


DECISION = {"unit": "tn-thanh-hoa", "year": 2024, "level": "htt", "family": "party-collective", "parent": "can-tho",
            "decided_by": "Ban Thường vụ", "document": "QĐ số 1", "date": "2025-01-15"}  # fmt: skip


def _no_units(w: World, answer: Any) -> None:
    """A route that serves no unit's data: it answers, and names no unit of another province."""
    assert answer.status_code < 400, answer.text
    for card in CAN_THO:
        assert card["unit"] not in answer.text


def _same_as_unknown(outside: Any, unknown: Any) -> None:
    assert outside.status_code == unknown.status_code == 404
    assert outside.content.replace(b"tn-thanh-hoa", b"X") == unknown.content.replace(b"no-such-unit", b"X")


def check_health(w: World) -> None:
    _no_units(w, w.api("GET", "/v1/health", w.outside))


def check_whoami(w: World) -> None:
    answer = w.api("GET", "/v1/whoami", w.outside)
    _no_units(w, answer)
    assert answer.json()["scope"] == "lao-cai"


def check_criteria(w: World) -> None:
    _no_units(w, w.api("GET", "/v1/criteria", w.outside))


def check_template(w: World) -> None:
    _no_units(w, w.api("GET", "/v1/criteria/qd366-collective/template", w.outside))


def check_rate(w: World) -> None:
    assert w.api("POST", "/v1/rate", w.inside, json=w.body(CAN_THO)).status_code == 200
    refused = w.api("POST", "/v1/rate", w.outside, json=w.body(CAN_THO))
    assert refused.status_code == 403
    assert {p["code"] for p in refused.json()["problems"]} == {"service.outside_scope"}
    # a unit the store places in Cần Thơ cannot be moved by a scorecard that names another parent
    moved = [dict(c, parent="lao-cai") for c in CAN_THO[:1]]
    assert w.api("POST", "/v1/rate", w.outside, json=w.body(moved)).status_code == 403
    # a unit token rates its unit, not its neighbours
    mine = [c for c in CAN_THO if c["unit"] == "tn-thanh-hoa"]
    assert w.api("POST", "/v1/rate", w.one_unit, json=w.body(mine)).status_code == 200
    assert w.api("POST", "/v1/rate", w.one_unit, json=w.body(CAN_THO)).status_code == 403


def check_rate_upload(w: World) -> None:
    form = {"criteria": "qd366-collective"}
    assert w.api("POST", "/v1/rate/upload", w.inside, data=form, files=w.file(CAN_THO)).status_code == 200
    assert w.api("POST", "/v1/rate/upload", w.outside, data=form, files=w.file(CAN_THO)).status_code == 403


def check_explain(w: World) -> None:
    body = w.body(CAN_THO, unit="tn-thanh-hoa")
    assert w.api("POST", "/v1/explain", w.inside, json=body).status_code == 200
    assert w.api("POST", "/v1/explain", w.outside, json=body).status_code == 403


def check_runs(w: World) -> None:
    before = w.counts()
    assert w.api("POST", "/v1/runs", w.outside, json=w.body(CAN_THO)).status_code == 403
    assert w.counts() == before
    assert w.api("POST", "/v1/runs", w.inside, json=w.body(CAN_THO)).json()["added"] is False  # recorded already


def check_decisions(w: World) -> None:
    before = w.counts()
    for decision in (DECISION, dict(DECISION, parent="lao-cai")):  # named in or claimed out of Cần Thơ
        assert w.api("POST", "/v1/decisions", w.outside, json={"decisions": [decision]}).status_code == 403
    assert w.counts() == before
    assert w.api("POST", "/v1/decisions", w.inside, json={"decisions": [DECISION]}).status_code == 200
    assert w.counts() == (before[0], before[1] + 1)


def check_decisions_upload(w: World) -> None:
    text = json.dumps({"decisions": [dict(DECISION, year=2023)]}, ensure_ascii=False).encode("utf-8")
    files = {"file": ("d.json", io.BytesIO(text), "application/json")}
    before = w.counts()
    assert w.api("POST", "/v1/decisions/upload", w.outside, files=files).status_code == 403
    assert w.counts() == before


def check_history(w: World) -> None:
    assert w.api("GET", "/v1/units/tn-thanh-hoa/history", w.inside).status_code == 200
    assert w.api("GET", "/v1/units/tn-thanh-hoa/history", w.one_unit).status_code == 200
    _same_as_unknown(w.api("GET", "/v1/units/tn-thanh-hoa/history", w.outside),
                     w.api("GET", "/v1/units/no-such-unit/history", w.outside))  # fmt: skip
    neighbour = w.api("GET", "/v1/units/tn-thuan-hung/history", w.one_unit)
    unknown = w.api("GET", "/v1/units/no-such-unit/history", w.one_unit)
    assert neighbour.content.replace(b"tn-thuan-hung", b"X") == unknown.content.replace(b"no-such-unit", b"X")
    assert neighbour.status_code == 404


def check_summary(w: World) -> None:
    assert [r["parent"] for r in w.api("GET", "/v1/summary", w.inside).json()["rows"]] == ["can-tho"]
    assert w.api("GET", "/v1/summary", w.outside).json()["rows"] == []
    outside = w.api("GET", "/v1/summary", w.outside, params={"parent": "can-tho"})
    unknown = w.api("GET", "/v1/summary", w.outside, params={"parent": "no-such-unit"})
    assert outside.status_code == unknown.status_code == 404
    assert outside.content.replace(b"can-tho", b"X") == unknown.content.replace(b"no-such-unit", b"X")


def check_home(w: World) -> None:
    _no_units(w, w.web("GET", "/", w.outside))


def check_login(w: World) -> None:
    answer = w.svc.client.post("/login", data={"token": w.outside}, follow_redirects=False)
    assert answer.status_code == 303
    w.svc.client.cookies.clear()


def check_logout(w: World) -> None:
    assert w.web("POST", "/logout", w.outside).status_code == 303


def check_upload(w: World) -> None:
    answer = w.web("POST", "/upload", w.outside, data={"criteria": "qd366-collective"}, files=w.file(CAN_THO))
    assert answer.status_code == 403


def _upload_page(w: World, suffix: str, method: str = "GET") -> None:
    mine = w.web(method, f"/results/{w.upload_id}{suffix}", w.inside)
    assert mine.status_code == 200, mine.text
    theirs = w.web(method, f"/results/{w.upload_id}{suffix}", w.outside)
    unknown = w.web(method, f"/results/{'0' * 32}{suffix}", w.outside)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.content.replace(w.upload_id[:40].encode(), b"X") == unknown.content.replace(b"0" * 32, b"X")


def check_results(w: World) -> None:
    _upload_page(w, "")


def check_record_upload(w: World) -> None:
    _upload_page(w, "/record", "POST")


def check_unit_page(w: World) -> None:
    _upload_page(w, "/units/tn-thanh-hoa")


def check_results_xlsx(w: World) -> None:
    _upload_page(w, "/results.xlsx")


def check_report(w: World) -> None:
    _upload_page(w, "/report.html")


def check_web_history(w: World) -> None:
    assert w.web("GET", "/history", w.inside, params={"unit": "tn-thanh-hoa"}).status_code == 200
    outside = w.web("GET", "/history", w.outside, params={"unit": "tn-thanh-hoa"})
    unknown = w.web("GET", "/history", w.outside, params={"unit": "no-such-unit"})
    _same_as_unknown(outside, unknown)


def check_web_template(w: World) -> None:
    _no_units(w, w.web("GET", "/template/qd366-collective", w.outside))


def check_docs(w: World) -> None:
    for path in ("/docs", "/redoc", "/openapi.json", "/docs-assets/swagger-ui.css"):
        _no_units(w, w.svc.client.get(path))


ROUTES: dict[tuple[str, str], Callable[[World], None]] = {
    ("GET", "/v1/health"): check_health,
    ("GET", "/v1/whoami"): check_whoami,
    ("GET", "/v1/criteria"): check_criteria,
    ("GET", "/v1/criteria/{criteria_id}/template"): check_template,
    ("POST", "/v1/rate"): check_rate,
    ("POST", "/v1/rate/upload"): check_rate_upload,
    ("POST", "/v1/explain"): check_explain,
    ("POST", "/v1/runs"): check_runs,
    ("POST", "/v1/decisions"): check_decisions,
    ("POST", "/v1/decisions/upload"): check_decisions_upload,
    ("GET", "/v1/units/{unit}/history"): check_history,
    ("GET", "/v1/summary"): check_summary,
    ("GET", "/"): check_home,
    ("POST", "/login"): check_login,
    ("POST", "/logout"): check_logout,
    ("POST", "/upload"): check_upload,
    ("GET", "/results/{upload_id}"): check_results,
    ("POST", "/results/{upload_id}/record"): check_record_upload,
    ("GET", "/results/{upload_id}/units/{unit:path}"): check_unit_page,
    ("GET", "/results/{upload_id}/results.xlsx"): check_results_xlsx,
    ("GET", "/results/{upload_id}/report.html"): check_report,
    ("GET", "/history"): check_web_history,
    ("GET", "/template/{criteria_id}"): check_web_template,
    ("GET", "/docs"): check_docs,
    ("GET", "/redoc"): check_docs,
    ("GET", "/openapi.json"): check_docs,
    ("MOUNT", "/docs-assets"): check_docs,
}


def _routes(routes: Any) -> Iterator[Any]:
    for route in routes:
        inner = getattr(route, "original_router", None)  # a router included in the app (FastAPI ≥ 0.120)
        yield from _routes(inner.routes) if inner is not None else [route]


def _served(w: World) -> set[tuple[str, str]]:
    out = set()
    for route in _routes(w.svc.app.routes):
        if isinstance(route, Mount):
            out.add(("MOUNT", route.path))
            continue
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                out.add((method, route.path))
    return out


def test_every_route_has_a_scope_check(world: World) -> None:
    assert _served(world) == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_keeps_to_the_token_scope(world: World, route: tuple[str, str]) -> None:
    ROUTES[route](world)


def test_every_change_is_in_the_audit_log(world: World) -> None:
    from evaluator.service.tokens import audit_log

    log = audit_log(world.svc.store)
    actions = {(e["action"], e["status"]) for e in log}
    assert ("run.record", 200) in actions and ("run.record", 403) in actions
    assert ("decisions.import", 200) in actions and ("decisions.import", 403) in actions
    assert ("upload", 303) in actions and ("upload", 403) in actions
    assert all(e["token_id"] and e["at"].endswith("Z") for e in log)


# --- the scope rule itself


def test_scopes_parse() -> None:
    assert parse_scope("can-tho") == Scope("can-tho")
    assert parse_scope(" can-tho/tn-thanh-hoa/dang-uy ") == Scope("can-tho", "tn-thanh-hoa/dang-uy")
    for bad in ("", "/", "can-tho/", "can tho", "a//b"):
        assert parse_scope(bad) is None


PROVINCES = ["p0", "p1", "p2"]


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Units under provinces (and units under units), and lineage from former units to later ones."""
    units = [f"u{i}" for i in range(draw(st.integers(1, 8)))]
    parents: dict[str, str] = {}
    for i, u in enumerate(units):
        parents[u] = draw(st.sampled_from(PROVINCES + units[:i]))
    events = draw(st.lists(st.tuples(st.sampled_from(["f0", "f1"]), st.sampled_from(units)), max_size=3))
    return parents, events


def _province(parents: dict[str, str], events: list[tuple[str, str]], unit: str) -> set[str]:
    """The oracle: the provinces above a unit, by the rule as written in the README."""
    if unit in PROVINCES:
        return {unit}
    if unit in parents:
        return _province(parents, events, parents[unit])
    return {p for before, after in events if before == unit for p in _province(parents, events, after)}


@settings(max_examples=200, deadline=None)
@given(trees(), st.sampled_from(PROVINCES))
def test_a_unit_is_inside_exactly_its_provinces(tree: Any, province: str) -> None:
    parents, events = tree
    t = Tree.build([(u, 2025, p) for u, p in parents.items()], events)
    for unit in [*parents, "f0", "f1", *PROVINCES]:
        assert t.inside(Scope(province), unit) == (province in _province(parents, events, unit))
        if unit in parents:
            assert t.inside(Scope(province), unit + "/dang-uy") == t.inside(Scope(province), unit)


@settings(max_examples=200, deadline=None)
@given(trees(), st.data())
def test_a_unit_scope_holds_the_unit_and_what_is_below_it_only(tree: Any, data: st.DataObject) -> None:
    parents, events = tree
    t = Tree.build([(u, 2025, p) for u, p in parents.items()], events)
    top = data.draw(st.sampled_from(sorted(parents)))
    scope = Scope(sorted(_province(parents, events, top))[0], top)
    for unit in parents:
        below, u = False, unit
        while u in parents:
            below = below or u == top
            u = parents[u]
        assert t.inside(scope, unit) == below
        if below:  # a unit scope never reaches outside its province scope
            assert t.inside(Scope(scope.province), unit)


def test_the_newest_recorded_parent_wins_and_a_request_cannot_move_a_unit() -> None:
    t = Tree.build([("w", 2023, "district"), ("w", 2025, "p0"), ("district", 2023, "p1")], [])
    assert t.inside(Scope("p0"), "w") and not t.inside(Scope("p1"), "w")
    assert not t.inside(Scope("p1"), "w", {"w": "p1"})
    assert t.inside(Scope("p1"), "new", {"new": "p1"})  # a unit the store does not know: as the request says
