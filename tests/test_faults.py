"""Faults: what a build does when it is killed, runs twice at once, meets a damaged cache or
a bad environment, and whether the same content always gives the same bytes.

Every scenario runs real builds (`python -m pelican`, or `invoke build` in a copy of the
project) as subprocesses. Where a test must act at a precise moment of a build (kill it,
start a second one), the build carries the test-only plugin tests/fault_plugins/pause_build,
which stops it at a chosen signal until the test lets it go: tests wait on conditions with
generous timeouts, never on a guessed delay.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, WITHOUT_RULEBOOK, build_site, with_shared_taxonomy
from pelican.settings import get_settings_from_file

SITES = TESTS / "sites"
FAULT_PLUGINS = TESTS / "fault_plugins"
_COPIES = Path(tempfile.mkdtemp(prefix="fault-sites-"))
atexit.register(shutil.rmtree, _COPIES, ignore_errors=True)


def site_content(name: str) -> Path:
    """A fixture site's content with the shared taxonomy added, as build_site builds it: the
    scenarios here also run pelican directly, and copy or time the folder themselves."""
    return with_shared_taxonomy(SITES / name / "content", _COPIES / name / "content")


BILINGUAL = site_content("bilingual")
# Builds on two busy cores can be slow; these bound a wait, they are not expected delays.
BUILD_TIMEOUT = 300
EXIT_TIMEOUT = 60


# --- Running builds -------------------------------------------------------------------


def pelican_command(
    content: Path, output: Path, *, extra: dict | None = None, fatal: str = "warnings"
) -> list[str]:
    """The command conftest.build_site runs, for builds a test starts and stops itself."""
    overrides = {"CACHE_PATH": str(output.parent / f"{output.name}-cache"), **(extra or {})}
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(output),
        "--fatal",
        fatal,
        "--log-handler",
        "plain",
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
    ]


def build_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "COLUMNS": "400", **extra}


def paused(marker: Path, release: Path | None = None, *, at: str = "initialized", lang="en"):
    """Settings that stop the build at `at` of the `lang` run until `release` exists."""
    plugins = get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return {
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(FAULT_PLUGINS)],
        "PLUGINS": [*plugins, "pause_build"],
        "PAUSE_SIGNAL": at,
        "PAUSE_LANG": lang,
        "PAUSE_MARKER": str(marker),
        "PAUSE_RELEASE": str(release) if release else None,
    }


def start(command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    """Start a build in a session of its own: every process it forks stays in it."""
    with log.open("wb") as handle:
        return subprocess.Popen(
            command,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=kwargs.pop("cwd", ROOT),
            env=kwargs.pop("env", build_env()),
            **kwargs,
        )


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(built: Path, expected: Path) -> None:
    got, want = tree(built), tree(expected)
    assert sorted(got) == sorted(want), "the two builds wrote different files"
    differing = [name for name in want if got[name] != want[name]]
    assert differing == [], f"these files differ: {differing}"


def clean_build(content: Path, work: Path, **kwargs) -> Path:
    output = work / "clean" / "output"
    build_site(content, output, **kwargs)
    return output


# --- Processes, read from /proc -------------------------------------------------------


def process_states() -> dict[int, tuple[str, int, int]]:
    """pid -> (state, parent pid, session id) of every process now alive."""
    states = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (command) state ppid pgrp session …"; the command may hold spaces and ")".
        fields = stat.rsplit(")", 1)[1].split()
        states[int(entry.name)] = (fields[0], int(fields[1]), int(fields[3]))
    return states


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session: a build started by start()."""
    return [
        pid for pid, (state, _, sid) in process_states().items() if sid == session and state != "Z"
    ]


def children_of(pid: int) -> list[int]:
    return [child for child, (_, parent, _) in process_states().items() if parent == pid]


linux_only = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc"
)


# --- Project copies -------------------------------------------------------------------

NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "output",
    "cache",
    "__pycache__",
    "*.pyc",
    ".*cache",
    "screenshots",
)


def copy_project(target: Path, content: Path | None = None) -> Path:
    """The project's files at `target` (no .venv: tasks run with this test's Python), with
    `content` as its content/ and the installed browser libraries linked in."""
    shutil.copytree(ROOT, target, ignore=NOT_COPIED, symlinks=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if content is not None:
        shutil.rmtree(target / "content")
        shutil.copytree(content, target / "content")
    return target


def invoke(project: Path, *task: str) -> list[str]:
    return [sys.executable, "-m", "invoke", *task]


# === A killed build ===================================================================


@linux_only
def test_killed_build_leaves_no_process_and_the_next_build_is_whole(tmp_path):
    output = tmp_path / "output"
    marker = tmp_path / "paused"
    # Stopped when the English run starts: the French run has read its stories and
    # handed them to the search-index worker, which is running.
    build = start(pelican_command(BILINGUAL, output, extra=paused(marker)), tmp_path / "log")
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "the build to reach its pause")
        assert children_of(build.pid), "the search-index worker should be running"
        build.send_signal(signal.SIGKILL)
        assert build.wait(EXIT_TIMEOUT) == -signal.SIGKILL
        wait_until(lambda: not session_processes(build.pid), EXIT_TIMEOUT, "the worker to end")
    finally:
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)

    again = build_site(BILINGUAL, output)
    assert again.returncode == 0
    assert_same_tree(output, clean_build(BILINGUAL, tmp_path))


@linux_only
def test_invoke_build_reports_a_killed_build_and_does_not_hang(tmp_path):
    project = copy_project(tmp_path / "project", BILINGUAL)
    # The copy's builds stop where the test says, through the environment.
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write(
            "\nimport os as _os\n"
            f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(FAULT_PLUGINS)!r}]\n"
            'PLUGINS = [*PLUGINS, "pause_build"]\n'
            'PAUSE_MARKER = _os.environ.get("PAUSE_MARKER")\n'
        )
    marker = tmp_path / "paused"
    build = subprocess.Popen(
        invoke(project, "build"),
        cwd=project,
        env=build_env(PAUSE_MARKER=str(marker)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "the build to reach its pause")
        pelican = json.loads(marker.read_text())["pid"]
        assert children_of(pelican), "the search-index worker should be running"
        os.kill(pelican, signal.SIGKILL)
        # Before the fix, invoke waited forever for the worker to close its output.
        log, _ = build.communicate(timeout=EXIT_TIMEOUT)
        wait_until(lambda: not session_processes(build.pid), EXIT_TIMEOUT, "every process to end")
    finally:
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)
    assert build.returncode == 128 + signal.SIGKILL
    assert "build: pelican was killed by SIGKILL" in log.decode()

    again = subprocess.run(
        invoke(project, "build"), cwd=project, env=build_env(), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert_same_tree(project / "output", clean_build(BILINGUAL, tmp_path))


# === A damaged or half-written cache ==================================================


def cache_files(output: Path) -> list[Path]:
    """Pelican's cache pickles of a build into `output` (see pelican_command)."""
    cache = output.parent / f"{output.name}-cache"
    return sorted(p for p in cache.rglob("*Generator-Readers") if p.is_file())


DAMAGES = {
    "empty": lambda data: b"",
    "first byte": lambda data: data[:1],
    "half": lambda data: data[: len(data) // 2],
    "all but the last byte": lambda data: data[:-1],
    "a flipped byte": lambda data: data[:-12] + bytes([data[-12] ^ 0xFF]) + data[-11:],
    "not a cache": lambda data: b"\x80\x04K\x01.",  # a valid pickle of the number 1
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_is_discarded_with_one_line_and_rebuilt(damage, tmp_path):
    output = tmp_path / "output"
    build_site(BILINGUAL, output)
    damaged = cache_files(output)
    assert len(damaged) == 4  # articles and pages, in each language
    for path in damaged:
        path.write_bytes(DAMAGES[damage](path.read_bytes()))

    # Warnings are fatal, as in CI: a discarded cache is worth a line, not a failure.
    again = build_site(BILINGUAL, output)
    assert "Traceback" not in again.log
    for path in damaged:
        lines = [line for line in again.log.splitlines() if str(path) in line]
        assert len(lines) == 1, again.log
        assert "safe_cache:" in lines[0] and "damaged" in lines[0]
    assert_same_tree(output, clean_build(BILINGUAL, tmp_path))
    # The cache saved by that build is whole: the next one uses it without a word.
    third = build_site(BILINGUAL, output)
    assert "safe_cache" not in third.log


@linux_only
def test_a_build_killed_while_saving_its_cache_leaves_the_previous_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    output = tmp_path / "output"
    build_site(content, output)
    articles = next(p for p in cache_files(output) if p.parent.name != "en")
    previous = articles.read_bytes()

    # A new story, so the cache changes; the build stops the moment the French articles'
    # cache is opened for writing, and is killed there.
    story = (content / "fr" / "2023" / "port-de-dakar.md").read_text()
    for old, new in [
        ("port-de-dakar-double", "second-port-double"),
        ("2023-05-dakar-port", "2023-05-second-port"),
        ("Date: 2023-05-17", "Date: 2023-05-19"),
    ]:
        story = story.replace(old, new)
    (content / "fr" / "2023" / "second-port.md").write_text(story)
    marker = tmp_path / "paused"
    extra = paused(marker, at="write", lang="fr")
    extra["PAUSE_PATH"] = r"ArticlesGenerator-Readers"
    build = start(pelican_command(content, output, extra=extra), tmp_path / "log")
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "the cache save to begin")
        build.send_signal(signal.SIGKILL)
        build.wait(EXIT_TIMEOUT)
        wait_until(lambda: not session_processes(build.pid), EXIT_TIMEOUT, "the build to end")
    finally:
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)
    # Pelican's own save had already emptied the file at this point.
    assert articles.read_bytes() == previous

    again = build_site(content, output)
    assert "safe_cache" not in again.log
    leftovers = [p.name for p in articles.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert_same_tree(output, clean_build(content, tmp_path))


# --- Small disks: a tmpfs in a private mount namespace --------------------------------


def namespace_prefix() -> list[str]:
    """The command that runs the rest in a mount namespace of its own, where a test may
    mount a small tmpfs without touching the machine; skips the test where none can be
    made (no root, and no unprivileged user namespaces)."""
    prefix = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix.append("--map-root-user")
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to mount a small file system")
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(
            "cannot make a mount namespace here (needs root or unprivileged user "
            f"namespaces): {probe.stderr.decode().strip()}"
        )
    return prefix


def run_on_small_disk(folder: Path, size: str, steps: str, tmp_path: Path):
    """Run the bash `steps` with `folder` on a fresh tmpfs of `size`, gone afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    script = f'mount -t tmpfs -o size={size} tmpfs "$1"\nshift\n{steps}'
    return subprocess.run(
        [*namespace_prefix(), "bash", "-c", script, "bash", str(folder)],
        capture_output=True,
        text=True,
        env=build_env(),
        cwd=ROOT,
        timeout=BUILD_TIMEOUT * 3,
    )


def big_story(path: Path, lang: str, slug: str, words: int = 40_000) -> None:
    """A valid story of `words` random words, which gzip cannot make much smaller."""
    import random

    generator = random.Random(slug)
    body = "\n\n".join(
        " ".join(
            "".join(generator.choices("abcdefghijklmnopqrstuvwxyz", k=generator.randint(2, 9)))
            for _ in range(200)
        )
        for _ in range(words // 200)
    )
    path.write_text(
        f"Title: A long story\nDate: 2023-08-01\nLang: {lang}\nSlug: {slug}\n"
        f"Translation_key: 2023-08-{slug}\nCategory: {'Monde' if lang == 'fr' else 'World'}\n"
        f"Summary: Long.\n\n{body}\n"
    )


def shell_command(command: list[str]) -> str:
    import shlex

    return shlex.join(command)


@linux_only
def test_a_full_disk_while_saving_the_cache_leaves_the_previous_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    output = tmp_path / "output"
    cache = tmp_path / "output-cache"
    build = shell_command(pelican_command(content, output))
    story = content / "fr" / "2023" / "long.md"
    # On the small disk: a first build fits; with a long story the cache does not.
    steps = f"""
{build} > {tmp_path}/first.log 2>&1
cp -a {cache} {tmp_path}/cache-before
cp {tmp_path}/long.md {story}
{build} > {tmp_path}/full.log 2>&1 && exit 3
cp -a {cache} {tmp_path}/cache-after
rm {story}
{build} > {tmp_path}/again.log 2>&1
"""
    big_story(tmp_path / "long.md", "fr", "long")
    result = run_on_small_disk(cache, "160k", steps, tmp_path)
    assert result.returncode == 0, result.stderr + (tmp_path / "full.log").read_text()
    full_log = (tmp_path / "full.log").read_text()
    assert failure(full_log) == (
        f"clear_errors: the disk is full (writing {cache}/ArticlesGenerator-Readers) — "
        "free some space, then build again"
    )
    # Every cache file is still the whole previous one; nothing half-written is left.
    before, after = tmp_path / "cache-before", tmp_path / "cache-after"
    assert sorted(p.name for p in after.rglob("*")) == sorted(p.name for p in before.rglob("*"))
    for path in before.rglob("*Generator-Readers"):
        assert (after / path.relative_to(before)).read_bytes() == path.read_bytes()
    again_log = (tmp_path / "again.log").read_text()
    assert "safe_cache" not in again_log and "Traceback" not in again_log
    assert_same_tree(output, clean_build(content, tmp_path))


# === Two builds at once ===============================================================


def log_has(log: Path, text: str) -> Callable[[], bool]:
    return lambda: log.exists() and text in log.read_text(errors="replace")


@linux_only  # the waiting line names the other build's process from /proc/locks
def test_a_second_build_waits_for_the_first_then_both_succeed(tmp_path):
    output = tmp_path / "output"
    marker, release = tmp_path / "paused", tmp_path / "release"
    first = start(
        pelican_command(BILINGUAL, output, extra=paused(marker, release)), tmp_path / "first"
    )
    second = None
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "the first build to reach its pause")
        second = start(pelican_command(BILINGUAL, output), tmp_path / "second")
        wait_until(
            log_has(tmp_path / "second", "waiting for it to end"),
            BUILD_TIMEOUT,
            "the second build to say it waits",
        )
        assert second.poll() is None, "the second build did not wait"
        release.touch()
        assert first.wait(BUILD_TIMEOUT) == 0, (tmp_path / "first").read_text()
        assert second.wait(BUILD_TIMEOUT) == 0, (tmp_path / "second").read_text()
    finally:
        release.touch()
        for build in (first, second):
            if build and build.poll() is None:
                build.kill()
    log = (tmp_path / "second").read_text()
    waits = [line for line in log.splitlines() if "build_lock:" in line]
    assert waits and all("waiting for it to end" in line for line in waits), log
    assert f"process {first.pid}" in waits[0]
    assert_same_tree(output, clean_build(BILINGUAL, tmp_path))


def test_a_plain_pelican_waits_for_invoke_build(tmp_path):
    """The lock is taken by Pelican itself, so invoke build and pelican see each other."""
    project = copy_project(tmp_path / "project", BILINGUAL)
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write(
            "\nimport os as _os\n"
            f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(FAULT_PLUGINS)!r}]\n"
            'PLUGINS = [*PLUGINS, "pause_build"]\n'
            'PAUSE_MARKER = _os.environ.get("PAUSE_MARKER")\n'
            'PAUSE_RELEASE = _os.environ.get("PAUSE_RELEASE")\n'
        )
    marker, release = tmp_path / "paused", tmp_path / "release"
    first = start(
        invoke(project, "build"),
        tmp_path / "first",
        cwd=project,
        env=build_env(PAUSE_MARKER=str(marker), PAUSE_RELEASE=str(release)),
    )
    plain = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"]
    second = None
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "invoke build to reach its pause")
        second = start([*plain, "--log-handler", "plain"], tmp_path / "second", cwd=project)
        wait_until(
            log_has(tmp_path / "second", "waiting for it to end"),
            BUILD_TIMEOUT,
            "pelican to say it waits",
        )
        assert second.poll() is None
        release.touch()
        assert first.wait(BUILD_TIMEOUT) == 0, (tmp_path / "first").read_text()
        assert second.wait(BUILD_TIMEOUT) == 0, (tmp_path / "second").read_text()
    finally:
        release.touch()
        for build in (first, second):
            if build and build.poll() is None:
                build.kill()


@linux_only
def test_a_build_that_waited_too_long_gives_up_with_one_line(tmp_path):
    output = tmp_path / "output"
    marker, release = tmp_path / "paused", tmp_path / "release"
    first = start(
        pelican_command(BILINGUAL, output, extra=paused(marker, release)), tmp_path / "first"
    )
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, "the first build to reach its pause")
        second = build_site(
            BILINGUAL, output, extra={"BUILD_LOCK_TIMEOUT": 1}, expect_success=False
        )
    finally:
        release.touch()
        first.wait(BUILD_TIMEOUT)
    assert second.returncode == 1
    assert f"is still in use by another build (process {first.pid}" in second.log
    assert "after 1 s — wait for it to end, or stop it" in second.log


# === Files a killed build was writing =================================================


@linux_only
@pytest.mark.parametrize("name", ["search-index.json", "en/search-index.json", "sitemap.xml"])
def test_a_build_killed_while_writing_a_file_leaves_the_previous_whole_file(name, tmp_path):
    output = tmp_path / "output"
    build_site(BILINGUAL, output)
    previous = (output / name).read_bytes()

    marker = tmp_path / "paused"
    extra = paused(marker, at="write", lang="fr")
    # The file itself, or the temporary file an atomic writer fills in the same folder.
    target = output / name
    extra["PAUSE_PATH"] = f"^{re.escape(str(target.parent))}/\\.?{re.escape(target.name)}"
    build = start(pelican_command(BILINGUAL, output, extra=extra), tmp_path / "log")
    try:
        wait_until(marker.exists, BUILD_TIMEOUT, f"the build to start writing {name}")
        build.send_signal(signal.SIGKILL)
        build.wait(EXIT_TIMEOUT)
        wait_until(lambda: not session_processes(build.pid), EXIT_TIMEOUT, "the build to end")
    finally:
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)
    assert (output / name).read_bytes() == previous

    build_site(BILINGUAL, output)
    assert_same_tree(output, clean_build(BILINGUAL, tmp_path))


# === The same content gives the same bytes ============================================

SAME_DATE = site_content("same-date")  # stories sharing a day, and a month


def build_with(content: Path, output: Path, **env: str) -> dict[str, bytes]:
    """Build with small pages (so pagination shows too) and return every output file."""
    command = pelican_command(content, output, extra={"DEFAULT_PAGINATION": 3})
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(**env))
    assert result.returncode == 0, result.stdout + result.stderr
    return tree(output)


def test_builds_with_different_hash_seeds_give_the_same_bytes(tmp_path):
    builds = {
        seed: build_with(SAME_DATE, tmp_path / f"seed-{seed}" / "output", PYTHONHASHSEED=seed)
        for seed in ("1", "2", "3")
    }
    first = builds["1"]
    assert "page/3/index.html" in first and "en/tag/energy/page/2/index.html" in first
    for seed, files in builds.items():
        assert sorted(files) == sorted(first)
        differing = [name for name in first if files[name] != first[name]]
        assert differing == [], f"PYTHONHASHSEED={seed} changed {differing}"


def test_files_created_in_another_order_give_the_same_bytes(tmp_path):
    sources = sorted(p for p in SAME_DATE.rglob("*") if p.is_file())
    builds = []
    for name, order in (("forward", sources), ("backward", sources[::-1])):
        content = tmp_path / name / "content"
        for source in order:  # each file and folder created in this order
            target = content / source.relative_to(SAME_DATE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        builds.append(build_with(content, tmp_path / name / "output", PYTHONHASHSEED="7"))
    forward, backward = builds
    assert sorted(forward) == sorted(backward)
    assert [name for name in forward if forward[name] != backward[name]] == []


def test_stories_of_the_same_date_are_listed_by_file_name(tmp_path):
    files = build_with(SAME_DATE, tmp_path / "output")
    home = files["index.html"].decode() + files["page/2/index.html"].decode()
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
    positions = [home.index(f"Brève {word}") for word in words]
    # Four stories of 12 March, then the ones known only to be of March.
    assert positions == sorted(positions)


# === Output holds exactly what the build wrote ========================================


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def test_a_renamed_slug_leaves_no_old_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    output = tmp_path / "output"
    build_site(content, output)
    old_page = output / "2023/05/port-de-dakar-double-sa-capacite/index.html"
    assert old_page.is_file()

    edit(content / "fr/2023/port-de-dakar.md", "Slug: port-de-dakar-double", "Slug: dakar-double")
    build_site(content, output)
    assert not old_page.exists() and not old_page.parent.exists()
    assert (output / "2023/05/dakar-double-sa-capacite/index.html").is_file()
    assert_same_tree(output, clean_build(content, tmp_path))


def test_removed_stories_tags_images_and_pages_leave_nothing_behind(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAME_DATE, content)
    (content / "images").mkdir()
    image = TESTS / "checker" / "good" / "content" / "images" / "carte.png"
    shutil.copy(image, content / "images" / "map.png")
    output = tmp_path / "output"
    build_site(content, output, extra={"DEFAULT_PAGINATION": 2})
    before = set(tree(output))

    # Fewer stories (fewer pages, a tag gone), no image, and a larger page size.
    for word in ("echo", "foxtrot", "golf", "hotel"):
        (content / "fr/2024" / f"{word}.md").unlink()
    for word in ("alpha", "delta"):
        edit(content / "en/2024" / f"{word}.md", "Tags: Energy", "Tags: Ports")
    (content / "images" / "map.png").unlink()
    build_site(content, output, extra={"DEFAULT_PAGINATION": 3})
    gone = before - set(tree(output))
    assert {"images/map.png", "page/3/index.html", "2024/03/breve-echo/index.html"} <= gone
    assert_same_tree(output, clean_build(content, tmp_path, extra={"DEFAULT_PAGINATION": 3}))


def test_pruning_stays_inside_the_output_folder(tmp_path):
    output = tmp_path / "output"
    build_site(BILINGUAL, output)
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.txt").write_text("not the build's")
    (output / "linked").symlink_to(outside / "keep", target_is_directory=True)
    (output / "link.txt").symlink_to(outside / "keep" / "file.txt")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (output / "stale.html").write_text("old")

    build_site(BILINGUAL, output, extra={"OUTPUT_RETENTION": [".git"]})
    assert not (output / "linked").exists() and not (output / "linked").is_symlink()
    assert not (output / "link.txt").is_symlink()
    assert not (output / "stale.html").exists()
    assert (outside / "keep" / "file.txt").read_text() == "not the build's"
    assert (output / ".git" / "HEAD").is_file()


def test_an_output_folder_holding_the_content_is_not_pruned(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BILINGUAL, site / "content")
    (site / "notes.txt").write_text("an editor's notes")
    result = build_site(site / "content", site)
    assert (site / "notes.txt").read_text() == "an editor's notes"
    assert f"exact_output: {site} holds the content; nothing is removed" in result.log


def test_a_failed_build_removes_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    output = tmp_path / "output"
    build_site(content, output)
    (output / "stale.html").write_text("old")
    edit(content / "fr/2023/port-de-dakar.md", "Category: Économie", "Category: Nulle part")
    failed = build_site(content, output, expect_success=False)
    assert failed.returncode != 0
    assert (output / "stale.html").exists()


# === Tasks in a folder whose name a shell would misread ================================


def test_tasks_work_from_a_path_with_a_space_and_a_semicolon(tmp_path):
    parent = tmp_path / "my site;touch x;"
    project = copy_project(parent / "brief ing", BILINGUAL)

    def run(*task: str, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            invoke(project, *task), cwd=project, env=build_env(**env), capture_output=True
        )
        assert result.returncode == 0, f"invoke {' '.join(task)}:\n{result.stdout.decode()}"
        return result

    run("check")
    run("build")
    assert (project / "output" / "index.html").is_file()
    assert (project / "output" / "en" / "search-index.json").is_file()
    run("publish", SITEURL="https://example.org/brief")
    assert (project / "output" / ".nojekyll").is_file()
    run("catalogs")
    assert (project / "theme" / "translations" / "messages.pot").is_file()
    collected = run("test", "--args", "--collect-only -q tests/test_catalogs.py")
    assert b"test_catalogs.py" in collected.stdout
    run("clean")
    assert not (project / "output").exists()
    # Nothing ran the `touch x` hidden in the folder's name.
    assert not any(path.name == "x" for path in tmp_path.rglob("x"))
    assert not (ROOT / "x").exists()


# === Feeds keep every character =======================================================

FEED_TEXT = site_content("feed-text")
FEED_STORIES = {
    "fr": ("feeds/all.atom.xml", "2024/04/croissance-zone-euro-afrique/"),
    "en": ("en/feeds/all.atom.xml", "en/2024/04/growth-euro-area-africa/"),
}


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory):
    return build_site(FEED_TEXT, tmp_path_factory.mktemp("feed-text") / "output")


def text_of(html: str) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@pytest.mark.parametrize("lang", FEED_STORIES)
def test_atom_titles_summaries_and_contents_keep_every_character(feed_site, lang):
    import feedparser

    feed_path, page = FEED_STORIES[lang]
    feed = feedparser.parse(feed_site.path(feed_path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    html = feed_site.html(page)
    title = html.select_one("h1").get_text()
    assert entry.title == title
    assert "< 2" in title and "> 3" in title and " & " in title
    assert text_of(entry.summary) == html.select_one('meta[name="description"]')["content"]
    assert "<b>" in text_of(entry.summary)
    assert text_of(entry.content[0].value) == text_of(str(html.select_one(".story-body")))
    assert feed.feed.title == html.select_one(".site-title, header a").get_text().strip()


def test_the_page_escapes_the_title_and_text_once(feed_site):
    raw = feed_site.path(FEED_STORIES["fr"][1]).read_text()
    title = "Croissance &lt; 2 % en zone euro, &gt; 3 % en Afrique &amp; «\u00a0ailleurs\u00a0»"
    assert f"<h1>{title}</h1>" in raw
    assert "&lt;b&gt;restent&lt;/b&gt;" in raw
    assert "&amp;lt;" not in raw.split("<h1>")[1].split("</h1>")[0]


# === A bad environment: one clear line, no traceback ==================================


REPORTED = re.compile(r" \[[a-z0-9-]+\]$|^No errors; ")


def failure(log: str) -> str:
    """A build's log without the rulebook's warnings (the fixture site holds a draft)."""
    return "\n".join(line for line in log.strip().splitlines() if not REPORTED.search(line))


def failure_report(log: str) -> str:
    """The rulebook's report in a build's log: its lines, as invoke check prints them."""
    return "\n".join(line for line in log.splitlines() if REPORTED.search(line))


def assert_one_line(log: str, expected: str) -> None:
    """The whole log of a failed build is the one line that says why."""
    assert "Traceback" not in log
    assert failure(log) == expected, log


def test_a_read_only_output_folder_is_one_line(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    if os.geteuid() != 0:
        # Anyone but root is stopped by the folder's permissions.
        output.chmod(0o555)
        try:
            result = build_site(BILINGUAL, output, expect_success=False)
        finally:
            output.chmod(0o755)
        assert result.returncode == 1
        assert_one_line(
            result.log,
            f"clear_errors: permission denied for {output} — check its permissions, or "
            "build into another folder (pelican -o FOLDER)",
        )
        return
    # Root writes through permissions: the folder becomes a read-only mount, in a mount
    # namespace of this test's own.
    build = shell_command(pelican_command(BILINGUAL, output))
    script = f'mount --bind "{output}" "{output}"\nmount -o remount,bind,ro "{output}"\n{build}'
    result = subprocess.run(
        [*namespace_prefix(), "bash", "-c", script],
        capture_output=True,
        text=True,
        env=build_env(),
        cwd=ROOT,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 1
    assert_one_line(
        result.stdout + result.stderr,
        f"clear_errors: {output} is on a read-only file system — build into a writable "
        "folder (pelican -o FOLDER)",
    )


@linux_only
@pytest.mark.parametrize("size", ["16k", "48k", "200k"])
def test_a_full_disk_is_one_line(size, tmp_path):
    """Output and cache on one small disk: it fills up at a different file each time."""
    disk = tmp_path / "disk"
    output = disk / "output"
    build = shell_command(pelican_command(BILINGUAL, output))
    result = run_on_small_disk(disk, size, f"{build} > {tmp_path}/log 2>&1", tmp_path)
    assert result.returncode == 1, result.stderr
    log = (tmp_path / "log").read_text()
    assert "Traceback" not in log
    # A language run that finished before the disk filled up says so; then one line.
    log = "\n".join(line for line in log.splitlines() if not line.startswith("Done: "))
    prefix, _, rest = failure(log).partition(f"(writing {disk}/")
    assert prefix == "clear_errors: the disk is full ", log
    assert rest.endswith(") — free some space, then build again") and "\n" not in rest, log


def test_a_machine_locale_that_does_not_exist_changes_nothing(tmp_path):
    """LANG names a locale the machine lacks (a French editor's setting on a CI runner):
    the build neither warns nor changes, since Babel writes the dates."""
    output = tmp_path / "output"
    command = pelican_command(BILINGUAL, output)
    locale = {"LANG": "xx_XX.UTF-8", "LC_ALL": "xx_XX.UTF-8"}
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(**locale))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Locale could not be set" not in result.stdout + result.stderr
    assert_same_tree(output, clean_build(BILINGUAL, tmp_path))


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"DEFAULT_LANG": "de"},
            "search_index: DEFAULT_LANG 'de' has no search pipeline (languages: fr, en)",
        ),
        (
            {
                "I18N_SUBSITES": {
                    "en": {"ARTICLE_PATHS": ["en"], "PAGE_PATHS": ["pages/en"]},
                    "de": {"ARTICLE_PATHS": ["de"], "PAGE_PATHS": ["pages/de"]},
                }
            },
            # The French run meets it first: the taxonomy has no German labels.
            "taxonomy: {content}/taxonomy.toml: categories.world.de: missing — add de = "
            '{{ label = "…", slug = "…" }} — run `invoke check`',
        ),
    ],
    ids=["main language", "another language"],
)
def test_a_site_language_the_site_cannot_build_is_one_line(extra, expected, tmp_path):
    # Without the rulebook, which would first list every story filed under another
    # language than the settings name, or the taxonomy's missing labels.
    result = build_site(
        BILINGUAL, tmp_path / "output", extra={**extra, **WITHOUT_RULEBOOK}, expect_success=False
    )
    assert result.returncode == 1
    assert_one_line(result.log, expected.format(content=BILINGUAL))


@pytest.mark.parametrize("fatal", ["warnings", "errors"])
def test_a_story_in_a_language_the_site_lacks_is_one_line(fatal, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    edit(content / "fr/2023/port-de-dakar.md", "Lang: fr", "Lang: es")
    # The rulebook says it first, as invoke check does…
    result = build_site(content, tmp_path / "output", fatal=fatal, expect_success=False)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert "[lang-unknown]" in failure_report(result.log)
    # …and without it, the build still stops with one line.
    result = build_site(
        content, tmp_path / "bare", fatal=fatal, expect_success=False, extra=WITHOUT_RULEBOOK
    )
    assert result.returncode == 1
    assert_one_line(
        result.log,
        "Could not process fr/2023/port-de-dakar.md: clear_errors: Lang: 'es' is not a "
        "language of this site (fr, en) — write one of them, and keep the file in that "
        "language's folder",
    )


def test_a_slug_too_long_for_the_file_system_is_one_line(tmp_path):
    content = site_content("long-slug")
    # The rulebook refuses the slug (rule slug-too-long) before the file system would…
    result = build_site(content, tmp_path / "output", expect_success=False)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert "[slug-too-long]" in failure_report(result.log)
    # …and without it, the build still stops with one line, before writing.
    result = build_site(content, tmp_path / "bare", expect_success=False, extra=WITHOUT_RULEBOOK)
    assert result.returncode == 1
    slug = (content / "fr/2024/long.md").read_text().split("Slug: ")[1].split()[0]
    assert_one_line(
        result.log,
        f"clear_errors: fr/2024/long.md: its file 2024/05/{slug}/index.html has a name of "
        f"{len(slug)} bytes, more than the 255 this file system allows — shorten its Slug",
    )
