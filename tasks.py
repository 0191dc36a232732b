"""Invoke tasks for the briefing site. `invoke --list` shows them; each docstring is its help."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
from pathlib import Path

from invoke import Context, Exit, Result, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
PYTHON = sys.executable


def _run(c: Context, args: list[str], **options: object) -> Result:
    """Run a command given as a list of arguments, each quoted for the shell invoke uses, so
    a path with a space, a quote or a ';' stays one argument and runs nothing."""
    return c.run(shlex.join(args), pty=False, **options)


def _pelican(c: Context, settings: str, *extra: str) -> None:
    # Errors always stop the build; in CI and for publishing, so do warnings.
    fatal = "warnings" if os.environ.get("CI") or settings == "publishconf.py" else "errors"
    args = [
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
    result = _run(c, args, warn=True)
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


def _check() -> None:
    from briefing.checker import check_content, exit_code, format_report

    problems = check_content(CONTENT)
    report = format_report(problems)
    if report:
        print(report)
    if exit_code(problems):
        raise Exit(code=1)


@task
def check(c):
    """Check every story and page; print one line per problem, fail on any error."""
    _check()


@task(pre=[check])
def build(c):
    """Check the stories, then build the preview site into output/."""
    _pelican(c, "pelicanconf.py")


@task
def serve(c, port=8000):
    """Build, serve on http://localhost:PORT and rebuild when content/ or theme/ change."""
    _pelican(
        c, "pelicanconf.py", "--autoreload", "--listen", "--bind", "127.0.0.1", "--port", str(port)
    )


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
    from briefing.importer import StoryImportError
    from briefing.importer import import_story as run_import

    if not fr and not en:
        raise Exit("import: give --fr FILE, --en FILE or both", code=2)
    try:
        report = run_import(
            fr=Path(fr) if fr else None,
            en=Path(en) if en else None,
            content_dir=CONTENT,
            force=force,
            category_fr=category_fr,
            category_en=category_en,
            tags_fr=_split_tags(tags_fr),
            tags_en=_split_tags(tags_en),
            source_url=source_url,
        )
    except StoryImportError as error:
        raise Exit(f"import: {error}", code=1) from None
    for message in report.messages:
        print(message)


def _split_tags(value: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in value.split(",") if tag.strip())


@task
def test(c, args=""):
    """Run the whole test suite."""
    _run(c, [PYTHON, "-m", "pytest", *shlex.split(args)])


@task
def catalogs(c):
    """Extract the theme's interface strings and merge them into every catalog."""
    translations = ROOT / "theme" / "translations"
    pot = translations / "messages.pot"
    babel = [PYTHON, "-m", "babel.messages.frontend"]
    extract = [*babel, "extract", "-F", str(ROOT / "theme" / "babel.cfg"), "-k", "gettext_in:2"]
    extract += ["-c", "Translators:", "--no-location", "--sort-output"]
    _run(c, [*extract, "--project", "Briefing theme", "-o", str(pot), str(ROOT / "theme")])
    # No fuzzy matching: a guessed translation of a new string would reach readers unseen.
    update = [*babel, "update", "-i", str(pot), "-d", str(translations)]
    _run(c, [*update, "--no-wrap", "--no-fuzzy-matching"])


@task(
    pre=[check],
    help={"push": "also push the built site to the gh-pages branch with ghp-import"},
)
def publish(c, push=False):
    """Check, then build for GitHub Pages with publishconf.py (needs SITEURL=https://…)."""
    _pelican(c, "publishconf.py")
    # GitHub Pages must not run Jekyll over the site (it would hide files starting "_").
    (OUTPUT / ".nojekyll").touch()
    cname = CONTENT / "CNAME"
    if cname.exists():
        shutil.copyfile(cname, OUTPUT / "CNAME")
    if push:
        message = "Publish the site"
        ghp_import = [PYTHON, "-m", "ghp_import", "--no-jekyll", "--push", "--force"]
        _run(c, [*ghp_import, "-m", message, str(OUTPUT)])


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
