"""Our scripts are minified in the built site; Material's minified bundles are left alone."""

from __future__ import annotations

from pathlib import Path

from helpcenter.script_minifier import minify_scripts

SOURCE = """\
// A comment that explains why, for the next engineer.
(function () {
  "use strict";
  var pattern = /\\/\\/ not a comment/g;  /* a block comment */
  var text = "// inside a string stays";
  window.answer = text.replace(pattern, "x");
})();
"""


def test_comments_and_space_go_strings_and_regexes_stay(tmp_path: Path) -> None:
    """The minified file is shorter, without comments, and keeps string and regex literals."""
    script = tmp_path / "search.js"
    script.write_text(SOURCE, encoding="utf-8")
    assert minify_scripts(tmp_path) == [script]
    minified = script.read_text(encoding="utf-8")
    assert len(minified) < len(SOURCE)
    assert "A comment" not in minified and "block comment" not in minified
    assert '"// inside a string stays"' in minified
    assert "/\\/\\/ not a comment/g" in minified


def test_min_files_are_untouched_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    """`*.min.js` is somebody else's output; minifying twice gives the same bytes."""
    bundle = tmp_path / "bundle.abc123.min.js"
    bundle.write_text(SOURCE, encoding="utf-8")
    (tmp_path / "feedback.js").write_text(SOURCE, encoding="utf-8")
    minify_scripts(tmp_path)
    once = (tmp_path / "feedback.js").read_bytes()
    assert minify_scripts(tmp_path) == []
    assert (tmp_path / "feedback.js").read_bytes() == once
    assert bundle.read_text(encoding="utf-8") == SOURCE
