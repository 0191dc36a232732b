"""Invoke tasks for the briefing site. `invoke --list` shows them; each docstring is its help."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
from pathlib import Path

from invoke import Context, Exit, task

ROOT = Path(__file__).resolve().parent

CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
PYTHON = sys.executable


def _pelican_args(settings: str, *extra: str) -> list[str]:
    """The build command: errors always stop it; in CI and for publishing, so do warnings."""
    fatal = "warnings" if os.environ.get("CI") or settings == "publishconf.py" else "errors"
    return [
        PYTHON,
        "-m",
        "pelican",
        str(CONTENT),
        "-s",
        str(ROOT / settings),
        "-o",
        str(OUTPUT),
        "--fatal",
        fatal,
        *extra,
    ]


def _pelican(c: Context, settings: str, *extra: str) -> None:
    result = c.run(shlex.join(_pelican_args(settings, *extra)), pty=False, warn=True)
    if result.exited < 0:
        # Killed (by the OOM killer, a timeout, kill -9): say so, since Pelican could not.
        name = signal.Signals(-result.exited).name
        print(
            f"build: pelican was killed by {name} before it finished; output/ may be "
            "incomplete — build again",
            file=sys.stderr,
        )
        raise Exit(code=128 - result.exited)
    if result.exited:
        raise Exit(code=result.exited)


@task
def check(c):
    """Check every story and page; print one line per problem, fail on any error."""
    from briefing.checker import main as check_main

    code = check_main([str(CONTENT), "--settings", str(ROOT / "pelicanconf.py")])
    if code:
        raise Exit(code=code)


@task
def build(c):
    """Build the preview site into output/ (the build checks every story first)."""
    _pelican(c, "pelicanconf.py")


@task
def serve(c, port=8000):
    """Build, serve on http://localhost:PORT and build again when a source file changes."""
    from briefing.serve import serve as serve_preview

    sources = [CONTENT, ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]
    serve_preview(_pelican_args("pelicanconf.py"), OUTPUT, sources, port=int(port))


@task
def clean(c):
    """Remove the built site and the build cache."""
    for path in (OUTPUT, CACHE):
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {path.relative_to(ROOT)}/")


@task(
    name="import",
    help={
        "fr": "raw French text file",
        "en": "raw English text file",
        "force": "overwrite existing story files",
        "category-fr": "French category label, e.g. Afrique",
        "category-en": "English category label, e.g. Africa",
        "tags-fr": "French tags, comma separated",
        "tags-en": "English tags, comma separated",
        "source-url": "address of the original article",
    },
)
def import_story(
    c,
    fr=None,
    en=None,
    force=False,
    category_fr="",
    category_en="",
    tags_fr="",
    tags_en="",
    source_url="",
):
    """Turn raw scraped text (--fr FILE and/or --en FILE) into story files in content/."""
    from briefing.importer import main as import_main

    argv = ["--content", str(CONTENT), "--category-fr", category_fr, "--category-en", category_en]
    argv += ["--tags-fr", tags_fr, "--tags-en", tags_en, "--source-url", source_url]
    argv += [*(["--fr", fr] if fr else []), *(["--en", en] if en else [])]
    code = import_main([*argv, *(["--force"] if force else [])])
    if code:
        raise Exit(code=code)


def _run(c: Context, *args: str | Path, warn: bool = False) -> bool:
    """Run one command, its arguments quoted one by one (a path may hold any character)."""
    result = c.run(shlex.join(str(arg) for arg in args), pty=False, warn=warn)
    return result is not None and result.ok


# Layers of the test suite, as declared in pyproject.toml: the fast layer leaves out the
# tests that drive Chromium, the one that runs the Nu HTML Checker on Java, and the smoke
# runs of the benchmark scripts.
FAST = "not browser and not validator and not benchmark"


@task(
    help={
        "fast": "leave out the Chromium, Nu HTML Checker and benchmark-script tests",
        "args": "more pytest arguments, e.g. --args='-x -k search'",
    }
)
def test(c, fast=False, args=""):
    """Run the whole test suite; --fast leaves out Chromium, Java and the benchmark scripts."""
    _run(c, PYTHON, "-m", "pytest", *(["-m", FAST] if fast else []), *shlex.split(args))


@task(help={"file": "the translation, e.g. content/en/2022/its-slug.md"})
def translated(c, file):
    """Record that a translation says what its original says now (sets Translated_from)."""
    from briefing.new_story import main as new_story

    code = new_story(["--content", str(CONTENT), "--translated", file])
    if code:
        raise Exit(code=code)


@task(help={"file": "the translation whose original changed"})
def retranslate(c, file):
    """Show what changed in a translation's original and mark it there: TO TRANSLATE."""
    from briefing.new_story import main as new_story

    code = new_story(["--content", str(CONTENT), "--refresh", file])
    if code:
        raise Exit(code=code)


@task
def lint(c):
    """Lint and format-check the Python (ruff) and the JavaScript (ESLint)."""
    checks = [
        (PYTHON, "-m", "ruff", "check", ROOT),
        (PYTHON, "-m", "ruff", "format", "--check", ROOT),
        (ROOT / "node_modules" / ".bin" / "eslint", ROOT),
    ]
    # Every linter runs, so one run reports every problem.
    failed = [check for check in checks if not _run(c, *check, warn=True)]
    if failed:
        raise Exit("lint: fix the problems above (`ruff format` rewrites the formatting)", code=1)


@task
def goldens(c):
    """Rewrite the tests' expected files from a real build and import; review the git diff."""
    _run(c, PYTHON, ROOT / "tests" / "goldens.py")


@task
def catalogs(c):
    """Extract the interface strings (theme and tools) and merge them into every catalog."""
    babel = (PYTHON, "-m", "babel.messages.frontend")
    translations = ROOT / "theme" / "translations"
    theme_pot = translations / "messages.pot"
    _run(
        c,
        *(*babel, "extract", "-F", ROOT / "theme" / "babel.cfg", "-k", "gettext_in:2"),
        *("-c", "Translators:", "--no-location", "--sort-output"),
        *("--project", "Briefing theme", "-o", theme_pot, ROOT / "theme"),
    )
    # No fuzzy matching: a guessed translation of a new string would reach readers unseen.
    _run(
        c,
        *(*babel, "update", "-i", theme_pot, "-d", translations),
        *("--no-wrap", "--no-fuzzy-matching"),
    )
    # The check's, the importer's and the editor tools' messages (briefing.i18n).
    locale = ROOT / "plugins" / "briefing" / "locale"
    tools_pot = locale / "briefing.pot"
    _run(
        c,
        *(*babel, "extract", "-k", "_", "-k", "N_", "-k", "ngettext:1,2"),
        *("-c", "Translators:", "--no-location", "--sort-output"),
        *("--project", "Briefing tools", "-o", tools_pot),
        *(ROOT / "plugins" / "briefing", ROOT / "plugins" / "rulebook"),
    )
    _run(
        c,
        *(*babel, "update", "-i", tools_pot, "-d", locale, "-D", "briefing"),
        *("--no-wrap", "--no-fuzzy-matching"),
    )


@task(help={"push": "also push the built site to the gh-pages branch with ghp-import"})
def publish(c, push=False):
    """Build for GitHub Pages with publishconf.py (needs SITEURL=https://…), checking first."""
    _pelican(c, "publishconf.py")
    # GitHub Pages must not run Jekyll over the site (it would hide files starting "_").
    (OUTPUT / ".nojekyll").touch()
    cname = CONTENT / "CNAME"
    if cname.exists():
        shutil.copyfile(cname, OUTPUT / "CNAME")
    if push:
        _run(
            c,
            PYTHON,
            "-m",
            "ghp_import",
            "--no-jekyll",
            "--push",
            "--force",
            "-m",
            "Publish the site",
            OUTPUT,
        )


@task(
    help={
        "lang": "fr or en",
        "title": "the headline",
        "category": "category label in that language",
        "tags": "tags, comma separated",
        "translate": "an existing story to translate into the other language",
    }
)
def new(c, lang="", title="", category="", tags="", translate=""):
    """Start a story (--lang fr --title "…") or its translation (--translate FILE)."""
    from briefing.new_story import main as new_story

    argv = ["--content", str(CONTENT)]
    if translate:
        argv += ["--translate", translate]
    else:
        argv += ["--lang", lang, "--title", title, "--category", category, "--tags", tags]
    code = new_story(argv)
    if code:
        raise Exit(code=code)
