"""`albumen import html` on the kinds of old site the seventh round of real sites showed misread (issue 13,
/work/notes/realsites7_report.md): a photo whose only words are its thumbnail's alt ("[Ghost Ranch, NM]", in the
brackets text browsers showed), a text page whose title is drawn as a wide banner picture, a banner at the top of
one section's pages.
Each old site is written here by code, with real JPEG and GIF files; no file of the real sites is in the repository.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

from albumen.importers.drafts import DraftPage
from albumen.importers.html_page import unspaced
from conftest import make_jpeg
from test_import_real_photos import import_site, item_of, photo, words, write
from test_import_real_sites8 import by_old_page

# -- 1. a photo whose only words are its thumbnail's alt: the alt is its caption ---------------------------------

ALTS = [("Ghost1", "[Ghost Ranch, NM]"), ("Ghost2", "[Ghost Ranch, NM]"), ("FrigHenge1", "[Frige Henge, Santa Fe, NM]"),
        ("magnus", "[Magnus]"), ("chaco", "[photo]"), ("mesa", "thmesa.jpg"), ("plain", ""),
        ("reef", "©Denise Cottin (12)"),  # jAlbum's alt when the photo has no title: the rights, counted
        ("kiva", "(11988 個位元組)")]  # FrontPage's alt of a Chinese Windows: the file's size in bytes


def bracketed_alt_site(old: Path) -> Path:
    """A Word 97 home page's table of thumbnails leading to the big JPEGs, no text but the alts."""
    cells = "".join(f"<td><a href='photos/{name}.jpg'><img src='photos/th{name}.jpg' align='bottom'"
                    + (f" alt='{alt}'" if alt else "") + "></a></td>" for name, alt in ALTS)
    write(old, {"misc.html": "<html><head><title>Miscellany</title></head><body><h2>Photos</h2><p>These are from "
                             f"various journeys around Southern New Mexico.</p><table><tr>{cells}</tr></table>"
                             "</body></html>"})
    for name, _ in ALTS:
        photo(old, f"photos/{name}.jpg", f"photos/th{name}.jpg")
    return old


def test_a_photos_only_words_in_its_thumbnails_alt_are_its_caption(tmp_path: Path) -> None:
    found = import_site(bracketed_alt_site(tmp_path / "old"), tmp_path)
    captions = {name: words(item_of(found, f"photos/{name}.jpg").caption) for name, _ in ALTS}
    assert captions == {"Ghost1": "Ghost Ranch, NM", "Ghost2": "Ghost Ranch, NM",  # shared in one gallery: each's
                        "FrigHenge1": "Frige Henge, Santa Fe, NM", "magnus": "Magnus",
                        "chaco": "", "mesa": "", "plain": "", "reef": "",
                        "kiva": ""}  # generic, a file name, nothing, rights, a size


def test_captions_from_alts_are_told_and_the_rest_still_have_no_text(tmp_path: Path) -> None:
    found = import_site(bracketed_alt_site(tmp_path / "old"), tmp_path)
    kinds = [look.kind for look in found.report.looks]
    assert sum("alt text" in kind and "caption" in kind for kind in kinds) == 4
    assert sum(kind.startswith("photos without a caption") for kind in kinds) == 5


def test_an_alt_on_every_photo_of_a_gallery_is_no_caption(tmp_path: Path) -> None:
    old = tmp_path / "old"
    cells = "".join(f"<a href='p{n}.jpg'><img src='t{n}.jpg' alt='Our trip to Taos'></a>" for n in range(6))
    write(old, {"index.html": f"<html><head><title>Taos</title></head><body><h1>Taos 1998</h1>{cells}</body></html>"})
    for n in range(6):
        photo(old, f"p{n}.jpg", f"t{n}.jpg")
    found = import_site(old, tmp_path)
    assert [item.caption for item in found.draft.items] == [""] * 6  # the gallery's name, not each photo's words


def test_a_photo_with_a_caption_keeps_it_and_not_its_alt(tmp_path: Path) -> None:
    old = tmp_path / "old"
    write(old, {"index.html": "<html><head><title>Taos</title></head><body><h1>Taos 1998</h1><table><tr>"
                              "<td><a href='p1.jpg'><img src='t1.jpg' alt='[Taos Pueblo]'></a><br>Grandma at the "
                              "pueblo, June 1998</td><td><a href='p2.jpg'><img src='t2.jpg' alt='[Rio Grande]'></a>"
                              "<br>The gorge bridge</td></tr></table></body></html>"})
    for n in (1, 2):
        photo(old, f"p{n}.jpg", f"t{n}.jpg")
    found = import_site(old, tmp_path)
    assert words(item_of(found, "p1.jpg").caption) == "Grandma at the pueblo, June 1998"
    assert item_of(found, "p1.jpg").alt == "Taos Pueblo"  # the brackets were for text browsers


# -- 2. a text page whose title is drawn as a wide banner picture stays a page; 3. one section's banner ----------

def essay(title: str) -> str:
    return (f"This is the page's own text about {title}, several paragraphs long, written by hand in the spring of "
            f"1997 about what {title} meant to me then. ") * 6


def drawn_banner(path: Path, words: str, size: tuple[int, int] = (520, 203)) -> None:
    """A title drawn as a picture: words on a flat colour, saved as a GIF of a few colours."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shade = sum(map(ord, words))
    image = Image.new("RGB", size, (shade % 97, shade % 61, 40 + shade % 89))
    draw = ImageDraw.Draw(image)
    for row, letter in enumerate(words):  # big letters, each title's own: no two banners look alike
        left = 10 + row * size[0] // (len(words) + 1)
        draw.rectangle((left, 5, left + (ord(letter) % 7 + 3) * 4, size[1] - 5), fill=(230, 200, 40))
    draw.text((20, 20), words, fill=(255, 255, 255))
    image.quantize(16).save(path)


def photo_as_gif(path: Path, size: tuple[int, int]) -> None:
    """A photograph saved as a GIF, as 1990s sites did: hundreds of colours, dithered to its palette."""
    make_jpeg(path.with_suffix(".jpg"), size, seed=path.name)
    with Image.open(path.with_suffix(".jpg")) as image:
        image.quantize(256).save(path)
    path.with_suffix(".jpg").unlink()


def essay_page(title: str, banner: str, more: str = "") -> str:
    return (f"<html><head><meta name='generator' content='GoLive CyberStudio 3'><title>[ d a n c i n g - "
            f"m o n g o o s e . n e t : {' '.join(title)} ]</title></head><body><center><img height='203' "
            f"width='520' src='{banner}'>{more}"
            f"<table><tr><td><p><b>the spirit of {title}</b></p><p>{essay(title)}</p>"
            f"<p>{essay(title + ' again')}</p></td></tr></table>"
            "<p>[ more to come as i get time. <a href='index.html'>go back home.</a> ]</p></center></body></html>")


def banner_site(old: Path) -> Path:
    """A home page with a photo and links; three essays each under its own drawn title; one essay under a photo
    saved as a GIF (a wide one, as a scanned panorama is)."""
    essays = ["cyberpunk", "faith", "music"]
    links = "".join(f"<li><a href='{name}.html'>{name}</a>" for name in [*essays, "desert"])
    write(old, {"index.html": "<html><head><title>home</title></head><body><h1>my home page</h1><img "
                              f"src='kite.jpg' width='320' height='240'><p>Flying the kite, May 1997.</p><ul>{links}"
                              "</ul></body></html>",
                **{f"{name}.html": essay_page(name, f"{name}.gif") for name in essays},
                "desert.html": essay_page("desert", "desert.gif")})
    photo(old, "kite.jpg", size=(640, 480))
    for name in essays:
        drawn_banner(old / f"{name}.gif", name)
    photo_as_gif(old / "desert.gif", (520, 203))
    return old


def test_a_text_page_under_a_drawn_title_stays_a_page_with_its_text(tmp_path: Path) -> None:
    found = import_site(banner_site(tmp_path / "old"), tmp_path)
    pages = by_old_page(found)
    for name in ("cyberpunk", "faith", "music"):
        page = pages[f"{name}.html"]
        assert isinstance(page, DraftPage), page
        assert "several paragraphs long" in page.body
    assert not [item.image for item in found.draft.items if item.image.endswith(("cyberpunk.gif", "faith.gif",
                                                                                  "music.gif"))]
    assert all(len(item.caption.split()) < 100 for item in found.draft.items  # never an essay as a caption...
               if not item.image.endswith("desert.gif"))  # (...but under a photo: not changed here)


def test_a_photo_saved_as_a_gif_over_an_essay_is_still_a_photo(tmp_path: Path) -> None:
    found = import_site(banner_site(tmp_path / "old"), tmp_path)
    assert item_of(found, "desert.gif")


def section_site(old: Path) -> Path:
    """A site of many pages; one folder's eight rule pages each open with the section's banner (500x127)."""
    rules = ["beliefs", "combat", "guidelines", "leader", "positions", "technology", "tribes", "main"]
    files = {f"wastelands/{name}.html": essay_page(name, "title.gif", f"<br><img src='titles/{name}.gif'>")
             for name in rules}
    for n in range(12):
        files[f"trips/day{n}.html"] = (f"<html><head><title>Day {n}</title></head><body><h1>Day {n}</h1>"
                                       f"<img src='p{n}a.jpg'><p>We walked to the lake on day {n}.</p><img "
                                       f"src='p{n}b.jpg'><p>Lunch by the water, day {n}.</p></body></html>")
        photo(old, f"trips/p{n}a.jpg", size=(640, 480))
        photo(old, f"trips/p{n}b.jpg", size=(640, 480))
    links = "".join(f"<a href='{rel}'>{rel}</a> " for rel in files)
    files["index.html"] = f"<html><head><title>home</title></head><body><h1>Home</h1><p>{links}</p></body></html>"
    write(old, files)
    drawn_banner(old / "wastelands/title.gif", "wastelands", (500, 127))
    for name in rules:
        drawn_banner(old / f"wastelands/titles/{name}.gif", name, (366, 36))
    return old


def test_a_banner_on_one_sections_pages_is_their_chrome_not_a_photo(tmp_path: Path) -> None:
    found = import_site(section_site(tmp_path / "old"), tmp_path)
    assert not [item.image for item in found.draft.items if "wastelands/" in item.image]
    pages = by_old_page(found)
    assert all(isinstance(pages[f"wastelands/{name}.html"], DraftPage) for name in ("beliefs", "combat", "main"))
    assert len(found.draft.items) == 24  # the trips' photos, each once


def test_a_title_written_letter_by_letter_is_read_as_its_words(tmp_path: Path) -> None:
    found = import_site(banner_site(tmp_path / "old"), tmp_path)
    pages = by_old_page(found)
    assert [pages[f"{name}.html"].title for name in ("cyberpunk", "faith")] == ["cyberpunk", "faith"]


# -- 4. a one-page slide show is named by its page's <title>, never by the site's footer line -----------------------

def test_a_one_page_slide_show_is_titled_by_its_page_not_by_the_sites_footer(tmp_path: Path) -> None:
    old = tmp_path / "old"
    footer = "<p>Mac Reviews Digest, &copy;1996, Jeff Eaton. MacReviews@aol.com</p>"
    reviews = {"tacops": "TacOps 0.1.5", "marathon": "Marathon 2: Durandal", "filters": "Kai's Power Tools 3.0",
               "cc3": "Conflict Catcher 3.0.4", "snapmail": "SnapMail 1.0", "myst": "Myst", "doom": "Doom II"}
    shots = {name: 1 if name == "tacops" else 2 for name in reviews}  # one review shows one screenshot, the others two
    files = {f"{name}.html": f"<html><head><title>{title}</title></head><body><h2>Review</h2>"
                             + "".join(f"<img src='{name}{n}.gif'>" for n in range(shots[name]))
                             + f"<p>Publisher: Arsenal. Rating: good.</p>{footer}</body></html>"
             for name, title in reviews.items()}
    files["reviews.html"] = ("<html><head><title>Mac Reviews Digest</title></head><body><h1>Reviews</h1>"
                             "<img src='gallery.gif'><p>"
                             + " ".join(f"<a href='{name}.html'>{title}</a>" for name, title in reviews.items())
                             + f"</p>{footer}</body></html>")
    write(old, files)
    photo_as_gif(old / "gallery.gif", (300, 200))
    for name, count in shots.items():
        for n in range(count):
            photo_as_gif(old / f"{name}{n}.gif", (400, 300))
    found = import_site(old, tmp_path)
    titles = [topic.title for topic in found.draft.topics]
    assert not [title for title in titles if "©" in title], titles  # the slide show reviews.html, tacops.html
    assert "Mac Reviews Digest" in titles  # ... is named by its first page


# -- review 10: a panorama saved as a GIF of few colours over a story is a photo; alts that only look like rights or
# sizes are captions; a title of single letters that are an index is not joined -------------------------------------

def scanned_photo_as_gif(path: Path, size: tuple[int, int], colours: int) -> None:
    """A photograph (light that changes across it, and grain) dithered to a GIF of few colours to keep it small."""
    width, height = size
    grain = random.Random(path.name)
    image = Image.new("RGB", size)
    image.putdata([(min(255, 60 + 150 * x // width + grain.randrange(40)), min(255, 40 + 120 * y // height
                    + grain.randrange(40)), min(255, 90 + 80 * (x + y) // (width + height) + grain.randrange(40)))
                   for y in range(height) for x in range(width)])
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colours).save(path)


def test_a_wide_photo_saved_as_a_gif_of_few_colours_over_a_story_is_still_a_photo(tmp_path: Path) -> None:
    old = tmp_path / "old"
    story = " ".join(["Grandpa told us this story every summer on the porch, and we wrote it down."] * 12)
    write(old, {"index.html": "<html><head><title>The Smith Family</title></head><body><h1>The Smith Family</h1>"
                              "<p><a href='reunion.html'>The 1952 reunion</a></p></body></html>",
                "reunion.html": "<html><head><title>The 1952 reunion</title></head><body><img src='reunion1952.gif'>"
                                f"<p>{story}</p></body></html>"})
    scanned_photo_as_gif(old / "reunion1952.gif", (600, 250), 32)
    found = import_site(old, tmp_path)
    assert item_of(found, "reunion1952.gif")
    assert "reunion1952.gif" not in str(found.report.chrome_images)


ALT_WORDS = {"lake": "© 1998 Grandma at the lake", "falls": "(c) Dad, Mom and the twins at Niagara Falls",
             "farm": "(1920s)", "sisters": "(3 sisters)",  # captions...
             "reef": "©Denise Cottin (12)", "kiva": "(11988 個位元組)", "shed": "(11988 bytes)",
             "barn": "(12 KB)"}  # ...and a rights line and sizes, none


def test_an_alt_that_opens_like_a_rights_line_or_a_size_is_a_caption_when_it_says_more(tmp_path: Path) -> None:
    old = tmp_path / "old"
    cells = "".join(f"<td><a href='{name}.jpg'><img src='th{name}.jpg' alt='{alt}'></a></td>"
                    for name, alt in ALT_WORDS.items())
    write(old, {"index.html": f"<html><head><title>Album</title></head><body><h1>Album</h1><table><tr>{cells}"
                              "</tr></table></body></html>"})
    for name in ALT_WORDS:
        photo(old, f"{name}.jpg", f"th{name}.jpg")
    found = import_site(old, tmp_path)
    captions = {name: words(item_of(found, f"{name}.jpg").caption) for name in ALT_WORDS}
    assert captions == {"lake": "© 1998 Grandma at the lake", "falls": "(c) Dad, Mom and the twins at Niagara Falls",
                        "farm": "(1920s)", "sisters": "(3 sisters)", "reef": "", "kiva": "", "shed": "", "barn": ""}


def test_a_title_with_an_index_of_single_letters_is_left_as_written() -> None:
    for title in ("Surnames A B C D E F G H I J K", "Index: A B C D E F G H", "Photos 1 2 3 4 5 6 7 8 9",
                  "A B C D E F G H I J"):
        assert unspaced(title) == title
    assert unspaced("[ d a n c i n g - m o n g o o s e . n e t ]") == "dancing-mongoose.net"
