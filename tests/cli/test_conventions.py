"""The command line keeps the conventions of the Unix tools its users already know."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import ita_extract
from ita_extract.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, main

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCX = FIXTURES / "ita-2566-obt-a.docx"
OTHER_DOCX = FIXTURES / "ita-2567-tessaban-b.docx"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_module(
    *argv: str, stdout: int | io.IOBase = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m ita_extract`` in a fresh process, as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "ita_extract", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


# -- 1. OS and output failures: one line, exit 2; a closed pipe: silence --


def test_a_closed_pipe_is_silent() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ita_extract", "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # -- like `| head` that has read enough, before anything is written

    code = process.wait(timeout=120)

    assert process.stderr.read() == b""
    assert code == EXIT_UNREADABLE


def test_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = run_module("schema", stdout=full)

    assert result.returncode == EXIT_UNREADABLE
    assert result.stderr.decode().count("\n") == 1
    assert "No space left on device" in result.stderr.decode()


def test_json_is_utf8_on_an_ascii_console() -> None:
    result = run_module("parse", str(DOCX), PYTHONIOENCODING="ascii")

    assert result.returncode == EXIT_OK, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["agency"]["name"].startswith("องค์การ")


def test_output_into_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "report.json"

    code, _, err = run_cli(capsys, "parse", DOCX, "-o", target)

    assert code == EXIT_UNREADABLE
    assert err == f"ita-extract: {target}: No such file or directory\n"


def test_batch_into_an_existing_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "out"
    taken.write_text("not a folder", encoding="utf-8")

    code, _, err = run_cli(capsys, "batch", DOCX, "-o", taken, "--progress", "none")

    assert code == EXIT_UNREADABLE
    assert err.count("\n") == 1
    assert err.startswith(f"ita-extract: {taken}: ")
    assert "internal error" not in err


def test_a_docx_zip_bomb_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        with out.open("word/document.xml", "w") as part:  # -- 300 MiB of zeros, 300 KiB packed
            for _ in range(300):
                part.write(bytes(2**20))

    code, out, err = run_cli(capsys, "parse", bomb)

    assert code == EXIT_UNREADABLE
    assert out == ""
    assert "unpacks to 301 MiB, over the limit of 256 MiB" in err
    assert err.count("\n") == 1


# -- 3. `-`, several inputs, global options anywhere, --version, python -m --


def test_dash_reads_standard_input_and_writes_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DOCX.read_bytes())))

    code, out, _ = run_cli(capsys, "parse", "-", "-o", "-")

    assert code == EXIT_OK
    report = json.loads(out)
    assert report["source"]["file"] is None
    assert report["source"]["format"] == "docx"


def test_several_inputs_give_json_lines_and_per_file_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.pdf"

    code, out, err = run_cli(capsys, "parse", DOCX, missing, OTHER_DOCX)

    assert code == EXIT_INVALID
    lines = out.splitlines()
    assert [json.loads(line)["source"]["file"] for line in lines] == [DOCX.name, OTHER_DOCX.name]
    assert err == f"ita-extract: no such file: {missing}\n"


def test_global_options_work_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("ita_extract.cli.parse.parse", broken)

    assert run_cli(capsys, "parse", DOCX)[0] == 3
    with pytest.raises(RuntimeError, match="a bug"):
        main(["parse", str(DOCX), "--debug"])


def test_version_names_the_readers_libraries_and_programs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "--version")

    assert code == EXIT_OK
    assert out.startswith("ita-extract ")
    for name in ("pdfplumber", "pypdfium2", "python-docx", "LibreOffice", "Tesseract Thai"):
        assert f"\n{name} " in out


def test_python_dash_m_runs_the_command_line() -> None:
    result = run_module("parse", str(DOCX))

    assert result.returncode == EXIT_OK
    assert json.loads(result.stdout)["fiscal_year"] == 2566


def test_the_old_out_spelling_of_batch_still_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, "batch", DOCX, "--out", tmp_path / "out", "--progress", "none")

    assert code == EXIT_OK, err
    assert (tmp_path / "out" / "summary.json").is_file()
    help_text = run_cli(capsys, "batch", "--help")[1]
    assert "--output" in help_text
    assert "--out " not in help_text
    assert "ita-extract --help-batch" in help_text


def test_help_batch_lists_every_output_and_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--help-batch")

    assert code == EXIT_OK
    for needle in ("reports.jsonl", "summary.json", "topics.csv", "duplicate", "not_a_document"):
        assert needle in out


def test_shell_completion_knows_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--print-completion", "bash")

    assert code == EXIT_OK
    assert "ita-extract" in out
    for subcommand in ("parse", "validate", "batch", "schema"):
        assert subcommand in out
    assert "_shtab_ita_extract_parse_pos_0_COMPGEN=_shtab_compgen_files" in out  # -- file names


def test_the_schema_names_its_dialect_and_itself(capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads(run_cli(capsys, "schema")[1])

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:ita-extract:report:1"


def test_batch_reads_its_inputs_from_standard_input_at_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{DOCX}\n\n{OTHER_DOCX}\n"))

    code, _, err = run_cli(capsys, "batch", "-", "-o", tmp_path / "out", "--progress", "none")

    assert code == EXIT_OK, err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["converted"] == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_work_is_announced_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def slow_parse(*_: object, **__: object) -> object:
        logging.getLogger("ita_extract.readers.ocr").info("reading 9 scanned page(s) with OCR")
        raise ita_extract.NoTextLayerError("stop here")

    monkeypatch.setattr("ita_extract.cli.parse.parse", slow_parse)
    library = logging.getLogger("ita_extract")
    monkeypatch.setattr(library, "handlers", [])
    monkeypatch.setattr(library, "level", logging.NOTSET)

    main(["parse", str(DOCX)])  # -- stderr is captured, no terminal: no note
    assert "OCR" not in capsys.readouterr().err
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["parse", str(DOCX)])

    assert terminal.getvalue().splitlines() == [
        "ita-extract: reading 9 scanned page(s) with OCR",
        f"ita-extract: {DOCX}: stop here",
    ]


def _blank_scan(tmp_path: Path, pages: int) -> Path:
    """Return an image-only PDF of blank pages: OCR reads each (and finds nothing) in no time."""
    blank = Image.new("L", (500, 600), 255)
    path = tmp_path / "scan.pdf"
    blank.save(path, format="PDF", save_all=True, append_images=[blank] * (pages - 1))
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_scan_reports_each_page_read_on_a_terminal_unless_quiet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str
) -> None:
    scan = _blank_scan(tmp_path, pages=3)
    library = logging.getLogger("ita_extract")
    monkeypatch.setattr(library, "level", logging.NOTSET)
    lines = {}
    for quiet in ((), ("--quiet",)):
        monkeypatch.setattr(library, "handlers", [])
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        main(["parse", str(scan), "--jobs", jobs, *quiet])
        lines[quiet] = [line for line in terminal.getvalue().splitlines() if "OCR" in line]

    assert lines[()] == [
        "ita-extract: reading 3 scanned page(s) with OCR, a few seconds each",
        "ita-extract: OCR page 1 of 3 read",
        "ita-extract: OCR page 2 of 3 read",
        "ita-extract: OCR page 3 of 3 read",
    ]
    assert lines[("--quiet",)] == []
