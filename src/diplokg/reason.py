"""OWL reasoning with owlready2 and HermiT: is the ontology, with some data, consistent?

HermiT runs on Java; a missing ``java`` is reported as :class:`EnvironmentProblem`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import EnvironmentProblem
from .resources import ontology_path
from .validate import parse_rdf


@dataclass(frozen=True)
class ConsistencyReport:
    """The reasoner's verdict, and in words what clashed when it is inconsistent."""

    consistent: bool
    explanation: str = ""


def check_consistency(data: Graph | None = None, ontology: Path | None = None) -> ConsistencyReport:
    """Load the ontology (and ``data``, if given) into a fresh owlready2 world and run HermiT."""
    if shutil.which("java") is None:
        raise EnvironmentProblem(
            "the OWL reasoner needs Java, and 'java' is not on PATH; install a JRE "
            "(e.g. 'apt-get install default-jre-headless')"
        )
    # owlready2 is imported here: it is slow to import and only the reasoner needs it
    import owlready2

    combined = parse_rdf(ontology or ontology_path(), "ontology")
    if data is not None:
        combined += data
    with tempfile.TemporaryDirectory(prefix="diplokg-reason-") as tmp:
        # owlready2 reads RDF/XML and N-Triples, not Turtle
        nt = Path(tmp) / "combined.nt"
        combined.serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as err:
            return ConsistencyReport(False, str(err).strip() or "the ontology and data are inconsistent")
        except owlready2.OwlReadyJavaError as err:
            raise EnvironmentProblem(f"the HermiT reasoner failed to run: {str(err).strip()[:500]}") from None
        inconsistent = list(world.inconsistent_classes())
        if inconsistent:
            names = ", ".join(sorted(str(c) for c in inconsistent))
            return ConsistencyReport(True, f"unsatisfiable classes: {names}")
        return ConsistencyReport(True)
