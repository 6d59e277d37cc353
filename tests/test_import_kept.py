"""`albumen import html` rules that set things aside (logos, drawn pictures, page counters, counted file names,
record ids) must still keep what only looks like them (issue 13, review 8): a captioned photo shown on three
pages, a grey cut-out portrait, "June 6 to 10", "Christmas 99" under christmas.jpg, "F104" under a plane.

Each fixture is a small site written here, with real JPEGs and PNGs made by pyvips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyvips

from albumen.importers.html_site import HtmlImport
from test_import_real_photos import import_site, photo, write


def vips_photo(path: Path, size: tuple[int, int] = (800, 600), seed: int = 1) -> Path:
    """A photo-like JPEG: a colour gradient, turned by `seed`, under grain; no two seeds look alike."""
    width, height = size
    xy = pyvips.Image.xyz(width, height)
    x, y = xy[0] * (255 / width), xy[1] * (255 / height)
    turns = [(x * (seed % 3) + y * (1 + seed % 2)) % 256, (x * (1 + seed % 4) - y * 0.5 + 40 * seed) % 256,
             (y * (seed % 5) + 90) % 256]
    grain = [pyvips.Image.gaussnoise(width, height, sigma=25, mean=0, seed=seed * 3 + n) for n in range(3)]
    bands = [(turn + noise).cast("uchar") for turn, noise in zip(turns, grain, strict=True)]
    image = bands[0].bandjoin(bands[1:]).copy(interpretation="srgb")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.jpegsave(str(path), Q=85)
    return path


def captions(found: HtmlImport) -> dict[str, str]:
    """Old file name -> its item's caption, one line."""
    return {item.image.rsplit("/", 1)[1]: " ".join(item.caption.split()) for item in found.draft.items}


# -- 1. a captioned photo shown at the same place on three pages is a photo, not a logo -------------------------

def family_site(old: Path) -> Path:
    for seed, name in enumerate(("grandpa.jpg", "farm.jpg", "wedding.jpg"), 1):
        vips_photo(old / name, seed=seed)
    story = " ".join(["Grandpa Karl came to Iowa in 1921 and worked the farm with his brothers until the war."] * 3)
    return write(old, {
        "index.html": "<html><head><title>The Berg family</title></head><body><h1>The Berg family</h1>"
                      "<img src='grandpa.jpg' width=400><p>Welcome to our family pages.</p><p><a href='family.html'>"
                      "Photos</a> <a href='karl.html'>Karl's story</a></p></body></html>",
        "family.html": "<html><head><title>Photos</title></head><body><h1>Photos</h1><table><tr>"
                       "<td><img src='grandpa.jpg' width=300><br>Karl Berg in 1944, at the farm gate.</td>"
                       "<td><img src='farm.jpg' width=300><br>The farm, 1950.</td>"
                       "<td><img src='wedding.jpg' width=300><br>Karl and Anna's wedding, 1925.</td></tr></table>"
                       "</body></html>",
        "karl.html": f"<html><head><title>Karl</title></head><body><h1>Karl</h1><img src='grandpa.jpg' width=300>"
                     f"<p>{story}</p></body></html>",
    })


def test_a_photo_with_its_own_caption_in_a_gallery_is_kept_though_three_pages_show_it_first(tmp_path: Path) -> None:
    found = import_site(family_site(tmp_path / "old"), tmp_path)
    # (the texts beside it on the home page and the story page are joined after it: a question apart)
    assert captions(found)["grandpa.jpg"].startswith("Karl Berg in 1944, at the farm gate.")
    assert found.report.chrome_images == []
    photos = {topic.title: len(topic.items) for topic in found.draft.topics}
    assert photos["Photos"] == 3


# -- 2. a grey or sepia cut-out photo (a person on nothing, a PNG with alpha) is a photo, not a drawing ---------

def cut_out(path: Path, sepia: bool) -> Path:
    """A grainy portrait on nothing: a band 90 px wide of 200 opaque (45%), in greys or in sepia."""
    width, height = 200, 300
    grey = pyvips.Image.gaussnoise(width, height, mean=128, sigma=50, seed=7).cast("uchar")
    alpha = ((pyvips.Image.xyz(width, height)[0] - 100).abs() < 45).ifthenelse(255, 0).cast("uchar")
    if sepia:
        image = grey.bandjoin([(grey * 0.9).cast("uchar"), (grey * 0.7).cast("uchar"), alpha])
        image = image.copy(interpretation="srgb")
    else:
        image = grey.bandjoin(alpha).copy(interpretation="b-w")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.pngsave(str(path))
    return path


def test_grey_and_sepia_cut_out_photos_are_no_drawings(tmp_path: Path) -> None:
    old = tmp_path / "old"
    cut_out(old / "grandma.png", sepia=False)
    cut_out(old / "aunt.png", sepia=True)
    vips_photo(old / "house.jpg", seed=4)
    write(old, {"index.html": "<html><head><title>Portraits</title></head><body><h1>Portraits</h1><table><tr>"
                              "<td><img src='grandma.png'><br>Grandma Ida, 1931.</td>"
                              "<td><img src='aunt.png'><br>Aunt Vera at school.</td>"
                              "<td><img src='house.jpg' width=300><br>The house on Elm Street.</td>"
                              "</tr></table></body></html>"})
    found = import_site(old, tmp_path)
    assert captions(found) == {"grandma.png": "Grandma Ida, 1931.", "aunt.png": "Aunt Vera at school.",
                               "house.jpg": "The house on Elm Street."}


# -- 3. "June 6 to 10" is a line of the page's text, not a paged gallery's counter ----------------------------

def test_lines_with_two_numbers_are_no_page_counters(tmp_path: Path) -> None:
    old = tmp_path / "old"
    for seed, name in enumerate(("a.jpg", "b.jpg", "c.jpg"), 1):
        vips_photo(old / name, seed=seed)
    write(old, {"index.html": "<html><head><title>Air show</title></head><body><h1>Air show</h1>"
                              "<p>June 6 to 10</p><p>We went to the air show at Chino with the kids.</p>"
                              "<p>Ages 5 to 12</p><p>Photo 2 of 3</p><table><tr>"
                              "<td><img src='a.jpg' width=300><br>The Blue Angels.</td>"
                              "<td><img src='b.jpg' width=300><br>A Spitfire.</td>"
                              "<td><img src='c.jpg' width=300><br>The P-51 Mustang.</td></tr></table></body></html>"})
    found = import_site(old, tmp_path)
    assert [" ".join(topic.narrative.split()) for topic in found.draft.topics] == [
        "June 6 to 10 We went to the air show at Chino with the kids. Ages 5 to 12"]


# -- 4. "Christmas 99" under christmas.jpg is a caption; "Boxholm 1, 2, 3" under Boxholm (n).jpg a list's count --

def test_a_name_and_a_year_under_the_file_of_that_name_is_a_caption(tmp_path: Path) -> None:
    old = tmp_path / "old"
    for seed, name in enumerate(("christmas.jpg", "grandma.jpg", "cake.jpg", "Boxholm (1).jpg", "Boxholm (2).jpg",
                                 "Boxholm (3).jpg"), 1):
        vips_photo(old / name, seed=seed)
    write(old, {"index.html": "<html><head><title>Holidays</title></head><body><h1>Holidays</h1><table><tr>"
                              "<td><img src='christmas.jpg' width=300><br>Christmas 99</td>"
                              "<td><img src='grandma.jpg' width=300><br>Grandma 90</td>"
                              "<td><img src='cake.jpg' width=300><br>The cake.</td></tr></table>"
                              "<p><a href='boxholm.html'>Boxholm</a></p></body></html>",
                "boxholm.html": "<html><head><title>Boxholm</title></head><body><h1>Boxholm</h1><ol>"
                                + "".join(f"<li><a href='Boxholm ({n}).jpg'>Boxholm {n}</a></li>" for n in (1, 2, 3))
                                + "</ol></body></html>"})
    found = import_site(old, tmp_path)
    assert captions(found) == {"christmas.jpg": "Christmas 99", "grandma.jpg": "Grandma 90", "cake.jpg": "The cake.",
                               "Boxholm (1).jpg": "", "Boxholm (2).jpg": "", "Boxholm (3).jpg": ""}


# -- 5. "F104" under a plane is its caption; a record id is one the site repeats ---------------------------------

def test_a_caption_that_looks_like_a_record_id_is_kept_when_the_site_does_not_repeat_it(tmp_path: Path) -> None:
    old = tmp_path / "old"
    for seed, name in enumerate(("a.jpg", "b.jpg", "c.jpg"), 1):
        vips_photo(old / name, seed=seed)
    write(old, {"index.html": "<html><head><title>Air show</title></head><body><h1>Air show</h1><table><tr>"
                              "<td><img src='a.jpg' width=300><br>F104</td>"
                              "<td><img src='b.jpg' width=300><br>B747</td>"
                              "<td><img src='c.jpg' width=300><br>The P-51 Mustang.</td></tr></table></body></html>"})
    found = import_site(old, tmp_path)
    assert captions(found) == {"a.jpg": "F104", "b.jpg": "B747", "c.jpg": "The P-51 Mustang."}


def test_record_ids_the_site_repeats_are_left_out_and_reported(tmp_path: Path) -> None:
    old = tmp_path / "old"
    cells = ""
    for n in range(3):
        vips_photo(old / f"m{n}.jpg", seed=n + 1)
        cells += f"<td><img src='m{n}.jpg' width=300><br>O00{15 + n}</td>"
    write(old, {"index.html": f"<html><head><title>Media</title></head><body><h1>Media</h1><table><tr>{cells}</tr>"
                              "</table></body></html>"})
    found = import_site(old, tmp_path)
    assert captions(found) == {"m0.jpg": "", "m1.jpg": "", "m2.jpg": ""}
    assert sorted(look.message for look in found.report.looks if "record id" in look.message) == [
        f"“O00{15 + n}” is a record id: not kept as a caption" for n in range(3)]


# -- 6. a picture that can't be read is no drawing, and no crash ------------------------------------------------

def test_a_picture_that_cannot_be_read_is_not_drawn(tmp_path: Path) -> None:
    from albumen.importers.drawn_pictures import is_drawn

    latin1 = tmp_path / os.fsdecode(b"caf\xe9.png")  # read as bytes (libvips takes names as UTF-8)
    latin1.mkdir()  # a folder by a picture's name: reading it fails with OSError
    assert is_drawn(latin1) is False


# -- 7. a photo page's ISO time stamp ('2008-03-14 18:42:10') is the item's date --------------------------------

def test_an_iso_time_stamp_on_a_photo_page_is_the_items_date(tmp_path: Path) -> None:
    old = tmp_path / "old"
    taken = ["2008-03-14 18:42:10", "2008-03-15 09:03:55", "2008-03-16 11:20:31"]
    cells, files = "", {}
    for n, stamp in enumerate(taken, 1):
        big = vips_photo(old / f"big/p{n}.jpg", seed=n)
        pyvips.Image.thumbnail(str(big), 150).jpegsave(str(old / f"thumb{n}.jpg"))
        cells += f"<td><a href='p{n}.html'><img src='thumb{n}.jpg' width=150></a></td>"
        files[f"p{n}.html"] = (f"<html><head><title>Kauai</title></head><body><p><a href='p{max(n - 1, 1)}.html'>"
                               f"Previous</a> | <a href='index.html'>Index</a> | <a href='p{min(n + 1, 3)}.html'>Next"
                               f"</a></p><img src='big/p{n}.jpg' width=800><p>Beach number {n} at Hanalei.</p>"
                               f"<p>{stamp}</p></body></html>")
    files["index.html"] = (f"<html><head><title>Kauai</title></head><body><h1>Kauai</h1><table><tr>{cells}</tr>"
                           "</table></body></html>")
    write(old, files)
    found = import_site(old, tmp_path)
    assert {item.image.rsplit("/", 1)[1]: item.date for item in found.draft.items} == {
        "p1.jpg": "2008-03-14", "p2.jpg": "2008-03-15", "p3.jpg": "2008-03-16"}
    assert captions(found)["p1.jpg"] == "Beach number 1 at Hanalei."


# -- 9. an album page whose photos are only in its Atom feed shows them, with their titles as captions ----------

def test_an_albums_atom_feed_gives_its_photos_and_captions(tmp_path: Path) -> None:
    old = tmp_path / "old"
    entries = ""
    for n, title in enumerate(("Hanalei pier at dusk.", "Rooster on the road.", "Taro fields."), 1):
        vips_photo(old / f"Photos_files/Media/p{n}.jpg", seed=n)
        entries += (f"<entry><title>{title}</title><id>urn:p{n}</id><link rel='alternate' "
                    f"href='http://example.com/Photos.html'/><link rel='enclosure' type='image/jpeg' "
                    f"href='http://example.com/site/Photos_files/Media/p{n}.jpg'/></entry>")
    write(old, {"Photos.html": "<html><head><title>Kauai</title><link rel='alternate' type='application/atom+xml' "
                               "href='Photos_files/atom.xml'></head><body><h1>Kauai</h1><div id='album'></div>"
                               "</body></html>",
                "Photos_files/atom.xml": f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                                         f"<title>Kauai</title>{entries}</feed>"})
    found = import_site(old, tmp_path)
    assert captions(found) == {"p1.jpg": "Hanalei pier at dusk.", "p2.jpg": "Rooster on the road.",
                               "p3.jpg": "Taro fields."}


def test_a_small_see_through_clip_art_is_still_drawn(tmp_path: Path) -> None:
    """herbertland's 50-px snowflake GIF: enlarged to be looked at, it shows many shades, but it is no photo."""
    from albumen.importers.drawn_pictures import is_drawn

    flake = cut_out(tmp_path / "big.png", sepia=False)
    pyvips.Image.thumbnail(str(flake), 50).pngsave(str(tmp_path / "flake.png"))
    assert (is_drawn(flake), is_drawn(tmp_path / "flake.png")) == (False, True)


def test_bold_captions_under_photos_are_no_headings_dividing_the_page(tmp_path: Path) -> None:
    """Review 9, finding 1: a short bold line followed by two photos had become a day's heading: the page split into
    topics 'Mom and Dad' and 'The cake', and the photo above lost its caption. Big type or <hN> heads a day."""
    old = tmp_path / "old"
    for name in "abcde":
        photo(old, f"{name}.jpg", size=(640, 480))
    write(old, {"index.html": "<html><head><title>Wedding</title></head><body><h1>Our wedding</h1>"
                '<div><img src="a.jpg"></div><div><b>Mom and Dad</b></div>'
                '<div><img src="b.jpg"> <img src="c.jpg"></div><div><b>The cake</b></div>'
                '<div><img src="d.jpg"></div><div><b>Dancing all night</b></div>'
                '<div><img src="e.jpg"></div><div><b>Leaving</b></div></body></html>'})
    found = import_site(old, tmp_path)
    assert [topic.title for topic in found.draft.topics] == ["Our wedding"]
    captions = {item.image.rsplit("/", 1)[1]: item.caption for item in found.draft.items}
    assert captions["a.jpg"] == "Mom and Dad"
    assert captions["d.jpg"] == "Dancing all night"


def test_a_portrait_linked_to_its_persons_page_from_every_page_is_no_menu_button(tmp_path: Path) -> None:
    """Review 9, finding 2: a 240x320 portrait leading to joe.html from three pages, at one place on each, had been
    taken for a menu button and lost with its captions and Joe's page. A button is low or a wide strip."""
    old = tmp_path / "old"
    photo(old, "joe.jpg", size=(240, 320))
    pages = {}
    for name in ("index", "kids", "farm"):
        photo(old, f"{name}1.jpg", size=(640, 480))
        photo(old, f"{name}2.jpg", size=(640, 480))
        pages[f"{name}.html"] = (f"<html><head><title>{name}</title></head><body><h1>{name}</h1>"
                                 f'<p><a href="joe.html"><img src="joe.jpg"></a><br>Grandpa Joe at the {name}</p>'
                                 f'<p><img src="{name}1.jpg"><br>Picnic by the {name} barn</p>'
                                 f'<p><img src="{name}2.jpg"><br>Supper on the {name} porch</p></body></html>')
    pages["joe.html"] = ('<html><head><title>Joe</title></head><body><h1>Grandpa Joe</h1><p><img src="joe.jpg">'
                         "<br>Joe in 1950</p><p>Joe was born in 1901 on the farm.</p></body></html>")
    found = import_site(write(old, pages), tmp_path)
    joe = [item for item in found.draft.items if item.image.endswith("/joe.jpg")]
    assert len(joe) == 1 and "Joe in 1950" in joe[0].caption
    assert "joe.jpg" not in " ".join(found.report.navigation_images)
