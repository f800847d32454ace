"""HTML to tagged PDF (PDF/UA-1), which screen readers can read: the one place WeasyPrint is called."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


class PdfFetchRefused(ValueError):
    pass


def _static_dirs() -> list[Path]:
    return [Path(d).resolve() for d in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT] if d]


def pdf_resource_path(url: str) -> Path | None:
    """The project's own static file that `url` names, or None. A PDF must never read other files
    (file:///etc/..., the uploads, the database) or reach out to the network (http, https, ftp)."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = unquote(parts.path)
    static_url = str(settings.STATIC_URL)
    if path.startswith(static_url):  # "/static/x.css" in a template, resolved against the file system root
        found = finders.find(path[len(static_url):])
        return Path(found).resolve() if isinstance(found, str) else None
    resolved = Path(path).resolve()
    if resolved.is_file() and any(resolved.is_relative_to(folder) for folder in _static_dirs()):
        return resolved
    return None


def pdf_url_fetcher() -> Any:
    """A WeasyPrint fetcher that reads data: URLs and static files only, and refuses everything else
    (WeasyPrint logs the refusal and leaves the resource out; the PDF is still made)."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = pdf_resource_path(url)
            if path is None:
                raise PdfFetchRefused(
                    f"A PDF may only use data: URLs and the service's static files, not {url[:100]}"
                )
            return super().fetch(path.as_uri(), headers)

    return StaticOnlyFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    """The template must set <html lang="en-GB"> and a <title>, which PDF/UA needs."""
    from weasyprint import HTML  # imported here: loading it costs time that other pages should not pay

    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=pdf_url_fetcher())
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def template_to_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))
