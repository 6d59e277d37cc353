"""albumen deploy: real servers on 127.0.0.1 (pyftpdlib, asyncssh's SFTP, moto's S3, a bare git repository) and
a folder, each given a small site built by albumen build. Only changes travel, stale files go, an interrupted
deploy resumes, --dry-run changes nothing, and a refused login is one clear line.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from albumen.deploy.plan import MANIFEST_NAME
from conftest import BASE_IMAGES, DEFAULT_TOML, base_files, item_md, make_jpeg, run_cli

asyncssh = pytest.importorskip("asyncssh")
pytest.importorskip("pyftpdlib")
pytest.importorskip("moto")
boto3 = pytest.importorskip("boto3")

USER = "family"
PASSWORD = "right-horse-battery"
WRONG_PASSWORD = "s3cr3t-but-wrong"  # must never be printed
S3_KEY, S3_SECRET = "AKIAALBUMENTEST00001", "albumen-test-secret"
FIRST_CAPTION = "The first photograph, by the river."

_names = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}"


# -- the site --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' small archive (three photos), built once; tests deploy copies of it."""
    root = tmp_path_factory.mktemp("deploy-site") / "archive"
    files = {"albumen.toml": DEFAULT_TOML, **base_files(),
             "items/third.md": item_md("A third photograph, soon removed.", title="Third photo", image="third.jpg")}
    for rel, text in files.items():
        assert isinstance(text, str)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, size in {**BASE_IMAGES, "third.jpg": (500, 400)}.items():
        make_jpeg(root / "images" / rel, size)
    build(root)
    return root


@pytest.fixture
def archive(built_archive: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_archive, tmp_path / "archive", symlinks=True))


def build(root: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr


def site_of(root: Path) -> dict[str, bytes]:
    site = root / "_site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def edit_and_rebuild(root: Path) -> tuple[set[str], set[str]]:
    """A caption changed and a photo removed, then built again: (files changed or new, files gone)."""
    before = site_of(root)
    first = root / "items" / "first.md"
    first.write_text(first.read_text(encoding="utf-8").replace(FIRST_CAPTION, "The first photograph, by the "
                                                                              "wide river."), encoding="utf-8")
    (root / "items" / "third.md").unlink()
    (root / "images" / "third.jpg").unlink()
    build(root)
    after = site_of(root)
    changed = {path for path, data in after.items() if before.get(path) != data}
    gone = set(before) - set(after)
    assert changed and gone and len(changed) < len(after) / 2, (len(changed), len(after))
    return changed, gone


# -- servers on 127.0.0.1 --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ftp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """pyftpdlib: the family's account may write under its folder; `reader` may only read."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import FTPServer

    root = tmp_path_factory.mktemp("ftp-root")
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(root), perm="elradfmwMT")
    authorizer.add_user("reader", PASSWORD, str(root), perm="elr")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "auth_failed_timeout": 0.1})
    server = FTPServer(("127.0.0.1", 0), handler, ioloop=IOLoop())  # its own loop: servers share none
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    yield server.socket.getsockname()[1], root
    server.close_all()
    thread.join(5)


@dataclass
class SftpServer:
    port: int
    root: Path
    host_key: Any
    client_key: Any


@pytest.fixture(scope="module")
def sftp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SftpServer]:
    """asyncssh's SSH server with its SFTP server chrooted to a folder; password or key logins; no one may
    write under readonly/."""
    root = tmp_path_factory.mktemp("sftp-root")
    (root / "readonly").mkdir()
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    class Server(asyncssh.SSHServer):  # type: ignore[misc]
        def begin_auth(self, username: str) -> bool:
            return True

        def password_auth_supported(self) -> bool:
            return True

        def validate_password(self, username: str, password: str) -> bool:
            return (username, password) == (USER, PASSWORD)

    class ReadOnlyBelow(asyncssh.SFTPServer):  # type: ignore[misc]
        def __init__(self, chan: Any) -> None:
            super().__init__(chan, chroot=str(root).encode())

        def _refuse(self, path: bytes) -> None:
            if path.lstrip(b"/").startswith(b"readonly/"):
                raise asyncssh.SFTPPermissionDenied("Permission denied")

        def open(self, path: bytes, pflags: int, attrs: Any) -> Any:
            if pflags & asyncssh.FXF_WRITE:
                self._refuse(path)
            return super().open(path, pflags, attrs)

        def mkdir(self, path: bytes, attrs: Any) -> Any:
            self._refuse(path)
            return super().mkdir(path, attrs)

    async def start() -> Any:
        return await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[host_key], server_factory=Server, sftp_factory=ReadOnlyBelow,
            authorized_client_keys=asyncssh.import_authorized_keys(client_key.export_public_key().decode()))

    server = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    port = server.sockets[0].getsockname()[1]
    yield SftpServer(port, root, host_key, client_key)
    server.close()
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint: str, key: str = S3_KEY, secret: str = S3_SECRET) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret,
                        region_name="us-east-1")


# -- targets ---------------------------------------------------------------------------------------------------

@dataclass
class Target:
    kind: str
    spec: str
    contents: Callable[[], dict[str, bytes]]  # what the target holds (its manifest left out), read from the server
    target_class: Any  # the FileTarget class a failure is injected into (None: git)


def walk(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MANIFEST_NAME}


def git_contents(repo: Path, branch: str) -> dict[str, bytes]:
    listing = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "-z", "--name-only", branch],
                             capture_output=True, text=True)
    if listing.returncode != 0:
        return {}
    return {path: subprocess.run(["git", "--git-dir", str(repo), "cat-file", "blob", f"{branch}:{path}"],
                                 capture_output=True, check=True).stdout
            for path in listing.stdout.split("\0") if path and path != ".nojekyll"}


@pytest.fixture(autouse=True)
def clean_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own: no ~/.netrc, SSH keys, agent or AWS profile of the machine's reach a test."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for variable in ("SSH_AUTH_SOCK", "NETRC", "ALBUMEN_DEPLOY_PASSWORD", "ALBUMEN_DEPLOY_SSH_KEY", "AWS_PROFILE",
                     "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(variable, raising=False)
    return home


def trust_sftp_server(home: Path, server: SftpServer) -> None:
    """What `ssh` once, key checked and accepted, leaves in ~/.ssh/known_hosts."""
    key = server.host_key.export_public_key().decode().strip()
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{server.port} {key}\n", encoding="utf-8")


@pytest.fixture(params=["folder", "ftp", "sftp", "s3", "git"])
def target(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           clean_home: Path) -> Target:
    kind = request.param
    name = unique("site")
    if kind == "folder":
        from albumen.deploy.folder import FolderTarget

        folder = tmp_path / "usb-stick" / "photos"
        folder.parent.mkdir()
        return Target(kind, str(folder), lambda: walk(folder), FolderTarget)
    if kind == "ftp":
        from albumen.deploy.ftp import FtpTarget

        port, root = request.getfixturevalue("ftp_server")
        monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
        return Target(kind, f"ftp://{USER}@127.0.0.1:{port}/www/{name}", lambda: walk(root / "www" / name), FtpTarget)
    if kind == "sftp":
        from albumen.deploy.sftp import SftpTarget

        server = request.getfixturevalue("sftp_server")
        trust_sftp_server(clean_home, server)
        monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
        return Target(kind, f"sftp://{USER}@127.0.0.1:{server.port}/www/{name}",
                      lambda: walk(server.root / "www" / name), SftpTarget)
    if kind == "s3":
        from albumen.deploy.s3 import S3Target

        endpoint = request.getfixturevalue("s3_endpoint")
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", S3_KEY)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", S3_SECRET)
        monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        bucket = name.replace("site", "bucket-")
        s3_client(endpoint).create_bucket(Bucket=bucket)
        return Target(kind, f"s3://{bucket}/photos", lambda: s3_contents(endpoint, bucket, "photos/"), S3Target)
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    return Target(kind, f"git+file://{repo}#gh-pages", lambda: git_contents(repo, "gh-pages"), None)


def s3_contents(endpoint: str, bucket: str, prefix: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            path = entry["Key"][len(prefix):]
            if path != MANIFEST_NAME:
                found[path] = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
    return found


def deploy(archive: Path, target: Target, *args: str, status: int = 0) -> Any:
    result = run_cli("deploy", target.spec, "-C", archive, *args)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result


def sent(result: Any) -> tuple[int, int]:
    """(files sent, files deleted) from the summary line."""
    match = re.search(r"sent (\d+) files? .* and deleted (\d+) files?", result.stderr)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2))


def listed(result: Any) -> tuple[set[str], set[str]]:
    """(paths to upload, paths to delete) from --dry-run's list."""
    lines = result.stdout.splitlines()
    return ({line[7:] for line in lines if line.startswith("upload ")},
            {line[7:] for line in lines if line.startswith("delete ")})


# -- every target ----------------------------------------------------------------------------------------------

def test_a_first_deploy_sends_everything_and_a_second_sends_nothing(archive: Path, target: Target) -> None:
    site = site_of(archive)
    first = deploy(archive, target)
    assert sent(first) == (len(site), 0)
    assert target.contents() == site
    second = deploy(archive, target)
    assert "nothing to send" in second.stderr and f"({len(site)} files)" in second.stderr
    assert target.contents() == site


def test_an_edit_sends_only_the_changed_files_and_removes_the_stale_ones(archive: Path, target: Target) -> None:
    deploy(archive, target)
    changed, gone = edit_and_rebuild(archive)
    assert listed(deploy(archive, target, "--dry-run")) == (changed, gone)
    assert sent(deploy(archive, target)) == (len(changed), len(gone))
    assert target.contents() == site_of(archive)
    assert "nothing to send" in deploy(archive, target).stderr


def test_dry_run_lists_what_it_would_do_and_changes_nothing(archive: Path, target: Target) -> None:
    result = deploy(archive, target, "--dry-run")
    assert listed(result) == (set(site_of(archive)), set())
    assert "would upload" in result.stderr and target.contents() == {}
    deploy(archive, target)
    before = target.contents()
    changed, gone = edit_and_rebuild(archive)
    assert listed(deploy(archive, target, "--dry-run")) == (changed, gone)
    assert target.contents() == before


def test_an_interrupted_deploy_finishes_when_run_again(archive: Path, target: Target,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_of(archive)
    fail_after = 7
    if target.target_class is None:
        fail_first_push(Path(target.spec.split("file://", 1)[1].split("#")[0]))
    else:
        original = target.target_class.put
        fail_upload_after(target.target_class, fail_after, monkeypatch)
    failed = deploy(archive, target, status=1)
    assert failed.stderr.startswith("error: ") and len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert "deploy again" in failed.stderr
    if target.target_class is not None:
        assert len(target.contents()) == fail_after
        monkeypatch.setattr(target.target_class, "put", original)  # the connection is back
    resumed = deploy(archive, target)
    # What reached the target before the failure is not sent again (git sends the one commit it could not).
    assert sent(resumed) == (len(site) - (0 if target.target_class is None else fail_after), 0)
    assert target.contents() == site
    assert "nothing to send" in deploy(archive, target).stderr


def fail_upload_after(target_class: Any, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The connection drops (the disk fails, for a folder) while the file after `count` is sent."""
    original = target_class.put
    uploads = itertools.count()

    def put(self: Any, path: str, data: bytes) -> None:
        if path != MANIFEST_NAME and next(uploads) == count:
            if target_class.__name__ == "FolderTarget":
                raise OSError(errno.EIO, "Input/output error", str(self.folder / path))
            raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
        original(self, path, data)

    monkeypatch.setattr(target_class, "put", put)


def fail_first_push(repo: Path) -> None:
    """The server refuses the first push (a pre-receive hook), as a dropped connection would end it."""
    hook = repo / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nif [ ! -e failed-once ]; then touch failed-once; echo 'disk quota exceeded' >&2;"
                    " exit 1; fi\n", encoding="utf-8")
    hook.chmod(0o755)


# -- what travels, and in which order --------------------------------------------------------------------------

def folder_target(tmp_path: Path) -> Target:
    from albumen.deploy.folder import FolderTarget

    folder = tmp_path / "usb-stick" / "photos"
    folder.parent.mkdir(exist_ok=True)
    return Target("folder", str(folder), lambda: walk(folder), FolderTarget)


def test_media_go_before_the_pages_that_show_them_and_stale_files_go_last(
        archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from albumen.deploy.folder import FolderTarget

    target = folder_target(tmp_path)
    deploy(archive, target)
    edit_and_rebuild(archive)
    calls: list[tuple[str, str]] = []
    put, delete = FolderTarget.put, FolderTarget.delete
    monkeypatch.setattr(FolderTarget, "put", lambda self, path, data: (calls.append(("put", path)),
                                                                       put(self, path, data))[1])
    monkeypatch.setattr(FolderTarget, "delete", lambda self, path: (calls.append(("delete", path)),
                                                                    delete(self, path))[1])
    deploy(archive, target)
    kinds = ["media" if not path.endswith(".html") else "page" for op, path in calls if op == "put"][:-1]
    assert "media" in kinds and "page" in kinds and kinds == sorted(kinds), calls  # "media" < "page"
    assert calls[-1] == ("put", MANIFEST_NAME)
    ops = [op for op, _ in calls[:-1]]
    assert "delete" in ops and ops == sorted(ops, key=lambda op: op == "delete"), calls
    if ("put", "index.html") in calls:
        assert [path for op, path in calls if op == "put" and path.endswith(".html")][-1] == "index.html"


def test_a_deploy_killed_between_checkpoints_resumes_from_the_last_one(
        archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kill -9 leaves no chance to save the manifest on the way out: the periodic checkpoint is what is kept."""
    from albumen.deploy import sync

    target = folder_target(tmp_path)
    monkeypatch.setattr(sync, "CHECKPOINT_SECONDS", 0.0)  # a checkpoint after every file
    monkeypatch.setattr(sync._Checkpoint, "save_quietly", lambda self: None)
    original = target.target_class.put
    fail_upload_after(target.target_class, 9, monkeypatch)
    deploy(archive, target, status=1)
    monkeypatch.setattr(target.target_class, "put", original)
    assert sent(deploy(archive, target)) == (len(site_of(archive)) - 9, 0)
    assert target.contents() == site_of(archive)


def test_ctrl_c_keeps_what_was_sent_and_says_how_to_finish(archive: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = folder_target(tmp_path)
    original = target.target_class.put
    uploads = itertools.count()

    def put(self: Any, path: str, data: bytes) -> None:
        if path != MANIFEST_NAME and next(uploads) == 5:
            raise KeyboardInterrupt
        original(self, path, data)

    monkeypatch.setattr(target.target_class, "put", put)
    stopped = deploy(archive, target, status=130)
    assert "run the same albumen deploy again" in stopped.stderr
    monkeypatch.setattr(target.target_class, "put", original)
    assert sent(deploy(archive, target)) == (len(site_of(archive)) - 5, 0)


def test_a_hostile_manifest_never_makes_a_deploy_delete_outside_the_target(archive: Path, tmp_path: Path) -> None:
    target = folder_target(tmp_path)
    folder = Path(target.spec)
    folder.mkdir()
    outside = tmp_path / "usb-stick" / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    (folder / "kept-by-hand.txt").write_text("not albumen's", encoding="utf-8")
    (folder / MANIFEST_NAME).write_text(json.dumps({"albumen_deploy": 1, "files": {
        "../precious.txt": "0" * 64, str(outside): "0" * 64, "a/../../precious.txt": "0" * 64}}), encoding="utf-8")
    deploy(archive, target)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (folder / "kept-by-hand.txt").is_file()  # a file albumen did not put there stays
    assert {k: v for k, v in target.contents().items() if k != "kept-by-hand.txt"} == site_of(archive)


def test_an_unreadable_manifest_means_everything_is_sent_again(archive: Path, tmp_path: Path) -> None:
    target = folder_target(tmp_path)
    deploy(archive, target)
    (Path(target.spec) / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    result = deploy(archive, target)
    assert "can't be read" in result.stderr and sent(result) == (len(site_of(archive)), 0)


def test_quiet_prints_nothing_when_all_goes_well(archive: Path, tmp_path: Path) -> None:
    result = deploy(archive, folder_target(tmp_path), "-q")
    assert result.stdout == "" and result.stderr == ""


# -- what the user gets wrong, and what servers refuse ----------------------------------------------------------

def one_error_line(result: Any, *needles: str) -> str:
    """The single `error: ...` line of a failed deploy, which contains every needle and no password."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert WRONG_PASSWORD not in result.output and PASSWORD not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return str(lines[0])


def test_a_site_not_built_yet_says_to_build_it(make_archive: Callable[..., Path], tmp_path: Path) -> None:
    root = make_archive()
    result = run_cli("deploy", tmp_path / "out", "-C", root)
    assert result.exit_code == 1 and "run `albumen build -C" in result.stderr
    (root / "_site").mkdir()
    assert "is missing or empty" in run_cli("deploy", tmp_path / "out", "-C", root).stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_on_a_disk_that_is_not_mounted_is_not_made(archive: Path, tmp_path: Path) -> None:
    result = deploy(archive, Target("folder", str(tmp_path / "media" / "usb" / "photos"), dict, None), status=1)
    one_error_line(result, "is the disk plugged in")
    assert not (tmp_path / "media").exists()


def test_the_site_is_never_deployed_into_itself(archive: Path) -> None:
    for inside in (archive / "_site", archive / "_site" / "copy", archive):
        one_error_line(deploy(archive, Target("folder", str(inside), dict, None), status=1), "outside the archive")


@pytest.mark.parametrize("spec", ["http://example.org/site", "gopher://example.org/x", "https://example.org/x.git"])
def test_an_address_albumen_cannot_send_to_is_a_usage_error(archive: Path, spec: str) -> None:
    result = run_cli("deploy", spec, "-C", archive)
    assert result.exit_code == 2 and ("sftp://" in result.stderr or "#gh-pages" in result.stderr)


def test_a_password_in_the_address_is_refused_and_not_repeated(archive: Path) -> None:
    for spec in (f"sftp://{USER}:{WRONG_PASSWORD}@127.0.0.1/www", f"ftp://{USER}:{WRONG_PASSWORD}@127.0.0.1/www",
                 f"https://{USER}:{WRONG_PASSWORD}@example.org/site.git#pages"):
        result = run_cli("deploy", spec, "-C", archive)
        assert result.exit_code == 2, result.stderr
        assert "ALBUMEN_DEPLOY_PASSWORD" in result.stderr or "credential helper" in result.stderr
        assert WRONG_PASSWORD not in result.output


def test_sftp_a_wrong_password_is_one_line_that_never_shows_it(
        archive: Path, sftp_server: SftpServer, clean_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trust_sftp_server(clean_home, sftp_server)
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", WRONG_PASSWORD)
    spec = f"sftp://{USER}@127.0.0.1:{sftp_server.port}/www/{unique('site')}"
    result = deploy(archive, Target("sftp", spec, dict, None), status=1)
    one_error_line(result, spec, "refused the login of family", "ALBUMEN_DEPLOY_PASSWORD", "ssh-add")


def test_sftp_logs_in_with_the_ssh_key_in_home(archive: Path, sftp_server: SftpServer, clean_home: Path) -> None:
    trust_sftp_server(clean_home, sftp_server)
    key_file = clean_home / ".ssh" / "id_ed25519"
    sftp_server.client_key.write_private_key(str(key_file))
    key_file.chmod(0o600)
    name = unique("site")
    deploy(archive, Target("sftp", f"sftp://{USER}@127.0.0.1:{sftp_server.port}/www/{name}", dict, None))
    assert walk(sftp_server.root / "www" / name) == site_of(archive)


def test_sftp_takes_the_login_and_password_from_netrc(archive: Path, sftp_server: SftpServer,
                                                      clean_home: Path) -> None:
    trust_sftp_server(clean_home, sftp_server)
    netrc = clean_home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    name = unique("site")
    deploy(archive, Target("sftp", f"sftp://127.0.0.1:{sftp_server.port}/www/{name}", dict, None))
    assert walk(sftp_server.root / "www" / name) == site_of(archive)


def test_sftp_an_unknown_server_key_stops_before_any_password_is_sent(
        archive: Path, sftp_server: SftpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    name = unique("site")
    result = deploy(archive, Target("sftp", f"sftp://{USER}@127.0.0.1:{sftp_server.port}/www/{name}", dict, None),
                    status=1)
    one_error_line(result, "not in ~/.ssh/known_hosts", f"ssh -p {sftp_server.port} {USER}@127.0.0.1")
    assert not (sftp_server.root / "www" / name).exists()


def test_sftp_a_changed_server_key_is_called_out(archive: Path, sftp_server: SftpServer, clean_home: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().strip()
    (clean_home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{sftp_server.port} {other}\n", encoding="utf-8")
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    spec = f"sftp://{USER}@127.0.0.1:{sftp_server.port}/www/{unique('site')}"
    one_error_line(deploy(archive, Target("sftp", spec, dict, None), status=1), "is NOT the one")


def test_sftp_a_folder_the_account_may_not_write_is_named(
        archive: Path, sftp_server: SftpServer, clean_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trust_sftp_server(clean_home, sftp_server)
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    spec = f"sftp://{USER}@127.0.0.1:{sftp_server.port}/readonly/site"
    one_error_line(deploy(archive, Target("sftp", spec, dict, None), status=1), "does not let family write /readonly")


def test_ftp_a_wrong_password_is_one_line_that_never_shows_it(
        archive: Path, ftp_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    port, _root = ftp_server
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", WRONG_PASSWORD)
    spec = f"ftp://{USER}@127.0.0.1:{port}/www/{unique('site')}"
    one_error_line(deploy(archive, Target("ftp", spec, dict, None), status=1), spec, "refused the login of family",
                   "ALBUMEN_DEPLOY_PASSWORD")


def test_ftp_an_account_that_may_only_read_is_told_so(
        archive: Path, ftp_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    port, root = ftp_server
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    name = unique("site")
    result = deploy(archive, Target("ftp", f"ftp://reader@127.0.0.1:{port}/www/{name}", dict, None), status=1)
    one_error_line(result, "refused to write", "check that reader may write there")
    assert not (root / "www" / name).exists()


@pytest.mark.parametrize("scheme", ["ftp", "sftp"])
def test_a_server_that_is_not_there_is_one_line(archive: Path, scheme: str) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = deploy(archive, Target(scheme, f"{scheme}://{USER}@127.0.0.1:{port}/www", dict, None), status=1)
    one_error_line(result, f"can't connect to 127.0.0.1:{port} (connection refused)")


def test_s3_refused_keys_and_missing_permission_are_one_line(archive: Path, s3_endpoint: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from moto.core.authorization import enable_iam_authentication

    bucket = unique("bucket-")
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    iam = boto3.client("iam", endpoint_url=s3_endpoint, aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET,
                       region_name="us-east-1")
    reader = unique("reader")
    iam.create_user(UserName=reader)
    iam.put_user_policy(UserName=reader, PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                                                "Resource": "*"}]}))
    keys = iam.create_access_key(UserName=reader)["AccessKey"]
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    target = Target("s3", f"s3://{bucket}/photos", dict, None)
    with enable_iam_authentication():
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANOSUCHKEY0000000")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", WRONG_PASSWORD)
        one_error_line(deploy(archive, target, status=1), f"s3://{bucket}/photos", "refused the keys")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", keys["AccessKeyId"])
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", keys["SecretAccessKey"])
        one_error_line(deploy(archive, target, status=1), "does not let these keys write photos/")
    assert s3_contents(s3_endpoint, bucket, "photos/") == {}


def test_s3_a_bucket_that_does_not_exist_and_an_endpoint_that_does_not_answer(
        archive: Path, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", S3_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", S3_SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    one_error_line(deploy(archive, Target("s3", "s3://no-such-bucket/x", dict, None), status=1),
                   "there is no bucket no-such-bucket")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    one_error_line(deploy(archive, Target("s3", "s3://any/x", dict, None), status=1), "can't reach http://127.0.0.1:9")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    one_error_line(deploy(archive, Target("s3", "s3://any/x", dict, None), status=1), "no S3 keys found")


def test_git_a_repository_that_is_not_there_is_one_line(archive: Path, tmp_path: Path) -> None:
    spec = f"git+file://{tmp_path}/nothing.git#gh-pages"
    one_error_line(deploy(archive, Target("git", spec, dict, None), status=1), "no repository at that address")


def test_git_the_branch_is_the_site_and_its_history_grows_by_one_commit_a_deploy(archive: Path,
                                                                                 tmp_path: Path) -> None:
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    target = Target("git", f"git+file://{repo}#gh-pages", lambda: git_contents(repo, "gh-pages"), None)
    deploy(archive, target)
    deploy(archive, target)
    edit_and_rebuild(archive)
    deploy(archive, target)
    log = subprocess.run(["git", "--git-dir", str(repo), "log", "--format=%s", "gh-pages"], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert len(log) == 2 and all(line.startswith("albumen deploy:") for line in log)
    assert subprocess.run(["git", "--git-dir", str(repo), "cat-file", "-e", "gh-pages:.nojekyll"]).returncode == 0
    assert target.contents() == site_of(archive)


def test_a_deploy_killed_mid_upload_is_finished_by_the_next_one(archive: Path, tmp_path: Path, clean_home: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A real kill -9 of `albumen deploy` while a slow FTP server receives the site; the next run completes it
    and leaves no half-sent file behind."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import FTPServer

    root = tmp_path / "slow-ftp"
    root.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(root), perm="elradfmwMT")
    slow = type("Slow", (ThrottledDTPHandler,), {"read_limit": 400_000})  # bytes a second the server takes
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "dtp_handler": slow})
    server = FTPServer(("127.0.0.1", 0), handler, ioloop=IOLoop())  # its own loop: servers share none
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    try:
        spec = f"ftp://{USER}@127.0.0.1:{server.socket.getsockname()[1]}/www"
        env = dict(os.environ, HOME=str(clean_home), ALBUMEN_DEPLOY_PASSWORD=PASSWORD)
        process = subprocess.Popen([sys.executable, "-m", "albumen", "deploy", spec, "-C", str(archive), "-q"],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while len(arrived(root / "www")) < 10:  # some files arrived, many to go
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.05)
        finally:
            process.kill()
            process.wait()
        site = site_of(archive)
        assert 10 <= len(arrived(root / "www")) < len(site)
        slow.read_limit = 0  # the server is quick again (0: no limit)
        monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
        deploy(archive, Target("ftp", spec, dict, None))
        assert walk(root / "www") == site  # every file, and no .albumen-upload left over
    finally:
        server.close_all()
        thread.join(5)


def arrived(folder: Path) -> list[str]:
    """The files a server holds whole (not those it is still receiving under a temporary name)."""
    return [path for path in walk(folder) if not path.endswith(".albumen-upload")]
