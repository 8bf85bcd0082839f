"""Parse modes as Telegram applies them: HTML, MarkdownV2 and legacy Markdown.

The point is the failure: a name like `<3 Nan` or `Sam_J.` sent unescaped makes Telegram
answer 400 "can't parse entities", and the young person gets nothing. The sandbox refuses the
same texts, so tests catch it. Entity offsets are in UTF-16 code units, as Telegram's are.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.sandbox.errors import ApiError, bad_request

HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
MARKDOWN_V2_RESERVED = set("_*[]()~`>#+-=|{}.!")
TAG = re.compile(r"<(/?)([^\s>/]*)([^>]*)>")
HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and its entities; 400 "can't parse entities" where Telegram says it."""
    if parse_mode is None or parse_mode == "":
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return _html(text)
    if mode == "markdownv2":
        return _markdown(text, v2=True)
    if mode == "markdown":
        return _markdown(text, v2=False)
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


def _cant_parse(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _html(source: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, int, str | None]] = []
    position = 0
    for match in TAG.finditer(source):
        out.append(_html_text(source[position : match.start()], _bytes(source, position)))
        position = match.end()
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        offset = len(source[: match.start()].encode())
        if name not in HTML_TAGS:
            what = "end" if closing else "start"
            raise _cant_parse(f'Unsupported {what} tag "{name}" at byte offset {offset}')
        here = utf16_len("".join(out))
        if not closing:
            href = HREF.search(rest)
            url = next((g for g in href.groups() if g), None) if href else None
            stack.append((name, here, url))
            continue
        if not stack or stack[-1][0] != name:
            expected = f'"</{stack[-1][0]}>"' if stack else "no end tag"
            raise _cant_parse(
                f'Unmatched end tag at byte offset {offset}, expected {expected}, found "</{name}>"'
            )
        opened, start, url = stack.pop()
        if here > start:
            entity: dict[str, Any] = {
                "type": HTML_TAGS[opened],
                "offset": start,
                "length": here - start,
            }
            if opened == "a" and url:
                entity["url"] = url
            entities.append(entity)
    out.append(_html_text(source[position:], _bytes(source, position)))
    if stack:
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _html_text(chunk: str, at: int) -> str:
    """Text between tags: a lone "<" is an error, entities like &lt; are decoded."""
    index = chunk.find("<")
    if index != -1:
        name = re.split(r"[\s<>]", chunk[index + 1 :], maxsplit=1)[0]
        offset = at + len(chunk[:index].encode())
        raise _cant_parse(f'Unsupported start tag "{name}" at byte offset {offset}')
    return html.unescape(chunk)


MARKERS_V2 = (
    ("```", "pre"),
    ("||", "spoiler"),
    ("__", "underline"),
    ("*", "bold"),
    ("_", "italic"),
    ("~", "strikethrough"),
    ("`", "code"),
)
MARKERS_V1 = (("```", "pre"), ("*", "bold"), ("_", "italic"), ("`", "code"))


def _markdown(source: str, *, v2: bool) -> tuple[str, list[dict[str, Any]]]:
    markers = MARKERS_V2 if v2 else MARKERS_V1
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, str, int, int]] = []  # marker, type, utf16 start, byte offset
    link_starts: list[int] = []
    i = 0
    while i < len(source):
        char = source[i]
        byte_offset = len(source[:i].encode())
        in_code = bool(stack) and stack[-1][1] in ("code", "pre")
        if char == "\\" and i + 1 < len(source) and (v2 or source[i + 1] in "_*`["):
            out.append(source[i + 1])
            i += 2
            continue
        marker = next((m for m, _ in markers if source.startswith(m, i)), None)
        if marker is not None and (not in_code or marker == stack[-1][0]):
            kind = dict(markers)[marker]
            here = utf16_len("".join(out))
            if stack and stack[-1][0] == marker:
                _, kind, start, _ = stack.pop()
                if here > start:
                    entities.append({"type": kind, "offset": start, "length": here - start})
            else:
                stack.append((marker, kind, here, byte_offset))
            i += len(marker)
            continue
        if not in_code and char == "[":
            link_starts.append(utf16_len("".join(out)))
            i += 1
            continue
        if not in_code and char == "]" and link_starts and source.startswith("(", i + 1):
            end = source.find(")", i + 2)
            if end == -1:
                raise _cant_parse(f"Can't find end of a url at byte offset {byte_offset}")
            start = link_starts.pop()
            here = utf16_len("".join(out))
            entities.append(
                {
                    "type": "text_link",
                    "offset": start,
                    "length": here - start,
                    "url": source[i + 2 : end],
                }
            )
            i = end + 1
            continue
        if v2 and not in_code and char in MARKDOWN_V2_RESERVED:
            raise _cant_parse(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        out.append(char)
        i += 1
    if stack:
        _, kind, _, at = stack[-1]
        name = kind.replace("_", " ").title() if v2 else "the"
        raise _cant_parse(f"Can't find end of {name} entity at byte offset {at}")
    if link_starts and v2:
        raise _cant_parse("Can't find end of TextUrl entity")
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _bytes(source: str, index: int) -> int:
    """Telegram reports positions as byte offsets into the UTF-8 text."""
    return len(source[:index].encode())
