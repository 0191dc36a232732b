"""Only what is inside content/ and meant to be published gets out, tried as an attacker.

Each attack is a rule fixture of tests/rules/ placed in a project-like folder full of
decoys (a settings file, tasks, .git/config). The publish build, as CI runs it, must fail;
and with the rulebook switched off, the trust_boundary plugin must still stop the build,
so that no decoy, symbolic link target or active file ever reaches the output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, WITHOUT_RULEBOOK, build_site
from goldens import rule_content

DECOYS = {
    "pelicanconf.py": "SECRET-SETTINGS-DECOY\n",
    "tasks.py": "SECRET-TASKS-DECOY\n",
    ".git/config": "SECRET-GIT-DECOY\n",
}
ATTACKS = ["link-outside-content", "file-symlink", "static-type-not-allowed", "static-not-an-image"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in DECOYS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def leaked(root: Path) -> list[str]:
    """Files under `root` that hold a decoy or active content."""
    found = []
    for path in root.rglob("*"):
        if path.is_symlink():
            found.append(f"{path}: symbolic link")
        elif path.is_file():
            data = path.read_bytes()
            if b"DECOY" in data or path.suffix.lower() in (".svg", ".md", ".py"):
                found.append(str(path))
            if "images" in path.parts and b"<script" in data:
                found.append(f"{path}: script")
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_publish_build_refuses_the_attack(project, attack):
    content = rule_content(attack, project)
    site = build_site(content, project / "output", settings="publishconf.py", expect_success=False)
    assert site.returncode == 1, site.log
    assert f"[{attack}]" in site.log
    assert "Traceback" not in site.log
    assert leaked(project / "output") == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_without_the_rulebook_the_trust_boundary_still_stops_it(project, attack):
    content = rule_content(attack, project)
    output = project / "output"
    site = build_site(content, output, extra=WITHOUT_RULEBOOK, expect_success=False)
    assert site.returncode != 0, site.log
    assert leaked(output) == []
    # Nothing was written beside the output or the content either.
    written = {path.name for path in project.iterdir()}
    assert written <= {".git", "pelicanconf.py", "tasks.py", attack, "output", "output-cache"}


def test_an_image_of_the_site_is_published(tmp_path):
    """The boundary lets through what it should: a real image linked with {static}."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(
        ROOT / "tests" / "rules" / "image-no-alt" / "content" / "images" / "carte.png",
        content / "images" / "carte.png",
    )
    story = content / "fr" / "2022" / "visite-etat-major-rwandais-en-france.md"
    story.write_text(
        story.read_text(encoding="utf-8") + "\n![Carte de la région]({static}/images/carte.png)\n",
        encoding="utf-8",
    )
    site = build_site(content, tmp_path / "output")
    image = site.html("2022/03/visite-etat-major-rwandais-en-france/").select_one(".story-body img")
    assert image["alt"] == "Carte de la région"
    assert site.resolve("2022/03/visite-etat-major-rwandais-en-france/", image["src"]) == (
        "images/carte.png"
    )
    assert site.exists("images/carte.png")
