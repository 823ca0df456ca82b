"""Real servers for the tests: an Oxigraph server on a free loopback port, in a temporary folder."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplokg.serve import oxigraph_binary


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def oxigraph_server(folder: Path, data: Path | None = None) -> Iterator[str]:
    """An Oxigraph server with ``data`` loaded; yields its base URL (``…/query`` is the endpoint)."""
    server = Server("oxigraph", folder)
    if data is not None:
        subprocess.run([oxigraph_binary(), "load", "--location", str(folder / "db"), "--file", str(data)],
                       check=True, capture_output=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{server.http_port}"
    finally:
        server.stop()


@contextmanager
def wikidata_stand_in(folder: Path, facts: str) -> Iterator[str]:
    """A local Oxigraph server holding ``facts`` (Turtle) in the place of Wikidata: its query URL."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "wikidata.ttl"
    data.write_text(facts, encoding="utf-8")
    with oxigraph_server(folder / "store", data) as base:
        yield f"{base}/query"


def _wait_http(url: str, process: subprocess.Popen[bytes], seconds: float, name: str) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start") from err
            time.sleep(0.2)


class Server:
    """A real SPARQL server in a folder of its own, which a test can stop and start again."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind = kind
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None
        self.http_port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        if kind == "virtuoso":
            self.sql_port = free_port()
            (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=folder, sql=self.sql_port,
                                                                    http=self.http_port))

    @property
    def endpoint(self) -> str:
        """The SPARQL query endpoint's URL."""
        path = "/query" if self.kind == "oxigraph" else "/sparql"
        return f"http://127.0.0.1:{self.http_port}{path}"

    def start(self) -> None:
        """Start (or start again, on the same data)."""
        ask = f"{self.endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        if self.kind == "oxigraph":
            self.process = subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(self.folder / "db"), "--bind",
                 f"127.0.0.1:{self.http_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait_http(ask, self.process, 30, "oxigraph")
            return
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise RuntimeError("virtuoso-t is not installed; 'make test' installs Debian's virtuoso-opensource-7-bin")
        self.process = subprocess.Popen([binary, "-f", "-c", str(self.folder / "virtuoso.ini")],
                                        cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_http(ask, self.process, 60, "virtuoso")
        # let anonymous SPARQL (the test's client) update, as a site would for its loader account
        subprocess.run([shutil.which("isql-vt") or "isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)

    def stop(self) -> None:
        """Kill the server at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None
        if self.kind == "virtuoso":
            (self.folder / "virtuoso.lck").unlink(missing_ok=True)


VIRTUOSO_INI = """
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpTimeout = 300
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
