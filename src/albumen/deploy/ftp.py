"""An FTP target (ftplib): ftp://user@host[:port]/path, or ftps:// for FTP over TLS (explicit, AUTH TLS).

As curl reads such an address, /path is a folder in the login's own folder (where the server puts you), and
//path (or /%2Fpath) is a folder from the server's root.

The password comes from ALBUMEN_DEPLOY_PASSWORD or ~/.netrc; without a user the login is anonymous.

ftps:// checks the server's certificate as a browser does; a host with a certificate of its own (self-signed)
is trusted only when ALBUMEN_DEPLOY_TLS_CERT names that certificate's file (PEM), as curl's --cacert.
"""

from __future__ import annotations

import ftplib
import io
import os
import posixpath
import socket
import ssl
from collections.abc import Iterable

from albumen.deploy.target import (
    CONNECT_TIMEOUT,
    PASSWORD_VARIABLE,
    DeployError,
    FileTarget,
    Remote,
    password_for,
)
from albumen.deploy.transfer_errors import RESUME, network_problem

# The certificate file (PEM) of a host that signs its own: trusted instead of the system's authorities.
TLS_CERT_VARIABLE = "ALBUMEN_DEPLOY_TLS_CERT"


class FtpTarget(FileTarget):
    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.label = remote.label
        self.port = remote.port or 21
        self.root = remote.path
        self.home = "/"
        self.user = remote.user or "anonymous"
        self._ftp: ftplib.FTP | None = None
        self._folders: set[str] = set()
        self._doing = ""
        self._logged_in = False

    def connect(self) -> None:
        user, password = password_for(self.remote.host, self.remote.user)
        self.user = user or "anonymous"
        # ftplib's own default context checks no certificate: anyone in between would get the password
        ftp = ftplib.FTP_TLS(context=tls_context()) if self.remote.scheme == "ftps" else ftplib.FTP()
        ftp.encoding = "utf-8"
        self._ftp = ftp
        ftp.connect(self.remote.host, self.port, timeout=CONNECT_TIMEOUT)
        ftp.login(self.user, password or ("" if user else "anonymous@"))
        if isinstance(ftp, ftplib.FTP_TLS):
            ftp.prot_p()  # the files travel encrypted too, not only the password
        self.home = ftp.pwd()
        self._logged_in = True
        self.root = _root_folder(self.remote.path, self.home)

    def close(self) -> None:
        if self._ftp is not None:
            try:
                self._ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self._ftp.close()
            self._ftp = None

    @property
    def ftp(self) -> ftplib.FTP:
        assert self._ftp is not None, "connect() first"
        return self._ftp

    def _path(self, path: str) -> str:
        return posixpath.join(self.root, path)

    def read(self, path: str) -> bytes | None:
        self._doing = self._path(path)
        buffer = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {self._doing}", buffer.write)
        except ftplib.error_perm as exc:
            if str(exc).startswith("550"):  # no such file (or not readable: then writing it fails clearly)
                return None
            raise
        return buffer.getvalue()

    def put(self, path: str, data: bytes) -> None:
        final = self._path(path)
        folder, name = posixpath.split(final)
        self._make_folder(folder)
        temporary = posixpath.join(folder, f".{name}.albumen-upload")
        self._doing = final
        self.ftp.storbinary(f"STOR {temporary}", io.BytesIO(data))
        try:
            self.ftp.rename(temporary, final)  # a visitor never sees half a page
        except ftplib.error_perm:
            self._remove(final)  # servers that won't rename over a file
            self.ftp.rename(temporary, final)

    def delete(self, path: str) -> None:
        self._doing = self._path(path)
        self._remove(self._doing)

    def _remove(self, path: str) -> None:
        try:
            self.ftp.delete(path)
        except ftplib.error_perm as exc:
            if not str(exc).startswith("550"):
                raise

    def remove_folders(self, folders: Iterable[str]) -> None:
        for folder in folders:
            try:
                self.ftp.rmd(self._path(folder))
                self._folders.discard(self._path(folder))
            except ftplib.error_perm:
                pass  # not empty: it holds files albumen did not put there

    def _make_folder(self, folder: str) -> None:
        """mkdir -p: each folder is made (or found) once per deploy."""
        if folder in self._folders or folder in ("", "/"):
            return
        self._make_folder(posixpath.dirname(folder))
        self._doing = folder
        try:
            self.ftp.mkd(folder)
        except ftplib.error_perm:
            self.ftp.cwd(folder)  # it exists already (else this fails, and says why)
            self.ftp.cwd(self.home)
        self._folders.add(folder)

    def explain(self, exc: Exception) -> str | None:
        where = f"{self.remote.host}:{self.port}"
        reply = str(exc).strip()
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (f"the server's certificate is not trusted ({exc.verify_message}), so no password was sent: "
                    f"if your host says it uses a certificate of its own, save it as a .pem file, check it with "
                    f"your host, and set {TLS_CERT_VARIABLE} to that file's path")
        if isinstance(exc, ftplib.error_perm) and "TLS required" in reply:
            return f"the server accepts only encrypted logins ({reply}): deploy to ftps:// instead of ftp://"
        if isinstance(exc, ftplib.error_perm) and reply.startswith("530"):
            how = f"set {PASSWORD_VARIABLE} or put the password in ~/.netrc"
            return f"the server refused the login of {self.user} ({reply}): {how}"
        if isinstance(exc, ftplib.error_perm):
            return (f"the server refused to write {self._doing} ({reply}): check that {self.user} may write "
                    "there, with your host")
        if isinstance(exc, ConnectionRefusedError) and self._logged_in:
            return ("the server refused the connection a file travels on (FTP's passive mode; a firewall in "
                    f"between?): try again, or ask your host; {RESUME}")
        if isinstance(exc, ftplib.Error | EOFError | socket.error):
            return network_problem(exc, where, CONNECT_TIMEOUT)
        return None


def tls_context() -> ssl.SSLContext:
    """The system's certificate authorities, or only the certificate named by ALBUMEN_DEPLOY_TLS_CERT."""
    cert = os.environ.get(TLS_CERT_VARIABLE)
    if not cert:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=cert)
    except (OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc
        raise DeployError(f"{cert}: can't read it as a certificate ({reason}); set {TLS_CERT_VARIABLE} to the "
                          "path of your host's certificate, a .pem file") from None


def _root_folder(path: str, home: str) -> str:
    """/www -> HOME/www; //www -> /www."""
    if path.startswith("//"):
        return path[1:].rstrip("/") or "/"
    return posixpath.join(home, path.strip("/")).rstrip("/") or "/"
