from django.template.loader import render_to_string
from django.urls import reverse

from senmediation.cases.templatetags.case_rows import case_url, clock_tag


def test_case_url_is_the_reversed_case_address() -> None:
    for reference in ("MED-2026-00001", "DRS-2025-12345"):
        assert case_url(reference) == reverse("cases:detail", args=[reference])


def test_clock_tag_matches_the_template_it_replaces_in_lists() -> None:
    for status in ("overdue", "due_soon", "on_track", "met", "met_late", ""):
        assert str(clock_tag(status)) == render_to_string("cases/clock_tag.html", {"status": status}).strip()
