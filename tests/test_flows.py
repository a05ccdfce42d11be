"""Contributor flows, done as CONTRIBUTING.md says, on a throwaway copy of the repository.

Each flow edits catalog.yaml (and published-codes.txt) of a copy that holds the frozen
seed catalog, then runs the real checks: `python -m errcat check`, and for moves and
renames `mkdocs build --strict` too. Done right, each passes; done wrong, each fails with
one message, asserted word for word, that names the file, the line, what is wrong and
the fix.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from errcat import Catalog
from sitecheck import ROOT, SEED_CATALOG, SEED_PUBLISHED, Site, built_site, errcat_check, make_project

pytestmark = pytest.mark.xdist_group("flows")  # one copy of the repository for the module's tests

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

NEW_CODE = """\
      - code: 70094
        message: PHONEBOOK_IS_FULL
        description: The phonebook has reached its maximum number of contacts.
"""


ENTRY_70128 = (
    "      - code: 70128\n        message: CONTACTS_NOT_EXISTED\n        description: The contact does not exist.\n"
    "        see_also: [70093, 70091]\n"
)
CALLS_CODES = "    description: Call channels and audio conferences.\n    codes:\n"


class Copy:
    """A copy of the repository with the seed catalog, edited as a contributor would; with
    `folder`, its reference is in that folder of the site (the `folder` option)."""

    def __init__(self, root: Path, folder: str = "") -> None:
        self.root = make_project(root, SEED_CATALOG, SEED_PUBLISHED)
        self.catalog = self.root / "catalog.yaml"
        self.record = self.root / "published-codes.txt"
        self.folder = folder
        if folder:
            config = self.root / "mkdocs.yml"
            text = config.read_text(encoding="utf-8")
            assert "  - errcat:\n" in text
            text = text.replace("  - errcat:\n", f"  - errcat:\n      folder: {folder}\n")
            # The site's pages about the codes go with them, into the folder, nav and all.
            text = re.sub(r"^(  - [^:\n]+: )([a-z-]+\.md)$", rf"\g<1>{folder}/\g<2>", text, flags=re.M)
            config.write_text(text, encoding="utf-8")
            docs = self.root / "docs"
            (docs / folder).mkdir(parents=True)
            for page in docs.glob("*.md"):
                page.rename(docs / folder / page.name)

    def at(self, path: str) -> str:
        """A path of the reference, from the site's root."""
        return f"{self.folder}/{path}" if self.folder else path

    def replace(self, old: str, new: str) -> None:
        text = self.catalog.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"expected one {old!r} in the catalog"
        self.catalog.write_text(text.replace(old, new), encoding="utf-8")

    def insert_after(self, anchor: str, new: str) -> None:
        self.replace(anchor, anchor + new)

    def move_70128_to_calls(self, moved_from: str = "") -> None:
        """Cut 70128 from contacts and paste it first into calls, with `moved_from` lines if given."""
        self.replace(ENTRY_70128, "")
        self.insert_after(CALLS_CODES, ENTRY_70128 + moved_from)

    def record_lines(self, *lines: str) -> None:
        with self.record.open("a", encoding="utf-8") as record:
            record.writelines(f"{line}\n" for line in lines)

    def line_of(self, text: str) -> int:
        lines = self.catalog.read_text(encoding="utf-8").splitlines()
        found = [number for number, line in enumerate(lines, start=1) if line == text]
        assert len(found) == 1, f"expected one line {text!r}"
        return found[0]

    def check_passes(self) -> None:
        result = errcat_check(self.root)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("catalog.yaml: ") and "no problems" in result.stdout

    def check_fails_with(self, message: str) -> None:
        """The check fails with exactly one problem: this one, which CONTRIBUTING.md quotes."""
        result = errcat_check(self.root)
        assert result.returncode == 1
        assert result.stderr.splitlines() == ["the error-code catalog has 1 problem:", message]
        what = message.split(": ", 1)[1]
        if self.folder:  # CONTRIBUTING.md quotes this site's, whose reference is at the root
            what = what.replace(f" /{self.folder}/", " /")
        assert what in CONTRIBUTING, f"CONTRIBUTING.md does not quote the message: {what}"

    def build(self) -> Site:
        return built_site(self.root, self.root / "site")


@pytest.fixture(params=["", "reference/errors"], ids=["at-the-root", "in-a-folder"])
def copy(tmp_path: Path, request) -> Copy:
    return Copy(tmp_path / "repository", request.param)


def test_the_copy_passes_as_it_is(copy: Copy):
    copy.check_passes()


# --- done right ------------------------------------------------------------------------


def test_add_a_code(copy: Copy):
    copy.insert_after("        see_also: [70093, 70091]\n", NEW_CODE)
    copy.record_lines("70094 contacts")
    copy.check_passes()


def test_reword_a_description(copy: Copy):
    copy.replace(
        "description: The access token or web session is time out.",
        "description: The access token or web session has expired. Request a new token with"
        " `POST /openapi/v1.0/get_token` and retry.",
    )
    copy.check_passes()


def test_add_an_example_and_a_see_also(copy: Copy):
    copy.replace(
        "        description: The phonebook does not exist.\n        see_also: [70128, 70091]\n",
        "        description: The phonebook does not exist.\n"
        "        examples:\n          - Adding a contact to a phonebook that was deleted.\n"
        "        see_also: [70128, 70091, 70130]\n",
    )
    copy.check_passes()


def test_deprecate_then_remove_a_code(copy: Copy):
    copy.insert_after("        see_also: [70093, 70091]\n", "        status: deprecated\n        note: Use `70093`.\n")
    copy.check_passes()
    copy.replace("        status: deprecated\n", "        status: removed\n")
    copy.check_passes()
    page = copy.build().page(copy.at("contacts/"))
    assert page.find(id="70128").find(class_="errcat-badge--removed") is not None
    assert "Use 70093." in page.find(attrs={"data-code": "70128"}).get_text()


def test_add_a_category(copy: Copy):
    copy.replace(
        "  - id: ivr\n",
        "  - id: voicemail\n    title: Voicemail\n    codes:\n"
        "      - code: 71001\n        message: VOICEMAIL_FULL\n        description: The mailbox is full.\n"
        "      - code: 71002\n        message: VOICEMAIL_NOT_EXISTED\n"
        "        description: The mailbox does not exist.\n"
        "  - id: ivr\n",
    )
    copy.record_lines("71001 voicemail", "71002 voicemail")
    copy.check_passes()


def test_move_a_code_to_another_category(copy: Copy):
    # 70128 leaves contacts for calls: moved_from names where it was, and the record
    # gains its new place.
    copy.move_70128_to_calls(moved_from="        moved_from: [contacts]\n")
    copy.record_lines("70128 calls")
    copy.check_passes()
    site = copy.build()
    assert site.page(copy.at("calls/")).find(id="70128").name == "h2"
    old = site.page(copy.at("contacts/")).find(id="70128")
    assert old.name == "li" and "errcat-moved-code" in old["class"]
    assert " ".join(old.get_text().split()) == "70128 CONTACTS_NOT_EXISTED moved to Calls and conferences"
    assert old.a["href"] == "../calls/#70128"
    # Search finds the code where it is, once; the old anchor is not an entry of its own.
    import json

    locations = [
        doc["location"] for doc in json.loads((site.root / "search" / "search_index.json").read_text())["docs"]
    ]
    assert locations.count(copy.at("calls/#70128")) == 1
    assert not [loc for loc in locations if loc.endswith("#70128") and loc != copy.at("calls/#70128")]
    entry = json.loads((site.root / copy.at("catalog.json")).read_text())["codes"]
    moved = next(code for code in entry if code["code"] == 70128)
    assert moved["former_urls"] == ["https://pbx-docs.github.io/error-codes/" + copy.at("contacts/#70128")]
    assert moved["url"] == "https://pbx-docs.github.io/error-codes/" + copy.at("calls/#70128")


def test_rename_a_category(copy: Copy):
    copy.replace("  - id: contacts\n", "  - id: phonebooks\n    former_ids: [contacts]\n")
    copy.record_lines(*(f"{code} phonebooks" for code in (70091, 70093, 70128)))
    copy.check_passes()
    site = copy.build()
    assert site.page(copy.at("phonebooks/")).find(id="70093").name == "h2"
    stub = site.page(copy.at("contacts/"))
    assert [item["id"] for item in stub.select("li.errcat-moved-code")] == ["70091", "70093", "70128"]
    assert stub.find(id="70093").a["href"] == "../phonebooks/#70093"
    assert "/contacts/" not in (site.root / "sitemap.xml").read_text()


# --- done wrong ------------------------------------------------------------------------


def test_forgot_the_published_line(copy: Copy):
    copy.insert_after("        see_also: [70093, 70091]\n", NEW_CODE)
    copy.check_fails_with(
        f"catalog.yaml:{copy.line_of('      - code: 70094')}: code 70094 is not in published-codes.txt: add the line"
        " `70094 contacts` to it (every published code is recorded there, so that it is never deleted)"
    )


def test_deleted_a_code(copy: Copy):
    copy.replace(
        "      - code: 70132\n        message: OPERATION NOT SUPPORTED\n"
        "        description: The channel operation is not supported.\n",
        "",
    )
    line = SEED_PUBLISHED.splitlines().index("70132 calls") + 1
    copy.check_fails_with(
        f"published-codes.txt:{line}: code 70132 was published and is missing from catalog.yaml: published codes"
        f" are never deleted, because links to /{copy.at('calls/')}#70132 and /{copy.at('codes/70132/')} must keep"
        " working; put its entry"
        " back and mark it `status: removed`, with a `note` saying what replaced it"
    )


def test_deleted_a_code_that_others_name(copy: Copy):
    # Both places are named, and the record's message says the one fix for both.
    copy.replace(ENTRY_70128, "")
    result = errcat_check(copy.root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "the error-code catalog has 3 problems:"
    assert [line.split(": ", 1)[1] for line in lines[1:3]] == [
        "see_also of code 70091 names 70128, which is not a code in the catalog",
        "see_also of code 70093 names 70128, which is not a code in the catalog",
    ]
    assert lines[3].startswith("published-codes.txt:")
    assert ": code 70128 was published and is missing from catalog.yaml" in lines[3]


def test_moved_without_declaring(copy: Copy):
    copy.move_70128_to_calls()
    record_line = SEED_PUBLISHED.splitlines().index("70128 contacts") + 1
    copy.check_fails_with(
        f"catalog.yaml:{copy.line_of('      - code: 70128')}: code 70128 was published under 'contacts'"
        f" (published-codes.txt:{record_line}) and is now in 'calls': add `moved_from: [contacts]` to its entry,"
        f" so that links to /{copy.at('contacts/')}#70128 keep working, and add the line `70128 calls` to"
        " published-codes.txt"
    )


def test_reused_a_number(copy: Copy):
    copy.insert_after(
        CALLS_CODES,
        "      - code: 70093\n        message: CALL_NOT_EXISTED\n        description: The call does not exist.\n",
    )
    first = copy.line_of("        message: PHONEBOOK_NOT_EXISTED") - 1
    copy.check_fails_with(
        f"catalog.yaml:{copy.line_of('        message: CALL_NOT_EXISTED') - 1}: duplicate code 70093 (first defined"
        f" at catalog.yaml:{first}); a code belongs to exactly one category: give a new code its own number, or"
        " edit the existing entry"
    )


def test_renamed_without_former_ids(copy: Copy):
    copy.replace("  - id: contacts\n", "  - id: phonebooks\n")
    copy.check_fails_with(
        f"catalog.yaml:{copy.line_of('  - id: phonebooks')}: category 'phonebooks' holds the codes published under"
        " 'contacts' (70091, 70093, 70128), and no category is 'contacts' any more: if you renamed it, add"
        f" `former_ids: [contacts]` to category 'phonebooks', so that links to /{copy.at('contacts/')}#<code> keep"
        " working, and"
        " add these lines to published-codes.txt, one a line: `70091 phonebooks`,"
        " `70093 phonebooks`, `70128 phonebooks`"
    )


# --- the tests of the real catalog, after every flow done right ---------------------------------
#
# A good pull request must pass the whole suite, not only the check and the build: a test
# of the real catalog may check only what holds whatever the catalog says (every seed code
# there verbatim, links resolve, nothing published disappears). Those tests are marked
# `real_catalog` (tests/realcatalog.py, whose guard fails a test that reads the real
# catalog unmarked), and they are the only ones a change to the catalog can break: the
# others build fixtures of their own.
#
# So the flows are done, one commit each, on one copy of the whole repository with the real
# catalog, as a run of contributors' pull requests; each commit passes `errcat check`; then
# the copy runs its real-catalog tests once (browser tests included). One run serves the
# seven flows: each flow changes a part of the catalog no other flow changes back, so a test
# that freezes any one part fails that run (test_a_test_that_freezes_content_fails_the_flows).

SUITE_IGNORED = ("tests/test_flows.py", "tests/test_install.py")
# Not copied: what is not the repository's (at its top), and caches anywhere.
NOT_COPIED_AT_TOP = frozenset({".git", ".venv", ".cache", "site", "test-output", "build", ".pytest_cache"})


def not_copied(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == ROOT
    return {
        name
        for name in names
        if (top and name in NOT_COPIED_AT_TOP) or name == "__pycache__" or name.endswith(".egg-info")
    }


def entry_of(text: str, code: int) -> str:
    """The lines of a code's entry in catalog text: from `- code:` to the next entry or category."""
    start = text.index(f"      - code: {code}\n")
    ends = [text.find(mark, start + 1) for mark in ("\n      - code: ", "\n  - id: ")]
    end = min((found for found in ends if found != -1), default=len(text) - 1) + 1
    return text[start:end]


class Clone:
    """A copy of the whole repository, committed, with the real catalog."""

    def __init__(self, where: Path) -> None:
        import shutil

        shutil.copytree(ROOT, where, ignore=not_copied)
        # What scripts/test installs for the browser and client tests: axe-core, TypeScript.
        for tool in ("axe", "typescript"):
            if (ROOT / ".cache" / tool).is_dir():
                (where / ".cache").mkdir(exist_ok=True)
                (where / ".cache" / tool).symlink_to(ROOT / ".cache" / tool, target_is_directory=True)
        self.root = where
        self.catalog = where / "catalog.yaml"
        self.record = where / "published-codes.txt"
        self.git("init", "-q", "-b", "main")
        self.commit("The repository as it is")

    def git(self, *args: str) -> str:
        import os
        import subprocess

        env = dict(os.environ, GIT_AUTHOR_NAME="c", GIT_AUTHOR_EMAIL="c@example.org")
        env.update(GIT_COMMITTER_NAME="c", GIT_COMMITTER_EMAIL="c@example.org")
        done = subprocess.run(["git", "-C", str(self.root), *args], env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message)

    def text(self) -> str:
        return self.catalog.read_text(encoding="utf-8")

    def write(self, text: str) -> None:
        self.catalog.write_text(text, encoding="utf-8")

    def category_of(self, code: int) -> str:
        from errcat import read_catalog

        catalog, problems = read_catalog(self.catalog)
        assert catalog is not None, problems
        return catalog.lookup(code)[0].id

    def record_lines(self, *lines: str) -> None:
        with self.record.open("a", encoding="utf-8") as record:
            record.writelines(f"{line}\n" for line in lines)

    def run_tests(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """pytest in the copy: its tests of the real catalog, in two processes, or as `arguments` say."""
        from sitecheck import mkdocs_env

        ignored = [f"--ignore={path}" for path in SUITE_IGNORED]
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE"]
        command += list(arguments) or ["-m", "real_catalog", "-n", "2", "--dist", "loadgroup", *ignored]
        return subprocess.run(command, cwd=self.root, env=mkdocs_env(), capture_output=True, text=True, timeout=900)


def add_a_code(clone: Clone) -> None:
    category = clone.category_of(70093)
    clone.write(clone.text().replace(entry_of(clone.text(), 70093), entry_of(clone.text(), 70093) + NEW_CODE, 1))
    clone.record_lines(f"70094 {category}")


def reword_a_description(clone: Clone) -> None:
    entry = entry_of(clone.text(), 70093)
    reworded = re.sub(r"(        description: ).*", r"\1The phonebook was deleted, or never existed.", entry, count=1)
    assert reworded != entry
    clone.write(clone.text().replace(entry, reworded, 1))


def add_an_example_and_a_see_also(clone: Clone) -> None:
    entry = entry_of(clone.text(), 40001)
    extra = "        examples:\n          - A request body that is not JSON.\n" if "examples:" not in entry else ""
    extra += "        see_also: [40002]\n" if "see_also:" not in entry else ""
    clone.write(clone.text().replace(entry, entry + extra, 1))


def deprecate_then_remove_a_code(clone: Clone) -> None:
    entry = entry_of(clone.text(), 70106)
    clone.write(clone.text().replace(entry, entry + "        status: deprecated\n", 1))
    clone.commit("Deprecate 70106")
    clone.write(
        clone.text().replace("        status: deprecated\n", "        status: removed\n        note: Gone.\n", 1)
    )


def add_a_category(clone: Clone) -> None:
    clone.write(
        clone.text()
        + "  - id: voicemail\n    title: Voicemail\n    codes:\n"
        + "      - code: 70900\n        message: VOICEMAIL_FULL\n        description: The voicemail box is full.\n"
    )
    clone.record_lines("70900 voicemail")


def move_a_code(clone: Clone) -> None:
    """The move of issue 18: 70093 out of its category into another, with moved_from and its record line."""
    old = clone.category_of(70093)
    target = clone.category_of(0) if clone.category_of(0) != old else clone.category_of(40001)
    text = clone.text()
    entry = entry_of(text, 70093)
    text = text.replace(entry, "", 1)
    moved = entry + f"        moved_from: [{old}]\n" if "moved_from:" not in entry else entry
    first_of_target = text.index(f"  - id: {target}\n")
    codes = text.index("    codes:\n", first_of_target) + len("    codes:\n")
    clone.write(text[:codes] + moved + text[codes:])
    clone.record_lines(f"70093 {target}")


def rename_a_category(clone: Clone) -> None:
    old = clone.category_of(70004)
    text = clone.text()
    start = text.index(f"  - id: {old}\n")
    renamed = f"  - id: {old}-renamed\n    former_ids: [{old}]\n"
    clone.write(text[:start] + renamed + text[start + len(f"  - id: {old}\n") :])
    from errcat import read_catalog

    catalog, problems = read_catalog(clone.catalog)
    assert catalog is not None, problems
    category = catalog.category(f"{old}-renamed")
    assert category is not None
    clone.record_lines(*(f"{error.code} {old}-renamed" for error in category.codes))


FLOWS = [
    add_a_code,
    reword_a_description,
    add_an_example_and_a_see_also,
    deprecate_then_remove_a_code,
    add_a_category,
    move_a_code,
    rename_a_category,
]


@dataclass(frozen=True)
class Flowed:
    clone: Clone
    before: Catalog  # the real catalog before the flows


@pytest.fixture(scope="module")
def flowed(tmp_path_factory: pytest.TempPathFactory) -> Flowed:
    """The copy of the repository after every flow done right, one commit each, each checked."""
    from errcat import read_catalog

    clone = Clone(tmp_path_factory.mktemp("flows") / "clone")
    before, problems = read_catalog(clone.catalog)
    assert before is not None, problems
    for flow in FLOWS:
        text = clone.text()
        flow(clone)
        assert clone.text() != text, flow.__name__
        clone.commit(f"Contributor: {flow.__name__}")
        result = errcat_check(clone.root)
        assert result.returncode == 0, f"after {flow.__name__}:\n{result.stderr}"
    return Flowed(clone, before)


@pytest.mark.real_catalog  # it copies the real catalog
def test_the_tests_of_the_real_catalog_pass_after_every_flow_done_right(flowed: Flowed):
    result = flowed.clone.run_tests()
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    assert result.returncode == 0, (
        f"a test of the real catalog fails after the flows: {summary}\n{result.stdout[-8000:]}"
    )
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary


# Tests a contributor might write that freeze what one flow changes, one each: every one
# must fail after the flows, or the run above would not protect that flow. The last reads
# the catalog without the mark: the guard fails it, so it cannot hide from the flows.
FROZEN_TESTS = """\
import pytest
from sitecheck import ROOT

def test_frozen_add_a_code(catalog):
    assert catalog.find(70094) is None

def test_frozen_reword_a_description(catalog):
    assert catalog.lookup(70093)[1].description == {description!r}

def test_frozen_add_an_example_and_a_see_also(catalog):
    assert (catalog.lookup(40001)[1].examples, catalog.lookup(40001)[1].see_also) == {example!r}

def test_frozen_deprecate_then_remove_a_code(catalog):
    assert catalog.lookup(70106)[1].status == {status!r}

def test_frozen_add_a_category(catalog):
    assert [category.id for category in catalog.categories if category.id != {renamed!r} + "-renamed"] == {ids!r}

def test_frozen_move_a_code(catalog):
    assert catalog.lookup(70093)[0].id == {home!r}

def test_frozen_rename_a_category(catalog):
    assert catalog.category({renamed!r}) is not None

def test_reads_the_catalog_without_the_mark():
    assert (ROOT / "catalog.yaml").read_text(encoding="utf-8")
"""


@pytest.mark.real_catalog  # it copies the real catalog
def test_a_test_that_freezes_content_fails_the_flows(flowed: Flowed):
    before = flowed.before
    frozen = FROZEN_TESTS.format(
        description=before.lookup(70093)[1].description,
        example=(before.lookup(40001)[1].examples, before.lookup(40001)[1].see_also),
        status=before.lookup(70106)[1].status,
        ids=[category.id for category in before.categories if category.id != before.lookup(70004)[0].id],
        renamed=before.lookup(70004)[0].id,
        home=before.lookup(70093)[0].id,
    )
    planted = flowed.clone.root / "tests" / "test_planted_frozen.py"
    planted.write_text(frozen, encoding="utf-8")
    try:
        # Selected as the flows select, by the mark: each frozen test is, and fails.
        flows = flowed.clone.run_tests("-m", "real_catalog", str(planted.relative_to(flowed.clone.root)))
        # The reader without the mark is not selected; the whole suite runs it, and fails it.
        suite = flowed.clone.run_tests(
            str(planted.relative_to(flowed.clone.root)) + "::test_reads_the_catalog_without_the_mark"
        )
    finally:
        planted.unlink()
    failed = re.findall(r"^FAILED \S+::(\w+)", flows.stdout, re.M)
    assert flows.returncode == 1, flows.stdout[-4000:]
    assert sorted(failed) == sorted(f"test_frozen_{flow.__name__}" for flow in FLOWS), flows.stdout[-4000:]
    assert "1 deselected" in flows.stdout.strip().splitlines()[-1]
    assert suite.returncode == 1, suite.stdout[-4000:]
    assert "RealCatalogRead" in suite.stdout and "must be marked" in suite.stdout, suite.stdout[-4000:]
