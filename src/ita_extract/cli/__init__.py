"""The ``ita-extract`` command line: a thin layer over the library, one module per subcommand.

Each subcommand module exposes ``add_parser(subparsers)``, which registers its arguments and
sets ``run(args) -> int`` as the handler. :func:`main` turns library errors into one line on
standard error and an exit code, never a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from ita_extract import __version__
from ita_extract.errors import ItaExtractError

EXIT_OK = 0
EXIT_INVALID = 1
"""Some input was read but is not valid (``validate``), or some files failed (``batch``)."""
EXIT_UNREADABLE = 2
"""Some input could not be read at all, or the command line was wrong."""
EXIT_INTERNAL = 3
"""A bug in ita_extract: the message asks for a report."""

_SUBCOMMANDS = ("parse", "schema", "batch", "validate")

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="ita-extract",
        description="Turn Thai ITA analysis reports (PDF, DOCX, DOC) into validated JSON.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback of unexpected errors"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _SUBCOMMANDS:
        importlib.import_module(f"ita_extract.cli.{name}").add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # argparse exits on --help, --version and usage errors
        return exit_request.code if isinstance(exit_request.code, int) else EXIT_UNREADABLE
    handler: Handler = args.run
    try:
        return handler(args)
    except ItaExtractError as error:
        print_error(str(error), source=getattr(args, "file", None))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except Exception as error:
        if args.debug:
            raise
        print_error(
            f"internal error ({type(error).__name__}: {error}); "
            "please report it, with --debug for the traceback"
        )
        return EXIT_INTERNAL


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of :func:`ita_extract.parse` that every reading subcommand offers."""
    parser.add_argument(
        "--keep-thai-digits", action="store_true", help="keep Thai digits in free text"
    )
    parser.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="OCR pages without a text layer (auto), every page, or none (default: auto)",
    )


def print_error(message: str, *, source: object = None) -> None:
    """Print one line ``ita-extract: [SOURCE: ]MESSAGE`` on standard error."""
    where = f"{source}: " if source else ""
    one_line = " ".join(message.split())
    print(f"ita-extract: {where}{one_line}", file=sys.stderr)
