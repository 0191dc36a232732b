"""Shared fixtures: build real sites with Pelican's own command line into temporary folders.

Each test module builds the site it needs once (module-scoped fixtures) and asserts on
the files a reader would get: HTML, feeds, sitemap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
sys.path.insert(0, str(ROOT / "plugins"))


@dataclass
class BuiltSite:
    """A site built into `output`, with helpers to read it as a reader would."""

    output: Path
    siteurl: str
    returncode: int
    log: str

    def path(self, url_path: str) -> Path:
        """The file served for a site path such as "en/about/" or "404.html"."""
        target = self.output / url_path.lstrip("/")
        if url_path == "" or url_path.endswith("/"):
            target = target / "index.html"
        return target

    def html(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url_path).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> Iterator[Path]:
        yield from sorted(self.output.rglob("*.html"))

    def url_path_of(self, file: Path) -> str:
        """The site path of a built file: "en/about/" for en/about/index.html."""
        relative = file.relative_to(self.output).as_posix()
        return relative.removesuffix("index.html")

    def resolve(self, page: str, href: str) -> str | None:
        """The site path an href on `page` points to, or None if it leaves the site."""
        base = f"{self.siteurl}/{page}"
        absolute = urljoin(base, href)
        site = urlparse(self.siteurl + "/")
        target = urlparse(absolute)
        if (target.scheme, target.netloc) != (site.scheme, site.netloc):
            return None
        if not target.path.startswith(site.path):
            return None
        return target.path[len(site.path) :]

    def exists(self, url_path: str) -> bool:
        return self.path(url_path).is_file()


def build_site(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    siteurl: str | None = None,
    extra: dict[str, object] | None = None,
    expect_success: bool = True,
) -> BuiltSite:
    """Run `pelican` on `content` as `invoke build` does, with warnings fatal as in CI."""
    overrides = {"CACHE_PATH": str(output.parent / f"{output.name}-cache"), **(extra or {})}
    env = dict(os.environ)
    if settings == "publishconf.py":
        env["SITEURL"] = siteurl or "https://example.org/briefing"
    elif siteurl:
        overrides["SITEURL"] = siteurl
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(ROOT / settings),
        "-o",
        str(output),
        "--fatal",
        "warnings",
        "--log-handler",
        "plain",
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
    ]
    env["COLUMNS"] = "400"  # keeps log lines whole, so messages can be asserted on
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    log = result.stdout + result.stderr
    if expect_success and result.returncode != 0:
        pytest.fail(f"pelican failed on {content}:\n{log}")
    effective_siteurl = env.get("SITEURL") if settings == "publishconf.py" else siteurl
    return BuiltSite(
        output=output,
        siteurl=(effective_siteurl or "http://localhost:8000").rstrip("/"),
        returncode=result.returncode,
        log=log,
    )


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real content/, built with the preview settings."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("real") / "output")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real content/, built for a GitHub Pages project site under /briefing/."""
    return build_site(
        ROOT / "content",
        tmp_path_factory.mktemp("published") / "output",
        settings="publishconf.py",
        siteurl="https://example.org/briefing",
    )
