"""The pull-request summary: what a reviewer reads in the CI run of an editor's branch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SEED_FR = "content/fr/2022/visite-etat-major-rwandais-en-france.md"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_the_summary_lists_each_changed_story_with_its_check_and_preview_path(tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    shutil.copytree(ROOT / "content", repo / "content")
    for name in ("pelicanconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "theme", repo / "theme")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    git(repo, "checkout", "-q", "-b", "editor")
    seed = repo / SEED_FR
    seed.write_text(seed.read_text(encoding="utf-8").replace("Date: 2022-03", "Date: mars"))
    new = repo / "content/en/2023/a-new-brief.md"
    new.parent.mkdir(parents=True)
    new.write_text(
        "Title: A new | brief\nDate: 2023-01-05\nLang: en\nSlug: a-new-brief\n"
        "Translation_key: 2023-01-a-new-brief\nCategory: Africa\nSummary: A summary.\n\nText.\n",
        encoding="utf-8",
    )
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "edit")

    script = Path(sys.executable).with_name("briefing-pr-summary")
    result = subprocess.run(
        [str(script), "--base", "main"], cwd=repo, capture_output=True, text=True, check=True
    )
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `content/")]
    assert rows == [
        "| `content/en/2023/a-new-brief.md` | added | A new \\| brief | published | ✅ no problem "
        "| `en/2023/01/a-new-brief/index.html` |",
        f"| `{SEED_FR}` | changed | Fin de la visite d’une délégation de l’état-major "
        "rwandais en France | published | ❌ 1 error(s), 0 warning(s) | — |",
    ]
    assert "[date-invalid]" in result.stdout
