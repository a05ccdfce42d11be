"""The project Zensical builds: the site's docs and everything errcat adds to them, staged
with a configuration that names them, in a folder outside the site's repository.

Zensical reads mkdocs.yml and builds Material sites, but runs none of MkDocs' plugins, so
errcat's pages reach it through what it documents: files of its docs_dir (a category page
as its front matter and a line that stands for its finished HTML; the index page as the
author's Markdown with such a line in place of the marker; catalog.json, the feed and the
other files as they are), a Markdown extension that puts each finished part in its page
(finished.py), extra_css and extra_javascript for the script and style sheet, and a theme
override (`custom_dir`, `main.html`'s `extrahead` block) for what every page's head gets.
A build's permanent pages are rendered and compared while Zensical builds, and written by
`publish` straight into the site_dir; `serve` stages them as static .html files.

Nothing is written into the site: the staged folder is under the system's temporary
folder, one per site (and one more for `serve`, whose output is not a build's), kept from
one build to the next so that only what changed is written again. The site's own docs are
linked into it, not copied (a hard link, else a symbolic link). Zensical refuses a site_dir
outside the configuration's folder, so it builds into the staged folder, and `publish`
copies what changed into the site's own site_dir.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from ...catalog.paths import FAVICON, Urls
from ...commands.siteconfig import PLUGIN_NAME, ConfigError, PythonTag, SiteConfig, read_site_config
from ...reference import Reference, missing_marker_hint, problem_report, sharing_problem, with_marker
from ...render import ASSET_FILES, INDEX_MARKER, NOT_FOUND_MARK, SCRIPT, STYLESHEET, THEME_TEMPLATES, RenderCache
from ...render.site import SiteBuild, asset_collisions
from .finished import NAME as FINISHED
from .finished import Parts

STAGING = "errcat-zensical"  # under the system's temporary folder
CONFIG = "mkdocs.yml"
OVERRIDES = "overrides"  # the staged theme.custom_dir
OUTPUT = "site"  # Zensical's site_dir, in the staged folder
# Beside them, dotted: no site's docs_dir has these names.
PARTS = ".errcat-parts"  # the finished parts of the staged pages (finished.py)
KEY = ".errcat-key"  # the key of the staged pages' markers (finished.py)
SITE_MAIN = "errcat-site-main.html"  # the site's own main.html, which errcat's extends
TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "errcat-page.html"  # the template of the pages errcat writes
ROOT = "\0errcat-root\0"  # where a page's head links the site's root, replaced in the template


def staging_folder(config_file: Path, purpose: str = "build") -> Path:
    """The folder a site is staged in, for `purpose` (build, serve): the same for a site every time.

    Under the system's temporary folder, in a folder of this user's own (`errcat-zensical-<uid>`,
    made readable by this user alone): another user of the machine cannot lay a link there
    in advance for errcat to write or delete through. Raises ConfigError where that folder
    is a link, another user's, or open to others.
    """
    path = config_file.resolve()
    key = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    mine = Path(tempfile.gettempdir()) / f"{STAGING}-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        mine.mkdir(mode=0o700)
    status = mine.lstat()
    if stat.S_ISLNK(status.st_mode) or not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        raise ConfigError(f"{mine} is not a folder of this user's: errcat will not stage a site there")
    if status.st_mode & 0o077:
        raise ConfigError(f"{mine} is open to other users (chmod 700 it, or remove it): errcat will not stage there")
    return mine / f"{path.parent.name}-{key}-{purpose}"


@dataclass
class _Compared:
    """The site_dir (`target`) and its files (`there`) before a build's output is written, what
    the build makes (`built`) and the permanent pages that changed (`changed`: path, bytes)."""

    target: Path
    there: set[str]
    built: set[str] = field(default_factory=set)
    changed: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass
class Staged:
    """What `Stage.update` made: the report of the site's problems (then nothing was staged),
    or the notes a build prints (a home page without the marker)."""

    report: str | None = None
    notes: list[str] = field(default_factory=list)


class Stage:
    """One site, staged for Zensical; kept from one update to the next under `serve`."""

    def __init__(self, config_file: Path, purpose: str = "build", extension: bool = True) -> None:
        """`extension`: the Zensical that builds can import errcat's Markdown extension (it runs
        in this Python), so the finished HTML reaches the pages through it (finished.py)."""
        self.config_file = config_file.resolve()
        self.extension = extension
        self.root = self.config_file.parent
        self.folder = staging_folder(self.config_file, purpose)
        self.caches: dict[int, RenderCache] | None = {} if purpose == "serve" else None
        # The references whose permanent pages a build writes into site_dir itself, beside
        # Zensical's output (`compare_permanent`, `publish`): thousands of static files Zensical
        # would only copy. `serve` stages them, to serve them.
        self.beside: list[SiteBuild] | None = [] if purpose == "build" else None
        self._compared: _Compared | None = None
        # Under `serve`, the last update's parts stay one update more: Zensical may be rendering
        # a page staged before, whose marker names one.
        self._last_parts: dict[str, str] | None = {} if purpose == "serve" else None
        self.site_dir = self.root / "site"  # the site's own, from its mkdocs.yml at each update
        self.docs_dir = self.root / "docs"  # likewise
        self.inputs: list[Path] = [self.config_file]  # what an update read: `serve` watches them
        self._written: dict[Path, str] = {}  # what this process wrote where: the digest of its bytes
        self._linked: dict[Path, tuple[int, int, int]] = {}  # what it linked: the source's inode, time, size

    def _key(self) -> str:
        """The staging folder's own random key, made once (finished.py's markers carry it)."""
        path = self.folder / KEY
        try:
            key = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            key = ""
        if not re.fullmatch(r"[0-9a-f]{32}", key):
            key = secrets.token_hex(16)
            self._write(path, key)
        return key

    @property
    def config_path(self) -> Path:
        return self.folder / CONFIG

    @property
    def output(self) -> Path:
        return self.folder / OUTPUT

    def update(self) -> Staged:
        """Stage the site as it is now: check and render every reference, then write what
        changed. With a problem anywhere, nothing is staged and the report says what."""
        try:
            site = read_site_config(self.root, self.config_file)
        except ConfigError as error:
            return Staged(f"errcat: {error}")
        settings = site.settings
        site_name = str(settings.get("site_name") or "")
        site_url = site.site_url
        references = [instance.reference for instance in site.instances]
        names = [instance.name for instance in site.instances]
        for index, reference in enumerate(references):
            for other in range(index):
                shared = reference.shared_with(references[other])
                if shared:
                    return Staged(sharing_problem(names[index], names[other], shared))
        own = dict(_site_files(site.docs_dir))
        self.site_dir = self.root / str(settings.get("site_dir") or "site")
        self.docs_dir = site.docs_dir
        custom_dir = _custom_dir(settings, self.root)
        watched = [self.root / path for path in _listed(settings.get("watch")) if isinstance(path, str)]
        self.inputs = [self.config_file, site.docs_dir, *([custom_dir] if custom_dir else []), *watched]
        builds: list[SiteBuild] = []
        for index, reference in enumerate(references):
            self.inputs += reference.inputs()
            cache = self.caches.setdefault(index, RenderCache()) if self.caches is not None else None
            build = reference.build(site.docs_dir, site_name, site_url, cache, _favicon(settings))
            problems = build.problems or build.collisions(own)
            if index == 0:
                problems = problems or asset_collisions(own)
            if problems:
                return Staged(problem_report(problems, reference.project))
            builds.append(build)
        staged = Staged()
        if references[0].language_note:
            staged.notes.append(references[0].language_note)
        docs: dict[str, str | Path] = dict(own)
        parts = Parts(inline=not (self.extension and _extensible(settings)), key=self._key())
        for reference, build, name in zip(references, builds, names, strict=True):
            note = reference.short_name_note(site_name) if site_url else None
            if note:
                staged.notes.append(f"{name}: {note}")
            edit_url = _edit_url(settings, site.docs_dir, reference.project.catalog_path)
            docs.update(_reference_files(reference, build, own, name, edit_url, parts, staged.notes))
        if self.beside is None:
            docs.update((page.path, page.content) for build in builds for page in build.permalink_pages())
        else:
            self.beside = builds
        docs.update(ASSET_FILES)
        # The parts before the pages that name them: Zensical may render a page as it is written.
        if self._last_parts is None:
            self._sync(self.folder / PARTS, parts.files)
        else:
            self._sync(self.folder / PARTS, {**self._last_parts, **parts.files})
            self._last_parts = parts.files
        self._sync(self.folder / _docs_name(site), docs)
        self._sync(self.folder / OVERRIDES, _overrides(custom_dir, references, builds))
        self._write(self.config_path, _config_text(self._config(site, references, builds, parts)))
        return staged

    def compare_permanent(self) -> None:
        """Render a build's permanent pages and compare them with the site_dir's, for `publish`
        to write those that changed: a build runs this while Zensical builds (the machine's
        other core). Nothing is written: a failed build leaves the site_dir as it was."""
        target = self.site_dir.resolve()
        if self.root.is_relative_to(target) or target.is_relative_to(self.docs_dir.resolve()):
            raise ConfigError(f"site_dir {target} holds the site or is in its docs_dir: errcat will not write there")
        compared = _Compared(target, set(_relative_files(target)))  # one walk, at thousands of files
        for page in (page for build in self.beside or [] for page in build.permalink_pages()):
            compared.built.add(page.path)
            data = page.content.encode("utf-8")
            if page.path in compared.there:
                with open(os.path.join(target, page.path), "rb") as file:
                    if file.read() == data:
                        continue
            compared.changed.append((page.path, data))
        self._compared = compared

    def publish(self) -> int:
        """Write Zensical's output and the permanent pages into the site's own site_dir, as a
        build leaves it: only the files that changed, and without those no longer built;
        returns how many were written."""
        if self._compared is None:
            self.compare_permanent()
        assert self._compared is not None
        compared, self._compared = self._compared, None
        target, there, built = compared.target, compared.there, compared.built
        for path, data in compared.changed:
            destination = os.path.join(target, path)
            if path not in there:
                os.makedirs(os.path.dirname(destination), exist_ok=True)
            with open(destination, "wb") as file:
                file.write(data)
        copied = len(compared.changed)
        for path in _relative_files(self.output):
            built.add(path)
            source, destination = os.path.join(self.output, path), os.path.join(target, path)
            made = os.stat(source)
            if path in there:
                old = os.stat(destination)
                if old.st_size == made.st_size and old.st_mtime_ns == made.st_mtime_ns:
                    continue
            else:
                os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copy2(source, destination)
            copied += 1
        emptied: set[str] = set()
        for path in there - built:
            # As MkDocs empties a site_dir: what was not built goes, hidden files (.nojekyll) stay.
            if not any(part.startswith(".") for part in path.split("/")):
                os.unlink(os.path.join(target, path))
                emptied.add(os.path.dirname(path))
        for folder in sorted(emptied, key=len, reverse=True):  # and the folders they leave empty
            while folder and os.path.isdir(where := os.path.join(target, folder)) and not os.listdir(where):
                os.rmdir(where)
                folder = os.path.dirname(folder)
        return copied

    # --- writing only what changed -----------------------------------------------------

    def _sync(self, folder: Path, files: Mapping[str, str | Path]) -> None:
        """Make `folder` hold exactly `files` (path: text, or a file to link), writing only what changed."""
        wanted = {folder / path for path in files}
        for path, what in files.items():
            target = folder / path
            if isinstance(what, Path):
                self._link(what, target)
            else:
                self._write(target, what)
        for old in [folder / path for path in _relative_files(folder)]:
            if old not in wanted:
                old.unlink()
                self._written.pop(old, None)
                self._linked.pop(old, None)
        _remove_empty_folders(folder)

    def _link(self, source: Path, target: Path) -> None:
        """`target` as the same file as `source`: a hard link (no copy: the fastest way to stage
        a folder of docs), else, across file systems, a symbolic link. Made again when the
        source changed since it was made (an edit in place changes the linked file too, but
        Zensical's watcher only sees a change made in the staged folder)."""
        status = source.stat()
        made = (status.st_ino, status.st_mtime_ns, status.st_size)
        if self._linked.get(target) == made and os.path.lexists(target):
            return
        if os.path.lexists(target):
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            os.symlink(source, target)
        self._linked[target] = made

    def _write(self, path: Path, text: str) -> None:
        """`path` holding `text`, written only if it does not; never through a link to a site's file."""
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        try:
            status = path.lstat()
        except FileNotFoundError:
            status = None
        ours = status is not None and stat.S_ISREG(status.st_mode) and status.st_nlink == 1
        if ours and (self._written.get(path) == digest or path.read_bytes() == data):
            self._written[path] = digest
            return
        if status is not None:
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._written[path] = digest

    # --- the configuration -------------------------------------------------------------

    def _config(
        self, site: SiteConfig, references: list[Reference], builds: list[SiteBuild], parts: Parts
    ) -> dict[str, Any]:
        """The site's mkdocs.yml as Zensical is to read it: the staged folders, the nav with
        the categories, errcat's script and style sheet; no errcat entry, no hooks."""
        config = {key: value for key, value in site.settings.items() if key != "hooks"}
        config["plugins"] = _without_errcat(config.get("plugins"))
        # Relative to the staged folder: Zensical 0.0.73 stops on an absolute docs_dir or site_dir.
        config["docs_dir"] = _docs_name(site)
        config["site_dir"] = OUTPUT
        theme = config.get("theme")
        theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
        theme["custom_dir"] = OVERRIDES
        config["theme"] = theme
        # errcat watches the site's `watch:` itself, with its other inputs, and stages again:
        # Zensical 0.0.73 reloads its whole configuration for a change there, and stops serving
        # while it does.
        config.pop("watch", None)
        nav = config.get("nav")
        if isinstance(nav, list):
            for reference, build in zip(references, builds, strict=True):
                nav = build.nav_with_categories(nav, reference.title)
            config["nav"] = nav
        if not parts.inline:
            extension = {FINISHED: {"folder": str(self.folder / PARTS), "key": parts.key}}
            extensions = config.get("markdown_extensions")
            if isinstance(extensions, dict):
                config["markdown_extensions"] = {**extension, **extensions}
            else:  # a list, or none (null: Zensical's toc and tables, as MkDocs has)
                config["markdown_extensions"] = [extension, *(extensions or [])]
        config["extra_css"] = [*_listed(config.get("extra_css")), STYLESHEET]
        config["extra_javascript"] = [*_listed(config.get("extra_javascript")), SCRIPT]
        extra = dict(config["extra"]) if isinstance(config.get("extra"), dict) else {}
        extra["errcat_indexes"] = [  # for the 404 page
            {"folder": reference.urls.folder, "title": reference.title} for reference in references
        ]
        extra["errcat_words"] = references[0].words.for_missing_page()  # its words, in the site's language
        config["extra"] = extra
        return config


# --- what a reference adds to the staged docs --------------------------------------------


def _reference_files(
    reference: Reference,
    build: SiteBuild,
    own: Mapping[str, Path],
    name: str,
    edit_url: str | None,
    parts: Parts,
    notes: list[str],
) -> Iterator[tuple[str, str]]:
    """Every file `reference` adds to the staged docs (path, text), but its permanent pages:
    its index page and its pages, their finished HTML placed by `parts`, and its files."""
    urls = reference.urls
    index = urls.index_src
    page = own.get(index)
    if page is not None or urls.folder:
        text = page.read_text(encoding="utf-8") if page is not None else reference.index_page()
        text, marked = with_marker(text, markdown=True)
        if not marked and not urls.folder:
            notes.append(missing_marker_hint(name, index))
        yield index, text.replace(INDEX_MARKER, f"\n\n{parts.place(build.index_table)}\n\n", 1)
    for generated in build.files:
        if generated.body is None:
            yield generated.path, generated.content
        else:  # a page: its front matter, then its finished HTML, which Markdown leaves as it is
            body = _links_from_source(generated.body.html, generated.path, urls.directory_urls)
            # Its template, and the catalog for its edit button: a category's page is made from it.
            meta = {"template": PAGE_TEMPLATE}
            if generated.category is not None and edit_url:
                meta["errcat_edit_url"] = edit_url
            front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
            matter = generated.content.removeprefix("---\n")
            yield generated.path, f"---\n{front}{matter}\n{parts.place(body, generated.body.toc)}\n"


def _links_from_source(html: str, source: str, directory_urls: bool) -> str:
    """A page's HTML, its relative links written from its source file rather than its address.

    The renderer links as the browser resolves a link: from the page's address, which MkDocs
    leaves alone in HTML. Zensical resolves every relative link of a page's content from the
    page's Markdown file (as MkDocs does a Markdown link) and writes it again for the page's
    address: with directory URLs `billing.md` is at `billing/`, a folder deeper than its file.
    """
    if not directory_urls or source.rsplit("/", 1)[-1] == "index.md":
        return html
    folder = source.rsplit("/", 1)[-1].removesuffix(".md") + "/"

    def from_source(match: re.Match[str]) -> str:
        link = match.group(2)
        if _ABSOLUTE.match(link):
            return match.group(0)
        cut = min((at for at in (link.find("?"), link.find("#")) if at >= 0), default=len(link))
        path, rest = link[:cut], link[cut:]
        resolved = posixpath.normpath(folder + path) + ("/" if path.endswith("/") or not path else "")
        return f'{match.group(1)}{resolved}{rest}"'

    return _LINK.sub(from_source, html)


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|$")  # a scheme, the host's root, or this page


def _overrides(custom_dir: Path | None, references: list[Reference], builds: list[SiteBuild]) -> dict[str, str | Path]:
    """The staged theme.custom_dir: the site's own overrides, errcat's 404 page unless the site
    has its own, and a main.html that adds errcat's head to every page (extending the site's
    own main.html, when it has one)."""
    files: dict[str, str | Path] = dict(_site_files(custom_dir)) if custom_dir else {}
    base = "base.html"
    if "main.html" in files:
        files[SITE_MAIN] = files.pop("main.html")
        base = SITE_MAIN
    ours = THEME_TEMPLATES / "404.html"
    if any(not reference.urls.folder for reference in references):  # as on MkDocs (plugin.py)
        files.setdefault("404.html", ours)
    files[PAGE_TEMPLATE] = TEMPLATES / PAGE_TEMPLATE
    files["main.html"] = _main_template(base, references, builds, files.get("404.html") != ours)
    return files


def _main_template(base: str, references: list[Reference], builds: list[SiteBuild], mark_404: bool = False) -> str:
    """main.html: every page's head gets what errcat adds on MkDocs (the facts errcat.js reads,
    the feed and search links, the early scripts), as each reference's renderer writes it.

    The renderer writes the head with the site's root as a page links it; the template puts
    in each page's own (`base_url`: `..` from a page one folder deep, the host's path on the
    404 page). A reference's index page (where ?q= filters the table) is known by its URL.
    With `mark_404` (the 404 page is not errcat's), the 404 page, the one without a URL, gets
    the mark errcat.js reads (NOT_FOUND_MARK).
    """
    lines = [
        "{#- Written by errcat for Zensical: what errcat adds to every page's head. -#}",
        f"{{% extends {json.dumps(base)} %}}",
        "{% block extrahead %}",
        "{{ super() }}",
        '{%- set errcat_root = (base_url ~ "/") | replace("//", "/") %}',
    ]
    for position, (reference, build) in enumerate(zip(references, builds, strict=True)):
        renderer = build.renderer
        assert renderer is not None, "a build without problems has its renderer"
        first = position == 0
        plain, index = renderer.page_head(ROOT, False, first), renderer.page_head(ROOT, True, first)
        lines += [
            f"{{% if page.url is defined and page.url == {json.dumps(_index_url(reference.urls))} %}}",
            _literal(index),
            "{% else %}",
            _literal(plain),
            "{% endif %}",
        ]
    if mark_404:
        lines += ["{% if page.url is not defined %}", _literal(NOT_FOUND_MARK), "{% endif %}"]
    lines.append("{% endblock %}")
    return "\n".join(lines) + "\n"


def _literal(head: str) -> str:
    """The renderer's text as template text: each part a string literal (JSON's escapes read
    the same in MiniJinja and Jinja2), the page's root between them."""
    return "{{ errcat_root }}".join("{{ " + json.dumps(part) + " | safe }}" for part in head.split(ROOT))


def _index_url(urls: Urls) -> str:
    """The URL (from the site's root) of a reference's index page, as a page's `url` says it."""
    return urls.folder if urls.directory_urls else urls.folder + "index.html"


# --- the site's files and settings -------------------------------------------------------


def _site_files(folder: Path | None) -> Iterator[tuple[str, Path]]:
    """Every file under `folder` (path relative to it, as a source path; the file)."""
    if folder is None or not folder.is_dir():
        return
    for path in _relative_files(folder):
        yield path, folder / path


def _relative_files(folder: Path) -> Iterator[str]:
    """Every file under `folder`, in order, as its path from it ("a/b.html"): strings, as a
    site_dir has thousands."""
    for directory, folders, files in os.walk(folder):
        folders.sort()
        relative = os.path.relpath(directory, folder)
        for name in sorted(files):
            yield name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")


def _remove_empty_folders(folder: Path) -> None:
    for directory, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        if directory != str(folder) and not os.listdir(directory):
            os.rmdir(directory)


def _docs_name(site: SiteConfig) -> str:
    """The staged docs_dir's name: the site's own, when it is a folder of the site (so that what
    Zensical derives from it, such as an edit link's path, is the same)."""
    try:
        return site.docs_dir.resolve().relative_to(site.root.resolve()).as_posix()
    except ValueError:
        return "docs"


def _edit_url(settings: Mapping[str, Any], docs_dir: Path, catalog: Path) -> str | None:
    """Where the site's repository edits `catalog`, as MkDocs makes a page's edit link (repo_url,
    edit_uri from the docs folder, GitHub's and GitLab's default); None without a repository."""
    repo_url, edit_uri = settings.get("repo_url"), settings.get("edit_uri")
    if not isinstance(repo_url, str) or not repo_url:
        return None
    if not isinstance(edit_uri, str):
        if urlsplit(repo_url).hostname not in ("github.com", "gitlab.com"):
            return None
        edit_uri = "edit/master/docs/"
    if not edit_uri:
        return None
    base = edit_uri if urlsplit(edit_uri).scheme else f"{repo_url.rstrip('/')}/{edit_uri.lstrip('/')}"
    parts = urlsplit(f"{base.rstrip('/')}/{Path(os.path.relpath(catalog, docs_dir)).as_posix()}")
    return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))


def _favicon(settings: Mapping[str, Any]) -> str:
    """The favicon Zensical serves: theme.favicon, or its default (Material's)."""
    theme = settings.get("theme")
    favicon = theme.get("favicon") if isinstance(theme, dict) else None
    return favicon if isinstance(favicon, str) and favicon else FAVICON


def _custom_dir(settings: Mapping[str, Any], root: Path) -> Path | None:
    theme = settings.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / custom if isinstance(custom, str) and custom else None


def _without_errcat(plugins: object) -> object:
    """`plugins:` without its errcat entries (a list, or a mapping as MkDocs also allows)."""
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN_NAME}
    if isinstance(plugins, list):
        return [
            item
            for item in plugins
            if item != PLUGIN_NAME and not (isinstance(item, dict) and list(item) == [PLUGIN_NAME])
        ]
    return plugins


def _extensible(settings: Mapping[str, Any]) -> bool:
    """Whether the site names its `markdown_extensions` (a list, a mapping, or null), so that
    one more keeps them; without the setting, Zensical uses defaults of its own instead."""
    return "markdown_extensions" in settings and isinstance(settings["markdown_extensions"], list | dict | None)


def _listed(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


class _Dumper(yaml.SafeDumper):
    """YAML as mkdocs.yml has it: a `!!python/name:` value written as the site wrote it."""


_Dumper.add_representer(PythonTag, lambda dumper, tag: tag.node)


def _config_text(config: Mapping[str, Any]) -> str:
    header = "# Written by errcat from the site's mkdocs.yml, for Zensical: edit that file, not this one.\n"
    return header + yaml.dump(dict(config), Dumper=_Dumper, sort_keys=False, allow_unicode=True)
