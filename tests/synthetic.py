"""Synthetic catalogs in the real schema, with lengths like the real catalog's.

The real catalog's messages average 26 characters (15% joined by underscores), its
descriptions 41, its category titles 23. The generator keeps those averages, adds an
example to one code in ten, a see_also to one in ten and inline Markdown (backticks,
emphasis) to one description in ten, so that both of the renderer's paths are used.
"""

from __future__ import annotations

import json
import random

WORDS = [
    "access",
    "account",
    "action",
    "agent",
    "alarm",
    "api",
    "archive",
    "call",
    "channel",
    "check",
    "checkin",
    "checkout",
    "code",
    "conference",
    "connection",
    "contact",
    "conversation",
    "data",
    "destination",
    "download",
    "error",
    "extension",
    "file",
    "format",
    "function",
    "interface",
    "ivr",
    "language",
    "limit",
    "message",
    "number",
    "operation",
    "organization",
    "parameter",
    "participant",
    "permission",
    "phonebook",
    "prompt",
    "queue",
    "rate",
    "recipient",
    "recording",
    "relation",
    "request",
    "role",
    "session",
    "system",
    "task",
    "template",
    "time",
    "token",
    "trunk",
    "type",
    "version",
    "wakeup",
]
STATES = [
    "NOT EXISTED",
    "NOT FOUND",
    "EXPIRED",
    "FORBIDDEN",
    "EXCEEDED",
    "UNSUPPORTED",
    "DISABLED",
    "INVALID",
    "CLOSED",
    "BLOCKED",
]
VERBS = [
    "does not exist",
    "has expired",
    "is not allowed",
    "has reached the limit",
    "is not supported",
    "is disabled",
    "is invalid",
]


def generate_catalog(codes: int, categories: int = 20, seed: int = 1) -> str:
    """YAML text of a catalog with `codes` codes spread evenly over `categories`."""
    rng = random.Random(seed)
    lines = ["categories:"]
    number = 10001
    per_category = [codes // categories + (1 if i < codes % categories else 0) for i in range(categories)]
    all_codes: list[int] = []
    for index, count in enumerate(per_category):
        title = f"{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)} {index + 1}"
        lines += [
            f"  - id: category-{index + 1}",
            f"    title: {title}",
            f"    description: Codes about {rng.choice(WORDS)}s and {rng.choice(WORDS)}s.",
            "    codes:",
        ]
        for _ in range(count):
            words = [rng.choice(WORDS).upper() for _ in range(rng.randint(1, 2))] + rng.choice(STATES).split()
            message = ("_" if rng.random() < 0.15 else " ").join(words)
            subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2)))
            description = f"The {subject} {rng.choice(VERBS)}."
            if rng.random() < 0.1:
                description = f"The `{rng.choice(WORDS)}` {subject} *{rng.choice(VERBS)}*."
            lines += [
                f"      - code: {number}",
                f"        message: {json.dumps(message)}",
                f"        description: {json.dumps(description)}",
            ]
            if rng.random() < 0.1:
                example = f"Sending a {rng.choice(WORDS)} to a {rng.choice(WORDS)} that {rng.choice(VERBS)}."
                lines += ["        examples:", f"          - {json.dumps(example)}"]
            if all_codes and rng.random() < 0.1:
                lines.append(f"        see_also: [{rng.choice(all_codes)}]")
            all_codes.append(number)
            number += rng.randint(1, 3)
    return "\n".join(lines) + "\n"


def break_catalog(text: str, every: int = 50) -> tuple[str, int]:
    """The catalog with a mistake in every `every`-th code: (text, number of mistakes).

    Mistakes cycle through a misspelt key, a quoted code, an empty message and a
    duplicate code, so that every kind of check has work to do.
    """
    lines = text.splitlines()
    mistakes = 0
    seen = 0
    previous_code = None
    for i, line in enumerate(lines):
        if not line.startswith("      - code: "):
            continue
        seen += 1
        code = line.split(": ", 1)[1]
        if seen % every == 0:
            kind = mistakes % 4
            if kind == 0:
                lines[i + 2] = lines[i + 2].replace("description:", "descripton:")
                mistakes += 2  # unknown field, and the missing description it leaves
            elif kind == 1:
                lines[i] = f'      - code: "{code}"'
                mistakes += 1
            elif kind == 2:
                lines[i + 1] = '        message: ""'
                mistakes += 1
            elif previous_code is not None:
                lines[i] = f"      - code: {previous_code}"
                mistakes += 1
        previous_code = code
    return "\n".join(lines) + "\n", mistakes
