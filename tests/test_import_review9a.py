"""`albumen import html` must not take what only looks like navigation or a logo for it (issue 13, review 9,
findings 3, 5 and 8): an image-map menu whose areas open pages by script, a scanned family portrait saved as a
GIF and shown on three pages, a group photo's caption of names split by '|'.

Each fixture is a small site written here, with real JPEGs and GIFs made by pyvips.
"""

from __future__ import annotations

from pathlib import Path

import pyvips
from PIL import Image

from test_import_kept import captions, vips_photo
from test_import_real_photos import import_site, item_of, words, write
from test_import_real_sites6 import HEAD, picasa_page

# -- 3. an image-map menu over a photo whose areas open their pages by script is navigation -----------------------

def script_menu_site(old: Path) -> Path:
    """A reunion page: the photo carries an image map whose areas open pages by `javascript:openWin(...)`, one
    area whose script names no page (a tooltip), and one with no href at all (its title the photo's words)."""
    vips_photo(old / "reunion.jpg", seed=1)
    vips_photo(old / "aunt.jpg", size=(640, 480), seed=2)
    return write(old, {
        "index.html": "<html><head><title>Reunion</title></head><body><h1>Reunion 1998</h1>"
                      "<p><img src='reunion.jpg' usemap='#m'><br>The whole clan on the porch</p><map name='m'>"
                      "<area shape=rect coords=0,0,10,10 href=\"javascript:openWin('photos.html')\" alt='Photos'>"
                      "<area shape=rect coords=10,0,20,10 href=\"JavaScript:window.open('recipes.htm','r')\" "
                      "alt='Recipes'>"
                      "<area shape=rect coords=20,0,30,10 href='#' title='Uncle Bob'></map>"
                      "<p><img src='aunt.jpg'><br>Aunt May</p></body></html>",
        "photos.html": "<html><head><title>Photos</title></head><body><p>Our photos.</p></body></html>",
        "recipes.htm": "<html><head><title>Recipes</title></head><body><p>Grandma's pie.</p></body></html>",
    })


def test_areas_that_open_a_page_by_script_are_no_words_of_the_photo(tmp_path: Path) -> None:
    found = import_site(script_menu_site(tmp_path / "old"), tmp_path)
    caption = words(item_of(found, "reunion.jpg").caption)
    assert "Photos" not in caption and "Recipes" not in caption
    assert "The whole clan on the porch" in caption
    assert "Uncle Bob" in caption  # an area leading nowhere ('#') still names what is under it
    assert captions(found)["aunt.jpg"] == "Aunt May"


def test_the_pages_an_image_maps_scripts_open_are_read_as_the_sites(tmp_path: Path) -> None:
    found = import_site(script_menu_site(tmp_path / "old"), tmp_path)
    read = {rel for rel, _ in found.report.pages_read}
    assert {"photos.html", "recipes.htm"} <= read
    said = " ".join(words(page.body) for page in found.draft.pages) + " ".join(
        words(topic.narrative) for topic in found.draft.topics)
    assert "Grandma's pie." in said and "Our photos." in said


# -- 5. a scanned family portrait saved as a GIF, on a third of the pages, is a photo, not the site's logo ----------

PAGES = ["index", "joe", "war", *(f"trip{n}" for n in range(6))]
PORTRAIT_CAPTIONS = {"index": "Grandpa Joe, 1942.", "joe": "Joe in his uniform, the week before he shipped out.",
                     "war": "The portrait Grandma kept by her bed."}


def gif_photo(path: Path, size: tuple[int, int], seed: int) -> Path:
    """A photo scanned and saved as a GIF (256 colours), as 1990s family sites did."""
    jpeg = vips_photo(path.with_suffix(".jpg"), size=size, seed=seed)
    with Image.open(jpeg) as image:
        image.quantize(256).save(path)
    jpeg.unlink()
    return path


def scanned_portrait_site(old: Path) -> Path:
    """Nine pages, each with a photo of its own; the home page, Joe's story and the war page also show Joe's
    portrait (a 200x260 GIF), each with its own words, before or after the page's photo (no page is a gallery)."""
    gif_photo(old / "grandpa.gif", (200, 260), seed=40)
    files = {}
    for n, page in enumerate(PAGES):
        vips_photo(old / f"{page}.jpg", size=(640, 480), seed=n + 1)
        links = " ".join(f"<a href='{other}.html'>{other}</a>" for other in PAGES if other != page)
        portrait = (f"<p><img src='grandpa.gif' width=200 height=260><br>{PORTRAIT_CAPTIONS[page]}</p>"
                    if page in PORTRAIT_CAPTIONS else "")
        photos = f"<p><img src='{page}.jpg'><br>The family at the {page} picnic.</p>"
        body = portrait + photos if n % 2 == 0 else photos + portrait
        files[f"{page}.html"] = (f"<html><head><title>Page {page}</title></head><body><h1>Page {page}</h1>"
                                 f"<p>{links}</p>{body}</body></html>")
    return write(old, files)


def test_a_scanned_gif_portrait_on_a_third_of_the_pages_is_a_photo(tmp_path: Path) -> None:
    found = import_site(scanned_portrait_site(tmp_path / "old"), tmp_path)
    assert found.report.chrome_images == []
    caption = captions(found)["grandpa.gif"]
    assert all(said in caption for said in PORTRAIT_CAPTIONS.values())
    assert len(found.draft.items) == 1 + len(PAGES)


def small_gif_logo_site(old: Path) -> Path:
    """The same site with a small GIF logo (140x100) instead of the portrait, at varying places, on a third of
    the pages (beside each a different line of the page's text): the site's logo."""
    gif_photo(old / "logo.gif", (140, 100), seed=41)
    site = scanned_portrait_site(old)
    for page in PORTRAIT_CAPTIONS:
        path = site / f"{page}.html"
        path.write_text(path.read_text().replace("grandpa.gif' width=200 height=260", "logo.gif' width=140 "
                                                 "height=100"))
    (site / "grandpa.gif").unlink()
    return site


def test_a_small_gif_logo_on_a_third_of_the_pages_is_still_the_logo(tmp_path: Path) -> None:
    found = import_site(small_gif_logo_site(tmp_path / "old"), tmp_path)
    assert "logo.gif" not in captions(found)
    assert len(found.draft.items) == len(PAGES)


# -- 8. a group photo's caption of names split by '|', each leading to its person's photo page, is a caption -------

FAMILY = [("mom.jpg", "Mom at the lake, 1962"), ("dad.jpg", "Dad and his first car"), ("sue.jpg", "Aunt Sue"),
          ("group.jpg", "<a href='target0.html'>Mom</a> | <a href='target1.html'>Dad</a> | "
                        "<a href='target2.html'>Aunt Sue</a> | Christmas 1975")]


def family_gallery(old: Path) -> Path:
    """Picasa 2's export: a gallery of thumbnails leading to one photo page each, with its bar; the group photo's
    caption names the three people in it, each name leading to that person's photo page, and the year."""
    files, thumbs = {}, []
    for number, (name, caption) in enumerate(FAMILY):
        vips_photo(old / "images" / name, size=(640, 800), seed=50 + number)
        (old / "thumbnails").mkdir(exist_ok=True)
        pyvips.Image.thumbnail(str(old / "images" / name), 98).jpegsave(str(old / "thumbnails" / name), Q=85)
        thumbs.append(f"<a href='target{number}.html'><img src='thumbnails/{name}' width='98' height='122'></a>")
        files[f"target{number}.html"] = picasa_page(number, len(FAMILY), name, caption)
    files["index.html"] = (HEAD.format("The family") + "<h1>The family</h1>" + "\n".join(thumbs) + "</body></html>")
    return write(old, files)


def test_a_caption_of_names_split_by_bars_leading_to_their_photo_pages_is_kept(tmp_path: Path) -> None:
    found = import_site(family_gallery(tmp_path / "old"), tmp_path)
    group = captions(found)["group.jpg"]  # the names stay links, to their photos' items
    assert all(name in group for name in ("[Mom](item:", "[Dad](item:", "[Aunt Sue](item:", "| Christmas 1975"))
    for name, said in [("mom.jpg", "Mom at the lake, 1962"), ("dad.jpg", "Dad and his first car")]:
        assert captions(found)[name] == said
    said = " ".join(captions(found).values())
    assert "Previous Picture" not in said and "Thumbnails" not in said  # the bar is still navigation


def swedish_gallery(old: Path) -> Path:
    """A gallery whose photo pages (in a folder, with spaces in their names) write their bar's links with
    backslashes and %20, as Windows tools did: 'sidor\\bild%202.htm'."""
    bar = ("Första", "Föregående", "Nästa", "Sista", "Miniatyrer")
    count = 4
    files, thumbs = {}, []
    for number in range(count):
        vips_photo(old / "bilder" / f"bild{number}.jpg", size=(640, 480), seed=60 + number)
        thumbs.append(f"<a href='sidor\\bild%20{number}.htm'><img src='bilder/bild{number}.jpg' width='120' "
                      "height='90'></a>")
        hrefs = [*(f"..\\sidor\\bild%20{n}.htm" for n in (0, number - 1, number + 1, count - 1)), "..\\index.htm"]
        shown = [number == 0, number == 0, number == count - 1, number == count - 1, False]  # its own direction
        links = [word if unlinked else f"<a href='{href}'>{word}</a>"
                 for word, href, unlinked in zip(bar, hrefs, shown, strict=True)]
        files[f"sidor/bild {number}.htm"] = (
            HEAD.format(f"Bild {number}") + f"<p>Sommaren vid sjön, dag {number + 1}.</p><p>" + " |\n".join(links)
            + f"</p><img src='../bilder/bild{number}.jpg' width='640' height='480'></body></html>")
    files["index.htm"] = HEAD.format("Sommaren") + "<h1>Sommaren</h1>" + "\n".join(thumbs) + "</body></html>"
    return write(old, files)


def test_a_bar_written_with_backslashes_and_percent_signs_is_navigation(tmp_path: Path) -> None:
    found = import_site(swedish_gallery(tmp_path / "old"), tmp_path)
    for number in range(4):
        assert captions(found)[f"bild{number}.jpg"] == f"Sommaren vid sjön, dag {number + 1}."
