"""The workflows this repository runs and those errcat writes into other teams' repositories:
no finding from zizmor, every action pinned to a commit, the least permissions, no token
stored for a release, and a build installed from a lock with hashes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from errcat.commands.scaffold import PAGES_WORKFLOW, WORKFLOWS
from sitecheck import ERRCAT, ROOT, mkdocs_env

pytestmark = pytest.mark.xdist_group("workflows")  # the module's tests share the sites written

ZIZMOR = Path(sys.executable).parent / "zizmor"  # installed with the test extra
# `uses: owner/repo[/path]@<commit> # vX.Y.Z`: a commit cannot move, and the comment says
# which release it is (Dependabot keeps both).
PINNED = re.compile(
    r"\s*(?:- )?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<commit>[0-9a-f]{40}) # (?P<version>v\d+(\.\d+)*)"
)
USES = re.compile(r"\s*(?:- )?uses\s*:")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The folders whose workflows are checked: this repository's, and what the real
    commands write: a site by `errcat new`, a reference added by `errcat new --into`."""
    where = tmp_path_factory.mktemp("workflows")
    team = where / "team"
    (team / "docs").mkdir(parents=True)
    (team / "mkdocs.yml").write_text("site_name: Team docs\n", encoding="utf-8")
    (team / "docs" / "index.md").write_text("# Team docs\n", encoding="utf-8")
    for args in (["new", "site"], ["new", "--into", str(team)]):
        subprocess.run([*ERRCAT, *args], cwd=where, env=mkdocs_env(), check=True, capture_output=True, timeout=120)
    return {"this repository": ROOT, "errcat new": where / "site", "errcat new --into": team}


def workflows_of(folder: Path) -> list[Path]:
    return sorted((folder / ".github" / "workflows").glob("*.yml"))


def every_workflow(written: dict[str, Path]) -> list[Path]:
    """Every workflow file: those of the three folders, and the templates errcat writes from."""
    return [*(path for folder in written.values() for path in workflows_of(folder)), *sorted(WORKFLOWS.glob("*.yml"))]


def shown(findings: list[dict[str, object]]) -> str:
    """zizmor's findings, one a line: path:line: audit: what it found."""
    lines = []
    for finding in findings:
        for location in finding["locations"]:  # type: ignore[attr-defined]
            path = location["symbolic"]["key"]["Local"]["verbatim_path"]
            row = location["concrete"]["location"]["start_point"]["row"] + 1
            lines.append(f"{path}:{row}: {finding['ident']}: {finding['desc']} ({location['symbolic']['annotation']})")
    return "\n".join(lines)


@pytest.mark.parametrize("which", ["this repository", "errcat new", "errcat new --into"])
def test_zizmor_finds_nothing_in_the_workflows(which: str, written: dict[str, Path]):
    folder = written[which]
    assert workflows_of(folder), f"no workflow in {folder}"
    # Offline, at its default persona, with no configuration and no ignore comment honoured.
    done = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--no-ignores", "--no-progress", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip(), done.stderr
    findings = json.loads(done.stdout)
    assert findings == [], shown(findings)
    assert done.returncode == 0, done.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(written: dict[str, Path]):
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in every_workflow(written):
        text = path.read_text(encoding="utf-8")
        jobs = yaml.safe_load(text)["jobs"].values()
        declared = [step["uses"] for job in jobs for step in job.get("steps", []) if "uses" in step]
        declared += [job["uses"] for job in jobs if "uses" in job]
        lines = [line for line in text.splitlines() if USES.match(line)]
        assert len(lines) == len(declared), f"{path}: a uses: that is not on a line of its own"
        for line in lines:
            found = PINNED.fullmatch(line)
            assert found, f"{path}: `{line.strip()}` is not `owner/repo@<40-hex commit> # vX.Y.Z`"
            pins.setdefault(found["action"], set()).add((found["commit"], found["version"]))
    # Each action at one commit everywhere, so that what errcat writes is what this
    # repository runs (Dependabot moves them together).
    assert {action: found for action, found in pins.items() if len(found) > 1} == {}
    assert {"actions/checkout", "actions/setup-python", "pypa/gh-action-pypi-publish"} <= set(pins)


# The permissions of each job, and nothing for the workflow as a whole.
PERMISSIONS = {
    "site.yml": {
        "test": {"contents": "read"},
        "review": {"contents": "read"},
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    },
    "pages.yml": {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "clients": {"contents": "write"},  # attaches the packages to the release
        "pypi": {"id-token": "write"},
        "npm": {"id-token": "write"},
    },
    "check.yml": {"check": {"contents": "read"}},
}


def test_each_job_has_only_the_permissions_it_needs_and_no_checkout_keeps_the_token():
    paths = [ROOT / ".github" / "workflows" / "site.yml", WORKFLOWS / "pages.yml", WORKFLOWS / "check.yml"]
    for path in paths:
        workflow = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        assert workflow["permissions"] == {}, path
        assert {name: job.get("permissions") for name, job in workflow["jobs"].items()} == PERMISSIONS[path.name]
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] == "false", path


def test_no_workflow_runs_a_pull_request_with_the_repository_secrets_or_pastes_an_expression_into_a_shell(
    written: dict[str, Path],
):
    for path in every_workflow(written):
        text = path.read_text(encoding="utf-8")
        workflow = yaml.load(text, Loader=yaml.BaseLoader)
        triggers = set(workflow["on"])
        assert triggers <= {"pull_request", "push", "release"}, f"{path}: {triggers}"  # never pull_request_target
        assert "secrets." not in text, path
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                # Text from the catalog, a branch or a release reaches a command through
                # the environment or a file, never pasted into it by ${{ }}.
                assert "${{" not in step.get("run", ""), f"{path}: {step['run']}"


def test_the_release_publishes_with_trusted_publishing_and_no_stored_token():
    jobs = yaml.load(PAGES_WORKFLOW, Loader=yaml.BaseLoader)["jobs"]
    pypi, npm = jobs["pypi"], jobs["npm"]
    # Off until the team has told PyPI and npm to trust the workflow (docs: Client packages).
    assert (pypi["needs"], pypi["if"]) == ("clients", "vars.ERRCAT_PUBLISH_PYPI == 'true'")
    assert (npm["needs"], npm["if"]) == ("clients", "vars.ERRCAT_PUBLISH_NPM == 'true'")
    assert (pypi["environment"], npm["environment"]) == ("pypi", "npm")
    publish = [step for step in pypi["steps"] if step.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert len(publish) == 1 and publish[0]["with"] == {"packages-dir": "dist"}  # no user, password or token
    assert [step["run"] for step in npm["steps"] if "run" in step] == [
        "npm publish --provenance --access public dist/*.tgz"
    ]
    assert "env" not in npm and all("env" not in step for step in npm["steps"])  # no NODE_AUTH_TOKEN

    # Each publishing job downloads what the clients job uploaded, under the same name.
    def artifacts(action: str, *jobs: dict[str, list[dict[str, dict[str, str]]]]) -> set[str]:
        return {step["with"]["name"] for job in jobs for step in job["steps"] if action in step.get("uses", "")}

    uploaded = artifacts("actions/upload-artifact@", jobs["clients"])
    assert uploaded == artifacts("actions/download-artifact@", pypi, npm) == {"python-package", "npm-package"}


def test_dependabot_keeps_the_pins_and_the_lock_current(written: dict[str, Path]):
    for which in ("this repository", "errcat new"):
        config = yaml.safe_load((written[which] / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
        updates = {update["package-ecosystem"]: update for update in config["updates"]}
        assert set(updates) == {"github-actions", "pip"}, which
        for update in updates.values():
            assert update["schedule"]["interval"] == "weekly"
            assert [group["patterns"] for group in update["groups"].values()] == [["*"]]  # one pull request
    # Here it also reads the workflows errcat writes, from the folder they are kept in.
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    actions = next(update for update in config["updates"] if update["package-ecosystem"] == "github-actions")
    assert ROOT / actions["directories"][1].lstrip("/") == WORKFLOWS
    assert sorted(path.name for path in WORKFLOWS.glob("*.yml")) == ["check.yml", "pages.yml"]


# --- the locked build ---------------------------------------------------------------------


def read_lock(text: str) -> dict[str, tuple[str, list[str]]]:
    """A pip requirements file with hashes: each package's name -> (version, hashes)."""
    entries = {}
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement, *options = line.split()
            name, _, version = requirement.partition("==")
            entries[canonicalize_name(name)] = (version, [option.removeprefix("--hash=") for option in options])
    return entries


def test_the_lock_pins_every_requirement_of_the_published_build_with_the_hashes_of_its_files():
    lock = read_lock((ROOT / "requirements-lock.txt").read_text(encoding="utf-8"))
    for name, (version, hashes) in lock.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!]*", version), f"{name} is not pinned to one version"
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", found) for found in hashes), name
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # errcat's requirements, and what installs errcat itself (--no-build-isolation).
    for text in [*pyproject["project"]["dependencies"], *pyproject["build-system"]["requires"]]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} is not in requirements-lock.txt: run scripts/lock"
        assert requirement.specifier.contains(lock[name][0], prereleases=True), (
            f"requirements-lock.txt has {name} {lock[name][0]}, pyproject.toml asks {requirement}: run scripts/lock"
        )


def test_the_published_build_installs_the_lock_with_its_hashes_and_errcat_from_the_commit():
    workflow = yaml.load((ROOT / ".github" / "workflows" / "site.yml").read_text(), Loader=yaml.BaseLoader)
    for job in ("build", "review"):
        steps = workflow["jobs"][job]["steps"]
        installs = [step["run"] for step in steps if "pip install" in step.get("run", "")]
        assert len(installs) == 1, job
        commands = [line.strip().removeprefix(".venv/bin/") for line in installs[0].splitlines()]
        assert commands[-3:] == [
            "pip install --quiet --require-hashes -r requirements-lock.txt",
            "pip install --quiet --no-deps --no-build-isolation " + ("--editable ." if job == "build" else "."),
            "pip check",  # the lock holds what errcat asks for
        ]
    assert any(step.get("run") == "bash scripts/build site" for step in workflow["jobs"]["build"]["steps"])


@pytest.mark.parametrize("locked", [True, False], ids=["locked", "not yet locked"])
def test_a_site_errcat_writes_installs_its_lock_with_hashes_once_it_is_locked(
    locked: bool, written: dict[str, Path], tmp_path: Path
):
    site = tmp_path / "site"
    shutil.copytree(written["errcat new"], site)
    assert (site / "requirements.txt").read_text().endswith("-r requirements.in\n")
    requirement = (site / "requirements.in").read_text().splitlines()[-1]
    if locked:  # as pip-compile --generate-hashes writes it
        (site / "requirements.txt").write_text(f"{requirement} \\\n    --hash=sha256:{'0' * 64}\n    # via -r x\n")
    # pip as the job finds it on PATH, recording what it was asked.
    bin, log = tmp_path / "bin", tmp_path / "pip.log"
    bin.mkdir()
    (bin / "pip").write_text('#!/bin/sh\necho "$*" >> "$PIP_LOG"\n')
    (bin / "pip").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin}{os.pathsep}{os.environ['PATH']}", PIP_LOG=str(log))
    jobs = yaml.load((site / ".github" / "workflows" / "pages.yml").read_text(), Loader=yaml.BaseLoader)["jobs"]
    for job in ("build", "clients"):
        step = next(step for step in jobs[job]["steps"] if step.get("name") == "Install from the lock")
        log.unlink(missing_ok=True)
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        if locked:
            assert log.read_text() == "install --require-hashes -r requirements.txt\n"
            assert "::warning" not in done.stdout
        else:
            assert log.read_text() == "install -r requirements.txt\n"
            assert done.stdout.startswith("::warning file=requirements.txt::requirements.txt is not locked")
