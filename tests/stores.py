"""Stores for the tests: articles written for a test loaded and tracked by the real CLI, and named
queries run on them, as a user would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from diplokg.cli import cli


def load_and_track(folder: Path, articles: dict[str, tuple[str, str]]) -> tuple[Path, str]:
    """Write each ``name: (date, text)`` as an article, load them all into a store in ``folder``
    and run ``diplokg track`` on it; the store and what ``track`` printed."""
    paths = []
    for name, (date, text) in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(f"title: {name}\ndate: {date}\n\n{text}\n", encoding="utf-8")
        paths.append(str(path))
    runner = CliRunner()
    result = runner.invoke(cli, ["load", *paths, "--store", str(folder / "kg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["track", "--store", str(folder / "kg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "kg", result.output


def query_rows(store: Path, name: str, *params: str) -> list[dict[str, str]]:
    """The rows of the named query ``name`` (``NAME=VALUE`` parameters) on ``store``, from its CSV."""
    args = ["query", name, "--store", str(store), "--format", "csv"]
    for param in params:
        args += ["--param", param]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))
