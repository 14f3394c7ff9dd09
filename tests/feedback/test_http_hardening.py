"""Clients that misbehave at the HTTP level, against a real server over raw sockets: stalled
heads and bodies, ambiguous framing, oversized heads however they arrive, refused bodies and
clients that hang up. Each gets a JSON answer (where one can be sent) and a closed connection;
the log shows no traceback and no 500."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from tests.feedback.support import ServerProcess, running_server, vote, write_site

pytestmark = pytest.mark.slow
HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.0
MAX_HEADER_BYTES = 8192


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("http-hardening")
    with running_server(
        database=str(root / "feedback.db"),
        site=write_site(root / "site"),
        log_path=root / "server.log",
        env={
            "HELPCENTER_FEEDBACK_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
            "HELPCENTER_FEEDBACK_BODY_TIMEOUT": str(BODY_TIMEOUT),
            "HELPCENTER_FEEDBACK_MAX_HEADER_BYTES": str(MAX_HEADER_BYTES),
        },
    ) as running:
        yield running


def connect(server: ServerProcess) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes, bool]:
    """Status, headers, body, and whether the server closed the connection afterwards."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"closed without an answer: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body, is_closed(sock)


def is_closed(sock: socket.socket, wait: float = 3.0) -> bool:
    """True when the server closes its side within `wait` seconds."""
    sock.settimeout(wait)
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def vote_body() -> bytes:
    return json.dumps(vote()).encode()


def post_head(length: int | None, extra: str = "") -> bytes:
    lines = ["POST /api/v1/feedback HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def assert_json_error(status: int, headers: dict[str, str], body: bytes, expected: int) -> None:
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    assert isinstance(json.loads(body)["detail"], str)


def test_content_length_with_transfer_encoding_is_refused_and_closed(server: ServerProcess) -> None:
    with connect(server) as sock:
        sock.sendall(post_head(5, "Transfer-Encoding: chunked\r\n") + b"0\r\n\r\n")
        status, headers, body, closed = read_answer(sock)
    assert_json_error(status, headers, body, 400)
    assert closed


def test_a_body_refused_before_reading_closes_the_connection(server: ServerProcess) -> None:
    with connect(server) as sock:
        sock.sendall(post_head(3 * 1024 * 1024))
        sock.sendall(b"x" * 65536)
        status, headers, body, closed = read_answer(sock)
    assert_json_error(status, headers, body, 413)
    assert headers["connection"] == "close"
    assert closed


def test_a_stalled_body_gets_408_and_a_closed_connection(server: ServerProcess) -> None:
    with connect(server) as sock:
        sock.sendall(post_head(200) + b'{"page": ')
        started = time.monotonic()
        status, headers, body, closed = read_answer(sock)
        waited = time.monotonic() - started
    assert_json_error(status, headers, body, 408)
    assert closed
    assert BODY_TIMEOUT * 0.8 <= waited < BODY_TIMEOUT + 2


def test_a_stalled_head_gets_408_and_a_silent_connection_is_closed(server: ServerProcess) -> None:
    with connect(server) as stalled, connect(server) as silent:
        stalled.sendall(b"POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        status, headers, body, closed = read_answer(stalled)
        assert_json_error(status, headers, body, 408)
        assert closed
        assert time.monotonic() - started < HEADER_TIMEOUT + 2
        assert is_closed(silent, wait=HEADER_TIMEOUT + 2)


def test_many_idle_connections_are_all_closed(server: ServerProcess) -> None:
    sockets = [connect(server) for _ in range(50)]
    try:
        assert all(is_closed(sock, wait=HEADER_TIMEOUT + 3) for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.parametrize("arrival", ["at once", "byte by byte"])
def test_oversized_heads_get_the_same_json_431_however_they_arrive(
    server: ServerProcess, arrival: str
) -> None:
    head = post_head(2, f"X-Padding: {'a' * (MAX_HEADER_BYTES + 100)}\r\n") + b"{}"
    with connect(server) as sock:
        if arrival == "at once":
            sock.sendall(head)
        else:
            for start in range(0, len(head), 512):
                sock.sendall(head[start : start + 512])
                time.sleep(0.001)  # separate segments, as a slow client sends them
        status, headers, body, closed = read_answer(sock)
    assert_json_error(status, headers, body, 431)
    assert closed


def test_a_client_hanging_up_mid_body_leaves_no_traceback(server: ServerProcess) -> None:
    with connect(server) as sock:
        sock.sendall(post_head(500) + vote_body()[:10])
    with connect(server) as sock:  # the server is fine afterwards
        body = vote_body()
        sock.sendall(post_head(len(body)) + body)
        status, _, answer, _ = read_answer(sock)
    assert status == 201, answer
    log = server.log_path.read_text()
    assert "Traceback" not in log
    assert '" 500 ' not in log
