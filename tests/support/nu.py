"""The Nu Html Checker (vnu.jar from the npm lock file) over built HTML files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.project import ROOT
from tests.support.system import missing_requirement

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(files: list[Path]) -> list[str]:
    """`file:line: message` for every error the checker finds in `files`."""
    if not VNU.exists():
        missing_requirement(f"vnu-jar not found at {VNU} (npm ci)")
    java = shutil.which("java")
    if java is None:
        missing_requirement("java not found (apt-get install default-jre-headless)")
    assert java is not None
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages]
    if result.returncode != 0 and not errors:
        errors.append(f"vnu.jar exited with {result.returncode}: {result.stderr[-500:]}")
    return errors
