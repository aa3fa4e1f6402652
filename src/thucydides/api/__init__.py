"""The HTTP API and dashboard over the event store (needs the ``web`` extra: fastapi, uvicorn).

from thucydides.api import create_app, serve
app = create_app("thucydides.duckdb")      # an ASGI app; the store is opened read-only
serve("thucydides.duckdb", port=8000)      # runs it with uvicorn on 127.0.0.1
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from thucydides.api.app import DEFAULT_HOSTS, Limits, create_app

__all__ = ["Limits", "create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, allow_hosts: Sequence[str] = ()) -> int:
    """Serve the API and the dashboard over a store until interrupted.

    Args:
        db: the DuckDB store file; it is opened read-only.
        host: the address to bind; the default answers this machine only.
        port: the TCP port.
        allow_hosts: host names served besides 127.0.0.1, localhost and the bound address (requests
            addressed to any other name get 400).

    Returns:
        The exit status: 0 after a clean stop, 1 when the store cannot be opened.
    """
    import uvicorn

    try:
        named = [] if host in ("0.0.0.0", "::", "") else [host]
        app = create_app(db, allowed_hosts=[*DEFAULT_HOSTS, *named, *allow_hosts])
    except FileNotFoundError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - duckdb raises its own types for locked or corrupt files
        sys.stderr.write(f"error: cannot open the store {db}: {exc}\n")
        return 1
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(
            f"warning: serving on {host}: anyone who can reach this address can read the store\n"
        )
    sys.stderr.write(
        f"[thucydides] dashboard at http://{'localhost' if host == '127.0.0.1' else host}:{port}/\n"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
