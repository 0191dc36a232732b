"""A build after a change writes exactly what a cold build of the changed content writes,
and rewrites only the pages the change touches (plugins/page_writer, briefing.rules.memory).

Each case starts from one cold build of a small corpus (tests/benchmarks/corpus.py: enough
stories for related stories, pagination, sections and topics), copied with its cache;
applies one change an editor makes; builds again; then compares every file, byte for
byte, with a cold build of the same content into an empty folder. Which files the
incremental build rewrote is read from their modification times: a page kept as it was is
not touched.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, pelican_command
from test_checker import run_checker
from test_faults import (
    BUILD_TIMEOUT,
    EXIT_TIMEOUT,
    children_of,
    linux_only,
    paused,
    session_processes,
    start,
    tree,
    wait_until,
)
from test_faults import pelican_command as fault_command

PAIRS = 30


def _corpus_module():
    spec = importlib.util.spec_from_file_location(
        "incremental_corpus", ROOT / "tests" / "benchmarks" / "corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def build(content: Path, output: Path, cache: Path, *, theme: Path | None = None) -> str:
    extra: dict[str, object] = {"CACHE_PATH": str(cache)}
    if theme is not None:
        extra["THEME"] = str(theme)
    command, env = pelican_command(content, output, extra=extra)
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def times(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus, its theme, and a cold build of it with its cache."""
    root = tmp_path_factory.mktemp("incremental-base")
    _corpus_module().generate_corpus(root / "content", PAIRS, seed=7, words=180)
    shutil.copytree(ROOT / "theme", root / "theme")
    build(root / "content", root / "output", root / "cache", theme=root / "theme")
    return root


def story(content: Path, lang: str, index: int = 0) -> Path:
    return sorted((content / lang).rglob("*.md"))[index]


def field(path: Path, name: str) -> str:
    match = re.search(rf"^{name}: *(.*)$", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path} has no {name}"
    return match[1]


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{name}:.*$", f"{name}: {value}", text, count=1, flags=re.M))


def edit_body(content: Path, _: Path) -> None:
    path = story(content, "fr", 3)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\nUne phrase ajoutée après relecture.\n")


def edit_title(content: Path, _: Path) -> None:
    set_field(story(content, "en", 5), "Title", "A headline rewritten by the desk")


def rename_slug(content: Path, _: Path) -> None:
    path = story(content, "en", 7)
    set_field(path, "Slug", field(path, "Slug") + "-renamed")


def change_tags(content: Path, _: Path) -> None:
    set_field(story(content, "fr", 9), "Tags", "Mali, Niger")


def add_story(content: Path, _: Path) -> None:
    source = story(content, "fr", 11)
    copy = source.with_name("nouvelle-breve.md")
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^Slug:.*$", "Slug: nouvelle-breve", text, count=1, flags=re.M)
    text = re.sub(r"^Translation_key:.*$", "Translation_key: new-brief", text, count=1, flags=re.M)
    text = re.sub(r"^Title:.*$", "Title: Une nouvelle brève", text, count=1, flags=re.M)
    copy.write_text(text, encoding="utf-8")


def delete_story(content: Path, _: Path) -> None:
    path = story(content, "fr", 13)
    key = field(path, "Translation_key")
    for other in content.rglob("*.md"):
        if re.search(rf"^Translation_key: *{re.escape(key)}$", other.read_text(), re.M):
            other.unlink()


def link_then_rename(content: Path, _: Path) -> None:
    """A story links to another by file; the target's slug changes: the link must follow."""
    linking, target = story(content, "fr", 15), story(content, "fr", 16)
    relative = target.relative_to(content).as_posix()
    text = linking.read_text(encoding="utf-8")
    linking.write_text(
        text.rstrip("\n") + f"\n\nVoir aussi [l’autre brève]({{filename}}/{relative}).\n"
    )


def rename_linked_target(content: Path, _: Path) -> None:
    target = story(content, "fr", 16)
    set_field(target, "Slug", field(target, "Slug") + "-bis")


def change_taxonomy(content: Path, _: Path) -> None:
    path = content / "taxonomy.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Afrique"', '"Afrique et océan Indien"', 1), encoding="utf-8")


def change_template(_: Path, theme: Path) -> None:
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("</footer>", "<!-- v2 --></footer>")
    )


CASES: dict[str, tuple[Callable[[Path, Path], None], ...]] = {
    "nothing": (),
    "edit-body": (edit_body,),
    "edit-title": (edit_title,),
    "rename-slug": (rename_slug,),
    "change-tags": (change_tags,),
    "add-story": (add_story,),
    "delete-story": (delete_story,),
    "link-target-renamed": (link_then_rename, rename_linked_target),
    "taxonomy": (change_taxonomy,),
    "template": (change_template,),
}
# Changes that every page shows: everything is written again.
EVERYWHERE = {"taxonomy", "template"}


@pytest.mark.parametrize("case", CASES)
def test_a_build_after_a_change_equals_a_cold_build(case, base, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)  # keeps times: kept pages stay recognisable
    content, theme, output, cache = (work / n for n in ("content", "theme", "output", "cache"))
    before = times(output)
    steps = CASES[case] or (lambda *_: None,)
    for step in steps:
        before = times(output)  # the last step is the one judged
        step(content, theme)
        build(content, output, cache, theme=theme)
    after = times(output)

    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "cold-cache", theme=theme)
    built, expected = tree(output), tree(cold)
    assert sorted(built) == sorted(expected), "files differ from a cold build's"
    different = [name for name in expected if built[name] != expected[name]]
    assert not different, f"files differ from a cold build's: {different[:10]}"

    pages = [name for name in after if name.endswith(".html")]
    rewritten = [name for name in pages if before.get(name) != after[name]]
    if case == "nothing":
        assert rewritten == []
    elif case in EVERYWHERE:
        assert len(rewritten) == len(pages)
    else:
        assert 0 < len(rewritten) < len(pages) / 3, f"{len(rewritten)} of {len(pages)} rewritten"


def test_a_damaged_record_renders_every_page_again(base, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)
    for record in (work / "cache").rglob("pages.json"):
        record.write_bytes(record.read_bytes()[:100])
    before = times(work / "output")
    log = build(work / "content", work / "output", work / "cache", theme=work / "theme")
    assert "pages.json could not be read" in log
    after = times(work / "output")
    pages = [name for name in after if name.endswith(".html")]
    assert all(before.get(name) != after[name] for name in pages)


def test_a_page_changed_by_hand_is_written_again(base, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)
    page = next((work / "output").rglob("index.html"))
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    os.utime(page, ns=(0, 0))
    build(work / "content", work / "output", work / "cache", theme=work / "theme")
    assert page.read_bytes() == original


@linux_only
def test_a_build_killed_while_rendering_leaves_no_process_and_no_trusted_page(base, tmp_path):
    """Killed while its rendering processes write pages: they end with it, and the next
    build writes what a cold build writes (nothing half-written is kept)."""
    content = base / "content"
    output, cache = tmp_path / "output", tmp_path / "cache"
    marker = tmp_path / "paused"
    extra = {
        **paused(marker, at="write", lang="fr"),
        # The temporary file of a story page: the pause comes in the middle of its write.
        "PAUSE_PATH": r"/output/20\d\d/\d\d/[^/]+/\.index\.html\.\d+\.[^/]+\.tmp$",
        "PAGE_WRITER_WORKERS": 2,
        "CACHE_PATH": str(cache),
        "THEME": str(base / "theme"),
    }
    build_process = start(fault_command(content, output, extra=extra), tmp_path / "log")
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "a page to be half written")
        # The search worker and at least one rendering process.
        assert len(children_of(build_process.pid)) >= 2
        build_process.send_signal(signal.SIGKILL)
        assert build_process.wait(EXIT_TIMEOUT) == -signal.SIGKILL
        wait_until(
            lambda: not session_processes(build_process.pid), EXIT_TIMEOUT, "its processes to end"
        )
    finally:
        for pid in session_processes(build_process.pid):
            os.kill(pid, signal.SIGKILL)

    build(content, output, cache, theme=base / "theme")
    assert not list(output.rglob("*.tmp"))
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "cold-cache", theme=base / "theme")
    assert tree(output) == tree(cold)


def test_a_large_site_is_checked_on_every_core_with_every_problem_reported(tmp_path):
    """Two hundred files and more are checked in shares (briefing.forked): a problem found
    in any share is reported, with its line, and remembered for the next check."""
    content = tmp_path / "content"
    _corpus_module().generate_corpus(content, 110, seed=3, words=60)
    stories = sorted((content / "fr").rglob("*.md"))
    assert len(stories) + len(list((content / "en").rglob("*.md"))) >= 200
    spoiled = stories[3::41]
    for path in spoiled:
        set_field(path, "Tags", "Climat inconnu")
    expected = sorted(
        f"{path.relative_to(tmp_path).as_posix()}:"
        f"{path.read_text(encoding='utf-8').splitlines().index('Tags: Climat inconnu') + 1}"
        for path in spoiled
    )
    for _ in range(2):  # checked, then remembered
        result = run_checker(content, cwd=tmp_path)
        assert result.returncode == 1
        lines = [line for line in result.stdout.splitlines() if "[tag-unknown]" in line]
        assert sorted(line.split(": Tags:")[0] for line in lines) == expected
