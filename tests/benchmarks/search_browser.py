"""What a reader's browser fetches and waits for when searching: driven in Chromium.

A built site is served on 127.0.0.1 by a small server that gzips what a static host would
(text, scripts, JSON, XML; Pagefind's own files are compressed already) and logs every
response's size as sent. Chromium (Playwright from .venv, CHROMIUM_PATH, Playwright's own
Chromium or Debian's /usr/bin/chromium, with the test suite's flags) opens a page with a
search box and the benchmark types a query into it. An init script records, on the page's
clock, when the first result link enters the document (synchronously, before whatever the
page does next, such as fetching passages) and every long task (Long Tasks API).

Loaded by search_size.py, which builds the sites.
"""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

GZIP_LEVEL = 6  # the usual default of servers that compress (Apache, Caddy; nginx's is 1)
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "application/atom+xml", "image/svg+xml", "application/wasm")  # fmt: skip
# As in tests/conftest.py: no background traffic of Chromium's own.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SETTLE_SECONDS = 1.0  # no request for this long: the page has fetched all it will
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Logged:
    at: float  # time.time() when the request arrived
    path: str
    bytes: int  # body bytes as sent (gzipped when the server compressed it)
    raw: int  # the file's own size


class Log:
    """Every response the server sent, in arrival order."""

    def __init__(self) -> None:
        self.entries: list[Logged] = []
        self.in_flight = 0  # responses begun and not yet fully sent
        self.lock = threading.Lock()

    def begin(self) -> None:
        with self.lock:
            self.in_flight += 1

    def add(self, entry: Logged) -> None:
        """Log a response once fully sent (it counts from its arrival time)."""
        with self.lock:
            self.entries.append(entry)
            self.in_flight -= 1

    def busy(self) -> bool:
        with self.lock:
            return self.in_flight > 0

    def between(self, start: float, end: float) -> list[Logged]:
        with self.lock:
            return [e for e in self.entries if start <= e.at < end]

    def last_at(self) -> float:
        with self.lock:
            return self.entries[-1].at if self.entries else 0.0


def make_handler(root: Path, log: Log, cache: dict[Path, bytes]) -> type:
    class GzipHandler(SimpleHTTPRequestHandler):
        """Serves `root`, gzipping compressible types, and logs each response's size."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self) -> None:
            arrived = time.time()
            log.begin()
            sent = raw = 0
            try:
                sent, raw = self._send()
            finally:  # logged even when the browser hangs up: it is no longer in flight
                log.add(Logged(arrived, self.path, sent, raw))

        def _send(self) -> tuple[int, int]:
            """Send the file asked for; return the body's bytes as sent and the file's size."""
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return 0, 0
            raw = path.read_bytes()
            kind = self.guess_type(str(path))
            body = raw
            compress = kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get(
                "Accept-Encoding", ""
            )
            if compress:
                if path not in cache:
                    cache[path] = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
                body = cache[path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            # A static host lets the browser keep what it fetched (GitHub Pages: 10 minutes).
            self.send_header("Cache-Control", "max-age=600")
            if compress:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
            return len(body), len(raw)

        def log_message(self, *args: object) -> None:
            pass

    return GzipHandler


def free_port() -> int:
    """A port free now, to build a site for the address it will be served at."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[tuple[str, Log]]:
    """Serve `root` on 127.0.0.1 until the block ends; yield the base URL and the log."""
    log = Log()
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(make_handler(root, log, {})))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


# Records, on the page's clock (epoch milliseconds), when a node holding a result link is
# first attached to the document, and every long task. Patching the DOM methods catches the
# insertion synchronously: a MutationObserver would run after the task, once the page has
# already started what comes after the results (the project fetches passages then).
INIT_SCRIPT = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { inserted: [], longTasks: [], keys: [] };
  const selector = () => window.__benchResultSelector || "";
  const check = (node) => {
    const sel = selector();
    if (!sel || !(node instanceof Element)) { return; }
    if (node.matches(sel) || node.querySelector(sel)) {
      if (node.isConnected) { window.__bench.inserted.push(now()); }
    }
  };
  for (const [owner, name] of [[Node.prototype, "appendChild"], [Node.prototype, "insertBefore"],
                               [Element.prototype, "append"], [Element.prototype, "prepend"]]) {
    const original = owner[name];
    owner[name] = function (...args) {
      const result = original.apply(this, args);
      for (const node of args) { check(node); }
      return result;
    };
  }
  document.addEventListener("keydown", () => window.__bench.keys.push(now()), true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__bench.longTasks.push({ start: performance.timeOrigin + entry.startTime,
                                        duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { /* no Long Tasks API: no figures */ }
})();
"""


@dataclass(frozen=True)
class Engine:
    """A search interface to drive: where its page is and how to find its parts."""

    name: str
    page: dict[str, str]  # lang -> path of a page with the search box
    box: str  # selector of the search box
    result: str  # selector of a result link
    search_files: tuple[str, ...]  # path fragments of the files that belong to search


PROJECT = Engine(
    name="project",
    page={"fr": "", "en": "en/"},
    box="form.search-form input[name=q]",
    result=".search-results a[role=option]",
    search_files=("search-index.json", "/search-data/", "/vendor/", "/js/search"),
)
PAGEFIND = Engine(
    name="Pagefind",
    page={"fr": "pagefind-bench/fr/", "en": "pagefind-bench/en/"},
    box=".pagefind-ui__search-input",
    result=".pagefind-ui__result-link",
    search_files=("/pagefind/",),
)

PAGEFIND_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>
window.addEventListener("DOMContentLoaded", () => {{
  // The project's debounce (60 ms), so both answer the same keystrokes; Pagefind's is 300.
  new PagefindUI({{ element: "#search", showSubResults: false, debounceTimeoutMs: 60 }});
}});
</script></body></html>
"""


def write_pagefind_pages(output: Path) -> None:
    """Pagefind's default UI on a page of its own per language (it picks the language's index
    from <html lang>)."""
    for lang, path in PAGEFIND.page.items():
        folder = output / path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(PAGEFIND_PAGE.format(lang=lang), encoding="utf-8")


@dataclass
class Answer:
    """One query typed into a page: bytes and times on the page's clock."""

    query: str
    first_result_ms: float | None  # from the first interaction; None: no result shown
    to_first_result: int  # bytes (as sent) from the first interaction to the first result
    settled: int  # bytes until the page stopped fetching
    with_page: int  # search files the page itself loaded before the interaction
    max_long_task_ms: float
    requests: int
    keystrokes: list[tuple[float | None, int, float]] = field(default_factory=list)
    # per keystroke: (ms to the next results, bytes, longest task ms)


def chromium_executable() -> str | None:
    """CHROMIUM_PATH; else Playwright's own Chromium if installed; else Debian's."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_executable()
        if executable is None and Path(playwright.chromium.executable_path).exists():
            executable = playwright.chromium.executable_path
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Session:
    """One reader: a fresh browser context (empty cache) on an engine's page."""

    def __init__(self, browser: Any, base: str, log: Log, engine: Engine, lang: str) -> None:
        self.log, self.engine = log, engine
        self.context = browser.new_context()
        self.context.add_init_script(INIT_SCRIPT)
        self.page = self.context.new_page()
        opened = time.time()
        self.page.goto(base + engine.page[lang])
        self.page.evaluate(f"window.__benchResultSelector = {engine.result!r}")
        self.page.wait_for_selector(engine.box, timeout=TIMEOUT_SECONDS * 1000)
        self._settle()
        loaded = self.log.between(opened, time.time())
        self.with_page = sum(e.bytes for e in loaded if self._is_search(e.path))
        self.first = True

    def _is_search(self, path: str) -> bool:
        return any(part in path for part in self.engine.search_files)

    def _settle(self) -> float:
        """Wait until no request arrived for SETTLE_SECONDS; return that moment."""
        deadline = time.time() + TIMEOUT_SECONDS
        while time.time() < deadline:
            # A large response still being sent is not logged yet: quiet means none in flight.
            quiet_since = max(self.log.last_at(), 0.0)
            if time.time() - quiet_since >= SETTLE_SECONDS and not self.log.busy():
                break
            time.sleep(0.1)
        return time.time()

    def _bench(self) -> dict[str, Any]:
        return self.page.evaluate("window.__bench")

    def _first_after(self, start_ms: float, bench: dict[str, Any]) -> float | None:
        later = [t for t in bench["inserted"] if t >= start_ms]
        return min(later) if later else None

    def _wait_for_result(self, start_ms: float) -> float | None:
        deadline = time.time() + TIMEOUT_SECONDS
        while time.time() < deadline:
            found = self._first_after(start_ms, self._bench())
            if found is not None:
                return found
            time.sleep(0.02)
        return None

    def clear(self) -> None:
        box = self.page.locator(self.engine.box)
        box.fill("")
        self._settle()

    def ask(self, query: str, *, keystroke_delay_ms: float = 0) -> Answer:
        """Click the box and type `query`; measure until the first result and until settled.

        With a delay, each keystroke is its own search (as-you-type) and gets its own row."""
        box = self.page.locator(self.engine.box)
        start = time.time()
        start_ms = start * 1000
        box.click()
        if keystroke_delay_ms:
            for character in query:
                box.press_sequentially(character)
                time.sleep(keystroke_delay_ms / 1000)
        else:
            box.press_sequentially(query)
        first = self._wait_for_result(start_ms)
        # What the page fetches after its results (passages, the other language's index)
        # may wait for work after the last request: give it time before listening for quiet.
        time.sleep(SETTLE_SECONDS)
        settled = self._settle()
        bench = self._bench()
        entries = self.log.between(start, settled)
        end_first = first / 1000 if first is not None else settled
        answer = Answer(
            query=query,
            first_result_ms=(first - start_ms) if first is not None else None,
            to_first_result=sum(e.bytes for e in entries if e.at < end_first),
            settled=sum(e.bytes for e in entries),
            with_page=self.with_page if self.first else 0,
            max_long_task_ms=_longest(bench, start_ms, settled * 1000),
            requests=len(entries),
        )
        if keystroke_delay_ms:
            answer.keystrokes = self._per_keystroke(bench, start_ms, settled * 1000)
        self.first = False
        return answer

    def _per_keystroke(
        self, bench: dict[str, Any], start_ms: float, end_ms: float
    ) -> list[tuple[float | None, int, float]]:
        keys = [t for t in bench["keys"] if t >= start_ms]
        rows = []
        for number, key in enumerate(keys):
            until = keys[number + 1] if number + 1 < len(keys) else end_ms
            # The first keystroke's share starts at the click, which starts the loading.
            since = start_ms if number == 0 else key
            shown = self._first_after(key, bench)
            rows.append(
                (
                    shown - key if shown is not None and shown < until else None,
                    sum(e.bytes for e in self.log.between(since / 1000, until / 1000)),
                    _longest(bench, since, until),
                )
            )
        return rows

    def close(self) -> None:
        self.context.close()


def _longest(bench: dict[str, Any], start_ms: float, end_ms: float) -> float:
    durations = [t["duration"] for t in bench["longTasks"] if start_ms <= t["start"] < end_ms]
    return max(durations, default=0.0)
