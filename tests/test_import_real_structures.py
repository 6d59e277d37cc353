"""`albumen import html` on structures seen on real old sites (issue 13, /work/notes/realsites_report.md):
a text page in a folder of the same name, FrontPage's metadata folders, a damaged JPEG, the front and back of
one photograph on its own page, leftover photo pages no page links to. Each old site is written here by code
(real JPEGs), imported and built through the command line; the tests read the archive and the built site."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import Result
from PIL import Image

from conftest import make_jpeg, run_cli
from importers_support import write

SMALL_WIDTHS = 'title = "Imported"\n[images]\nwidths = [200]\n'


def import_and_build(old: Path, archive: Path) -> tuple[Result, Result]:
    archive.mkdir(parents=True)
    (archive / "albumen.toml").write_text(SMALL_WIDTHS, encoding="utf-8")
    imported = run_cli("import", "html", old, "-C", archive)
    assert imported.exit_code == 0, f"{imported.stdout}\n{imported.stderr}"
    return imported, run_cli("build", "-q", "--executor", "inline", "-C", archive)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:].partition("\n---\n")[0]) or {}


def records(archive: Path, folder: str) -> dict[str, dict]:
    """Each record file of items/ or topics/ by its id: its front matter."""
    return {p.stem: front_matter(p) for p in (archive / folder).glob("*.md")}


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")[4:].partition("\n---\n")[2]


def report_of(archive: Path) -> str:
    return (archive / "import-report.md").read_text(encoding="utf-8")


def test_a_text_page_named_like_its_folder_still_builds_and_keeps_every_old_url(tmp_path: Path) -> None:
    """Andrew/index.html (a text page) would be pages/andrew.md at /andrew/, where the old Andrew/ pages and
    photos must redirect from: the build refused it. The page takes another id; every old address is kept."""
    old = tmp_path / "old"
    for name in ("a", "b", "c"):
        make_jpeg(old / "Andrew" / f"{name}.jpg", (640, 480), seed=name)
    write(old, {
        "index.html": "<html><head><title>Herbertland</title></head><body><p>Welcome to our family site.</p>"
                      "<a href='Andrew/index.html'>Andy</a></body></html>",
        "Andrew/index.html": "<html><head><title>Andy's page</title></head><body><h4>Andy's World</h4>"
                             "<p>Born December 29, 2000. This is his page.</p><a href='pics.html'>His pictures</a>"
                             "</body></html>",
        "Andrew/pics.html": "<html><head><title>Pictures</title></head><body>"
                            "<img src='a.jpg' width=640 height=480><p>First bath.</p>"
                            "<img src='b.jpg' width=640 height=480><p>Grandma visits.</p>"
                            "<img src='c.jpg' width=640 height=480><p>Asleep.</p></body></html>",
    })
    archive = tmp_path / "archive"
    _, built = import_and_build(old, archive)
    assert built.exit_code == 0, built.stderr
    pages = {p.stem for p in (archive / "pages").glob("*.md")}
    assert pages and all(page.casefold() != "andrew" for page in pages), pages
    for path in ("Andrew/index.html", "Andrew/pics.html", "Andrew/a.jpg", "Andrew/b.jpg", "Andrew/c.jpg"):
        assert (archive / "_site" / path).is_file(), f"old address {path} leads nowhere"
    assert "can't be kept" not in report_of(archive)


def test_frontpage_metadata_folders_are_never_pages(tmp_path: Path) -> None:
    """A FrontPage web copied from disk keeps _vti_cnf/ (one metadata file per page, under the page's name) and
    _vti_pvt/: the server never showed them, so they are neither pages nor photos, and the report says so."""
    old = tmp_path / "old"
    make_jpeg(old / "images" / "a.jpg", (600, 450), seed="a")
    make_jpeg(old / "images" / "b.jpg", (600, 450), seed="b")
    meta = "vti_encoding:SR|utf8-nl\nvti_author:SR|SEGI2\\\\Thomas\nvti_title:SR|{}\n"
    write(old, {
        "index.htm": "<html><head><meta name='GENERATOR' content='Microsoft FrontPage 5.0'><title>Home</title>"
                     "</head><body><h1>Our trip</h1><p>We walked the canyon.</p>"
                     "<p><a href='day1.htm'>Day one</a></p></body></html>",
        "day1.htm": "<html><head><title>Day one</title></head><body><h2>Day one</h2>"
                    "<p><img src='images/a.jpg' width=600 height=450></p><p>The camp.</p>"
                    "<p><img src='images/b.jpg' width=600 height=450></p><p>The river.</p></body></html>",
        "_vti_cnf/index.htm": meta.format("Home"),
        "_vti_cnf/day1.htm": meta.format("Day one"),
        "_vti_cnf/images/a.jpg": meta.format("a.jpg"),
        "_vti_pvt/_x_todo.htm": "<html><body><p>Tasks</p><p>Finish the journal of day two.</p></body></html>",
        "_vti_pvt/service.cnf": "vti_encoding:SR|utf8-nl\n",
    })
    archive = tmp_path / "archive"
    _, built = import_and_build(old, archive)
    assert built.exit_code == 0, built.stderr
    pages = sorted(p.stem for p in (archive / "pages").glob("*.md"))
    assert not [p for p in pages if "vti" in p or "todo" in p or p.startswith("day1")], pages
    for page in (archive / "pages").glob("*.md"):
        assert "vti_" not in page.read_text(encoding="utf-8"), page
    items = records(archive, "items")
    assert sorted(Path(i["image"]).name for i in items.values()) == ["a.jpg", "b.jpg"]
    assert "_vti_" not in str([i["image"] for i in items.values()])
    report = report_of(archive)
    assert "_vti_cnf/" in report and "_vti_pvt/" in report
    assert "_vti_cnf/images/a.jpg" not in report  # one line per folder, not one per file


def test_a_damaged_jpeg_is_left_out_and_reported_and_the_archive_builds(tmp_path: Path) -> None:
    """A photo whose file can't be read as an image: no item is made of it (the build would stop on it); the
    report names the file and keeps the caption the old page gave it, so a person with a good copy can add it."""
    old = tmp_path / "old"
    make_jpeg(old / "a.jpg", (640, 480), seed="a")
    make_jpeg(old / "b.jpg", (640, 480), seed="b")
    (old / "grandmah3.JPG").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG" * 10)
    write(old, {"index.html": "<html><head><title>Grandma</title></head><body><h1>Grandma's visit</h1>"
                              "<img src='a.jpg' width=640 height=480><p>Arriving at the station.</p>"
                              "<img src='grandmah3.JPG' width=640 height=480><p>Grandma holds Andy.</p>"
                              "<img src='b.jpg' width=640 height=480><p>Going home.</p></body></html>"})
    archive = tmp_path / "archive"
    imported, built = import_and_build(old, archive)
    assert built.exit_code == 0, built.stderr
    items = records(archive, "items")
    assert sorted(Path(i["image"]).name for i in items.values()) == ["a.jpg", "b.jpg"]
    assert not (archive / "images" / "old" / "grandmah3.JPG").exists()
    report = report_of(archive)
    line = next(line for line in report.splitlines() if "grandmah3.JPG" in line)
    assert "left out" in line and "Grandma holds Andy." in line, line
    captions = [body_of(p) for p in (archive / "items").glob("*.md")]
    assert not any("Grandma holds Andy" in c for c in captions)


def thumbnail(big: Path, small: Path, width: int) -> None:
    """The big picture made smaller, as gallery makers did."""
    small.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(big) as image:
        image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS).save(small)


def two_sided_album(old: Path) -> None:
    """A Photoshop frames album hand-edited in FrontPage: each thumbnail leads to a page that shows the print's
    front and its written back side by side under one caption; one back also has a leftover page of its own."""
    cells = []
    for number, caption in ((1, "Probably a son of William Allen and Eliza Baldwin."),
                            (2, "Mary Malinda Burke, born 21 December 1855.")):
        name = f"picture_{number:02d}"
        make_jpeg(old / "images" / f"{name}.jpg", (356, 550), seed=name)
        thumbnail(old / "images" / f"{name}.jpg", old / "thumbnails" / f"{name}.jpg", 48)
        make_jpeg(old / "images" / f"{name}back.jpg", (351, 550), seed=f"{name}back")
        cells.append(f"<td><a href='{name}.html' target='main'><img src='thumbnails/{name}.jpg' width=48 height=75 "
                     f"alt='{name}'></a></td>")
        write(old, {f"{name}.html": f"<html><head><title>{name}</title></head><body><table><tr><td><p>"
                                    f"<b>Allen Family Album</b><br><i>Picture #{number} in album:</i> {caption}</p>"
                                    "</td></tr></table><center>"
                                    f"<img src='images/{name}.jpg' width=356 height=550>"
                                    f"<img src='images/{name}back.jpg' width=351 height=550></center></body></html>"})
    write(old, {
        "index.html": "<html><head><title>Allen Family Album</title></head><frameset cols='120,*'>"
                      "<frame src='ThumbnailFrame.html'><frame src='picture_01.html' name='main'></frameset></html>",
        "ThumbnailFrame.html": f"<html><head><title>Allen Family Album</title></head><body><table><tr>{''.join(cells)}"
                               "</tr></table></body></html>",
        "picture_01back.html": "<html><head><title>picture_01back</title></head><body><center>"
                               "<img src='images/picture_01back.jpg' width=351 height=550></center></body></html>",
    })


def test_the_front_and_back_of_one_photograph_are_one_item_with_two_images(tmp_path: Path) -> None:
    old = tmp_path / "old"
    two_sided_album(old)
    archive = tmp_path / "archive"
    _, built = import_and_build(old, archive)
    assert built.exit_code == 0, built.stderr
    items = records(archive, "items")
    assert len(items) == 2, sorted(items)
    by_front = {Path(i["images"][0]["file"]).name: (k, i) for k, i in items.items() if i.get("images")}
    assert sorted(by_front) == ["picture_01.jpg", "picture_02.jpg"], items
    for front, (_, item) in by_front.items():
        assert [(Path(i["file"]).name, i["label"]) for i in item["images"]] == [
            (front, "front"), (front.replace(".jpg", "back.jpg"), "back")]
        assert front.replace(".jpg", ".html") in (item.get("redirect_from") or [])
    first_id, first = by_front["picture_01.jpg"]
    assert "Probably a son of William Allen and Eliza Baldwin." in body_of(archive / "items" / f"{first_id}.md")
    assert {"picture_01.html", "picture_01back.html"} <= set(first.get("redirect_from") or [])
    topics = records(archive, "topics")
    assert len(topics) == 1, topics
    topic = next(iter(topics.values()))
    members = topic.get("items") or [k for k, i in items.items() if next(iter(topics)) in (i.get("topics") or [])]
    assert sorted(members) == sorted(items)
    for old_page in ("picture_01.html", "picture_02.html", "picture_01back.html"):
        assert (archive / "_site" / old_page).is_file()


def test_leftover_photo_pages_no_page_links_to_make_one_topic_not_one_each(tmp_path: Path) -> None:
    """A folder of leftover pages, each only an <IMG> of one picture (another version of an album), linked from
    nowhere: each is its photo's page, and together they are one topic, never a one-photo topic each titled
    with a file name."""
    old = tmp_path / "old"
    make_jpeg(old / "pictures" / "home.jpg", (640, 480), seed="home")
    names = ["corvi-000", "corvi-001", "corvi-002"]
    for name in names:
        make_jpeg(old / "pictures" / "wedding" / f"{name}.jpg", (480, 640), seed=name)
        write(old, {f"html/{name}.jpg.html": f"<HTML><BODY><IMG SRC=../pictures/wedding/{name}.jpg></BODY></HTML>"})
    write(old, {"index.html": "<html><head><title>Herbertland</title></head><body><h1>Herbertland</h1>"
                              "<p>Welcome to our family site.</p><img src='pictures/home.jpg' width=640 height=480>"
                              "<p>Our house in 1999.</p></body></html>"})
    archive = tmp_path / "archive"
    _, built = import_and_build(old, archive)
    assert built.exit_code == 0, built.stderr
    items = records(archive, "items")
    topics = records(archive, "topics")
    wedding = {k: i for k, i in items.items() if "wedding" in i["image"]}
    assert len(wedding) == 3
    holding = [t for t, front in topics.items() if set(wedding) <= set(
        front.get("items") or [k for k, i in items.items() if t in (i.get("topics") or [])])]
    assert len(holding) == 1, topics
    for topic in topics.values():
        assert ".jpg" not in str(topic.get("title", "")).casefold(), topic
    for name in names:
        item = next(i for i in wedding.values() if i["image"].endswith(f"{name}.jpg"))
        assert f"html/{name}.jpg.html" in (item.get("redirect_from") or [])
