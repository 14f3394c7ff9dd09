"""Helpers every test area shares (the fixtures live in conftest.py files, the helpers here)."""

from tests.support.net import free_port, serve_directory
from tests.support.project import ROOT, build_site, copy_project
from tests.support.system import CHROMIUM, CHROMIUM_ARGS, IN_CI, missing_requirement

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "IN_CI",
    "ROOT",
    "build_site",
    "copy_project",
    "free_port",
    "missing_requirement",
    "serve_directory",
]
