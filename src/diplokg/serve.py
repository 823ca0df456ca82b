"""Serve the embedded store over HTTP with the Oxigraph server (SPARQL endpoint and query UI)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
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


def serve(store: Path, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False,
          started: Callable[[], None] | None = None) -> int:
    """Run the server until it is stopped (Ctrl-C, SIGTERM); returns 0 then. What would keep it
    from starting (no store, a store in use, a port taken) raises first; ``started`` is called
    once those checks passed, as the server starts (for a banner)."""
    command = serve_command(store, host, port, read_only)
    check_address(host, port)
    if not read_only:  # the read-only server opens a store that a load holds, too
        check_store_free(store)
    if started is not None:
        started()
    # what the server would still print if it failed: its one-line error, not a Rust backtrace
    env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    # the server dies with this process, however it ends (kill -9 too), and SIGTERM or Ctrl-C
    # here stop it first, so that no server is left answering and holding the store's lock
    server = subprocess.Popen(command, preexec_fn=die_with_parent, env=env)

    def stop(signum: int, frame: object) -> None:
        server.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        status = server.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if status in (0, -signal.SIGTERM, -signal.SIGINT):
        return 0
    raise StoreError(f"the Oxigraph server serving {store} at {host}:{port} stopped with status {status} "
                     f"(its message is above)")
