"""The derivative cache (.albumen/derived/) holds only what the last build used, under keys that carry the
version of the image code: files of removed photos, dropped widths and older code are pruned, and a cache
made by older code is never served."""

from __future__ import annotations

from pathlib import Path

from albumen.executors import InlineExecutor
from albumen.pipeline import BuildResult, build
from albumen.reporter import BufferReporter
from albumen.stages.derive import IMAGE_CODE_VERSION
from conftest import DEFAULT_TOML, snapshot


def run_build(root: Path) -> BuildResult:
    result = build(root, BufferReporter(), InlineExecutor())
    assert not result.problems.errors, [str(p) for p in result.problems]
    return result


def cache_files(root: Path) -> list[str]:
    derived = root / ".albumen" / "derived"
    return sorted(p.relative_to(derived).as_posix() for p in derived.rglob("*") if p.is_file())


def test_cache_keys_carry_the_image_code_version(base_archive: Path) -> None:
    run_build(base_archive)
    folders = sorted((base_archive / ".albumen" / "derived").glob("*/*"))
    assert len(folders) == 2  # two originals
    assert all(folder.name.endswith(f"-v{IMAGE_CODE_VERSION}") for folder in folders)


def test_what_no_build_uses_is_pruned(base_archive: Path) -> None:
    run_build(base_archive)
    first = cache_files(base_archive)
    assert any("/w640-" in f for f in first)  # 800 wide at most: the 640-wide original's own width
    derived = base_archive / ".albumen" / "derived"
    stray = derived / "ab" / ("ab" + "0" * 62)  # an original no item names any more
    stray.mkdir(parents=True)
    (stray / "w200-q85.jpg").write_bytes(b"old")
    (derived / "not-a-folder.tmp").write_bytes(b"left")

    (base_archive / "albumen.toml").write_text(DEFAULT_TOML.replace("[200, 400, 800]", "[200, 400]"),
                                               encoding="utf-8")
    (base_archive / "items" / "second.md").unlink()
    (base_archive / "topics" / "journey.md").write_text("---\ntitle: The journey\n---\nText.\n", encoding="utf-8")
    result = run_build(base_archive)

    after = cache_files(base_archive)
    assert result.photos == 1
    assert not (derived / "ab").exists() and not (derived / "not-a-folder.tmp").exists()
    assert len({f.split("/")[1] for f in after}) == 1  # second.jpg's original is gone
    # the widths this build shows, and the full size that deep zoom now gets (640 > the largest width, 400)
    assert {Path(f).name.split("-")[0] for f in after} == {"w200", "w400", "full"}
    media = base_archive / "_site" / "media" / "first"
    assert sorted(p.name for p in media.iterdir()) == ["w200.jpg", "w200.webp", "w400.jpg", "w400.webp"]


def test_a_cache_made_by_older_image_code_is_remade_not_served(base_archive: Path) -> None:
    run_build(base_archive)
    site = snapshot(base_archive / "_site")
    for folder in (base_archive / ".albumen" / "derived").glob("*/*"):
        old = folder.with_name(folder.name.replace(f"-v{IMAGE_CODE_VERSION}", f"-v{IMAGE_CODE_VERSION - 1}"))
        folder.rename(old)
        (old / "w200-q85.jpg").unlink()  # a file of its own: the site's media are hard links to the cache
        (old / "w200-q85.jpg").write_bytes(b"made by older code")

    result = run_build(base_archive)

    assert result.images_made == 2
    assert not any(f"-v{IMAGE_CODE_VERSION - 1}" in f for f in cache_files(base_archive))
    assert snapshot(base_archive / "_site") == site
