"""Load time and peak memory of 1 MB catalogs: valid, with about 14,000 problems, and hostile.

    .venv/bin/python benchmarks/hostile.py [--size-kib 1024] [--repeat 3]

Each catalog is read by `read_catalog` (load, every check, the model) in a fresh Python
process, which reports the median wall time of `--repeat` reads and its own peak memory
(VmHWM: imports included). The target (issue 9): every 1 MB catalog loaded and fully
reported in under 1 s with under 200 MB peak memory. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]  # synthetic.py, shared with the tests

from synthetic import generate_catalog  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_MIB = 200

CHILD = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from errcat import Schema, read_catalog
schema = Schema()
times, problems = [], 0
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    catalog, found = read_catalog(Path(sys.argv[1]), "catalog.yaml", schema=schema)
    times.append(time.perf_counter() - started)
    problems = len(found)
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"seconds": statistics.median(times), "problems": problems, "peak_kib": peak,
                  "accepted": catalog is not None}))
"""


def fill(size: int, unit: str, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def valid(size: int) -> str:
    codes = 1000
    while len(text := generate_catalog(codes)) < size:
        codes = int(codes * size / len(text)) + 1
    return text


def many_problems(size: int, padding: int = 0) -> str:
    """Entries with four mistakes each: a quoted code, a misspelt key (so a missing field)
    and a bad status; `padding` characters of text in each make the file longer."""
    entry = (
        '      - code: "{n}"\n        message: M{n}\n        descripton: D'
        + "x" * padding
        + ".\n        status: retired\n"
    )
    head = "categories:\n  - id: general\n    title: General\n    codes:\n"
    parts, n = [head], 0
    while sum(map(len, parts)) < size:
        parts.append(entry.format(n=n))
        n += 1
    return "".join(parts)


def entry_head() -> str:
    return (
        "categories:\n  - id: general\n    title: General\n    codes:\n"
        "      - code: 1\n        message: M\n        description: D\n"
    )


HOSTILE: dict[str, Callable[[int], str | bytes]] = {
    "valid (synthetic, ~8,300 codes)": valid,
    "about 14,000 problems": lambda size: many_problems(size, padding=int(size / 3500) - 100),
    "about 46,000 problems (4 in every 23 bytes)": many_problems,
    "aliases: one anchor, 1 MB of *a": lambda size: fill(size, "*a, ", "a: &a [x]\nb: [", "]\n"),
    "billion laughs, 9 levels": lambda size: (
        "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10))
        + fill(size, "#", "", "\n")
    ),
    "nesting: 1 MB of [": lambda size: fill(size, "[", "a: "),
    "see_also of 200,000 numbers, all repeated": lambda size: fill(
        size, "1, ", entry_head() + "        see_also: [", "]\n"
    ),
    "see_also of mixed values, all repeated": lambda size: fill(
        size, "[1], a, ", entry_head() + "        see_also: [", "]\n"
    ),
    "one 1 MB message": lambda size: fill(
        size,
        "x",
        "categories:\n  - id: a\n    title: t\n    codes:\n      - code: 1\n        description: d\n        message: ",
    ),
    "1 MB of NUL, one a line": lambda size: fill(size, "\x00\n"),
    "1 MB of invalid UTF-8 bytes": lambda size: b"a: " + b"\xff\n" * (size // 2),
    "unknown keys: 50,000 of them": lambda size: entry_head() + "".join(f"        x{n}: 1\n" for n in range(50000)),
    "duplicate keys: 100,000 of them": lambda size: fill(size, "        description: d\n", entry_head()),
    "U+2028 in every line": lambda size: fill(size, "# \u2028\n"),
    "300-digit codes": lambda size: fill(
        size,
        "      - code: " + "9" * 300 + "\n        message: M\n        description: D\n",
        "categories:\n  - id: a\n    title: t\n    codes:\n",
    ),
    "tags and merge keys": lambda size: fill(size, "- !!python/object:os.system {<<: {a: 1}}\n", "categories:\n"),
    # code_pattern (A+)+$, which a backtracking engine takes hours over on AAA...AB; 1 MB of
    # 64-character codes that almost match it.
    "code_pattern (A+)+$, 1 MB of codes AAA...AB": lambda size: (
        'code_type: text\ncode_pattern: "(A+)+$"\ncategories:\n  - id: a\n    title: t\n    codes:\n'
        + "".join(
            f"      - code: {'A' * (63 - len(str(n)))}{n}B\n        message: M\n        description: D\n"
            for n in range(size // 120)
        )
    ),
}


def measure(data: bytes, repeat: int, where: Path) -> dict[str, float]:
    path = where / "catalog.yaml"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(repeat), str(ROOT / "hooks")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"the read raised:\n{result.stderr}")
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kib", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    size = arguments.size_kib * 1024
    rows, worst_seconds, worst_mib = [], 0.0, 0.0
    with tempfile.TemporaryDirectory(prefix="errcat-hostile-") as scratch:
        for name, make in HOSTILE.items():
            made = make(size)
            data = made if isinstance(made, bytes) else made.encode("utf-8", errors="surrogatepass")
            figures = measure(data, arguments.repeat, Path(scratch))
            mib = figures["peak_kib"] / 1024
            worst_seconds, worst_mib = max(worst_seconds, figures["seconds"]), max(worst_mib, mib)
            outcome = "accepted" if figures["accepted"] else f"{figures['problems']:,} problems"
            rows.append(
                f"| {name} | {len(data) / 1024:,.0f} KiB | {outcome} | {figures['seconds']:.3f} s | {mib:.0f} MiB |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    met = worst_seconds < TARGET_SECONDS and worst_mib < TARGET_MIB
    print("| catalog | size | result | read and report (median) | peak memory |")
    print("|---|---:|---|---:|---:|")
    print("\n".join(rows))
    print(
        f"\nTarget: every catalog read and fully reported in under {TARGET_SECONDS:g} s with under"
        f" {TARGET_MIB} MiB peak: worst {worst_seconds:.3f} s and {worst_mib:.0f} MiB,"
        f" {'met' if met else '**missed**'}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
