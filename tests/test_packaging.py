"""Installed like any tool: the wheel carries the front-end libraries (setup.py copies them in and refuses a wheel
without them), a build whose installation lacks them stops with what is missing and how to fix it, and nothing
POSIX-only is imported at start (Windows)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from albumen import theme_files
from conftest import BASE_IMAGES, REPO, base_files

VENDOR = REPO / "src" / "albumen" / "theme" / "vendor"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def project_copy(dest: Path, *, libraries: bool) -> Path:
    """What a wheel is built from (pyproject, setup.py, README, src/), with or without theme/vendor/."""
    dest.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(REPO / "src", dest / "src", ignore=shutil.ignore_patterns(
        "__pycache__", "*.egg-info", *(() if libraries else ("vendor",))))
    return dest


def build_wheel(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out),
                           str(project)], capture_output=True, text=True, timeout=600)


def test_a_wheel_without_the_front_end_libraries_is_refused(tmp_path):
    project = project_copy(tmp_path / "project", libraries=False)
    done = build_wheel(project, tmp_path / "dist")
    assert done.returncode != 0
    assert "must carry its front-end libraries" in done.stderr + done.stdout
    assert "npm ci --ignore-scripts" in done.stderr + done.stdout
    assert not list((tmp_path / "dist").glob("*.whl")) if (tmp_path / "dist").exists() else True


@pytest.mark.skipif(not (VENDOR / "leaflet" / "leaflet.js").is_file(), reason="make setup has not vendored the "
                    "libraries here")
def test_the_wheel_carries_the_libraries_templates_and_static_files(tmp_path):
    project = project_copy(tmp_path / "project", libraries=True)
    done = build_wheel(project, tmp_path / "dist")
    assert done.returncode == 0, done.stderr
    [wheel] = (tmp_path / "dist").glob("albumen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for library_file in theme_files.LIBRARY_FILES:
        assert f"albumen/theme/vendor/{library_file}" in names, library_file
    assert "albumen/theme/vendor/leaflet/images/marker-icon.png" in names
    assert {"albumen/theme/templates/base.html", "albumen/theme/static/style.css", "albumen/py.typed",
            "albumen/studio/templates/base.html", "albumen/provinces.tsv.gz"} <= names


def test_a_build_whose_installation_lacks_the_libraries_stops_and_says_how_to_fix_it(run, make_archive,
                                                                                  monkeypatch):
    monkeypatch.setattr(theme_files, "LIBRARY_FILES", (*theme_files.LIBRARY_FILES, "leaflet/missing.js"))
    root = make_archive(base_files(), BASE_IMAGES)
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert "theme/vendor/leaflet/missing.js" in result.stderr and "make setup" in result.stderr
    assert "pip install albumen" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (root / "_site").exists()


def test_the_build_backend_and_the_dependencies():
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]  # PEP 639's licence string
    assert PYPROJECT["project"]["license"] == "MIT"
    assert any(d.startswith("filelock") for d in PYPROJECT["project"]["dependencies"])
    assert "theme/vendor/**/*" in PYPROJECT["tool"]["setuptools"]["package-data"]["albumen"]


def test_every_module_imports_without_posix_only_modules():
    """Windows has no fcntl, termios, pwd, grp or resource: no albumen module may need one to be imported."""
    script = """
import importlib, pkgutil, sys, warnings
for name in ("fcntl", "termios", "pwd", "grp", "resource", "pty", "tty"):
    sys.modules[name] = None  # import fails, as on Windows
warnings.simplefilter("ignore")  # filelock warns that it falls back to a soft lock here (Windows has its own)
import albumen
failed = []
for info in pkgutil.walk_packages(albumen.__path__, "albumen."):
    if not info.name.endswith("__main__"):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed.append(f"{info.name}: {exc!r}")
print("\\n".join(failed))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", "these modules need a POSIX-only module at import:\n" + done.stdout


def test_ci_builds_the_wheel_and_the_example_with_it():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make wheel" in ci and "python3 -m venv" in ci
    assert "assets/vendor/leaflet/leaflet.js" in ci and "assets/vendor/openseadragon/openseadragon.min.js" in ci
