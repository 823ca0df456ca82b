"""What users see when an endpoint misbehaves: HTML pages, refusals, wrong URLs, credentials.

The misbehaving server is a small local HTTP server written for these tests (the well-behaved
paths run against real Oxigraph and Virtuoso servers in test_store_contract.py).
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from diplokg.cli import cli

from .samples import ARTICLE

NOT_RESULTS = {
    "object": b'{"error": "no such dataset", "status": 404}',
    "list": b"[1, 2, 3]",
    "string": b'"ok"',
    "bindings-not-a-list": b'{"head": {"vars": ["a"]}, "results": {"bindings": 5}}',
    "value-not-a-term": b'{"head": {"vars": ["a"]}, "results": {"bindings": [{"a": "plain"}]}}',
    "vars-not-a-list": b'{"head": {"vars": "a"}, "results": {"bindings": []}}',
}
READ_ONLY = (b"The server is read-only.\nUpdates go to the primary at http://admin:hunter2@primary:8890/sparql\n"
             b"line three\nline four\n")


class Misbehaving(BaseHTTPRequestHandler):
    """Answers by path: /html/* an HTML page, /refuse/* 400 to writes (and no rows to queries),
    /portal/* 200 to writes and no rows to queries, /locked/* 401, /json/KIND/* JSON that is not
    SPARQL results, /readonly/* 403 with the server's reason, /silent/* nothing (until the test
    ends)."""

    seen_auth: ClassVar[list[str]] = []
    released = threading.Event()

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def _answer(self) -> None:
        self.seen_auth.append(self.headers.get("Authorization", ""))
        length = int(self.headers.get("Content-Length") or 0)
        request = self.rfile.read(length)
        query = request.startswith(b"query=") or "?query=" in self.path
        if self.path.startswith("/silent/"):
            self.released.wait(30)  # accepts the request and never answers (within the test)
            return
        if self.path.startswith("/html/"):
            body, status, kind = b"<html><body><h1>Welcome to our portal</h1></body></html>", 200, "text/html"
        elif self.path.startswith("/json/"):
            body, status, kind = NOT_RESULTS[self.path.split("/")[2]], 200, "application/sparql-results+json"
        elif self.path.startswith("/readonly/"):
            body, status, kind = READ_ONLY, 403, "text/plain"
        elif self.path.startswith(("/refuse/", "/portal/")) and query:
            body, status, kind = b'{"head": {"vars": []}, "results": {"bindings": []}}', 200, \
                "application/sparql-results+json"
        elif self.path.startswith("/refuse/"):
            body, status, kind = b"Parse error: unexpected token at line 1", 400, "text/plain"
        elif self.path.startswith("/portal/"):
            body, status, kind = b"<html><body>Thank you</body></html>", 200, "text/html"
        else:
            body, status, kind = b"<html><body>Unauthorized</body></html>", 401, "text/html"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    Misbehaving.released.set()
    server.shutdown()


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_a_server_answering_html_is_named(stub):
    result = invoke("query", "office-holders", "--endpoint", f"{stub}/html/query")
    assert result.exit_code == 5
    assert "answered with an HTML page, not SPARQL results" in result.stderr
    assert "Traceback" not in result.output


def test_a_refused_article_is_named_with_the_servers_message(stub, write):
    article = write("vienna.txt", ARTICLE)
    result = invoke("load", str(article), "--endpoint", f"{stub}/refuse/query")
    assert result.exit_code == 5
    assert "failed" in result.stderr and "vienna.txt" in result.stderr
    assert "Parse error: unexpected token" in result.stderr
    assert "1 refused by the store" in result.stderr


def test_credentials_come_from_the_environment_and_are_never_shown(stub, write):
    Misbehaving.seen_auth.clear()
    article = write("vienna.txt", ARTICLE)
    env = {"DIPLOKG_ENDPOINT_USER": "loader", "DIPLOKG_ENDPOINT_PASSWORD": "s3cret-pa55"}
    result = invoke("load", str(article), "--endpoint", f"{stub}/locked/query", env=env)
    assert result.exit_code == 5
    assert "refused access (401)" in result.stderr and "DIPLOKG_ENDPOINT_USER" in result.stderr
    assert "s3cret-pa55" not in result.output
    expected = "Basic " + base64.b64encode(b"loader:s3cret-pa55").decode()
    assert expected in Misbehaving.seen_auth
    Misbehaving.seen_auth.clear()
    invoke("query", "articles", "--endpoint", f"{stub}/locked/query", env={"DIPLOKG_ENDPOINT_TOKEN": "tok-123"})
    assert "Bearer tok-123" in Misbehaving.seen_auth


@pytest.mark.parametrize("url", ["ftp://example.org/sparql", "localhost:7878/query", "not a url"])
def test_a_wrong_url_is_named(url):
    result = invoke("query", "articles", "--endpoint", url)
    assert result.exit_code == 5
    assert "is not an http(s) URL" in result.stderr


def test_credentials_in_a_url_are_never_shown():
    from click.testing import CliRunner

    from diplokg.cli import cli
    from diplokg.errors import redact
    assert redact("see http://alice:s3cret@host:8890/sparql?token=abc&x=1 now") == \
        "see http://***@host:8890/sparql?token=***&x=1 now"
    result = CliRunner().invoke(cli, ["query", "entities", "--endpoint",
                                      "http://alice:s3cret@127.0.0.1:9/query?api_key=abc123"])
    assert result.exit_code != 0
    assert "s3cret" not in result.output and "abc123" not in result.output and "alice" not in result.output
    assert "DIPLOKG_ENDPOINT_USER" in result.output


def test_a_server_that_says_200_to_every_write_stores_nothing_and_says_so(stub, write, tmp_path):
    article = write("vienna.txt", ARTICLE)
    result = invoke("load", str(article), "--endpoint", f"{stub}/portal/query", "--quarantine", str(tmp_path / "q"))
    assert result.exit_code == 5
    assert "0 article(s) stored" in result.stderr and "1 refused by the store" in result.stderr
    assert "answered as if it stored it" in result.stderr


@pytest.mark.parametrize("kind", sorted(NOT_RESULTS))
def test_json_that_is_not_sparql_results_is_named(stub, kind):
    url = f"{stub}/json/{kind}/query"
    result = invoke("query", "articles", "--endpoint", url)
    assert result.exit_code == 5, result.output
    assert f"{url} answered JSON that is not SPARQL results" in result.stderr
    assert "Traceback" not in result.output


def test_a_server_that_never_answers_times_out_with_the_setting_named(stub):
    url = f"{stub}/silent/query"
    started = time.monotonic()
    result = invoke("query", "articles", "--endpoint", url, "--endpoint-timeout", "1")
    assert time.monotonic() - started < 10
    assert result.exit_code == 5, result.output
    assert f"{url} did not answer within 1 s" in result.stderr
    assert "--endpoint-timeout" in result.stderr and "DIPLOKG_ENDPOINT_TIMEOUT" in result.stderr


def test_the_timeout_comes_from_the_environment_or_the_config_file(stub, write):
    url = f"{stub}/silent/query"
    result = invoke("query", "articles", "--endpoint", url, env={"DIPLOKG_ENDPOINT_TIMEOUT": "0.5"})
    assert result.exit_code == 5 and "did not answer within 0.5 s" in result.stderr
    config = write("config.toml", "endpoint_timeout = 1\n")
    result = invoke("--config", str(config), "query", "articles", "--endpoint", url)
    assert result.exit_code == 5 and "did not answer within 1 s" in result.stderr


def test_a_refusal_quotes_the_server_without_its_credentials(stub, write):
    url = f"{stub}/readonly/query"
    result = invoke("query", "articles", "--endpoint", url)
    assert result.exit_code == 5
    assert f"{url} refused access (403)" in result.stderr
    assert "The server is read-only." in result.stderr
    assert "hunter2" not in result.stderr and "http://***@primary:8890/sparql" in result.stderr
    assert "line four" not in result.stderr  # the first lines only
    assert "DIPLOKG_ENDPOINT_USER" in result.stderr
    result = invoke("load", str(write("vienna.txt", ARTICLE)), "--endpoint", url)
    assert result.exit_code == 5 and "The server is read-only." in result.stderr
