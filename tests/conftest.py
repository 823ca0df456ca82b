"""Shared fixtures: the real spaCy pipeline (loaded once), a CLI runner, articles written for the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplokg.extract import Extractor

from .samples import ARTICLE


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The trained pipeline with diplokg's components, loaded once for the session."""
    return Extractor()


@pytest.fixture()
def runner() -> CliRunner:
    """A click runner; stderr is kept apart from stdout."""
    return CliRunner()


@pytest.fixture()
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file under tmp_path: text (UTF-8) or raw bytes."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture()
def article(write: Callable[..., Path]) -> Path:
    """A short article with a header."""
    return write("vienna-meeting.txt", ARTICLE)


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the user's own config and DIPLOKG_* variables out of the tests."""
    import os

    for key in list(os.environ):
        if key.startswith("DIPLOKG_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
