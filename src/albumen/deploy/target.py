"""A target albumen sends files to, and how a TARGET argument names one."""

from __future__ import annotations

import netrc
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from albumen.problems import AlbumenError, UsageError

# Where a password may come from besides ~/.netrc and the SSH agent; never albumen.toml (it is kept in git).
PASSWORD_VARIABLE = "ALBUMEN_DEPLOY_PASSWORD"
SSH_KEY_VARIABLE = "ALBUMEN_DEPLOY_SSH_KEY"
# Seconds to wait for a server to answer before saying it can't be reached.
CONNECT_TIMEOUT = 20.0


class DeployError(AlbumenError):
    """The target refused or could not be reached: one line naming it and what to do."""


class FileTarget(ABC):
    """A place that holds files by relative path: a folder, an SFTP or FTP account, an S3 bucket."""

    label: str  # how the target is named to the user: never with a password

    def __enter__(self) -> FileTarget:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def connect(self) -> None:
        """Open the connection; an unreachable host or a refused login is a DeployError."""

    @abstractmethod
    def close(self) -> None:
        """Close it (never raises)."""

    @abstractmethod
    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when the target has no such file."""

    @abstractmethod
    def put(self, path: str, data: bytes) -> None:
        """Write the file whole (through a temporary name where the target allows), making its folders."""

    @abstractmethod
    def delete(self, path: str) -> None:
        """Remove the file; a file that is already gone is fine."""

    @abstractmethod
    def remove_folders(self, folders: Iterable[str]) -> None:
        """Remove these folders (deepest first) where they are empty; one that is not stays, silently."""

    @abstractmethod
    def explain(self, exc: Exception) -> str | None:
        """One line saying what went wrong and what to do, for a failure of the library or network; None
        for an exception that is albumen's own bug."""


@dataclass(frozen=True)
class Remote:
    """The parts of a URL such as sftp://user@host:port/path (no password: those are refused)."""

    scheme: str
    user: str | None
    host: str
    port: int | None
    path: str

    @property
    def label(self) -> str:
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        return f"{self.scheme}://{user}{self.host}{port}{self.path}"


def parse_remote(spec: str, default_path: str = "/") -> Remote:
    """sftp://user@host:port/path -> Remote; a password in the URL is refused without being echoed."""
    parts = urlsplit(spec)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        raise UsageError(f"{scheme}://{parts.hostname or ''}: the port is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise UsageError(f"{scheme}:// needs a host: {scheme}://user@host/path")
    remote = Remote(scheme, unquote(parts.username) if parts.username else None, parts.hostname, port,
                    unquote(parts.path) or default_path)
    if parts.password is not None:
        raise UsageError(f"{remote.label}: a password in the address would be kept in your shell's history; "
                         f"leave it out and set {PASSWORD_VARIABLE} (or put it in ~/.netrc)")
    return remote


def password_for(host: str, user: str | None) -> tuple[str | None, str | None]:
    """(login, password) from ALBUMEN_DEPLOY_PASSWORD, else ~/.netrc (or $NETRC); (None, None) when neither."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return user, password
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return user, None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise DeployError(f"{path}: can't read it ({getattr(exc, 'msg', exc)}); fix the file, or set "
                          f"{PASSWORD_VARIABLE} instead") from None
    if entry is None:
        return user, None
    login, _account, secret = entry
    if user and login and login != user:
        return user, None  # the netrc entry is another account's
    return user or login or None, secret or None


# A git remote given without the git+ prefix: scp-like (git@github.com:me/site.git) or a URL, with #branch.
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")
SCHEMES = ("sftp", "ftp", "ftps", "s3")


def is_git_target(spec: str) -> bool:
    if spec.startswith("git+"):
        return True
    if "#" not in spec:
        return False
    scheme = urlsplit(spec).scheme.lower()
    return scheme in ("https", "http", "ssh", "git", "file") or bool(_SCP_LIKE.match(spec))


def scheme_of(spec: str) -> str | None:
    """The URL scheme of a remote target, None for a folder path (C:\\ on Windows included)."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]+)://", spec)
    return match.group(1).lower() if match else None


def describe_targets() -> str:
    return ("a folder, sftp://user@host[:port]/path, ftp://user@host[:port]/path, ftps://..., s3://bucket/prefix, "
            "or a git repository with its branch (git+file:///path/repo.git#branch, "
            "git@github.com:you/site.git#gh-pages, https://codeberg.org/you/pages.git#main)")
