"""A build whose inputs are those of the last publish does nothing (stages/unchanged.py): it reads no record,
reports what the publish reported, and any change to any input file, however small, builds again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from albumen import archive_reader
from albumen.executors import executor_for
from albumen.pipeline import BuildResult, build
from albumen.reporter import Reporter
from albumen.stages.unchanged import STAMP_FILE
from conftest import item_md, run_cli
from test_incremental import archive_files, built, make, snapshot


def rebuilt(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[BuildResult, bool]:
    """(the build's result, whether it read the archive's records)."""
    read = []
    real = archive_reader.load_archive

    def counted(*args: object, **kwargs: object) -> object:
        read.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("albumen.pipeline.load_archive", counted)
    result = build(root, Reporter(), executor_for("inline"))
    monkeypatch.setattr("albumen.pipeline.load_archive", real)
    return result, bool(read)


def test_nothing_changed_reads_no_record_and_keeps_the_site(tmp_path, monkeypatch):
    root = make(tmp_path / "archive", archive_files())
    built(root)
    site = snapshot(root / "_site")
    inode = (root / "_site").stat().st_ino
    result, read = rebuilt(root, monkeypatch)
    assert result.up_to_date and result.published and not read
    assert snapshot(root / "_site") == site and (root / "_site").stat().st_ino == inode


@pytest.mark.parametrize("change", ["caption", "same size and time", "new photo", "touched setting",
                                    "theme override", "deleted page", "replaced image"])
def test_any_input_change_builds_again(tmp_path, monkeypatch, change):
    root = make(tmp_path / "archive", archive_files())
    built(root)
    item = root / "items" / "p03.md"
    if change == "caption":
        item.write_text(item.read_text(encoding="utf-8").replace("Photograph 3", "Photograph III"), encoding="utf-8")
    elif change == "same size and time":  # an editor that keeps the time: the inode or ctime still differs
        info = item.stat()
        text = item.read_text(encoding="utf-8").replace("Photograph 3", "Photograph 8")
        item.unlink()
        item.write_text(text, encoding="utf-8")
        os.utime(item, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert item.stat().st_size == info.st_size
    elif change == "new photo":
        (root / "images" / "extra.jpg").write_bytes((root / "images" / "p1.jpg").read_bytes())
    elif change == "touched setting":
        os.utime(root / "albumen.toml")
    elif change == "theme override":
        (root / "theme" / "templates").mkdir(parents=True)
        (root / "theme" / "templates" / "footer.html").write_text("<p>ours</p>", encoding="utf-8")
    elif change == "deleted page":
        (root / "topics" / "river.md").unlink()
        for path in (root / "items").glob("*.md"):
            path.write_text(path.read_text(encoding="utf-8").replace('"river"', '"journey"'), encoding="utf-8")
    elif change == "replaced image":
        (root / "images" / "p2.jpg").write_bytes((root / "images" / "p3.jpg").read_bytes())
    _, read = rebuilt(root, monkeypatch)
    assert read


def test_a_replaced_or_deleted_site_builds_again(tmp_path, monkeypatch):
    root = make(tmp_path / "archive", archive_files())
    built(root)
    (root / "_site" / "index.html").unlink()
    result, read = rebuilt(root, monkeypatch)
    assert read and result.published and (root / "_site" / "index.html").is_file()
    os.rename(root / "_site", tmp_path / "elsewhere")
    result, read = rebuilt(root, monkeypatch)
    assert read and (root / "_site" / "index.html").is_file()


def test_the_warnings_of_the_publish_are_reported_again(tmp_path):
    files = archive_files()
    files["items/p05.md"] = item_md("See [nowhere](https://example.org/).", title="Photo 5", image="p1.jpg",
                                    unknown_field="x")
    root = make(tmp_path / "archive", files)
    first = run_cli("build", "-C", root)
    again = run_cli("build", "-C", root)
    assert first.exit_code == again.exit_code == 0
    warnings = [line for line in first.stderr.splitlines() if ": warning: " in line]
    assert warnings and warnings == [line for line in again.stderr.splitlines() if ": warning: " in line]
    assert "nothing changed" in again.stdout + again.stderr


def test_a_publish_with_errors_is_never_taken_as_current(tmp_path, monkeypatch):
    root = make(tmp_path / "archive", archive_files())
    (root / "images" / "p2.jpg").write_bytes(b"\xff\xd8\xff not really a photo")  # an image error: still published
    first = built(root)
    assert first.problems.errors
    assert not (root / ".albumen" / STAMP_FILE).exists()
    result, read = rebuilt(root, monkeypatch)
    assert read and result.problems.errors


def test_a_broken_stamp_file_costs_only_time(tmp_path, monkeypatch):
    root = make(tmp_path / "archive", archive_files())
    built(root)
    (root / ".albumen" / STAMP_FILE).write_bytes(b"not a pickle")
    result, read = rebuilt(root, monkeypatch)
    assert read and result.up_to_date
    _, read = rebuilt(root, monkeypatch)
    assert not read


def test_a_photo_changed_in_an_images_folder_that_is_a_link_builds_again(tmp_path, monkeypatch):
    # images/ on another disk, linked into the archive: albumen reads through the link, so the stamp looks too.
    root = make(tmp_path / "archive", archive_files())
    elsewhere = tmp_path / "photos-disk"
    (root / "images").rename(elsewhere)
    (root / "images").symlink_to(elsewhere, target_is_directory=True)
    built(root)
    (elsewhere / "p2.jpg").write_bytes((elsewhere / "p3.jpg").read_bytes())
    _, read = rebuilt(root, monkeypatch)
    assert read
