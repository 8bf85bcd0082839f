"""Kith's wiring: settings, logging, start-up and the `kith` command line.

`system.py` is what everything runs on (settings, database, clock); `runtime.py` starts the
API, the bot and the scheduler in one event loop; `scheduling.py` runs the scheduler alone;
`demo/` holds the fictional data. May import `models`, `bot`, `api` and `scheduler` (it is
the one place that joins them); none of them import `kith`.
"""
