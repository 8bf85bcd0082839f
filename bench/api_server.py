"""The servers bench/api.py loads, each alone in its process: uvicorn, one worker, loopback.

    python bench/api_server.py kith --database-url URL --port P     # Kith's coordinator API
    python bench/api_server.py ceiling --port P                     # FastAPI's own ceiling

`kith` is the app `kith run` serves (api.app.create_app: every middleware, auth, audit),
without the bot. `ceiling` is a bare FastAPI app whose one route returns a constant: what
FastAPI and uvicorn cost per request on this machine, with nothing of Kith in it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from fastapi import FastAPI

from api.app import ApiContext, create_app
from bench.api_data import BENCH_KEY
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker


def ceiling_app() -> FastAPI:
    app = FastAPI()

    @app.get("/constant")
    async def constant() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def kith_app(database_url: str) -> FastAPI:
    crypto.configure([BENCH_KEY])
    engine = make_engine(database_url)
    return create_app(ApiContext(sessionmaker=make_sessionmaker(engine), require_totp=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["kith", "ceiling"])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = kith_app(args.database_url) if args.which == "kith" else ceiling_app()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)
