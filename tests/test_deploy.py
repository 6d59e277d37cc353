"""albumen deploy: real servers on 127.0.0.1 (pyftpdlib, asyncssh's SFTP, moto's S3, a bare git repository) and
a folder, each given a small site built by albumen build. Only changes travel, stale files go, an interrupted
deploy resumes, --dry-run changes nothing, and a refused login is one clear line.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import re
import shutil
import subprocess
import threading
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
    from pyftpdlib.servers import FTPServer

    root = tmp_path_factory.mktemp("ftp-root")
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(root), perm="elradfmwMT")
    authorizer.add_user("reader", PASSWORD, str(root), perm="elr")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "banner": "albumen test server"})
    server = FTPServer(("127.0.0.1", 0), handler)
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
