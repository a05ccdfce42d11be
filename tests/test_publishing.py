"""Publishing: catalog.json for tools, reproducible builds, settings, workflow, 404 page."""

from __future__ import annotations

import datetime
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import yaml

from errcat import Catalog
from errcat.catalog.model import former_categories
from errcat.render.markup import Markup
from sitecheck import ROOT, Site, make_project

SITE_URL = "https://pbx-docs.github.io/error-codes/"
markdown_to_text = Markup().text
CODE_KEYS = [
    "code",
    "message",
    "description",
    "examples",
    "category",
    "status",
    "note",
    "see_also",
    "url",
    "permalink",
    "former_urls",
    "added",
    "changed",
    "http_status",
    "causes",
    "solutions",
]


@pytest.fixture(scope="module")
def catalog_json(site: Site) -> dict:
    return json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))


def test_catalog_json_has_every_code_in_order_with_stable_keys(catalog_json, catalog: Catalog):
    assert list(catalog_json) == ["version", "source", "codes"]
    assert catalog_json["version"] == 1
    codes = catalog_json["codes"]
    assert [entry["code"] for entry in codes] == [error.code for _, error in catalog.codes()]
    for entry, (category, error) in zip(codes, catalog.codes(), strict=True):
        assert list(entry) == CODE_KEYS
        assert entry["message"] == error.message
        assert entry["category"] == {"id": category.id, "title": category.title}
        assert entry["status"] == error.status
        assert entry["note"] == (markdown_to_text(error.note) if error.note else None)
        assert entry["see_also"] == list(error.see_also)
        assert entry["url"] == f"{SITE_URL}{category.id}/#{error.code}"
        assert entry["permalink"] == f"{SITE_URL}codes/{error.code}/"
        assert entry["examples"] == [markdown_to_text(example) for example in error.examples]
        assert entry["former_urls"] == [
            f"{SITE_URL}{former}/#{error.code}" for former in former_categories(category, error)
        ]
        # From the history of catalog.yaml (tests/test_history.py checks the days themselves).
        if entry["added"] is None:
            assert entry["changed"] is None
        else:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["added"]) and entry["added"] <= entry["changed"]


def test_catalog_json_descriptions_are_plain_text(catalog_json, catalog: Catalog):
    by_code = {entry["code"]: entry for entry in catalog_json["codes"]}
    for _, error in catalog.codes():
        assert by_code[error.code]["description"] == markdown_to_text(error.description)
    assert markdown_to_text("Use `x` and [the docs](https://e.org) <b>now</b> & *then*") == (
        "Use x and the docs <b>now</b> & then"
    )


def test_catalog_json_urls_lead_to_the_anchors(catalog_json, site: Site):
    for entry in catalog_json["codes"]:
        path, fragment = entry["url"][len(SITE_URL) :].split("#")
        assert fragment in site.ids(site.root / path / "index.html")
        assert (site.root / entry["permalink"][len(SITE_URL) :] / "index.html").is_file()


def test_catalog_json_is_documented_key_by_key(catalog_json):
    page = (ROOT / "docs" / "catalog-json.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \|", page, re.M)
    assert documented == CODE_KEYS
    assert "`version`" in page and "`source`" in page and "`codes`" in page
    # The example line in the documentation has every key, in order, and is a real code
    # with its real message (a seed code: its message never changes).
    example = json.loads(next(line for line in page.splitlines() if line.startswith('{"code":')).rstrip(","))
    assert list(example) == CODE_KEYS
    by_code = {entry["code"]: entry for entry in catalog_json["codes"]}
    assert example["message"] == by_code[example["code"]]["message"]
    assert example["permalink"] == by_code[example["code"]]["permalink"]


def test_settings_point_to_the_real_repository():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert config["repo_url"] == "https://github.com/pbx-docs/error-codes"
    assert config["edit_uri"] == "edit/main/docs/"
    assert SITE_URL in (ROOT / "mkdocs.yml").read_text()


COMMIT_DATE = "2024-01-02T15:04:05+00:00"


def git(project, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=COMMIT_DATE,
        GIT_COMMITTER_DATE=COMMIT_DATE,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def publish_build(project, site_dir) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHON"] = sys.executable
    result = subprocess.run(
        ["bash", "scripts/build", str(site_dir)], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def differing_files(left, right) -> list[str]:
    found = []

    def walk(cmp, prefix=""):
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right))
    return found


@pytest.mark.real_catalog
def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    # A commit from the past: a build that used the clock instead would show today.
    project = make_project(tmp_path / "repo")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "release")
    first, second = tmp_path / "first", tmp_path / "second"
    publish_build(project, first)
    time.sleep(1.5)
    publish_build(project, second)
    assert differing_files(first, second) == []
    assert len(list(first.rglob("*"))) > 100
    # Dated from the commit: the sitemap's dates and the gzip header's time.
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (first / "sitemap.xml").read_text())) == {"2024-01-02"}
    header = (first / "sitemap.xml.gz").read_bytes()[:8]
    midnight = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC).timestamp()
    assert int.from_bytes(header[4:8], "little") == midnight


def test_workflow_tests_pull_requests_and_publishes_main():
    workflow = yaml.load((ROOT / ".github" / "workflows" / "site.yml").read_text(), Loader=yaml.BaseLoader)
    triggers = workflow["on"]
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in steps
    checkout = next(step for step in workflow["jobs"]["test"]["steps"] if "actions/checkout" in step.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == "0"  # the record's history is checked
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    assert any("actions/deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    build = workflow["jobs"]["build"]
    assert any("scripts/build" in step.get("run", "") for step in build["steps"])
