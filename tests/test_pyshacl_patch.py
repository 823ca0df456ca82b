"""diplokg.validate leans on a pySHACL internal: a test that fails loudly when it changes."""

from __future__ import annotations

import hashlib
import inspect

import pyshacl
import pyshacl.shape
from pyshacl.shape import Shape

from diplokg.validate import Gate, _Members

# Recorded with pySHACL 0.40.1 (the range pinned in pyproject.toml: pyshacl>=0.40,<0.41)
SIGNATURE = (
    "(self, executor: pyshacl.pytypes.SHACLExecutor, target_graph: Union[rdflib.graph.Dataset, "
    "rdflib.graph.Graph], focus: Union[Sequence[Union[rdflib.term.IdentifiedNode, rdflib.term.Literal]], "
    "rdflib.term.IdentifiedNode, rdflib.term.Literal, NoneType] = None, _evaluation_path: Optional[List] = None)"
)
SOURCE_SHA256 = "e7e61df1a42f5bf307b1c6280074eacb77eaa38cf60112a02c247bce359d80f0"

RECHECK = (
    f"pySHACL {pyshacl.__version__}: Shape.validate is not the one diplokg.validate._speed_up_pyshacl was "
    "written against. Re-check in pyshacl/shape.py that Shape.validate still reads "
    "`CONSTRAINT_PARAMETERS, PARAMETER_MAP = getattr(module, 'CONSTRAINT_PARAMS', ...)` and only tests "
    "`p in CONSTRAINT_PARAMETERS` (or `.copy()`/`.append` it), so that a list answering `in` from a set "
    "changes speed only; then record the new signature and hash here and widen the pyshacl pin in "
    "pyproject.toml."
)


def test_the_patched_function_is_the_one_it_was_written_for():
    assert str(inspect.signature(Shape.validate)) == SIGNATURE, RECHECK
    assert hashlib.sha256(inspect.getsource(Shape.validate).encode()).hexdigest() == SOURCE_SHA256, RECHECK


def test_the_patch_is_in_place_after_a_gate_is_built():
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS

    Gate()
    params, _ = pyshacl.shape.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
    assert isinstance(params, _Members), RECHECK
    assert list(params) == ALL_CONSTRAINT_PARAMETERS  # same members, same order
