"""The service's use of the library: the criteria it offers, loaded once per process, and rating.

Criteria are offered from the folders the service was started with (``evaluator serve
--criteria DIR``), by **id** (``qd366-collective``) or by **family** (``party-collective``: the
version in force on 31 December of the scorecards' year, as the command line chooses). A request
never names a path.

A loaded criteria set, its scheme and the rules compiled from them are kept per process, keyed by
the SHA-256 of every file they were read from (the criteria file, the files an overlay extends,
the scheme): a request re-reads no file that did not change (its stat is compared, and its hash
when the stat moved or is too recent to trust), and a file changed on disk is read again at the
next request; the folders are listed at most once a second. Scorecards are read and checked by
the package's public functions (:func:`evaluator.check_records`, :func:`evaluator.read_scorecards`)
and rated through the library's pipeline (:func:`evaluator.api.finish` with
:class:`evaluator.RunOptions`) with the store's history when the criteria read it — the same JSON
as ``evaluator rank``. A backend may keep state in a C module, so one process rates one request at
a time (a lock); a service scales by processes (``--workers``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import RunOptions, bind_scheme, check_records, default_scheme_path, load_criteria, read_scorecards
from ..api import Chosen, Inputs, finish
from ..catalog import Entry, catalogue
from ..decision import Run
from ..errors import DefinitionError, EvaluatorError, Location, Problem, did_you_mean
from ..load import BoundScheme, Criteria
from ..scorecards import Submitted, raw_cards
from .errors import NotFound

__all__ = ["Library", "Loaded", "record", "relocated"]


@dataclass(frozen=True)
class Loaded:
    """A criteria set and its default scheme, with the hashes of the files they came from."""

    criteria: Criteria
    scheme: BoundScheme
    files: tuple[tuple[str, str, tuple[int, int, int, int]], ...]  # (path, sha256, stat stamp when read)


def _sha(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


_RESCAN_SECONDS = 1.0  # the criteria folders are listed again at most this often (a file added or removed)
_RACY_SECONDS = 2.0  # a file changed this recently may change again within its clock's tick: hash it


def _stamp(path: str) -> tuple[int, int, int, int]:
    st = Path(path).stat()
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _unchanged(files: Sequence[tuple[str, str, tuple[int, int, int, int]]]) -> bool:
    """Whether none of ``files`` (path, sha256, stat stamp) changed: by their stat, and by their hash when
    the stamp moved or is too recent to trust (two writes within one tick of the file system's clock)."""
    now = time.time_ns()
    for path, sha, stamp in files:
        try:
            current = _stamp(path)
        except OSError:
            return False
        if current != stamp or now - current[0] < _RACY_SECONDS * 1e9:
            if _sha(path) != sha:
                return False
    return True


def relocated(exc: EvaluatorError, real: str, shown: str, *, positions: bool = True) -> EvaluatorError:
    """The same error with the file ``real`` named ``shown`` (an upload's own name, never a server path);
    without ``positions``, lines and columns are dropped (they point into a copy the client never saw)."""
    problems = []
    for p in exc.problems:
        loc = p.location
        if loc.file is not None and loc.file.startswith(real):
            loc = dataclasses.replace(loc, file=shown + loc.file[len(real) :])
            if not positions:
                loc = dataclasses.replace(loc, line=None, column=None)
        problems.append(dataclasses.replace(p, location=loc))
    out = type(exc)(problems)
    return out


class Library:
    """The criteria a service offers, and rating under them."""

    def __init__(self, folders: Sequence[Path], store_url: str | None = None):
        self.folders = tuple(folders)
        self.store_url = store_url
        self._cache: dict[str, Loaded] = {}
        self._catalogue: tuple[tuple[Any, ...], list[Entry]] | None = None
        self._scanned = 0.0  # when the folders were last listed (time.monotonic)
        self._lock = threading.Lock()  # a backend's C state: one rating at a time per process

    # -- the criteria offered

    def entries(self) -> list[Entry]:
        """The criteria files in the folders (re-read when a file is added, removed or changed; the
        folders are listed at most once a second, so a file added is offered within a second)."""
        if self._catalogue is not None and time.monotonic() - self._scanned < _RESCAN_SECONDS:
            return self._catalogue[1]
        self._scanned = time.monotonic()
        stamp = tuple(
            (str(p), p.stat().st_mtime_ns, p.stat().st_size)
            for f in self.folders
            if f.is_dir()
            for p in sorted(f.rglob("*.yaml"))
        )
        if self._catalogue is None or self._catalogue[0] != stamp:
            self._catalogue = (stamp, catalogue([f for f in self.folders if f.is_dir()]))
        return self._catalogue[1]

    def choose(self, spec: str, years: Sequence[int]) -> Entry:
        """The file ``spec`` names: a criteria id, or a family (the version in force at each year's end)."""
        entries = self.entries()
        by_id = [e for e in entries if e.id == spec]
        if by_id:
            return by_id[0]
        family = [e for e in entries if e.family == spec]
        if not family:
            names = sorted({e.id for e in entries} | {e.family for e in entries if e.family})
            raise NotFound(
                Problem(
                    "service.criteria_unknown",
                    Location(field="criteria"),
                    {"criteria": spec},
                    did_you_mean(spec, names),
                )
            )
        if not years:
            raise DefinitionError(Problem("catalog.years_unknown", Location(field="criteria")))
        chosen: dict[int, Entry] = {}
        for year in sorted(set(years)):
            day = dt.date(year, 12, 31)
            found = [e for e in family if e.in_force_on(day)]
            if not found:
                where = ", ".join(str(f) for f in self.folders)
                raise DefinitionError(
                    Problem(
                        "catalog.none",
                        Location(field="criteria"),
                        {"family": f" «{spec}»", "date": day.isoformat(), "where": where},
                    )
                )
            chosen[year] = max(found, key=lambda e: e.valid_from)
        if len({e.path for e in chosen.values()}) > 1:
            mapping = "; ".join(f"{y}: {e.id}" for y, e in sorted(chosen.items()))
            raise DefinitionError(Problem("catalog.split", Location(field="criteria"), {"mapping": mapping}))
        return next(iter(chosen.values()))

    def load(self, path: Path) -> Loaded:
        """The criteria at ``path`` and its default scheme, from the cache while none of their files changed."""
        key = str(path)
        hit = self._cache.get(key)
        if hit is not None and _unchanged(hit.files):
            return hit
        crit = load_criteria(path)
        scheme = bind_scheme(default_scheme_path(crit), crit)
        files = [str(path), *(b["file"] for b in crit.bases if "file" in b), str(scheme.path)]
        stamps = {f: _stamp(f) for f in dict.fromkeys(files)}  # before hashing: a write after is seen next time
        loaded = Loaded(crit, scheme, tuple((f, _sha(f), stamp) for f, stamp in stamps.items()))
        self._cache[key] = loaded
        return loaded

    # -- rating

    def read_records(self, spec: str, records: Sequence[Mapping[str, Any]]) -> tuple[Loaded, list[Submitted]]:
        years = [r["year"] for r in records if isinstance(r, Mapping) and type(r.get("year")) is int]
        loaded = self.load(self.choose(spec, years).path)
        return loaded, check_records(records, loaded.criteria)

    def read_file(self, spec: str, path: Path, shown: str) -> tuple[Loaded, list[Submitted]]:
        """Scorecards from an uploaded file, its problems located under the name it was uploaded with."""
        try:
            try:
                years = [
                    r.data["year"]
                    for r in raw_cards([path])
                    if isinstance(r.data, dict) and type(r.data.get("year")) is int
                ]
            except EvaluatorError:
                years = []
            loaded = self.load(self.choose(spec, years).path)
            return loaded, read_scorecards([path], loaded.criteria)
        except EvaluatorError as exc:
            raise relocated(exc, str(path), shown) from None

    def rate(self, loaded: Loaded, cards: Sequence[Submitted], *, exceptional_quota: bool = False) -> Run:
        """Rate checked scorecards as ``evaluator rank`` does: through the library's pipeline, with
        the store's history when the criteria read it."""
        from ..backends.reuse import reusing
        from ..runstore import history_for_run

        chosen = Chosen(loaded.criteria, loaded.criteria, loaded.scheme)
        inputs = Inputs(links=[], cards=list(cards), overrides=[], ties=[], grants=[])
        with self._lock, reusing():
            _, history = history_for_run(loaded.criteria, self.store_url, False) if self.store_url else (None, None)
            return finish(chosen, inputs, RunOptions(exceptional_quota=exceptional_quota), history=history)


def record(store: Any, loaded: Loaded, cards: Sequence[Submitted], run: Run, by: str) -> Any:
    """Record ``run`` as ``evaluator rank --record`` does: with the part of the store its history
    indicators read, when they read any (:func:`evaluator.store.record.record_run`)."""
    from ..runstore import history_inputs, needs_store
    from ..store.record import record_run

    view = None
    if needs_store(loaded.criteria):
        from ..store.query import load_view

        view = load_view(store, findings=True)
    return record_run(store, run, cards, by=by, extra=history_inputs(view, loaded.criteria, None, []))
