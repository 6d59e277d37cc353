"""What a network failure means for a person, shared by the SFTP, FTP and S3 targets."""

from __future__ import annotations

import socket

RESUME = "deploy again to finish: what was sent is kept"


def network_problem(exc: BaseException, where: str, timeout: float) -> str:
    """One line for a failure to reach a server or a lost connection, with what to do."""
    if isinstance(exc, socket.gaierror):
        return f"no such host {where.rsplit(':', 1)[0]} ({exc.strerror}): check the address, and your network"
    if isinstance(exc, ConnectionRefusedError) or "Unable to connect" in str(exc):
        return (f"can't connect to {where} (connection refused): check the address and the port, and that "
                "the server is running")
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"{where} did not answer within {timeout:.0f} s: check the address and your network, then {RESUME}"
    detail = str(exc) or type(exc).__name__
    return f"the connection to {where} failed ({detail}); {RESUME}"
