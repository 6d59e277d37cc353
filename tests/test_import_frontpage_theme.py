"""FrontPage themes draw a button per page into _derived/ ('2008.htm_cmp_expeditn010_hbtn_p.gif', the page's own
button shown pressed and unlinked on that page): navigation, never a photo in the page's topic (frontpage-casamuscas:
the pressed button was an item of 14 topics)."""

from __future__ import annotations

from pathlib import Path

import pyvips

from conftest import make_jpeg
from test_import_real_photos import import_site, photo, write

PAGES = ("2008", "2009", "2010")


def button(path: Path) -> None:
    """A 140x50 theme button: a picture-like face of many shades (a theme's photographic texture) and an alpha
    channel, as FrontPage's themes drew them; no drawing of few colours, so only its place says it is a button."""
    picture = make_jpeg(path.with_suffix(".src.jpg"), (560, 200), seed=path.name)
    face = pyvips.Image.new_from_file(str(picture)).resize(0.25)
    face.bandjoin(255).write_to_file(str(path))
    picture.unlink()


def theme_site(root: Path) -> Path:
    for year in PAGES:
        for state in ("", "_p"):
            button(root / f"_derived/{year}.htm_cmp_expeditn010_hbtn{state}.gif")
    for year in PAGES:
        bar = "".join(f'<img src="_derived/{y}.htm_cmp_expeditn010_hbtn_p.gif" alt="{y}" width="140" height="50">'
                      if y == year else f'<a href="{y}.htm"><img src="_derived/{y}.htm_cmp_expeditn010_hbtn.gif" '
                      f'alt="{y}" width="140" height="50"></a>' for y in PAGES)
        cells = ""
        for n in (1, 2):
            photo(root, f"foto/{year}_{n}.jpg", f"foto/mini/{year}_{n}.jpg")
            cells += (f'<td><a href="foto/{year}_{n}.jpg"><img src="foto/mini/{year}_{n}.jpg"></a>'
                      f'<br>Gita {year} n. {n}</td>')
        write(root, {f"{year}.htm": f'<html><head><title>{year}</title></head><body><p>{bar}</p>'
                                     f'<table><tr>{cells}</tr></table><p>{bar}</p></body></html>'})
    return write(root, {"index.htm": '<html><head><title>Casa</title></head><body><p>' + "".join(
        f'<a href="{y}.htm">{y}</a> ' for y in PAGES) + "</p></body></html>"})


def test_a_pages_own_theme_button_is_no_photo(tmp_path: Path) -> None:
    found = import_site(theme_site(tmp_path / "old"), tmp_path)
    images = sorted(item.image.split("/", 1)[1] for item in found.draft.items)
    assert images == sorted(f"foto/{y}_{n}.jpg" for y in PAGES for n in (1, 2))
    assert sorted(len(topic.items) for topic in found.draft.topics) == [2, 2, 2]
    assert {item.caption for item in found.draft.items} == {f"Gita {y} n. {n}" for y in PAGES for n in (1, 2)}


# -- Text on GIF: FrontPage drew a caption onto a copy of the picture; the words are only in its webbot comment ------

def text_on_gif_site(root: Path) -> Path:
    """Two old photos with their year drawn on (as casamuscas' 'altri tempi': the year is their only caption)."""
    images = ""
    for name, year in (("nonno", "1949"), ("nonna", "1951")):
        make_jpeg(root / f"images/{name}.jpg", (400, 300), seed=name)
        drawn = pyvips.Image.new_from_file(str(root / f"images/{name}.jpg")).draw_rect([255, 255, 255], 10, 10, 60, 20,
                                                                                       fill=True)
        (root / "_derived").mkdir(parents=True, exist_ok=True)
        drawn.write_to_file(str(root / f"_derived/tempi.htm_txt_{name}.gif"))
        images += (f'<p align="center"><!--webbot bot="ImageMap" startspan\ntext=" (10,10) (70, 30) {{{year}}} '
                   f'{{Times New Roman}} 12 B #000000 CT 0  "\nborder="0" src="images/{name}.jpg" '
                   f'u-originalsrc="images/{name}.jpg"\nu-overlaysrc="_overlay/tempi.htm_txt_{name}.gif" -->'
                   f'<img border="0" src="_derived/tempi.htm_txt_{name}.gif" width="400" height="300"><!--webbot\n'
                   'bot="ImageMap" i-checksum="453" endspan --></p>\n')
    write(root, {"tempi.htm": f"<html><head><title>Altri tempi</title></head><body>{images}</body></html>"})
    return write(root, {"index.htm": '<html><head><title>Casa</title></head><body><p>Le nostre foto.</p>'
                                     '<p><a href="tempi.htm">Altri tempi</a></p></body></html>'})


def test_words_drawn_on_a_copy_are_the_caption_of_the_picture_they_were_drawn_on(tmp_path: Path) -> None:
    found = import_site(text_on_gif_site(tmp_path / "old"), tmp_path)
    items = {item.image.split("/", 1)[1]: item for item in found.draft.items}
    assert sorted(items) == ["images/nonna.jpg", "images/nonno.jpg"]
    assert items["images/nonno.jpg"].caption == "1949"
    assert items["images/nonna.jpg"].caption == "1951"
    assert "_derived/tempi.htm_txt_nonno.gif" in items["images/nonno.jpg"].redirect_from
