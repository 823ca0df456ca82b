"""The package's public names: entry points stay functions whatever modules were imported."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import diplokg

MODULES = [info.name for info in pkgutil.walk_packages(diplokg.__path__, "diplokg.")
           if not info.name.endswith("__main__")]  # which would run the command line


def test_no_public_name_is_also_a_module():
    assert not set(diplokg.__all__) & {name.rsplit(".", 1)[-1] for name in MODULES}


def test_entry_points_are_functions_after_every_module_is_imported():
    for name in MODULES:
        importlib.import_module(name)  # `import diplokg.extract.commitments` among them
    for name in ("draw", "extract_to_files", "list_queries", "load", "relink_store", "run_query", "run_reasoner",
                 "validate_files"):
        assert name in diplokg.__all__
        assert inspect.isfunction(getattr(diplokg, name)), name
