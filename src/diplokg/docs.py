"""HTML documentation of the ontology, generated from ``ontology/diplokg.ttl`` by pyLODE."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import InputError
from .resources import ontology_path


def make_docs(out: Path) -> Path:
    """Write the ontology's HTML documentation to ``out``."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub  # imported here: slow, and only this command needs it

        html = OntPub(ontology=str(ontology_path())).make_html()
    finally:
        # pyLODE configures the root logger on import; give the process its logging back
        root.handlers[:] = handlers
        root.setLevel(level)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(str(html), encoding="utf-8")
    except OSError as err:
        raise InputError(f"{out}: cannot write the documentation ({err.strerror}); choose another --out") from None
    return out
