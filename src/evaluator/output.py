"""Writing output files: whole or not at all, never through a link, never over an input.

Every file the tool writes — ``rank -o`` (JSON, table, workbook, report), ``template``,
the boundary test files — goes through here:

- :func:`check_target` refuses, before any work is done, an output path that is a
  symbolic link, a folder, anything else that exists and is not a regular file (a
  device such as ``/dev/null``, a pipe), a path whose folder does not exist or cannot be
  written, one of the run's input files, and a file the next run would read as input (in
  a folder of scorecards given to this run, with a suffix read from it). Each is an
  :class:`OutputError` (exit 2) naming the path.
- :func:`atomic_file` writes into a temporary file in the same folder
  (``.NAME.<random>.tmp``), flushes and ``fsync``s it, then renames it over ``path``
  (``os.replace``) and ``fsync``s the folder. If anything fails or the run is stopped,
  the temporary file is removed and ``path`` keeps its previous content byte for byte; a
  run killed outright (``SIGKILL``) can leave the temporary file behind, never a half
  ``path``. Two runs writing one path never interleave: the last rename wins whole.
- The file gets the permissions an ordinary ``open(path, "w")`` would give: an existing
  file keeps its mode; a new one gets ``0666`` less the umask.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import Location, OutputError, Problem

__all__ = ["atomic_file", "check_target", "write_bytes", "write_text"]


def _refuse(path: Path, code: str, **params: Any) -> OutputError:
    return OutputError(Problem(code, Location(file=str(path), field="-o/--output"), params))


def check_target(
    path: str | Path,
    inputs: Iterable[tuple[str, str | Path]] = (),
    folders: Iterable[tuple[str, str | Path, Collection[str]]] = (),
) -> None:
    """Refuse ``path`` as an output unless it is a new or regular file, in a writable folder,
    none of ``inputs`` (role, path) — the files this run reads — and not where one of
    ``folders`` (role, folder, suffixes), read through for files with those suffixes, would
    find it next time."""
    path = Path(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(path, "output.unwritable", detail=exc.strerror or str(exc)) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise _refuse(path, "output.symlink")
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(path, "output.folder")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "output.not_regular")
        for role, given in inputs:
            with contextlib.suppress(OSError):
                other = os.stat(given)
                if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                    raise _refuse(path, "output.is_input", role=role)
    for role, read, suffixes in folders:
        if path.suffix.lower() in suffixes and path.resolve().is_relative_to(Path(read).resolve()):
            raise _refuse(path, "output.in_read_folder", folder=str(read), role=role)
    folder = path.parent
    if not folder.is_dir():
        raise _refuse(path, "output.no_folder", folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _refuse(path, "output.unwritable", detail=os.strerror(13))


def _mode_of(path: Path) -> int | None:
    """The permission bits of an existing regular file at ``path`` (kept on replace), else None."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, created as ``open()`` would (0666 less the umask)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; not every file system can, and then there is nothing to do."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write ``path``'s new content into; it replaces ``path`` only when the block ends cleanly."""
    path = Path(path)
    try:
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise _refuse(path, "output.unwritable", detail=exc.strerror or str(exc)) from None
    try:
        opened: IO[Any] = os.fdopen(fd, "w", encoding="utf-8") if text else os.fdopen(fd, "wb")
        with opened as fh:
            keep = _mode_of(path)
            if keep is not None:
                os.fchmod(fh.fileno(), keep)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if path.is_symlink() or path.is_dir():  # it became one while we worked: still never write through it
            raise _refuse(path, "output.symlink" if path.is_symlink() else "output.folder")
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _refuse(path, "output.unwritable", detail=exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    with atomic_file(path) as fh:
        fh.write(data)


def write_text(path: str | Path, pieces: Iterable[str]) -> None:
    """Write text (UTF-8) to ``path`` as it is produced, whole or not at all."""
    with atomic_file(path, text=True) as fh:
        fh.writelines(pieces)
