"""The theme's compiled templates kept across `mkdocs serve` rebuilds (issue 25)."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from errcat.engines.mkdocs.templating import CompiledTemplates


class Counting(Environment):
    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def test_a_new_environment_reuses_what_the_last_compiled_and_compiles_what_changed():
    cache, sources = CompiledTemplates(), {"page.html": "Hello {{ name }}"}
    Counting.compiled = 0
    first = Counting(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(name="a") == "Hello a"
    second = Counting(loader=DictLoader(sources), bytecode_cache=cache)  # the next rebuild's
    assert second.get_template("page.html").render(name="b") == "Hello b"
    assert Counting.compiled == 1
    sources["page.html"] = "Bye {{ name }}"
    third = Counting(loader=DictLoader(sources), bytecode_cache=cache)
    assert third.get_template("page.html").render(name="c") == "Bye c"
    assert Counting.compiled == 2
