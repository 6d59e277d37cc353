"""The Pagefind index files albumen rewrites (stages/index.py): read and written with cbor2, byte for byte as
Pagefind writes them, filter values escaped, and a file that does not read stops the build with its name."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from albumen.stages.index import read_index_file, write_index_file
from conftest import BASE_IMAGES, base_files, item_md

HOSTILE = "<img src=x onerror=alert(1)>"


def test_every_pagefind_index_file_is_written_back_byte_for_byte(built_example: Path, tmp_path: Path) -> None:
    """Decoded and encoded again, what the pinned Pagefind wrote for the example is the same bytes."""
    bundle = tmp_path / "bundle"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_example / "_site"),
                    "--output-path", str(bundle), "--silent"], check=True, timeout=300)
    files = [p for p in sorted(bundle.rglob("*")) if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
    assert {p.suffix for p in files} == {".pf_meta", ".pf_filter", ".pf_index"}
    for path in files:
        written = gzip.decompress(write_index_file(read_index_file(path)))
        assert written == gzip.decompress(path.read_bytes()), path.name


def test_filter_values_are_escaped_and_sorted(run, make_archive) -> None:
    files = base_files()
    files["items/third.md"] = item_md("A hostile subject.", title="Third", image="first.jpg",
                                      subjects=[HOSTILE, "zebras", "apples"])
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr

    filters = {}
    for path in (root / "_site" / "pagefind" / "filter").glob("*.pf_filter"):
        name, values = read_index_file(path)
        filters[name] = [value for value, _pages in values]
    subjects = filters["Subject"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in subjects and HOSTILE not in subjects
    assert subjects == sorted(subjects, key=lambda v: v.encode("utf-8"))


def test_an_index_file_that_does_not_read_stops_the_build(run, base_archive, monkeypatch, tmp_path) -> None:
    """Another Pagefind (here: one whose filter files are not CBOR) fails the build; nothing is published."""
    wrapper = tmp_path / "other-pagefind"
    wrapper.write_text(f"""#!{sys.executable}
import gzip, os, pathlib, subprocess, sys
env = {{k: v for k, v in os.environ.items() if k != "PAGEFIND_BINARY_PATH"}}  # else `-m pagefind` runs this again
subprocess.run([sys.executable, "-m", "pagefind", *sys.argv[1:]], check=True, env=env, timeout=300)
bundle = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
for path in bundle.glob("filter/*.pf_filter"):
    path.write_bytes(gzip.compress(b"pagefind_dcd" + b"\\xff\\x00 not cbor"))
""", encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))

    result = run("build", "-q", "--executor", "inline", "-C", base_archive)

    assert result.exit_code == 1
    assert ".pf_filter: the search index is not in the format of the Pagefind 1.5" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (base_archive / "_site").exists()
