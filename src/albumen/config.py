"""albumen.toml -> a frozen Config, with every problem found at once."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from albumen.problems import Problems
from albumen.reading import UnreadableFile, read_regular_file
from albumen.theme_files import ARCHIVE_THEME, ArchiveTheme, archive_theme, escaping_theme_files, inside

CONFIG_FILE = "albumen.toml"
# 2400 px is not a default: it costs as much as the other widths together (bench/, docs/speed.md).
DEFAULT_WIDTHS = (400, 800, 1600)
KNOWN_KEYS = {"title", "description", "base_url", "language", "notice", "rights", "map_tiles", "map_attribution",
              "logo", "extra_css", "images", "check"}
KNOWN_IMAGE_KEYS = {"widths", "quality", "formats", "formats_up_to", "zoom_above", "download"}
KNOWN_CHECK_KEYS = {"near_duplicates"}
MODERN_FORMATS = ("webp", "avif")
# Quality of the modern formats: WebP 80 and AVIF 50 look like JPEG 85 at fewer bytes.
MODERN_QUALITY = {"webp": 80, "avif": 50}
# The map page's background when the reader is online; offline (or with map_tiles = "") it draws outlines.
DEFAULT_MAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_MAP_ATTRIBUTION = "© OpenStreetMap contributors"
# A BCP 47 language tag (RFC 5646's langtag or private use; irregular grandfathered tags left out): the
# language becomes part of file names (the search index's), so '../../images/x' wrote files outside the site.
# Found by tests/test_trust_hostile.py.
LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language, extended language subtags
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+", re.IGNORECASE)
# A web address for base_url: http(s), a host, no spaces, quotes or angle brackets (it is written into pages,
# the feed and IIIF ids).
BASE_URL = re.compile(r"https?://[^\s/?#\\\"'<>`]+(/[^\s\\\"'<>`]*)?", re.IGNORECASE)
# The family's look: a logo and stylesheets from the archive's theme/static/ (copied into the site's assets/).
THEME_STATIC = f"{ARCHIVE_THEME}/static"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
# Control characters break pages and the feed (see load.CONTROLS); a setting from an imported <title> had DEL.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = DEFAULT_WIDTHS
    quality: int = 85  # JPEG
    # Modern formats cost several times JPEG's encoding time (measured: bench/), so by default they are
    # made for the gallery widths only, where most of a page's bytes are; big views use JPEG.
    formats: tuple[str, ...] = ("webp",)
    formats_up_to: int = 800
    # Deep zoom for every original bigger than the largest width: tiles for those longer than this on a
    # side, a full-size JPEG for the rest (tiles cost more than all the widths; see derive.plan_images).
    # 0: no deep zoom at all.
    zoom_above: int = 3600
    download: bool = False  # offer each original for download


@dataclass(frozen=True)
class CheckSettings:
    near_duplicates: bool = True  # `albumen check` notes photos that look nearly the same


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "A photograph archive"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    notice: str = ""
    rights: str = ""
    map_tiles: str = DEFAULT_MAP_TILES
    map_attribution: str = DEFAULT_MAP_ATTRIBUTION
    logo: str = ""  # theme/static/NAME, shown in the header
    extra_css: tuple[str, ...] = ()  # theme/static/NAME.css, linked after the theme's own stylesheet
    images: ImageSettings = field(default_factory=ImageSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    # The digest of the archive's theme/ files: part of every page's setting, so an edited override rebuilds.
    theme_digest: str = ""

    @property
    def theme(self) -> ArchiveTheme:
        """The archive's own templates and static files, searched before the package's."""
        return ArchiveTheme(self.root, self.theme_digest)

    @property
    def site_dir(self) -> Path:
        return self.root / "_site"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".albumen"


def load_config(root: Path, problems: Problems) -> Config:
    """Read albumen.toml; a missing or broken file is a problem, and defaults fill the gaps."""
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        problems.error(CONFIG_FILE, None, f"no {CONFIG_FILE} here; is {root} an albumen archive? "
                       "Make one with `albumen new DIR` or pass -C DIR")
        return Config(root=root)
    try:
        # Read only if it is an ordinary file: a FIFO named albumen.toml blocked every command for ever.
        text = read_regular_file(path).decode("utf-8-sig")  # Notepad starts files with a BOM
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        problems.error(CONFIG_FILE, None, "not UTF-8 text; save it as UTF-8")
        return Config(root=root)
    except UnreadableFile as exc:
        problems.error(CONFIG_FILE, None, str(exc))
        return Config(root=root)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(exc)
        problems.error(CONFIG_FILE, line, f"invalid TOML: {exc}")
        return Config(root=root)

    for key in sorted(set(data) - KNOWN_KEYS):
        problems.warning(CONFIG_FILE, None, f"unknown setting '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})")
    strings = {}
    for key in ("title", "description", "base_url", "language", "notice", "rights", "map_tiles", "map_attribution"):
        if key in data:
            if isinstance(data[key], str):
                strings[key] = _without_controls(key, data[key], problems)
            else:
                problems.error(CONFIG_FILE, None, f"'{key}' must be a string in quotes")
    _check_language(strings, problems)
    _check_base_url(strings, problems)
    tiles = strings.get("map_tiles")
    if tiles and not (tiles.startswith(("https://", "http://")) and all(f"{{{k}}}" in tiles for k in "zxy")):
        problems.error(CONFIG_FILE, None, f"map_tiles must be a tile address with {{z}}, {{x}} and {{y}}, e.g. "
                       f"\"{DEFAULT_MAP_TILES}\", or \"\" to draw maps from the built-in outlines only")
        del strings["map_tiles"]
    for escaping in escaping_theme_files(root):
        problems.error(escaping, None, "leads outside the archive (a symlink); albumen reads no theme file from "
                       f"elsewhere: copy the file into the archive's {ARCHIVE_THEME}/ folder")
    logo, extra_css = _look_settings(data, text, root, problems)
    return Config(root=root, images=_image_settings(data.get("images", {}), problems),
                  check=_check_settings(data.get("check", {}), problems), **strings,
                  logo=logo, extra_css=extra_css, theme_digest=archive_theme(root).digest)


def _look_settings(data: dict[str, object], text: str, root: Path, problems: Problems
                   ) -> tuple[str, tuple[str, ...]]:
    """`logo` and `extra_css`: files in the archive's theme/static/, each checked where it is written."""
    logo, extra_css = "", ()
    if "logo" in data:
        line = _setting_line(text, "logo")
        if not isinstance(data["logo"], str):
            problems.error(CONFIG_FILE, line, f"logo must be a file name in quotes, e.g. \"{THEME_STATIC}/logo.png\"")
        elif data["logo"] and _theme_file("logo", data["logo"], LOGO_SUFFIXES, root, line, problems):
            logo = data["logo"]
    if "extra_css" in data:
        line = _setting_line(text, "extra_css")
        sheets = data["extra_css"]
        if not (isinstance(sheets, list) and all(isinstance(s, str) for s in sheets)):
            problems.error(CONFIG_FILE, line, f"extra_css must be a list of stylesheets, e.g. "
                           f"[\"{THEME_STATIC}/family.css\"]")
        else:
            extra_css = tuple(dict.fromkeys(
                s for s in sheets if _theme_file("extra_css", s, (".css",), root, line, problems)))
    return logo, extra_css


def _theme_file(key: str, value: str, suffixes: tuple[str, ...], root: Path, line: int | None,
                problems: Problems) -> bool:
    """True when `value` names a file of the archive's theme/static/ that is there and stays in the archive."""
    example = f"\"{THEME_STATIC}/{'family.css' if key == 'extra_css' else 'logo.png'}\""
    path = PurePosixPath(value)
    if "\\" in value or path.is_absolute() or ".." in path.parts or path.parts[:2] != tuple(THEME_STATIC.split("/")) \
            or len(path.parts) < 3:
        problems.error(CONFIG_FILE, line, f"{key} '{value[:80]}' must be a file in the archive's {THEME_STATIC}/ "
                       f"folder, written with / (e.g. {example}); put the file there")
        return False
    if not value.lower().endswith(suffixes):
        problems.error(CONFIG_FILE, line, f"{key} '{value[:80]}' must end in {' or '.join(suffixes)}")
        return False
    file = root / path
    if os.path.lexists(file) and not inside(file, root):
        problems.error(CONFIG_FILE, line, f"{key} '{value[:80]}' leads outside the archive (a symlink); copy the "
                       "file into the archive instead")
        return False
    if not file.is_file():
        problems.error(CONFIG_FILE, line, f"{key} '{value[:80]}' not found; put the file there, or remove the "
                       "setting")
        return False
    return True


def _setting_line(text: str, key: str) -> int | None:
    """The line of a top-level `key = ...` in albumen.toml, for a problem's place."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("["):
            return None  # past the top-level settings
        if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return None


def _without_controls(key: str, value: str, problems: Problems) -> str:
    if CONTROLS.search(value):
        problems.warning(CONFIG_FILE, None, f"control characters removed from '{key}' (they would make pages and "
                         "the feed invalid); remove them from albumen.toml to silence this warning")
        return CONTROLS.sub("", value)
    return value


def _check_language(strings: dict[str, str], problems: Problems) -> None:
    language = strings.get("language")
    if language is not None and not LANGUAGE_TAG.fullmatch(language):
        problems.error(CONFIG_FILE, None, f"language '{language[:40]}' is not a BCP 47 language tag; write one "
                       "like \"en\", \"de-CH\", \"zh-Hant\" or \"pt-BR\"")
        del strings["language"]


def _check_base_url(strings: dict[str, str], problems: Problems) -> None:
    base_url = strings.get("base_url")
    if base_url and not BASE_URL.fullmatch(base_url.strip()):
        problems.error(CONFIG_FILE, None, f"base_url '{base_url[:80]}' must be the site's web address, starting "
                       "with https:// (e.g. \"https://example.org/photos/\"), or \"\" for none")
        del strings["base_url"]


def _image_settings(data: object, problems: Problems) -> ImageSettings:
    if not isinstance(data, dict):
        problems.error(CONFIG_FILE, None, "[images] must be a table")
        return ImageSettings()
    for key in sorted(set(data) - KNOWN_IMAGE_KEYS):
        problems.warning(CONFIG_FILE, None, f"unknown setting 'images.{key}'")
    widths = data.get("widths", DEFAULT_WIDTHS)
    if not (isinstance(widths, list | tuple) and widths
            and all(isinstance(w, int) and 16 <= w <= 10000 for w in widths)):
        problems.error(CONFIG_FILE, None, "images.widths must be a list of pixel widths between 16 and "
                       "10000, e.g. [400, 800, 1600]")
        widths = DEFAULT_WIDTHS
    quality = data.get("quality", 85)
    if not (isinstance(quality, int) and 1 <= quality <= 100):
        problems.error(CONFIG_FILE, None, "images.quality must be a whole number from 1 to 100")
        quality = 85
    formats = data.get("formats", ["webp"])
    if not (isinstance(formats, list) and all(f in MODERN_FORMATS for f in formats)):
        problems.error(CONFIG_FILE, None, "images.formats must be a list of webp and avif, e.g. [\"webp\"], "
                       "or [] for JPEG only")
        formats = ["webp"]
    numbers = {}
    for key, default in (("formats_up_to", 800), ("zoom_above", 3600)):
        value = data.get(key, default)
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            problems.error(CONFIG_FILE, None, f"images.{key} must be a number of pixels, e.g. {default}")
            value = default
        numbers[key] = value
    download = data.get("download", False)
    if not isinstance(download, bool):
        problems.error(CONFIG_FILE, None, "images.download must be true or false")
        download = False
    return ImageSettings(widths=tuple(sorted(set(widths))), quality=quality, formats=tuple(dict.fromkeys(formats)),
                         download=download, **numbers)


def _check_settings(data: object, problems: Problems) -> CheckSettings:
    if not isinstance(data, dict):
        problems.error(CONFIG_FILE, None, "[check] must be a table")
        return CheckSettings()
    for key in sorted(set(data) - KNOWN_CHECK_KEYS):
        problems.warning(CONFIG_FILE, None, f"unknown setting 'check.{key}' (known: "
                         f"{', '.join(sorted(KNOWN_CHECK_KEYS))})")
    near_duplicates = data.get("near_duplicates", True)
    if not isinstance(near_duplicates, bool):
        problems.error(CONFIG_FILE, None, "check.near_duplicates must be true or false")
        near_duplicates = True
    return CheckSettings(near_duplicates=near_duplicates)


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    msg = str(exc)
    if "(at line " in msg:
        try:
            return int(msg.split("(at line ")[1].split(",")[0])
        except ValueError:
            return None
    return None
