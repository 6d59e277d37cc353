"""A big genealogy website of the shape Legacy 6-9 writes, made by code: the import's speed bench uses it.

    python bench/big_site.py OUT_DIR [--pages 1000]

The shape of a real Legacy site: a person page per person (a header banner, one or two small photos that link
to their big file, links to the parents, the spouse's family page and the children), a family page per couple,
an alphabetical index of all persons on one page and split by letter (each linking every person page), a
surname index, and a home page. Some photos are shown on many pages: the banner and the coat of arms on every page, a
family's photo on the pages of all its members, the ancestor's portrait on the page of each person of his name
(a different caption on each). The pages are old table HTML in Windows-1252, Dutch words. Nothing here
is taken from a real site; names and dates are made up from a seed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

SURNAMES = ["Prins", "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
            "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
            "Vermeulen", "van den Berg", "Kok", "Jacobs", "Zwart", "Willems", "Schouten", "Hoekstra", "Koster"]
GIVEN = ["Jan", "Pieter", "Cornelis", "Hendrik", "Willem", "Johannes", "Gerrit", "Dirk", "Klaas", "Jacob",
         "Maria", "Anna", "Johanna", "Cornelia", "Elisabeth", "Geertruida", "Hendrika", "Neeltje", "Grietje",
         "Aaltje", "Trijntje", "Adriaan", "Teunis", "Aart", "Lambertus", "Wilhelmina", "Catharina", "Jannetje"]
PLACES = ["Amsterdam", "Rotterdam", "Leiden", "Haarlem", "Delft", "Gouda", "Utrecht", "Alkmaar", "Hoorn",
          "Zaandam", "Den Helder", "Enkhuizen", "Purmerend", "Edam", "Monnickendam"]


@dataclass
class Person:
    number: int
    given: str
    surname: str
    born: str
    place: str
    parents: int | None = None  # the family they were born in
    family: int | None = None  # the family they head
    photos: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def page(self) -> str:
        return f"pafg{self.number:04d}.htm"


@dataclass
class Family:
    number: int
    husband: int
    wife: int
    children: list[int] = field(default_factory=list)
    photo: str | None = None  # shown on the family page and on each member's page

    @property
    def page(self) -> str:
        return f"fam{self.number:04d}.htm"


STAMVADER = "photos/stamvader.jpg"


def thumb(photo: str) -> str:
    """The small copy a page shows, linked to the big file."""
    return photo.replace("photos/", "photos/thumbs/", 1)


def jpeg(path: Path, size: tuple[int, int], seed: str) -> None:
    """A deterministic JPEG, different for each seed, so that no two photos are taken for copies."""
    digest = hashlib.sha256(seed.encode()).digest()
    width, height = size
    image = Image.new("RGB", size, (digest[0], digest[1], digest[2]))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 8, height // 8, width * 5 // 8, height * 7 // 8),
                 fill=(255 - digest[0], 255 - digest[1], 255 - digest[2]))
    for x in range(0, width, max(4, width // (10 + digest[6] % 30))):
        draw.line((x, 0, width - x, height), fill=(digest[3], digest[4], digest[5]), width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def people_of(count: int, rng: random.Random) -> tuple[list[Person], list[Family]]:
    """`count` persons in couples and their children, generation after generation."""
    persons: list[Person] = []
    families: list[Family] = []

    def new_person(parents: int | None, surname: str) -> Person:
        number = len(persons) + 1
        person = Person(number, rng.choice(GIVEN), surname, f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-"
                        f"{rng.randint(1700, 1950)}", rng.choice(PLACES), parents)
        persons.append(person)
        return person

    waiting = [new_person(None, "Prins"), new_person(None, rng.choice(SURNAMES))]
    while len(persons) < count:
        husband = waiting.pop(0)
        wife = new_person(None, rng.choice(SURNAMES))
        family = Family(len(families) + 1, husband.number, wife.number)
        families.append(family)
        husband.family = wife.family = family.number
        for _ in range(rng.randint(1, 4)):
            if len(persons) >= count:
                break
            child = new_person(family.number, husband.surname)
            family.children.append(child.number)
            waiting.append(child)
        if not waiting:
            waiting.append(new_person(None, rng.choice(SURNAMES)))
    return persons, families


def top(title: str) -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
            f'<meta name="Generator" content="Legacy 6.0"><title>{title}</title></head>\n'
            '<body bgcolor="#FFFFF0"><table width="760" border="0"><tr><td>'
            '<img src="images/banner.jpg" width="760" height="100" alt=""></td></tr>\n'
            '<tr><td><img src="images/wapen.jpg" width="60" height="75" align="right" alt="Familiewapen">'
            '<a href="index.htm">Startpagina</a> | <a href="names.htm">Index van personen</a> | '
            '<a href="surnames.htm">Achternamen</a></td></tr><tr><td>\n')


BOTTOM = ('</td></tr><tr><td><hr><font size="1">Gemaakt met Legacy 6.0 &copy; familie Prins. '
          'Laatst bijgewerkt 12-3-2009.</font></td></tr></table></body></html>\n')


def person_page(person: Person, persons: list[Person], families: list[Family]) -> str:
    """A person's page: name, dates, photos (small, linked to the big file), parents, family, children."""
    rows = [f"<h2>{person.name}</h2>", f"<p>Geboren: {person.born} te {person.place}</p>"]
    for photo in person.photos:
        rows.append(f'<p><a href="{photo}"><img src="{thumb(photo)}" width="150" height="112" border="0"></a><br>'
                    f"{person.name}, omstreeks {person.born[-4:]}</p>")
    if person.parents:
        family = families[person.parents - 1]
        father, mother = persons[family.husband - 1], persons[family.wife - 1]
        rows.append(f'<p>Vader: <a href="{father.page}">{father.name}</a><br>'
                    f'Moeder: <a href="{mother.page}">{mother.name}</a><br>'
                    f'Gezin: <a href="{family.page}">Gezin {father.surname}</a></p>')
        if family.photo:
            rows.append(f'<p><a href="{family.photo}"><img src="{thumb(family.photo)}" width="150" height="112"></a>'
                        f"<br>Het gezin van {father.name}</p>")
    if person.family:
        family = families[person.family - 1]
        spouse = persons[(family.wife if family.husband == person.number else family.husband) - 1]
        rows.append(f'<p>Gehuwd met <a href="{spouse.page}">{spouse.name}</a> '
                    f'(<a href="{family.page}">gezinsblad</a>)</p>')
        if family.children:
            rows.append("<p>Kinderen:<br>" + "<br>".join(
                f'<a href="{persons[c - 1].page}">{persons[c - 1].name}</a>' for c in family.children) + "</p>")
    if person.surname == persons[0].surname and person.number > 1:  # the ancestor's portrait on each descendant
        rows.append(f'<p><a href="{STAMVADER}"><img src="{thumb(STAMVADER)}" width="150" height="112"></a><br>'
                    f"{persons[0].name}, stamvader van {person.name}</p>")
    return top(person.name) + "\n".join(rows) + BOTTOM


def family_page(family: Family, persons: list[Person]) -> str:
    husband, wife = persons[family.husband - 1], persons[family.wife - 1]
    rows = [f"<h2>Gezin {husband.name} en {wife.name}</h2>",
            f'<table border="1"><tr><td>Man</td><td><a href="{husband.page}">{husband.name}</a></td></tr>',
            f'<tr><td>Vrouw</td><td><a href="{wife.page}">{wife.name}</a></td></tr>']
    rows += [f'<tr><td>Kind</td><td><a href="{persons[c - 1].page}">{persons[c - 1].name}</a></td></tr>'
             for c in family.children]
    rows.append("</table>")
    if family.photo:
        rows.append(f'<p><a href="{family.photo}"><img src="{thumb(family.photo)}" width="150" height="112"></a><br>'
                    f"Het gezin van {husband.name}</p>")
    return top(f"Gezin {husband.surname}") + "\n".join(rows) + BOTTOM


def index_pages(persons: list[Person]) -> dict[str, str]:
    """The alphabetical index of all persons on one page (a page that grows with the site: each person's line
    links their page), a page per first letter of the surname, and the surname index."""
    by_letter: dict[str, list[Person]] = {}
    for person in sorted(persons, key=lambda p: (p.surname, p.given, p.number)):
        by_letter.setdefault(person.surname[0].upper(), []).append(person)

    def rows(group: list[Person]) -> str:
        return "".join(f'<tr><td><a href="{p.page}">{p.surname}, {p.given}</a></td><td>{p.born}</td></tr>\n'
                       for p in group)

    pages = {f"names_{letter}.htm": top(f"Index {letter}") + f"<h2>{letter}</h2><table>{rows(group)}</table>"
             + BOTTOM for letter, group in by_letter.items()}
    letters = " ".join(f'<a href="names_{letter}.htm">{letter}</a>' for letter in by_letter)
    every = "".join(f'<h3><a name="{letter}">{letter}</a></h3><table>{rows(group)}</table>\n'
                    for letter, group in by_letter.items())
    pages["names.htm"] = top("Index van personen") + f"<p>{letters}</p>{every}" + BOTTOM
    surnames: dict[str, Person] = {}
    for person in persons:
        surnames.setdefault(person.surname, person)
    listed = "<br>\n".join(f'<a href="names.htm#{s[0].upper()}">{s}</a>' for s in sorted(surnames))
    pages["surnames.htm"] = top("Achternamen") + f"<p>{listed}</p>" + BOTTOM
    return pages


def write_site(root: Path, total_pages: int, seed: int = 1) -> int:
    """A Legacy-shaped site of about `total_pages` HTML pages in `root`; returns how many it wrote."""
    rng = random.Random(seed)
    # a family page to about 3.5 persons, plus ~20 index pages
    persons, families = people_of(max(4, (total_pages - 20) * 78 // 100), rng)
    for person in persons:
        if rng.random() < 0.08:
            person.photos.append(f"photos/p{person.number:04d}.jpg")
            if rng.random() < 0.3:
                person.photos.append(f"photos/p{person.number:04d}b.jpg")
    for family in families:
        if rng.random() < 0.1:
            family.photo = f"photos/gezin{family.number:04d}.jpg"
    pages = {"index.htm": top("Stamboom Prins") + "<p>Welkom op de stamboom van de familie Prins.</p>"
             '<p><a href="names.htm">Index van personen</a></p>' + BOTTOM}
    pages |= {p.page: person_page(p, persons, families) for p in persons}
    pages |= {f.page: family_page(f, persons) for f in families}
    pages |= index_pages(persons)
    for rel, text in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("cp1252"))
    jpeg(root / "images/banner.jpg", (760, 100), "banner")
    jpeg(root / "images/wapen.jpg", (120, 150), "wapen")
    shown = {photo for p in persons for photo in p.photos} | {f.photo for f in families if f.photo} | {STAMVADER}
    for photo in sorted(shown):
        jpeg(root / photo, (640, 480), photo)
        jpeg(root / thumb(photo), (150, 112), photo)
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    print(f"{write_site(args.out, args.pages)} pages in {args.out}")


if __name__ == "__main__":
    main()
