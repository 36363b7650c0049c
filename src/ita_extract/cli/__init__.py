"""The ``ita-extract`` command line: a thin layer over the library, one module per subcommand.

Each subcommand module exposes ``add_parser(subparsers)``, which registers its arguments and
sets ``run(args) -> int`` as the handler. :func:`main` turns library errors and the system's
refusals into one line on standard error and an exit code, never a traceback (``--debug``
shows it); a reader that closed the pipe (``| head``) gets silence.
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import shtab

from ita_extract.errors import ItaExtractError

EXIT_OK = 0
EXIT_INVALID = 1
"""Some input was read but is not valid (``validate``), some files failed (``batch``,
``parse`` of several files), or a warning is doubtful or missing (``parse --strict``)."""
EXIT_UNREADABLE = 2
"""Some input could not be read at all, an output could not be written, or the command line
was wrong."""
EXIT_INTERNAL = 3
"""A bug in ita_extract: the message asks for a report."""

STDIO = "-"
"""The file name that stands for standard input or standard output, as Unix tools use it."""

_SUBCOMMANDS = ("parse", "schema", "batch", "validate", "review")

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="ita-extract",
        description="Turn Thai ITA analysis reports (PDF, DOCX, DOC) into validated JSON.",
    )
    _add_global_options(parser, default=False)
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="show the version, the readers' libraries and the external programs found",
    )
    parser.add_argument(
        "--help-batch",
        action=_BatchHelpAction,
        help="describe batch's output folder and failure reasons",
    )
    # -- shell completion from the parser itself, so it cannot drift from the options --
    shtab.add_argument_to(
        parser, ["--print-completion"], help="print a bash, zsh or tcsh completion script"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _SUBCOMMANDS:
        importlib.import_module(f"ita_extract.cli.{name}").add_parser(subparsers)
    # -- the global options are accepted after the subcommand too; there they must not
    # overwrite a value given before it, hence no default --
    for subparser in subparsers.choices.values():
        _add_global_options(subparser, default=argparse.SUPPRESS)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="show the full traceback of unexpected errors",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="no notes of long work (OCR's pages) on a terminal; errors still show",
    )


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from ita_extract.cli.environment import describe_environment

        sys.stdout.write("\n".join(describe_environment()) + "\n")
        parser.exit()


class _BatchHelpAction(argparse.Action):
    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from ita_extract.batch.guide import describe_outputs

        sys.stdout.write(describe_outputs() + "\n")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    _write_utf8()
    parser = build_parser()
    debug = False
    try:
        args = parser.parse_args(argv)
        debug = args.debug
        if not args.quiet:
            _notes_on_a_terminal()
        handler: Handler = args.run
        code = handler(args)
        sys.stdout.flush()  # -- a full disk shows on the flush: report it here, not at exit --
        return code
    except SystemExit as exit_request:  # argparse exits on --help, --version and usage errors
        _flush_quietly()
        return exit_request.code if isinstance(exit_request.code, int) else EXIT_UNREADABLE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_UNREADABLE
    except ItaExtractError as error:
        print_error(str(error))
        return EXIT_UNREADABLE
    except OSError as error:
        _silence_stdout()
        print_error(describe_os_error(error))
        return EXIT_UNREADABLE
    except MemoryError:
        print_error("out of memory")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except Exception as error:
        if debug:
            raise
        print_error(
            f"internal error ({type(error).__name__}: {error}); "
            "please report it, with --debug for the traceback"
        )
        return EXIT_INTERNAL


def describe_os_error(error: OSError) -> str:
    """Return ``FILE: what the system said``, as Unix tools word a refusal."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def _write_utf8() -> None:
    """Make standard output UTF-8 and standard error unbreakable, whatever the console's encoding.

    JSON consumers expect UTF-8; a console set to ASCII or a Windows code page would otherwise
    fail on the first Thai letter. Messages on standard error escape what the console cannot
    show instead of failing.
    """
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")


def _notes_on_a_terminal() -> None:
    """Show the library's notes of long work (OCR) on a terminal, as ``ita-extract: …`` lines.

    A log or a pipe gets none: it has no one waiting to be told that the program is not stuck.
    """
    library = logging.getLogger("ita_extract")
    if not sys.stderr.isatty() or library.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("ita-extract: %(message)s"))
    library.addHandler(handler)
    library.setLevel(logging.INFO)


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except OSError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # -- not a real file (a test's capture): nothing will flush it at exit


def completes(action: argparse.Action, kind: Mapping[str, object]) -> None:
    """Tell shell completion what ``action`` takes: ``shtab.FILE`` or ``shtab.DIRECTORY``."""
    action.complete = kind  # type: ignore[attr-defined]  # -- shtab's documented hook


def add_reading_options(parser: argparse.ArgumentParser, *, evidence: bool = True) -> None:
    """Add the options of :func:`ita_extract.parse` that every reading subcommand offers.

    ``evidence`` adds ``--no-evidence``, for the subcommands that write JSON.
    """
    parser.add_argument(
        "--keep-thai-digits", action="store_true", help="keep Thai digits in free text"
    )
    parser.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="OCR pages without a text layer (auto), every page, or none (default: auto)",
    )
    if not evidence:
        return
    parser.add_argument(
        "--no-evidence",
        dest="evidence",
        action="store_false",
        help="leave out each record's evidence (page boxes and source text): leaner JSON",
    )


@contextmanager
def open_output(target: Path | None) -> Iterator[IO[str]]:
    """Yield a UTF-8 text stream for ``target``: standard output for None or ``-``."""
    if target is None or str(target) == STDIO:
        yield sys.stdout
        sys.stdout.flush()
        return
    with target.open("w", encoding="utf-8") as stream:
        yield stream


def print_error(message: str, *, source: object = None) -> None:
    """Print one line ``ita-extract: [SOURCE: ]MESSAGE`` on standard error.

    The source is left out when the message already names it.
    """
    shown = str(source) if source else ""
    where = f"{shown}: " if shown and shown not in message else ""
    one_line = " ".join(message.split())
    print(f"ita-extract: {where}{one_line}", file=sys.stderr)
