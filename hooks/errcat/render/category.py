"""The pages at a category's place: a category's page, the page a former category id keeps, and /changes/."""

from __future__ import annotations

import json

from ..catalog.model import Category, Code, ErrorCode
from ..catalog.paths import TITLE_ID
from ..history.changes import ChangeWriter, changes_page, commit_anchor
from .base import PageBody, RenderContext, Section, TocEntry, _heading_text

# Shown, in place of a description, with a code the catalog has none for yet (one brought
# from a source that has only messages); errcat never writes a description itself.
NO_DESCRIPTION = "No description yet."


class CategoryPages(RenderContext):
    """A category page, one section a code; the stub of a former category; the changes page."""

    # --- category pages ----------------------------------------------------------------

    def category_page(self, category: Category, moved_away: list[tuple[Category, ErrorCode]]) -> PageBody:
        """The content of one category page, as finished HTML: its description, one section
        per code, then an anchor for each code that moved away from it, leading to where it
        is now.

        Every heading carries a permalink, like the headings MkDocs renders from Markdown.
        The h1 has a fixed id: the slug of the title would be made of catalog text. A text
        code `top` would collide with it: the validation refuses a code of that name.
        """
        title = _heading_text(category.title)
        parts, searched = [self.heading(1, TITLE_ID, title)], [f'<h1 id="{TITLE_ID}">{title}</h1>']
        if category.description:
            intro = self.markup.block(category.description)
            parts.append(f'<div class="errcat-intro">\n{intro}\n</div>\n')
            searched.append(intro)
        entries = []
        for error in category.codes:
            section = self.code_section(category, error)
            parts.append(section.html)
            searched.append(section.search_html)
            entries.append(section.toc)
        ids = {TITLE_ID, *(entry.id for entry in entries)}
        if moved_away:
            items = "\n".join(self.moved_item(new_category, error) for new_category, error in moved_away)
            ids.update(str(error.code) for _, error in moved_away)
            # Out of the search index and the table of contents: codes are found where they are.
            parts.append(
                '<div class="errcat-moved" data-search-exclude>\n'
                f'<p class="errcat-label">{self.words.html("category.moved_away")}</p>\n'
                f"<ul>\n{items}\n</ul>\n</div>\n"
            )
        toc = (TocEntry(1, TITLE_ID, title, tuple(entries)),)
        return PageBody("\n".join(parts).rstrip("\n"), toc, frozenset(ids), "\n".join(searched))

    def front_matter(self, category: Category) -> str:
        """A category page's Markdown: only its title (its content is its PageBody).

        Material prints the front-matter title into <title> as it is, and would strip tags
        from (and so unescape) any other title: give it escaped text. The characters are
        written as they are: MkDocs reads front matter with libyaml, which refuses the
        escapes of a surrogate pair (an emoji's, as ASCII JSON writes it) and would leave
        the lines as Markdown; the catalog holds no character YAML cannot write.
        """
        return f"---\ntitle: {json.dumps(self.nav_title(category), ensure_ascii=False)}\n---\n"

    def code_section(self, category: Category, error: ErrorCode) -> Section:
        """A code's section, what search indexes of it, and its entry in the table of contents.

        The heading is a heading of its own, so that it is in the table of contents and is
        its own search entry; its id is exactly the code.
        """
        key = ("section", category.id, error, self._see_also_targets(error), self.dates(error.code))
        return self._reused(key, self._code_section, category, error)

    def _code_section(self, category: Category, error: ErrorCode) -> Section:
        words = self.words
        text = f"{error.code} {_heading_text(error.message)}"
        badge = self.badge(error, in_heading=True)
        message = self.escape(error.message)
        label = self.escape(self.names.message_label)
        status_and_note = self.status_and_note(error)
        description = self.markup.block(error.description) if error.description else ""
        http = (
            [f'<p class="errcat-http">{words.html("entry.http", status=f"<code>{error.http_status}</code>")}</p>']
            if error.http_status
            else []
        )
        lists = [
            *self.examples(error),
            *self.markdown_list("errcat-causes", words.html("entry.causes"), error.causes),
            *self.markdown_list("errcat-solutions", words.html("entry.solutions"), error.solutions),
        ]
        body = [
            self.heading(2, str(error.code), words.isolated(text) + badge, ' class="errcat-heading"'),
            f'<div class="errcat-entry" data-code="{error.code}">',
            f'<p class="errcat-message"><span>{label}</span> <code{self.ltr}>{message}</code></p>',
            *http,
            *self.dates_line(error.code),
            *status_and_note,
            f'<div class="errcat-description">{description}</div>'
            if description
            else f'<p class="errcat-description errcat-pending">{NO_DESCRIPTION}</p>',
            *lists,
            *self.see_also(category, error),
            "</div>\n",
        ]
        searched = [
            f'<h2 id="{error.code}">{text}</h2>',  # the badge is out of search
            f"<p>{label} <code>{message}</code></p>",
            *http,
            *status_and_note,
            *([description] if description else []),
            *lists,
        ]
        # The code and its message only: a status is a label, not part of the name.
        toc_title = words.isolated_text(text)
        return Section("\n".join(body), "\n".join(searched), TocEntry(2, str(error.code), toc_title))

    def _see_also_targets(self, error: ErrorCode) -> tuple[tuple[str, str], ...]:
        """What a code's section shows of the codes it refers to: their category and message."""
        targets = []
        for code in error.see_also:
            category, target = self.catalog.lookup(code)
            targets.append((category.id, target.message))
        return tuple(targets)

    def dates_line(self, code: Code) -> list[str]:
        """When the code appeared and last changed, small, under its message (no line without history)."""
        added, changed = self.dates(code)
        if added is None and changed is None:
            return []
        words = self.words
        if changed == added:
            changed = None
        added_html = f'<time datetime="{added}">{self.escape(words.date(added))}</time>' if added else ""
        changed_html = f'<time datetime="{changed}">{self.escape(words.date(changed))}</time>' if changed else ""
        if added and changed:
            text = words.html("entry.added_changed", added=added_html, changed=changed_html)
        elif added:
            text = words.html("entry.added", date=added_html)
        else:
            text = words.html("entry.changed", date=changed_html)
        return [f'<p class="errcat-dates" data-search-exclude>{text}</p>']

    def status_and_note(self, error: ErrorCode) -> list[str]:
        note = self.markup.inline(error.note) if error.note else ""
        if error.status != self.default_status:
            name = self.words.status(error.status)
            label = self.words.html("entry.status", status=self.escape(name[:1].upper() + name[1:]))
            return [
                f'<div class="errcat-status errcat-status--{error.status}">'
                f"<p><strong>{label}</strong> {self.escape(self.statuses[error.status])}"
                f"{' ' + note if note else ''}</p></div>"
            ]
        if note:
            return [f'<div class="errcat-note"><p><strong>{self.words.html("entry.note")}</strong> {note}</p></div>']
        return []

    def examples(self, error: ErrorCode) -> list[str]:
        if not error.examples:
            return []
        items = "".join(f"<li>{self.markup.inline(example)}</li>" for example in error.examples)
        title = self.words.html("entry.examples", len(error.examples))
        return [f'<div class="errcat-examples"><p class="errcat-label">{title}</p><ul>{items}</ul></div>']

    def markdown_list(self, class_name: str, title: str, items: tuple[str, ...]) -> list[str]:
        """An optional list of Markdown items under a label, such as "Possible causes"."""
        if not items:
            return []
        rendered = "".join(f"<li>{self.markup.inline(item)}</li>" for item in items)
        return [f'<div class="{class_name}"><p class="errcat-label">{title}</p><ul>{rendered}</ul></div>']

    def see_also(self, category: Category, error: ErrorCode) -> list[str]:
        if not error.see_also:
            return []
        links = []
        for code in error.see_also:
            target_category, target = self.catalog.lookup(code)
            href = (
                f"#{code}"
                if target_category is category
                else self.urls.root_from_category + self.urls.code(target_category.id, code)
            )
            name = self.words.isolated(f"<code>{code}</code> {self.escape(target.message)}")
            links.append(f'<li><a href="{self.escape(href)}">{name}</a></li>')
        # Out of the search index: a search for 70093 should list 70093, not every
        # code that mentions it.
        return [
            '<div class="errcat-see-also" data-search-exclude>'
            f'<p class="errcat-label">{self.words.html("entry.see_also")}</p>'
            f"<ul>{''.join(links)}</ul></div>"
        ]

    def moved_item(self, category: Category, error: ErrorCode) -> str:
        """The anchor a code keeps at a category it left: a visible line that links to its entry.

        errcat.js (or, on a stub page, its own script) follows the link at once.
        """
        root = self.urls.root_from_category
        target = self.escape(root + self.urls.code(category.id, error.code))
        code = f'<a href="{target}"><code{self.ltr}>{error.code} {self.escape(error.message)}</code></a>'
        place = self.escape(root + self.urls.category(category.id))
        link = f'<a href="{place}"><em>{self.escape(category.title)}</em></a>'
        line = self.words.html("category.moved_to", code=code, category=link)
        return f'<li id="{error.code}" class="errcat-moved-code">{line}</li>'

    def moved_page(self, former: str, pairs: list[tuple[Category, ErrorCode]]) -> str:
        """The page a category id keeps after its category was renamed or its codes moved.

        Plain HTML, out of the nav, the search index and the sitemap: a line for each former
        code at its old anchor, linking to where it is now. Its script follows the link the
        address points to at once (and, with no code in the address, goes to the category
        the codes went to, when they all went to one).
        """
        root, escape, words = self.urls.root_from_category, self.escape, self.words
        path = f"<code{self.ltr}>/{escape(former)}/</code>"
        items = "\n".join(self.moved_item(category, error) for category, error in pairs)
        destinations = list(dict.fromkeys(category.id for category, _ in pairs))
        whole = json.dumps(root + self.urls.category(destinations[0]) if len(destinations) == 1 else "")
        return f"""<!doctype html>
<html {self.html_attributes}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(words.text("moved.title", path=words.isolated_text(f"/{former}/")))}</title>
<meta name="robots" content="noindex">{self.icon_link(root + self.urls.site_root_from_folder)}{self.head_links(root)}
</head>
<body>
<main>
<h1>{words.html("moved.heading")}</h1>
<p>{words.html("moved.text", path=path)}</p>
<ul>
{items}
</ul>
<p><a href="{root}">{words.html("moved.all")}</a></p>
</main>
<script>
(function () {{
  var id = location.hash.slice(1);
  try {{ id = decodeURIComponent(id); }} catch (error) {{}}
  var item = id && document.getElementById(id);
  var link = item && item.querySelector("a");
  if (link) location.replace(link.href);
  else if (!id && {whole}) location.replace({whole});
}})();
</script>
</body>
</html>
"""

    # --- what changed --------------------------------------------------------------------

    def changes_page(self) -> PageBody:
        """/changes/: every change, newest first, grouped by day; a heading per day."""
        writer = ChangeWriter(self.catalog, self._relative_href, self.words)
        content, headings = changes_page(self.history, writer, self.urls, self.names.source)
        days = tuple(TocEntry(2, anchor, text) for anchor, text in headings)
        ids = {TITLE_ID, *(anchor for anchor, _ in headings)}
        ids.update(commit_anchor(commit) for commit in self.history.commits)
        title = self.words.html("changes.title")
        return PageBody(content, (TocEntry(1, TITLE_ID, title, days),), frozenset(ids), "")
