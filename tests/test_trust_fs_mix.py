"""Issue 15, section 5, all at once: a real disk's oddities mixed into every importer's input and into an archive.

test_trust_imports.py and test_trust_hostile.py try one oddity at a time. Here hypothesis builds a folder (an old site
for `import html`, a photo folder for `import photos`, a sheet and its images for `import csv|xlsx`, or an archive for
`albumen check|build`) from a random mix of: symlink loops (to '.', '..', to itself, to each other), dangling links,
links to a file or folder outside, FIFOs under any name, names in Latin-1 or Shift-JIS bytes, unreadable files and
folders (not as root), empty files, truncated JPEGs, a folder where a file is named, 200 nested folders, and names with
a newline, spaces, '#', '?', '%' or a leading '-'; the sheet or the old site's home page may be the oddity itself, the
folders' own names may be odd, an import's archive may sit inside its source, and a build may run over a site built
before. The home page, the rows and the items name each oddity, so that it is looked at, not only listed. A third of
the examples also run on a full disk (where the test may mount one, as root): the scene's folder is a tmpfs of its own,
shrunk to what it holds plus 0 bytes, a few KB or a few hundred KB, so that every write under it (Python, SQLite and
libvips alike) meets a real ENOSPC past that budget.

Each example runs the real command in a child process with a time limit (a FIFO read would hang it) and asserts: exit
0, 1 or 2; no traceback or internal error; every problem line located, none cut by a newline in a name; nothing written
outside the archive and the originals unchanged (bytes and mtimes); nothing from outside (a marker in every file there,
a 613 x 97 picture) in the archive or the site; after a build, the previous site (or none) or a whole new one (every
link of its pages resolves: a photo that failed is left off a site still published), never a staging folder; an
archive an import wrote passes `albumen check` without a crash. On a full disk also: nothing fits means no exit 0;
what the disk refused is said with what to do (free some space); no temporary file left, every item an import wrote
parses; a build that ran out of space leaves the previous site as it was. Six explicit examples (EVERY_KIND) run first,
six more on a full disk (ON_A_FULL_DISK), then 18 generated ones, the same each run. The regression tests below the
property are what it found, each as a plain test.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import io
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import BASE_IMAGES, base_files, item_md, make_jpeg, parse_html, problem_lines, resolve, srcset_urls

AS_ROOT = os.geteuid() == 0


def without_root_reads() -> list[str] | None:
    """The command prefix that makes a file with no read permission unreadable to albumen: none for a user; as root,
    setpriv dropping the capabilities that let root read anything (the test itself still reads all); None when
    root can't drop them here."""
    if not AS_ROOT:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    try:
        probe = subprocess.run([*prefix, "cat", "/proc/self/status"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return prefix if probe.returncode == 0 else None


CHILD_PREFIX = without_root_reads()


def can_mount() -> bool:
    """Whether the test may mount a small file system (tmpfs) to make a full disk, as test_trust_hostile.py does."""
    if not AS_ROOT:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"albumen-fs-mix-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                          capture_output=True).returncode != 0:
            return False
        subprocess.run(["umount", "-l", str(probe)], capture_output=True)
        return True
    except OSError:
        return False
    finally:
        probe.rmdir()


FULL_DISK = can_mount()
LOCATED = re.compile(r"^[^:\n]+(:\d+)?: (error|warning|note): .+$")
# In every file outside the source folder: found anywhere in the archive or the site, it was read from outside.
MARKER = b"SECRET-OUTSIDE-7f3a9c"
DEPTH = 200
# ALBUMEN_FS_MIX_EXAMPLES=300 ALBUMEN_FS_MIX_RANDOM=1: a longer, new search (CI runs the same 18, EVERY_KIND and
# ON_A_FULL_DISK).
EXAMPLES = int(os.environ.get("ALBUMEN_FS_MIX_EXAMPLES", "18"))
RANDOM = os.environ.get("ALBUMEN_FS_MIX_RANDOM")


# -- the oddities --------------------------------------------------------------------------------------------

CONTENTS = ("fifo", "loop_self", "loop_pair", "loop_dot", "loop_up", "dangling", "outside_file", "outside_folder",
            "empty", "truncated_jpeg", "good", "folder_named_so", "deep")
UNREADABLE = ("unreadable_file", "unreadable_folder")  # only where CHILD_PREFIX can make them unreadable
# Name stems: bytes are names that are not UTF-8 (Latin-1, Shift-JIS, nothing at all).
STEMS: tuple[str | bytes, ...] = ("plain", "a b ", "no#", "why?", "100%", "-dash", "line\nbreak", b"caf\xe9",
                                  b"\x83n\x83\x93", b"\xff\xfe")
SUFFIXES = ("natural", "natural", "natural", ".html", ".jpg", ".md", ".csv", "")
KINDS = ("html", "photos", "csv", "xlsx", "check", "build")
# The source folder's and the archive's own names: "{}" is "source" or "archive".
FOLDER_NAMES = ("{}", "{}", "{}", "my {} #1 ?%", "-{}", "caf\u00e9 {}")
WHERE = {"html": ("", "", "sub"), "photos": ("", "", "sub"), "csv": ("", "", "sub"), "xlsx": ("", "", "sub"),
         "check": ("items", "images", "images", "topics", "pages", "images/sub"),
         "build": ("items", "images", "images", "topics", "pages", "images/sub")}
# The sheet itself, or the old site's index.html. A link to a sheet elsewhere is followed (a person named it), so it
# is no oddity here.
SHEETS = ("normal", "normal", "normal", "fifo", "empty", "truncated_jpeg", "loop_self", "dangling")
# A full disk: the bytes still free when the command starts (None: a disk with room). 0 fails the first write,
# a few KB the first photo, a few hundred KB a derivative, a page or the search index halfway.
BUDGETS = (None, None, None, 0, 6_000, 300_000)
FREE_SPACE = "the disk is full: free some space"


@dataclass(frozen=True)
class Oddity:
    content: str
    stem: int  # index into STEMS
    suffix: str  # "natural": what the folder holds (.md in items/, .jpg in images/ ...)
    where: int  # index into the kind's WHERE


@dataclass
class Scene:
    """A folder built for one example: where each command's input is, and the names the inputs give."""

    base: Path
    kind: str
    source: Path  # the old site, photo folder, sheet's folder, or the archive (check, build)
    archive: Path
    refs: list[tuple[str, str]]  # (the path inside `source` a page, row or item names, the oddity's content)
    locked: list[Path]  # made unreadable: made readable again at the end, so that tmp_path can be removed
    sheet: Path | None = None
    budget: int | None = None  # bytes free on a full disk, or None


def oddities(kind: str) -> st.SearchStrategy[list[Oddity]]:
    contents = CONTENTS + (() if CHILD_PREFIX is None else UNREADABLE)
    one = st.builds(Oddity, st.sampled_from(contents), st.integers(0, len(STEMS) - 1), st.sampled_from(SUFFIXES),
                    st.integers(0, len(WHERE[kind]) - 1))
    return st.lists(one, min_size=1, max_size=6)


@st.composite
def scenes(draw: st.DrawFn) -> tuple[str, list[Oddity], str, bool, str, int | None]:
    kind = draw(st.sampled_from(KINDS))
    sheet = draw(st.sampled_from(SHEETS)) if kind in ("html", "csv", "xlsx") else "normal"
    budget = draw(st.sampled_from(BUDGETS if FULL_DISK else (None,)))
    return (kind, draw(oddities(kind)), sheet, draw(st.booleans()), draw(st.sampled_from(FOLDER_NAMES)), budget)


def odd_name(oddity: Oddity, n: int, natural: str) -> str:
    stem = STEMS[oddity.stem]
    suffix = natural if oddity.suffix == "natural" else oddity.suffix
    if isinstance(stem, bytes):
        return os.fsdecode(stem + f"{n}{suffix}".encode())
    return f"{stem}{n}{suffix}"


def natural_suffix(kind: str, folder: str, n: int) -> str:
    if folder.startswith(("items", "topics", "pages")):
        return ".md"
    if kind == "html":
        return (".html", ".jpg")[n % 2]
    return ".jpg"


def jpeg_bytes(base: Path, seed: str, size: tuple[int, int] = (320, 240)) -> bytes:
    path = make_jpeg(base / ".jpeg-maker" / f"{seed}.jpg", size, seed=seed)
    data = path.read_bytes()
    path.unlink()
    return data


def with_marker(jpeg: bytes) -> bytes:
    """A JPEG with MARKER in a comment segment: a byte copy of it carries the marker."""
    comment = b"\xff\xfe" + (len(MARKER) + 2).to_bytes(2, "big") + MARKER
    return jpeg[:2] + comment + jpeg[2:]


def good_content(base: Path, suffix: str, n: int, image: str) -> bytes:
    """A real file of the kind its suffix says."""
    if suffix == ".jpg":
        return jpeg_bytes(base, f"good{n}")
    if suffix == ".html":
        return f'<html><body><img src="{image}"><p>A good page {n}, 1950.</p></body></html>'.encode()
    if suffix == ".md":
        return item_md(f"A good caption {n}.", title=f"Good {n}", image=image).encode()
    if suffix == ".csv":
        return f"File,Title\n{image},Good {n}\n".encode()
    return f"plain text {n}\n".encode()


def make_outside(base: Path) -> Path:
    """Files outside the source folder, each carrying MARKER: what a link leads to and must never be read."""
    outside = base / "outside"
    (outside / "folder").mkdir(parents=True)
    secret_jpeg = with_marker(jpeg_bytes(base, "secret", (613, 97)))
    for folder in (outside, outside / "folder"):
        (folder / "secret.jpg").write_bytes(secret_jpeg)
        (folder / "secret.html").write_bytes(b"<html><body><img src='secret.jpg'><p>" + MARKER + b"</p></body></html>")
        (folder / "secret.md").write_bytes(b"---\ntitle: " + MARKER + b"\nimage: first.jpg\n---\n" + MARKER + b"\n")
        (folder / "secret.csv").write_bytes(b"File,Title\nsecret.jpg," + MARKER + b"\n")
        (folder / "secret").write_bytes(MARKER)
    return outside


def place_oddity(scene: Scene, oddity: Oddity, n: int) -> None:
    """Put one oddity into the scene's source folder; record the path that pages, rows or items name."""
    folder = WHERE[scene.kind][oddity.where]
    here = scene.source / folder
    here.mkdir(parents=True, exist_ok=True)
    natural = natural_suffix(scene.kind, folder, n)
    name = odd_name(oddity, n, natural)
    suffix = os.path.splitext(name)[1]
    path = here / name
    ref = f"{folder}/{name}" if folder else name
    image = "first.jpg" if scene.kind in ("check", "build") else "river.jpg"
    kind = oddity.content
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop_self":
        path.symlink_to(name)
    elif kind == "loop_pair":
        path.symlink_to(f"{name}-pair")
        (here / f"{name}-pair").symlink_to(name)
    elif kind == "loop_dot":
        path.symlink_to(".", target_is_directory=True)
        ref = f"{ref}/{ref}/{name}"
    elif kind == "loop_up":
        path.symlink_to("..", target_is_directory=True)
    elif kind == "dangling":
        path.symlink_to(f"gone{n}{suffix}")
    elif kind == "outside_file":
        path.symlink_to(scene.base / "outside" / f"secret{suffix}")
    elif kind == "outside_folder":
        path.symlink_to(scene.base / "outside" / "folder", target_is_directory=True)
        ref = f"{ref}/secret{natural}"
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated_jpeg":
        whole = jpeg_bytes(scene.base, f"cut{n}", (640, 480))
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "good":
        path.write_bytes(good_content(scene.base, suffix, n, image))
    elif kind == "folder_named_so":  # a file replaced by a folder of the same name
        path.mkdir()
        (path / "inside.jpg").write_bytes(jpeg_bytes(scene.base, f"inside{n}"))
    elif kind == "deep":
        deep = path.joinpath(*["d"] * DEPTH)
        deep.mkdir(parents=True)
        (deep / f"bottom{natural}").write_bytes(good_content(scene.base, natural, n, image))
        ref = f"{ref}/{'/'.join(['d'] * DEPTH)}/bottom{natural}"
    elif kind == "unreadable_file":
        path.write_bytes(good_content(scene.base, suffix, n, image))
        path.chmod(0)
        scene.locked.append(path)
    elif kind == "unreadable_folder":
        path.mkdir()
        (path / f"inside{natural}").write_bytes(good_content(scene.base, natural, n, image))
        path.chmod(0)
        scene.locked.append(path)
        ref = f"{ref}/inside{natural}"
    scene.refs.append((ref, kind))


# -- the inputs ----------------------------------------------------------------------------------------------

def readable(rel: str) -> str:
    """A path as a page or a sheet written on Windows would name it (bytes that are not UTF-8 as Windows-1252)."""
    raw = os.fsencode(rel)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def build_scene(base: Path, kind: str, odd: list[Oddity], sheet_kind: str, prebuilt: bool = False,
                folder_name: str = "{}", inside: bool = False) -> Scene:
    """The scene's folder: its ordinary files, a first build when `prebuilt`, then the oddities and what names them;
    `inside`: the archive an import writes is made inside the source folder (`albumen import photos . -C archive`)."""
    make_outside(base)
    if kind in ("check", "build"):
        source = base / folder_name.format("archive")
        for rel, text in {**base_files(), "albumen.toml": 'title = "T"\n[images]\nwidths = [200]\n'}.items():
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            (source / rel).write_bytes(text if isinstance(text, bytes) else (text or "").encode())
        for name, size in BASE_IMAGES.items():
            make_jpeg(source / "images" / name, size)
        scene = Scene(base, kind, source, source, [], [])
        if kind == "build" and prebuilt:
            first = run_child("build", "-q", "--executor", "inline", "-C", source)
            assert first.status == 0, first.output
    else:
        source = base / folder_name.format("source")
        make_jpeg(source / "river.jpg", (640, 480))
        make_jpeg(source / "sub" / "cafe.jpg", (600, 400))
        archive = (source if inside else base) / folder_name.format("archive")
        scene = Scene(base, kind, source, archive, [], [])
    for n, oddity in enumerate(odd):
        place_oddity(scene, oddity, n)
    write_references(scene, sheet_kind)
    return scene


def write_references(scene: Scene, sheet_kind: str) -> None:
    """The pages, rows or items that name every oddity, so that each is looked at, not only listed."""
    if scene.kind == "html":
        links = "".join(f'<p><a href="{quote(os.fsencode(ref))}"><img src="{html.escape(readable(ref))}" '
                        f'width="160"></a> Odd photo {n}, 1950.</p>\n' for n, (ref, _) in enumerate(scene.refs))
        home = ("<html><head><title>Our photos</title></head><body><h1>Our photos</h1>"
                '<p><a href="river.html"><img src="river.jpg" width="160"></a> The river at dawn, 1952.</p>\n'
                f'{links}<p><img src="sub/cafe.jpg"> The cafe.</p></body></html>')
        # Only the home page names them: names on every page would be left out as the site's chrome, not read.
        (scene.source / "river.html").write_text('<html><body><img src="river.jpg"><p>The river at dawn, 1952.</p>'
                                                  '<a href="index.html">Home</a></body></html>', encoding="utf-8")
        write_main_file(scene, scene.source / "index.html", home.encode(), sheet_kind)
    elif scene.kind in ("csv", "xlsx"):
        rows = [("File", "Title"), ("river.jpg", "The river"), ("sub/cafe.jpg", "The cafe")]
        rows += [(readable(ref), f"Odd {n}") for n, (ref, _) in enumerate(scene.refs)]
        scene.sheet = scene.source / f"photos.{scene.kind}"
        write_sheet(scene, rows, sheet_kind)
    elif scene.kind in ("check", "build"):
        for n, (ref, _) in enumerate(scene.refs):
            if ref.startswith("images/"):
                (scene.source / "items" / f"uses-odd{n}.md").write_text(
                    item_md(f"Uses odd {n}.", title=f"Odd {n}", image=readable(ref[len("images/"):])),
                    encoding="utf-8")


def write_sheet(scene: Scene, rows: list[tuple[str, str]], sheet_kind: str) -> None:
    assert scene.sheet is not None
    if scene.kind == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        content = text.getvalue().encode()
    else:
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(list(row))
        saved = io.BytesIO()
        book.save(saved)
        content = saved.getvalue()
    write_main_file(scene, scene.sheet, content, sheet_kind)


def write_main_file(scene: Scene, path: Path, content: bytes, kind: str) -> None:
    """The sheet, or the old site's home page: as it should be, or an oddity in its place."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated_jpeg":
        path.write_bytes(jpeg_bytes(scene.base, "main")[:300])
    elif kind == "loop_self":
        path.symlink_to(path.name)
    elif kind == "dangling":
        path.symlink_to(f"gone-{path.name}")
    else:
        path.write_bytes(content)


# -- a full disk ---------------------------------------------------------------------------------------------

@contextlib.contextmanager
def own_disk(base: Path, budget: int | None) -> Iterator[None]:
    """`base` on a small file system of its own (tmpfs) when the example fills the disk: what the command writes
    anywhere under it (Python, SQLite, libvips alike) meets a real ENOSPC, and the test harness elsewhere does not."""
    if budget is None or not FULL_DISK:
        yield
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(base)], check=True, capture_output=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(base)], check=True, capture_output=True)


def fill_disk(scene: Scene, budget: int | None) -> None:
    """Shrink the scene's own disk to what it holds plus `budget` bytes (in whole pages): the command's first
    write past them fails with ENOSPC."""
    if budget is None or not FULL_DISK:
        return
    disk = os.statvfs(scene.base)
    used = (disk.f_blocks - disk.f_bfree) * disk.f_frsize
    size = used + -(-budget // disk.f_frsize) * disk.f_frsize
    subprocess.run(["mount", "-o", f"remount,size={size}", "tmpfs", str(scene.base)], check=True, capture_output=True)
    scene.budget = budget


def assert_full_disk_left_things_whole(scene: Scene, outcome: Outcome, before_site: dict[str, str] | None) -> None:
    """A full disk: said with what to do, never a half-written record, never half a site."""
    if scene.budget == 0 and scene.kind != "check":
        assert outcome.status != 0, f"nothing fits on the disk, yet exit 0:\n{outcome.output}"
    for line in outcome.output.splitlines():  # what the disk refused is said with what to do
        if "No space left on device" in line:
            assert FREE_SPACE in line, outcome.output
    archive = scene.archive
    if archive.exists():
        leftovers = [str(p) for p in archive.rglob("*") if p.name.endswith(".tmp") and p.name.startswith(".")]
        assert not leftovers, (leftovers, outcome.output)
        for item in sorted((archive / "items").glob("*.md")) if scene.kind not in ("check", "build") else []:
            text = item.read_text(encoding="utf-8")
            assert text.startswith("---\n"), (item, text)
            assert isinstance(yaml.safe_load(text.split("---\n")[1]), dict), (item, text)
    if scene.kind == "build" and FREE_SPACE in outcome.output:
        assert site_state(archive) == before_site, f"a build that ran out of space changed the site:\n{outcome.output}"


# -- what is on disk -----------------------------------------------------------------------------------------

def disk_state(top: Path, leave_out: set[Path]) -> dict[str, tuple[object, ...]]:
    """Every entry under `top` (but `leave_out`), never following a link or opening a FIFO: files by bytes and
    mtime, links by target, folders by mtime (a file made and removed in a folder changes its mtime)."""
    state: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(top, onerror=lambda _: None):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in leave_out]
        for name in dirs + files:
            path = here / name
            info = path.lstat()
            rel = os.fsencode(path.relative_to(top)).decode("utf-8", "backslashreplace")
            if stat.S_ISLNK(info.st_mode):
                state[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    digest = "unreadable"
                state[rel] = ("file", info.st_size, info.st_mtime_ns, digest)
            elif stat.S_ISDIR(info.st_mode):
                state[rel] = ("folder", info.st_mtime_ns, stat.S_IMODE(info.st_mode))
            else:
                state[rel] = ("other", stat.S_IFMT(info.st_mode), info.st_mtime_ns)
    return state


def files_with_marker(top: Path) -> list[str]:
    """The regular files under `top` that carry MARKER (links not followed, FIFOs never opened)."""
    found = []
    for folder, _, files in os.walk(top):
        for name in files:
            path = Path(folder) / name
            if stat.S_ISREG(path.lstat().st_mode) and MARKER in path.read_bytes():
                found.append(str(path))
    return found


def secret_pictures(top: Path) -> list[str]:
    """The pictures under `top` shaped as the secret JPEG is (613 x 97): a derivative of it carries no MARKER."""
    found = []
    for path in top.rglob("*"):
        if path.suffix.casefold() in (".jpg", ".jpeg", ".webp", ".png") and stat.S_ISREG(path.lstat().st_mode):
            try:
                with Image.open(path) as picture:
                    width, height = picture.size
            except (OSError, SyntaxError):
                continue
            if height and 6.2 < width / height < 6.45:
                found.append(str(path))
    return found


def site_state(archive: Path) -> dict[str, str] | None:
    site = archive / "_site"
    if not site.exists():
        return None
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file() and not p.is_symlink()}


@dataclass
class Outcome:
    status: int
    output: str  # stdout and stderr


def run_child(*args: object, timeout: float = 60) -> Outcome:
    """`albumen ARGS` in a child process: a hang (a FIFO read) becomes a failed test, not a stuck run."""
    try:
        command: list[str | bytes] = [*(CHILD_PREFIX or []), sys.executable, "-m", "albumen",
                                      *(os.fsencode(str(arg)) for arg in args)]
        done = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"albumen {' '.join(map(str, args))} still ran after {timeout} s (a FIFO read?)") from exc
    output = (done.stdout + done.stderr).decode("utf-8", "backslashreplace")
    return Outcome(done.returncode, output)


def assert_ends_located(outcome: Outcome, scene: Scene) -> None:
    """Exit 0, 1 or 2, no traceback or internal error, every problem line located (no file the system refused stops
    the whole command), no name printed raw with its newline (it would cut a problem line in two)."""
    assert outcome.status in (0, 1, 2), outcome.output
    assert "Traceback" not in outcome.output and "internal error" not in outcome.output, outcome.output
    # Unless the disk is full, one file the system refused stopped the whole command, unlocated.
    for line in outcome.output.splitlines():
        if "error: can't write or read" in line:
            assert scene.budget is not None and FREE_SPACE in line, outcome.output
    for line in outcome.output.splitlines():
        if ": error: " in line or ": warning: " in line or ": note: " in line:
            assert LOCATED.match(line), line
    for ref, _ in scene.refs:
        for part in ref.split("/"):
            if "\n" in part:
                assert part not in outcome.output, f"{part!r} printed with its newline:\n{outcome.output}"


def run_scene(scene: Scene) -> None:
    kind, archive = scene.kind, scene.archive
    leave_out = {archive / "_site", archive / ".albumen"} if kind in ("check", "build") else {archive}
    before_site = site_state(archive)
    before = disk_state(scene.base, leave_out)
    if kind == "html":
        outcome = run_child("import", "html", scene.source, "-C", archive)
    elif kind == "photos":
        outcome = run_child("import", "photos", scene.source, "-C", archive, "--topics-from-folders")
    elif kind in ("csv", "xlsx"):
        outcome = run_child("import", kind, scene.sheet, "--images", scene.source, "-C", archive)
    elif kind == "check":
        outcome = run_child("check", "-C", archive)
    else:
        outcome = run_child("build", "--executor", "inline", "-C", archive)
    assert_ends_located(outcome, scene)
    after = disk_state(scene.base, leave_out)
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
    made = archive.relative_to(scene.base)
    changed -= {made.as_posix(), made.parent.as_posix()}  # made by the import (in its folder), or its _site swapped in
    assert not changed, (sorted(changed), outcome.output)
    if archive.exists():
        assert not files_with_marker(archive), (files_with_marker(archive), outcome.output)
        assert not secret_pictures(archive), (secret_pictures(archive), outcome.output)
    if kind == "build":
        assert_site_whole_or_previous(archive, outcome, before_site)
    if scene.budget is not None:
        assert_full_disk_left_things_whole(scene, outcome, before_site)
    if kind in ("html", "photos", "csv", "xlsx") and (archive / "items").exists():
        checked = run_child("check", "-C", archive)
        assert_ends_located(checked, scene)
        assert checked.status in (0, 1), checked.output


def assert_site_whole_or_previous(archive: Path, outcome: Outcome, before: dict[str, str] | None) -> None:
    """The site after a build is the previous one (or none), or a whole new one: a photo that failed is left off
    a site that is still published (exit 1), but never half a site, and never a staging folder beside it."""
    assert sorted(p.name for p in archive.iterdir() if p.name.startswith("_site")) in ([], ["_site"]), \
        sorted(p.name for p in archive.iterdir())
    after = site_state(archive)
    if outcome.status == 2 or (outcome.status == 1 and after == before):
        assert after == before, outcome.output
        return
    assert after is not None and "index.html" in after, outcome.output
    assert not broken_references(archive / "_site"), (broken_references(archive / "_site"), outcome.output)


def broken_references(site: Path) -> list[str]:
    """Every relative href, src and srcset entry of the site's pages that names no file of the site."""
    broken = []
    for page in site.rglob("*.html"):
        if {"pagefind", "vendor"} & set(page.relative_to(site).parts):
            continue
        for node in parse_html(page).iter():
            urls = [node.get("href"), node.get("src")] + [url for url, _ in srcset_urls(node.get("srcset") or "")]
            for url in filter(None, urls):
                if re.match(r"^([a-z][a-z0-9+.-]*:|//|#)", url, re.IGNORECASE):
                    continue  # another site, a mailto:, an anchor on the page
                target = resolve(site, page, unquote(url))
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: {url}")
    return broken


def unlock(scene: Scene) -> None:
    for path in scene.locked:
        path.chmod(0o755)


# -- the property --------------------------------------------------------------------------------------------

def every_oddity(kind: str, first: int, count: int = 6) -> list[Oddity]:
    """`count` oddities of the kind's folders, from CONTENTS in turn from `first`, each with another name stem."""
    return [Oddity(CONTENTS[(first + n) % len(CONTENTS)], (first + n) % len(STEMS), "natural",
                   n % len(WHERE[kind])) for n in range(count)]


# Run first, every time: each command once, with every oddity among them (the generated examples vary the rest);
# the build with a site built before, which a failed build must leave as it was.
EVERY_KIND = [("html", every_oddity("html", 0), "normal", True, "{}", None),
              ("photos", every_oddity("photos", 5), "normal", False, "-{}", None),
              ("csv", every_oddity("csv", 10), "normal", False, "{}", None),
              ("xlsx", every_oddity("xlsx", 3), "normal", True, "my {} #1 ?%", None),
              ("check", every_oddity("check", 0), "normal", False, "caf\u00e9 {}", None),
              ("build", every_oddity("build", 6, 8), "normal", True, "{}", None)]
# Each command again on a full disk (where the test may mount one), with fewer oddities: nothing fits, a photo
# fits, a page fits; the build over a site built before, which it must leave as it was.
ON_A_FULL_DISK = [("html", every_oddity("html", 2, 3), "normal", False, "{}", 0),
                  ("photos", every_oddity("photos", 7, 3), "normal", True, "{}", 6_000),
                  ("csv", every_oddity("csv", 1, 3), "normal", False, "my {} #1 ?%", 300_000),
                  ("xlsx", every_oddity("xlsx", 9, 3), "normal", False, "{}", 0),
                  ("check", every_oddity("check", 4, 3), "normal", False, "{}", 0),
                  ("build", [Oddity("good", 0, "natural", 1), Oddity("good", 0, "natural", 0)], "normal", True, "{}",
                   300_000)]  # no oddity that stops the build before it writes


@settings(max_examples=EXAMPLES, deadline=None, derandomize=RANDOM is None, database=None,
          phases=[Phase.explicit, Phase.generate] if RANDOM else list(Phase),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(scenes())
@example(EVERY_KIND[0])
@example(EVERY_KIND[1])
@example(EVERY_KIND[2])
@example(EVERY_KIND[3])
@example(EVERY_KIND[4])
@example(EVERY_KIND[5])
@example(ON_A_FULL_DISK[0])
@example(ON_A_FULL_DISK[1])
@example(ON_A_FULL_DISK[2])
@example(ON_A_FULL_DISK[3])
@example(ON_A_FULL_DISK[4])
@example(ON_A_FULL_DISK[5])
def test_every_command_ends_located_whatever_the_disk_mixes(tmp_path_factory, scene_spec):
    kind, odd, sheet_kind, twist, folder_name, budget = scene_spec  # twist: a site built before, or the archive
    base = tmp_path_factory.mktemp("mix")  # inside; budget: the bytes free on a full disk (None: room enough)
    with own_disk(base, budget):
        scene = build_scene(base, kind, odd, sheet_kind, twist, folder_name, inside=twist)
        try:
            fill_disk(scene, budget)
            run_scene(scene)
        finally:
            unlock(scene)


def scene_for(tmp_path: Path, kind: str, odd: list[tuple[str, int, str, int]], sheet_kind: str = "normal") -> Scene:
    return build_scene(tmp_path, kind, [Oddity(*spec) for spec in odd], sheet_kind)


def problems_of(outcome: Outcome) -> dict[str, str]:
    """'path:line' (or 'path') -> the message of the problem located there."""
    return {m["path"] + (f":{m['line']}" if m["line"] else ""): m["message"] for m in problem_lines(outcome.output)}


def walk_names(top: Path) -> Iterator[str]:
    for _, dirs, files in os.walk(top):
        yield from dirs + files


# -- what the property found, each as a plain test -----------------------------------------------------------

def test_a_link_in_a_photo_folder_to_a_photo_outside_is_never_copied(tmp_path):
    scene = scene_for(tmp_path, "photos", [("outside_file", 0, "natural", 0), ("outside_folder", 0, "natural", 2)])
    done = run_child("import", "photos", scene.source, "-C", scene.archive)
    assert done.status == 0, done.output
    assert "plain0.jpg: warning: not imported: a link to a file outside the folder" in done.output
    assert not files_with_marker(scene.archive)
    assert sorted(walk_names(scene.archive / "images")) == ["cafe.jpg", "river.jpg", "source", "sub"]


def test_a_sheet_row_naming_a_link_to_a_photo_outside_is_not_imported(tmp_path):
    scene = scene_for(tmp_path, "csv", [("outside_file", 0, "natural", 0)])
    assert scene.sheet is not None
    done = run_child("import", "csv", scene.sheet, "--images", scene.source, "-C", scene.archive)
    assert done.status == 1, done.output
    assert "photos.csv:4: error: " in done.output
    assert not files_with_marker(scene.archive)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_fifo_as_the_sheet_never_hangs(tmp_path, kind):
    scene = scene_for(tmp_path, kind, [("good", 0, "natural", 0)], sheet_kind="fifo")
    done = run_child("import", kind, scene.sheet, "--images", scene.source, "-C", scene.archive, timeout=30)
    assert done.status == 1, done.output
    assert f"error: can't read {scene.sheet}: not a regular file but a FIFO" in done.output
    assert not scene.archive.exists()


def test_a_row_naming_a_fifo_or_a_link_loop_says_what_it_is(tmp_path):
    scene = scene_for(tmp_path, "csv", [("fifo", 0, "natural", 0), ("loop_pair", 3, "natural", 2)])
    assert scene.sheet is not None
    done = run_child("import", "csv", scene.sheet, "--images", scene.source, "-C", scene.archive)
    assert done.status == 1, done.output
    located = problems_of(done)
    sheet = str(scene.sheet)
    assert "names plain0.jpg, which can't be read: not a regular file but a FIFO" in located[f"{sheet}:4"]
    assert "names sub/why?1.jpg, which can't be read: this is a link that leads round" in located[f"{sheet}:5"]


def test_an_archive_named_with_a_hash_or_a_question_mark_is_never_written_beside(tmp_path):
    scene = build_scene(tmp_path, "build", [], "normal", prebuilt=True, folder_name="my {} #1 ?%")
    assert scene.archive.name == "my archive #1 ?%"
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_child("check", "-C", scene.archive)
    assert done.status == 0, done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not 'my archive ' beside it


def test_photos_of_an_old_site_named_in_shift_jis_or_no_encoding_are_imported(tmp_path):
    scene = scene_for(tmp_path, "html", [("good", 8, ".jpg", 0), ("good", 9, ".jpg", 0)])
    done = run_child("import", "html", scene.source, "-C", scene.archive)
    assert done.status == 0, done.output  # was an internal error: libvips takes names as UTF-8
    copied = sorted(walk_names(scene.archive / "images"))
    assert {readable(os.fsdecode(b"\x83n\x83\x930.jpg")), readable(os.fsdecode(b"\xff\xfe1.jpg"))} <= set(copied)


def test_an_empty_photo_with_a_newline_in_its_name_is_reported_as_empty(tmp_path):
    scene = scene_for(tmp_path, "photos", [("empty", 6, "natural", 0)])
    done = run_child("import", "photos", scene.source, "-C", scene.archive)
    assert done.status == 1, done.output
    located = problems_of(done)
    assert located[f"{scene.source}/line\\x0abreak0.jpg"].startswith("the file is empty (0 bytes"), done.output


@pytest.mark.parametrize("kind", ["html", "photos", "csv"])
def test_a_photo_and_a_folder_without_read_permission_leave_the_rest_imported(tmp_path, kind):
    if CHILD_PREFIX is None:
        pytest.skip("root can't drop its right to read every file here (setpriv)")
    scene = scene_for(tmp_path, kind, [("unreadable_file", 0, ".jpg", 0), ("unreadable_folder", 3, "natural", 0)])
    try:
        args = ("csv", scene.sheet, "--images") if kind == "csv" else (kind,)
        done = run_child("import", *args, scene.source, "-C", scene.archive)
    finally:
        unlock(scene)
    assert done.status in (0, 1), done.output  # was: "error: can't write or read .../plain0.jpg", nothing imported
    assert "can't write or read" not in done.output and "permission denied" in done.output, done.output
    assert "river.jpg" in set(walk_names(scene.archive / "images"))
    if kind == "photos":
        located = problems_of(done)
        assert "may not look into (permission denied)" in located[f"{scene.source}/why?1.jpg/"], done.output


def test_a_topic_from_a_folder_200_levels_deep_gets_an_id_a_disk_can_name(tmp_path):
    scene = scene_for(tmp_path, "photos", [("deep", 0, "natural", 2)])
    done = run_child("import", "photos", scene.source, "-C", scene.archive, "--topics-from-folders")
    assert done.status == 0, done.output  # was: "error: can't write or read .../topics/sub-plain0-jpg-d-d-d...: File
    topics = [p.name for p in (scene.archive / "topics").iterdir()]  # name too long", nothing imported
    assert len(topics) == 2 and all(len(name.encode()) <= 255 for name in topics), topics
    assert run_child("check", "-C", scene.archive).status == 0


def test_a_folder_of_an_old_site_that_cant_be_listed_is_reported_not_skipped_unsaid(tmp_path):
    if CHILD_PREFIX is None:
        pytest.skip("root can't drop its right to read every file here (setpriv)")
    scene = scene_for(tmp_path, "html", [("unreadable_folder", 0, "", 0), ("unreadable_folder", 3, "", 2)])
    try:
        done = run_child("import", "html", scene.source, "-C", scene.archive)
    finally:
        unlock(scene)
    assert done.status == 0, done.output  # was: exit 0 and not a word about either folder
    located = problems_of(done)
    for folder in ("plain0", "sub/why?1"):
        message = located[f"{scene.source}/{folder}/"]
        assert "may not look into (permission denied)" in message, done.output
        assert "the pages and photos in it were left out" in message, done.output
    assert "river.jpg" in set(walk_names(scene.archive / "images"))


def test_a_see_through_picture_of_an_old_site_named_in_latin_1_is_judged_not_crashed_on(tmp_path):
    """drawn_pictures looks at PNGs and GIFs with alpha: it opened them by name, which libvips takes as UTF-8."""
    import pyvips

    site, archive = tmp_path / "site", tmp_path / "archive"
    site.mkdir()
    sign = pyvips.Image.black(80, 40).new_from_image([200, 30, 30, 0]).copy(interpretation="srgb")
    sign.write_to_file(str(tmp_path / "sign.png"))  # a red box on nothing: a drawing
    os.rename(tmp_path / "sign.png", os.fsencode(site) + b"/caf\xe9.png")
    (site / "index.html").write_text('<h1>Cafe</h1><img src="caf%E9.png" width=80 height=40><p>A sign</p>')
    done = run_child("import", "html", site, "-C", archive)
    assert done.status == 0, done.output  # was an internal error: UnicodeEncodeError in pyvips
    assert not list((archive / "items").glob("*.md"))  # the drawn box is no photo
