"""An S3-compatible target (boto3): s3://bucket/prefix.

Credentials are boto3's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, AWS_PROFILE);
another provider than Amazon (MinIO, Backblaze B2, Cloudflare R2, Scaleway, Wasabi, Garage) is named by its
address in AWS_ENDPOINT_URL. Each file is stored with its media type, so the bucket serves it as a website.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
import socket
from collections.abc import Iterable
from typing import Any

from albumen.deploy.target import CONNECT_TIMEOUT, FileTarget, Remote
from albumen.deploy.transfer_errors import network_problem

ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL"

# The site's own kinds of file, whatever the system's mime.types says (or lacks).
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".avif": "image/avif",
    ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm", ".woff2": "font/woff2",
}


def media_type(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class S3Target(FileTarget):
    def __init__(self, remote: Remote) -> None:
        self.bucket = remote.host
        self.prefix = remote.path.strip("/")
        self.endpoint = os.environ.get(ENDPOINT_VARIABLE) or None
        self.label = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        self._client: Any = None
        self._doing = ""

    def connect(self) -> None:
        import boto3
        from botocore.config import Config

        config = Config(connect_timeout=CONNECT_TIMEOUT, read_timeout=CONNECT_TIMEOUT * 3,
                        retries={"max_attempts": 3, "mode": "standard"})
        # The first request is the manifest's GET: its error body tells refused keys, a missing bucket and a
        # missing permission apart (a HEAD's has no body), and it needs no permission a deploy lacks.
        self._client = boto3.session.Session().client("s3", endpoint_url=self.endpoint, config=config)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def read(self, path: str) -> bytes | None:
        self._doing = self._key(path)
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=self._doing)
        except self._client.exceptions.NoSuchKey:
            return None
        body: bytes = response["Body"].read()
        return body

    def put(self, path: str, data: bytes) -> None:
        self._doing = self._key(path)
        self._client.put_object(Bucket=self.bucket, Key=self._doing, Body=data, ContentType=media_type(path))

    def delete(self, path: str) -> None:
        self._doing = self._key(path)
        self._client.delete_object(Bucket=self.bucket, Key=self._doing)

    def remove_folders(self, folders: Iterable[str]) -> None:
        pass  # a bucket has no folders, only keys

    def explain(self, exc: Exception) -> str | None:
        from botocore import exceptions as botocore_errors

        where = self.endpoint or "Amazon S3"
        if isinstance(exc, botocore_errors.NoCredentialsError | botocore_errors.PartialCredentialsError):
            return ("no S3 keys found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or "
                    "~/.aws/credentials)")
        if isinstance(exc, botocore_errors.ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"):
                return (f"{where} refused the keys ({code}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                        "(or your AWS_PROFILE)")
            if code == "NoSuchBucket":
                return (f"there is no bucket {self.bucket} at {where}: make it first, or check its name and "
                        f"{ENDPOINT_VARIABLE}")
            if code in ("AccessDenied", "AllAccessDisabled"):
                return (f"{where} does not let these keys write {self._doing} (access denied): give them "
                        f"permission to read, write and delete in {self.bucket}")
            return f"{where} refused {self._doing} ({code}: {error.get('Message', '')}): check the bucket's settings"
        if isinstance(exc, botocore_errors.EndpointConnectionError | botocore_errors.ConnectTimeoutError):
            return (f"can't reach {where} ({exc}): check {ENDPOINT_VARIABLE} and your network, then deploy again "
                    "(what was sent is kept)")
        if isinstance(exc, botocore_errors.BotoCoreError | socket.error):
            return network_problem(exc, where, CONNECT_TIMEOUT)
        return None
