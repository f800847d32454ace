"""Template habits that every page shares."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "senmediation"
TITLE_BLOCK = re.compile(r"{%\s*block title\s*%}(.*?){%\s*endblock", re.S)


def test_no_page_adds_error_to_its_own_title() -> None:
    """base.html already starts the title with "Error: " when the form has errors; a page that adds it
    again reads "Error: Error: ..." to a screen reader."""
    doubled = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*.html")
               if any("Error:" in title for title in TITLE_BLOCK.findall(path.read_text()))]
    assert doubled == []
