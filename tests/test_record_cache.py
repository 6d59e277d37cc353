"""Records of unchanged files are not parsed again; what reading them reported is still reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from albumen import archive_reader
from albumen.problems import Problems
from conftest import item_md


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose text was parsed (each call of read_document, by the first line it got)."""
    seen: list[str] = []
    real = archive_reader.read_document

    def counting(text: str, **options: object) -> object:
        seen.append(text.split("\n", 2)[1] if "\n" in text else text)
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(archive_reader, "read_document", counting)
    return seen


def archive(root: Path) -> Path:
    (root / ".albumen").mkdir(parents=True)
    (root / "items").mkdir()
    for n in range(5):
        (root / "items" / f"p{n}.md").write_text(item_md(f"Caption {n}.", title=f"T{n}", image="a.jpg",
                                                         colour="red"), encoding="utf-8")
    return root


def load(root: Path) -> tuple[list[str], list[str]]:
    problems = Problems()
    records = archive_reader.load_archive(root, problems)
    return [i.title for i in records.items], [str(p) for p in problems.sorted()]


def test_a_second_read_parses_only_the_changed_file_and_reports_the_same(tmp_path, parses):
    root = archive(tmp_path / "a")
    first = load(root)
    assert len(parses) == 5 and any("unknown field 'colour'" in p for p in first[1])
    parses.clear()
    assert load(root) == first and parses == []  # every record from the cache, every warning again
    path = root / "items" / "p2.md"
    path.write_text(item_md("New.", title="Changed", image="a.jpg"), encoding="utf-8")
    titles, problems = load(root)
    assert len(parses) == 1 and titles[2] == "Changed"
    assert not any(p.startswith("items/p2.md") for p in problems)
    (root / "items" / "p4.md").unlink()
    assert load(root)[0] == ["T0", "T1", "Changed", "T3"]


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(tmp_path, parses):
    root = archive(tmp_path / "a")
    load(root)
    path = root / "items" / "p1.md"
    stat = path.stat()
    replacement = tmp_path / "other.md"
    replacement.write_text(item_md("Caption 1.", title="T9", image="a.jpg", colour="red"), encoding="utf-8")
    assert replacement.stat().st_size == stat.st_size
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, path)  # another inode
    parses.clear()
    assert load(root)[0][1] == "T9" and len(parses) == 1


def test_no_cache_without_an_albumen_folder_and_a_damaged_one_is_ignored(tmp_path, parses):
    root = archive(tmp_path / "a")
    (root / ".albumen").rmdir()
    load(root)
    assert not (root / ".albumen").exists()  # `albumen check` on a fresh archive writes nothing
    (root / ".albumen").mkdir()
    (root / ".albumen" / "records.pickle").write_bytes(b"not a pickle")
    parses.clear()
    assert load(root)[0] == ["T0", "T1", "T2", "T3", "T4"] and len(parses) == 5


def test_what_captions_give_is_kept_between_builds(tmp_path, monkeypatch):
    """A caption's links, images and words are parsed once, then read from .albumen/text-memo.pickle."""
    from albumen import markup, text_memo

    root = archive(tmp_path / "a")
    cache = root / ".albumen"
    text = "See [the other](item:p1) and ![a picture](item:p2)."
    assert [r.target for r in markup.references(text)] == ["p1"]
    assert markup.plain_text("**Bold** words.") == "Bold words."
    text_memo.save(cache)
    for kind in markup.MEMO:
        markup.MEMO[kind].clear()
    text_memo.load(cache)
    assert text in markup.MEMO["references"] and "**Bold** words." in markup.MEMO["plain"]  # read, not parsed
    assert [r.target for r in markup.references(text)] == ["p1"]
    new = "A [new](topic:t) text."
    assert new not in markup.MEMO["references"]
    assert markup.references(new)[0].target == "t" and new in markup.MEMO["references"]
