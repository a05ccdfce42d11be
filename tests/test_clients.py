"""The examples of docs/clients.md, run as a reader would run them, against a built site.

Each example is copied out of the page as it is, its catalog.json address pointed at the
site served on 127.0.0.1, and run: Python with this interpreter, JavaScript with Node.js
(required under CI, where scripts/test installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from sitecheck import ROOT

PUBLISHED_CATALOG = "https://pbx-docs.github.io/error-codes/catalog.json"
PAGE = ROOT / "docs" / "clients.md"


def example(language: str) -> str:
    blocks = re.findall(rf"^```{language}\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"one {language} example expected in {PAGE.name}"
    assert PUBLISHED_CATALOG in blocks[0]
    return blocks[0]


def catalog_json(base_url: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(base_url + "catalog.json", timeout=30) as response:
        codes: list[dict[str, object]] = json.load(response)["codes"]
    return codes


def expected(base_url: str) -> dict[str, object]:
    # 70093 is the code docs/clients.md's examples look up; a published code is never deleted.
    entry = next(entry for entry in catalog_json(base_url) if entry["code"] == 70093)
    return {
        "type": entry["permalink"],
        "title": entry["message"],
        "status": 404,
        "detail": entry["description"],
        "errcode": 70093,
    }


def test_the_python_example_gives_the_problem_details_of_a_code(real_base_url: str, tmp_path: Path):
    script = tmp_path / "example.py"
    script.write_text(example("python").replace(PUBLISHED_CATALOG, real_base_url + "catalog.json"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    problem = json.loads(result.stdout)
    assert problem == expected(real_base_url)
    assert problem["type"].endswith("/codes/70093/") and problem["title"] == "PHONEBOOK_NOT_EXISTED"


def test_the_javascript_example_gives_the_same_problem_details(real_base_url: str, tmp_path: Path):
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is missing under CI (scripts/test installs it)")
        pytest.skip("Node.js is not installed: the JavaScript example is not run")
    script = tmp_path / "example.mjs"
    script.write_text(example("js").replace(PUBLISHED_CATALOG, real_base_url + "catalog.json"), encoding="utf-8")
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected(real_base_url)


def test_the_permanent_url_of_a_code_leads_to_its_entry(real_base_url: str):
    problem = expected(real_base_url)
    with urllib.request.urlopen(str(problem["type"]), timeout=30) as response:
        page = response.read().decode()
    assert response.status == 200
    # Wherever the code is now: a contributor may move it to another category.
    entry = next(entry for entry in catalog_json(real_base_url) if entry["code"] == 70093)
    target = entry["url"].removeprefix(real_base_url)
    assert target.endswith("/#70093")
    assert f'<meta http-equiv="refresh" content="0; url=../../{target}">' in page
