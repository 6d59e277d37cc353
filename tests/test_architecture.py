"""The house's rules a machine checks beyond lint-imports' contracts (pyproject.toml): no import cycle between any two
modules, and importing an archive's sources loads neither a stage nor Jinja2."""

from __future__ import annotations

import subprocess
import sys

import pytest

grimp = pytest.importorskip("grimp")  # import-linter's graph library (the dev extra)

# The console command `albumen:run` imports the CLI when called (a function-local import in the package's
# __init__): every module reaches the CLI through `albumen`, which is no cycle of the code's own.
ROOT_RUNS_CLI = ("albumen", "albumen.cli")


def import_cycles() -> list[tuple[str, ...]]:
    """Each import cycle between two modules, as its shortest chain (module-level, function-local and
    TYPE_CHECKING imports all count)."""
    graph = grimp.build_graph("albumen")
    graph.remove_import(importer=ROOT_RUNS_CLI[0], imported=ROOT_RUNS_CLI[1])
    cycles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.add((module, *back))
    return sorted(cycles)


def test_no_module_imports_itself_through_others():
    cycles = import_cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_importing_sources_loads_no_stage_and_no_jinja():
    """`albumen import html|csv|photos` and `albumen enrich` start fast and run without the theme."""
    code = ("import sys, albumen.importers.commands, albumen.importers.html_site, albumen.importers.spreadsheet, "
            "albumen.importers.photos, albumen.enrich.command\n"
            "print(sorted(m for m in sys.modules if m.startswith(('jinja2', 'albumen.stages'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_import_html_help_loads_no_jinja():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "albumen", "import", "html", "--help"],
                            capture_output=True, text=True, check=True)
    assert "Usage" in result.stdout
    assert "jinja" not in result.stderr.lower()
