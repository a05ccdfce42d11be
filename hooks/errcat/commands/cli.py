"""The `errcat` command: start a site, bring an existing table, check a catalog without building.

errcat new DIR [--title TITLE] [--language LANG]   a new site that builds with `mkdocs build --strict`
errcat import SOURCE [options]      catalog.yaml and published-codes.txt from a table, or a JSON or YAML file
errcat check [CATALOG]              the build's checks and messages, without MkDocs
errcat diff REV [--base-url URL]    what the working tree does to the codes since REV, in Markdown
errcat client LANGUAGE OUT --name NAME   a client package (python, typescript) of the site's codes
errcat build [--engine E] [-f FILE]      the site in this folder, built with MkDocs or Zensical
errcat serve [--engine E] [-a IP:PORT]   the same, served while it is written

check, diff, client, build and serve read the site's config file as MkDocs finds it: mkdocs.yml, else
mkdocs.yaml, in the current folder, or the file that -f/--config-file names.
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import metadata
from pathlib import Path

from .. import CATALOG_NAME, PUBLISHED_NAME, check_project, format_problems
from ..catalog.check import Project, read_catalog_bytes
from ..catalog.model import INTEGER, TEXT, Catalog
from ..catalog.schema import Schema
from ..catalog.source import source_format
from ..engines import DEFAULT_ENGINE, ENGINES, engine_commands
from ..history.read import GitError, compare, file_at_revision
from ..history.review import ReviewWriter, review
from ..languages import LANGUAGE_TAG, languages, words_for
from ..options import OptionError, site_folder
from ..reference import theme_language
from .scaffold import (
    COLUMN_NAMES,
    catalog_text,
    holds_only_samples,
    local_install_note,
    new_site,
    read_table,
    slug,
)
from .siteconfig import CONFIG_NAMES, ConfigError, Instance, read_site_config
from .sources import add_source_arguments, import_source
from .update import update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="errcat", description="Publish an API's error codes from one YAML catalog (an MkDocs plugin)."
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print errcat's version and where it runs from")
    commands = parser.add_subparsers(dest="command", required=True)

    new = commands.add_parser("new", help="write a new site into DIR")
    new.add_argument("folder", metavar="DIR", type=Path, nargs="?")
    new.add_argument(
        "--into",
        metavar="SITE",
        type=Path,
        help="add a reference to the existing MkDocs site in SITE instead (catalog, record, plugin entry, workflow)",
    )
    new.add_argument("--folder", dest="reference_folder", default="reference/errors", help="with --into: where it goes")
    new.add_argument(
        "--title",
        help="the site's name (default: API error codes, in the site's language); with --into, the reference's"
        " (default: Error codes, in the site's language)",
    )
    new.add_argument("--force", action="store_true", help="write into DIR even if it has files")
    new.add_argument(
        "--language",
        metavar="LANG",
        help="the site's language, as Material's theme.language names it (ja, de, pt-BR): its words and"
        f" errcat's, and its home page's (errcat has words for {', '.join(languages())}; default: en)",
    )

    imported = commands.add_parser(
        "import",
        help="write catalog.yaml and published-codes.txt here from a Markdown table, a CSV file, or the JSON or"
        " YAML file the API's own code reads (which the check then follows)",
    )
    imported.add_argument(
        "table",
        metavar="SOURCE",
        type=Path,
        nargs="?",
        help="a Markdown file with a table, a .csv file, or a .json, .yaml or .yml file (with --update: the"
        " source mkdocs.yml records, if not given)",
    )
    for name in COLUMN_NAMES:
        option = name.replace("_", "-")
        imported.add_argument(
            f"--{option}-column",
            dest=name,
            metavar="HEADER",
            help=f"the header of the {option} column, or the name of a record's {option} field",
        )
    add_source_arguments(imported)
    imported.add_argument("--code-type", choices=[INTEGER, TEXT], help="default: integer if every code is one")
    imported.add_argument(
        "--category", dest="default_category", default="Errors", help="the category of codes the table gives none"
    )
    imported.add_argument("--title", default="the API", help="what the catalog's header calls the API")
    imported.add_argument("--force", action="store_true", help="overwrite catalog.yaml and published-codes.txt")

    check = commands.add_parser("check", help="check the catalog; exit status 1 if it has problems")
    check.add_argument(
        "catalog",
        nargs="?",
        type=Path,
        help="the catalog; docs/ is read beside it (default: every catalog the errcat entries of the site's"
        " config file name, with their options, or ./catalog.yaml where there is none)",
    )
    check.add_argument(
        "--published", type=Path, help=f"the published record (default: {PUBLISHED_NAME} beside the catalog)"
    )
    check.add_argument(
        "--publishing",
        action="store_true",
        help="the check of a build that publishes the site: the record may no longer mark samples (# sample)",
    )
    _add_config_file_option(check)

    diff = commands.add_parser(
        "diff",
        help="print, in Markdown, what the working tree's catalog changes since git revision REV",
        description="Compare the catalog at git revision REV (a commit or a branch) with the working tree's,"
        " and print one Markdown line per changed code or category, for a pull request's comment or a CI"
        " job summary. Run it in the site's folder: it reads mkdocs.yml for the catalog and site_url.",
    )
    diff.add_argument("revision", metavar="REV", help="the git revision to compare with, such as origin/main")
    diff.add_argument("--base-url", help="the site the links open (default: site_url of mkdocs.yml)")
    _add_config_file_option(diff)

    client = commands.add_parser(
        "client",
        help="write a client package of the site's codes into OUT: python or typescript",
        description="Write a package that looks codes up (code -> message, description, documentation URL),"
        " for Python (pip) or TypeScript (npm), from the catalog of the site in this folder (its mkdocs.yml).",
    )
    client.add_argument("language", choices=sorted(CLIENT_LANGUAGES), metavar="LANGUAGE", help="python or typescript")
    client.add_argument("out", metavar="OUT", type=Path, help="the folder to write the package into")
    client.add_argument(
        "--name", required=True, help="the package's name (such as acme_errors for Python, acme-errors for npm)"
    )
    client.add_argument("--version", help="the package's version (default: from the catalog's last commit)")
    client.add_argument(
        "--base-url",
        help="the published site's address, which each code's documentation URL starts with (default: site_url)",
    )
    client.add_argument("--catalog", help="which catalog, where mkdocs.yml names several (its path)")
    client.add_argument("--force", action="store_true", help="write into OUT even if it has files")
    _add_config_file_option(client)

    for name, does in (("build", "build the site into its site_dir"), ("serve", "serve the site while you write it")):
        command = commands.add_parser(
            name,
            help=f"{does}, with MkDocs (default) or Zensical",
            description=f"{does[0].upper()}{does[1:]}: the site of ./mkdocs.yml (or -f FILE), which names errcat."
            f" Without --engine, with MkDocs (python -m mkdocs {name}, whose errcat plugin adds the reference);"
            f" with --engine zensical, with Zensical (python -m zensical {name}), on a copy of the site that"
            " errcat stages outside it with the reference's pages and files (docs/engines.md).",
        )
        command.add_argument(
            "--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}"
        )
        _add_config_file_option(command)
        if name == "build":
            command.add_argument("-s", "--strict", action="store_true", help="fail on the engine's warnings")
        else:
            command.add_argument(
                "-a", "--dev-addr", metavar="IP:PORT", help="where to serve (default: the engine's, localhost:8000)"
            )

    arguments = parser.parse_args(argv)
    if arguments.command in ("build", "serve"):
        return _engine(arguments)
    if arguments.command == "new":
        return _new(arguments)
    if arguments.command == "import":
        return _import(arguments)
    if arguments.command == "diff":
        return _diff(arguments)
    if arguments.command == "client":
        return _client(arguments)
    return _check(arguments)


class _Version(argparse.Action):
    """--version: one line, never wrapped (argparse's own wraps a long path at the terminal's width)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(version_line())
        parser.exit()


def version_line() -> str:
    """`errcat 0.3.0 from /path/to/errcat`: the version installed, and where it runs from, as pip says it."""
    try:
        number = metadata.version("errcat")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        number = "(not installed)"
    return f"errcat {number} from {Path(__file__).resolve().parents[1]}"


def _add_config_file_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        type=Path,
        help="the site's MkDocs config file, as mkdocs build -f takes it (default: mkdocs.yml, else mkdocs.yaml,"
        " in the current folder)",
    )


def _engine(arguments: argparse.Namespace) -> int:
    try:
        site = read_site_config(Path.cwd(), arguments.config_file)  # found as MkDocs finds it
        if site.path is None:
            raise ConfigError(f"there is no {' or '.join(CONFIG_NAMES)} here: run it in the site's folder, or give -f")
    except ConfigError as error:
        print(f"errcat {arguments.command}: {error}", file=sys.stderr)
        return 1
    commands = engine_commands(arguments.engine)
    if arguments.command == "build":
        return commands.build(site.path, arguments.strict)
    return commands.serve(site.path, arguments.dev_addr)


def _new(arguments: argparse.Namespace) -> int:
    if arguments.into is not None:
        return _new_into(arguments)
    if arguments.folder is None:
        print("errcat new: give DIR, the folder of the new site (or --into SITE)", file=sys.stderr)
        return 2
    language = arguments.language
    if language is not None and not LANGUAGE_TAG.fullmatch(language):
        print(
            f"errcat new: --language takes a language as Material names it (ja, de, pt-BR), found {language!r}",
            file=sys.stderr,
        )
        return 2
    try:
        written = new_site(arguments.folder, arguments.title, arguments.force, language)
    except FileExistsError as error:
        print(f"errcat new: {error}", file=sys.stderr)
        return 1
    note = words_for(language)[1]
    if note:
        print(f"errcat new: {note}")
    print(f"wrote {len(written)} files into {arguments.folder}: a site that builds as it is, with three sample codes")
    print(
        f"next: cd {arguments.folder} && mkdocs serve, and lock requirements.txt once with the README's third command"
    )
    note = local_install_note()
    if note:
        print(note)
    return 0


def _new_into(arguments: argparse.Namespace) -> int:
    from .scaffold import IntoError, add_to_site

    try:
        folder = site_folder(arguments.reference_folder).rstrip("/")
        written, added = add_to_site(arguments.into, folder, arguments.title or _reference_title(arguments.into))
    except (IntoError, OptionError) as error:
        print(f"errcat new --into: {error}", file=sys.stderr)
        return 1
    print(f"added to {arguments.into}:")
    for path in written:
        print(f"  {path.relative_to(arguments.into).as_posix()}")
    print("  mkdocs.yml, these lines under plugins: (nothing else of it changed)")
    print("".join(f"    {line}\n" for line in added.splitlines()), end="")
    print(f"The reference is at /{folder}/; name its index in your nav to nest it there.")
    return 0


def _reference_title(site: Path) -> str:
    """errcat's title for a reference, in the language of the site in `site` (English if it has none)."""
    from .siteconfig import _load_yaml

    try:
        theme = _load_yaml(site / CONFIG_NAMES[0]).get("theme")
    except ConfigError:
        theme = None
    language = theme_language(theme if isinstance(theme, dict) else {})[0]
    return words_for(language)[0].text("reference.title")


def _import(arguments: argparse.Namespace) -> int:
    if arguments.update:
        return update(arguments)
    if arguments.table is None:
        print("errcat import: give SOURCE, the table or file to import (or --update)", file=sys.stderr)
        return 2
    if arguments.format or source_format(arguments.table.name):
        return import_source(arguments)
    if arguments.records or arguments.category_prefix or arguments.category_digits:
        print("errcat import: --records and --category-prefix/-digits are for a JSON or YAML source", file=sys.stderr)
        return 2
    targets = [Path(CATALOG_NAME), Path(PUBLISHED_NAME)]
    samples = holds_only_samples(*targets)  # errcat new's, untouched: the table replaces them
    existing = [str(path) for path in targets if path.exists() and not samples]
    if existing and not arguments.force:
        print(f"errcat import: {' and '.join(existing)} exist already; pass --force to overwrite", file=sys.stderr)
        return 1
    columns = {name: getattr(arguments, name) for name in COLUMN_NAMES if getattr(arguments, name)}
    try:
        table = read_table(arguments.table, columns, arguments.code_type, str(arguments.table))
    except (OSError, UnicodeDecodeError) as error:
        print(f"errcat import: cannot read {arguments.table}: {error}", file=sys.stderr)
        return 1
    if table.problems:
        print(format_problems(table.problems).replace("error-code catalog", "table"), file=sys.stderr)
        print("errcat import: nothing written", file=sys.stderr)
        return 1
    catalog, record = catalog_text(
        table.entries, arguments.title, slug(arguments.default_category), arguments.default_category
    )
    targets[0].write_text(catalog, encoding="utf-8")
    targets[1].write_text(record, encoding="utf-8")
    replaced = " in place of errcat new's samples" if samples else ""
    print(f"wrote {CATALOG_NAME} and {PUBLISHED_NAME}{replaced}: {len(table.entries)} codes from {arguments.table}")
    return 0


def _check(arguments: argparse.Namespace) -> int:
    if arguments.config_file is not None and (arguments.catalog is not None or arguments.published is not None):
        print("errcat check: give either a config file (-f) or a catalog (and --published), not both", file=sys.stderr)
        return 2
    if arguments.catalog is None and arguments.published is None:
        # In a site's folder: what its build checks, each catalog with its entry's options.
        try:
            site = read_site_config(Path.cwd(), arguments.config_file)
        except ConfigError as error:
            print(f"errcat check: {error}", file=sys.stderr)
            return 1
        checks = [(instance.project, site.docs_dir, instance.schema) for instance in site.instances]
    else:
        path: Path = arguments.catalog or Path(CATALOG_NAME)
        published: Path = arguments.published or path.parent / PUBLISHED_NAME
        # Each file named as it was given, from the folder the command runs in.
        here = Path.cwd()
        project = Project(here, _as_given(path, here), _as_given(published, here))
        checks = [(project, path.resolve().parent / "docs", Schema())]
    status = 0
    for project, docs_dir, schema in checks:
        started = time.perf_counter()
        catalog, problems = check_project(project, docs_dir, schema, publishing=arguments.publishing)
        if problems:
            print(format_problems(problems), file=sys.stderr)
            status = 1
            continue
        assert catalog is not None
        codes, categories = len(catalog.codes()), len(catalog.categories)
        print(
            f"{project.catalog}: {codes} {'code' if codes == 1 else 'codes'} in {categories}"
            f" {'category' if categories == 1 else 'categories'}, no problems"
            f" ({time.perf_counter() - started:.2f} s)"
        )
    return status


def _diff(arguments: argparse.Namespace) -> int:
    try:
        site = read_site_config(Path.cwd(), arguments.config_file)
    except ConfigError as error:
        print(f"errcat diff: {error}", file=sys.stderr)
        return 1
    base_url = arguments.base_url or site.site_url
    parts = []
    for instance in site.instances:
        try:
            text = _review(instance, site.docs_dir, arguments.revision, base_url)
        except _Refused as refused:
            print(refused, file=sys.stderr)
            return 1
        parts.append(text)
    print("\n".join(parts), end="")
    return 0


CLIENT_LANGUAGES = ("python", "typescript")


def _client(arguments: argparse.Namespace) -> int:
    # Imported here: the packages' writers render Markdown, which `errcat check` (and the
    # pre-commit hook, which installs only what the check needs) never does.
    from ..clients import ClientError, client_data, version_from_history, write_package
    from ..clients.python import python_package
    from ..clients.typescript import typescript_package

    writers = {"python": python_package, "typescript": typescript_package}
    try:
        site = read_site_config(Path.cwd(), arguments.config_file)
        if site.path is None:
            raise ClientError(
                "there is no mkdocs.yml or mkdocs.yaml here: run errcat client in the site's folder, or name"
                " the site's config file with -f"
            )
        instance = _chosen(site.instances, arguments.catalog)
        version = arguments.version or version_from_history(instance)
        files = writers[arguments.language](client_data(site, instance, arguments.base_url), arguments.name, version)
        written = write_package(arguments.out, files, arguments.force)
    except (ConfigError, ClientError) as error:
        print(f"errcat client: {error}" if "\n" not in str(error) else str(error), file=sys.stderr)
        return 1
    print(
        f"wrote the {arguments.language} package {arguments.name} {version} into {arguments.out}: {len(written)} files"
    )
    return 0


def _chosen(instances: tuple[Instance, ...], catalog: str | None) -> Instance:
    from ..clients import ClientError

    if catalog is not None:
        found = [instance for instance in instances if instance.project.catalog == Path(catalog).as_posix()]
        if not found:
            names = ", ".join(instance.project.catalog for instance in instances)
            raise ClientError(f"mkdocs.yml names no catalog {catalog} (it names {names})")
        return found[0]
    if len(instances) > 1:
        names = ", ".join(instance.project.catalog for instance in instances)
        raise ClientError(f"mkdocs.yml names several catalogs ({names}): say which with --catalog")
    return instances[0]


class _Refused(Exception):
    """What `errcat diff` prints instead of a review: problems, or git's refusal."""


def _review(instance: Instance, docs_dir: Path, revision: str, base_url: str | None) -> str:
    """The review of one catalog of the site, or _Refused."""
    project = instance.project
    schema = instance.schema
    catalog, problems = check_project(project, docs_dir, schema)
    if problems:
        raise _Refused(format_problems(problems))
    assert catalog is not None
    try:
        data = file_at_revision(project.root, revision, project.catalog)
    except GitError as error:
        raise _Refused(f"errcat diff: {error}") from None
    old: Catalog | None = None
    if data is not None:
        old, problems = read_catalog_bytes(data, f"{revision}:{project.catalog}", schema)
        if old is None:
            raise _Refused(format_problems(problems))
    writer = ReviewWriter(catalog, old, instance.urls, base_url)
    return review(compare(old, catalog), writer, project.catalog, revision)


def _as_given(path: Path, here: Path) -> str:
    """A path of the command line as messages name it: as given, or (given absolute) from `here`, when under it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(here).as_posix()
    except ValueError:
        return path.as_posix()
