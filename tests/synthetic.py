"""Synthetic catalogs in the real schema, with lengths like the real catalog's.

The real catalog's messages average 26 characters (15% joined by underscores), its
descriptions 41, its category titles 23. The generator keeps those averages, adds an
example to one code in ten, a see_also to one in ten and inline Markdown (backticks,
emphasis) to one description in ten, so that both of the renderer's paths are used.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

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


def generate_catalog(codes: int, categories: int = 20, seed: int = 1, code_type: str = "integer") -> str:
    """YAML text of a catalog with `codes` codes spread evenly over `categories`.

    With code_type "text", codes are words and numbers, such as TOKEN_10001.
    """
    rng = random.Random(seed)
    lines = ["code_type: text", "categories:"] if code_type == "text" else ["categories:"]
    number = 10001
    per_category = [codes // categories + (1 if i < codes % categories else 0) for i in range(categories)]
    all_codes: list[int | str] = []
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
            code: int | str = f"{rng.choice(WORDS).upper()}_{number}" if code_type == "text" else number
            lines += [
                f"      - code: {code}",
                f"        message: {json.dumps(message)}",
                f"        description: {json.dumps(description)}",
            ]
            if rng.random() < 0.1:
                example = f"Sending a {rng.choice(WORDS)} to a {rng.choice(WORDS)} that {rng.choice(VERBS)}."
                lines += ["        examples:", f"          - {json.dumps(example)}"]
            if all_codes and rng.random() < 0.1:
                lines.append(f"        see_also: [{rng.choice(all_codes)}]")
            all_codes.append(code)
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
                mistakes += 1  # an unknown field (a description is optional: leaving it out is no mistake)
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


def synthetic_history(repo: Path, commits: int, codes: int, seed: int = 1) -> list[str]:
    """A git repository at `repo` whose catalog.yaml has `commits` commits, towards a
    catalog of `codes` codes: the first commit has three quarters of them, then each
    commit adds the next code (every other commit, while some are left) or changes one
    (a description reworded, a message changed, a code deprecated), one commit a day from
    2026-01-01. Returns the catalog texts, in order.

    Written with `git fast-import`: hundreds of commits take a second, not minutes.
    """
    rng = random.Random(seed)
    # No see_also: it could name a code not yet added.
    full = re.sub(r"^        see_also: .*\n", "", generate_catalog(codes, seed=seed), flags=re.M)
    blocks = full.split("      - code: ")
    head, entries = blocks[0], ["      - code: " + block for block in blocks[1:]]
    # Each entry ends where the next begins; category headers sit at the end of an entry.
    # Every fourth code comes later, one a commit: no category is ever empty.
    hidden = [index for index in range(len(entries)) if index % 4 == 3]
    texts = []
    current = entries[:]

    def catalog_text() -> str:
        kept = []
        for index, entry in enumerate(current):
            if index not in hidden:
                kept.append(entry)
            elif "  - id: " in entry:  # keep the category header that follows a hidden code
                kept.append(entry[entry.index("  - id: ") :])
        return head + "".join(kept)

    texts.append(catalog_text())
    for number in range(1, commits):
        if hidden and number % 2 == 1:
            hidden.pop(0)
        else:
            index = rng.choice([index for index in range(len(entries)) if index not in hidden])
            entry = current[index]
            kind = number % 3
            if kind == 0:
                entry = entry.replace('description: "', f'description: "Reworded {number}. ', 1)
            elif kind == 1:
                entry = re.sub(r'message: "([^"]*)"', rf'message: "\1_{number}"', entry, count=1)
            elif "status:" not in entry:
                first_line_end = entry.index("\n", entry.index("description:")) + 1
                entry = entry[:first_line_end] + "        status: deprecated\n" + entry[first_line_end:]
            current[index] = entry
        texts.append(catalog_text())
    repo.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    stream = []
    for number, text in enumerate(texts):
        data = text.encode("utf-8")
        when = 1767225600 + number * 86400  # 2026-01-01, one commit a day
        message = f"Catalog change {number + 1}".encode()
        stream.append(
            b"commit refs/heads/main\n"
            + f"committer Bench <bench@example.org> {when} +0000\n".encode()
            + f"data {len(message)}\n".encode()
            + message
            + b"\n"
            + f"M 100644 inline catalog.yaml\ndata {len(data)}\n".encode()
            + data
            + b"\n"
        )
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main"], check=True)
    return texts
