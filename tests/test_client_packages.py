"""`errcat client python|typescript`: packages that install with pip and npm and look codes up.

Packages of this site's catalog, of the text-code example and of a large synthetic catalog
(integers past 2^53 among them) are generated as a user would, with the command, in each
site's folder. The Python ones are installed into a fresh virtual environment without
errcat and the TypeScript ones into a scratch npm project; in each, every code of the
site's built catalog.json is looked up and compared, a user's file is type-checked
(`mypy --strict`, `tsc --strict` with `module: nodenext`), and hostile text and inherited
names are looked up. Node.js and TypeScript come from scripts/test (Debian's nodejs and
npm; typescript, pinned, into .cache/typescript); without them the TypeScript half is
skipped locally and fails under CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from sitecheck import ERRCAT, ROOT, Site, built_site, make_project, mkdocs_env, record_of

# One process makes and installs the packages once for the module (pytest-xdist, --dist loadgroup).
pytestmark = pytest.mark.xdist_group("client-packages")

TSC = ROOT / ".cache" / "typescript" / "node_modules" / ".bin" / "tsc"
EXAMPLE = ROOT / "examples" / "text-codes"
BIG = 2**53 + 1  # the first integer a JavaScript number cannot hold

# Text that would run, or end a string or a comment, if a generator pasted it into source.
HOSTILE_MESSAGES = [
    "Triple \"\"\" quotes and ''' too",
    "Back\\slash \\n \\u0041 and a trailing one \\",
    "${process.exit(1)} `${x}` #{x} %s {0}",
    "*/ alert(1) /* // -->",
    "</script><script>alert(1)</script>",
    "Ünïcödé ✓ 🚀 مرحبا 日本語 \u200b zero width",
    "\"double\" 'single' `back`",
]


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar too


def hostile_catalog() -> str:
    codes = ["constructor", "valueOf", "proto", "E_1", "hasownproperty", "x.y-z", "Z9"]
    entries = "".join(
        f"      - code: {code}\n        message: {quoted(message)}\n"
        f"        description: {quoted(message + ' (description)')}\n"
        f"        causes: [{quoted(message)}]\n"
        for code, message in zip(codes, HOSTILE_MESSAGES, strict=True)
    )
    title = quoted('Hostile """*/</script>')
    return f"code_type: text\ncategories:\n  - id: hostile\n    title: {title}\n    codes:\n{entries}"


def big_catalog(count: int = 2000) -> str:
    codes = [BIG + 7 * index for index in range(count // 2)] + [-(2**63) + index for index in range(count // 2)]
    return "categories:\n" + "".join(
        f"  - id: part-{part}\n    title: Part {part}\n    codes:\n"
        + "".join(
            f"      - code: {code}\n        message: BIG_{index}\n        description: Number {index}.\n"
            + ("        http_status: 404\n" if index % 3 == 0 else "")
            for index, code in list(enumerate(codes))[part::10]
        )
        for part in range(10)
    )


@dataclass(frozen=True)
class Made:
    """A site, its built catalog.json's codes, and its two packages."""

    name: str
    project: Path
    codes: list[dict[str, object]]
    python: Path
    typescript: Path
    written: tuple[Path, ...]  # the files errcat wrote (an install adds its own beside them)


def errcat_client(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ERRCAT, "client", *args], cwd=project, env=mkdocs_env(), capture_output=True, text=True)


def make_packages(name: str, project: Path, site: Site, out: Path) -> Made:
    codes = json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))["codes"]
    for language, package in (("python", f"{name}_errors"), ("typescript", f"{name}-errors")):
        done = errcat_client(project, language, str(out / language / name), "--name", package, "--version", "1.2.3")
        assert done.returncode == 0, done.stderr
    python, typescript = out / "python" / name, out / "typescript" / name
    written = tuple(path for folder in (python, typescript) for path in sorted(folder.rglob("*")) if path.is_file())
    return Made(name, project, codes, python, typescript, written)


@pytest.fixture(scope="module")
def ours(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    """The packages of this site: its real catalog."""
    return {"pbx": make_packages("pbx", ROOT, site, tmp_path_factory.mktemp("ours"))}


@pytest.fixture(scope="module")
def theirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    """The packages of the text-code example, of a large catalog and of a hostile one."""
    out = tmp_path_factory.mktemp("theirs")
    example = tmp_path_factory.mktemp("example") / "site"
    shutil.copytree(EXAMPLE, example)
    sites = {"example": (example, built_site(example, example.parent / "built"))}
    for name, text in (("big", big_catalog()), ("hostile", hostile_catalog())):
        project = make_project(tmp_path_factory.mktemp(name) / "project", text)
        sites[name] = (project, built_site(project, project.parent / "built"))
    return {name: make_packages(name, project, built, out) for name, (project, built) in sites.items()}


# --- Python ---------------------------------------------------------------------------------

PYTHON_CHECK = """
import importlib, json, sys
expected = json.load(open(sys.argv[1]))
for name, codes in expected.items():
    package = importlib.import_module(name)
    assert len(package.CODES) == len(codes), name
    for record in codes:
        entry = package.lookup(record["code"])
        assert entry is not None, record["code"]
        got = {"code": entry.code, "message": entry.message, "description": entry.description,
               "category": {"id": entry.category.id, "title": entry.category.title}, "status": entry.status,
               "url": entry.url, "http_status": entry.http_status, "causes": list(entry.causes),
               "solutions": list(entry.solutions)}
        want = {key: record[key] for key in got if key != "url"}
        want["url"] = record["permalink"]
        assert got == want, (got, want)
        assert package.CODES[record["code"]] is entry
        if isinstance(record["code"], int):
            assert package.lookup(str(record["code"])) is entry
            assert package.lookup("0" + str(abs(record["code"]))) is not entry
        # The site's field or a plain `code`, at the top level or under `error` (Stripe's shape).
        code = record["code"]
        for body in (
            {package.CODE_FIELD: code},
            {"code": code},
            {"error": {"code": code, "type": "card_error"}},
            {"code": "no such code", "error": {package.CODE_FIELD: code}},
        ):
            assert package.from_response(body) is entry and package.from_response(json.dumps(body)) is entry, body
    for unknown in ("toString", "__proto__", "hasOwnProperty", "__class__", "", None, True, 1.5, [], "x" * 100):
        assert package.lookup(unknown) is None, unknown
    assert package.from_response("not json") is None and package.from_response("[1]") is None
    print(name, len(codes))
"""

CLIENTS_PAGE = ROOT / "docs" / "clients.md"


def page_example(fence: str) -> str:
    """The example of docs/clients.md in a ```<fence> block: what a user copies, tested as it is."""
    blocks = re.findall(rf"^```{fence}\n(.*?)^```", CLIENTS_PAGE.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"one {fence} example expected in {CLIENTS_PAGE.name}"
    return blocks[0]


def fresh_venv(made: dict[str, Made], where: Path) -> Path:
    """A fresh virtual environment with these Python packages and nothing of errcat: its python."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    packages = [str(package.python) for package in made.values()]
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return python


@pytest.fixture(scope="module")
def venv(ours: dict[str, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(ours, tmp_path_factory.mktemp("venv") / "venv")


@pytest.fixture(scope="module")
def their_venv(theirs: dict[str, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(theirs, tmp_path_factory.mktemp("their-venv") / "venv")


def check_every_code_in_python(made: dict[str, Made], python: Path, scratch: Path) -> None:
    expected = scratch / "expected.json"
    expected.write_text(json.dumps({f"{name}_errors": m.codes for name, m in made.items()}), encoding="utf-8")
    done = subprocess.run([str(python), "-c", PYTHON_CHECK, str(expected)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.split()[::2]) == sorted(f"{name}_errors" for name in made)
    no_errcat = subprocess.run([str(python), "-c", "import errcat"], capture_output=True, text=True)
    assert "No module named 'errcat'" in no_errcat.stderr


def test_this_sites_python_package_installs_without_errcat_and_finds_every_code(ours, venv: Path, tmp_path: Path):
    check_every_code_in_python(ours, venv, tmp_path)


def test_the_example_large_and_hostile_python_packages_find_every_code(theirs, their_venv: Path, tmp_path: Path):
    check_every_code_in_python(theirs, their_venv, tmp_path)


def test_a_users_file_passes_mypy_strict(venv: Path, tmp_path: Path):
    user = tmp_path / "user.py"
    user.write_text(page_example("py"), encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(venv)]
    done = subprocess.run([*mypy, str(user)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    wrong = tmp_path / "wrong.py"
    wrong.write_text("import pbx_errors\nmessage: str = pbx_errors.lookup(70093).message\n", encoding="utf-8")
    done = subprocess.run([*mypy, str(wrong)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 1 and 'Item "None" of "ErrorEntry | None" has no attribute "message"' in done.stdout
    ran = subprocess.run([str(venv), str(user)], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert "'type': 'https://pbx-docs.github.io/error-codes/codes/70093/'" in ran.stdout


def test_hostile_text_comes_back_from_python_as_written(theirs, their_venv: Path):
    script = (
        "import json, sys, hostile_errors as h\n"
        "out = {code: [h.lookup(code).message, h.lookup(code).description, list(h.lookup(code).causes),"
        " h.lookup(code).category.title] for code in h.CODES}\n"
        "print(json.dumps(out))"
    )
    done = subprocess.run([str(their_venv), "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [found[code][0] for code in found] == HOSTILE_MESSAGES
    # Descriptions and causes are Markdown, given as plain text: as catalog.json gives them.
    records = {record["code"]: record for record in theirs["hostile"].codes}
    assert all(
        [found[code][1], found[code][2]] == [records[code]["description"], records[code]["causes"]] for code in found
    )
    assert found["constructor"][3] == 'Hostile """*/</script>'
    module = (theirs["hostile"].python / "hostile_errors" / "__init__.py").read_text(encoding="utf-8")
    assert not any(message in module for message in HOSTILE_MESSAGES)  # data, never code


# --- TypeScript -----------------------------------------------------------------------------

NODE_CHECK = """
import { readFileSync } from "node:fs";
const expected = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = {};
for (const [name, codes] of Object.entries(expected)) {
  const m = await import(name);
  if (m.codes.size !== codes.length) throw new Error(`${name}: ${m.codes.size} codes`);
  for (const record of codes) {
    const code = String(record.code);
    const entry = m.lookup(code);
    if (!entry) throw new Error(`${name}: no ${code}`);
    const got = JSON.stringify([entry.code, entry.message, entry.description, entry.category, entry.status,
      entry.url, entry.http_status, entry.causes, entry.solutions]);
    const want = JSON.stringify([code, record.message, record.description, record.category, record.status,
      record.permalink, record.http_status, record.causes, record.solutions]);
    if (got !== want) throw new Error(`${name}: ${got} != ${want}`);
    if (m.codes.get(code) !== entry || !Object.isFrozen(entry)) throw new Error(`${name}: ${code} mapping`);
    if (record.integer) {
      const big = BigInt(code);
      if (m.lookup(big) !== entry) throw new Error(`${name}: bigint ${code}`);
      const number = Number(code);
      if (Number.isSafeInteger(number) ? m.lookup(number) !== entry : m.lookup(number) !== undefined)
        throw new Error(`${name}: number ${code}`);
    }
    // The site's field or a plain `code`, at the top level or under `error` (Stripe's shape).
    const value = record.integer ? code : JSON.stringify(code);
    for (const body of [`{"${m.codeField}": ${value}, "x": 1}`, `{"code": ${value}}`,
                        `{"error": {"code": ${value}, "type": "card_error"}}`,
                        `{"code": "no such code", "error": {"${m.codeField}": ${value}}}`]) {
      if (m.fromResponse(body) !== entry) throw new Error(`${name}: response ${body}`);
      if (!record.integer || Number.isSafeInteger(Number(code))) {
        if (m.fromResponse(JSON.parse(body)) !== entry) throw new Error(`${name}: object ${body}`);
      }
    }
  }
  const unknown = ["toString", "__proto__", "hasOwnProperty", "valueOf", "", "x".repeat(100), null, undefined, 1.5, {}];
  for (const value of unknown) {
    if (codes.some((record) => String(record.code) === value)) continue;
    if (m.lookup(value) !== undefined) throw new Error(`${name}: ${String(value)} is not a code`);
  }
  if (m.fromResponse("not json") !== undefined || m.fromResponse("[1]") !== undefined) throw new Error("bad body");
  results[name] = codes.length;
}
console.log(JSON.stringify(results));
"""


def require_typescript() -> None:
    missing = [what for what, path in (("node", shutil.which("node")), ("npm", shutil.which("npm"))) if not path]
    missing += [] if TSC.exists() else [f"typescript at {TSC}"]
    if missing:
        message = f"{', '.join(missing)} missing: scripts/test installs them"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


def npm_install(made: dict[str, Made], project: Path) -> Path:
    """A scratch npm project with these packages installed from their folders, as npm installs a package."""
    require_typescript()
    project.mkdir()
    (project / "package.json").write_text('{"name": "user", "private": true, "type": "module"}\n', encoding="utf-8")
    packages = [str(package.typescript) for package in made.values()]
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--install-links", *packages],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture(scope="module")
def npm_project(ours: dict[str, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return npm_install(ours, tmp_path_factory.mktemp("npm") / "user")


@pytest.fixture(scope="module")
def their_npm_project(theirs: dict[str, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return npm_install(theirs, tmp_path_factory.mktemp("their-npm") / "user")


def check_every_code_in_node(made: dict[str, Made], project: Path) -> None:
    expected = project / "expected.json"
    # Codes as strings, with their kind: JSON.parse would round the integers past 2^53.
    as_text = {
        f"{name}-errors": [
            {**record, "code": str(record["code"]), "integer": isinstance(record["code"], int)} for record in m.codes
        ]
        for name, m in made.items()
    }
    expected.write_text(json.dumps(as_text), encoding="utf-8")
    (project / "check.mjs").write_text(NODE_CHECK, encoding="utf-8")
    done = subprocess.run(["node", "check.mjs", str(expected)], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {f"{name}-errors": len(m.codes) for name, m in made.items()}


def test_this_sites_typescript_package_installs_with_npm_and_finds_every_code_in_node(ours, npm_project: Path):
    check_every_code_in_node(ours, npm_project)


def test_the_example_large_and_hostile_typescript_packages_find_every_code_in_node(theirs, their_npm_project: Path):
    check_every_code_in_node(theirs, their_npm_project)


def test_a_users_file_passes_tsc_strict_with_nodenext_and_runs(ours, npm_project: Path):
    (npm_project / "user.ts").write_text(page_example("ts"), encoding="utf-8")
    config = {
        "compilerOptions": {
            "strict": True,
            "module": "nodenext",
            "moduleResolution": "nodenext",
            "target": "es2022",
            "outDir": "out",
            "types": [],
        },
        "files": ["user.ts"],
    }
    (npm_project / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run([str(TSC), "-p", "."], cwd=npm_project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    ran = subprocess.run(["node", "out/user.js"], cwd=npm_project, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    # 70093 is a published code: never deleted, whatever a pull request does to its entry.
    record = next(record for record in ours["pbx"].codes if record["code"] == 70093)
    problem, url = ran.stdout.splitlines()
    assert json.loads(problem) == {
        "type": record["permalink"],
        "title": record["message"],
        "status": 404,
        "detail": record["description"],
        "errcode": 70093,
    }
    assert url == record["permalink"]
    (npm_project / "user.ts").write_text('import { lookup } from "pbx-errors";\nconst m: string = lookup(1).message;\n')
    wrong = subprocess.run([str(TSC), "-p", "."], cwd=npm_project, capture_output=True, text=True, timeout=300)
    assert wrong.returncode != 0 and "possibly 'undefined'" in wrong.stdout  # the type says: or undefined


def test_hostile_text_comes_back_from_node_as_written(theirs, their_npm_project: Path):
    script = (
        'import { codes } from "hostile-errors";\n'
        "console.log(JSON.stringify([...codes.values()].map(e => [e.code, e.message, e.description,"
        " e.causes, e.category.title])));\n"
    )
    (their_npm_project / "hostile.mjs").write_text(script, encoding="utf-8")
    done = subprocess.run(["node", "hostile.mjs"], cwd=their_npm_project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [entry[1] for entry in found] == HOSTILE_MESSAGES
    assert [entry[0] for entry in found][:3] == ["constructor", "valueOf", "proto"]
    records = {record["code"]: record for record in theirs["hostile"].codes}
    assert all(
        [entry[2], entry[3]] == [records[entry[0]]["description"], records[entry[0]]["causes"]] for entry in found
    )
    for name in ("index.js", "index.d.ts"):
        text = (theirs["hostile"].typescript / name).read_text(encoding="utf-8")
        assert not any(message in text for message in HOSTILE_MESSAGES), name  # data, never code
    # The data is one string literal of ASCII, parsed at import: nothing in it can end it.
    data = (theirs["hostile"].typescript / "data.js").read_text(encoding="utf-8")
    assert data.isascii()
    assert re.fullmatch(r'// [^\n]*\nexport default JSON\.parse\("(?:[^"\\\n]|\\.)*"\);\n', data)


# --- the command's refusals and its version -------------------------------------------------


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    project = make_project(
        tmp_path / "site",
        "categories:\n  - id: a\n    title: A\n    codes:\n"
        "      - code: 1\n        message: M\n        description: D.\n",
    )
    return project


@pytest.mark.parametrize(
    "language, name, rule",
    [
        ("python", "Bad-Name", "lower-case letters, digits and underscores"),
        ("python", "class", "not a Python keyword"),
        ("python", "1errors", "starting with a letter"),
        ("typescript", "Bad", "lower-case letters"),
        ("typescript", ".hidden", "starting with a letter or digit"),
        ("typescript", "a b", "@team/name"),
        ("typescript", "x" * 215, "at most 214 characters"),
    ],
)
def test_a_name_that_is_not_a_package_name_is_refused_with_the_rule(small_site: Path, language, name, rule):
    done = errcat_client(small_site, language, "out", "--name", name, "--version", "1.0.0")
    assert done.returncode == 1 and rule in done.stderr and "Traceback" not in done.stderr
    assert not (small_site / "out").exists()


def test_a_folder_with_files_is_refused_unless_forced(small_site: Path):
    (small_site / "out").mkdir()
    (small_site / "out" / "mine.txt").write_text("keep me")
    done = errcat_client(small_site, "python", "out", "--name", "errors", "--version", "1.0.0")
    assert done.returncode == 1 and "is not empty" in done.stderr and "--force" in done.stderr
    done = errcat_client(small_site, "python", "out", "--name", "errors", "--version", "1.0.0", "--force")
    assert done.returncode == 0, done.stderr
    assert (small_site / "out" / "errors" / "data.json").is_file()


def test_a_folder_that_is_not_an_errcat_site_is_refused(tmp_path: Path):
    done = errcat_client(tmp_path, "python", "out", "--name", "errors", "--version", "1.0.0")
    assert done.returncode == 1 and "no mkdocs.yml or mkdocs.yaml here" in done.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\nsite_url: https://example.org/\nplugins:\n  - search\n")
    done = errcat_client(tmp_path, "typescript", "out", "--name", "errors", "--version", "1.0.0")
    assert done.returncode == 1 and "does not use errcat" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_catalog_with_problems_is_refused_as_errcat_check_refuses_it(small_site: Path):
    (small_site / "catalog.yaml").write_text("categories:\n  - id: a\n    title: A\n    codes: []\n")
    done = errcat_client(small_site, "python", "out", "--name", "errors", "--version", "1.0.0")
    assert (
        done.returncode == 1 and done.stderr.startswith("the error-code catalog has") and "catalog.yaml:" in done.stderr
    )


def test_the_version_comes_from_the_catalogs_last_commit_and_grows(small_site: Path):
    def git(*args: str, when: str) -> None:
        env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="a")
        env.update(GIT_COMMITTER_EMAIL="a@example.org", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        subprocess.run(["git", *args], cwd=small_site, env=env, check=True, capture_output=True)

    done = errcat_client(small_site, "typescript", "out", "--name", "errors")
    assert done.returncode == 1 and "pass --version" in done.stderr  # no history yet
    git("init", "-q", "-b", "main", when="2026-01-01T00:00:00Z")
    git("add", "-A", when="2026-01-01T00:00:00Z")
    git("commit", "-q", "-m", "first", when="2026-03-04T05:06:07Z")
    versions = []
    for when in ("2026-03-04T05:06:07Z", "2026-03-04T23:59:59Z", "2026-12-31T00:00:01Z", "2027-01-01T00:00:00Z"):
        if versions:
            text = (
                small_site / "catalog.yaml"
            ).read_text() + f"      - code: {len(versions) + 1}\n        message: N\n"
            (small_site / "catalog.yaml").write_text(text + "        description: D.\n")
            (small_site / "published-codes.txt").write_text(record_of(small_site / "catalog.yaml"))
            git("commit", "-qam", when, when=when)
        done = errcat_client(small_site, "python", "out", "--name", "errors", "--force")
        assert done.returncode == 0, done.stderr
        versions.append(re.fullmatch(r"wrote the python package errors (\S+) into .*\n", done.stdout, re.S).group(1))
    assert versions == ["2026.304.50607", "2026.304.235959", "2026.1231.1", "2027.101.0"]
    assert versions == sorted(versions, key=lambda version: tuple(map(int, version.split("."))))
    pyproject = (small_site / "out" / "pyproject.toml").read_text()
    assert 'version = "2027.101.0"' in pyproject


def test_the_workflow_of_errcat_new_attaches_both_packages_to_a_release_when_asked(tmp_path: Path):
    from errcat.commands.scaffold import PAGES_WORKFLOW

    workflow = yaml.load(PAGES_WORKFLOW, Loader=yaml.BaseLoader)
    assert workflow["on"]["release"]["types"] == ["published"]
    job = workflow["jobs"]["clients"]
    # Off by default: only a repository that sets the variable gets the packages.
    assert job["if"] == "github.event_name == 'release' && vars.ERRCAT_CLIENT_PACKAGES == 'true'"
    assert workflow["jobs"]["build"]["if"] == "github.event_name != 'release'"
    assert job["steps"][-1]["run"] == 'gh release upload "$TAG" dist/release/*'
    # The steps that make the packages, run as the job runs them, in a site `errcat new` wrote.
    site = tmp_path / "site"
    subprocess.run([*ERRCAT, "new", str(site)], cwd=tmp_path, check=True, capture_output=True, env=mkdocs_env())
    env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="a")
    env.update(GIT_COMMITTER_EMAIL="a@example.org")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "New site"]):
        subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)
    env = mkdocs_env(SITE_URL="https://team.github.io/errors/", PYTHON_NAME="team_errors", NPM_NAME="@team/errors")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # errcat and pip, installed
    for step in job["steps"]:
        if step.get("name") in ("Python package", "npm package"):
            if step["name"] == "npm package" and not shutil.which("npm"):
                require_typescript()
            done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
    made = sorted(path.name for path in (site / "dist" / "release").iterdir())
    assert len(made) == 2 and made[0].startswith("team-errors-") and made[0].endswith(".tgz"), made
    assert made[1].startswith("team_errors-") and made[1].endswith("-py3-none-any.whl"), made


def test_every_generated_file_says_it_is_generated_and_from_which_catalog(theirs: dict[str, Made]):
    for package in theirs.values():
        files = [path for path in package.written if path.name != "py.typed"]
        assert len(files) == 9  # 4 of the Python package besides py.typed, 5 of the npm one
        for path in files:
            text = path.read_text(encoding="utf-8")
            assert "errcat" in text and "catalog.yaml" in text, path
