"""Serve the embedded store over HTTP: the Oxigraph server (SPARQL endpoint and query UI) behind
the pages of :mod:`diplokg.web` (a page per entity and per article, a search by name)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .errors import EnvironmentProblem, InputError, StoreError
from .processes import die_with_parent
from .store.embedded import no_store_here


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
        raise no_store_here(store)
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: give a port from 1 to 65535")
    mode = "serve-read-only" if read_only else "serve"
    return [oxigraph_binary(), mode, "--location", str(store), "--bind", f"{host}:{port}", "--union-default-graph"]


def check_address(host: str, port: int) -> None:
    """Refuse an address the server could not listen on (the port taken, the host not this
    machine's), before it starts: the Oxigraph server would print a Rust error and a backtrace."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as err:
        raise InputError(f"--host {host}: not an address of this machine to listen on ({err.strerror})") from None
    with socket.socket(family, kind, proto) as probe:
        # as the server binds (SO_REUSEADDR): a port left in TIME_WAIT by a stopped server is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise InputError(f"--port {port}: {host}:{port} is already in use by another program; "
                                 f"choose another --port") from None
            raise InputError(f"--host {host} --port {port}: cannot listen there ({err.strerror}); "
                             f"choose another --host or --port") from None


def check_store_free(store: Path) -> None:
    """Refuse a store that another process holds (a ``load``, another ``serve``): the writable
    server could not open it."""
    from .store import open_store

    try:
        open_store(store).close()
    except StoreError as err:
        if "lock" not in str(err).lower():
            raise
        raise StoreError(f"{store}: the store is in use by another process (a 'diplokg load', or another "
                         f"'diplokg serve'); stop it first, or serve the store as it is with --read-only") from None


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pass_on(server: subprocess.Popen[bytes]) -> None:
    """The Oxigraph server's messages on stderr, but for the address it listens on (loopback
    behind the front, which is not the one to open)."""
    assert server.stderr is not None
    for line in server.stderr:
        if not line.startswith(b"Listening for requests at"):
            sys.stderr.buffer.write(line)
            sys.stderr.flush()


def _wait_ready(server: subprocess.Popen[bytes], port: int, stop: threading.Event, seconds: float = 120) -> bool:
    """Wait until the Oxigraph server answers on ``port`` (True), is stopped first (False), or
    exits (a :class:`StoreError`)."""
    url = f"http://127.0.0.1:{port}/query?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    deadline = time.monotonic() + seconds
    while not stop.is_set():
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if server.poll() is not None:
            raise StoreError(f"the Oxigraph server stopped with status {server.returncode} as it started "
                             f"(its message is above)")
        if time.monotonic() > deadline:
            raise StoreError(f"the Oxigraph server did not answer within {seconds:g} s of starting")
        stop.wait(0.1)
    return False


def serve(store: Path, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False,
          started: Callable[[], None] | None = None) -> int:
    """Run the server until it is stopped (Ctrl-C, SIGTERM); returns 0 then. What would keep it
    from starting (no store, a store in use, a port taken) raises first; ``started`` is called
    once the server answers (for a banner).

    Two servers: the Oxigraph server on the store (its SPARQL endpoint and query UI, on a free
    loopback port: the store's one owner), and in front of it, on ``host:port``, the pages of
    :mod:`diplokg.web` (``/entity``, ``/article``, ``/search``), which pass every other request
    on to it."""
    serve_command(store, host, port, read_only)  # the same checks, on the address the user gave
    check_address(host, port)
    if not read_only:  # the read-only server opens a store that a load holds, too
        check_store_free(store)
    backend_port = _free_loopback_port()
    command = serve_command(store, "127.0.0.1", backend_port, read_only)
    # what the server would still print if it failed: its one-line error, not a Rust backtrace
    env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    stop = threading.Event()

    def stopping(signum: int, frame: object) -> None:
        stop.set()

    # SIGTERM or Ctrl-C stop both servers; the Oxigraph server also dies with this process
    # however it ends (kill -9 too), so that none is left answering and holding the store's lock
    previous = {sig: signal.signal(sig, stopping) for sig in (signal.SIGTERM, signal.SIGINT)}
    server = subprocess.Popen(command, preexec_fn=die_with_parent, env=env, stderr=subprocess.PIPE)
    threading.Thread(target=_pass_on, args=(server,), name="diplokg-oxigraph-stderr", daemon=True).start()
    front = None
    try:
        if not _wait_ready(server, backend_port, stop):
            return 0
        from .web import front_server

        try:
            front = front_server(host, port, backend_port)
        except OSError as err:
            raise InputError(f"--host {host} --port {port}: cannot listen there ({err.strerror}); "
                             f"choose another --host or --port") from None
        if started is not None:
            started()
        thread = threading.Thread(target=front.serve_forever, name="diplokg-front", daemon=True)
        thread.start()
        while not stop.wait(0.2) and server.poll() is None:
            pass
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        if server.poll() is None:
            server.terminate()
        status = server.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set() or status in (0, -signal.SIGTERM, -signal.SIGINT):
        return 0
    raise StoreError(f"the Oxigraph server serving {store} behind {host}:{port} stopped with status {status} "
                     f"(its message is above)")
