"""albumen deploy over the two paths a family's host may need that plain tests miss: FTP over explicit TLS
(ftps://, a real pyftpdlib TLS_FTPHandler on 127.0.0.1 with a self-signed certificate made here) and SFTP with
the key only in a real ssh-agent (Debian's /usr/bin/ssh-agent, its socket in tmp_path).
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from albumen.deploy.plan import MANIFEST_NAME
from conftest import BASE_IMAGES, DEFAULT_TOML, base_files, make_jpeg, run_cli
from test_deploy import build, site_of  # the same site, built and read the same way

asyncssh = pytest.importorskip("asyncssh")
pytest.importorskip("pyftpdlib")
pytest.importorskip("OpenSSL")  # pyftpdlib's TLS needs it

USER = "family"
PASSWORD = "right-horse-battery"
CAPTION = "The first photograph, by the river."
_names = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}"


# -- the site --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tls-agent-site") / "archive"
    for rel, text in {"albumen.toml": DEFAULT_TOML, **base_files()}.items():
        assert isinstance(text, str)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, size in BASE_IMAGES.items():
        make_jpeg(root / "images" / rel, size)
    build(root)
    return root


@pytest.fixture
def archive(built_archive: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_archive, tmp_path / "archive", symlinks=True))


def walk(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MANIFEST_NAME}


@pytest.fixture(autouse=True)
def clean_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own: no ~/.netrc, SSH key, agent or certificate setting of the machine's."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for variable in ("SSH_AUTH_SOCK", "NETRC", "ALBUMEN_DEPLOY_PASSWORD", "ALBUMEN_DEPLOY_SSH_KEY",
                     "ALBUMEN_DEPLOY_TLS_CERT", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(variable, raising=False)
    return home


def deploy(archive: Path, spec: str, status: int = 0) -> Any:
    result = run_cli("deploy", spec, "-C", archive)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result


def sent(stderr: str) -> tuple[int, int]:
    match = re.search(r"sent (\d+) files? .* and deleted (\d+) files?", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


def one_error_line(stderr: str, *needles: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert PASSWORD not in stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# -- FTPS ------------------------------------------------------------------------------------------------------

def self_signed_certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key, as a small host may use: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{name}.pem", folder / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@dataclass
class FtpsServer:
    port: int
    root: Path
    cert: Path
    logins: list[tuple[str, bool]] = field(default_factory=list)  # (user, on TLS) of each login
    received: list[tuple[str, bool]] = field(default_factory=list)  # (file, data channel protected)


@pytest.fixture(scope="module")
def ftps_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FtpsServer]:
    """pyftpdlib's TLS_FTPHandler requiring TLS on both channels, with a self-signed certificate."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import TLS_FTPHandler
    from pyftpdlib.ioloop import IOLoop
    from pyftpdlib.servers import FTPServer

    root = tmp_path_factory.mktemp("ftps-root")
    cert, key = self_signed_certificate(tmp_path_factory.mktemp("ftps-cert"), "family-host")
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(root), perm="elradfmwMT")
    seen = FtpsServer(0, root, cert)

    class Handler(TLS_FTPHandler):  # type: ignore[misc]
        def on_login(self, username: str) -> None:
            seen.logins.append((username, bool(self._ssl_established)))

        def on_file_received(self, file: str) -> None:
            seen.received.append((file, bool(self._prot)))

    Handler.authorizer = authorizer
    Handler.certfile, Handler.keyfile = str(cert), str(key)
    Handler.tls_control_required = Handler.tls_data_required = True
    Handler.auth_failed_timeout = 0.1
    server = FTPServer(("127.0.0.1", 0), Handler, ioloop=IOLoop())
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    seen.port = server.socket.getsockname()[1]
    yield seen
    server.close_all()
    thread.join(5)


def test_ftps_sends_the_site_over_tls_and_then_only_what_changed(
        archive: Path, ftps_server: FtpsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    monkeypatch.setenv("ALBUMEN_DEPLOY_TLS_CERT", str(ftps_server.cert))  # the host's own certificate, trusted
    name = unique("site")
    spec = f"ftps://{USER}@127.0.0.1:{ftps_server.port}/www/{name}"
    site = site_of(archive)
    del ftps_server.logins[:], ftps_server.received[:]

    assert sent(deploy(archive, spec).stderr) == (len(site), 0)
    assert walk(ftps_server.root / "www" / name) == site
    assert ftps_server.logins and all(user == USER and tls for user, tls in ftps_server.logins)
    assert len(ftps_server.received) > len(site) and all(protected for _, protected in ftps_server.received)

    assert "nothing to send" in deploy(archive, spec).stderr
    first = archive / "items" / "first.md"
    first.write_text(first.read_text(encoding="utf-8").replace(CAPTION, "By the wide river."), encoding="utf-8")
    build(archive)
    after = site_of(archive)
    changed = {path for path, data in after.items() if site.get(path) != data}
    assert changed and len(changed) < len(site)
    assert sent(deploy(archive, spec).stderr) == (len(changed), len(set(site) - set(after)))
    assert walk(ftps_server.root / "www" / name) == site_of(archive)


def test_ftps_refuses_a_certificate_it_was_not_told_to_trust(
        archive: Path, ftps_server: FtpsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    name = unique("site")
    spec = f"ftps://{USER}@127.0.0.1:{ftps_server.port}/www/{name}"
    del ftps_server.logins[:]
    result = deploy(archive, spec, status=1)
    one_error_line(result.stderr, spec, "certificate is not trusted", "self-signed", "ALBUMEN_DEPLOY_TLS_CERT")
    assert not ftps_server.logins and not (ftps_server.root / "www" / name).exists()


def test_ftps_trusts_only_the_certificate_it_was_given(
        archive: Path, ftps_server: FtpsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another host's certificate does not make this one trusted; a file that is not a certificate is named."""
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    other, _key = self_signed_certificate(tmp_path, "another-host")
    spec = f"ftps://{USER}@127.0.0.1:{ftps_server.port}/www/{unique('site')}"
    monkeypatch.setenv("ALBUMEN_DEPLOY_TLS_CERT", str(other))
    one_error_line(deploy(archive, spec, status=1).stderr, "certificate is not trusted")
    for wrong in (tmp_path / "missing.pem", archive / "albumen.toml"):
        monkeypatch.setenv("ALBUMEN_DEPLOY_TLS_CERT", str(wrong))
        one_error_line(deploy(archive, spec, status=1).stderr, str(wrong), "ALBUMEN_DEPLOY_TLS_CERT")


def test_plain_ftp_to_a_server_that_requires_tls_says_to_use_ftps(
        archive: Path, ftps_server: FtpsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBUMEN_DEPLOY_PASSWORD", PASSWORD)
    del ftps_server.logins[:]
    spec = f"ftp://{USER}@127.0.0.1:{ftps_server.port}/www/{unique('site')}"
    one_error_line(deploy(archive, spec, status=1).stderr, "TLS required", "ftps://")
    assert not ftps_server.logins  # the password was refused in clear, never accepted


# -- SFTP with the key in an ssh-agent ----------------------------------------------------------------------

@dataclass
class KeyOnlySftp:
    port: int
    root: Path
    host_key: Any
    client_key: Any


@pytest.fixture(scope="module")
def key_only_sftp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyOnlySftp]:
    """asyncssh's SFTP server that accepts one public key and no password."""
    root = tmp_path_factory.mktemp("sftp-key-root")
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    class Chrooted(asyncssh.SFTPServer):  # type: ignore[misc,name-defined]
        def __init__(self, chan: Any) -> None:
            super().__init__(chan, chroot=str(root).encode())

    async def start() -> Any:
        return await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[host_key], sftp_factory=Chrooted, password_auth=False,
            kbdint_auth=False,
            authorized_client_keys=asyncssh.import_authorized_keys(client_key.export_public_key().decode()))

    server = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    yield KeyOnlySftp(server.sockets[0].getsockname()[1], root, host_key, client_key)
    server.close()
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


@dataclass
class Agent:
    process: subprocess.Popen[bytes]
    socket: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # ssh-agent removes its socket on SIGTERM
            self.process.wait(10)


@pytest.fixture
def ssh_agent(tmp_path: Path) -> Iterator[Agent]:
    """A real ssh-agent in the foreground (-D), its socket in tmp_path; stopped at the end, whatever happens."""
    executable = shutil.which("ssh-agent")
    if executable is None or shutil.which("ssh-add") is None:
        pytest.skip("needs OpenSSH's ssh-agent and ssh-add")
    sock = tmp_path / "agent.sock"
    if len(os.fsencode(sock)) > 100:  # an AF_UNIX path holds ~108 bytes
        sock = Path(tempfile.mkdtemp(prefix="albumen-agent-")) / "agent.sock"
    process = subprocess.Popen([executable, "-D", "-a", str(sock)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    agent = Agent(process, sock)
    try:
        for _ in range(200):
            if sock.exists() or process.poll() is not None:
                break
            time.sleep(0.025)
        assert sock.exists(), f"ssh-agent did not start (exit {process.poll()})"
        yield agent
    finally:
        agent.stop()
        if process.poll() is None:
            process.kill()
            process.wait()
        sock.unlink(missing_ok=True)


def deploy_in_a_child(archive: Path, spec: str, home: Path, agent_socket: Path) -> subprocess.CompletedProcess[str]:
    """`albumen deploy` as its own process, as a person runs it from a shell whose agent is SSH_AUTH_SOCK."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("ALBUMEN_DEPLOY_PASSWORD", "ALBUMEN_DEPLOY_SSH_KEY", "NETRC")}
    env.update(HOME=str(home), SSH_AUTH_SOCK=str(agent_socket))
    return subprocess.run([sys.executable, "-m", "albumen", "deploy", spec, "-C", str(archive)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_sftp_logs_in_with_the_key_held_by_the_ssh_agent(
        archive: Path, key_only_sftp: KeyOnlySftp, ssh_agent: Agent, clean_home: Path, tmp_path: Path) -> None:
    host_key = key_only_sftp.host_key.export_public_key().decode().strip()
    (clean_home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{key_only_sftp.port} {host_key}\n",
                                                     encoding="utf-8")
    key_file = tmp_path / "keys" / "family_ed25519"  # outside ~/.ssh and never named: only the agent has it
    key_file.parent.mkdir()
    key_only_sftp.client_key.write_private_key(str(key_file))
    key_file.chmod(0o600)
    added = subprocess.run(["ssh-add", str(key_file)], env=dict(os.environ, SSH_AUTH_SOCK=str(ssh_agent.socket)),
                           capture_output=True, text=True, timeout=30)
    assert added.returncode == 0, added.stderr
    key_file.unlink()
    name = unique("site")
    spec = f"sftp://{USER}@127.0.0.1:{key_only_sftp.port}/www/{name}"

    first = deploy_in_a_child(archive, spec, clean_home, ssh_agent.socket)
    assert first.returncode == 0, first.stderr
    assert walk(key_only_sftp.root / "www" / name) == site_of(archive)
    assert sent(first.stderr) == (len(site_of(archive)), 0)

    ssh_agent.stop()
    assert not ssh_agent.socket.exists()
    second = deploy_in_a_child(archive, spec, clean_home, ssh_agent.socket)
    assert second.returncode == 1, second.stderr
    assert "Traceback" not in second.stderr
    one_error_line(second.stderr, spec, "no password or SSH key to log in as family", "is not running", "ssh-add",
                   "ALBUMEN_DEPLOY_PASSWORD")
