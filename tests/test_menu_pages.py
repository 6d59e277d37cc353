"""The site's menu and its free pages: a few pages are all in the menu; many (an old genealogy site's 1,500 person
pages, imported as free pages) are listed on a page of their own, and the menu shows only those that ask to be in it
(`menu: true`). Every page of such a site had carried a link to all 1,500 in its menu (148 KB a page)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import BASE_IMAGES, Node, base_files, item_md, page_of, problem_lines


def site_menu(page: Node) -> list[str]:
    """The words of the links in the site's menu (<nav aria-label="Site">)."""
    return [link.text().strip() for link in page.find("nav", **{"aria-label": "Site"}).find_all("a")]


def many_pages(count: int, menu: set[int] = frozenset()) -> dict[str, str | bytes | None]:
    files = {k: v for k, v in base_files().items() if not k.startswith("pages/")}
    for n in range(1, count + 1):
        meta = {"title": f"Person {n:02d}", **({"menu": True} if n in menu else {})}
        files[f"pages/person-{n:02d}.md"] = item_md(f"The story of person {n}.", **meta)
    return files


def test_a_few_pages_are_all_in_the_menu_and_no_list_is_made(make_archive: Callable[..., Path], run) -> None:
    root = make_archive(many_pages(3), BASE_IMAGES)
    assert run("build", "-C", root, "-q").exit_code == 0
    site = root / "_site"
    assert site_menu(page_of(site, "items/first/"))[-3:] == ["Person 01", "Person 02", "Person 03"]
    assert not (site / "all-pages").exists()


def test_many_pages_are_listed_on_a_page_of_their_own(make_archive: Callable[..., Path], run) -> None:
    root = make_archive(many_pages(9, menu={4}), BASE_IMAGES)
    assert run("build", "-C", root, "-q").exit_code == 0
    site = root / "_site"
    menu = site_menu(page_of(site, "items/first/"))
    assert "Pages" in menu and "Person 04" in menu  # the one that asks to be in the menu
    assert not [entry for entry in menu if entry.startswith("Person") and entry != "Person 04"]
    listed = page_of(site, "all-pages/").find("main").find_all("a")
    assert [link.text().strip() for link in listed] == [f"Person {n:02d}" for n in range(1, 10)]
    assert (site / "person-07/index.html").exists()  # each page is still at its address


def test_the_list_counts_numbers_as_numbers(make_archive: Callable[..., Path], run) -> None:
    files = {k: v for k, v in base_files().items() if not k.startswith("pages/")}
    for n in range(1, 12):
        files[f"pages/letter-{n}.md"] = item_md(f"Part {n} of the letter.", title=f"Letter, part {n}")
    root = make_archive(files, BASE_IMAGES)
    assert run("build", "-C", root, "-q").exit_code == 0
    listed = page_of(root / "_site", "all-pages/").find("main").find_all("a")
    assert [link.text().strip() for link in listed] == [f"Letter, part {n}" for n in range(1, 12)]


def test_a_menu_that_is_no_true_or_false_is_a_located_error(make_archive: Callable[..., Path], run) -> None:
    files = many_pages(2)
    files["pages/person-02.md"] = "---\ntitle: Person 02\nmenu: maybe\n---\nText.\n"
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    found = [(m["path"], m["line"], m["message"]) for m in problem_lines(result.stderr)]
    assert ("pages/person-02.md", "3", "'menu' must be true or false, not 'maybe'") in found, result.stderr


def test_a_page_named_all_pages_is_refused_since_the_list_lives_there(make_archive: Callable[..., Path], run) -> None:
    files = many_pages(1)
    files["pages/all-pages.md"] = item_md("Our pages.", title="All pages")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code != 0 and "pages/all-pages.md" in result.stderr


def test_a_title_edit_of_a_page_out_of_the_menu_rewrites_the_list_and_that_page_only(tmp_path: Path) -> None:
    """The menu is on every page: a page out of it changes no other page but the list (and the search index)."""
    from test_incremental import archive_files, built, clean_build_of, differing, make, snapshot

    files = archive_files()
    for n in range(1, 9):
        files[f"pages/person-{n:02d}.md"] = item_md(f"The story of person {n}.", title=f"Person {n:02d}")
    root = make(tmp_path / "archive", files)
    built(root)
    before = snapshot(root / "_site")
    page = root / "pages/person-05.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Person 05", "Anna Person"), encoding="utf-8")
    built(root)
    after = snapshot(root / "_site")
    changed = {rel for rel in differing(before, after) if rel.endswith(".html") and not rel.startswith("pagefind")}
    assert changed == {"person-05/index.html", "all-pages/index.html"}, sorted(changed)
    assert after == clean_build_of(root, tmp_path)


def test_an_old_gallerys_pages_folder_keeps_its_addresses_beside_the_list(make_archive: Callable[..., Path], run
                                                                          ) -> None:
    """Photoshop's Web Photo Gallery kept its photo pages in pages/: their redirects stay, whatever the list's URL."""
    files = many_pages(8)
    files["items/first.md"] = item_md("The first photograph.", title="First photo", image="first.jpg",
                                      redirect_from=["pages/IMG_01.html"])
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "-C", root, "-q")
    assert result.exit_code == 0, result.stderr
    assert "items/first/" in (root / "_site/pages/IMG_01.html").read_text(encoding="utf-8")
    assert (root / "_site/all-pages/index.html").exists()
