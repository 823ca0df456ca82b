"""Serve the embedded store over HTTP with the Oxigraph server (SPARQL endpoint and query UI)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .errors import EnvironmentProblem, InputError, StoreError


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (from the PyPI package ``oxigraph``, a diplokg dependency)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise EnvironmentProblem("the Oxigraph server is not installed; install it with 'pip install oxigraph'")
    return found


def serve_command(store: Path, host: str, port: int, read_only: bool) -> list[str]:
    """The command line that serves ``store``."""
    if not store.exists():
        raise StoreError(f"{store}: no store here yet; load articles first ('diplokg load ARTICLE')")
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: give a port from 1 to 65535")
    mode = "serve-read-only" if read_only else "serve"
    return [oxigraph_binary(), mode, "--location", str(store), "--bind", f"{host}:{port}", "--union-default-graph"]


def serve(store: Path, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False) -> int:
    """Run the server until it is stopped (Ctrl-C); returns its exit status."""
    command = serve_command(store, host, port, read_only)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
