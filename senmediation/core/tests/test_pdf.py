"""PDFs read only data: URLs and the service's own static files (no file://, no network)."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from senmediation.core.pdf import PdfFetchRefused, html_to_pdf, pdf_url_fetcher

PAGE = '<html lang="en-GB"><head><title>T</title>{head}</head><body><p>Hello</p>{body}</body></html>'
PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5"
         "ErkJggg==")


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server():
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_pdf_never_fetches_from_the_network(web_server) -> None:
    html = PAGE.format(head=f'<link rel="stylesheet" href="{web_server}/leak.css">',
                       body=f'<img alt="" src="{web_server}/pixel.png">')
    assert html_to_pdf(html).startswith(b"%PDF")
    assert _Recorder.paths == []


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "https://example.org/x.css",
    "ftp://example.org/x", f"file://{settings.BASE_DIR}/config/settings.py",
    f"file://{settings.BASE_DIR}/senmediation/static/../../config/settings.py",
])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(PdfFetchRefused) as refused:
        pdf_url_fetcher().fetch(url)
    assert str(refused.value).startswith("A PDF may only use data: URLs and the service's static files, not ")


def test_data_urls_and_static_files_are_allowed() -> None:
    fetcher = pdf_url_fetcher()
    assert fetcher.fetch(PIXEL).read().startswith(b"\x89PNG")
    static = Path(settings.BASE_DIR) / "senmediation" / "static"
    script = static / "js" / "app.mjs"
    assert fetcher.fetch(script.as_uri()).read() == script.read_bytes()
    name = script.relative_to(static).as_posix()
    assert fetcher.fetch(f"file:///static/{name}").read() == script.read_bytes()
