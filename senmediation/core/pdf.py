"""HTML to tagged PDF (PDF/UA-1), which screen readers can read: the one place WeasyPrint is called."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def html_to_pdf(html: str) -> bytes:
    """The template must set <html lang="en-GB"> and a <title>, which PDF/UA needs."""
    from weasyprint import HTML  # imported here: loading it costs time that other pages should not pay

    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1"))


def template_to_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))
