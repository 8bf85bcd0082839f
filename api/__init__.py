"""The coordinator HTTP API (FastAPI, `/v1`) and the Telegram webhook route.

Imports `models` only — never `bot`, `scheduler` or `kith`; what it needs from them is
handed to `create_app` by `kith`.
"""
