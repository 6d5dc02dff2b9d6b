"""Packaging hygiene: every declared dependency is used, and build output stays out of git."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PACKAGES = ("bot", "storage")
#: Declared although no module of ours imports them, each with the reason.
NEEDED_BY_OTHERS = {
    "lxml_html_clean": "justext (under trafilatura) imports lxml.html.clean, shipped apart",
}


def _distribution_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "_", match.group(0)).lower()


def _imported_top_level_names() -> set[str]:
    names: set[str] = set()
    for package in SOURCE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module.split(".")[0])
    return names


def test_every_declared_dependency_is_imported() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    distributions_of_module = importlib.metadata.packages_distributions()
    imported = _imported_top_level_names()
    used = {
        _distribution_name(distribution)
        for module in imported
        for distribution in distributions_of_module.get(module, [])
    }
    unused = {
        name
        for name in map(_distribution_name, project["dependencies"])
        if name not in used and name not in NEEDED_BY_OTHERS
    }
    assert unused == set(), "declared in pyproject.toml but imported by no module"


@pytest.mark.parametrize(
    "path",
    [
        "build/lib/bot/__init__.py",
        "digest_bot.egg-info/PKG-INFO",
        "dist/digest_bot-0.1.0.tar.gz",
        "bot/__pycache__/app.cpython-311.pyc",
        ".venv/bin/python",
        "venv/bin/python",
        ".pytest_cache/README.md",
        "digest-bot.sqlite3",
        "config.toml",
    ],
)
def test_build_output_caches_and_local_files_are_ignored(path: str) -> None:
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--quiet", path], cwd=ROOT, check=False
    )
    assert result.returncode == 0, f"{path} is not ignored by .gitignore"


@pytest.mark.parametrize("path", ["bot/app.py", "config.example.toml", "tests/conftest.py"])
def test_sources_are_not_ignored(path: str) -> None:
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--quiet", path], cwd=ROOT, check=False
    )
    assert result.returncode == 1, f"{path} would be ignored"
