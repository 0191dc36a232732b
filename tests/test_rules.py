"""The rulebook: one fixture per rule, and the check and the build say the same thing.

tests/rules/<rule-id>/content is a small content folder that breaks that rule (with the
real taxonomy unless it brings its own), and expected.txt is the whole report
`invoke check` prints for it. Each fixture is also built with Pelican: an error stops the
build before anything is written, a warning does not, and the build prints exactly the
report's lines.

`invoke goldens` rewrites expected.txt from the check (tests/goldens.py); the change is
then reviewed as a diff.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, pelican_command
from goldens import RULE_FIXTURES, rule_content, rule_report

from briefing.rules import RULES

RULE_IDS = sorted(RULES)


@dataclass
class Outcome:
    report: str  # what the check prints
    build_code: int
    build_log: str
    output: Path


def _run(rule_id: str, work: Path) -> Outcome:
    content = rule_content(rule_id, work)
    report = rule_report(content).rstrip("\n")
    output = work / rule_id / "output"
    command, env = pelican_command(content, output)
    build = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    return Outcome(report, build.returncode, build.stdout + build.stderr, output)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Check and build every fixture once, two builds at a time (one per core)."""
    work = tmp_path_factory.mktemp("rules")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda rule_id: (rule_id, _run(rule_id, work)), RULE_IDS)
        return dict(results)


def test_every_rule_has_a_fixture_and_every_fixture_a_rule():
    fixtures = sorted(path.name for path in RULE_FIXTURES.iterdir() if path.is_dir())
    assert fixtures == RULE_IDS


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_check_reports_the_rule(outcomes, rule_id):
    report = outcomes[rule_id].report
    assert f"[{rule_id}]" in report
    assert report == (RULE_FIXTURES / rule_id / "expected.txt").read_text("utf-8").rstrip("\n")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_build_says_what_the_check_says(outcomes, rule_id):
    outcome = outcomes[rule_id]
    # An error rule's fixture has an error (not only a draft's warning), so it stops the build.
    has_errors = not outcome.report.splitlines()[-1].startswith("No errors")
    assert has_errors == (RULES[rule_id].severity == "error")
    if RULES[rule_id].severity == "error":
        assert outcome.build_code == 1, outcome.build_log
        assert not (outcome.output / "index.html").exists()
        assert "Traceback" not in outcome.build_log
    else:
        assert outcome.build_code == 0, outcome.build_log
    for line in outcome.report.splitlines():
        assert line in outcome.build_log.splitlines(), f"not in the build's log: {line}"
