"""Place data for finding a young person's council (read with importlib.resources)."""
