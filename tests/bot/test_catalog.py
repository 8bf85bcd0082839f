"""The one catalog: Babel extracts every text, each reads at about 11, none bypasses it."""

from __future__ import annotations

import ast
from pathlib import Path

import textstat
from babel.messages.extract import extract_from_dir

import bot
from bot import texts
from bot.catalog import t

BOT_DIR = Path(bot.__file__).parent
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
    return {k: v for k, v in vars(texts).items() if k.isupper() and isinstance(v, str)}


def test_babel_extracts_exactly_the_catalog() -> None:
    extracted = {
        message
        for _, _, message, *_ in extract_from_dir(
            str(BOT_DIR),
            method_map=[("sandbox/**", "ignore"), ("**.py", "python")],
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
    for path in BOT_DIR.rglob("*.py"):
        if "sandbox" in path.parts or path.name == "texts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            arguments = [
                *node.args,
                *(k.value for k in node.keywords if k.arg in ("text", "caption", "message")),
            ]
            if name in SCREEN_CALLS and any(_literal(a) for a in arguments[:2]):
                offenders.append(f"{path.name}:{node.lineno} {name}")
            if name in ("say", "text") and len(node.args) >= 3 - (name == "text"):
                message = node.args[2 if name == "say" else 1]
                if not (
                    isinstance(message, ast.Attribute)
                    and getattr(message.value, "id", "") == "texts"
                ) and _literal(message):
                    offenders.append(f"{path.name}:{node.lineno} {name}")
    assert offenders == []
