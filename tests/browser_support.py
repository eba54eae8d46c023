"""Headless Chromium for the tests: Debian's /usr/bin/chromium driven by Playwright (never a downloaded
browser), with the flags that keep it off the network. Without a browser the tests skip, saying why —
under CI (``CI`` set; ``.ci/run`` installs it) they fail instead."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(why: str) -> None:
    # On CI (.ci/run sets CI=true and installs both) a missing browser is a failure, not a quiet skip.
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


def launch() -> Iterator[Any]:
    """A Chromium browser for the duration of a fixture."""
    if CHROMIUM is None:
        unavailable(
            "Chromium is not installed (Debian: apt-get install chromium); bash scripts/dev.sh test installs it"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()
