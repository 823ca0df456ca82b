"""Serve the embedded store over HTTP with the Oxigraph server (SPARQL endpoint and query UI)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from .errors import EnvironmentProblem, InputError, StoreError
from .processes import die_with_parent


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
    # the server dies with this process, however it ends (kill -9 too), and SIGTERM or Ctrl-C
    # here stop it first, so that no server is left answering and holding the store's lock
    server = subprocess.Popen(command, preexec_fn=die_with_parent)

    def stop(signum: int, frame: object) -> None:
        server.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        status = server.wait()
        return 0 if status in (-signal.SIGTERM, -signal.SIGINT) else status
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
