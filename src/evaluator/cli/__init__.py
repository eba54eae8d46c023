"""The command line (``evaluator``): the group and its exit codes are in :mod:`.group`."""

from .group import main

__all__ = ["main"]
