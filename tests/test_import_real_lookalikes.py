"""`albumen import html` on a second set of real old sites (issue 13, /work/notes/realsites2_report.md): pictures
that look alike but are different photos (29 T-shirt designs on one shirt template, photoshop7-paged-ojovo),
gallery makers' file-name labels, photo pages whose big image is lost. Each old site is written here by code,
with real JPEGs.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from conftest import run_cli
from test_import_real_photos import import_site, write

PS7 = '<META name="generator" content="Adobe Photoshop(R) 7.0 Web Photo Gallery">'


# -- different designs printed on one shirt template: look-alikes, never one item ----------------------------

def shirt(design: int) -> Image.Image:
    """A 350x291 yellow shirt on a yellow ground (one template), with design number `design` printed on its chest:
    a few shapes and a word, a small part of the picture, as the real site's prints are."""
    image = Image.new("RGB", (350, 291), (240, 200, 30))
    draw = ImageDraw.Draw(image)
    draw.polygon([(60, 40), (290, 40), (330, 100), (280, 120), (280, 280), (70, 280), (70, 120), (20, 100)],
                 fill=(230, 185, 20))
    chance = random.Random(design)
    for _ in range(3):
        x, y = chance.randrange(120, 200), chance.randrange(90, 170)
        draw.ellipse([x, y, x + chance.randrange(20, 50), y + chance.randrange(20, 50)],
                     fill=tuple(chance.randrange(256) for _ in range(3)))
    draw.text((130, 200), f"DESIGN {design}", fill=(0, 0, 0))
    return image


def photoshop_thumbnail(image: Image.Image) -> Image.Image:
    """The 75-px thumbnail Photoshop's gallery makes: resized and sharpened (saved at quality 60)."""
    return image.resize((75, 62), Image.Resampling.LANCZOS).filter(ImageFilter.SHARPEN)


def shirts_gallery(old: Path, designs: int) -> list[str]:
    """A Photoshop 7 'Simple' gallery of `designs` shirts: index.htm of thumbnails, pages/NAME.htm each showing
    images/NAME.jpg and its file name. The last page shows design 0 again, re-saved under another name."""
    names = [f"shirt{n}C" for n in range(designs)]
    pictures = {name: shirt(n) for n, name in enumerate(names)}
    pictures["shirt0C_copy"] = pictures[names[0]]
    (old / "images").mkdir(parents=True)
    (old / "thumbnails").mkdir()
    cells = []
    for name, image in pictures.items():
        image.save(old / "images" / f"{name}.jpg", quality=90 if name != "shirt0C_copy" else 70)
        photoshop_thumbnail(image).save(old / "thumbnails" / f"{name}.jpg", quality=60)
        write(old, {f"pages/{name}.htm": f"<HTML><HEAD><TITLE>Shirts</TITLE>{PS7}</HEAD><BODY><CENTER><TABLE "
                    f"border=3><TR><TD><IMG src='../images/{name}.jpg' border=0 alt='{name}'></TD></TR></TABLE>"
                    f"</CENTER><P><CENTER><FONT size=3>{name}.jpg</FONT></CENTER></P></BODY></HTML>"})
        cells.append(f"<TD><A href='pages/{name}.htm'><IMG src='thumbnails/{name}.jpg' border=0 alt='{name}'></A>"
                     f"<br><FONT size=3>{name}.jpg</FONT></TD>")
    write(old, {"index.htm": f"<HTML><HEAD><TITLE>Shirts</TITLE>{PS7}</HEAD><BODY><CENTER><TABLE border=3><TR>"
                + "</TR><TR>".join("".join(cells[i:i + 4]) for i in range(0, len(cells), 4))
                + "</TR></TABLE></CENTER></BODY></HTML>"})
    return names


def test_different_designs_on_one_template_stay_different_photos(tmp_path: Path) -> None:
    """photoshop7-paged-ojovo: 173 photo pages of T-shirt designs became 50 items (29 designs in one); each design
    is its own photo. The same design re-saved under another name is still the same photo: its page redirects
    to that item."""
    old = tmp_path / "old"
    names = shirts_gallery(old, 6)
    found = import_site(old, tmp_path)
    images = sorted(item.image.rsplit("/", 1)[-1] for item in found.draft.items)
    assert images == sorted(f"{name}.jpg" for name in names)
    first = next(item for item in found.draft.items if item.image.endswith("/shirt0C.jpg"))
    assert "pages/shirt0C_copy.htm" in first.redirect_from
    for n, name in enumerate(names[1:], start=1):
        item = next(item for item in found.draft.items if item.image.endswith(f"/{name}.jpg"))
        assert f"pages/{name}.htm" in item.redirect_from, n
        assert not any(other in item.redirect_from for other in (f"pages/{m}.htm" for m in names if m != name))


def test_look_alike_designs_are_listed_for_a_person(tmp_path: Path) -> None:
    """Designs on one template are not merged, but the report lists them: 'looks nearly the same'."""
    old = tmp_path / "old"
    shirts_gallery(old, 4)
    result = run_cli("import", "html", old, "-C", tmp_path / "archive")
    assert result.exit_code == 0, result.stderr
    items = sorted(p.name for p in (tmp_path / "archive" / "items").glob("*.md"))
    assert items == ["shirt0c.md", "shirt1c.md", "shirt2c.md", "shirt3c.md"], items
    report = (tmp_path / "archive" / "import-report.md").read_text(encoding="utf-8")
    assert "looks nearly the same" in report


# -- a gallery maker's file-name label is no title and no caption, in any language --------------------------

def dreamweaver_album(old: Path, album: str, names: list[str]) -> None:
    """Dreamweaver's 'Create Web Photo Album' with file names shown: a dot of a name becomes '_' in its files
    (x 04.jpg -> 'x 04_jpg.jpg'), each photo page is headed '<h2>Album/NAME.jpg</h2>', Previous | Home | Next."""
    files = [name.replace(".", "_") for name in names]
    cells = []
    for n, (name, stem) in enumerate(zip(names, files, strict=True)):
        picture = shirt(100 + n).resize((480, 400))
        (old / "images").mkdir(parents=True, exist_ok=True)
        (old / "thumbnails").mkdir(exist_ok=True)
        picture.save(old / "images" / f"{stem}.jpg", quality=85)
        picture.resize((100, 83)).save(old / "thumbnails" / f"{stem}.jpg", quality=80)
        back, forward = files[n - 1], files[(n + 1) % len(files)]
        write(old, {f"pages/{stem}.htm": f"<html><head><title>{album} / {name}</title></head><body><table border=0>"
                    f"<tr><td align=left><h2>{album}/{name}</h2><a href='{back}.htm'>Previous</a> | <a href="
                    f"'../index.htm'>Home</a> | <a href='{forward}.htm'>Next</a><br><br></td></tr><tr><td "
                    f"align=center><br><a href='../images/{stem}.jpg'><img src='../images/{stem}.jpg' border=0></a>"
                    "<br></td></tr></table></body></html>"})
        cells.append(f"<td align=center><a href='pages/{stem}.htm'><img src='thumbnails/{stem}.jpg' border=0></a>"
                     f"<br>\n{name}</td>")
    write(old, {"index.htm": f"<html><head><title>{album}</title></head><body><center><table><tr><td><h1>{album}"
                "</h1></td></tr></table><br><table align=center border=0 cellspacing=10><tr valign=bottom>"
                + "".join(cells) + "</tr></table></center></body></html>"})


def test_dreamweaver_file_name_labels_are_no_title_nor_caption(tmp_path: Path) -> None:
    """dreamweaver-carmenbook: 258 of 481 items were titled 'Photo Gallery/001.jpg', captioned 'year1end 04.jpg'
    (the file is 'year1end 04_jpg.jpg'); the album's title is the topic's, the file name nobody's caption."""
    old = tmp_path / "old"
    dreamweaver_album(old, "Phoenix", ["year1end 04.jpg", "year1end 06.jpg", "year1end 010.jpg"])
    found = import_site(old, tmp_path)
    assert len(found.draft.items) == 3
    assert [(item.title, item.caption.strip()) for item in found.draft.items] == [("", "")] * 3
    assert [topic.title for topic in found.draft.topics] == ["Phoenix"]
