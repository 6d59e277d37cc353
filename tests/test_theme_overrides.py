"""The family's look: an archive's theme/templates/ and theme/static/ come before the package's, the `logo` and
`extra_css` settings, the blocks of base.html kept as documented, an edited override rebuilding every page, and
no override ever read from outside the archive."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from albumen.executors import executor_for
from albumen.pipeline import BuildResult, build
from albumen.reporter import Reporter
from albumen.theme_files import THEME
from conftest import BASE_IMAGES, DEFAULT_TOML, REPO, base_files, page_of, problem_lines

HOME_OVERRIDE = """{% extends "base.html" %}
{% block main %}<p id="family">The Chen family's photographs</p>{% endblock %}
"""
LOGO = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360f8cf000000030101005ab8d6e90000000049454e44ae426082")


def built(root: Path) -> BuildResult:
    result = build(root, Reporter(), executor_for("inline"))
    assert not result.problems.errors, result.problems.summary()
    assert result.published
    return result


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


def build_fails(run, root: Path):
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result


def test_an_archives_templates_and_static_files_come_before_the_packages(make_archive):
    root = make_archive({**base_files(), "theme/templates/home.html": HOME_OVERRIDE,
                         "theme/static/site.js": "/* the family's own script */\n",
                         "theme/static/fonts/family.woff2": b"wOF2-not-really"}, BASE_IMAGES)
    built(root)
    site = root / "_site"
    assert page_of(site, "").find(id="family").text() == "The Chen family's photographs"
    assert not page_of(site, "items/first/").find_all(id="family")  # other pages keep the package's templates
    assert (site / "assets" / "site.js").read_text() == "/* the family's own script */\n"
    assert (site / "assets" / "fonts" / "family.woff2").read_bytes() == b"wOF2-not-really"
    assert (site / "assets" / "style.css").read_bytes() == (THEME / "static" / "style.css").read_bytes()
    assert (site / "assets" / "vendor" / "leaflet" / "leaflet.js").is_file()


def test_an_override_of_base_html_changes_one_block_of_albumens_own(make_archive):
    base = '{% extends "albumen/base.html" %}\n{% block logo %}<span id="crest">Crest</span> {% endblock %}\n'
    root = make_archive({**base_files(), "theme/templates/base.html": base}, BASE_IMAGES)
    built(root)
    for url in ("", "items/first/", "topics/journey/", "places/liuzhou/"):
        page = page_of(root / "_site", url)
        assert page.find(id="crest").text() == "Crest", url
        assert page.find(id="main") is not None, url  # the rest of albumen's base.html is there


def test_logo_and_extra_css_are_shown_with_links_relative_to_each_page(make_archive):
    toml = 'logo = "theme/static/logo.png"\nextra_css = ["theme/static/family.css"]\n' + DEFAULT_TOML
    root = make_archive({**base_files(), "albumen.toml": toml, "theme/static/logo.png": LOGO,
                         "theme/static/family.css": ".site-header { background: #f4eee4; }\n"}, BASE_IMAGES)
    built(root)
    site = root / "_site"
    for url, prefix in (("", ""), ("items/first/", "../../")):
        page = page_of(site, url)
        logo = page.find("img", "site-logo")
        assert logo.attrs["src"] == f"{prefix}assets/logo.png" and logo.attrs["alt"] == ""
        sheets = [link.attrs["href"] for link in page.find_all("link") if link.attrs.get("rel") == "stylesheet"]
        assert sheets[0] == f"{prefix}assets/style.css" and sheets[-1] == f"{prefix}assets/family.css"
    assert (site / "assets" / "logo.png").read_bytes() == LOGO
    assert (site / "assets" / "family.css").read_text() == ".site-header { background: #f4eee4; }\n"


def test_without_the_settings_the_header_and_head_are_as_before(make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    built(root)
    html = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert "site-logo" not in html and html.count('rel="stylesheet"') == 1


def test_an_edited_stylesheet_or_template_renders_every_page_again(make_archive):
    toml = 'extra_css = ["theme/static/family.css"]\n' + DEFAULT_TOML
    root = make_archive({**base_files(), "albumen.toml": toml,
                         "theme/static/family.css": "body { color: navy; }\n"}, BASE_IMAGES)
    built(root)
    assert built(root).up_to_date  # nothing changed: nothing to do
    (root / "theme" / "static" / "family.css").write_text("body { color: maroon; }\n", encoding="utf-8")
    result = built(root)
    assert not result.up_to_date and result.pages_rendered == result.pages
    assert (root / "_site" / "assets" / "family.css").read_text() == "body { color: maroon; }\n"

    # A new override of base.html: every page has it (none kept from the build before).
    base = '{% extends "albumen/base.html" %}\n{% block logo %}<span class="crest">C</span> {% endblock %}\n'
    (root / "theme" / "templates").mkdir()
    (root / "theme" / "templates" / "base.html").write_text(base, encoding="utf-8")
    result = built(root)
    assert result.pages_rendered == result.pages
    assert all('<span class="crest">C</span>' in p.read_text(encoding="utf-8") for p in pages(root / "_site"))

    # Edited, then removed: the pages follow.
    (root / "theme" / "templates" / "base.html").write_text(base.replace(">C<", ">D<"), encoding="utf-8")
    built(root)
    assert all('<span class="crest">D</span>' in p.read_text(encoding="utf-8") for p in pages(root / "_site"))
    (root / "theme" / "templates" / "base.html").unlink()
    built(root)
    assert not any('class="crest"' in p.read_text(encoding="utf-8") for p in pages(root / "_site"))


def test_settings_naming_no_file_of_theme_static_are_located_errors(run, make_archive, tmp_path):
    (tmp_path / "outside.css").write_text("body { display: none }", encoding="utf-8")
    cases = {
        'logo = "theme/static/missing.png"': "not found",
        'logo = "../outside.png"': "must be a file in the archive's theme/static/",
        'logo = "theme/static/../../outside.png"': "must be a file in the archive's theme/static/",
        'logo = "/etc/passwd"': "must be a file in the archive's theme/static/",
        'logo = "theme/static/notes.txt"': "must end in .png",
        "logo = 3": "must be a file name in quotes",
        'extra_css = "theme/static/family.css"': "must be a list of stylesheets",
        'extra_css = ["theme/static/linked.css"]': "leads outside the archive",
    }
    for number, (setting, message) in enumerate(cases.items()):
        root = make_archive({**base_files(), "albumen.toml": setting + "\n" + DEFAULT_TOML,
                             "theme/static/notes.txt": "notes", "theme/static/family.css": ""}, BASE_IMAGES,
                            name=f"case{number}")
        if "linked" in setting:
            (root / "theme" / "static" / "linked.css").symlink_to(tmp_path / "outside.css")
        result = build_fails(run, root)
        problems = [m for m in problem_lines(result.stderr) if m["level"] == "error" and m["path"] == "albumen.toml"]
        assert len(problems) == 1, (setting, result.stderr)
        assert problems[0]["path"] == "albumen.toml" and message in problems[0]["message"], (setting, result.stderr)
        assert problems[0]["line"] == "1", (setting, result.stderr)
        assert not (root / "_site").exists()


@pytest.mark.parametrize("link", ["templates/home.html", "templates", "static/style.css", "static"])
def test_a_theme_file_or_folder_that_leads_out_of_the_archive_is_never_read(run, make_archive, tmp_path, link):
    outside = tmp_path / "elsewhere"
    (outside / "templates").mkdir(parents=True)
    (outside / "static").mkdir()
    (outside / "templates" / "home.html").write_text("SECRET {{ config.title }}", encoding="utf-8")
    (outside / "static" / "style.css").write_text("SECRET", encoding="utf-8")
    root = make_archive(base_files(), BASE_IMAGES)
    (root / "theme" / Path(link).parent).mkdir(parents=True, exist_ok=True)
    (root / "theme" / link).symlink_to(outside / link)
    result = build_fails(run, root)
    [problem] = [m for m in problem_lines(result.stderr) if m["level"] == "error"]
    assert problem["path"] == f"theme/{link}" and "leads outside the archive" in problem["message"]
    assert not (root / "_site").exists()
    # Even were the error ignored, the loader and the copy skip it (a library user calling the stages).
    from albumen.config import load_config
    from albumen.problems import Problems
    from albumen.stages.templates import template_environment
    from albumen.theme_files import copy_static
    config = load_config(root, Problems())
    home = template_environment(root / ".albumen" / "t", config.theme).get_template("home.html")
    assert Path(home.filename or "") == Path(str(THEME / "templates" / "home.html"))
    written: dict[str, bytes] = {}
    copy_static(lambda rel, data: written.__setitem__(rel, data), "assets", config.theme)
    assert written["assets/style.css"] == (THEME / "static" / "style.css").read_bytes()


def test_a_template_name_with_dots_never_leaves_the_theme_folder(make_archive, tmp_path):
    from jinja2 import TemplateNotFound

    from albumen.config import load_config
    from albumen.problems import Problems
    from albumen.stages.templates import template_environment
    (tmp_path / "secret.html").write_text("SECRET", encoding="utf-8")
    root = make_archive({**base_files(), "theme/templates/home.html": HOME_OVERRIDE}, BASE_IMAGES)
    env = template_environment(root / ".albumen" / "t", load_config(root, Problems()).theme)
    for name in ("../../../secret.html", "../../secret.html", "albumen/../../../../secret.html"):
        with pytest.raises(TemplateNotFound):
            env.get_template(name)


def test_the_blocks_of_base_html_are_the_documented_ones():
    base = (THEME / "templates" / "base.html").read_text(encoding="utf-8")
    blocks = re.findall(r"{%-?\s*block\s+(\w+)", base)
    table = (REPO / "docs" / "theme.md").read_text(encoding="utf-8").split("These are the blocks", 1)[1]
    documented = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert blocks == documented, "docs/theme.md lists the blocks of base.html in their order; keep both stable"
    assert {"title", "head", "extra_css", "logo", "main", "scripts"} <= set(blocks)


def test_the_settings_and_the_theme_folder_are_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`logo`" in readme and "`extra_css`" in readme and "docs/theme.md" in readme
