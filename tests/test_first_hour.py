"""A new team's first hour, as errcat's commands meet it (in this process, no MkDocs build):
the samples of `errcat new` give way to the team's codes until the site is first
published, `errcat import` replaces them, requirements.txt names an errcat CI can
install, the scaffold's sentences read as English, and `errcat --version` answers.

The site built from the guide, step by step, is tests/test_install.py's; the messages of
the record's samples are tests/cases/published-samples-*.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from errcat.commands import scaffold
from errcat.commands.cli import main

TABLE = """\
| Code | Message | Description |
|---|---|---|
| card_declined | The card was declined by its issuer. | The issuer refused the charge. |
| insufficient_funds | The card has insufficient funds to complete the purchase. | The account cannot cover it. |
"""


def errcat(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    """`errcat ARGS` run in `folder`: its exit status, output and errors."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        status = main(list(args))
    except SystemExit as exit:  # argparse's --version and --help
        status = int(exit.code or 0)
    finally:
        os.chdir(here)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def new(tmp_path: Path, capsys) -> Path:
    status, _, err = errcat(capsys, tmp_path, "new", "site", "--title", "Acme Payments API errors")
    assert status == 0, err
    return tmp_path / "site"


def test_errcat_version_says_which_errcat_runs(capsys, tmp_path: Path):
    status, out, _ = errcat(capsys, tmp_path, "--version")
    assert status == 0
    assert re.fullmatch(r"errcat \d+\.\d+\.\d+\S* from \S+/errcat\n", out), out


def test_a_new_sites_samples_check_and_their_record_lines_are_marked(new: Path, capsys):
    status, out, err = errcat(capsys, new, "check")
    assert status == 0, err
    assert "3 codes in 2 categories, no problems" in out
    records = [line for line in (new / "published-codes.txt").read_text().splitlines() if not line.startswith("#")]
    assert records == ["0 basics  # sample", "40001 requests  # sample", "40401 requests  # sample"]


def test_replacing_the_samples_asks_only_to_record_the_new_codes_then_passes(new: Path, capsys):
    (new / "catalog.yaml").write_text(
        "code_type: text\ncategories:\n  - id: payments\n    title: Payments\n    codes:\n"
        "      - code: card_declined\n        message: The card was declined by its issuer.\n"
        "        description: The issuer refused the charge.\n"
    )
    status, _, err = errcat(capsys, new, "check")
    assert status == 1
    assert err.splitlines()[1:] == [
        "catalog.yaml:6: code card_declined is not in published-codes.txt: add the line `card_declined payments`"
        " to it (every published code is recorded there, so that it is never deleted)"
    ]
    with (new / "published-codes.txt").open("a") as record:
        record.write("card_declined payments\n")
    status, _, err = errcat(capsys, new, "check")
    assert status == 0, err
    # The publishing build asks for the samples' left-over lines to go, then protects every code.
    status, _, err = errcat(capsys, new, "check", "--publishing")
    assert status == 1 and len(err.splitlines()) == 4 and "records a sample" in err
    record = new / "published-codes.txt"
    record.write_text("".join(line for line in record.read_text().splitlines(True) if "# sample" not in line))
    assert errcat(capsys, new, "check", "--publishing")[0] == 0
    (new / "catalog.yaml").write_text((new / "catalog.yaml").read_text().replace("card_declined", "card_refused"))
    status, _, err = errcat(capsys, new, "check")
    assert status == 1 and "code card_declined was published and is missing from catalog.yaml" in err


def test_errcat_import_replaces_the_untouched_samples_and_nothing_else(new: Path, capsys, tmp_path: Path):
    (tmp_path / "errors.md").write_text(TABLE)
    status, out, err = errcat(capsys, new, "import", "../errors.md")
    assert status == 0, err
    assert (
        out
        == "wrote catalog.yaml and published-codes.txt in place of errcat new's samples: 2 codes from ../errors.md\n"
    )
    assert errcat(capsys, new, "check")[0] == 0
    # The catalog is the team's now: importing again needs --force.
    status, _, err = errcat(capsys, new, "import", "../errors.md")
    assert status == 1 and "pass --force to overwrite" in err


def test_the_scaffolds_sentences_never_put_the_sites_name_inside_a_sentence(new: Path):
    title = "Acme Payments API errors"
    for path in sorted(new.rglob("*")):
        if not path.is_file():
            continue
        for line in path.read_text().splitlines():
            if title in line:
                # A name, as a title or a value: a heading, site_name, never "Every code <title> has".
                assert line in (f"# {title}", f'site_name: "{title}"'), f"{path.name}: {line}"
    record = (new / "published-codes.txt").read_text()
    assert record.startswith("# Every code this site has published, and each category it was published under")
    assert (new / "catalog.yaml").read_text().startswith("# The error codes of the API: ")


class FakeDistribution:
    """What importlib.metadata says of an installed errcat: its version and PEP 610 record."""

    def __init__(self, direct_url: dict | None):
        self.version = "0.3.0"
        self.direct = json.dumps(direct_url) if direct_url is not None else None

    def read_text(self, name: str) -> str | None:
        return self.direct if name == "direct_url.json" else None


LOCAL = "names the release errcat==0.3.0"


@pytest.mark.parametrize(
    "installed, line, note",
    [
        (None, "errcat[material]==0.3.0", ""),  # from a package index
        (
            {"url": "https://github.com/acme/errcat", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
            "errcat[material] @ git+https://github.com/acme/errcat@abc123",
            "",
        ),
        (
            {"url": "https://example.org/errcat-0.3.0.whl", "archive_info": {}},
            "errcat[material] @ https://example.org/errcat-0.3.0.whl",
            "",
        ),
        (
            {"url": "file:///home/me/dist/errcat-0.3.0-py3-none-any.whl", "archive_info": {}},
            "errcat[material]==0.3.0",
            LOCAL,
        ),
        ({"url": "file:///home/me/errcat", "dir_info": {}}, "errcat[material]==0.3.0", LOCAL),
        ({"url": "file:///home/me/errcat", "dir_info": {"editable": True}}, "errcat[material]==0.3.0", LOCAL),
    ],
    ids=["index", "git", "web-archive", "local-wheel", "local-folder", "editable-folder"],
)
def test_requirements_name_an_errcat_ci_can_install_or_say_in_one_line_what_to_put_there(
    monkeypatch, installed, line, note
):
    distribution = FakeDistribution(installed)
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: distribution)
    assert scaffold.requirement("[material]") == line
    said = scaffold.local_install_note()
    if note:
        assert note in said and "\n" not in said and "CI cannot reach" in said and installed["url"] in said
    else:
        assert said == ""


def test_errcat_client_refuses_urls_of_this_machine_and_takes_base_url(new: Path, capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)  # a new site's site_url: http://127.0.0.1:8000/
    status, _, err = errcat(capsys, new, "client", "python", "out", "--name", "acme_errors", "--version", "1.0.0")
    assert status == 1
    assert err == (
        "errcat client: the package's documentation URLs would start with http://127.0.0.1:8000/, this machine"
        " (site_url): pass --base-url with the published site's address (such as https://docs.example.org/errors/),"
        " or set SITE_URL\n"
    )
    assert not (new / "out").exists()
    args = ("client", "python", "out", "--name", "acme_errors", "--version", "1.0.0")
    status, _, err = errcat(capsys, new, *args, "--base-url", "https://docs.acme.test/errors")
    assert status == 0, err
    data = json.loads((new / "out" / "acme_errors" / "data.json").read_text())
    assert data["site"] == "https://docs.acme.test/errors/"
    assert [entry["url"] for entry in data["codes"]] == [
        f"https://docs.acme.test/errors/codes/{code}/" for code in (0, 40001, 40401)
    ]
    (new / "mkdocs.yml").write_text(re.sub(r"site_url: .*\n", "", (new / "mkdocs.yml").read_text()))
    status, _, err = errcat(capsys, new, *args, "--force")
    assert status == 1 and len(err.splitlines()) == 1 and "mkdocs.yml has no site_url" in err and "--base-url" in err
