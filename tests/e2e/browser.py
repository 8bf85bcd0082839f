"""A small headless Chromium driver over the DevTools protocol (websockets, works offline).

Debian's `chromium` package provides the browser; nothing is downloaded. The flags are those
that keep Chromium quiet on a machine without internet and let it run as root.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import websockets

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
    "--window-size=1280,760",
    "--hide-scrollbars",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One browser tab: evaluate JavaScript, wait for a condition, take a screenshot."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._ids = itertools.count(1)

    async def command(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        await self._connection.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            answer = json.loads(await self._connection.recv())
            if answer.get("id") == number:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return dict(answer.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.command(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, *, within: float = 20.0) -> Any:
        """Evaluate until truthy (the page updates on its own: no fixed sleeps)."""
        deadline = asyncio.get_running_loop().time() + within
        while not (value := await self.evaluate(expression)):
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"the page never showed {expression!r}")
            await asyncio.sleep(0.05)
        return value

    async def open(self, url: str) -> None:
        await self.command("Page.enable")
        await self.command("Page.navigate", url=url)
        await self.wait_for("document.readyState === 'complete'")

    async def type_into(self, selector: str, text: str) -> None:
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        await self.command("Input.insertText", text=text)

    async def click(self, selector: str) -> None:
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    async def screenshot(self, path: Path) -> None:
        shot = await self.command("Page.captureScreenshot", format="png")
        await asyncio.to_thread(path.write_bytes, base64.b64decode(shot["data"]))


@asynccontextmanager
async def chromium_page() -> AsyncIterator[Page]:
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    # Chromium's helper processes may still write to the profile for a moment after it exits.
    with tempfile.TemporaryDirectory(
        prefix="kith-chromium-", ignore_cleanup_errors=True
    ) as profile:
        process = await asyncio.create_subprocess_exec(
            executable,
            *FLAGS,
            f"--user-data-dir={profile}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            for _ in range(300):
                if port_file.exists() and port_file.read_text().strip():
                    break
                await asyncio.sleep(0.05)
            port = int(port_file.read_text().split()[0])
            async with httpx.AsyncClient() as client:
                targets = (await client.get(f"http://127.0.0.1:{port}/json/list")).json()
            page_target = next(t for t in targets if t["type"] == "page")
            async with websockets.connect(
                page_target["webSocketDebuggerUrl"], max_size=None
            ) as connection:
                yield Page(connection)
        finally:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


KEYS = {
    "Tab": (9, "Tab"),
    "Enter": (13, "Enter"),
    "Space": (32, " "),
}


async def press(page: Page, key: str, *, shift: bool = False) -> None:
    """A real key press, as a keyboard-only user makes it (no clicks, no focus() calls)."""
    code, name = KEYS[key]
    modifiers = 8 if shift else 0
    for kind in ("rawKeyDown", "keyUp"):
        params: dict[str, Any] = {
            "type": kind,
            "windowsVirtualKeyCode": code,
            "key": name,
            "code": name if key != "Space" else "Space",
            "modifiers": modifiers,
        }
        await page.command("Input.dispatchKeyEvent", **params)
        if kind == "rawKeyDown" and key in ("Enter", "Space"):
            await page.command(
                "Input.dispatchKeyEvent", type="char", text="\r" if key == "Enter" else " "
            )


async def set_width(page: Page, width: int, height: int = 800, *, mobile: bool = False) -> None:
    await page.command(
        "Emulation.setDeviceMetricsOverride",
        width=width,
        height=height,
        deviceScaleFactor=1,
        mobile=mobile,
    )
