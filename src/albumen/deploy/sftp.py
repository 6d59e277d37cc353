"""An SFTP target (paramiko): sftp://user@host[:port]/path; /~/path is a folder in the login's home.

The login: the password in ALBUMEN_DEPLOY_PASSWORD or ~/.netrc, else the SSH agent, the key file named by
ALBUMEN_DEPLOY_SSH_KEY, or the usual keys in ~/.ssh. The server's key must already be in ~/.ssh/known_hosts
(as for ssh itself): an unknown or changed key stops the deploy before any password is sent.
"""

from __future__ import annotations

import getpass
import io
import os
import posixpath
import socket
import stat
from collections.abc import Iterable
from typing import Any

from albumen.deploy.target import (
    CONNECT_TIMEOUT,
    PASSWORD_VARIABLE,
    SSH_KEY_VARIABLE,
    DeployError,
    FileTarget,
    Remote,
    password_for,
)
from albumen.deploy.transfer_errors import network_problem


class SftpTarget(FileTarget):
    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.label = remote.label
        self.port = remote.port or 22
        self.root = _root_folder(remote.path)
        self._client: Any = None
        self._sftp: Any = None
        self._folders: set[str] = set()  # remote folders known to exist
        self.user = remote.user or ""
        self._doing = ""  # the remote path of the operation under way, to name it in an error

    def connect(self) -> None:
        import paramiko

        user, password = password_for(self.remote.host, self.remote.user)
        self.user = user or getpass.getuser()
        key = os.environ.get(SSH_KEY_VARIABLE) or None
        client = paramiko.SSHClient()
        client.load_system_host_keys()
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        self._client = client
        client.connect(self.remote.host, self.port, username=self.user, password=password, key_filename=key,
                       timeout=CONNECT_TIMEOUT, banner_timeout=CONNECT_TIMEOUT, auth_timeout=CONNECT_TIMEOUT,
                       allow_agent=True, look_for_keys=True)
        self._sftp = client.open_sftp()
        self._sftp.get_channel().settimeout(CONNECT_TIMEOUT * 3)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = self._sftp = None

    def _path(self, path: str) -> str:
        return posixpath.join(self.root, path) if self.root != "." else path

    def read(self, path: str) -> bytes | None:
        self._doing = self._path(path)
        buffer = io.BytesIO()
        try:
            self._sftp.getfo(self._doing, buffer)
        except FileNotFoundError:
            return None
        return buffer.getvalue()

    def put(self, path: str, data: bytes) -> None:
        final = self._path(path)
        folder, name = posixpath.split(final)
        self._make_folder(folder or ".")
        temporary = posixpath.join(folder, f".{name}.albumen-upload")
        self._doing = final
        self._sftp.putfo(io.BytesIO(data), temporary, file_size=len(data), confirm=True)
        try:
            self._sftp.posix_rename(temporary, final)  # replaces `final` at once: a visitor never sees half a page
        except OSError:
            self._remove(final)  # a server without the posix-rename extension: a moment without the file
            self._sftp.rename(temporary, final)

    def delete(self, path: str) -> None:
        self._doing = self._path(path)
        self._remove(self._doing)

    def _remove(self, path: str) -> None:
        try:
            self._sftp.remove(path)
        except FileNotFoundError:
            pass

    def remove_folders(self, folders: Iterable[str]) -> None:
        for folder in folders:
            try:
                self._sftp.rmdir(self._path(folder))
                self._folders.discard(self._path(folder))
            except OSError:
                pass  # not empty: it holds files albumen did not put there

    def _make_folder(self, folder: str) -> None:
        """mkdir -p, asking the server about each folder once per deploy."""
        if folder in self._folders or folder in ("", ".", "/"):
            return
        parent = posixpath.dirname(folder)
        if parent != folder:
            self._make_folder(parent)
        self._doing = folder
        try:
            if not stat.S_ISDIR(self._sftp.stat(folder).st_mode or 0):
                raise DeployError(f"{self.label}: {folder} is a file on the server, where the site needs a folder; "
                                  "move it aside, then deploy again")
        except FileNotFoundError:
            self._sftp.mkdir(folder)
        self._folders.add(folder)

    def explain(self, exc: Exception) -> str | None:
        import paramiko

        where = f"{self.remote.host}:{self.port}"
        if isinstance(exc, paramiko.BadHostKeyException):
            return (f"the server's key is NOT the one ~/.ssh/known_hosts holds for {where}: someone may be in "
                    "between; ask your host whether the key changed before you replace it")
        how = (f"set {PASSWORD_VARIABLE}, put the password in ~/.netrc, or load your SSH key into the agent "
               f"(ssh-add) or name it in {SSH_KEY_VARIABLE}")
        if isinstance(exc, paramiko.AuthenticationException):
            return f"the server refused the login of {self.user}: {how}"
        if isinstance(exc, paramiko.SSHException) and "No authentication methods" in str(exc):
            # paramiko's words when it had nothing to offer: no password, no key file, an empty or absent agent
            return f"albumen has no password or SSH key to log in as {self.user}{_agent_state()}: {how}"
        if isinstance(exc, paramiko.SSHException) and "known_hosts" in str(exc):
            port = f"-p {self.port} " if self.port != 22 else ""
            return (f"the server {where} is not in ~/.ssh/known_hosts: connect once with `ssh {port}{self.user}@"
                    f"{self.remote.host}`, check the key it shows with your host, accept it, then deploy again")
        if isinstance(exc, PermissionError):
            return (f"the server does not let {self.user} write {self._doing}: check the folder and its "
                    "permissions with your host")
        if isinstance(exc, (paramiko.SSHException, EOFError, socket.error)):
            return network_problem(exc, where, CONNECT_TIMEOUT)
        return None


def _agent_state() -> str:
    """Why the SSH agent offered no key, when SSH_AUTH_SOCK names one that is not running."""
    sock = os.environ.get("SSH_AUTH_SOCK")
    if sock and not os.path.exists(sock):
        return f" (the SSH agent SSH_AUTH_SOCK names, {sock}, is not running: start it)"
    return ""


def _root_folder(path: str) -> str:
    """/www -> /www; /~/www -> www (in the login's home folder); /~ -> the home folder itself."""
    if path in ("/~", "/~/"):
        return "."
    if path.startswith("/~/"):
        return path[3:].rstrip("/") or "."
    return path.rstrip("/") or "/"
