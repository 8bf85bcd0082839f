"""The one catalog: Babel extracts every text, each reads at about 11, none bypasses it."""

from __future__ import annotations

import ast
from pathlib import Path

import textstat
from babel.messages.extract import extract_from_dir

import bot
import models
import texts
from texts import chat, safety, staff, unasked, workspace
from texts.catalog import t

TEXTS_DIR = Path(texts.__file__).parent
# Where words could be put on a screen by hand instead of through the catalog.
ADAPTER_DIRS = [Path(bot.__file__).parent, Path(models.__file__).parent]
SAMPLE = {
    "name": "Sam",
    "council": "Northshire Council",
    "when": "Monday 2 March, 9:00 AM",
    "label": "Nan",
    "what": "Message Nan",
    "relationship": "Nan or Grandad",
    "worker": "Jo",
    "age": 14,
    "count": 3,
    "days": 3,
    "who": "Nan",
    "title": "Check-in missed",
    "number": 12,
    "phone": "0300 123 4567",
    "minutes": 15,
    "status": "located",
    "current": "named",
    "target": "agreed",
    "allowed": "located, contacted",
    "limit": 1000,
    "low": 1,
    "high": 5,
    "until": "Mon 9 Mar 2026, 09:00",
    "channel": "email",
    "link": "https://kith.example/workspace/",
}
# Telegram calls that put words on a young person's screen.
SCREEN_CALLS = {
    "send_message",
    "reply_text",
    "edit_message_text",
    "send_photo",
    "answer",
    "InlineKeyboardButton",
    "KeyboardButton",
}


def catalog() -> dict[str, str]:
    """Every message id of the one catalog: the chat, the unasked messages, the staff's."""
    found: dict[str, str] = {}
    for module in (chat, safety, unasked, staff, workspace):
        for key, value in vars(module).items():
            if key.isupper() and isinstance(value, str):
                found[f"{module.__name__}.{key}"] = value
        for key, value in vars(module).items():
            if key.isupper() and isinstance(value, dict):
                found.update({f"{module.__name__}.{key}.{k}": v for k, v in value.items()})
    return found


def test_babel_extracts_exactly_the_catalog() -> None:
    extracted = {
        message
        for _, _, message, *_ in extract_from_dir(
            str(TEXTS_DIR),
            method_map=[("**.py", "python")],
            keywords={"N_": None},
        )
    }
    assert extracted == set(catalog().values())


def test_every_message_reads_at_about_eleven() -> None:
    """Flesch-Kincaid grade 6 or below on average, no message above 8.

    Scored: every text of four words or more. Button labels of one to three words are not
    sentences, and the formula gives nonsense for them ("Tomorrow" scores 20).
    """
    scores = {}
    for name, message in catalog().items():
        filled = message.format(**SAMPLE)
        if len(filled.split()) >= 4:
            scores[name] = textstat.flesch_kincaid_grade(filled)
    assert len(scores) > 80
    hardest = max(scores, key=scores.__getitem__)
    assert scores[hardest] <= 8, (hardest, scores[hardest])
    average = sum(scores.values()) / len(scores)
    print(f"\nFlesch-Kincaid grade: average {average:.2f}, hardest {hardest} {scores[hardest]:.1f}")
    assert average <= 6


def test_every_placeholder_can_be_filled() -> None:
    for message in catalog().values():
        assert t("en", message, **SAMPLE)


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def test_no_screen_text_is_written_outside_the_catalog() -> None:
    """Static half of the pseudo-locale proof: no literal reaches a Telegram call or `say`."""
    offenders = []
    paths = [p for d in ADAPTER_DIRS for p in d.rglob("*.py") if "sandbox" not in p.parts]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            arguments = [
                *node.args,
                *(k.value for k in node.keywords if k.arg in ("text", "caption", "message")),
            ]
            if name == "enqueue_message":
                arguments = [k.value for k in node.keywords if k.arg == "body"]
            if name in SCREEN_CALLS | {"enqueue_message"} and any(
                _literal(a) for a in arguments[:2]
            ):
                offenders.append(f"{path.name}:{node.lineno} {name}")
            if name in ("say", "text") and len(node.args) >= 3 - (name == "text"):
                message = node.args[2 if name == "say" else 1]
                if not (
                    isinstance(message, ast.Attribute)
                    and getattr(message.value, "id", "") in ("texts", "chat")
                ) and _literal(message):
                    offenders.append(f"{path.name}:{node.lineno} {name}")
    assert offenders == []
