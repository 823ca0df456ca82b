"""diplokg's exceptions. Each carries a message that names what failed, the input, and the fix.

The CLI turns them into exit codes in one place (``diplokg.cli._Group.invoke``); the codes are a
documented contract (README, "Exit codes"):

===  ==========================================================================
0    success
1    data did not conform to the SHACL shapes (nothing of those articles stored)
2    bad input or usage: missing, empty or undecodable file, bad date, unknown
     query, invalid SPARQL, invalid configuration
3    the store could not be opened or written
4    the environment lacks something: the spaCy model, Java for the reasoner
5    a SPARQL endpoint could not be reached, refused a request, or answered wrongly
===  ==========================================================================
"""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_INPUT = 2
EXIT_STORE = 3
EXIT_ENVIRONMENT = 4
EXIT_ENDPOINT = 5


class DiplokgError(Exception):
    """Base class: a failure a user can act on. ``str(err)`` is the one-line message."""

    exit_code = EXIT_INPUT


class InputError(DiplokgError):
    """An input (article, RDF file, date, parameter) could not be read or understood."""

    exit_code = EXIT_INPUT


class ConfigError(DiplokgError):
    """The configuration file or a DIPLOKG_* variable is invalid."""

    exit_code = EXIT_INPUT


class QueryError(DiplokgError):
    """A named query is unknown or a SPARQL text is invalid."""

    exit_code = EXIT_INPUT


class StoreError(DiplokgError):
    """The store could not be opened, read or written."""

    exit_code = EXIT_STORE


class EnvironmentProblem(DiplokgError):
    """Something the machine must provide is missing (the spaCy model, Java)."""

    exit_code = EXIT_ENVIRONMENT


class EndpointError(DiplokgError):
    """A SPARQL endpoint could not be reached, refused a request, or answered wrongly."""

    exit_code = EXIT_ENDPOINT


class EndpointRefused(EndpointError):
    """The endpoint answered, and refused one request (a 4xx): the run may go on with the rest."""


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;](?:access_token|token|api_key|apikey|key|password|passwd|pass|secret|auth|signature|sig)=)[^&;#\s]*")


def redact(text: str) -> str:
    """``text`` with the credentials in its URLs hidden: user and password
    (``http://user:secret@host`` -> ``http://***@host``) and token-like query parameters."""
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub(r"\1***@", text))


def has_credentials(url: str) -> bool:
    """Whether a URL carries a user, a password or a token-like parameter."""
    return redact(url) != url
