"""`albumen import html` on the metadata a photo's own page lists beside it (issue 13, research round 12 findings 3
and 4): an Aperture web journal's `<ul id="metadata">` ("Date: 6/7/15, 11:57:20 AM PDT", camera settings) and the
location table iPhoto 9's "Export > Web Page" writes under a photo (Latitude / Longitude / Altitude / Location,
the labels without a colon, a spacer cell between label and value). They are the photo's fields, never its
caption. Each old site is written here by code, with real JPEG files; no file of the real sites is in the
repository.
"""

from __future__ import annotations

from pathlib import Path

from albumen.importers.html_site import HtmlImport
from test_import_real_photos import import_site, item_of, messages, photo, write

# -- Aperture 3 web journal ("Stock book"): large-N.html, the metadata list left of the photo -----------------

JOURNAL_DATES = ["6/7/15, 11:57:20 AM PDT", "6/20/15, 2:03:11 PM PDT", "7/5/15, 9:15:40 AM PDT"]


def aperture_journal(old: Path, metadata: list[str], headings: list[str] | None = None) -> Path:
    """An index of thumbnails (thumbnails/thumb-N.jpg -> large-N.html) and a page per photo: the journal's title,
    Index / 'N of M' / Next, the side cell with an (empty) <h2> and the metadata list, the photo."""
    count = len(metadata)
    thumbs = ""
    for n in range(1, count + 1):
        photo(old, f"pictures/picture-{n}.jpg", f"thumbnails/thumb-{n}.jpg", size=(360, 480), thumb_width=113)
        thumbs += (f'<td class="thumbnail"><a href="large-{n}.html"><img src="thumbnails/thumb-{n}.jpg" '
                   'width="113" height="150" alt=""></a></td>')
    files = {"index.html": '<html><head><title>Our Life</title></head><body class="index"><div id="header"><h1>'
                           f'Our Life</h1></div><table><tr><td class="sidetext">FAMILY</td>{thumbs}</tr></table>'
                           '<div id="footer"><p>© 1985 www.example.com</p></div></body></html>'}
    for n, items in enumerate(metadata, 1):
        following = f'<a href="large-{n + 1}.html"><em>Next</em></a>' if n < count else ""
        heading = (headings or [""] * count)[n - 1]
        files[f"large-{n}.html"] = (
            '<html><head><title>Our Life - IMG_0697</title></head><body class="detail"><div id="header"><h1>Our '
            'Life</h1><ul id="nav"><li class="index"><a href="index.html">Index</a></li><li class="previous"> '
            f'</li><li class="pageNumber">{n} of {count}</li><li class="next">{following}</li></ul></div>'
            f'<table><tbody><tr><td class="sideinfo"><h2>{heading}</h2><ul id="metadata">{items}</ul></td>'
            f'<td style="width:100%;"><div id="photo"><img name="img" src="pictures/picture-{n}.jpg" width="360" '
            'height="480" alt=""></div></td></tr></tbody></table><div id="footer"><p>© 1985 www.example.com</p>'
            '</div></body></html>')
    write(old, files)
    return old


def test_an_aperture_journals_date_field_is_the_items_date_and_no_caption(tmp_path: Path) -> None:
    """aperture-momscollage: `<li>Date: 6/7/15, 11:57:20 AM PDT </li>` was all 68 captions and no item had a date.
    The camera's clock prints month/day/yy (the site's 6/20/15 says which comes first): 2015-06-07."""
    old = aperture_journal(tmp_path / "old", [f"<li>Date: {stamp} </li>" for stamp in JOURNAL_DATES])
    found = import_site(old, tmp_path)
    items = [item_of(found, f"pictures/picture-{n}.jpg") for n in (1, 2, 3)]
    assert [item.caption for item in items] == ["", "", ""]
    assert [item.date for item in items] == ["2015-06-07", "2015-06-20", "2015-07-05"]
    assert not [text for text in messages(found) if "Date:" in text or "PDT" in text]


def test_an_aperture_journals_camera_settings_are_no_caption(tmp_path: Path) -> None:
    """An Aperture export of 2018 (oh-/jr_wedding) lists `<li><strong>Date:</strong> ...` and the camera's
    settings (Aperture, Shutter Speed, ISO, Focal Length): none of them is a caption; the photo's own words (the
    <h2>) still are its title."""
    settings = ("<li><strong>Aperture:</strong> ƒ/{f}</li><li><strong>Shutter Speed:</strong> 1/{speed}</li>"
                "<li><strong>ISO:</strong> {iso}</li><li><strong>Focal Length:</strong> {mm}mm</li>"
                "<li><strong>Camera:</strong> Canon EOS 5D Mark III</li><li><strong>Flash:</strong> Off</li>")
    old = aperture_journal(tmp_path / "old", [f"<li><strong>Date:</strong> {stamp}</li>" + settings.format(
        f=11 + n, speed=125 * n, iso=100 * n, mm=24 + 11 * n) for n, stamp in enumerate(JOURNAL_DATES, 1)],
                           headings=["Cutting the cake", "", ""])
    found = import_site(old, tmp_path)
    items = [item_of(found, f"pictures/picture-{n}.jpg") for n in (1, 2, 3)]
    assert [(item.title, item.caption) for item in items] == [("Cutting the cake", ""), ("", ""), ("", "")]
    assert [item.date for item in items] == ["2015-06-07", "2015-06-20", "2015-07-05"]
    assert not [item for item in items if "1/125" in str(item.source) or "ƒ/" in item.caption]


# -- iPhoto 9 "Export > Web Page": the location table under the photo ----------------------------------------

LOCATIONS = [("51.494463˚ N", "0.12381117˚ W", "11.00 m", "Thames River, London, England, United Kingdom"),
             ("42.266483˚ N", "2.9631667˚ E", "-4.00 m", "Figueres, Catalonia, Spain"),
             ("47.123456˚ N", "11.654321˚ E", "812.00 m", "Oberhofer Alm above the Zillergrund")]


def iphoto_trip(old: Path, locations: list[tuple[str, str, str, str]]) -> Path:
    """index.html of thumbnails (Thumbnails/N.jpg -> Pages/N.html) and a page per photo: Up / Next links, the
    photo (Images/N.jpg), and the table of Latitude / Longitude / Altitude / Location with a spacer cell."""
    cells = ""
    files = {}
    for n, (lat, lon, altitude, place) in enumerate(locations, 1):
        photo(old, f"Images/{n}.jpg", f"Thumbnails/{n}.jpg", size=(800, 600), thumb_width=120)
        cells += f'<td><a href="Pages/{n}.html"><img src="Thumbnails/{n}.jpg" width="120" height="90"></a></td>'
        following = f'&nbsp;&nbsp;<a href="{n + 1}.html">Next--></a>' if n < len(locations) else ""
        rows = "".join(f"<tr><td>{label}</td><td>&nbsp;&nbsp;&nbsp;</td><td>{value}</td></tr>\n" for label, value in
                       (("Latitude", lat), ("Longitude", lon), ("Altitude", altitude), ("Location", place)))
        files[f"Pages/{n}.html"] = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title></title></head>'
            f'<body bgcolor="#ffffff"><h1></h1><br><br><br><a href="../index.html">Up</a>{following}<br><br>'
            f'<img alt="" src="../Images/{n}.jpg"><p><p><font size=10><table cellspacing="0" cellpadding="2">\n'
            f"{rows}</table></font></body></html>")
    files["index.html"] = ('<html><head><title>London &amp; Catalonia Summer 2014</title></head><body><h1>London '
                           f'&amp; Catalonia Summer 2014</h1><table><tr>{cells}</tr></table></body></html>')
    write(old, files)
    return old


def test_an_iphoto_location_table_is_the_items_place_not_its_caption(tmp_path: Path) -> None:
    """iphoto-spaintrip: the table's values without their labels ('51.494463˚ N / 0.12381117˚ W / 11.00 m /
    Thames River, London, ...') were 73 captions. The Location names the item's place (the gazetteer knows London
    and Figueres); the coordinates are kept in the item's source, as a photo file's GPS is."""
    found = import_site(iphoto_trip(tmp_path / "old", LOCATIONS), tmp_path)
    london, figueres = item_of(found, "Images/1.jpg"), item_of(found, "Images/2.jpg")
    assert [london.caption, figueres.caption] == ["", ""]
    assert london.places == ("london",)
    assert figueres.places == ("figueres",)
    assert london.source["gps"] == [51.494463, -0.123811]
    assert london.source["place_text"] == "Thames River, London, England, United Kingdom"
    assert figueres.source["gps"] == [42.266483, 2.963167]


def test_an_unknown_iphoto_location_is_drafted_at_its_coordinates(tmp_path: Path) -> None:
    """A Location no gazetteer knows ('Oberhofer Alm above the Zillergrund') is drafted in places.yaml with the
    table's latitude and longitude, and the report does not ask for coordinates the old page gave."""
    found = import_site(iphoto_trip(tmp_path / "old", LOCATIONS), tmp_path)
    alm = item_of(found, "Images/3.jpg")
    assert alm.caption == ""
    drafted = {place.id: place for place in found.draft.places}
    assert [(drafted[place].name, drafted[place].lat, drafted[place].lon) for place in alm.places] == [
        ("Oberhofer Alm above the Zillergrund", 47.123456, 11.654321)]
    assert not [text for text in messages(found) if "Oberhofer" in text and "lat and lon" in text]


def test_a_table_of_known_labels_without_colons_needs_every_row_a_field(tmp_path: Path) -> None:
    """A hand-made photo page's table whose rows are not all labelled fields ('Location' beside words, then a
    row of running text) stays the caption, as the page shows it."""
    old = tmp_path / "old"
    photo(old, "big/1.jpg", "small/1.jpg")
    write(old, {"index.html": '<html><head><title>Trip</title></head><body><h1>Trip</h1><a href="p1.html"><img '
                              'src="small/1.jpg" width="100" height="75"></a></body></html>',
                "p1.html": '<html><head><title>Trip</title></head><body><a href="index.html">Up</a><img '
                           'src="big/1.jpg"><table><tr><td>Location</td><td>the old harbour</td></tr><tr><td '
                           'colspan="2">We sat here every evening and watched the boats come in.</td></tr></table>'
                           '</body></html>'})
    found: HtmlImport = import_site(old, tmp_path)
    assert "We sat here every evening" in item_of(found, "big/1.jpg").caption


def test_a_citation_list_with_one_known_label_stays_the_caption(tmp_path: Path) -> None:
    """gramps-narweb-schmidt: a source reference under a photo lists 'Date: 1790', 'Page: 247', 'Citation: ...'
    in a list nested in the reference's item. Only 'Date' is a known label: the list stays the caption (as before;
    its first line is taken for the title), and the outer item, whose words run 'Date: 1790 Page: 247 Citation:
    ...', is no 'Date' field that would take the whole list out of the caption."""
    old = tmp_path / "old"
    photo(old, "images/census.jpg", "thumb/census.jpg")
    write(old, {"index.html": '<html><head><title>Media</title></head><body><h1>Media</h1><a href="img/census.html">'
                              '<img src="thumb/census.jpg" width="100" height="75"></a></body></html>',
                "img/census.html": '<html><head><title>Census</title></head><body><a href="../index.html">Media</a>'
                                   '<img src="../images/census.jpg"><ol><li id="sref1a"><ul><li>Date: 1790</li><li>'
                                   'Page: 247</li><li>Citation: Census Place: Kinderhook, Columbia, New York</li><li>'
                                   'General: Pieter is the very last line in the census page.</li></ul></li></ol>'
                                   '</body></html>'})
    found = import_site(old, tmp_path)
    census = item_of(found, "images/census.jpg")
    assert census.caption.split("\n\n") == ["Page: 247", "Citation: Census Place: Kinderhook, Columbia, New York",
                                            "General: Pieter is the very last line in the census page."]
    assert census.date == ""
