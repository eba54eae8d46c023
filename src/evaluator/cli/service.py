"""Commands of the service: ``evaluator serve`` and ``evaluator token create|list|revoke``.

Registered on the main command group by :func:`register` (:mod:`evaluator.cli.group`); the service itself
is :mod:`evaluator.service`.
Importing this module loads no web library: ``serve`` imports FastAPI and uvicorn when it runs,
and says how to install them when they are missing.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import click

from ..errors import Location, Problem, UsageError
from ..messages import Lang, render
from ..render.terminal import literal
from .common import LANG, reports_errors
from .store import BY, STORE

__all__ = ["register"]

DEMO_SCOPE = "can-tho"  # the province of the shipped example wards (examples/scorecards/thot-not-2025.yaml)


def _open(store: str | None, *, create: bool = True):  # type: ignore[no-untyped-def]
    from ..store.db import Store

    return Store.open(store, create=create)


def _who(by: str | None) -> str:
    from ..store.record import default_user

    return by or default_user()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@STORE
@click.option(
    "--criteria",
    "criteria_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of criteria files offered (repeatable; default ./criteria).",
)
@click.option("--targets", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Targets for summaries.")
@click.option("--max-body-mb", default=10.0, show_default=True, type=click.FloatRange(0.001, 1024), help="Body limit.")
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Proxies whose X-Forwarded-For/Proto headers are trusted (comma-separated, or *).",
)
@click.option("--secure-cookies", is_flag=True, help="Mark the session cookie Secure (the service is behind TLS).")
@click.option("--demo", is_flag=True, help=f"Print a new committee token for the province {DEMO_SCOPE} (examples).")
@LANG
@reports_errors
def serve_command(
    host: str,
    port: int,
    workers: int,
    store: str | None,
    criteria_dirs: tuple[Path, ...],
    targets: Path | None,
    max_body_mb: float,
    forwarded_allow_ips: str,
    secure_cookies: bool,
    demo: bool,
    lang: Lang,
) -> None:
    """Serve the HTTP API (/v1, /docs) and the committees' web page (/) over HTTP."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError:
        raise UsageError(Problem("serve.missing", Location())) from None
    from ..service.app import ServiceConfig
    from ..service.server import ENV, config_to_env
    from ..service.tokens import create_token
    from ..store.db import resolve_url
    from ..targets import load_targets

    if targets is not None:
        load_targets(targets)  # a broken targets file stops here, located, not in every worker
    given = store or os.environ.get("EVALUATOR_STORE")
    if given is None:
        from ..store.db import DEFAULT_PATH

        given = DEFAULT_PATH
    resolve_url(given)
    opened = _open(given)  # created and migrated once, before any worker starts
    config = ServiceConfig(
        store=given,
        criteria=criteria_dirs or (Path("criteria"),),
        targets=targets,
        max_body=int(max_body_mb * (1 << 20)),
        secure_cookies=secure_cookies,
    )
    os.environ[ENV] = config_to_env(config)
    if demo:
        _, text = create_token(opened, DEMO_SCOPE, "committee", label="demo", by=_who(None))
        click.echo(render("serve.demo_token", lang, scope=DEMO_SCOPE, token=text))
    shown = f"[{host}]" if ":" in host else host
    click.echo(render("serve.open", lang, url=f"http://{shown}:{port}/"))
    # The installed command runs with the cyclic collector off (evaluator.launch: a one-shot
    # command ends without teardown); a server runs for days and needs it.
    gc.enable()
    uvicorn.run(
        "evaluator.service.server:make_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level="warning",
        server_header=False,
    )


@click.group("token")
def token_group() -> None:
    """Access tokens of the service: each with a scope (PROVINCE[/UNIT]) and a role."""


@token_group.command("create")
@click.option("--scope", required=True, metavar="PROVINCE[/UNIT]", help="Where the token may act, e.g. can-tho.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["reader", "submitter", "committee"]),
    help="reader: read; submitter: also rate; committee: also record runs and official decisions.",
)
@click.option("--label", default="", help="A note saying whose token it is.")
@STORE
@BY
@LANG
@reports_errors
def token_create(scope: str, role: str, label: str, store: str | None, by: str | None, lang: Lang) -> None:
    """Create a token and print it once (the store keeps only its SHA-256)."""
    from ..service.scopes import parse_scope
    from ..service.tokens import create_token

    if parse_scope(scope) is None:  # refused before a store is made
        raise UsageError(Problem("token.scope_invalid", Location(field="--scope"), {"scope": scope}))
    opened = _open(store)
    token_id, text = create_token(opened, scope, role, label=label, by=_who(by))
    click.echo(
        render("token.created", lang, id=token_id, role=role, scope=str(parse_scope(scope)), store=opened.shown),
        err=True,
    )
    click.echo(text)


@token_group.command("list")
@STORE
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@reports_errors
def token_list(store: str | None, fmt: str, lang: Lang) -> None:
    """The tokens (never their secrets), oldest first."""
    from rich.console import Console
    from rich.table import Table

    from ..service.tokens import list_tokens

    found = list_tokens(_open(store, create=False))
    if fmt == "json":
        click.echo(json.dumps({"tokens": found}, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(render("token.none", lang))
        return
    table = Table()
    for code in (
        "token.col_id",
        "token.col_role",
        "token.col_scope",
        "token.col_label",
        "token.col_created",
        "token.col_revoked",
    ):
        table.add_column(render(code, lang), overflow="fold")
    for t in found:
        cells = (t["id"], t["role"], t["scope"], t["label"], t["created_at"], t["revoked_at"] or "—")
        table.add_row(*(literal(c) for c in cells))
    Console(width=140, soft_wrap=False, highlight=False).print(table)


@token_group.command("revoke")
@click.argument("token_id")
@STORE
@BY
@LANG
@reports_errors
def token_revoke(token_id: str, store: str | None, by: str | None, lang: Lang) -> None:
    """Revoke token TOKEN_ID: from now on it is refused everywhere."""
    from ..service.tokens import revoke_token

    if not revoke_token(_open(store, create=False), token_id, by=_who(by)):
        raise UsageError(Problem("token.not_found", Location(), {"id": token_id}))
    click.echo(render("token.revoked", lang, id=token_id))


def register(group: click.Group) -> None:
    """Add ``serve`` and ``token`` to the main command group."""
    group.add_command(serve_command)
    group.add_command(token_group)
