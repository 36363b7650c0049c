"""``python -m ita_extract``: the command line, where no ``ita-extract`` script is on PATH."""

from ita_extract.cli import main

raise SystemExit(main())
