"""The preview server: what an editor sees while writing is what the build says.

It serves the site, builds again when a story changes, prints the rulebook's report when
the story is wrong (keeping the last good site), and serves the fixed story once saved.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT, pelican_command

STORY = "fr/2022/visite-etat-major-rwandais-en-france.md"
PAGE = "2022/03/visite-etat-major-rwandais-en-france/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_serve_rebuilds_reports_and_keeps_the_last_good_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    command, _ = pelican_command(content, output, fatal="errors")
    port = free_port()
    script = (
        "from pathlib import Path; from briefing.serve import serve; "
        f"serve({command!r}, Path({str(output)!r}), [Path({str(content)!r})], port={port})"
    )
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-u", "-c", script], stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "built; serving" in log.read_text(), "the first build")
        assert status(base + PAGE) == 200
        assert status(base + "no/such/page/") == 404

        story = content / STORY
        good = story.read_text(encoding="utf-8")
        story.write_text(good.replace("Date: 2022-03", "Date: mars 2022"), encoding="utf-8")
        wait_for(lambda: "[date-invalid]" in log.read_text(), "the rulebook's report")
        wait_for(lambda: "still serves the last good site" in log.read_text(), "the failure")
        assert status(base + PAGE) == 200  # the last good site is still there

        story.write_text(good, encoding="utf-8")
        wait_for(lambda: log.read_text().count("built; serving") == 2, "the second build")
        assert status(base + PAGE) == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert Path(log).read_text().count("[date-invalid]") == 1
