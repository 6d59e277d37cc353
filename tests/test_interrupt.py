"""Reliability: builds killed with SIGKILL, damaged catalogs, and the same site from any folder.

A build here is a real process (`python -m albumen build`) in its own process group with its image
workers and Pagefind, killed whole with SIGKILL: no cleanup code runs, as after `kill -9`, the OOM killer
or a machine that stops. It is killed two ways:

- at fractions of the measured duration of that very build, from outside;
- at exact moments inside it, chosen from a recording of a complete run of the same build: its progress
  ticks, and just before a change it makes to the file system (seen with an audit hook, sys.addaudithook),
  every step of the publish swap included. These moments don't depend on timing, so every stage is
  covered on any machine, however loaded.

After every kill, `_site/` must be the previous site byte for byte (or, killed after the swap, the whole new
one: never a mixture, never missing), the archive's own files untouched and the build lock free; the next
build must succeed and give the same bytes as a clean build of the same archive in another folder.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from albumen.stages.catalog import MIGRATIONS
from conftest import BASE_IMAGES, DEFAULT_TOML, base_files, item_md, make_jpeg, run_cli, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")

LINUX = sys.platform.startswith("linux")
PHOTOS = 14  # originals at the previous build, 900 x 600 (sizes 200, 400 and 800 wide, JPEG and WebP)
NEW_PHOTOS = 4  # added since, with one original replaced: the killed build has five photos to make
STAGES = ("load", "check", "catalog", "images", "pages", "search", "publish")

# `albumen build` in a child process with two instruments:
# - the reporter's progress() is wrapped, to know the stage (its description) and count its ticks;
# - an audit hook sees each change the build is about to make to the archive's folder (a file opened for
#   writing, a rename, a removal, a folder made, a link; the catalog opened; Pagefind started; in publish,
#   a C function looked up: the exchange of the folders, which makes no audit event of its own).
# With a plan {"stage": S, "kind": K, "n": N}, the N-th event of kind K ("enter", "tick" or "change") in
# stage S kills the whole process group (the build, its workers, Pagefind) with SIGKILL, before that event
# takes effect; "after": seconds delays the kill; "only_main": kills the build's own process only;
# {"orphan_pagefind": true}: the build kills itself as it starts Pagefind, which writes its bundle late.
# Without a plan the build runs to its end, and the counts of events are written to argv[3].
# Between two stages, the stage is "<previous stage>+"; after "search" it is "publish" (the swap).
HARNESS = r"""
import json, os, signal, sys, threading
from contextlib import contextmanager

root, plan = os.path.realpath(sys.argv[1]), json.loads(sys.argv[2])
counts = {}


class State(threading.local):
    stage = "start"  # each thread's own: images are made in a thread while pages are written


state = State()
MUTATIONS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.link", "os.symlink",
             "shutil.copyfile", "shutil.copymode", "os.chmod", "os.truncate", "os.utime", "sqlite3.connect",
             "subprocess.Popen", "ctypes.dlsym"}
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def kill():
    if plan.get("only_main"):
        os.kill(os.getpid(), signal.SIGKILL)
    os.killpg(os.getpgid(0), signal.SIGKILL)


def note(kind):
    key = state.stage + "/" + kind
    counts[key] = counts.get(key, 0) + 1
    if plan.get("stage") and [plan["stage"], plan["kind"], plan["n"]] == [state.stage, kind, counts[key]]:
        if plan.get("after"):
            threading.Timer(plan["after"], kill).start()
        else:
            kill()


def audit(event, args):
    if event == "open":
        path, mode, flags = args
        if not (flags & WRITING if mode is None else any(c in str(mode) for c in "wax+")):
            return
    elif event not in MUTATIONS or (event == "ctypes.dlsym" and state.stage != "publish"):
        return
    path = args[0] if args and event != "subprocess.Popen" else None
    if isinstance(path, (str, bytes)) and os.path.isabs(path) and not os.fsdecode(path).startswith(root):
        return  # not in the archive: the interpreter's own files
    note("change")


from albumen import reporter
from albumen.cli import main

original_progress = reporter.CliReporter.progress


@contextmanager
def progress(self, description, unit=""):
    state.stage = description
    note("enter")
    with original_progress(self, description, unit) as advance:
        def counted(done, total):
            note("tick")
            advance(done, total)
        yield counted
    state.stage = "publish" if description == "search" else description + "+"


reporter.CliReporter.progress = progress
if plan and plan.get("orphan_pagefind"):
    import subprocess
    from albumen.stages import index

    class OrphanPagefind:
        # The build dies as it starts Pagefind; this Pagefind writes its bundle late, once the next build
        # has written its own search index (or 5 s have passed).

        def __getattr__(self, name):
            return getattr(subprocess, name)

        def run(self, command, **options):
            site = command[command.index("--site") + 1]
            if "--output-path" in command:
                bundle = command[command.index("--output-path") + 1]
            else:
                bundle = os.path.join(site, "pagefind")
            late = ('for i in $(seq 500); do [ -e "$0/pagefind/pagefind-entry.json" ] && break; sleep 0.01; done; '
                    'mkdir -p "$1" && echo late > "$1/late.pf_fragment"')
            subprocess.Popen(["sh", "-c", late, site, bundle], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.kill(os.getpid(), signal.SIGKILL)

        def Popen(self, command, **options):
            self.run(command)

    index.subprocess = OrphanPagefind()
sys.addaudithook(audit)
try:
    main(["build", "-q", "-C", root], prog_name="albumen")
finally:
    if not plan:
        with open(sys.argv[3], "w") as out:
            json.dump(counts, out)
"""

# `albumen build` with every folder listed in reverse order (os.listdir, os.scandir: glob, rglob, iterdir),
# as another file system could list them.
REVERSED_LISTINGS = r"""
import os, sys

_listdir, _scandir = os.listdir, os.scandir


class Reversed:
    def __init__(self, entries):
        with entries:
            self.entries = iter(list(entries)[::-1])

    def __iter__(self):
        return self.entries

    def __next__(self):
        return next(self.entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def close(self):
        pass


os.listdir = lambda path=".": _listdir(path)[::-1]
os.scandir = lambda path=".": Reversed(_scandir(path))
from albumen.cli import main
main(["build", "-q", "-C", sys.argv[1]], prog_name="albumen")
"""


# -- archives ------------------------------------------------------------------------------------------------

def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        if content is not None:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def previous_archive(root: Path) -> Path:
    """The archive at the previous build: the base archive and PHOTOS more photos in its topic."""
    files = {"albumen.toml": DEFAULT_TOML, **base_files()}
    for n in range(PHOTOS):
        files[f"items/p{n:02d}.md"] = item_md(
            f"Photograph {n}, taken on the road south.", title=f"Photograph {n}", image=f"road/p{n:02d}.jpg",
            date=f"1944-{n % 12 + 1:02d}", places=["liuzhou" if n % 2 else "china"],
            subjects=[f"subject-{n % 5}"], topics=["journey"])
    write_files(root, files)
    for rel, size in BASE_IMAGES.items():
        make_jpeg(root / "images" / rel, size)
    for n in range(PHOTOS):
        make_jpeg(root / "images" / "road" / f"p{n:02d}.jpg", (900, 600))
    return root


def change_archive(root: Path) -> None:
    """What a person did since: a caption edited, photos added, one original replaced, one item removed."""
    write_files(root, {
        "items/p03.md": item_md("An edited caption: the bridge at dusk.", title="Photograph 3",
                                image="road/p03.jpg", topics=["journey"]),
        **{f"items/new{n}.md": item_md(f"A newly added photograph, number {n}.", title=f"New {n}",
                                       image=f"new/new{n}.jpg", date="1945", subjects=["added"],
                                       topics=["journey"]) for n in range(NEW_PHOTOS)},
    })
    for n in range(NEW_PHOTOS):
        make_jpeg(root / "images" / "new" / f"new{n}.jpg", (900, 600))
    make_jpeg(root / "images" / "road" / "p05.jpg", (900, 600), seed="a better scan of p05")
    (root / "items" / "p07.md").unlink()


def clone(source: Path, target: Path) -> Path:
    """A copy made of hard links, which builds can't harm: they replace files, never write into them
    (the site's images are themselves links into the cache). The files a build does write into (the
    catalog, the lock) are copied."""
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        here = Path(folder)
        out = target / here.relative_to(source)
        out.mkdir(parents=True)
        for name in files:
            if here.name == ".albumen":
                shutil.copy2(here / name, out / name)
            else:
                os.link(here / name, out / name)
    return target


def sources(root: Path) -> dict[str, str]:
    """The archive's own files, which no build may change."""
    return {rel: digest for rel, digest in snapshot(root).items() if not rel.startswith(("_site", ".albumen/"))}


def site_folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("_site"))


def build_in_process(root: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not result.stderr.strip(), result.stderr


# -- processes -----------------------------------------------------------------------------------------------

def start_build(root: Path, plan: dict[str, Any] | None = None, counts: Path | None = None
                ) -> subprocess.Popen[bytes]:
    """`albumen build` in a new session, so that it, its workers and Pagefind make one process group.

    Its stderr goes to a file, not a pipe: workers that outlive it would keep a pipe open."""
    if plan is None:
        command = [sys.executable, "-m", "albumen", "build", "-q", "-C", str(root)]
    else:
        command = [sys.executable, "-c", HARNESS, str(root), json.dumps(plan), str(counts)]
    with stderr_file(root).open("wb") as stderr:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                                start_new_session=True)


def stderr_file(root: Path) -> Path:
    return root.with_name(root.name + ".stderr")


def kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def finish(process: subprocess.Popen[bytes], root: Path, *, kill_rest: bool = True) -> tuple[int, str]:
    """Wait for the build; its exit status and stderr. kill_rest: then kill what is left of its group."""
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        kill_group(process)
        process.wait()
        raise AssertionError("the build hung") from None
    if kill_rest:
        kill_group(process)
        wait_for_group_to_end(process.pid)
    return process.returncode, stderr_file(root).read_text(encoding="utf-8", errors="replace")


def group_members(pgid: int) -> list[int]:
    """Live processes (not zombies) of a process group, from /proc; [] where there is no /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def wait_for_group_to_end(pgid: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while group_members(pgid):
        if time.monotonic() > deadline:
            os.killpg(pgid, signal.SIGKILL)  # don't leave them behind for the other tests
            raise AssertionError(f"processes of the killed build are still running: {group_members(pgid)}")
        time.sleep(0.05)


def lock_is_free(root: Path) -> bool:
    with (root / ".albumen" / "build.lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


# -- the scene: a previous build, the archive changed since, the site a clean build makes of it ---------------

@dataclass
class Scene:
    folder: Path
    template: Path  # the archive after the previous build (_site/ and .albumen/ included), then changed
    clean: Path  # the changed archive, built clean in another folder
    previous_site: dict[str, str]
    new_site: dict[str, str]
    sources: dict[str, str]
    seconds: float  # how long the build of the changed archive took, to its end, from the template
    counts: dict[str, int]  # "stage/kind" -> how many such events that build had

    def fresh(self, name: str) -> Path:
        return clone(self.template, self.folder / name)


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    folder = tmp_path_factory.mktemp("interrupt")
    template = previous_archive(folder / "template")
    build_in_process(template)
    previous_site = snapshot(template / "_site")
    change_archive(template)

    clean = folder / "elsewhere" / "clean"
    shutil.copytree(template, clean, ignore=shutil.ignore_patterns("_site", ".albumen"))
    build_in_process(clean)
    new_site = snapshot(clean / "_site")
    assert new_site != previous_site
    assert f"items/new{NEW_PHOTOS - 1}/index.html" in new_site and "items/p07/index.html" not in new_site

    # The build that the tests kill, once to its end: how long it takes, its events, and the same site
    # as the clean build.
    recorded = clone(template, folder / "recorded")
    started = time.perf_counter()
    status, stderr = finish(start_build(recorded, {}, folder / "counts.json"), recorded)
    seconds = time.perf_counter() - started
    assert status == 0, stderr
    assert snapshot(recorded / "_site") == new_site
    counts = json.loads((folder / "counts.json").read_text())
    shutil.rmtree(recorded)
    return Scene(folder, template, clean, previous_site, new_site, sources(template), seconds, counts)


def assert_clean_build(site: Path, scene: Scene, what: str) -> None:
    now = snapshot(site)
    assert set(now) == set(scene.new_site), f"{what}: not the files of a clean build: {set(now) ^ set(scene.new_site)}"
    differing = sorted(rel for rel in now if now[rel] != scene.new_site[rel])
    assert not differing, f"{what}: not the bytes of a clean build: {differing}"


def check_after_kill(scene: Scene, root: Path, process: subprocess.Popen[bytes], what: str, *,
                     killed: bool = False) -> None:
    """killed: the build must have been killed (else it may also have ended before the kill came)."""
    status, stderr = finish(process, root)
    assert status in ((-signal.SIGKILL,) if killed else (0, -signal.SIGKILL)), f"{what}: exit {status}\n{stderr}"
    site = root / "_site"
    if not LINUX and not site.exists():
        site = root / "_site.old"  # elsewhere the swap is two renames: killed between them (see publish.py)
    assert site.is_dir(), f"{what}: no _site/ left: {site_folders(root)}"
    now = snapshot(site)
    assert now in (scene.previous_site, scene.new_site), (
        f"{what}: _site/ is neither the previous site nor the new one: "
        f"{len(set(now) ^ set(scene.previous_site))} files more or fewer than the previous one")
    if status == 0:
        assert now == scene.new_site, f"{what}: the build ended, but its site is not the new one"
    assert sources(root) == scene.sources, f"{what}: the build changed the archive's own files"
    # The lock was an flock on a file of the dead process: it went with it, though its file stays.
    assert lock_is_free(root), f"{what}: the build lock is still held"

    build_in_process(root)
    assert_clean_build(root / "_site", scene, what)
    assert site_folders(root) == ["_site"], what
    assert sources(root) == scene.sources, what


# -- 1. killed builds ----------------------------------------------------------------------------------------

def test_the_recording_sees_every_stage(scene: Scene) -> None:
    stages = {key.split("/")[0] for key in scene.counts}
    assert set(STAGES) <= stages, f"stages seen: {sorted(stages)}"
    assert scene.counts["images/tick"] >= NEW_PHOTOS + 1, scene.counts  # the new photos, the replaced one
    assert scene.counts["publish/change"] >= 4, scene.counts  # the swap, and the note of what was published


# Fractions of the build's measured duration: spread over all of it, more in its last tenth (the pages,
# the search index and the swap are the last ~15% of it).
FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.85, 0.92, 0.96, 0.99)


def test_a_build_killed_at_any_time_leaves_the_previous_site(scene: Scene) -> None:
    for index, fraction in enumerate(FRACTIONS):
        root = scene.fresh(f"timed{index}")
        process = start_build(root)
        try:
            process.wait(timeout=scene.seconds * fraction)
        except subprocess.TimeoutExpired:
            kill_group(process)
        check_after_kill(scene, root, process, f"killed after {fraction:.1%} of {scene.seconds:.2f} s")


def kill_plans(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Where to kill, from the recording: before the catalog is opened (the archive loaded and checked);
    halfway through the catalog and the pages; as the image work starts (its workers starting) and halfway
    through it; before the staging folder is made; as Pagefind starts, and while it runs; and before each
    step of the swap: exchanging the folders, removing the previous site, noting what was published.
    (Before the catalog, nothing is written but the lock; the timed kills land there too.)"""
    plans: list[dict[str, Any]] = []
    for key, total in counts.items():
        stage, kind = key.split("/")
        chosen: set[int] = set()
        if stage == "publish" and kind == "change":
            chosen = {1, 2, total // 2, total}
        elif kind == "tick" and total > 2:
            chosen = {1, (total + 1) // 2} if stage == "images" else {(total + 1) // 2}
        elif kind == "change" and stage.endswith("+"):
            chosen = {total}
        elif kind == "change" and stage == "search":
            plans.append({"stage": stage, "kind": kind, "n": 1, "after": 0.05})  # Pagefind at work
            chosen = {1}
        plans += [{"stage": stage, "kind": kind, "n": n} for n in sorted(chosen) if 1 <= n <= total]
    return plans


def test_a_build_killed_in_every_stage_leaves_the_previous_site(scene: Scene) -> None:
    plans = kill_plans(scene.counts)
    assert {plan["stage"].rstrip("+") for plan in plans} == set(STAGES) - {"load"}
    assert len(plans) <= 14, plans  # the time this test takes
    for index, plan in enumerate(plans):
        root = scene.fresh(f"at{index}")
        check_after_kill(scene, root, start_build(root, plan), f"killed at {plan}", killed=True)


def kill_only_the_build(root: Path) -> subprocess.Popen[bytes]:
    """Kill the build's own process as its image work starts, and not its workers (as the OOM killer may)."""
    return start_build(root, {"stage": "images", "kind": "tick", "n": 2, "only_main": True})


def test_the_lock_goes_with_the_killed_build_not_with_its_workers(scene: Scene) -> None:
    root = scene.fresh("orphans")
    process = kill_only_the_build(root)
    try:
        assert finish(process, root, kill_rest=False)[0] == -signal.SIGKILL
        assert (root / ".albumen" / "build.lock").read_text() == f"pid {process.pid}"  # left behind, stale
        assert lock_is_free(root)
        assert snapshot(root / "_site") == scene.previous_site
        build_in_process(root)  # at once, whatever the workers left behind are doing
        assert_clean_build(root / "_site", scene, "with the killed build's workers left running")
        assert site_folders(root) == ["_site"]
    finally:
        kill_group(process)
        wait_for_group_to_end(process.pid)


def test_a_pagefind_left_running_by_a_killed_build_does_not_write_into_the_next_one(scene: Scene) -> None:
    # Found by the test above on a busy machine: Pagefind wrote into _site.building/, which the next build
    # had made anew, so that build published the killed one's index files beside its own.
    root = scene.fresh("orphan-pagefind")
    process = start_build(root, {"orphan_pagefind": True})
    try:
        assert finish(process, root, kill_rest=False)[0] == -signal.SIGKILL
        build_in_process(root)  # at once, while the killed build's Pagefind is at work
        wait_for_group_to_end(process.pid, seconds=10)  # its Pagefind has written its bundle
        # into the killed build's own folder (its bundle beside the pages it indexed), which no later build uses
        late = [path.name for path in (root / ".albumen").glob("pagefind-*/**/*") if path.is_file()]
        assert late == ["late.pf_fragment"]
        assert_clean_build(root / "_site", scene, "with the killed build's Pagefind left running")
        assert site_folders(root) == ["_site"]
        build_in_process(root)  # the next build clears the late bundle away
        assert not list((root / ".albumen").glob("pagefind-*"))
    finally:
        kill_group(process)
        wait_for_group_to_end(process.pid)


def test_the_workers_of_a_killed_build_stop_by_themselves(scene: Scene) -> None:
    root = scene.fresh("orphans-stop")
    process = kill_only_the_build(root)
    try:
        assert finish(process, root, kill_rest=False)[0] == -signal.SIGKILL
        wait_for_group_to_end(process.pid, seconds=2)
    finally:
        kill_group(process)


def test_a_partial_set_of_sizes_is_remade_as_a_clean_build_would(make_archive: Callable[..., Path]) -> None:
    """A worker killed after writing a photo's larger sizes but before its smaller ones (as above) leaves a
    partial set in the cache: the next build must give the bytes a clean build gives."""
    root = make_archive(base_files(), BASE_IMAGES)
    build_in_process(root)
    clean = snapshot(root / "_site")
    smallest = sorted((root / ".albumen" / "derived").rglob("w200-*"))
    assert len(smallest) == 4  # two photos, JPEG and WebP
    for path in smallest:
        path.unlink()
    shutil.rmtree(root / "_site")
    build_in_process(root)
    assert snapshot(root / "_site") == clean


# -- 2. a damaged catalog --------------------------------------------------------------------------------------

def _overwrite_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096 * (len(data) // 4096 // 2)
    data[page:page + 4096] = random.Random(2).randbytes(4096)
    path.write_bytes(bytes(data))


def _newer_version(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()


def _another_database(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE records (something TEXT)")
        db.execute("INSERT INTO records VALUES ('else')")
    db.close()


DAMAGE: dict[str, Callable[[Path], object]] = {
    "garbage": lambda path: path.write_bytes(random.Random(1).randbytes(path.stat().st_size)),
    "truncated to half": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "deleted": lambda path: path.unlink(),
    "empty": lambda path: path.write_bytes(b""),
    "a page of garbage": _overwrite_page,
    "garbage write-ahead log": lambda path: path.with_name(path.name + "-wal").write_bytes(
        random.Random(3).randbytes(20_000)),
    "from a newer albumen": _newer_version,
    "another database": _another_database,
}


@pytest.fixture(scope="module")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalog") / "built"
    write_files(root, {"albumen.toml": DEFAULT_TOML, **base_files()})
    for rel, size in BASE_IMAGES.items():
        make_jpeg(root / "images" / rel, size)
    build_in_process(root)
    catalog = root / ".albumen" / "catalog.sqlite"
    assert catalog.stat().st_size >= 4 * 4096  # several pages, so that half of it is a damaged database
    return root


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_catalog_is_rebuilt(built_base: Path, tmp_path: Path, damage: str) -> None:
    site = snapshot(built_base / "_site")
    root = clone(built_base, tmp_path / "archive")
    catalog = root / ".albumen" / "catalog.sqlite"
    DAMAGE[damage](catalog)
    shutil.rmtree(root / "_site")  # so that the site is made again from the catalog, not kept as up to date
    build_in_process(root)
    assert snapshot(root / "_site") == site
    with sqlite3.connect(catalog) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("SELECT count(*) FROM records WHERE kind = 'item'").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM originals").fetchone()[0] == 2
    db.close()
    exported = run_cli("export", "json", "-C", root)
    assert exported.exit_code == 0, exported.stderr
    assert [item["id"] for item in json.loads(exported.stdout)["items"]] == ["first", "second"]


# -- 3. the same archive anywhere gives the same site -------------------------------------------------------

def copy_elsewhere(source: Path, target: Path, mtime: float) -> Path:
    """Another copy of an archive's own files: written in reverse order, all with another modification time."""
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.relative_to(source).parts[0].startswith(
        ("_site", ".albumen")))
    for path in reversed(files):
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out)
    for path in [target, *target.rglob("*")]:
        os.utime(path, (mtime, mtime))
    return target


@pytest.mark.parametrize("archive", ["example", "base"])
def test_the_same_archive_in_another_folder_gives_the_same_bytes(archive: str, tmp_path: Path,
                                                                 request: pytest.FixtureRequest) -> None:
    """Built in this process in one folder (the example: the session's built_example); in another process,
    in a folder with another path (spaces and non-ASCII), other file times, another time zone, hash seed and
    locale, folders listed in reverse order, and image work in worker processes: the same bytes, with no
    trace of either path."""
    if archive == "example":
        first = request.getfixturevalue("built_example")
    else:
        first = tmp_path / "one" / "archive"
        write_files(first, {"albumen.toml": DEFAULT_TOML, **base_files()})
        for rel, size in BASE_IMAGES.items():
            make_jpeg(first / "images" / rel, size)
        build_in_process(first)
    second = copy_elsewhere(first, tmp_path / "another place" / "archivé copie", 600_000_000)

    environment = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345", "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-c", REVERSED_LISTINGS, str(second)], env=environment,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr

    site = snapshot(first / "_site")
    assert len(site) > 50
    assert snapshot(second / "_site") == site
    for path in (first / "_site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml", ".css", ".txt"):
            text = path.read_bytes()
            for root in (first, second):
                assert str(root).encode() not in text, f"{path.relative_to(first)} names the archive's folder"
