"""Headless Chromium (Debian's) driven by Playwright, with axe-core checking WCAG 2.2 AA."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE_PATH = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
ERROR_TITLE = re.compile(r"^Error:")  # the page title GOV.UK pages carry when a form has errors
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect

    # Assertions wait for the page to settle; a busy 2-core CI machine can take a few seconds (PDFs).
    expect.set_options(timeout=15_000)
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: `make test` installs it (scripts/install-system-deps).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # bypass_csp lets axe-core be injected; the service's own pages never need it.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Runs axe-core on the page as it is now and returns WCAG 2.2 A/AA violations."""
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe found violations on {page.url}: {violations}"


SHOTS = Path(tempfile.gettempdir()) / "shots"
WIDTHS = (1280, 390)


def assert_accessible_at_each_width(page: Any, shot: str) -> None:
    """At a desktop and a phone width: axe finds nothing, nothing scrolls sideways, and a full-page screenshot is
    saved as /tmp/shots/<shot>-<width>.png to look at. The page is not loaded again (a POST's answer stays)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (shot, width)
        page.screenshot(path=str(SHOTS / f"{shot}-{width}.png"), full_page=True)


def sign_in(page: Any, username: str, password: str) -> None:
    """Both steps of the staff sign-in: the password, then a code from the user's authenticator app."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from senmediation.accounts.models import User

    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if "/accounts/two-factor/" not in page.url:
        return
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        page.goto("/accounts/two-factor/")
    # A code already used in this 30-second step is refused, so a second sign-in uses the next one.
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= clock.t():
        clock.drift += 1
    page.fill("#id_code", f"{clock.token():0{device.digits}d}")
    page.click("button[type=submit]")
