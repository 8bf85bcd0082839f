"""Every text a young person reads (the one catalog). Short, warm, reading age about 11."""

from __future__ import annotations

WELCOME = "Hi! I'm Kith. I help you stay close to the people who matter to you."
