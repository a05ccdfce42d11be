"""Build and lookup at scale: the hook's site against static pages, and the index filter.

    .venv/bin/python benchmarks/bench.py                 # 100, 1,000 and 10,000 codes
    .venv/bin/python benchmarks/bench.py --sizes 100000  # the large option
    .venv/bin/python benchmarks/bench.py --smoke         # seconds: what the test suite runs

Prints one Markdown report and writes it to benchmarks/results.md (or --output). Builds
of the two variants are interleaved, each a whole `mkdocs build --strict` process, and
figures are medians: absolute times on shared machines drift, ratios less so.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The package, and the helpers the tests use too (tests/sitecheck.py, browser.py,
# synthetic.py): the benchmark and the tests share them, and neither imports the other.
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from browser import CHROMIUM  # noqa: E402
from errcat import read_catalog  # noqa: E402
from errcat.paths import Urls  # noqa: E402
from errcat.render import INDEX_MARKER  # noqa: E402
from errcat.site import build_site  # noqa: E402
from sitecheck import make_project  # noqa: E402
from synthetic import break_catalog, generate_catalog  # noqa: E402

SITE_URL = "https://pbx-docs.github.io/error-codes/"
TARGETS = {
    "build_ratio": 1.10,
    "hook_share": 0.05,
    "growth": 12.0,
    "validation_seconds": 1.0,
    "filter_median_ms": 16.0,
    "filter_p95_ms": 50.0,
    "load_ratio": 1.2,
    "bytes_per_code": 250,
}


@dataclass
class Size:
    codes: int
    builds: dict[str, list[float]] = field(default_factory=lambda: {"hook": [], "static": []})
    memory: dict[str, list[float]] = field(default_factory=lambda: {"hook": [], "static": []})
    hook_phases: dict[str, float] = field(default_factory=dict)
    validation: tuple[float, int, int] | None = None
    sizes: dict[str, float] = field(default_factory=dict)
    filter_ms: list[float] = field(default_factory=list)
    frame_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    loads: dict[str, list[float]] = field(default_factory=lambda: {"index": [], "no-script": [], "plain": []})


# --- projects ----------------------------------------------------------------------


def hook_project(where: Path, catalog_text: str) -> Path:
    return make_project(where, catalog_text)


def static_project(where: Path, catalog_text: str) -> Path:
    """The same site as hand-written files: every page the hook would generate, on disk,
    and an mkdocs.yml with no hook."""
    project = make_project(where, catalog_text)
    shutil.rmtree(project / "hooks")
    docs = project / "docs"
    build = build_site(project, docs, Urls(), SITE_URL)
    catalog = build.catalog
    assert catalog is not None, build.problems
    for generated in build.files:
        (docs / generated.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / generated.path).write_text(generated.content, encoding="utf-8")
    index = docs / "index.md"
    table = build.index_table
    index.write_text(index.read_text(encoding="utf-8").replace(INDEX_MARKER, f"\n{table}\n"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n  - hooks/errcat_hook.py\n", "\n", config)
    config = config.replace("  - hooks/errcat/catalog.schema.json\n", "")
    nav = "".join(f"  - {json.dumps(category.title)}: {category.id}.md\n" for category in catalog.categories)
    config = config.replace("  - Error codes: index.md\n", "  - Error codes: index.md\n" + nav)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


# `mkdocs build`, reporting its own peak memory as it exits. The kernel's ru_maxrss of a
# child counts the parent's pages it was forked with; VmHWM is the new program's own.
MKDOCS_MEASURED = """
import atexit, os, sys
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(peak)
atexit.register(report)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def timed_build(project: Path, site_dir: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one whole `mkdocs build` process."""
    peak_file = site_dir.with_suffix(".peak")
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONDONTWRITEBYTECODE="1",
        SITE_URL=SITE_URL,
        BENCH_PEAK_FILE=str(peak_file),
    )
    command = [sys.executable, "-c", MKDOCS_MEASURED, "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}")
    return elapsed, int(peak_file.read_text()) / 1024


# --- the hook's own work --------------------------------------------------------------


def hook_phases(project: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each step of the hook's build_site, run in this process."""
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        build = build_site(project, project / "docs", Urls(), SITE_URL)  # each build renders afresh
        assert not build.problems, build.problems[:3]
        for name, seconds in build.timings.items():
            samples.setdefault(name, []).append(seconds)
    phases = {name: statistics.median(values) for name, values in samples.items()}
    phases["total"] = sum(phases.values())
    return phases


def profile_hook(project: Path, top: int = 12) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    build_site(project, project / "docs", Urls(), SITE_URL)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def validation_with_errors(catalog_text: str, where: Path) -> tuple[float, int, int]:
    broken, planted = break_catalog(catalog_text)
    path = where / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    start = time.perf_counter()
    _, problems = read_catalog(path)
    return time.perf_counter() - start, len(problems), planted


# --- sizes -----------------------------------------------------------------------------


def page_sizes(site: Path, codes: int) -> dict[str, float]:
    index = (site / "index.html").read_text(encoding="utf-8")
    start = index.index('<table class="errcat-index')
    end = index.index("</table>", start) + len("</table>")
    pages = [(path.stat().st_size, path) for path in site.rglob("*.html") if "codes" not in path.parts]
    largest = max(pages)
    return {
        "index_bytes": len(index.encode()),
        "table_bytes_per_code": len(index[start:end].encode()) / codes,
        "largest_page_bytes": largest[0],
        "largest_page": largest[1].relative_to(site).as_posix(),
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
        "catalog_json_bytes": (site / "catalog.json").stat().st_size,
    }


# --- the browser -------------------------------------------------------------------------

KEYS = (
    list("session") + ["Backspace"] * 7 + list("700") + ["Backspace"] * 3 + list("token expired") + ["Backspace"] * 13
)

MEASURE = """id => {
  window.__work = []; window.__frame = [];
  const input = document.getElementById(id);
  let start = 0;
  input.addEventListener('keydown', () => { start = performance.now(); }, true);
  // Registered after errcat.js's own listener, so it runs once the table is updated.
  input.addEventListener('input', () => {
    const began = start;
    document.body.getBoundingClientRect();  // style and layout of the new table
    window.__work.push(performance.now() - began);
    requestAnimationFrame(() => setTimeout(() => window.__frame.push(performance.now() - began), 0));
  });
}"""

# The floor: the same keystrokes in an input of the same page that filters nothing.
FLOOR_INPUT = """() => {
  const floor = document.createElement('input');
  floor.id = 'bench-floor';
  document.querySelector('.errcat-filter').after(floor);
}"""


def browser_figures(site: Path, size: Size, keystroke_rounds: int, loads: int) -> None:
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS, serve

    index = (site / "index.html").read_text(encoding="utf-8")
    no_script = re.sub(r'<script src="assets/errcat\.js[^"]*"></script>', "", index)
    assert no_script != index
    (site / "index-no-script.html").write_text(no_script, encoding="utf-8")
    start = index.index('<table class="errcat-index')
    table = index[start : index.index("</table>", start) + len("</table>")]
    (site / "plain-table.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        f"<title>Codes</title></head><body>{table}</body></html>",
        encoding="utf-8",
    )
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for field_id in ("bench-floor", "errcat-filter-input"):
            page.goto(base)
            page.wait_for_selector("#errcat-filter-input")
            page.evaluate(FLOOR_INPUT)
            page.evaluate(MEASURE, field_id)
            page.focus(f"#{field_id}")
            for _ in range(keystroke_rounds):
                for key in KEYS:
                    expected = page.evaluate("window.__frame.length") + 1
                    page.keyboard.press(key)
                    page.wait_for_function(f"window.__frame.length >= {expected}")
            if field_id == "bench-floor":
                size.floor_ms = page.evaluate("window.__work")
        size.filter_ms = page.evaluate("window.__work")
        size.frame_ms = page.evaluate("window.__frame")
        targets = {"index": "", "no-script": "index-no-script.html", "plain": "plain-table.html"}
        for _ in range(loads):
            for name, path in targets.items():  # interleaved
                page.goto("about:blank")
                page.goto(base + path, wait_until="load")
                size.loads[name].append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        browser.close()


# --- report ------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import markdown
    import mkdocs

    chromium = (
        subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()
        if CHROMIUM.exists()
        else "no Chromium"
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; Python {platform.python_version()},"
        f" MkDocs {mkdocs.__version__}, Markdown {markdown.__version__}; {chromium}"
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(sizes: list[Size], args: argparse.Namespace, profile: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {machine()}.",
        f"Command: `{' '.join(['.venv/bin/python', 'benchmarks/bench.py', *sys.argv[1:]])}`;"
        f" {args.repeat} interleaved build(s) per variant and size; medians.",
        "",
        "## Build",
        "",
        "| codes | hook build s | static build s | ratio | hook's own work s | share of build"
        " | peak MiB hook / static | validation with errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        hook, static = median(size.builds["hook"]), median(size.builds["static"])
        work = size.hook_phases["total"]
        seconds, reported, planted = size.validation
        lines.append(
            f"| {size.codes:,} | {hook:.2f} | {static:.2f} | {hook / static:.2f}x | {work:.3f} | {work / hook:.1%}"
            f" | {median(size.memory['hook']):.0f} / {median(size.memory['static']):.0f}"
            f" | {seconds:.3f} s, {reported} problems ({planted} planted) |"
        )
    lines += [
        "",
        "The hook's own work, by phase (seconds, median):",
        "",
        "| codes | load | validate | model | render |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        phases = size.hook_phases
        lines.append(
            f"| {size.codes:,} | {phases['load']:.3f} | {phases['schema'] + phases['validate']:.3f} |"
            f" {phases['model']:.3f} | {phases['render']:.3f} |"
        )
    lines += [
        "",
        "## Sizes",
        "",
        "| codes | index page | table bytes per code | largest page | search index | catalog.json |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        s = size.sizes
        lines.append(
            f"| {size.codes:,} | {s['index_bytes']:,} B | {s['table_bytes_per_code']:.0f}"
            f" | {s['largest_page_bytes']:,} B"
            f" ({s['largest_page']}) | {s['search_index_bytes']:,} B | {s['catalog_json_bytes']:,} B |"
        )
    browser_sizes = [size for size in sizes if size.filter_ms]
    if browser_sizes:
        lines += [
            "",
            "## Index filter in headless Chromium",
            "",
            "Keystroke to updated table: from `keydown` to the end of the style and layout of the",
            "filtered table. To next frame: until the frame that shows it has been produced, which",
            "adds the wait for the display's next frame. Floor: the same keystrokes in an input on",
            "the same page that filters nothing, i.e. what the browser spends on any keystroke there.",
            "Load: `loadEventEnd` of the index page, of the same page without errcat.js, and of",
            "the bare table as a plain HTML page.",
            "",
            "| rows | keystrokes | to updated table, median / p95 ms | floor, median / p95 ms"
            " | to next frame, median / p95 ms | load: index / no script / plain table ms | index vs plain"
            " | index vs no script |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size in browser_sizes:
            index, bare, plain = (median(size.loads[name]) for name in ("index", "no-script", "plain"))
            lines.append(
                f"| {size.codes:,} | {len(size.filter_ms)} | {median(size.filter_ms):.1f} / {p95(size.filter_ms):.1f}"
                f" | {median(size.floor_ms):.1f} / {p95(size.floor_ms):.1f}"
                f" | {median(size.frame_ms):.1f} / {p95(size.frame_ms):.1f} | {index:.0f} / {bare:.0f} / {plain:.0f}"
                f" | {index / plain:.2f}x | {index / bare:.2f}x |"
            )
    lines += ["", "## Targets", ""] + targets_section(sizes)
    if profile:
        lines += ["", "## Profile of the hook's own work at the largest size", "", "```text", profile.strip(), "```"]
    return "\n".join(lines) + "\n"


def targets_section(sizes: list[Size]) -> list[str]:
    by_codes = {size.codes: size for size in sizes}
    big = by_codes.get(10_000) or sizes[-1]
    hook, static = median(big.builds["hook"]), median(big.builds["static"])
    lines = [
        f"At {big.codes:,} codes:",
        "",
        f"- Build with the hook within {TARGETS['build_ratio']:.2f}x of the static baseline:"
        f" {hook / static:.2f}x, {verdict(hook / static <= TARGETS['build_ratio'])}.",
        f"- The hook's own work under {TARGETS['hook_share']:.0%} of the build:"
        f" {big.hook_phases['total'] / hook:.1%}, {verdict(big.hook_phases['total'] / hook < TARGETS['hook_share'])}.",
    ]
    if 1_000 in by_codes and big.codes == 10_000:
        growth = hook / median(by_codes[1_000].builds["hook"])
        lines.append(
            f"- 10,000 codes build in at most {TARGETS['growth']:.0f}x the time of 1,000: {growth:.1f}x,"
            f" {verdict(growth <= TARGETS['growth'])}."
        )
    seconds, reported, planted = big.validation
    lines.append(
        f"- Validation with errors under {TARGETS['validation_seconds']:.0f} s, reporting all:"
        f" {seconds:.3f} s for {reported} problems ({planted} planted),"
        f" {verdict(seconds < TARGETS['validation_seconds'] and reported >= planted)}."
    )
    per_code = big.sizes["table_bytes_per_code"]
    lines.append(
        f"- At most {TARGETS['bytes_per_code']} bytes of index HTML per code: {per_code:.0f},"
        f" {verdict(per_code <= TARGETS['bytes_per_code'])}."
    )
    browser_big = big if big.filter_ms else None
    if browser_big:
        med, tail = median(browser_big.filter_ms), p95(browser_big.filter_ms)
        index, plain = median(browser_big.loads["index"]), median(browser_big.loads["plain"])
        lines += [
            f"- Filter, keystroke to updated table, median under {TARGETS['filter_median_ms']:.0f} ms: {med:.1f} ms,"
            f" {verdict(med < TARGETS['filter_median_ms'])};"
            f" p95 under {TARGETS['filter_p95_ms']:.0f} ms: {tail:.1f} ms, {verdict(tail < TARGETS['filter_p95_ms'])}.",
            f"- Index page loads within {TARGETS['load_ratio']:.1f}x of the plain table: {index / plain:.2f}x,"
            f" {verdict(index / plain <= TARGETS['load_ratio'])}.",
        ]
    return lines


# --- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant and size")
    parser.add_argument("--browser-sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--keystroke-rounds", type=int, default=3, help=f"rounds of {len(KEYS)} keystrokes")
    parser.add_argument("--loads", type=int, default=7, help="page loads per variant")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--smoke", action="store_true", help="100 codes, one of everything: checks the script runs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.repeat, args.browser_sizes, args.keystroke_rounds, args.loads = [100], 1, [100], 1, 1
        if not CHROMIUM.exists():
            args.browser_sizes = []

    sizes = [Size(codes) for codes in args.sizes]
    with tempfile.TemporaryDirectory(prefix="errcat-bench-") as tmp:
        work = Path(tmp)
        projects = {}
        for size in sizes:
            text = generate_catalog(size.codes)
            projects[size.codes] = {
                "hook": hook_project(work / f"{size.codes}-hook", text),
                "static": static_project(work / f"{size.codes}-static", text),
            }
            size.hook_phases = hook_phases(projects[size.codes]["hook"], repeat=3)
            size.validation = validation_with_errors(text, work)
            print(f"{size.codes:>7,} codes: hook work {size.hook_phases['total']:.3f} s", file=sys.stderr)
        for round_number in range(args.repeat):
            for size in sizes:
                for variant in ("hook", "static"):
                    site = work / f"site-{size.codes}-{variant}"
                    shutil.rmtree(site, ignore_errors=True)
                    seconds, peak = timed_build(projects[size.codes][variant], site)
                    size.builds[variant].append(seconds)
                    size.memory[variant].append(peak)
                    print(
                        f"round {round_number + 1}: {size.codes:>7,} {variant:<6} {seconds:7.2f} s {peak:6.0f} MiB",
                        file=sys.stderr,
                    )
        for size in sizes:
            size.sizes = page_sizes(work / f"site-{size.codes}-hook", size.codes)
            if size.codes in args.browser_sizes:
                browser_figures(work / f"site-{size.codes}-hook", size, args.keystroke_rounds, args.loads)
        profile = "" if args.smoke else profile_hook(projects[sizes[-1].codes]["hook"])
    text = report(sizes, args, profile)
    print(text)
    if not args.smoke:
        args.output.write_text(text, encoding="utf-8")
        print(f"written to {args.output.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
