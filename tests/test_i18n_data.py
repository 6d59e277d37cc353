"""The site's data in the archive's language: IIIF manifests' and collections' labels as language maps (albumen's
own words translated, what the archive wrote tagged with its language, "none" for what has no words), the
citation, CSL-JSON and BibTeX words, and JSON-LD's inLanguage, read from a built French archive."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import DEFAULT_TOML, base_files, item_md, make_jpeg, run_cli

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "iiif" / "iiif_3_0.json"
BASE = "https://example.org/photos/"


def build_archive(root: Path, language: str) -> Path:
    """The tests' small archive (two photographs in a topic) in `language`, with an undated photograph and a
    letter of two pages (one labelled, one not) added; built. Returns its _site/."""
    settings = DEFAULT_TOML.replace('rights = "Test rights."',
                                    f'rights = "Droits réservés."\nlanguage = "{language}"\nbase_url = "{BASE}"')
    files: dict[str, str] = {"albumen.toml": settings, **{k: v for k, v in base_files().items() if v is not None}}
    files["items/undated.md"] = item_md("Une photographie sans date.", title="Sans date", image="undated.jpg")
    files["items/letter.md"] = item_md("Une lettre.", title="Lettre", date="1945",
                                       images=[{"file": "letter/1.jpg", "label": "recto"}, "letter/2.jpg"])
    for rel, content in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    for name, size in {"first.jpg": (640, 480), "second.jpg": (480, 640), "undated.jpg": (400, 300),
                       "letter/1.jpg": (300, 400), "letter/2.jpg": (300, 400)}.items():
        make_jpeg(root / "images" / name, size)
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    return root / "_site"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("fr") / "archive", "fr")


def read_json(site: Path, rel: str) -> Any:
    return json.loads((site / rel).read_text(encoding="utf-8"))


def metadata_of(manifest: dict[str, Any]) -> list[tuple[dict[str, list[str]], dict[str, list[str]]]]:
    return [(row["label"], row["value"]) for row in manifest["metadata"]]


def item_page(site: Path, item_id: str) -> HTMLParser:
    return HTMLParser((site / "items" / item_id / "index.html").read_text(encoding="utf-8"))


def json_ld(page: HTMLParser) -> dict[str, Any]:
    [script] = page.css('script[type="application/ld+json"]')
    return json.loads(script.text())


# ---------------------------------------------------------------- IIIF


def test_manifest_labels_are_french_and_what_has_no_words_is_none(french_site: Path) -> None:
    first = read_json(french_site, "iiif/items/first/manifest.json")
    assert first["label"] == {"fr": ["First photo"]}
    assert first["summary"] == {"fr": ["The first photograph, by the river."]}
    assert metadata_of(first) == [
        ({"fr": ["Date"]}, {"fr": ["printemps 1944"]}),
        ({"fr": ["Lieux"]}, {"fr": ["Liuzhou"]}),
        ({"fr": ["Sujets"]}, {"fr": ["rivers"]}),
        ({"fr": ["Auteur"]}, {"fr": ["A. Person"]}),
        ({"fr": ["Droits"]}, {"fr": ["Droits réservés."]}),
    ]
    assert first["requiredStatement"] == {"label": {"fr": ["Droits"]}, "value": {"fr": ["Droits réservés."]}}
    assert first["homepage"][0]["label"] == {"fr": ["First photo"]}
    letter = read_json(french_site, "iiif/items/letter/manifest.json")
    # a year is no language's words
    assert metadata_of(letter)[0] == ({"fr": ["Date"]}, {"none": ["1945"]})
    # the label the archive gave, and albumen's own name for the other image, in French
    assert [canvas["label"] for canvas in letter["items"]] == [{"fr": ["recto"]}, {"fr": ["Image 2"]}]


def test_collection_labels_are_in_the_archive_s_language(french_site: Path) -> None:
    site = read_json(french_site, "iiif/collection.json")
    assert site["label"] == {"fr": ["Test archive"]}
    labels = {ref["id"].removeprefix(BASE): ref["label"] for ref in site["items"]}
    assert labels["iiif/topics/journey/collection.json"] == {"fr": ["The journey"]}
    assert labels["iiif/items/undated/manifest.json"] == {"fr": ["Sans date"]}
    topic = read_json(french_site, "iiif/topics/journey/collection.json")
    assert topic["label"] == {"fr": ["The journey"]}
    assert [ref["label"] for ref in topic["items"]] == [{"fr": ["Second photo"]}, {"fr": ["First photo"]}]


def test_french_manifests_and_collections_are_valid_presentation_3(french_site: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} is absent (the shared corpus is not here)")
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    documents = [p for p in sorted((french_site / "iiif").rglob("*.json"))
                 if p.name in ("manifest.json", "collection.json")]
    assert len(documents) == 6  # four photographs, a topic, the site
    for path in documents:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert not errors, f"{path}: {errors[:3]}"
    prezi3 = pytest.importorskip("iiif_prezi3")
    prezi3.Manifest(**read_json(french_site, "iiif/items/letter/manifest.json"))
    prezi3.Collection(**read_json(french_site, "iiif/collection.json"))


def test_a_language_without_a_catalog_labels_its_words_english(tmp_path: Path) -> None:
    """On an Italian site albumen's labels stay English, and say so; the archive's own words are Italian."""
    site = build_archive(tmp_path / "archive", "it")
    first = read_json(site, "iiif/items/first/manifest.json")
    assert first["label"] == {"it": ["First photo"]}
    assert metadata_of(first)[:2] == [({"en": ["Date"]}, {"en": ["spring 1944"]}),
                                      ({"en": ["Places"]}, {"it": ["Liuzhou"]})]
    assert first["requiredStatement"]["label"] == {"en": ["Rights"]}
    page = item_page(site, "first")
    assert page.css_first("#citation").text().startswith("A. Person. “First photo.” Photograph, spring 1944.")


# ---------------------------------------------------------------- the citation and JSON-LD


def test_the_citation_is_written_in_french(french_site: Path) -> None:
    first = item_page(french_site, "first")
    citation = " ".join(first.css_first("#citation").text().split())
    assert citation == f"A. Person. « First photo. » Photographie, printemps 1944. Test archive. {BASE}items/first/"
    undated = " ".join(item_page(french_site, "undated").css_first("#citation").text().split())
    assert undated.startswith("« Sans date. » Photographie, sans date. Test archive.")
    [csl] = json.loads(first.css_first("#csl-json").text())
    assert csl["medium"] == "Photographie"
    assert re.search(r"^  howpublished = \{Photographie\},$", first.css_first("#bibtex").text(), re.M)


def test_json_ld_says_the_site_s_language(french_site: Path) -> None:
    photograph = json_ld(item_page(french_site, "first"))
    assert photograph["@type"] == ["Photograph", "ImageObject"]
    assert photograph["inLanguage"] == "fr"
    home = json_ld(HTMLParser((french_site / "index.html").read_text(encoding="utf-8")))
    assert (home["@type"], home["inLanguage"]) == ("WebSite", "fr")
    # every page that writes JSON-LD names the language
    pages = [p for p in french_site.rglob("*.html") if "application/ld+json" in p.read_text(encoding="utf-8")]
    assert len(pages) == 5  # the home page and the four photographs'
    assert all(json_ld(HTMLParser(p.read_text(encoding="utf-8")))["inLanguage"] == "fr" for p in pages)
