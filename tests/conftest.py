"""Shared fixtures: build real sites with Pelican's own command line into temporary folders.

Each test module builds the site it needs once (module-scoped fixtures) and asserts on
the files a reader would get: HTML, feeds, sitemap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# The goldens are the tools' English: a developer's French locale must not change them.
# Tests of the French messages ask for French themselves (tests/test_tools_in_french.py).
os.environ["BRIEFING_LANG"] = "en"
SITES = TESTS / "sites"
# The categories and tags of every fixture site under tests/sites/ (see build_site).
SHARED_TAXONOMY = SITES / "taxonomy.toml"


def _plugins_without_rulebook() -> list[str]:
    from pelican.settings import get_settings_from_file

    plugins = get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return [name for name in plugins if name != "rulebook"]


# Sites of payloads the rulebook refuses are built without it, to show that the second
# line (the story reader's escaping and guards, autoescaping, the CSP) holds by itself.
WITHOUT_RULEBOOK: dict[str, object] = {"PLUGINS": _plugins_without_rulebook()}


# --- Test layers ---------------------------------------------------------------------
# The fixture each heavy tool comes through, and the marker (pyproject.toml) a test that
# uses it must carry, so that `invoke test --fast` never starts Chromium or Java.
LAYER_FIXTURES = {
    "browser": "browser",
    "chromium_path": "browser",
    "playwright_driver": "browser",
    "nu_checker": "validator",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unmarked = [
        f"{item.nodeid} uses `{fixture}` but is not marked @pytest.mark.{marker}"
        for item in items
        for fixture, marker in LAYER_FIXTURES.items()
        if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(marker) is None
    ]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


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
        """The site path an href on `page` points to, or None if it leaves the site.

        "x/index.html" is given as "x/", the page a web server serves for both (preview
        builds name the file, so that they open from the file system too)."""
        base = f"{self.siteurl}/{page}"
        absolute = urljoin(base, href)
        site = urlparse(self.siteurl + "/")
        target = urlparse(absolute)
        if (target.scheme, target.netloc) != (site.scheme, site.netloc):
            return None
        if not target.path.startswith(site.path):
            return None
        return target.path[len(site.path) :].removesuffix("index.html")

    def exists(self, url_path: str) -> bool:
        return self.path(url_path).is_file()


def with_shared_taxonomy(content: Path, copy: Path) -> Path:
    """`content`, or for a fixture site that has no taxonomy.toml, a copy of it at `copy`
    that has the shared one."""
    if not content.is_relative_to(SITES) or (content / "taxonomy.toml").exists():
        return content
    shutil.copytree(content, copy)
    shutil.copyfile(SHARED_TAXONOMY, copy / "taxonomy.toml")
    return copy


def build_site(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    siteurl: str | None = None,
    extra: dict[str, object] | None = None,
    expect_success: bool = True,
    fatal: str | None = "warnings",
) -> BuiltSite:
    """Run `pelican` on `content` as `invoke build` does, with warnings fatal as in CI.

    A fixture site under tests/sites/ without a taxonomy.toml of its own is built from a
    copy of its content with SHARED_TAXONOMY added, as content/ holds content/taxonomy.toml.
    """
    content = with_shared_taxonomy(content, output.parent / f"{output.name}-content")
    command, env = pelican_command(
        content, output, settings=settings, siteurl=siteurl, extra=extra, fatal=fatal
    )
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


def pelican_command(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    siteurl: str | None = None,
    extra: dict[str, object] | None = None,
    fatal: str | None = "warnings",
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a build, as `invoke build` runs it."""
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
        *(["--fatal", fatal] if fatal else []),
        "--log-handler",
        "plain",
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
    ]
    env["COLUMNS"] = "400"  # keeps log lines whole, so messages can be asserted on
    return command, env


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


# --- Browser tests -------------------------------------------------------------------
# The built site is served on localhost under a subpath, as GitHub Pages serves a project
# site, and driven with Playwright in Chromium. CHROMIUM_PATH (default: Debian's
# /usr/bin/chromium when present) names the browser; elsewhere `playwright install
# chromium` provides one.

SUBPATH = "/briefing"
CHROMIUM_ARGS = [
    # Chromium's own background traffic (updates, sync, safe browsing) would be requests
    # to other hosts; the tests assert there are none.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def make_handler(root: Path) -> type:
    from http.server import SimpleHTTPRequestHandler

    class SubpathHandler(SimpleHTTPRequestHandler):
        """Serves `root` under SUBPATH, with 404.html for anything missing (as GitHub Pages)."""

        def translate_path(self, path: str) -> str:
            path = path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(SUBPATH + "/"):
                return str(root / "__outside__")
            return str(root) + "/" + path[len(SUBPATH) + 1 :]

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (root / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return SubpathHandler


@dataclass
class ServedSite:
    site: BuiltSite
    base: str  # e.g. http://127.0.0.1:PORT/briefing/

    def url(self, path: str = "") -> str:
        return self.base + path


def serve_built_site(
    content: Path, work: Path, extra: dict[str, object] | None = None
) -> Iterator[ServedSite]:
    """Build `content` for http://127.0.0.1:PORT/briefing and serve it until the test ends."""
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    output = work / "output"
    output.mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(make_handler(output)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    site = build_site(
        content, output, settings="publishconf.py", siteurl=origin + SUBPATH, extra=extra
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(site=site, base=f"{origin}{SUBPATH}/")
    finally:
        server.shutdown()
        server.server_close()


def chromium_executable(playwright) -> str | None:
    """CHROMIUM_PATH; else Playwright's own Chromium if installed; else Debian's."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    if Path(playwright.chromium.executable_path).exists():
        return None
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright, started once per session (it cannot run twice at once)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_path(playwright_driver) -> str:
    """The Chromium the browser tests drive, for tools that start their own (Lighthouse)."""
    return chromium_executable(playwright_driver) or playwright_driver.chromium.executable_path


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_executable(playwright_driver), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


# The browser tests' site: the real content/ plus an untranslated story, stories enough
# for a second home page and stories full of injection payloads (browser/extra), and the
# search scenario's stories (search/extra).
BROWSER_EXTRAS = (TESTS / "sites" / "browser" / "extra", TESTS / "sites" / "search" / "extra")


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """BROWSER_EXTRAS over the real content/, built once and served under /briefing/."""
    work = tmp_path_factory.mktemp("browser-site")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    for extra in BROWSER_EXTRAS:
        shutil.copytree(extra, content, dirs_exist_ok=True)
    yield from serve_built_site(content, work, extra={"DEFAULT_PAGINATION": 3, **WITHOUT_RULEBOOK})


# Records what the page does that a reader should never meet.
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@dataclass
class Watch:
    origin: str
    problems: list[str] = field(default_factory=list)
    expected_404: set[str] = field(default_factory=set)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", self._request)
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        # Chromium logs the 404 of an address the test visits on purpose; nothing else.
        if message.type == "error" and message.location.get("url") not in self.expected_404:
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request) -> None:
        # A request cut short by the test's own next navigation (the icon, most often) is
        # not a fault of the site; blocked (ERR_BLOCKED_BY_CSP …) or broken ones are.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and response.url not in self.expected_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request) -> None:
        if not request.url.startswith(self.origin) and not request.url.startswith("data:"):
            self.problems.append(f"request to another host: {request.url}")

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def watched(browser, browser_site: ServedSite):
    """A page whose every error, violation, stray request and dialog fails the test."""
    origin = "{0.scheme}://{0.netloc}/".format(urlparse(browser_site.base))
    watch = Watch(origin=origin)
    context = browser.new_context()
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    watch.attach(page)
    page.watch = watch
    yield page
    violations = page.evaluate("window.__cspViolations || []")
    context.close()
    assert watch.problems + violations == []
