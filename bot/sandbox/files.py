"""Files the bot uploaded or people sent: kept in memory, served by file_id and file_path."""

from __future__ import annotations

import hashlib
import io
import itertools
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from bot.sandbox.errors import bad_request


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str
    mime_type: str
    url: str | None = None  # sent by URL: the sandbox cannot fetch it (no network)

    @property
    def file_path(self) -> str:
        return f"files/{self.file_unique_id}/{self.file_name}"

    def as_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(
        self, content: bytes, *, file_name: str, mime_type: str, url: str | None = None
    ) -> StoredFile:
        number = next(self._counter)
        digest = hashlib.sha256(content + (url or "").encode()).hexdigest()[:16]
        stored = StoredFile(
            file_id=f"SBX{number:06d}{digest}",
            file_unique_id=f"u{digest}{number}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            url=url,
        )
        self._by_id[stored.file_id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile:
        found = self._by_id.get(file_id)
        if found is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return found

    def by_id(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self._by_id.values() if f.file_path == path), None)


def image_size(content: bytes) -> tuple[int, int]:
    """Width and height of an image, or 400 as Telegram answers for a photo that is not one."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise bad_request("IMAGE_PROCESS_FAILED") from exc


def photo_sizes(stored: StoredFile, width: int, height: int) -> list[dict[str, Any]]:
    """Telegram answers with several sizes; the sandbox keeps one, the original."""
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(stored.content),
        }
    ]
