"""Everyday comforts: quiet and verbose runs, the served store, ontology docs, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from diplokg.cli import cli

from .samples import ARTICLE
from .servers import free_port


def test_quiet_tells_only_problems(write, tmp_path):
    good, empty = write("vienna.txt", ARTICLE), write("empty.txt", "")
    result = CliRunner().invoke(cli, ["-q", "load", str(good), str(empty), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "skipped" in result.stderr and "empty.txt" in result.stderr
    assert "stored vienna" not in result.stderr and "article(s) stored" not in result.stderr


def test_without_a_terminal_each_article_gets_a_line(write, tmp_path):
    result = CliRunner().invoke(cli, ["load", str(write("vienna.txt", ARTICLE)), "--store", str(tmp_path / "kg")])
    assert "stored vienna (" in result.stderr and "1 article(s) stored" in result.stderr
    assert result.stdout == ""  # data to stdout, messages to stderr


@pytest.mark.services
def test_serve_exposes_the_store_over_sparql(write, tmp_path):
    store = tmp_path / "kg"
    assert CliRunner().invoke(cli, ["load", str(write("vienna.txt", ARTICLE)), "--store", str(store)]).exit_code == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "diplokg", "serve", "--store", str(store), "--port", str(port),
                               "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}",
                                                 headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    answer = json.load(response)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "diplokg serve did not come up"
                time.sleep(0.2)
        assert answer["results"]["bindings"][0]["n"]["value"] == "1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_needs_a_store(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none")])
    # the same words as every command that reads a store
    assert result.exit_code == 3 and result.stderr == (
        f"Error: {tmp_path / 'none'}: no store here yet; load articles first ('diplokg load ARTICLE') "
        "or point --store at an existing store\n")


def test_ontology_docs(tmp_path):
    out = tmp_path / "site" / "ontology.html"
    result = CliRunner().invoke(cli, ["docs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    for term in ("Diplomat", "holdsOffice", "Commitment", "extractedFrom"):
        assert term in page


def test_shell_completion_script():
    env = dict(os.environ, _DIPLOKG_COMPLETE="bash_source")
    done = subprocess.run([sys.executable, "-c", "from diplokg.cli import main; main()"], env=env,
                          capture_output=True, text=True)
    assert "_diplokg_completion" in done.stdout and "complete " in done.stdout


def test_a_worker_dies_with_its_parent_even_on_kill_9(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from diplokg.processes import die_with_parent\n"
        "pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('fork'), initializer=die_with_parent)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(100):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{worker}/stat") as stat:
            if stat.read().split()[2] == "Z":
                break  # a zombie: dead, waiting for its reaper
        time.sleep(0.05)
    else:
        os.kill(worker, signal.SIGKILL)
        raise AssertionError("the worker outlived its parent")


@pytest.mark.services
def test_serve_stops_its_server_on_sigterm(tmp_path):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    store = tmp_path / "kg"
    subprocess.run([sys.executable, "-m", "diplokg", "load", "-", "--store", str(store), "--date", "2020-01-01"],
                   input="NATO met in Brussels.", text=True, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = subprocess.Popen([sys.executable, "-m", "diplokg", "serve", "--store", str(store), "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    else:
        serve.kill()
        raise AssertionError("the server did not start")
    os.kill(serve.pid, signal.SIGTERM)
    assert serve.wait(timeout=20) == 0
    time.sleep(0.3)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the Oxigraph server is still answering"


def _serve_fails(store, port, *extra: str) -> subprocess.CompletedProcess[str]:
    """`diplokg serve` as a user runs it (with Rust backtraces asked for, as some shells set)."""
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    return subprocess.run([sys.executable, "-m", "diplokg", "serve", "--store", str(store), "--port", str(port),
                           *extra], capture_output=True, text=True, timeout=60, env=env)


def _loaded_store(tmp_path):
    store = tmp_path / "kg"
    subprocess.run([sys.executable, "-m", "diplokg", "load", "-", "--store", str(store), "--date", "2020-01-01"],
                   input="NATO met in Brussels.", text=True, check=True, capture_output=True)
    return store


def test_serve_on_a_busy_port_says_so_before_any_banner(tmp_path):
    import socket

    store = _loaded_store(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve_fails(store, port)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"Error: --port {port}: 127.0.0.1:{port} is already in use by another program; " \
                            f"choose another --port\n"


def test_serve_on_a_store_in_use_says_so_before_any_banner(tmp_path):
    import pyoxigraph

    store = _loaded_store(tmp_path)
    held = pyoxigraph.Store(str(store))  # what a running 'diplokg load' holds
    try:
        result = _serve_fails(store, free_port())
    finally:
        del held
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(f"Error: {store}: the store is in use by another process")
    assert "--read-only" in result.stderr
    assert "backtrace" not in result.stderr.lower() and "serving" not in result.stderr
    assert result.stderr.count("\n") == 1
