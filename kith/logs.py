"""Logging set-up: Kith's own lines at the chosen level, libraries' chatter only from WARNING.

A person reads `kith run`'s console: APScheduler's "Running job ..." and "executed
successfully" every second, uvicorn's access lines and the HTTP client's requests would bury
Kith's own few lines, so libraries speak only of warnings and errors. The HTTP client stays
quiet whatever the level: a Bot API URL carries the bot token. Secrets are never formatted
(settings hide them).
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
LIBRARIES = (
    "apscheduler",
    "telegram",
    "httpx",
    "httpcore",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "sqlalchemy",
    "aiosqlite",
    "asyncio",
)


def setup_logging(level: str) -> None:
    """Kith's loggers (`kith.*`) at `level`; every library at WARNING or above."""
    logging.basicConfig(level=level, format=FORMAT)
    logging.getLogger().setLevel(level)
    library_level = max(logging.WARNING, logging.getLevelName(level))
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(library_level)
