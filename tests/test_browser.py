"""End to end in real Chromium: `streamlit run app.py`, ask, read the answer, open a citation.

Saves docs/screenshot.png, the picture of the page a panel member sees.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import _SERVE_OFFLINE  # the server as `assistant serve` starts it
from assistant.config import load_settings
from assistant.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "screenshot.png"
QUESTION = "What was Kent's 101 abandonment rate?"
PANEL_PAPER = "Police and Crime Panel paper"  # the paper that gives the March 2023 rate, 33.4%
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"
    ),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {server.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer on {url} within {seconds:.0f} s")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served on a free local port over the real corpus, with an index built from it,
    started as `assistant serve` starts it."""
    settings = load_settings(index_dir=tmp_path_factory.mktemp("real") / "index")
    ingest(settings)
    port = free_port()
    env = os.environ | {
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
    }
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVE_OFFLINE, "run", "app.py",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)


def test_ask_shows_cited_answer_with_checked_figures_and_highlighted_passage(
    server_url: str,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1900})
            page.goto(server_url)
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_visible(timeout=120_000)
            box.fill(QUESTION)
            box.press("Enter")

            answer = page.get_by_test_id("stChatMessage").filter(has_text="[1]").last
            expect(answer).to_be_visible(timeout=120_000)
            expect(answer.get_by_text("✓").first).to_be_visible()
            citation = answer.get_by_test_id("stExpander").filter(has_text=PANEL_PAPER).first
            expect(citation).to_be_visible()
            citation.locator("summary").click()
            expect(citation.locator("mark.quote").first).to_be_visible()

            heading = page.get_by_role("heading", name="Ask the inspection reports")
            heading.evaluate("node => node.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(800)  # let the chart and the expander finish drawing
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 10_000, "a screenshot of the answered page was saved"


def test_the_page_requests_nothing_from_outside(server_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(server_url)
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=120_000)
            page.wait_for_timeout(1500)  # the favicon and fonts are asked for after the first draw
        finally:
            browser.close()
    outside = [u for u in requested if not u.startswith((server_url, "data:", "blob:"))]
    assert requested and not outside, f"requests left the machine: {outside[:5]}"


def websocket_status(url: str, host: str, origin: str) -> int:
    """The HTTP status of a WebSocket handshake on the app's stream, with the given headers."""
    address, port = url.removeprefix("http://").split(":")
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\nOrigin: {origin}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection((address, int(port)), timeout=10) as sock:
        sock.sendall(request.encode())
        status_line = sock.recv(1024).decode("latin-1").split("\r\n", 1)[0]
    return int(status_line.split()[1])


@pytest.mark.parametrize(
    ("host", "origin", "accepted"),
    [
        pytest.param("127.0.0.1", "http://127.0.0.1", True, id="same-origin"),
        pytest.param("evil.example", "http://evil.example", False, id="dns-rebinding"),
        pytest.param("127.0.0.1", "http://evil.example", False, id="cross-origin"),
    ],
)
def test_websocket_checks_host_and_origin(
    server_url: str, host: str, origin: str, accepted: bool
) -> None:
    port = server_url.rsplit(":", 1)[1]
    status = websocket_status(server_url, f"{host}:{port}", f"{origin}:{port}")
    assert (status == 101) == accepted, f"Host {host}, Origin {origin}: status {status}"


@pytest.mark.parametrize("host", ["127.0.0.1", "evil.example"])
def test_metrics_endpoint_is_closed(server_url: str, host: str) -> None:
    port = server_url.rsplit(":", 1)[1]
    request = urllib.request.Request(
        f"{server_url}/_stcore/metrics", headers={"Host": f"{host}:{port}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        kind, body = response.headers.get("Content-Type", ""), response.read()
    assert "openmetrics" not in kind and b"# TYPE" not in body, (
        f"/_stcore/metrics serves no statistics (Host {host}): {kind} {body[:60]!r}"
    )
