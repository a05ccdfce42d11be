"""`errcat diff REV`: what a pull request does to the codes, for its reviewer, in Markdown.

Scripted git repositories, an integer catalog and a text one: the base is committed on
`main`, the pull request is the working tree. The output is read as GitHub reads it
(GitHub-flavoured Markdown, linkify on), so that "inert" means what a reviewer sees.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from errcat.commands.cli import main
from errcat.commands.scaffold import PAGES_WORKFLOW
from errcat.history.read import compare
from sitecheck import ERRCAT, ROOT, mkdocs_env, record_of
from xss import catalog_vectors, what_could_run

SITE_URL = "https://docs.example.org/api/"
MKDOCS_YML = f"site_name: Example\nsite_url: {SITE_URL}\nplugins:\n  - search\n  - errcat\n"

INTEGER = """\
categories:
  - id: general
    title: General
    codes:
      - code: 1
        message: OK
        description: It worked.
      - code: 2
        message: BUSY
        description: The server is busy.
  - id: contacts
    title: Contacts
    codes:
      - code: 10
        message: NO_CONTACT
        description: The contact does not exist.
      - code: 11
        message: CONTACT_EXISTS
        description: The contact exists already.
"""

TEXT = (ROOT / "examples" / "text-codes" / "catalog.yaml").read_text(encoding="utf-8")


class Repo:
    """A site's folder in git: `main` holds the base catalog; edits are the pull request."""

    def __init__(self, where: Path, catalog: str, mkdocs_yml: str = MKDOCS_YML) -> None:
        self.root = where
        where.mkdir(parents=True)
        (where / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        (where / "docs").mkdir()
        (where / "docs" / "index.md").write_text("# Example\n\n<!-- errcat:index -->\n", encoding="utf-8")
        self.write(catalog)
        self.git("init", "-q", "-b", "main")
        self.commit("The base")

    def git(self, *args: str) -> str:
        env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.org")
        env.update(GIT_COMMITTER_NAME="a", GIT_COMMITTER_EMAIL="a@example.org")
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("-c", "commit.gpgsign=false", "commit", "-q", "-m", message)

    def write(self, catalog: str, record: str | None = None) -> None:
        (self.root / "catalog.yaml").write_text(catalog, encoding="utf-8")
        old = (self.root / "published-codes.txt").read_text() if (self.root / "published-codes.txt").exists() else ""
        # The record only grows: the places the base recorded stay, the new ones are added.
        new = record if record is not None else record_of(self.root / "catalog.yaml")
        lines = dict.fromkeys([*old.splitlines(), *new.splitlines()])
        (self.root / "published-codes.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")

    def edit(self, old: str, new: str) -> None:
        text = (self.root / "catalog.yaml").read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        self.write(text.replace(old, new))


def diff(repo: Repo, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    cwd = Path.cwd()
    os.chdir(repo.root)
    try:
        status = main(["diff", *args])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return status, out, err


def rendered(markdown: str) -> BeautifulSoup:
    """The Markdown as GitHub shows it: CommonMark with tables, strikethrough and autolinks."""
    html = MarkdownIt("gfm-like", {"linkify": True, "html": True}).render(markdown)
    return BeautifulSoup(html, "html.parser")


def lines_of(markdown: str) -> list[str]:
    """Each list item's text as a reader sees it."""
    return [" ".join(item.get_text(" ").split()) for item in rendered(markdown).find_all("li")]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "site", INTEGER)


def test_no_change_is_one_line_and_exit_zero(repo: Repo, capsys):
    status, out, err = diff(repo, capsys, "main")
    assert (status, err) == (0, "")
    assert out == "**Error codes:** no change to the codes of `catalog.yaml` since `main`.\n"


def test_untouched_codes_are_not_listed_and_each_change_is_one_line(repo: Repo, capsys):
    repo.edit("message: BUSY\n", "message: SERVER_BUSY\n")
    repo.edit("description: It worked.\n", "description: It worked, as asked.\n")
    repo.edit(
        "        description: The contact exists already.\n",
        "        description: The contact exists already.\n        status: deprecated\n"
        "      - code: 12\n        message: CONTACT_LOCKED\n        description: Someone else edits it.\n",
    )
    status, out, _ = diff(repo, capsys, "main")
    assert status == 0
    assert out.splitlines()[0] == "### Error codes: 4 changes in `catalog.yaml` since `main`"
    assert lines_of(out) == [
        "Reworded 1 OK : description",
        "Message changed 2 : BUSY to SERVER_BUSY (what the API returns: a client that matches on it changes too)",
        "Status 11 CONTACT_EXISTS : active to deprecated",
        "Added 12 CONTACT_LOCKED in Contacts",
    ]
    links = [a["href"] for a in rendered(out).find_all("a")]
    assert links == [f"{SITE_URL}general/#1", f"{SITE_URL}general/#2", f"{SITE_URL}contacts/#11"] + [
        f"{SITE_URL}contacts/#12",
        f"{SITE_URL}contacts/",
    ]
    assert "10" not in re.findall(r"`(\d+)`", out)  # 10 was not touched


def test_a_move_a_rename_and_a_new_category_read_as_such(repo: Repo, capsys):
    text = INTEGER.replace(
        "      - code: 2\n        message: BUSY\n        description: The server is busy.\n", ""
    ).replace(
        "  - id: contacts\n    title: Contacts\n", "  - id: people\n    title: People\n    former_ids: [contacts]\n"
    )
    text = text.replace(
        "        description: The contact exists already.\n",
        "        description: The contact exists already.\n"
        "      - code: 2\n        message: BUSY\n        description: The server is busy.\n"
        "        moved_from: [general]\n",
    )
    text += (
        "  - id: calls\n    title: Calls\n    codes:\n      - code: 20\n        message: NO_CALL\n"
        "        description: The call does not exist.\n"
    )
    repo.write(text)
    status, out, err = diff(repo, capsys, "main")
    assert status == 0, err
    # The count is of the lines below it: a new category's codes are in its own line.
    assert out.splitlines()[0] == "### Error codes: 3 changes in `catalog.yaml` since `main`"
    assert len([line for line in out.splitlines() if line.startswith("- ")]) == 3
    assert lines_of(out) == [
        "New category Calls ( calls ), 1 code Its 1 code 20 NO_CALL",
        "20 NO_CALL",
        "Category renamed contacts to People ( people ); its old links lead to the new one",
        "Moved 2 BUSY from General ( general ) to People ; its old link leads to the new place",
    ]
    soup = rendered(out)
    assert soup.find("a", string="People")["href"] == f"{SITE_URL}people/"
    assert soup.find("a", string="2")["href"] == f"{SITE_URL}people/#2"


def test_other_fields_and_a_category_reworded_are_named(repo: Repo, capsys):
    repo.edit(
        "        description: The contact does not exist.\n",
        "        description: The contact does not exist.\n        http_status: 404\n"
        "        examples: [Reading a deleted contact.]\n        see_also: [11]\n        note: Check the id.\n",
    )
    repo.edit("    title: General\n", "    title: General status\n")
    status, out, _ = diff(repo, capsys, "main")
    assert status == 0
    assert lines_of(out) == [
        "Category reworded General status : Title",
        "Reworded 10 NO_CONTACT : examples, see also, note and HTTP status",
    ]


HOSTILE_TITLE = "<i>Hostile</i> [x](https://evil.example/)"


def test_catalog_text_is_shown_as_the_text_it_is(repo: Repo, capsys):
    hostile = [
        "<img src=x onerror=alert(1)> <b>bold</b>",
        "[click](https://evil.example/) ![pic](https://evil.example/x.png)",
        "`tick` ``two`` *star* _under_ | pipe | @octocat #12 https://evil.example/ www.evil.example",
        "</details><script>alert(2)</script>",
        "ends with a tick `",
    ]
    text = INTEGER.replace("message: OK\n", f"message: {json.dumps(hostile[0])}\n")
    text += f"  - id: hostile\n    title: {json.dumps(HOSTILE_TITLE)}\n    codes:\n" + "".join(
        f"      - code: {100 + index}\n        message: {json.dumps(message)}\n        description: D.\n"
        for index, message in enumerate(hostile)
    )
    repo.write(text)
    status, out, err = diff(repo, capsys, "main")
    assert status == 0, err
    soup = rendered(out)
    # Nothing of the catalog became an element: no image, script, emphasis or foreign link.
    assert soup.find_all(["img", "script", "b", "i", "em", "strong"]) == soup.find_all("strong")
    assert [s.get_text() for s in soup.find_all("strong")] == ["New category", "Message changed"]
    assert all(a["href"].startswith(SITE_URL) for a in soup.find_all("a"))
    shown = [code.get_text() for code in soup.find_all("code")]
    for message in hostile:
        assert message in shown, message
    assert HOSTILE_TITLE in shown


def test_no_vector_in_a_message_or_title_could_run_in_the_review(repo: Repo, capsys):
    # tests/data/xss-vectors.txt (those a catalog may hold), as messages and as a title:
    # GitHub renders the review, raw HTML on, and nothing of the catalog may become markup.
    vectors = [" ".join(vector.split()) for vector in catalog_vectors()]
    text = (
        INTEGER
        + f"  - id: vectors\n    title: {json.dumps(vectors[-1])}\n    codes:\n"
        + "".join(
            f"      - code: {100 + index}\n        message: {json.dumps(vector)}\n        description: D.\n"
            for index, vector in enumerate(vectors)
        )
    )
    repo.write(text)
    status, out, err = diff(repo, capsys, "main")
    assert status == 0, err
    html = MarkdownIt("gfm-like", {"linkify": True, "html": True}).render(out)
    assert what_could_run(html, frozenset({"ul", "li", "p", "h3", "strong", "code", "a", "details", "summary"})) == []
    shown = {code.get_text() for code in rendered(out).find_all("code")}
    assert set(vectors) <= shown


def test_a_catalog_that_does_not_check_fails_as_errcat_check_does(repo: Repo, capsys):
    repo.edit("      - code: 10\n", "      - code: 1\n")
    status, out, err = diff(repo, capsys, "main")
    assert (status, out) == (1, "")
    checked = subprocess.run([*ERRCAT, "check"], cwd=repo.root, capture_output=True, text=True, env=mkdocs_env())
    assert err.strip() == checked.stderr.strip()
    assert re.search(r"^catalog\.yaml:\d+: duplicate code 1 ", err, re.M) and "Traceback" not in err


def test_a_revision_git_does_not_know_fails_in_one_line(repo: Repo, capsys):
    for revision in ("no-such-branch", "-n", "main:catalog.yaml"):
        status, out, err = diff(repo, capsys, "--", revision)
        assert (status, out) == (1, "")
        assert err == f"errcat diff: git does not know the revision '{revision}'\n"


def test_a_base_without_a_catalog_lists_everything_as_new(tmp_path: Path, capsys):
    repo = Repo(tmp_path / "site", INTEGER)
    repo.git("rm", "-q", "catalog.yaml", "published-codes.txt")
    repo.commit("No catalog yet")
    repo.write(INTEGER)
    status, out, _ = diff(repo, capsys, "main")
    assert status == 0
    assert lines_of(out)[0] == "New category General ( general ), 2 codes Its 2 codes 1 OK 2 BUSY"


def test_links_follow_site_url_or_the_base_url_given(repo: Repo, capsys):
    repo.edit("message: OK\n", "message: SUCCESS\n")
    _, out, _ = diff(repo, capsys, "main", "--base-url", "https://preview.example/pr-7")
    assert [a["href"] for a in rendered(out).find_all("a")] == ["https://preview.example/pr-7/general/#1"]
    (repo.root / "mkdocs.yml").write_text(MKDOCS_YML + "use_directory_urls: false\n", encoding="utf-8")
    _, out, _ = diff(repo, capsys, "main")
    assert [a["href"] for a in rendered(out).find_all("a")] == [f"{SITE_URL}general.html#1"]


def test_a_text_catalog_keeps_its_codes_as_written(tmp_path: Path, capsys):
    repo = Repo(tmp_path / "site", TEXT)
    repo.edit("message: feature_not_supported\n", "message: feature not supported\n")
    repo.edit(
        "        description: Nothing went wrong (SQLSTATE class 00).\n",
        "        description: Nothing went wrong (SQLSTATE class 00).\n      - code: 0B000\n"
        "        message: invalid_transaction_initiation\n        description: A transaction cannot start here.\n",
    )
    status, out, err = diff(repo, capsys, "main")
    assert status == 0, err
    assert lines_of(out) == [
        "Message changed 0A000 : feature_not_supported to feature not supported"
        " (what the API returns: a client that matches on it changes too)",
        "Added 0B000 invalid_transaction_initiation in Requests",
    ]
    assert [a["href"] for a in rendered(out).find_all("a")] == [
        f"{SITE_URL}requests/#0A000",
        f"{SITE_URL}requests/#0B000",
        f"{SITE_URL}requests/",
    ]


def test_the_command_line_prints_the_review(repo: Repo):
    repo.edit("message: OK\n", "message: SUCCESS\n")
    done = subprocess.run(
        [*ERRCAT, "diff", "main"], cwd=repo.root, capture_output=True, text=True, env=mkdocs_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert lines_of(done.stdout) == [
        "Message changed 1 : OK to SUCCESS (what the API returns: a client that matches on it changes too)"
    ]


def test_history_and_diff_share_one_classification(repo: Repo):
    """The changes page and the feed read history.compare's kinds; diff reads the same."""
    from errcat import read_catalog

    before, _ = read_catalog(repo.root / "catalog.yaml")
    repo.edit("message: OK\n", "message: SUCCESS\n")
    after, _ = read_catalog(repo.root / "catalog.yaml")
    assert before is not None and after is not None
    assert [(change.kind, change.code, change.old, change.new) for change in compare(before, after)] == [
        ("message", 1, "OK", "SUCCESS")
    ]


# --- the workflows run it on every pull request -------------------------------------------


def diff_step(workflow: dict[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """The workflow's `errcat diff` step, and the environment GitHub gives it on a pull request."""
    for job in workflow["jobs"].values():  # type: ignore[attr-defined]
        for step in job["steps"]:
            if "errcat diff" in step.get("run", ""):
                return step, job
    raise AssertionError("no step runs errcat diff")


@pytest.mark.parametrize("which", ["errcat new", "this repository"])
def test_the_workflows_write_the_review_to_the_job_summary_on_a_pull_request(which: str, tmp_path: Path):
    text = PAGES_WORKFLOW if which == "errcat new" else (ROOT / ".github" / "workflows" / "site.yml").read_text()
    workflow = yaml.load(text, Loader=yaml.BaseLoader)
    assert "pull_request" in workflow["on"]
    step, job = diff_step(workflow)
    condition = step.get("if", job.get("if", ""))
    assert condition == "github.event_name == 'pull_request'"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == "0"  # the base branch is there to compare with
    # A pull request as actions/checkout leaves it: a clone with origin/main, the change on top.
    upstream = Repo(tmp_path / "upstream", INTEGER)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream.root), str(clone)], check=True)
    text = (clone / "catalog.yaml").read_text().replace("message: OK\n", "message: SUCCESS\n")
    (clone / "catalog.yaml").write_text(text)
    summary = tmp_path / "summary.md"
    env = mkdocs_env(GITHUB_BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary), GITHUB_EVENT_NAME="pull_request")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # `errcat`, installed
    env.update(
        {key: value.replace("${{ github.repository_owner }}", "o") for key, value in step.get("env", {}).items()}
    )
    env = {key: re.sub(r"\$\{\{[^}]*\}\}", "x", value) for key, value in env.items()}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert lines_of(summary.read_text()) == [
        "Message changed 1 : OK to SUCCESS (what the API returns: a client that matches on it changes too)"
    ]


def test_the_changes_page_names_the_fields_reworded_as_diff_does(repo: Repo):
    """/changes/ and the feed write the same changes as lines of HTML."""
    from errcat import read_catalog
    from errcat.history.changes import ChangeWriter, summary
    from errcat.history.read import Commit

    before, _ = read_catalog(repo.root / "catalog.yaml")
    repo.edit("        description: The contact does not exist.\n", "        description: None.\n        note: N.\n")
    repo.edit("    title: General\n", "    title: General status\n")
    after, _ = read_catalog(repo.root / "catalog.yaml")
    assert before is not None and after is not None
    changes = compare(before, after)
    writer = ChangeWriter(after, lambda category, code: f"{category}/#{code}" if code is not None else f"{category}/")
    assert [writer.line(change) for change in changes] == [
        'Title of category <a href="general/"><em>General status</em></a> reworded',
        'Description and note of <a href="contacts/#10"><code>10</code> NO_CONTACT</a> reworded',
    ]
    assert summary(Commit("0" * 40, 0, changes)) == "1 category reworded, 1 entry reworded"
