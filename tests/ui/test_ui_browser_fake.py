"""Headless Chromium against the app with a scripted runner: the stop button, settings that
never echo secrets, and reopening a run from the history."""

from __future__ import annotations

import pytest
from ui_app import free_port, offline_page, serve_app
from ui_fakes import FakeRunner

from ui.network import PrivateBackends

pytestmark = pytest.mark.ui


def test_stop_settings_and_history(browser, artifacts, tmp_path):
    runs = tmp_path / "runs"
    seen_settings = []

    def factory(settings):
        seen_settings.append(settings)
        return FakeRunner(settings.runs_dir, delay=6 if len(seen_settings) == 1 else 0)

    with serve_app(factory, runs_dir=runs, private_backends=PrivateBackends(entries=["127.0.0.1:9"])) as (url, _):
        context, page = offline_page(browser)
        try:
            page.goto(url)
            page.click("#example-2")  # a clickable example fills the box and runs it
            page.wait_for_selector("#chat .loading-spinner", timeout=10_000)
            assert "Zermatt" in page.inner_text("#chat")
            page.click("#stop")
            page.wait_for_selector("#chat :text('Stopped')", timeout=10_000)
            page.wait_for_function("() => !document.querySelector('#chat .loading-spinner')", timeout=10_000)
            page.screenshot(path=str(artifacts / "ui-fake-stopped.png"))
            # right after Stop, Enter sends the next request (the cancelled one does not block it)
            page.fill("#request textarea", "Elevation around Innsbruck")
            page.press("#request textarea", "Enter")
            page.wait_for_selector("#chat :text('Here is the result for: Elevation around Innsbruck')", timeout=20_000)

            page.get_by_role("tab", name="Settings").click()
            page.get_by_text("Another openEO backend (URL)").click()
            page.get_by_label("Backend URL").fill("http://127.0.0.1:9/openeo/1.2")
            page.get_by_text("Username and password (basic)").click()
            page.get_by_label("Username", exact=True).fill("ann")
            page.get_by_label("Password", exact=True).fill("pw-never-shown")
            page.get_by_label("Model", exact=True).fill("llama3.1")
            page.get_by_label("Model endpoint (OpenAI-compatible)").fill("http://localhost:11434/v1")
            page.get_by_label("API key").fill("sk-never-shown")
            page.click("#save-settings")
            page.wait_for_selector("#settings-status :text('Saved')", timeout=10_000)
            assert page.get_by_label("API key").input_value() == ""
            assert page.get_by_label("Password", exact=True).input_value() == ""
            assert "sk-never-shown" not in page.content() and "pw-never-shown" not in page.content()
            assert "set for this session" in page.inner_text("#settings-status")

            # the next request runs with these settings
            page.fill("#request textarea", "NDVI around Leuven in June 2023")
            page.press("#request textarea", "Enter")
            page.wait_for_selector("#chat :text('Here is the result for: NDVI around Leuven')", timeout=10_000)
            used = seen_settings[-1]
            assert used.backend_url == "http://127.0.0.1:9/openeo/1.2" and used.backend_auth == "basic"
            assert used.backend_username == "ann" and used.backend_password.get_secret_value() == "pw-never-shown"
            assert used.model == "llama3.1" and used.openai_base_url == "http://localhost:11434/v1"
            assert used.openai_api_key.get_secret_value() == "sk-never-shown"
            assert seen_settings[0].backend_url is None  # the first run used the embedded default
        finally:
            context.close()

    # a finished run, then a fresh app (a restart, same address) on the same runs/ folder: the same
    # browser reopens it from its history; another browser does not see it
    port = free_port()
    context, page = offline_page(browser)
    try:
        with serve_app(lambda s: FakeRunner(s.runs_dir), runs_dir=runs, port=port) as (url, _):
            page.goto(url)
            page.fill("#request textarea", "NDVI around Leuven in June 2023")
            page.press("#request textarea", "Enter")
            page.wait_for_selector("#result-map", timeout=10_000)
        with serve_app(lambda s: FakeRunner(s.runs_dir), runs_dir=runs, port=port) as (url, _):
            page.goto(url)
            page.get_by_role("tab", name="History").click()
            page.wait_for_function(
                "() => (document.querySelector('#history input') || {}).value?.includes('Leuven')", timeout=10_000
            )
            page.click("#history-open")
            frame = page.wait_for_selector("#result-map", timeout=10_000).content_frame()
            frame.wait_for_selector(":text('fake map for NDVI')", timeout=10_000)
            assert "NDVI around Leuven" in page.inner_text("#chat")
            page.screenshot(path=str(artifacts / "ui-fake-history.png"))

            other, page2 = offline_page(browser)  # another browser: its own, empty history
            try:
                page2.goto(url)
                page2.get_by_role("tab", name="History").click()
                page2.wait_for_selector("#history", timeout=10_000)
                page2.wait_for_timeout(500)
                assert "Leuven" not in (page2.input_value("#history input") or "")
            finally:
                other.close()
    finally:
        context.close()
