"""The publish workflow is valid YAML and runs the commands the README documents."""

from __future__ import annotations

import re

import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github/workflows/publish.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(data: dict, job: str) -> list[dict]:
    return data["jobs"][job]["steps"]


def runs(data: dict) -> list[str]:
    return [step["run"].strip() for step in steps(data, "build") if "run" in step]


def test_workflow_structure() -> None:
    data = load()
    assert "push" in data["on"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = steps(data, "build")
    uses = [step.get("uses", "") for step in build]
    upload = next(
        step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    assert any(u.startswith("actions/checkout@") for u in uses)
    deploy = steps(data, "deploy")
    assert data["jobs"]["deploy"]["needs"] == "build"
    assert deploy[0]["uses"].startswith("actions/deploy-pages@")
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_workflow_runs_the_documented_commands_in_order() -> None:
    data = load()
    commands = runs(data)
    assert commands == [
        # Finnish compound analysis for the search index (scripts/install-system-deps --build)
        "sudo apt-get update -qq && sudo apt-get install -y -qq libvoikko1 voikko-fi",
        "make test",
        ".venv/bin/helpcenter check",
        '.venv/bin/helpcenter translations --fail-on "$TRANSLATIONS_FAIL_ON"',
        ".venv/bin/helpcenter build",
    ]
    # The gate defaults to "missing" and can be changed with a repository variable.
    assert re.search(
        r"vars\.TRANSLATIONS_FAIL_ON \|\| 'missing'", data["env"]["TRANSLATIONS_FAIL_ON"]
    )
    build_step = next(
        s for s in steps(data, "build") if s.get("run") == ".venv/bin/helpcenter build"
    )
    assert build_step["env"]["HELPCENTER_PUBLISH"] == "1"
    assert "SITE_URL" in build_step["env"]

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme  # the README's test command
    assert re.search(r"^test:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    for command in commands:
        documented = command.replace('"$TRANSLATIONS_FAIL_ON"', "missing")
        assert documented in readme, command
    assert "HELPCENTER_PUBLISH=1" in readme
