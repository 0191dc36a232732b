"""Preview server: build, serve the output, and build again whenever a source changes.

Each build is the same command as `invoke build`, in a process of its own, so what an
editor sees while writing is what the build and CI will say: the rulebook's report when a
story is wrong (the last good site stays served), the site when all is well. Pelican's own
`--autoreload` is not used: it runs the plugins' start-up checks only once, and after an
error it retries without waiting for a change.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of the output folder; the site's 404 page for a missing one, as GitHub Pages."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the build's report is what the editor reads in the terminal


def serve(
    build_command: Sequence[str],
    output: Path,
    sources: Sequence[Path],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve `output` on host:port; build now and after every change under `sources`."""
    output.mkdir(parents=True, exist_ok=True)
    handler = partial(PreviewHandler, directory=str(output))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://{'localhost' if host == '127.0.0.1' else host}:{port}/"
    try:
        _build(build_command, address)
        for changes in watch(*sources):
            names = sorted({Path(path).name for _, path in changes})
            print(f"\nchanged: {', '.join(names)}; building again…", flush=True)
            _build(build_command, address)
    except KeyboardInterrupt:
        print("\nstopped.")
    finally:
        server.shutdown()
        server.server_close()


def _build(command: Sequence[str], address: str) -> None:
    result = subprocess.run(list(command), check=False)
    if result.returncode == 0:
        print(f"built; serving {address} — Ctrl-C to stop", flush=True)
    else:
        print(
            f"the build failed (see above); {address} still serves the last good site. "
            "Fix the file and save: it builds again.",
            flush=True,
        )
