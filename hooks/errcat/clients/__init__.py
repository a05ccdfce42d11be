"""Client packages from a site's catalog: a typed lookup from code to entry, per language.

`errcat client python OUT --name NAME` and `errcat client typescript OUT --name NAME`
read the site's mkdocs.yml (through siteconfig), check the catalog as the build does,
and write a package that needs nothing of errcat at run time. Every package has the same
model, the entries of the site's catalog.json; each language's module (`python`,
`typescript`) writes its files from the templates beside it.

A catalog comes by pull request from anyone and its text lands in these packages: the
text is only ever written as JSON data (which the package reads, never runs), and the
few values of the site's own that a template names (the site's address, the catalog's
path) go through json.dumps too, on a line of their own.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..catalog.check import check_project, format_problems
from ..catalog.model import INTEGER
from ..commands.scaffold import write_tree
from ..commands.siteconfig import Instance, SiteConfig
from ..render import Renderer, SiteNames

TEMPLATES = Path(__file__).resolve().parent / "templates"


class ClientError(Exception):
    """The package cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class ClientData:
    """What every package holds: the catalog's entries and the words that describe them."""

    code_type: str  # integer or text
    code_field: str  # the field of an API response that holds the code (the site's code_label)
    site: str  # the site's address
    source: str  # the catalog's path in the site's folder
    entries: list[dict[str, Any]]  # in catalog order, each with the keys of MODEL

    def json(self) -> str:
        """The data file every package reads: plain JSON, every character as written."""
        document = {
            "generated_by": "errcat",
            "source": self.source,
            "site": self.site,
            "code_type": self.code_type,
            "code_field": self.code_field,
            "codes": self.entries,
        }
        return json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"


# Each entry's fields, in order: what catalog.json says of a code, the URL its permanent page.
MODEL = ("code", "message", "description", "category", "status", "url", "http_status", "causes", "solutions")


def client_data(site: SiteConfig, instance: Instance, base_url: str | None = None) -> ClientData:
    """The entries of the site's catalog, checked as the build checks it; ClientError if it has problems.

    Each code's documentation URL starts with `base_url` (`errcat client --base-url`), else
    the site's site_url, which may not point to this machine.
    """
    address = published_address(site.site_url, base_url)
    schema = instance.schema
    catalog, problems = check_project(instance.project, site.docs_dir, schema)
    if problems or catalog is None:
        raise ClientError(format_problems(problems))
    schema = schema.for_code_type(catalog.code_type)
    names = SiteNames(
        code_label=instance.code_label, message_label=instance.message_label, source=instance.project.catalog
    )
    renderer = Renderer(catalog, instance.urls, address, schema.statuses, schema.default_status, names=names)
    records = json.loads(renderer.catalog_json())["codes"]
    entries = [
        {
            "code": record["code"],
            "message": record["message"],
            "description": record["description"],
            "category": record["category"],
            "status": record["status"],
            "url": record["permalink"],
            "http_status": record["http_status"],
            "causes": record["causes"],
            "solutions": record["solutions"],
        }
        for record in records
    ]
    return ClientData(catalog.code_type, instance.code_label, renderer.root, instance.project.catalog, entries)


_THIS_MACHINE = ("localhost", "0.0.0.0", "::1", "::")  # and 127.0.0.0/8, *.localhost


def published_address(site_url: str | None, base_url: str | None) -> str:
    """The address a package's documentation URLs start with: `base_url` if given, else
    `site_url`; ClientError when there is none, or when site_url names this machine (as a
    new site's does until SITE_URL is set), where every client's link would lead nowhere."""
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ClientError(
                f"--base-url {base_url} is not an http or https address (such as https://docs.example.org/)"
            )
        return base_url if base_url.endswith("/") else base_url + "/"
    if not site_url:
        raise ClientError(
            "mkdocs.yml has no site_url, and a package gives each code's absolute documentation URL: pass"
            " --base-url with the published site's address (such as https://docs.example.org/errors/), or set site_url"
        )
    host = urlsplit(site_url).hostname or ""
    if host in _THIS_MACHINE or host.startswith("127.") or host.endswith(".localhost"):
        raise ClientError(
            f"the package's documentation URLs would start with {site_url}, this machine (site_url): pass --base-url"
            " with the published site's address (such as https://docs.example.org/errors/), or set SITE_URL"
        )
    return site_url


def version_from_history(instance: Instance) -> str:
    """YEAR.MMDD.HHMMSS of the catalog's last commit (UTC): every later commit gives a higher version."""
    project = instance.project
    try:
        done = subprocess.run(
            ["git", "-C", str(project.root), "log", "-1", "--format=%ct", "--", project.catalog],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (FileNotFoundError, subprocess.TimeoutExpired):
        done = None
    seconds = done.stdout.strip() if done and done.returncode == 0 else ""
    if not seconds.isdigit():
        raise ClientError(
            f"{project.catalog} has no git history here to take a version from: pass --version (such as 1.2.0)"
        )
    moment = time.gmtime(int(seconds))
    return (
        f"{moment.tm_year}.{moment.tm_mon * 100 + moment.tm_mday}"
        f".{moment.tm_hour * 10000 + moment.tm_min * 100 + moment.tm_sec}"
    )


def template(language: str, name: str) -> str:
    return (TEMPLATES / language / name).read_text(encoding="utf-8")


def comment_value(value: str) -> str:
    """A value of the site's own as a generated file's comment shows it: on one line, quoted."""
    return json.dumps(value, ensure_ascii=True)


def write_package(out: Path, files: dict[str, str], force: bool) -> list[Path]:
    """Write `files` (relative path -> text) into `out`; refuses a folder with files in it unless `force`."""
    try:
        return write_tree(out, files, force)
    except FileExistsError as error:
        raise ClientError(str(error)) from None


def is_integer_catalog(data: ClientData) -> bool:
    return data.code_type == INTEGER
