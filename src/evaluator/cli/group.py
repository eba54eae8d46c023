"""The command line: thin — parse arguments, call the library, render. One module per family of
commands: :mod:`.rating` (rank, explain, sweep, diff), :mod:`.checking` (validate), :mod:`.authoring`
(test, lint, template), :mod:`.store` (the history store), :mod:`.service` (serve, token);
:mod:`.common` has the options they share and the error reporting, :mod:`.files` what they read
and write.

Exit codes: 0 done; 1 (``test``, ``lint`` only) the tests or the checks failed; 2 wrong
usage (an option, or an output file that is refused or cannot be written); 3 a criteria,
scheme, overrides or report settings file is invalid, or a threshold has no value for a unit's
region/year; 4 scorecards are invalid (nothing rated); 5 an internal error (a bug);
130/143 stopped by Ctrl-C/SIGTERM; 141 stdout closed early. See :mod:`evaluator.cli.common`.

Every ``-o`` file is written through :mod:`evaluator.output`: whole or not at all, never
through a link, never over one of the run's inputs.
"""

from __future__ import annotations

import click

from .authoring import lint_command, template, test_command
from .checking import validate
from .common import DEBUG, EvaluatorGroup
from .rating import diff, explain, rank, sweep
from .service import register as register_service
from .store import register_commands


@click.group(cls=EvaluatorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evaluator")
@DEBUG
def main(debug: bool) -> None:
    """Rate grassroots units against criteria written in YAML (Regulation 366, new-rural criteria…).

    Exit codes: 0 done; 1 test/lint failed; 2 usage (or an output file refused);
    3 invalid criteria/scheme/overrides or a missing threshold; 4 invalid scorecards;
    5 internal error (a bug); 130 interrupted.
    """


for command in (rank, explain, sweep, diff, validate, template, test_command, lint_command):
    main.add_command(command)
register_commands(main)  # the history store: decide, lineage, shortcomings, history, runs, store, summary
register_service(main)  # serve, token (evaluator.service)
