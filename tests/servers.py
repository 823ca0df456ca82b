"""Real servers for the tests: an Oxigraph server on a free loopback port, in a temporary folder."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The ``oxigraph`` server from the PyPI package of that name (installed by the test extra)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the 'oxigraph' server is not installed; run 'pip install -e .[test]' (make test does)")
    return found


@contextmanager
def oxigraph_server(folder: Path, data: Path | None = None) -> Iterator[str]:
    """Start ``oxigraph serve`` on a free port with ``data`` loaded; yield its base URL."""
    binary = oxigraph_binary()
    folder.mkdir(parents=True, exist_ok=True)
    if data is not None:
        subprocess.run([binary, "load", "--location", str(folder), "--file", str(data)], check=True,
                       capture_output=True)
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                query = urllib.parse.urlencode({"query": "ASK {}"})
                with urllib.request.urlopen(f"{base}/query?{query}", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
                if process.poll() is not None or time.monotonic() > deadline:
                    stderr = process.stderr.read() if process.stderr else b""
                    raise RuntimeError(f"oxigraph did not start: {stderr!r}") from err
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
