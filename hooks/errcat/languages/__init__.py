"""errcat's own words in the site's language: one YAML file a language in this folder, English
when errcat has none for the site's, and the site's `strings` over either.

A language file maps each key of `en.yml` to its text (CONTRIBUTING.md: adding a
language). A text holds `{name}` where errcat puts a value in; a text that counts may be a
mapping of CLDR plural categories (`one`, `few`, `many`, `other`...), picked by Babel's rules
for the language, never by `n == 1`. Numbers are written by Babel (and in the browser by
`Intl`, from what `Words.for_script` writes into the page); codes are never numbers to it.
No engine imports.
"""

from __future__ import annotations

import datetime
import difflib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from babel import Locale

LANGUAGES = Path(__file__).resolve().parent
ENGLISH = "en"
# The plural categories of CLDR, in its order.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Digits as Babel writes them by default: the browser is told the same (for_script).
NUMBERING_SYSTEM = "latn"
# The words errcat.js writes, by key: what for_script puts into every page.
SCRIPT_KEYS = (
    "filter.label",
    "filter.placeholder",
    "filter.count",
    "filter.showing_first",
    "filter.sorted",
    "filter.more",
    "filter.empty",
    "sort.label",
    "sort.catalog_order",
    "sort.option",
    "sort.ascending",
    "sort.descending",
    "copy.title",
    "copy.label",
    "copy.field",
    "copy.failed",
    "copy.done",
    "search.hit",
    "missing.exists",
    "missing.none",
    "missing.table",
)
# The index table's columns: the heading's key and the key of its name inside a sentence
# ("sorted by code"), for errcat.js, which reads each column's heading from the table.
COLUMNS = ("code", "message", "http", "category", "description")
# The words of the 404 page, a theme template: errcat puts them into the engine's config (extra).
MISSING_PAGE_KEYS = ("missing.title", "missing.one", "missing.several", "missing.table", "list.separator")
DATE_FORMATS = ("short", "medium", "long", "full")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
# A language tag as a theme names it: en, pt-BR, zh-Hant.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
# Chinese written in traditional characters: errcat's zh is Simplified.
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})

Message = str | Mapping[str, str]


class StringsError(ValueError):
    """The `strings` option, or a language file, holds what errcat cannot use; the message says what."""


def read_language_file(path: Path) -> dict[str, Message]:
    """The messages of one language file, as written (checked by check_messages)."""
    texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(texts, dict):
        raise StringsError(f"{path.name}: expected a mapping of errcat's keys to texts")
    return texts


def english() -> dict[str, Message]:
    """English: every key errcat has, and the words of any language errcat has no file for."""
    return read_language_file(LANGUAGES / f"{ENGLISH}.yml")


def languages() -> list[str]:
    """The languages errcat has words for, as a theme names them (`pt-BR`)."""
    return sorted(path.stem for path in LANGUAGES.glob("*.yml"))


def language_file(language: str) -> str | None:
    """The language errcat has words for that serve a site in `language` (a theme's tag), or None.

    The tag itself (`pt-BR`), else its language alone (`de-CH` is written in `de`), but for
    Chinese in traditional characters (`zh-Hant`, `zh-TW`), which errcat's Simplified `zh`
    does not serve.
    """
    known = {name.lower(): name for name in languages()}
    tag = language.replace("_", "-").lower()
    if tag in known:
        return known[tag]
    base, *rest = tag.split("-")
    if base == "zh" and _TRADITIONAL.intersection(rest):
        return None
    return known.get(base)


@dataclass(frozen=True)
class Words:
    """The words of one site, in its language: errcat's (`messages`), and what its pages say of it.

    `language` is the site's language as its theme names it (a page's `lang`), `source` the
    language errcat's words come from (English where errcat has none for the site's), and
    `direction` the site's writing direction. `own` are the keys whose texts the site gives
    (its `strings`): they are in the site's language, the others in `source`'s, and each
    counts and writes numbers as its language does.
    """

    language: str
    source: str
    direction: str
    messages: Mapping[str, Message]
    english: Mapping[str, Message]  # errcat's English, which a site's schema may repeat
    own: frozenset[str] = frozenset()

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale of the words' language (its plural rules, numbers and dates)."""
        return _babel_locale(self.source)

    @cached_property
    def site_locale(self) -> Locale:
        """Babel's locale of the site's language (of the words' where Babel does not know it)."""
        return _babel_locale(self.language, self.source)

    def locale_of(self, key: str) -> Locale:
        """The locale a text is written in: the site's for its own, errcat's language's for the rest."""
        return self.site_locale if key in self.own else self.locale

    def template(self, key: str, count: int | None = None) -> str:
        """The text of `key`; of a text that counts, its form for `count`."""
        message = self.messages[key]
        if isinstance(message, str):
            return message
        form = self.locale_of(key).plural_form(count if count is not None else 0)
        return message.get(form) or message["other"]

    def text(self, key: str, count: int | None = None, /, **values: str) -> str:
        """`key`'s text, plain, with `values` (and `count`, as a number of the language) put in."""
        if count is not None:
            values["count"] = self.number(count, key)
        return self._put(self.template(key, count), False, values)

    def html(self, key: str, count: int | None = None, /, **values: str) -> str:
        """`key`'s text, escaped, with `values` (HTML already) put in."""
        if count is not None:
            values["count"] = self.number(count, key)
        return self._put(self.template(key, count), True, values)

    @cached_property
    def _split(self) -> dict[tuple[str, bool], list[str]]:
        """Each text used, split where values go (escaped or not): split once a build, as a
        build writes the same few texts for each of thousands of codes."""
        return {}

    def _put(self, template: str, escaped: bool, values: Mapping[str, str]) -> str:
        parts = self._split.get((template, escaped))
        if parts is None:
            text = html.escape(template, quote=False) if escaped else template
            parts = self._split[template, escaped] = _PLACEHOLDER.split(text)
        if len(parts) == 1:
            return parts[0]
        return "".join(part if index % 2 == 0 else _value(part, values) for index, part in enumerate(parts))

    def number(self, value: int, key: str = "") -> str:
        """A count as the language (of `key`'s text) writes it (`1.234` in German); never a code."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.locale_of(key), numbering_system=NUMBERING_SYSTEM))

    def date(self, day: str) -> str:
        """An ISO day (`2026-04-04`) as the language writes it, by the format its file names."""
        from babel.dates import format_date

        day_format = self.template("date")
        return str(format_date(datetime.date.fromisoformat(day), day_format, locale=self.locale_of("date")))

    def status(self, status: str) -> str:
        """A status's name: errcat's word for one of its own, else the name the site's schema gives."""
        key = f"status.{status}"
        return self.template(key) if key in self.messages else status

    def status_meanings(self, statuses: Mapping[str, str]) -> dict[str, str]:
        """Each status's meaning, as HTML: errcat's words where the schema says what errcat's own
        schema says (its English), else the site's own description, as written."""
        meanings = {}
        for status, description in statuses.items():
            key = f"status.{status}.meaning"
            meanings[status] = self.html(key) if self.english.get(key) == description else description
        return meanings

    def listed(self, items: list[str]) -> str:
        """Items as the language lists them: "a, b and c"."""
        if len(items) < 2:
            return "".join(items)
        separator = self.template("list.separator")
        return fill(self.template("list.last"), {"list": separator.join(items[:-1]), "last": items[-1]})

    def isolated(self, html_text: str) -> str:
        """Text that runs left to right whatever the page (a code, a message), isolated as such
        on a right-to-left page; as it is on a left-to-right one, whose bidi it cannot change."""
        return f'<bdi dir="ltr">{html_text}</bdi>' if self.rtl else html_text

    def isolated_text(self, text: str) -> str:
        """The same, for text without markup (a <title>, a table of contents): between the
        marks of a left-to-right isolate."""
        return f"\u2066{text}\u2069" if self.rtl else text

    def for_script(self) -> dict[str, Any]:
        """What errcat.js reads from the page: the words it writes, the language for its
        plural rules and numbers, and each column's name inside a sentence."""
        own = any(key in self.own for key in SCRIPT_KEYS)
        return {
            # The language it counts in: errcat's words', or the site's where it gives any of them.
            "language": self.language if own else self.source,
            "numbers": NUMBERING_SYSTEM,
            "messages": {key: self.messages[key] for key in SCRIPT_KEYS},
            "columns": {self.template(f"index.{column}"): self.template(f"sort.name.{column}") for column in COLUMNS},
        }

    def for_missing_page(self) -> dict[str, str]:
        """The 404 page's words, as HTML (a theme template puts in its links)."""
        return {key.split(".", 1)[1]: html.escape(self.template(key), quote=False) for key in MISSING_PAGE_KEYS}


def _babel_locale(*tags: str) -> Locale:
    """Babel's locale of the first of `tags` it knows (English if none)."""
    from babel import Locale, UnknownLocaleError

    for tag in (*tags, ENGLISH):
        try:
            return Locale.parse(tag.replace("_", "-"), sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("Babel knows English")


def fill(template: str, values: Mapping[str, str]) -> str:
    """`template` with each `{name}` of `values` replaced by its value, and each `{Name}` by its
    value with a capital (as a sentence starts); any other as it is."""
    return _PLACEHOLDER.sub(lambda found: _value(found.group(1), values), template)


def _value(name: str, values: Mapping[str, str]) -> str:
    """The value of `{name}` (`{Name}`: with a capital), or the placeholder where there is none."""
    if name in values:
        return values[name]
    lower = name[:1].lower() + name[1:]
    if lower != name and lower in values:
        text = values[lower]
        return text[:1].upper() + text[1:]
    return f"{{{name}}}"


def placeholders(message: Message) -> set[str]:
    """The names of the values a text puts in (`{Name}` is `name`'s)."""
    forms = [message] if isinstance(message, str) else list(message.values())
    return {name[:1].lower() + name[1:] for form in forms for name in _PLACEHOLDER.findall(form)}


def words_for(
    language: str | None = None, direction: str | None = None, strings: Mapping[str, Message] | None = None
) -> tuple[Words, str | None]:
    """The words of a site in `language` (its theme's tag; English if not given), written in
    `direction` (ltr or rtl; the language's if not given), with its `strings` over errcat's.

    Also the line a build says once where errcat has no words for the language, else None.
    """
    language = language or ENGLISH
    base = english()
    source = language_file(language) if LANGUAGE_TAG.fullmatch(language) else None
    messages = dict(base)
    if source and source != ENGLISH:
        messages.update(read_language_file(LANGUAGES / f"{source}.yml"))
    messages.update(strings or {})
    note = None
    if source is None:
        note = (
            f"errcat has no words for the language '{language}' (theme.language): its pages use English;"
            f" set errcat's option `strings` to give them in yours (docs/plugin.md lists the keys),"
            f" or add the language to errcat ({', '.join(languages())} so far)"
        )
    if direction not in ("ltr", "rtl"):
        direction = "rtl" if _babel_locale(language, ENGLISH).character_order == "right-to-left" else "ltr"
    own = frozenset(strings or ())
    return Words(language, source or ENGLISH, direction, MappingProxyType(messages), MappingProxyType(base), own), note


# --- checks: a language file, and the `strings` option --------------------------------------------


def check_strings(strings: object) -> dict[str, Message]:
    """The `strings` option, checked against errcat's keys: raises StringsError naming what is wrong."""
    if not isinstance(strings, dict):
        raise StringsError(f"'strings' must be a mapping of errcat's keys to texts, found {strings!r}")
    base = english()
    unknown = [key for key in strings if key not in base]
    if unknown:
        raise StringsError(_unknown_keys(unknown, base))
    problems = [problem for key, value in strings.items() for problem in check_message(key, value, base[key])]
    if problems:
        raise StringsError("'strings': " + "; ".join(problems))
    return {str(key): value for key, value in strings.items()}


def check_messages(messages: Mapping[str, object], language: str) -> list[str]:
    """What is wrong with a language file's messages: keys missing or unknown, texts errcat cannot use."""
    base = english()
    problems = [f"no {key}" for key in base if key not in messages]
    problems += [f"{key} is not a key of errcat's" for key in messages if key not in base]
    categories = _plural_categories(language)
    for key, value in messages.items():
        if key in base:
            problems += check_message(key, value, base[key], categories)
    return problems


def check_message(
    key: object, value: object, english_message: Message, categories: set[str] | None = None
) -> list[str]:
    """What is wrong with `value` as the text of `key` (whose English is `english_message`):
    a text, or for a text that counts a mapping of plural categories with `other`; no
    `{name}` errcat does not put in; for `date`, a format Babel knows. With `categories`
    (the language's), every category the language has."""
    counts = isinstance(english_message, dict) or "{count}" in english_message
    if isinstance(value, str):
        forms = {"other": value}
    elif isinstance(value, dict) and counts:
        if not all(isinstance(text, str) for text in value.values()):
            return [f"{key} must be a text, or a mapping of plural categories to texts, found {value!r}"]
        forms = value
        wrong = [category for category in forms if category not in PLURAL_CATEGORIES]
        if wrong or "other" not in forms:
            return [f"{key} must have a text for `other` and only CLDR's categories ({', '.join(PLURAL_CATEGORIES)})"]
        if categories is not None and set(forms) != categories:
            return [f"{key} must have the categories {', '.join(sorted(categories))}, found {', '.join(sorted(forms))}"]
    elif counts:
        return [f"{key} must be a text, or a mapping of plural categories to texts, found {value!r}"]
    else:
        return [f"{key} must be a text, found {value!r}"]
    allowed = placeholders(english_message) | ({"count"} if isinstance(english_message, dict) else set())
    extra = sorted(placeholders(forms) - allowed)
    if extra:
        names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "nothing"
        found = ", ".join(f"{{{name}}}" for name in extra)
        return [f"{key} has {found}, which errcat does not fill (it fills {names})"]
    if key == "date" and not _is_date_format(forms["other"]):
        return [f"date must be {', '.join(DATE_FORMATS)} or a CLDR date pattern such as yyyy-MM-dd, found {value!r}"]
    return []


def _is_date_format(text: str) -> bool:
    from babel.dates import format_date

    try:
        format_date(datetime.date(2026, 4, 4), text, locale=ENGLISH)
    except (ValueError, KeyError, TypeError):
        return False
    return text in DATE_FORMATS or bool(re.search(r"[yMLd]", text))


def _plural_categories(language: str) -> set[str]:
    """The plural categories of `language` (CLDR's, through Babel), `other` included."""
    from babel import Locale

    return set(Locale.parse(language, sep="-").plural_form.tags) | {"other"}


def _unknown_keys(unknown: list[object], base: Mapping[str, Message]) -> str:
    """The refusal of keys errcat does not have: each, its nearest key, and the keys of its group
    (or the groups there are)."""
    parts = []
    for key in unknown:
        near = difflib.get_close_matches(str(key), list(base), n=1)
        parts.append(f"{key!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
    group = str(unknown[0]).split(".", 1)[0]
    keys = [key for key in base if key.split(".", 1)[0] == group]
    known = (
        f"the keys of {group} are {', '.join(keys)}"
        if keys
        else f"its keys are in the groups {', '.join(sorted({key.split('.', 1)[0] for key in base}))}"
    )
    return f"'strings' has no key {', '.join(parts)}: {known} (docs/plugin.md lists every key)"
