"""How the app is served over HTTP: uvicorn's options (`ltkg serve`, the tests' live servers and the
benchmarks alike), a free port on the loopback, and the app served in a background thread."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from api.http.middleware import ProblemH11Protocol
from graph.settings import Settings


def server_options(settings: Settings) -> dict:
    """uvicorn's options for this app.

    HTTP is parsed by h11, not httptools: httptools buffers a request line of any length (tried: 300 MB),
    h11 stops at h11_max_incomplete_event_size, set here so that a long URL still reaches the app, which
    answers 414 with a problem body; a request h11 cannot parse gets a problem+json 400 (middleware.py).
    The event loop is uvloop when installed (a dependency).
    """
    return {"http": ProblemH11Protocol, "h11_max_incomplete_event_size": settings.max_request_bytes + 16_384}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_in_thread(app, access_log: bool = True) -> Iterator[str]:
    """The base URL of the app, served on 127.0.0.1 as `ltkg serve` serves it, in a background thread, until
    the block ends (its lifespan runs: the query workers start and stop)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                            access_log=access_log, **server_options(app.state.settings))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
