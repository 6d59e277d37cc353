"""Issue 15, sections 4 and 5: output that parses everywhere, and hostile or broken input.

Each test is a finding of a red-team pass: it failed before the fix that goes with it. Inputs that used to
hang (FIFOs) run the command in a child process with a time limit, so a regression fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import BASE_IMAGES, PLACES_YAML, base_files, item_md, problem_lines

LOCATED = r"^[^:\n]+(:\d+)?: (error|warning|note): .+$"


def run_child(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`albumen ARGS` in a child process: a hang becomes a TimeoutExpired, not a stuck test run."""
    return subprocess.run([sys.executable, "-m", "albumen", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, errors="backslashreplace")


def assert_located_only(stderr: str) -> None:
    """No traceback, no internal error: every line of stderr is a located problem (or the summary)."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for line in stderr.splitlines():
        assert re.match(LOCATED, line) or line.startswith(("checked ", "not built", "error: ")), line


# -- settings ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["../../images/x", "en/../../x", "en us", "x" * 40, "e", "en_US", ""])
def test_a_language_that_is_no_bcp47_tag_is_refused(run, make_archive, language):
    root = make_archive({**base_files(), "albumen.toml": f'title = "T"\nlanguage = {json.dumps(language)}\n'},
                        BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "albumen.toml" and "language" in m["message"] and "BCP 47" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr
    assert not (root / "_site").exists()
    assert sorted(p.name for p in (root / "images").iterdir()) == ["first.jpg", "second.jpg"]
    assert not (root.parent / "x").exists()


@pytest.mark.parametrize("language", ["en", "zh-Hant-TW", "de-CH-1996", "sr-Latn", "es-419", "ja"])
def test_a_bcp47_language_is_accepted(run, make_archive, language):
    root = make_archive({**base_files(), "albumen.toml": f'title = "T"\nlanguage = "{language}"\n'}, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 0, result.stderr


def test_a_base_url_that_is_no_web_address_is_refused(run, make_archive):
    root = make_archive({**base_files(), "albumen.toml": 'base_url = "javascript:alert(1)//"\n'}, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "albumen.toml" and "base_url" in m["message"] for m in problem_lines(result.stderr))


def test_serve_refuses_a_port_out_of_range(run, base_archive):
    for port in ("70000", "0", "-1"):
        result = run("serve", "--port", port, "--no-watch", "-C", base_archive)
        assert result.exit_code == 2, (port, result.stderr)
        assert "port" in result.stderr.lower() and "internal error" not in result.stderr
    assert not (base_archive / "_site").exists()  # refused before anything was built


# -- ids and fields ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["pages/feed.xml.md", "pages/index.html.md", "items/page-2.html.md",
                                 "topics/sitemap.xml.md", "pages/robots.txt.md", "items/search-data.js.md"])
def test_an_id_that_looks_like_a_file_the_site_writes_is_refused(run, make_archive, rel):
    files = base_files()
    files[rel] = item_md("Text.", title="A title", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == rel and m["level"] == "error" and "rename" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr


def test_an_id_with_a_trailing_newline_is_refused(run, make_archive):
    files = base_files()
    files["items/third\n.md"] = item_md("Text.", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert "can't be used as an id" in result.stderr
    assert_located_only(result.stderr)


@pytest.mark.parametrize("image", [".", "", " ", "./", "images/..", "/"])
def test_an_image_that_names_no_file_is_a_located_error(run, make_archive, image):
    files = base_files()
    files["items/first.md"] = item_md("Text.", title="T", image=image)
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "items/first.md" and m["line"] == "3" and "image" in m["message"]
               for m in problem_lines(result.stderr)), result.stderr
    assert_located_only(result.stderr)


def test_a_300_level_place_chain_is_a_located_error_not_a_crash(run, make_archive):
    chain = "".join(f"- id: p{n}\n  name: P{n}\n" + (f"  parent: p{n - 1}\n" if n else "") for n in range(300))
    files = base_files()
    files["places.yaml"] = PLACES_YAML + chain
    files["items/first.md"] = item_md("Text.", title="T", image="first.jpg", places=["p299"])
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    assert any(m["path"] == "places.yaml" and "deep" in m["message"] for m in problem_lines(result.stderr))
    assert_located_only(result.stderr)


# -- the file system's oddities ------------------------------------------------------------------------------

def test_symlink_loops_in_items_and_images_are_located_errors(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items" / "loop.md").symlink_to("loop.md")
    (root / "items" / "a.md").symlink_to("b.md")
    (root / "items" / "b.md").symlink_to("a.md")
    (root / "items" / "again").symlink_to(".", target_is_directory=True)
    (root / "images" / "loop.jpg").symlink_to("loop.jpg")
    (root / "images" / "again").symlink_to("..", target_is_directory=True)
    (root / "items" / "uses-loop.md").write_text(item_md("Text.", title="T", image="loop.jpg"))
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {(m["path"], m["level"]) for m in problem_lines(done.stderr)}
    assert {("items/loop.md", "error"), ("items/a.md", "error"), ("items/b.md", "error"),
            ("items/uses-loop.md", "error")} <= located, done.stderr
    assert "loop" in done.stderr


def test_fifos_in_items_images_and_places_never_hang(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    os.mkfifo(root / "items" / "fifo.md")
    os.mkfifo(root / "topics" / "fifo.md")
    os.mkfifo(root / "images" / "fifo.jpg")
    (root / "items" / "third.md").write_text(item_md("Text.", title="T", image="fifo.jpg"))
    done = run_child("build", "--executor", "inline", "-C", root, timeout=120)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not a regular file" in located["items/fifo.md"]
    assert "not a regular file" in located["topics/fifo.md"]
    assert "not a regular file" in located["items/third.md"]


def test_a_fifo_as_places_yaml_or_albumen_toml_never_hangs(make_archive):
    files = base_files()
    del files["places.yaml"]
    files["items/first.md"] = item_md("Text.", title="T", image="first.jpg")
    files["items/second.md"] = item_md("Text.", title="T", image="second.jpg")
    root = make_archive({**files, "albumen.toml": None}, BASE_IMAGES)
    os.mkfifo(root / "places.yaml")
    os.mkfifo(root / "albumen.toml")
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1, done.stderr
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not a regular file" in located["places.yaml"] and "not a regular file" in located["albumen.toml"]


def test_latin1_file_names_are_located_errors_that_print(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items").joinpath(os.fsdecode(b"caf\xe9.md")).write_text(item_md("Text.", image="first.jpg"))
    (root / "images").joinpath(os.fsdecode(b"gar\xe7on.jpg")).write_bytes((root / "images/first.jpg").read_bytes())
    (root / "items" / "third.md").write_text(item_md("Text.", title="T", image="garcon.jpg"))
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1
    assert_located_only(done.stderr)
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert "not UTF-8" in located["items/caf\\xe9.md"], done.stderr
    assert "items/third.md" in located


def test_unreadable_files_are_located_errors(make_archive):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "items" / "first.md").chmod(0)
    done = run_child("check", "-C", root, timeout=60)
    assert done.returncode == 1
    assert_located_only(done.stderr)


# -- control characters --------------------------------------------------------------------------------------

def test_control_characters_in_titles_and_captions_are_stripped_with_a_located_warning(run, make_archive):
    files = base_files()
    files["items/first.md"] = ("---\ntitle: \"First\\x1b[31m photo\\x7f\"\nimage: first.jpg\n"
                               "alt: \"A \\x85river\"\n---\nA caption\x0c pasted from a word processor.\n"
                               "NUL\x00 and C1\x9b here.\n")
    files["topics/journey.md"] = "---\ntitle: The journey\x1b\n---\nA narrative\x0c.\n"
    files["places.yaml"] = PLACES_YAML.replace("name: Liuzhou", "name: \"Liu\\x1bzhou\"")
    files["albumen.toml"] = 'title = "Test \\u007f archive"\n[images]\nwidths = [200]\n'
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    warned = {(m["path"], m["line"]) for m in problem_lines(result.stderr) if m["level"] == "warning"}
    assert {("items/first.md", "2"), ("items/first.md", "4"), ("items/first.md", "6"), ("items/first.md", "7"),
            ("topics/journey.md", "2"), ("topics/journey.md", "4"), ("places.yaml", "6"),
            ("albumen.toml", None)} <= warned, result.stderr
    exported = json.loads(run("export", "json", "-C", root).stdout)
    first = next(i for i in exported["items"] if i["id"] == "first")
    assert first["title"] == "First[31m photo" and first["alt"] == "A river"
    assert first["caption"] == "A caption pasted from a word processor.\nNUL and C1 here."
    site = root / "_site"
    for path in site.rglob("*"):
        third_party = {"pagefind", "vendor"} & set(path.relative_to(site).parts)
        if path.suffix in (".html", ".xml", ".json", ".js") and not third_party:
            text = path.read_text(encoding="utf-8")
            assert not CONTROL_CHARS.search(text), path


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# -- what the disk refuses -----------------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(folder: Path, size: str = "600k") -> Iterator[Path]:
    """A real, small file system (tmpfs) at `folder`; the test is skipped where mounting is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_is_a_clear_error_not_an_internal_one(tmp_path):
    from conftest import make_jpeg

    with small_disk(tmp_path / "disk", "4m") as disk:
        root = disk / "archive"
        root.mkdir()
        for rel, text in {**base_files(), "albumen.toml": 'title = "T"\n[images]\nwidths = [200, 400]\n'}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text or "")
        for name, size in BASE_IMAGES.items():
            make_jpeg(root / "images" / name, size)
        for n in range(4):  # 4 photos, then the disk is nearly full: the derivatives and pages don't fit
            make_jpeg(root / "images" / f"p{n}.jpg", (900, 700), quality=95)
            (root / "items" / f"p{n}.md").write_text(item_md("Text.", title=f"P{n}", image=f"p{n}.jpg"))
        filler = disk / "filler"
        with filler.open("wb") as handle:
            try:
                handle.write(b"x" * (os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize - 60_000))
            except OSError:
                pass
        done = run_child("build", "--executor", "inline", "-C", root, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert "disk is full" in done.stderr
        filler.unlink()
        source = tmp_path / "sheet.csv"
        source.write_text("File,Title\np0.jpg,A title\n")
        with (disk / "filler").open("wb") as handle:
            try:
                handle.write(b"x" * (os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize))
            except OSError:
                pass
        done = run_child("import", "csv", source, "--images", root / "images", "-C", disk / "new-archive", "-q")
        assert done.returncode == 1, done.stderr
        assert "internal error" not in done.stderr and "disk is full" in done.stderr, done.stderr


def test_a_read_only_archive_is_a_clear_error_not_an_internal_one(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        root = disk / "archive"
        for rel, text in {**base_files(), "albumen.toml": 'title = "T"\n[images]\nwidths = [200]\n'}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text or "")
        from conftest import make_jpeg
        for name, size in BASE_IMAGES.items():
            make_jpeg(root / "images" / name, size)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for command in (("build", "--executor", "inline", "-C", root), ("new", root / "another")):
            done = run_child(*command, timeout=120)
            assert done.returncode == 1, (command, done.stderr)
            assert "internal error" not in done.stderr and "read-only" in done.stderr, (command, done.stderr)
        assert run_child("check", "-C", root).returncode == 0  # reading needs no writing


def test_what_the_disk_refuses_is_never_an_internal_error(run, base_archive, monkeypatch):
    """Wherever albumen is stopped by the system (here: the pipeline), the message names the file and the cure."""
    def refused(*_args, **_kwargs):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(base_archive / ".albumen" / "catalog.sqlite"))

    monkeypatch.setattr("albumen.pipeline.build", refused)
    result = run("build", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "catalog.sqlite" in result.stderr and "permission" in result.stderr.lower()


# -- the archive writer --------------------------------------------------------------------------------------

def test_two_forced_imports_in_the_same_second_keep_both_backups(tmp_path, monkeypatch):
    from albumen.importers.drafts import Draft, DraftItem
    from albumen.importers.writer import write_draft

    monkeypatch.setattr("time.strftime", lambda *_: "20250101-120000")  # the same second, every time
    root = tmp_path / "archive"
    (root / "items").mkdir(parents=True)
    (root / "items" / "x.md").write_text("---\nimage: x.jpg\n---\nThe caption a person wrote.\n")
    first = write_draft(root, Draft(items=(DraftItem(id="x", image="x.jpg", caption="Import one."),)), force=True)
    (root / "items" / "x.md").write_text("---\nimage: x.jpg\n---\nA second caption a person wrote.\n")
    second = write_draft(root, Draft(items=(DraftItem(id="x", image="x.jpg", caption="Import two."),)), force=True)
    assert first.backup_dir and second.backup_dir and first.backup_dir != second.backup_dir
    kept = sorted(p.read_text() for p in (root / ".albumen" / "backups").rglob("x.md"))
    assert kept == ["---\nimage: x.jpg\n---\nA second caption a person wrote.\n",
                    "---\nimage: x.jpg\n---\nThe caption a person wrote.\n"]


@pytest.mark.parametrize("title", ["Old\x7f site", "Tab\there", "Bell\x07", "Quote \" and \\ back", "NEL\x85",
                                   "Sur\udce9rogate", "Line\u2028sep"])
def test_settings_from_an_old_site_are_written_as_valid_toml(tmp_path, title):
    from albumen.importers.drafts import Draft, SiteSettings
    from albumen.importers.writer import write_draft

    root = tmp_path / "archive"
    write_draft(root, Draft(settings=SiteSettings(title=title, language="../../images/x", description="d")))
    settings = tomllib.loads((root / "albumen.toml").read_text(encoding="utf-8"))
    assert settings["description"] == "d" and "language" not in settings  # no BCP 47 tag: not offered
    assert settings["title"] and not CONTROL_CHARS.search(settings["title"])


@pytest.mark.parametrize("places", [
    "[{id: china, name: China, lat: 35, lon: 103}]\n",
    "[{id: china, name: China}, {id: japan, name: Japan}]  # flow style\n",
    "[]\n",
    "- id: china\n  name: China\n...\n",
    "--- \n- id: china\n  name: China\n",
    "- {id: china, name: China}\n",
])
def test_new_places_are_added_to_places_yaml_of_any_style(tmp_path, places):
    from albumen.importers.drafts import Draft, DraftPlace
    from albumen.importers.writer import write_draft
    from albumen.problems import Problems
    from albumen.stages.load import load_places

    root = tmp_path / "archive"
    root.mkdir()
    (root / "places.yaml").write_text(places)
    before = {p.id for p in load_places(root, Problems())}
    write_draft(root, Draft(places=(DraftPlace(id="kunming", name="Kunming", lat=25.04, lon=102.7,
                                               parent="china" if before else None),)))
    problems = Problems()
    after = load_places(root, problems)
    assert not problems.items, [str(p) for p in problems]
    assert {p.id for p in after} == before | {"kunming"}
    assert next(p for p in after if p.id == "kunming").lat == 25.04
    if before:
        assert places.strip(" \n.").split("\n")[0][:10] in (root / "places.yaml").read_text()  # its text kept


# -- output that parses, everywhere --------------------------------------------------------------------------

URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def hostile_archive(make_archive, base_url: str) -> Path:
    """Non-ASCII ids, text full of XML's and JSON's special characters, a big photo (deep zoom)."""
    files = base_files()
    text = "Ampersand & <b>tags</b> ]]> \"quotes\" 'apostrophes' \\ back\\slash </script> \u2028 end"
    files["items/café-photo.md"] = item_md(text, title=text, image="café.jpg", places=["kūnmíng"],
                                           topics=["照片"], subjects=[text], creator=text, alt=text)
    files["topics/照片.md"] = item_md(text, title="照片 " + text, items=["café-photo", "first"])
    files["places.yaml"] = PLACES_YAML + "- id: kūnmíng\n  name: \"Kunming & <co>\"\n  lat: 25.0\n  lon: 102.7\n"
    files["albumen.toml"] = (f'title = "Hostile & <title>"\nbase_url = "{base_url}"\n'
                             '[images]\nwidths = [200, 400]\n')
    return make_archive(files, {**BASE_IMAGES, "café.jpg": (1200, 900)})


@pytest.mark.parametrize("base_url", ["https://example.org/photos/", "http://example.org", ""])
def test_every_xml_and_json_output_parses_and_iiif_ids_are_uris(run, make_archive, base_url):
    import xml.etree.ElementTree as ElementTree

    root = hostile_archive(make_archive, base_url)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    site = root / "_site"
    parsed = {"xml": 0, "json": 0}
    for path in sorted(site.rglob("*")):
        if "pagefind" in path.relative_to(site).parts or "vendor" in path.relative_to(site).parts:
            continue  # Pagefind's own files, and the libraries
        if path.suffix == ".xml":
            ElementTree.parse(path)
            parsed["xml"] += 1
        elif path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            parsed["json"] += 1
            for uri in _ids(document):
                assert URI.fullmatch(uri), (path.relative_to(site), uri)
    assert parsed["json"] >= 6  # manifests, collections, info.json
    assert parsed["xml"] == (2 if base_url else 0)  # the feed and the sitemap, with a base_url only
    script = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    prefix, _, data = script.partition(" = ")
    assert prefix.startswith("window.") and data.rstrip().endswith(";")
    documents = json.loads(data.rstrip().removesuffix(";"))["documents"]
    assert any("Ampersand" in json.dumps(d, ensure_ascii=False) for d in documents)
    if base_url:
        feed = ElementTree.parse(site / "feed.xml").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        for element in [*feed.iter(f"{atom}id"), *feed.iter(f"{atom}link")]:
            assert URI.fullmatch(element.text if element.tag.endswith("id") else element.get("href")), element
        for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            assert URI.fullmatch(loc.text or ""), loc.text
    manifest = json.loads((site / "iiif/items/café-photo/manifest.json").read_text(encoding="utf-8"))
    assert "caf%C3%A9-photo" in manifest["id"]


def _ids(document: object) -> list[str]:
    """Every "id" (and "@id") in a IIIF document."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ("id", "@id") and isinstance(value, str):
                found.append(value)
            found += _ids(value)
    elif isinstance(document, list):
        for value in document:
            found += _ids(value)
    return found


def test_an_empty_base_url_gets_a_check_note(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("albumen.toml: note: ")]
    assert len(notes) == 1 and "base_url" in notes[0] and "feed" in notes[0] and "sitemap" in notes[0], result.stderr
    root = make_archive({**base_files(), "albumen.toml": 'base_url = "https://example.org/"\n'}, BASE_IMAGES)
    assert "base_url" not in run("check", "-C", root).stderr


# -- what the site offers and embeds -------------------------------------------------------------------------

SVG_WITH_SCRIPT = (b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
                   b'<script>window.__pwned=1</script><rect width="800" height="600" fill="red"/></svg>')


def test_download_offers_only_decodable_originals_under_a_safe_name(run, make_archive, tmp_path):
    from PIL import Image

    files = base_files()
    toml = 'title = "T"\n[images]\nwidths = [200, 400]\ndownload = true\n'
    gif = tmp_path / "x.gif"
    Image.new("RGB", (500, 400), (10, 200, 30)).save(gif, "GIF")
    files.update({
        "albumen.toml": toml,
        "images/script.svg": SVG_WITH_SCRIPT.decode(),
        "images/polyglot.html": gif.read_bytes() + b"<script>window.__pwned=2</script>",
        "images/png-named.jpg": b"",
        "items/svg.md": item_md("An SVG.", title="SVG", image="script.svg"),
        "items/polyglot.md": item_md("A GIF with HTML.", title="Polyglot", image="polyglot.html"),
        "items/png.md": item_md("A PNG named .jpg.", title="PNG", image="png-named.jpg"),
    })
    root = make_archive(files, BASE_IMAGES)
    Image.new("RGB", (500, 400), (200, 20, 30)).save(root / "images" / "png-named.jpg", "PNG")
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code in (0, 1), result.stderr
    site = root / "_site"
    offered = sorted(p.relative_to(site).as_posix() for p in (site / "media").rglob("original*"))
    assert offered == ["media/first/original.jpg", "media/png/original.png", "media/polyglot/original.gif",
                       "media/second/original.jpg"], offered
    for page in site.glob("items/*/index.html"):
        text = page.read_text(encoding="utf-8")
        assert "original.svg" not in text and "original.html" not in text
    assert "original.gif" in (site / "items/polyglot/index.html").read_text(encoding="utf-8")


def test_captions_embed_no_images_and_check_warns_where(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("A caption.\n\n![a tracker](https://other.example/p.png) and "
                                      "![the second photo](item:second).", title="First", image="first.jpg")
    files["pages/about.md"] = item_md("About.\n\n![x](images/first.jpg)", title="About")
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    warned = {(m["path"], m["line"]) for m in problem_lines(result.stderr) if m["level"] == "warning"}
    assert {("items/first.md", "7"), ("pages/about.md", "6")} <= warned, result.stderr
    page = (root / "_site/items/first/index.html").read_text(encoding="utf-8")
    assert "other.example" not in page and 'src="item:' not in page
    assert '<p>a tracker and <a href="../../items/second/" class="item-link">the second photo</a>.</p>' in page
    assert 'content="A caption. a tracker and the second photo."' in page  # the description has the words too
    assert "<img" not in (root / "_site/about/index.html").read_text(encoding="utf-8").split("<main", 1)[1]


# -- the property: whatever the disk holds, the loader ends, located ----------------------------------------

ODDITIES = ("fifo", "loop", "loop_pair", "folder_loop", "dangling", "undecodable", "unreadable", "folder_named_md",
            "controls", "empty", "outside_link")
FOLDERS = ("items", "topics", "pages", "images", "items/sub")


def make_oddity(root: Path, kind: str, folder: str, n: int) -> str | None:
    """Put one oddity in the archive; the path a located problem must name (None: any outcome is fine)."""
    base = root / folder
    base.mkdir(parents=True, exist_ok=True)
    suffix = ".jpg" if folder == "images" else ".md"
    name = f"odd{n}{suffix}"
    path = base / name
    rel = f"{folder}/{name}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(name)
    elif kind == "loop_pair":
        path.symlink_to(f"odd{n}-b{suffix}")
        (base / f"odd{n}-b{suffix}").symlink_to(name)
    elif kind == "folder_loop":
        (base / f"odd{n}").symlink_to(".", target_is_directory=True)
        return None
    elif kind == "dangling":
        path.symlink_to(f"gone{n}{suffix}")
    elif kind == "undecodable":
        path = base / os.fsdecode(f"odd{n}-\xe9".encode("latin-1") + suffix.encode())
        path.write_text(item_md("Text.", image="first.jpg"))
        rel = f"{folder}/odd{n}-\\xe9{suffix}"
    elif kind == "unreadable":
        path.write_text(item_md("Text.", title="T", image="first.jpg"))
        path.chmod(0)
        return None  # root reads it anyway
    elif kind == "folder_named_md":
        path.mkdir()
        return None
    elif kind == "controls":
        path.write_bytes(b"---\ntitle: \"a\\x1bb\"\nimage: first.jpg\n---\nA\x0cB\x00C\x9b.\n")
        return None if folder == "images" else rel
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "outside_link":
        outside = root.parent / f"outside{n}{suffix}"
        outside.write_text(item_md("Outside.", image="first.jpg"))
        path.symlink_to(outside)
    if folder == "images":
        (root / "items" / f"uses-odd{n}.md").write_text(item_md("Text.", title="T", image=name))
        return f"items/uses-odd{n}.md"
    return rel


def owned_files(root: Path) -> dict[str, bytes]:
    """The regular files a person owns (never opening anything else)."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or {"_site", ".albumen"} & set(path.relative_to(root).parts):
                continue
            try:
                found[path.relative_to(root).as_posix()] = path.read_bytes()
            except OSError:
                pass
    return found


@settings(max_examples=15, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ODDITIES), st.sampled_from(FOLDERS)), min_size=1, max_size=5),
       st.sampled_from(("check", "build")))
def test_the_loader_ends_located_whatever_the_file_system_holds(tmp_path_factory, oddities, command):
    parent = tmp_path_factory.mktemp("odd")
    root = parent / "archive"
    root.mkdir()
    for rel, text in {**base_files(), "albumen.toml": 'title = "T"\n[images]\nwidths = [200]\n'}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text or "")
    from conftest import make_jpeg
    for name, size in BASE_IMAGES.items():
        make_jpeg(root / "images" / name, size)
    expected = {make_oddity(root, kind, folder, n) for n, (kind, folder) in enumerate(oddities)} - {None}
    before = owned_files(root)
    args = ("build", "--executor", "inline") if command == "build" else ("check",)
    done = run_child(*args, "-C", root, timeout=120)  # a hang fails here
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    for line in done.stderr.splitlines():
        assert re.match(LOCATED, line) or line.startswith(("checked ", "not built", "built ")), line
    located = {m["path"] for m in problem_lines(done.stderr)}
    assert expected <= located, (expected - located, done.stderr)
    assert owned_files(root) == before  # nothing a person owns changed
