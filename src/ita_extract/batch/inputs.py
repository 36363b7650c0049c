"""Turn the command line's INPUT arguments (files, folders, globs) into a sorted list of files."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ita_extract.errors import InputNotFoundError


def find_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    exclude: Path | None = None,
    in_folders: Callable[[Path], bool] | None = None,
) -> list[Path]:
    """Return every file that ``inputs`` name, each once, sorted by path.

    Folders are walked recursively without following symbolic links (so a link loop cannot
    hang the walk). Files under ``exclude`` (the output folder) are left out, so converting a
    folder into a subfolder of itself does not read its own outputs on the next run. A file
    found in a folder is kept only where ``in_folders`` (if given) accepts it; a file named
    directly or by a glob always is.

    Raises:
        InputNotFoundError: an input names nothing.
    """
    excluded = exclude.resolve() if exclude is not None else None
    found: dict[Path, Path] = {}
    for raw in inputs:
        for match in _expand(raw):
            for path in _walk(match):
                if in_folders is not None and path != match and not in_folders(path):
                    continue
                real = path.resolve()
                if excluded is None or (real != excluded and excluded not in real.parents):
                    found.setdefault(real, path)
    return sorted(found.values(), key=lambda path: path.as_posix())


def _expand(raw: str | os.PathLike[str]) -> list[Path]:
    path = Path(raw)
    if path.exists():
        return [path]
    matches = sorted(glob.glob(os.fspath(raw), recursive=True))
    if not matches:
        raise InputNotFoundError(f"{os.fspath(raw)}: no such file or folder, and no glob match")
    return [Path(match) for match in matches]


def _walk(path: Path) -> Iterable[Path]:
    if not path.is_dir():
        return [path] if path.is_file() else []
    return [
        Path(folder, name)
        for folder, _subfolders, names in os.walk(path)
        for name in names
        if Path(folder, name).is_file()
    ]
