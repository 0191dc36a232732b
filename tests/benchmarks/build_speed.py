"""Build-speed benchmark: the project against Hugo on the same corpus, cold and after one change.

For each corpus size it generates a synthetic bilingual corpus (corpus.py; its distinct index
terms per language are printed) into a copy of the project (settings, tasks.py, plugins/,
theme/, taken when the script starts, so edits to the working tree during a run never mix two
versions of the code) and measures, each run in a fresh child process:

- project cold: `invoke build` (its full command, the rulebook's check included) into empty
  output and cache folders;
- Hugo cold: Hugo 0.168 (requirements-bench.txt, `make bench-install`) on the same corpus
  converted by hugo_site.py (multilingual, translationKey, pagination by 10, section,
  category and tag pages, archives, one feed per language, sitemap, minimal templates), into
  an empty destination and cache folder; the ratio project/Hugo;
- `invoke check` alone;
- the edit cases, after a cold build: edit one word of one story, add one story (both
  languages), delete one story (both files), each followed by `invoke build`, timed as a
  fraction of the cold build. Once per size, the content each case left is cold-built and
  the trees are compared byte for byte: an incremental build must write exactly what a cold
  build of the same content writes (no stale page, no missing one). Two cold builds of the
  same content are compared first: if they differ, no incremental build can match one.

Each repetition runs all of these in turn (interleaved), so a burst of load from other
processes hits them alike; medians are printed, every run's time below the tables, and the
machine's load averages at start and end. Memory is the peak of the whole process tree (PSS
summed over its processes, sampled every 50 ms: memory a forked worker shares with the
build counts once) and of its largest process (maxrss).

On request (--variants), the earlier comparison of Pelican variants, each a `python -m
pelican` run with the project's settings: project, stock (Pelican's own MarkdownReader:
a new Markdown object per file, summaries rendered as Markdown) and nosearch (without the
search_index plugin), cold and after a one-word edit with the content cache, plus one
instrumented build per variant split into phases of exclusive time (read, write, cache,
search, plugins, other). --parse times parsing every story in process (StoryReader against
MarkdownReader), --profile lists the hotspots of one cold build under cProfile.

A script that prints figures, not a test:
    .venv/bin/python tests/benchmarks/build_speed.py                       # 1,000 pairs
    .venv/bin/python tests/benchmarks/build_speed.py --pairs 1000 5000 --repeat 5
    .venv/bin/python tests/benchmarks/build_speed.py --variants project,stock,nosearch --profile
Without Hugo installed, its columns say so and the rest runs.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.util
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _load(name: str, path: Path) -> Any:
    """A module of this folder or a plugin, by path: nothing is added to the import path."""
    locations = [str(path.parent)] if path.name == "__init__.py" else None
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=locations)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_corpus = _load("corpus", HERE / "corpus.py")
LANGS, corpus_stats, generate_corpus = _corpus.LANGS, _corpus.corpus_stats, _corpus.generate_corpus
stats_line = _corpus.stats_line
_bench = _load("benchlib", HERE / "benchlib.py")
CommandFailed, Run, measure_run = _bench.CommandFailed, _bench.Run, _bench.measure
hugo_binary, version, missing_peer = _bench.hugo_binary, _bench.version, _bench.missing_peer
load_averages = _bench.load_averages
convert_to_hugo = _load("hugo_site", HERE / "hugo_site.py").convert

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
INVOKE = ROOT / ".venv" / "bin" / "invoke"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
PROJECT_SETTINGS = ROOT / "pelicanconf.py"
# The libraries a build spends its time in, listed with project code by --profile.
HOTSPOT_LIBRARIES = (
    "/pelican/",
    "/jinja2/",
    "/markdown/",
    "/lunr/",
    "/snowballstemmer/",
    "/babel/",
    "/markupsafe/",
    "/feedgenerator/",
)

# Settings files of the comparison variants: pelicanconf.py with a few overrides. Paths that
# Pelican resolves against the settings file's folder are made absolute, since these files
# live in a temporary folder.
VARIANT_SETTINGS = {
    "stock": '''"""Stock comparison: Pelican's MarkdownReader."""
from pelican.settings import get_settings_from_file

globals().update(get_settings_from_file({settings!r}))

PLUGIN_PATHS = [{plugins!r}]
THEME = {theme!r}
PLUGINS = [name for name in PLUGINS if name != "story_reader"]
FORMATTED_FIELDS = ["summary"]  # Pelican's default: summaries are Markdown
''',
    "nosearch": '''"""The project's settings without the search index."""
from pelican.settings import get_settings_from_file

globals().update(get_settings_from_file({settings!r}))

PLUGIN_PATHS = [{plugins!r}]
THEME = {theme!r}
PLUGINS = [name for name in PLUGINS if name != "search_index"]
''',
}
VARIANTS = ("project", "stock", "nosearch")


class BuildFailed(RuntimeError):
    """Pelican exited with an error: the message carries its command and output."""


@dataclass
class Result:
    variant: str
    pairs: int
    files: int
    cold: list[float] = field(default_factory=list)
    cold_with_cache: float | None = None
    rebuild: list[float] = field(default_factory=list)
    output_mb: float = 0.0
    pages: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    rebuild_phases: dict[str, float] = field(default_factory=dict)
    error: str = ""


# --------------------------------------------------------------------------------------------
# Running Pelican


def snapshot(target: Path, source: Path = ROOT) -> Path:
    """Copy what a build runs (top-level files, tasks.py and the settings included, plugins/,
    theme/) from `source` into `target`; return the copy's settings file."""
    ignore = shutil.ignore_patterns("__pycache__")
    target.mkdir(parents=True, exist_ok=True)
    # Top-level files too: the settings may read them (a cache key hashes requirements.txt).
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)
    for folder in ("plugins", "theme"):
        shutil.copytree(source / folder, target / folder, ignore=ignore, dirs_exist_ok=True)
    # The search plugin copies the browser libraries from <project>/node_modules.
    if (ROOT / "node_modules").is_dir() and not (target / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target / PROJECT_SETTINGS.name


def settings_file(variant: str, project: Path, folder: Path) -> Path:
    """The settings file of a variant: the project's own, or one generated into `folder`."""
    if variant == "project":
        return project
    path = folder / f"{variant}_settings.py"
    root = project.parent
    path.write_text(
        VARIANT_SETTINGS[variant].format(
            settings=str(root / "pelicanconf.py"),
            plugins=str(root / "plugins"),
            theme=str(root / "theme"),
        ),
        encoding="utf-8",
    )
    return path


def pelican_args(
    settings: Path, content: Path, output: Path, cache: Path, *, cached: bool = False
) -> list[str]:
    """Pelican's command-line arguments, as `invoke build` passes them, plus the cache."""
    extra = {"CACHE_PATH": str(cache)}
    if cached:
        extra |= {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    return [
        str(content),
        "-s",
        str(settings),
        "-o",
        str(output),
        "--fatal",
        "errors",
        "-q",
        "-e",
        *(f"{name}={json.dumps(value)}" for name, value in extra.items()),
    ]


def run(command: Sequence[str]) -> float:
    """Run a command from the project root; return its wall time in seconds."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildFailed(f"{' '.join(command)}\nexit {result.returncode}\n{output[-4000:]}")
    return elapsed


def pelican(args: Sequence[str]) -> float:
    return run([PYTHON, "-m", "pelican", *args])


def fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# What is measured


_LONG_WORD_RE = re.compile(r"\b[^\W\d_]{6,}\b")


def change_one_word(story: Path) -> str:
    """Replace the first long word of the story's text; return the file's original text."""
    original = story.read_text(encoding="utf-8")
    header, _, body = original.partition("\n\n")
    match = _LONG_WORD_RE.search(body)
    if match is None:
        raise ValueError(f"{story}: no word to change")
    replacement = "modifié" if match.group() != "modifié" else "changé"
    body = body[: match.start()] + replacement + body[match.end() :]
    story.write_text(f"{header}\n\n{body}", encoding="utf-8")
    return original


class Bench:
    """The builds of every variant on one corpus, interleaved: each repetition runs every
    variant in turn, so a burst of load from other processes hits all of them alike."""

    def __init__(self, variants: dict[str, Path], content: Path, work: Path, pairs: int):
        self.settings = variants  # variant -> settings file
        self.content, self.work = content, work
        files = sum(1 for lang in LANGS for _ in (content / lang).rglob("*.md"))
        self.results = {name: Result(name, pairs, files) for name in variants}

    def _folders(self, variant: str, kind: str) -> tuple[Path, Path]:
        return self.work / f"{kind}-{variant}-output", self.work / f"{kind}-{variant}-cache"

    def _args(self, variant: str, kind: str, *, cached: bool = False) -> list[str]:
        output, cache = self._folders(variant, kind)
        return pelican_args(self.settings[variant], self.content, output, cache, cached=cached)

    def _each(self, action: Callable[[str], None]) -> None:
        """Run `action` for every variant still standing; a failed build retires a variant."""
        for variant, result in self.results.items():
            if not result.error:
                try:
                    action(variant)
                except BuildFailed as error:
                    result.error = str(error)

    def cold(self, repeat: int) -> None:
        """Builds into empty output and cache folders; then the size of what they wrote."""

        def build(variant: str) -> None:
            fresh(*self._folders(variant, "cold"))
            self.results[variant].cold.append(pelican(self._args(variant, "cold")))

        def measure_output(variant: str) -> None:
            result = self.results[variant]
            result.output_mb, result.pages = output_stats(self._folders(variant, "cold")[0])

        for _ in range(repeat):
            self._each(build)
        self._each(measure_output)

    def rebuilds(self, repeat: int) -> None:
        """A cache-writing build per variant, then `repeat` rounds of: change one word in a
        story, rebuild every variant. Each round edits a different story, so each rebuild
        finds exactly one changed file; a last, instrumented round gives the phases. The
        stories are restored afterwards."""

        def first(variant: str) -> None:
            fresh(*self._folders(variant, "cached"))
            args = self._args(variant, "cached", cached=True)
            self.results[variant].cold_with_cache = pelican(args)

        def again(variant: str) -> None:
            self.results[variant].rebuild.append(
                pelican(self._args(variant, "cached", cached=True))
            )

        def instrumented_again(variant: str) -> None:
            args = self._args(variant, "cached", cached=True)
            report = self.work / f"rebuild-{variant}.json"
            self.results[variant].rebuild_phases = instrumented(args, report)

        self._each(first)
        stories = sorted((self.content / "fr").rglob("*.md"))
        originals: dict[Path, str] = {}
        try:
            for number in range(repeat + 1):
                story = stories[(number * 97) % len(stories)]
                originals[story] = change_one_word(story)
                self._each(again if number < repeat else instrumented_again)
        finally:
            for story, text in originals.items():
                story.write_text(text, encoding="utf-8")

    def phases(self) -> None:
        """One instrumented cold build per variant: seconds per phase."""

        def build(variant: str) -> None:
            fresh(*self._folders(variant, "phase"))
            report = self.work / f"cold-{variant}.json"
            self.results[variant].phases = instrumented(self._args(variant, "phase"), report)

        self._each(build)


def output_stats(output: Path) -> tuple[float, int]:
    """Size of the built site in MB, and how many HTML pages it has."""
    files = [path for path in output.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    return size / 1_000_000, sum(1 for path in files if path.suffix == ".html")


def instrumented(args: list[str], report: Path) -> dict[str, float]:
    """Run Pelican with `args` under run_instrumented, in a child process; seconds per phase."""
    run([PYTHON, str(Path(__file__).resolve()), "--instrumented", str(report), "--", *args])
    return json.loads(report.read_text(encoding="utf-8"))


class PhaseTimer:
    """Exclusive time per phase: a call nested in another counts for its own phase only
    (a story read inside the i18n subsite run counts as reading, not as the subsite)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._children: list[float] = []  # time spent in nested calls, per open call

    def call(self, phase: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        self._children.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            nested = self._children.pop()
            self.totals[phase] = self.totals.get(phase, 0.0) + elapsed - nested
            if self._children:
                self._children[-1] += elapsed

    def wrap(self, owner: type, name: str, phase: str) -> None:
        """Time every call of `owner.name` (class level, so every instance is covered)."""
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            return self.call(phase, original, *args, **kwargs)

        setattr(owner, name, timed)


def plugin_phase(signal: str, receiver: Callable[..., Any]) -> str:
    """The phase a signal handler's time counts for: its plugin, by module name."""
    module = getattr(receiver, "__module__", "") or ""
    parts = module.split(".")
    name = parts[2] if module.startswith("pelican.plugins.") and len(parts) > 2 else parts[0]
    if name == "i18n_subsites" and signal == "get_writer":
        return "other"  # this handler runs the whole English subsite: Pelican's own work
    return "other" if name == "pelican" else f"plugin:{name}"


def run_instrumented(report: Path, args: list[str]) -> None:
    """Run Pelican in this process, timing reading, writing, the content cache and each
    plugin's signal handlers.

    Timing wraps classes (Pelican's Readers and Writer, its cacher, blinker's signals), so
    it knows nothing of a plugin's insides and catches the nested subsite run too; it costs
    a few microseconds per call.
    """
    import blinker
    import pelican
    from pelican.cache import FileDataCacher
    from pelican.readers import Readers
    from pelican.writers import Writer

    timer = PhaseTimer()
    timer.wrap(Readers, "read_file", "read")
    timer.wrap(Writer, "write_file", "write")
    timer.wrap(Writer, "write_feed", "write")
    # Loading the content cache happens when a cacher is created, saving it at the end.
    timer.wrap(FileDataCacher, "__init__", "cache")
    timer.wrap(FileDataCacher, "save_cache", "cache")
    receivers_for = blinker.Signal.receivers_for

    def timed_receivers(signal: blinker.Signal, sender: Any) -> Any:
        for receiver in receivers_for(signal, sender):
            phase = plugin_phase(getattr(signal, "name", ""), receiver)
            yield functools.partial(timer.call, phase, receiver)

    blinker.Signal.receivers_for = timed_receivers  # type: ignore[method-assign]
    started = time.perf_counter()
    try:
        pelican.main(args)
    finally:
        total = time.perf_counter() - started
        totals = timer.totals
        totals["other"] = total - sum(t for phase, t in totals.items() if phase != "other")
        report.write_text(json.dumps({**totals, "total": total}), encoding="utf-8")


def parse_costs(project: Path, content: Path, repeat: int) -> dict[str, float]:
    """Seconds to parse every story: StoryReader once per file (each run reads its own
    language) against MarkdownReader once per file per language run (2 runs), in process."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    settings = read_settings(str(project), override={"PATH": str(content)})
    StoryReader = _load(
        "story_reader", ROOT / "plugins" / "story_reader" / "__init__.py"
    ).StoryReader

    stock_settings = {**settings, "FORMATTED_FIELDS": ["summary"]}
    files = {lang: sorted((content / lang).rglob("*.md")) for lang in LANGS}

    def project_pass() -> float:
        started = time.perf_counter()
        for lang in LANGS:
            reader = StoryReader(settings)  # one reader per language run, as in a build
            for path in files[lang]:
                reader.read(str(path))
        return time.perf_counter() - started

    def stock_pass() -> float:
        started = time.perf_counter()
        reader = MarkdownReader(stock_settings)
        for lang in LANGS:
            for path in files[lang]:
                reader.read(str(path))
        return time.perf_counter() - started

    project = statistics.median(project_pass() for _ in range(repeat))
    stock_once = statistics.median(stock_pass() for _ in range(repeat))
    return {"project": project, "stock_one_run": stock_once, "stock": 2 * stock_once}


def profile(settings: Path, content: Path, work: Path, top: int) -> list[str]:
    """One cold build under cProfile: the `top` cumulative hotspots in project code and the
    libraries named in HOTSPOT_LIBRARIES, entry points (over 90% of the run) left out."""
    output, cache, stats_file = work / "prof-output", work / "prof-cache", work / "build.prof"
    fresh(output, cache)
    args = pelican_args(settings, content, output, cache)
    wall = run([PYTHON, "-m", "cProfile", "-o", str(stats_file), "-m", "pelican", *args])
    stats = pstats.Stats(str(stats_file))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    root = str(settings.parent)
    wanted = (f"{root}/plugins/", f"{root}/theme/", *HOTSPOT_LIBRARIES)
    rows = []
    for (filename, line, name), (_cc, calls, _tt, cumulative, _callers) in raw.items():
        if not any(part in filename for part in wanted) or cumulative > 0.9 * total:
            continue
        rows.append((cumulative, calls, _short(filename, root), line, name))
    rows.sort(reverse=True)
    lines = [
        f"cProfile of one cold build: {wall:.1f} s wall under the profiler "
        f"(profiled time {total:.1f} s)",
        f"{'cum s':>7} {'%':>5} {'calls':>9}  function",
    ]
    lines += [
        f"{cumulative:7.2f} {100 * cumulative / total:5.1f} {calls:9d}  {path}:{line}({name})"
        for cumulative, calls, path, line, name in rows[:top]
    ]
    return lines


def _short(filename: str, root: str) -> str:
    for marker in ("site-packages/", root + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --------------------------------------------------------------------------------------------
# Reporting


def median_text(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "-"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


PHASES = ("read", "write", "cache", "search", "plugins", "other")


def phase_value(split: dict[str, float], phase: str) -> float:
    """'search' is the search_index plugin; 'plugins' every other plugin's handlers."""
    if phase == "search":
        return split.get("plugin:search_index", 0.0)
    if phase == "plugins":
        return sum(
            t
            for name, t in split.items()
            if name.startswith("plugin:") and name != "plugin:search_index"
        )
    return split.get(phase, 0.0)


def table(results: list[Result]) -> list[str]:
    header = (
        f"{'variant':<9} {'pairs':>5} {'files':>5} {'cold s':>7} {'cold+cache s':>12} "
        f"{'1-file rebuild s':>16} {'output MB':>9} {'pages':>6}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        if r.error:
            lines.append(f"{r.variant:<9} {r.pairs:>5} {r.files:>5}  FAILED (see below)")
            continue
        cached = f"{r.cold_with_cache:.1f}" if r.cold_with_cache is not None else "-"
        lines.append(
            f"{r.variant:<9} {r.pairs:>5} {r.files:>5} {median_text(r.cold):>7} {cached:>12} "
            f"{median_text(r.rebuild):>16} {r.output_mb:>9.1f} {r.pages:>6}"
        )
    return lines


def phase_table(results: list[Result]) -> list[str]:
    """Seconds per phase of one instrumented cold build and one instrumented rebuild."""
    header = f"{'variant':<9} {'pairs':>5} {'build':<8} " + " ".join(
        f"{name + ' s':>8}" for name in (*PHASES, "total")
    )
    lines = [header, "-" * len(header)]
    for r in results:
        for build, split in (("cold", r.phases), ("rebuild", r.rebuild_phases)):
            if split:
                cells = " ".join(f"{phase_value(split, name):>8.1f}" for name in (*PHASES, "total"))
                lines.append(f"{r.variant:<9} {r.pairs:>5} {build:<8} {cells}")
    return lines


def runs(results: list[Result]) -> list[str]:
    """Every timed run, to show the spread behind each median, and each plugin's share."""
    lines = []
    for r in results:
        if r.error:
            continue
        cold = ", ".join(f"{t:.1f}" for t in r.cold)
        rebuild = ", ".join(f"{t:.1f}" for t in r.rebuild) or "-"
        plugins = sorted(
            ((t, name.removeprefix("plugin:")) for name, t in r.phases.items() if ":" in name),
            reverse=True,
        )
        lines.append(
            f"{r.pairs} pairs, {r.variant}: cold runs {cold} s; rebuilds {rebuild} s; "
            "plugins in the cold build: "
            + (", ".join(f"{name} {t:.2f} s" for t, name in plugins) or "none")
        )
    return lines


def code_fingerprint(root: Path = ROOT) -> str:
    """A short hash of what a build runs (settings, plugins, theme), to tell runs apart."""
    digest = hashlib.sha1()
    paths = [
        root / PROJECT_SETTINGS.name,
        *sorted((root / "plugins").rglob("*")),
        *sorted((root / "theme").rglob("*")),
    ]
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def environment(project_root: Path) -> str:
    import pelican

    revision = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"Pelican {pelican.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, project {revision or 'unknown revision'} "
        f"(build code {code_fingerprint(project_root)}, snapshot taken at start)"
    )


# --------------------------------------------------------------------------------------------
# The project against Hugo, and what one change costs


EDIT_CASES = ("edit one story", "add one story", "delete one story")


@dataclass
class Comparison:
    """The interleaved runs of one corpus size: project cold builds (`invoke build` into empty
    output and cache folders), Hugo cold builds, `invoke check` alone, and the edit cases
    (`invoke build` after each change, with the previous build's output and cache)."""

    pairs: int
    cold: list[Run] = field(default_factory=list)
    hugo: list[Run] = field(default_factory=list)
    check: list[Run] = field(default_factory=list)
    edits: dict[str, list[Run]] = field(default_factory=lambda: {c: [] for c in EDIT_CASES})
    identical: dict[str, str] = field(default_factory=dict)  # case -> verdict
    reproducible: str = ""  # two cold builds of the same content, compared
    hugo_note: str = ""
    output_mb: float = 0.0
    pages: int = 0
    hugo_pages: int = 0


def build_env() -> dict[str, str]:
    """A developer's environment: CI would make every Pelican warning fatal."""
    return {name: value for name, value in os.environ.items() if name != "CI"}


def invoke(project: Path, task: str) -> Run:
    """`invoke <task>` in the project copy, as a developer runs it (check included)."""
    return measure_run([INVOKE, task], cwd=project, env=build_env())


def cold_project(project: Path) -> Run:
    fresh(project / "output", project / "cache")
    return invoke(project, "build")


def cold_hugo(hugo: Path, site: Path, work: Path) -> Run:
    """Hugo into an empty destination with an empty cache folder."""
    output, cache = work / "hugo-output", work / "hugo-cache"
    fresh(output, cache)
    return measure_run(
        [hugo, "--source", site, "--destination", output, "--cacheDir", cache, "--quiet"],
        cwd=site,
    )


class Changes:
    """The edit cases, applied in turn to a content folder and undone afterwards.

    Each repetition edits, adds and deletes a different story, so no build finds a change
    it has seen before. The same `Changes` applied again gives the content of the cold
    build the incremental one is compared with."""

    def __init__(self, content: Path, repetition: int, seed: int) -> None:
        self.content, self.repetition, self.seed = content, repetition, seed
        self.originals: dict[Path, str] = {}
        self.added: list[Path] = []
        french = sorted((content / "fr").rglob("*.md"))
        english_by_key = {
            _field(path, "Translation_key"): path for path in sorted((content / "en").rglob("*.md"))
        }
        self.translated = [
            (path, english_by_key[key])
            for path in french
            if (key := _field(path, "Translation_key")) in english_by_key
        ]

    def apply(self, case: str) -> None:
        pick = (self.repetition * 97 + EDIT_CASES.index(case) * 31) % len(self.translated)
        french, english = self.translated[pick]
        if case == "edit one story":
            self.originals.setdefault(french, french.read_text(encoding="utf-8"))
            change_one_word(french)
        elif case == "add one story":
            self.added += write_extra_story(self.content, self.seed + 1000 + self.repetition)
        else:
            for path in (french, english):
                self.originals.setdefault(path, path.read_text(encoding="utf-8"))
                path.unlink()

    def undo(self) -> None:
        for path in self.added:
            path.unlink(missing_ok=True)
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")
        self.added, self.originals = [], {}


def _field(story: Path, name: str) -> str:
    for line in story.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}:"):
            return line.partition(":")[2].strip()
        if not line:
            break
    return ""


def write_extra_story(content: Path, seed: int) -> list[Path]:
    """One new story in both languages, from the corpus generator (another seed), with
    slugs and key of its own; return its files."""
    story = next(_corpus.iter_stories(1, seed=seed, untranslated_ratio=0.0))
    # The seed makes slugs and key unique; SLUG_MAX_LENGTH is 80.
    story.slug = {lang: f"{slug[:60].rstrip('-')}-{seed}" for lang, slug in story.slug.items()}
    story.key = f"{story.key[:60].rstrip('-')}-{seed}"
    labels = _corpus.taxonomy_terms()
    paths = []
    for lang in story.langs:
        path = content / lang / str(story.year) / f"{story.slug[lang]}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_corpus.story_file(story, lang, labels), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def compare_trees(built: Path, reference: Path) -> str:
    """'identical', or what differs between two built sites, file by file, byte by byte."""
    files = {
        folder: {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        for folder in (built, reference)
    }
    extra = sorted(files[built] - files[reference])
    missing = sorted(files[reference] - files[built])
    differ = sorted(
        name
        for name in files[built] & files[reference]
        if (built / name).read_bytes() != (reference / name).read_bytes()
    )
    if not (extra or missing or differ):
        return f"identical ({len(files[built])} files)"
    parts = []
    for label, names in (("differ", differ), ("stale (not in a cold build)", extra),
                         ("missing", missing)):  # fmt: skip
        if names:
            shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
            parts.append(f"{len(names)} {label}: {shown}")
    return "NOT identical: " + "; ".join(parts)


def run_edit_cases(project: Path, comparison: Comparison, repetition: int, seed: int,
                   keep: Path | None) -> None:  # fmt: skip
    """After a cold build: each change in turn, each followed by `invoke build`. With `keep`,
    each case's output is copied there, to be compared with a cold build."""
    changes = Changes(project / "content", repetition, seed)
    try:
        for case in EDIT_CASES:
            changes.apply(case)
            comparison.edits[case].append(invoke(project, "build"))
            if keep is not None:
                shutil.copytree(project / "output", keep / slug_of(case), symlinks=True)
    finally:
        changes.undo()


def slug_of(case: str) -> str:
    return case.replace(" ", "-")


def verify_edits(project: Path, comparison: Comparison, seed: int, kept: Path) -> None:
    """Cold-build, in the same project copy, the content each edit case left, and compare it
    with what the incremental build wrote."""
    changes = Changes(project / "content", 0, seed)
    try:
        for case in EDIT_CASES:
            changes.apply(case)
            cold_project(project)
            comparison.identical[case] = compare_trees(kept / slug_of(case), project / "output")
    finally:
        changes.undo()


def compare_size(pairs: int, args: argparse.Namespace, project: Path, work: Path) -> Comparison:
    """Every timed run of one corpus size, interleaved: each repetition runs the project's cold
    build, Hugo's, the check alone and the edit cases, so a burst of load from other
    processes hits all of them alike. Then, unless --no-verify, the checks of the output:
    two cold builds of the same content must be identical (else no incremental build can be
    held to a cold one), and each edit case's output must be that of a cold build."""
    comparison = Comparison(pairs)
    hugo = None if args.no_hugo else hugo_binary()
    if hugo is None:
        comparison.hugo_note = "skipped (--no-hugo)" if args.no_hugo else "not installed"
    else:
        site = convert_to_hugo(project / "content", work / "hugo-site")
    kept, first_cold = work / "incremental", work / "first-cold-output"
    verify = not args.no_verify
    for repetition in range(args.repeat):
        _progress(f"{pairs} pairs: repetition {repetition + 1} of {args.repeat}")
        comparison.cold.append(cold_project(project))
        if repetition == 0:
            comparison.output_mb, comparison.pages = output_stats(project / "output")
            if verify:
                shutil.copytree(project / "output", first_cold, symlinks=True)
        elif repetition == 1 and verify:
            comparison.reproducible = compare_trees(project / "output", first_cold)
        if hugo is not None:
            comparison.hugo.append(cold_hugo(hugo, site, work))
            comparison.hugo_pages = output_stats(work / "hugo-output")[1]
        comparison.check.append(invoke(project, "check"))
        keep = kept if repetition == 0 and verify else None
        run_edit_cases(project, comparison, repetition, args.seed, keep)
    if verify:
        _progress(f"{pairs} pairs: cold builds of the edited content, to compare")
        if not comparison.reproducible:
            cold_project(project)
            comparison.reproducible = compare_trees(project / "output", first_cold)
        verify_edits(project, comparison, args.seed, kept)
    return comparison


def _progress(message: str) -> None:
    print(f"  {message}…", file=sys.stderr, flush=True)


def _seconds(runs: list[Run]) -> float:
    return median([run.seconds for run in runs])


def _memory(runs: list[Run]) -> str:
    if not runs:
        return "-"
    tree = median([run.peak_tree_mb for run in runs])
    largest = median([run.peak_process_mb for run in runs])
    return f"{tree:,.0f} / {largest:,.0f}"


def comparison_table(comparisons: list[Comparison]) -> list[str]:
    header = (
        f"{'pairs':>6} {'project cold s':>14} {'Hugo cold s':>11} {'project/Hugo':>12} "
        f"{'check s':>7} {'project MB tree/largest':>23} {'Hugo MB':>13} {'pages':>13}"
    )
    lines = [header, "-" * len(header)]
    for c in comparisons:
        cold, hugo = _seconds(c.cold), _seconds(c.hugo)
        ratio = f"{cold / hugo:.1f}x" if c.hugo else c.hugo_note
        hugo_text = f"{hugo:.1f}" if c.hugo else "-"
        pages = f"{c.pages}/{c.hugo_pages or '-'}"
        lines.append(
            f"{c.pairs:>6} {cold:>14.1f} {hugo_text:>11} {ratio:>12} {_seconds(c.check):>7.1f} "
            f"{_memory(c.cold):>23} {_memory(c.hugo):>13} {pages:>13}"
        )
    return lines


def edit_table(comparisons: list[Comparison]) -> list[str]:
    header = f"{'pairs':>6} {'change, then invoke build':<26} {'s':>6} {'of cold':>8} " + (
        f"{'MB tree/largest':>16}  output against a cold build of the same content"
    )
    lines = [header, "-" * len(header)]
    for c in comparisons:
        cold = _seconds(c.cold)
        if c.reproducible:
            lines.append(f"{c.pairs:>6} {'two cold builds':<26} {'':>6} {'':>8} {'':>16}  "
                         f"{c.reproducible}")  # fmt: skip
        for case in EDIT_CASES:
            seconds = _seconds(c.edits[case])
            verdict = c.identical.get(case, "not compared (--no-verify)")
            lines.append(
                f"{c.pairs:>6} {case:<26} {seconds:>6.1f} {seconds / cold:>7.0%} "
                f"{_memory(c.edits[case]):>16}  {verdict}"
            )
    return lines


def comparison_runs(comparisons: list[Comparison]) -> list[str]:
    """Every timed run, to show the spread behind each median."""
    lines = []
    for c in comparisons:
        groups = [("project cold", c.cold), ("Hugo cold", c.hugo), ("check", c.check)]
        groups += [(case, c.edits[case]) for case in EDIT_CASES]
        for name, runs in groups:
            if runs:
                shown = ", ".join(f"{run.seconds:.1f}" for run in runs)
                lines.append(f"{c.pairs} pairs, {name}: {shown} s")
    return lines


# --------------------------------------------------------------------------------------------
# Main


def bench_variants(
    project: Path, pairs: int, variants: Sequence[str], repeat: int, work: Path, *, rebuild: bool
) -> tuple[list[Result], list[str]]:
    """Measure every variant on the corpus already in the project copy; results and notes."""
    content = project.parent / "content"
    bench = Bench({v: settings_file(v, project, work) for v in variants}, content, work, pairs)
    steps: list[tuple[str, Callable[[], None]]] = [("cold builds", lambda: bench.cold(repeat))]
    if rebuild:
        steps.append(("rebuilds", lambda: bench.rebuilds(repeat)))
    steps.append(("instrumented cold builds", bench.phases))
    for name, step in steps:
        _progress(f"{pairs} pairs, variants: {name}")
        step()
    results = list(bench.results.values())
    notes = [f"{pairs} pairs, {r.variant}: BUILD FAILED:\n{r.error}" for r in results if r.error]
    return results, notes


@dataclass
class Report:
    comparisons: list[Comparison] = field(default_factory=list)
    variants: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: bool = False


def measure_size(args: argparse.Namespace, variants: list[str], project: Path, pairs: int,
                 report: Report) -> None:  # fmt: skip
    """Generate one corpus into the project copy and measure everything asked for on it."""
    content = project.parent / "content"
    fresh(content)
    started = time.perf_counter()
    generate_corpus(content, pairs, seed=args.seed)
    generated = time.perf_counter() - started
    report.notes.append(
        f"{pairs} pairs: corpus generated in {generated:.1f} s; {stats_line(corpus_stats(content))}"
    )
    with tempfile.TemporaryDirectory(prefix=f"build-speed-{pairs}-") as temporary:
        work = args.keep / str(pairs) if args.keep else Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        try:
            report.comparisons.append(compare_size(pairs, args, project.parent, work))
        except CommandFailed as error:
            report.failed = True
            report.notes.append(f"{pairs} pairs: BUILD FAILED:\n{error}")
        if variants:
            results, notes = bench_variants(
                project, pairs, variants, args.repeat, work, rebuild=not args.no_rebuild
            )
            report.variants += results
            report.notes += notes
            report.failed |= any(r.error for r in results)
        if args.parse:
            costs = parse_costs(project, content, args.repeat)
            report.notes.append(
                f"{pairs} pairs, parsing every story in process: StoryReader "
                f"{costs['project']:.1f} s (each file once); MarkdownReader "
                f"{costs['stock_one_run']:.1f} s per language run, {costs['stock']:.1f} s "
                "for the two runs of a stock i18n_subsites build"
            )
        if args.profile and pairs == args.pairs[0]:
            report.notes += profile(project, content, work, args.top)


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs (median)")
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo out")
    parser.add_argument(
        "--no-verify", action="store_true", help="skip the cold builds that check edited output"
    )
    parser.add_argument(
        "--variants",
        default="",
        help=f"also time these Pelican variants, comma-separated: {', '.join(VARIANTS)}",
    )
    parser.add_argument("--no-rebuild", action="store_true", help="variants: cold builds only")
    parser.add_argument("--parse", action="store_true", help="time parsing every story in process")
    parser.add_argument("--profile", action="store_true", help="cProfile one project build")
    parser.add_argument("--top", type=int, default=15, help="hotspots listed by --profile")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if unknown := [v for v in variants if v not in VARIANTS]:
        parser.error(f"unknown variant(s): {', '.join(unknown)}")
    return args, variants


def print_report(report: Report, args: argparse.Namespace) -> None:
    blocks = [comparison_table(report.comparisons), edit_table(report.comparisons)]
    if report.variants:
        blocks += [table(report.variants), phase_table(report.variants)]
    blocks.append(comparison_runs(report.comparisons) + runs(report.variants) + report.notes)
    for block in blocks:
        print()
        print("\n".join(block))
    print()
    print(
        "Memory: peak MB of the whole process tree (sum of PSS, sampled every 50 ms: pages "
        "a forked worker shares with the build count once) / of its largest process (maxrss). "
        f"Medians of {args.repeat} interleaved runs."
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--instrumented"]:  # the child process of phases()
        run_instrumented(Path(argv[1]), argv[3:])
        return 0
    args, variants = parse_args(argv)
    code_fingerprint_at_start = code_fingerprint()
    hugo = hugo_binary()
    if hugo is None and not args.no_hugo:
        print(missing_peer("Hugo"), file=sys.stderr)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="build-speed-project-") as copy:
        project = snapshot(Path(copy))
        print(f"Build speed: {environment(project.parent)}")
        print(f"Hugo: {version(hugo) if hugo else 'not installed'}; at start: {load_averages()}")
        for pairs in args.pairs:
            measure_size(args, variants, project, pairs, report)
    print_report(report, args)
    print(f"At the end: {load_averages()}")
    if code_fingerprint() != code_fingerprint_at_start:
        print(
            "Note: the working tree's settings, plugins or theme changed during the run; "
            "the figures are those of the snapshot."
        )
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
