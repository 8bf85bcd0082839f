"""The coordinator's workspace: server-rendered pages on the domain in `models`."""
