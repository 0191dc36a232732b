"""Every built page is valid HTML, and the feeds and the sitemap are well-formed XML.

The Nu HTML Checker (vnu.jar, from the npm package vnu-jar pinned in package.json) checks
the whole built site in one run; it needs a Java runtime. Its warnings are allowed, its
errors are not. The XML checks need neither Java nor a browser.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, ServedSite

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def java() -> str:
    """The `java` command, or a failure that says how to get one (never a skip)."""
    command = shutil.which("java")
    if command is None:
        pytest.fail(
            "Java is needed to run the Nu HTML Checker (vnu.jar) and none is on PATH: "
            "install a Java runtime (Debian: apt-get install default-jre-headless)",
            pytrace=False,
        )
    return command


@pytest.fixture(scope="module")
def nu_checker() -> list[str]:
    """The command that runs the Nu HTML Checker (tests that use it are marked `validator`)."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` (vnu-jar is a devDependency)")
    return [java(), "-Xss1m", "-jar", str(VNU)]  # vnu's schema needs a deep stack (≥ 512k)


def run_vnu(nu_checker: list[str], folder: Path) -> list[dict]:
    """vnu's messages for every HTML file under `folder`, checked in one run."""
    command = [
        *nu_checker,
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu.jar did not report (exit {result.returncode}):\n{result.stderr}")


def location(message: dict, folder: Path) -> str:
    """Where a vnu message points, as "site/path:line.column"."""
    url = message.get("url", "")
    where = unquote(urlparse(url).path) if url.startswith("file:") else url
    if where.startswith(str(folder)):
        where = Path(where).relative_to(folder).as_posix()
    line = message.get("firstLine", message.get("lastLine", "?"))
    return f"{where}:{line}.{message.get('firstColumn', '?')}"


def report(messages: list[dict], folder: Path, shown: int = 10) -> str:
    """The messages grouped by text: each once, with an extract and the places it occurs."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        groups[str(message.get("message"))].append(message)
    lines = []
    for text, occurrences in groups.items():
        places = sorted(location(m, folder) for m in occurrences)
        lines.append(f"{text} ({len(places)} times)")
        extract = " ".join(occurrences[0].get("extract", "").split())
        if extract:
            lines.append(f"    extract: {extract}")
        lines.extend(f"    at {place}" for place in places[:shown])
        if len(places) > shown:
            lines.append(f"    … and {len(places) - shown} more")
    return "\n".join(lines)


@pytest.mark.validator
def test_every_built_page_is_valid_html(nu_checker, browser_site: ServedSite):
    output = browser_site.site.output
    pages = list(browser_site.site.pages())
    assert len(pages) > 20, f"too few pages in {output}: {pages}"
    messages = run_vnu(nu_checker, output)
    # "error" is a conformance error; "non-document-error" means a file could not be read
    # or checked. "info" (including warnings) is allowed.
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    if errors:
        pytest.fail(
            f"the Nu HTML Checker found {len(errors)} error(s) in {output}:\n"
            + report(errors, output),
            pytrace=False,
        )


def namespaces(file: Path) -> dict[str, str]:
    """The namespaces `file` declares (prefix → URI), after checking it is well-formed."""
    try:
        return dict(event[1] for event in ET.iterparse(file, events=("start-ns",)))
    except ET.ParseError as error:
        pytest.fail(f"{file} is not well-formed XML: {error}", pytrace=False)


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "en/feeds/all.atom.xml"])
def test_feeds_are_well_formed_atom(browser_site: ServedSite, feed):
    file = browser_site.site.path(feed)
    assert namespaces(file).get("") == ATOM
    root = ET.parse(file).getroot()
    assert root.tag == f"{{{ATOM}}}feed"
    entries = root.findall(f"{{{ATOM}}}entry")
    assert entries, f"{feed} has no entry"
    for entry in entries:
        assert entry.findtext(f"{{{ATOM}}}title"), f"{feed}: an entry without a title"
        assert entry.find(f"{{{ATOM}}}link[@rel='alternate']") is not None


def test_sitemap_is_well_formed_with_its_namespaces(browser_site: ServedSite):
    file = browser_site.site.path("sitemap.xml")
    declared = namespaces(file)
    assert declared.get("") == SITEMAP
    assert declared.get("xhtml") == XHTML
    root = ET.parse(file).getroot()
    assert root.tag == f"{{{SITEMAP}}}urlset"
    urls = root.findall(f"{{{SITEMAP}}}url")
    assert urls, "sitemap.xml lists no URL"
    assert all(url.findtext(f"{{{SITEMAP}}}loc") for url in urls)
    # The language alternates use the xhtml namespace, as search engines expect.
    assert root.findall(f"{{{SITEMAP}}}url/{{{XHTML}}}link[@rel='alternate']")
