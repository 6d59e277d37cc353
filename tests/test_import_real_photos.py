"""`albumen import html` on the photo layouts real old sites use and the import misread (issue 13): which images
are photos, and which text is whose caption.

Each fixture is a small site written here, with real JPEGs, that reproduces what a real old site did:
jAlbum's lazy thumbnails (a blank placeholder `src`, the thumbnail in `data-src`), jAlbum's carousel (the big file
named only in `data-href`), one photo copied into two albums under two names, a caption after a <br> in the
photo's own paragraph, Photoshop's photo-page banner (gallery title / file name / date / e-mail), Netscape's
`HEIGHT=0` (scale by width), a photo shown as a page's background, and two photos side by side over one line of
captions spaced with &nbsp;.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from albumen.importers.drafts import DraftItem
from albumen.importers.html_site import HtmlImport, read_html_site
from albumen.reporter import Reporter
from conftest import make_jpeg


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def photo(root: Path, big: str, small: str | None = None, size: tuple[int, int] = (800, 600),
          thumb_width: int = 100) -> None:
    """A big JPEG and (if named) its thumbnail: the same picture, smaller."""
    make_jpeg(root / big, size, seed=big)
    if small:
        (root / small).parent.mkdir(parents=True, exist_ok=True)
        with Image.open(root / big) as image:
            image.resize((thumb_width, thumb_width * size[1] // size[0])).save(root / small, quality=80)


def import_site(old: Path, tmp_path: Path) -> HtmlImport:
    return read_html_site(old, tmp_path / "archive", reporter=Reporter())


def item_of(found: HtmlImport, old_image: str) -> DraftItem:
    """The item whose image is the old file `old_image`."""
    matches = [i for i in found.draft.items if i.image.endswith("/" + old_image)]
    assert len(matches) == 1, [i.image for i in found.draft.items]
    return matches[0]


def words(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def messages(found: HtmlImport) -> list[str]:
    return [look.message for look in found.report.looks]


# -- lazy thumbnails: a blank placeholder src, the thumbnail in data-src (jAlbum "Turtle") -------------------

def lazy_thumbnails(root: Path) -> Path:
    cells = ""
    for i, caption in enumerate(["Grandma at the lake", "The boat house", "Uncle Bo fishing"], 1):
        photo(root, f"slides/IMG_{i}.JPG", f"thumbs/IMG_{i}.JPG")
        cells += (f'<td><a href="slides/IMG_{i}.JPG"><noscript><img src="thumbs/IMG_{i}.JPG" width="100" '
                  f'height="75"></noscript><img src="res/blank.png" width="100" height="75" '
                  f'data-src="thumbs/IMG_{i}.JPG"></a><p>{caption}</p></td>')
    (root / "res").mkdir(parents=True)
    Image.new("RGBA", (1, 1)).save(root / "res" / "blank.png")
    return write(root, {"index.html": f"<html><head><title>Summer 1962</title></head><body><h1>Summer 1962</h1>"
                                      f"<table><tr>{cells}</tr></table></body></html>"})


def test_lazy_thumbnails_behind_a_blank_placeholder_are_photos(tmp_path: Path) -> None:
    found = import_site(lazy_thumbnails(tmp_path / "old"), tmp_path)
    assert sorted(i.image.rsplit("/", 1)[1] for i in found.draft.items) == ["IMG_1.JPG", "IMG_2.JPG", "IMG_3.JPG"]
    assert words(item_of(found, "slides/IMG_1.JPG").caption) == "Grandma at the lake"
    assert [len(t.items) for t in found.draft.topics] == [3]


def test_a_page_linking_big_images_with_no_photo_found_is_reported(tmp_path: Path) -> None:
    old = tmp_path / "old"
    for i in (1, 2):
        photo(old, f"slides/p{i}.jpg")
    write(old, {"index.html": '<html><body><h1>Album</h1><a href="slides/p1.jpg"><span class="t"></span></a>'
                              '<a href="slides/p2.jpg"><span class="t"></span></a></body></html>'})
    found = import_site(old, tmp_path)
    assert found.draft.items == ()
    said = [m for m in messages(found) if "slides/p1.jpg" in m or "2 image files" in m]
    assert said, messages(found)


# -- the big file named only in data-href (jAlbum carousel); one photo in two albums under two names ----------

def data_href_albums(root: Path) -> Path:
    names = {"Caribbean": ["Belize", "Rasta Boat"], "Escapades": ["Belize Breeze", "Dock"]}
    for album, stems in names.items():
        for stem in stems:
            seed = "Belize" if stem.startswith("Belize") else stem
            make_jpeg(root / album / "slides" / f"{stem}.jpg", (1200, 900), seed=seed)
            make_jpeg(root / album / "thumbs" / f"{stem}.jpg", (124, 93), seed=seed)
        images = "".join(f'<img src="thumbs/{s}.jpg" data-href="slides/{s}.jpg" alt="{s}">' for s in stems)
        write(root, {f"{album}/index.html": f"<html><head><title>{album}</title></head><body><h1>{album}</h1>"
                                            f'<div id="thumbs">{images}</div></body></html>'})
    return write(root, {"index.html": '<html><body><h1>Denise</h1><a href="Caribbean/index.html">Caribbean</a> '
                                      '<a href="Escapades/index.html">Escapades</a></body></html>'})


def test_the_big_file_named_in_data_href_is_the_photo(tmp_path: Path) -> None:
    found = import_site(data_href_albums(tmp_path / "old"), tmp_path)
    images = sorted(i.image.split("/", 1)[1] for i in found.draft.items)
    assert all("/slides/" in image for image in images), images
    assert not any("only a small version" in m for m in messages(found))


def test_one_photo_in_two_albums_is_one_item_in_both_topics(tmp_path: Path) -> None:
    found = import_site(data_href_albums(tmp_path / "old"), tmp_path)
    assert len(found.draft.items) == 3
    belize = next(i for i in found.draft.items if "Belize" in i.image)
    assert len(belize.topics) == 2
    assert found.report.chrome_images == []


def test_a_photo_copied_into_two_albums_is_no_chrome_even_unlinked(tmp_path: Path) -> None:
    old = tmp_path / "old"
    for album, stems in {"a": ["beach", "pier", "kite"], "b": ["beach copy", "dunes", "gulls"]}.items():
        for stem in stems:
            make_jpeg(old / album / f"{stem}.jpg", (640, 480), seed="beach" if stem.startswith("beach") else stem)
        images = "".join(f'<p><img src="{s}.jpg" width="640" height="480"></p>' for s in stems)
        write(old, {f"{album}/index.html": f"<html><body><h1>Album {album}</h1>{images}</body></html>"})
    write(old, {"index.html": '<html><body><a href="a/index.html">A</a> <a href="b/index.html">B</a></body></html>'})
    found = import_site(old, tmp_path)
    assert len(found.draft.items) == 5
    assert found.report.chrome_images == []


# -- captions: after a <br> in the photo's own paragraph; a generator's banner is none -----------------------

def test_caption_after_a_br_in_the_photos_paragraph_is_kept(tmp_path: Path) -> None:
    old = tmp_path / "old"
    photo(old, "images/family.jpg", "thumbnails/family.jpg", (356, 550), 48)
    photo(old, "images/other.jpg", "thumbnails/other.jpg", (356, 550), 48)
    write(old, {
        "index.html": '<html><body><h1>Allen Family</h1>'
                      '<a href="family.html"><img src="thumbnails/family.jpg" width="48" height="75"></a>'
                      '<a href="other.html"><img src="thumbnails/other.jpg" width="48" height="75"></a></body></html>',
        "family.html": '<html><head><title>family</title></head><body><table><tr><td><p><b>Allen Family Pictures</b>'
                       '<br>Ernest Allen &amp; Minnie Bell Self: 50th Wedding Anniversary - taken June 1967</p></td>'
                       '</tr></table><p align="left"><img src="images/family.jpg" alt="family" align="left" '
                       'width="356" height="550"><br><font><b>From left at back:</b><br>Tommy Elledge, Minnie '
                       'Allen, Doug Elledge (child).</font><p align="left"><font><b>From left front row:</b><br>'
                       'Wesley Parr, Gary Provence.</font></p></body></html>',
        "other.html": '<html><body><p><img src="images/other.jpg" width="356" height="550"><br>Aunt Lois.</p>'
                      '</body></html>',
    })
    found = import_site(old, tmp_path)
    family = item_of(found, "images/family.jpg")
    text = words(family.title + " " + family.caption)
    for said in ("Ernest Allen & Minnie Bell Self: 50th Wedding Anniversary - taken June 1967",
                 "From left at back:", "Tommy Elledge, Minnie Allen, Doug Elledge (child).",
                 "From left front row:", "Wesley Parr, Gary Provence."):
        assert said in text, text
    assert not any(p.id == "family" for p in found.draft.pages)


def photoshop_banner_pages(root: Path) -> Path:
    thumbs = ""
    for i, stem in enumerate(["picture_01", "picture_02", "picture_03"], 1):
        photo(root, f"images/{stem}.jpg", f"thumbnails/{stem}.jpg", (351, 550), 48)
        thumbs += f'<a href="pages/{stem}.html"><img src="thumbnails/{stem}.jpg" width="48" height="75"></a>'
        caption = "Uncle Ray in uniform." if i == 2 else ""
        write(root, {f"pages/{stem}.html": (
            f'<html><head><title>{stem}</title><meta name="generator" content="Adobe Photoshop(R) 7.0 Web Photo '
            f'Gallery"></head><body><table><tr><td>Allen Family Album / {stem}<br><br>10/{i}/2003<br>'
            f'someone@example.net</td></tr></table><center><img src="../images/{stem}.jpg" alt="{stem}" '
            f'width="351" height="550"></center><p>{caption}</p></body></html>')})
    return write(root, {"index.html": f"<html><body><h1>Allen Family Album</h1>{thumbs}</body></html>"})


def test_a_photo_pages_generator_banner_is_no_caption(tmp_path: Path) -> None:
    found = import_site(photoshop_banner_pages(tmp_path / "old"), tmp_path)
    assert item_of(found, "images/picture_01.jpg").caption == ""
    assert words(item_of(found, "images/picture_02.jpg").caption) == "Uncle Ray in uniform."
    for item in found.draft.items:
        assert "picture_0" not in item.caption and "@" not in item.caption and "2003" not in item.caption


def test_one_photo_page_with_a_banner_alone_has_no_caption(tmp_path: Path) -> None:
    old = tmp_path / "old"
    photo(old, "images/picture_01back.jpg", "thumbnails/picture_01back.jpg", (351, 550), 48)
    write(old, {
        "index.html": '<html><body><h1>Album</h1><a href="picture_01back.html"><img '
                      'src="thumbnails/picture_01back.jpg" width="48" height="75"></a><p>The back of the card.</p>'
                      '</body></html>',
        "picture_01back.html": '<html><body><table><tr><td>Allen Family Album / picture_01back<br><br>10/7/2003<br>'
                               'someone@example.net</td></tr></table><center><img src="images/picture_01back.jpg" '
                               'alt="picture_01back" width="351" height="550"></center></body></html>',
    })
    found = import_site(old, tmp_path)
    assert words(item_of(found, "images/picture_01back.jpg").caption) == "The back of the card."


# -- HEIGHT=0, backgrounds -------------------------------------------------------------------------------------

def test_height_zero_thumbnails_are_scaled_by_width_not_hidden(tmp_path: Path) -> None:
    old = tmp_path / "old"
    thumbs = ""
    for i in (1, 2, 3):
        photo(old, f"pictures/corvi-{i}.jpg", f"thumbnails/corvi-{i}.jpg", (640, 480), 94)
        thumbs += (f'<A HREF="../pictures/corvi-{i}.jpg" TARGET="bigpictures"><IMG SRC="../thumbnails/corvi-{i}.jpg"'
                   f' BORDER=0 HEIGHT=0 WIDTH=94></A><BR>Wedding {i}<BR>')
    write(old, {"wedding/scroll.html": f"<HTML><BODY>{thumbs}</BODY></HTML>",
                "wedding.html": '<HTML><FRAMESET COLS="120,*"><FRAME SRC="wedding/scroll.html">'
                                '<FRAME NAME="bigpictures" SRC="wedding/blank.html"></FRAMESET></HTML>',
                "wedding/blank.html": "<HTML><BODY><H2>Our wedding</H2></BODY></HTML>",
                "index.html": '<HTML><BODY><H1>Herbert</H1><A HREF="wedding.html">Wedding</A></BODY></HTML>'})
    found = import_site(old, tmp_path)
    assert sorted(i.image.rsplit("/", 1)[1] for i in found.draft.items) == [f"corvi-{i}.jpg" for i in (1, 2, 3)]
    assert words(item_of(found, "pictures/corvi-2.jpg").caption) == "Wedding 2"


def test_a_page_showing_a_photo_as_its_background_is_its_photo_page(tmp_path: Path) -> None:
    old = tmp_path / "old"
    links = broken = ""
    photo(old, "big/p4.jpg", size=(360, 270))
    photo(old, "big/p5.jpg", size=(360, 270))
    for i in (1, 2, 3):
        photo(old, f"big/p{i}.jpg", f"thumbs/p{i}.jpg", (360, 270), 108)
        write(old, {f"html/p{i}.html": f'<html><body background="/big/p{i}.jpg">&nbsp;</body></html>'})
        links += (f"<a href=\"javascript:bigpic('html/p{i}.html',270,360)\"><img src=\"thumbs/p{i}.jpg\" "
                  f"width=108 height=81></a> Launch pad {i}<br>")
        broken += (f"<center><\"/nd.com/big/p{i}.jpg\"><a href=\"javascript:bigpic('html/p{i}.html')\"><img "
                   f"src=\"thumbs/p{i}.jpg\" width=108 height=81></a></center>")
    write(old, {"index.html": f"<html><body><h1>Kennedy Space Center</h1>{links}"
                              "<table><tr><td background='big/p4.jpg' width=360 height=270>&nbsp;</td><td "
                              "background='big/p5.jpg' width=360 height=270></td></tr><tr><td>Pad 4</td>"
                              "<td>Pad 5</td></tr></table></body></html>",
                "alt.html": f"<html><body><h1>Kennedy Space Center (another view)</h1>{broken}</body></html>"})
    found = import_site(old, tmp_path)
    assert sorted(i.image.rsplit("/", 1)[1] for i in found.draft.items) == [f"p{i}.jpg" for i in range(1, 6)]
    assert all("/big/" in i.image for i in found.draft.items)
    assert words(item_of(found, "big/p5.jpg").caption) == "Pad 5"
    assert words(item_of(found, "big/p1.jpg").caption) == "Launch pad 1"  # not the broken tag shown as text
    p2 = item_of(found, "big/p2.jpg")
    assert "html/p2.html" in p2.redirect_from
    assert found.report.chrome_images == []


# -- two photos side by side, one line of captions spaced with &nbsp; -------------------------------------------

def test_two_captions_on_one_line_spaced_by_nbsp_go_to_their_photos(tmp_path: Path) -> None:
    old = tmp_path / "old"
    photo(old, "a.jpg", size=(300, 351))
    photo(old, "b.jpg", size=(350, 246))
    photo(old, "c.jpg", size=(300, 351))
    photo(old, "d.jpg", size=(350, 246))
    gap = "&nbsp;" * 12
    write(old, {"index.html": '<html><body><h1>Family</h1><p align=center><img src="a.jpg" width=300 height=351> '
                              f'<img src="b.jpg" width=350 height=246><br>Huang and Kuo \n{gap} Chen and Kuo Bowei '
                              f'{gap}<br>Meilin 1996 {gap} Jinkai 1998</p>'
                              '<p><img src="c.jpg"> <img src="d.jpg"><br>Bryan and Nicole 1999&nbsp;</p>'
                              '</body></html>'})
    found = import_site(old, tmp_path)
    assert item_of(found, "a.jpg").caption.split() == ["Huang", "and", "Kuo\\", "Meilin", "1996"]
    assert item_of(found, "b.jpg").caption.split() == ["Chen", "and", "Kuo", "Bowei\\", "Jinkai", "1998"]
    assert words(item_of(found, "d.jpg").caption) == "Bryan and Nicole 1999"
    assert any("side by side" in look.message and look.path == "index.html" for look in found.report.looks)
