"""minid serve's login pages in headless Chromium (Debian's chromium and chromedriver, driven by Selenium,
nothing downloaded), with a sample relying party (relying_party.py) the browser logs in to.

The store and server come from Tests/oidc/conftest.py (one place starts minid serve); MINID_TEST_POSTGRES
puts the store on PostgreSQL as there. MINID_SCREENSHOTS names the directory the pages' screenshots are
written to (default docs/images/pages)."""
import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

from relying_party import RelyingParty

# The OIDC tests' harness (Tests/oidc/conftest.py), loaded under its own name.
_spec = importlib.util.spec_from_file_location(
    "oidc_harness", Path(__file__).resolve().parents[1] / "oidc" / "conftest.py")
_harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_harness)
Minid, Server, free_port = _harness.Minid, _harness.Server, _harness.free_port

os.environ["SE_OFFLINE"] = "true"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("MINID_SCREENSHOTS", ROOT / "docs" / "images" / "pages"))


class Site:
    """A store with people in it, minid serve on it, and relying parties registered with it."""

    def __init__(self, environment="test"):
        self.minid = Minid(tempfile.mkdtemp(prefix="minid-browser-"), environment)
        port = free_port()
        self.issuer = f"http://127.0.0.1:{port}"
        self.minid.run("init", "--environment", environment, "--issuer", self.issuer)
        self.parties = {}
        self.port = port
        self.server = None

    def add_service(self, client_id, name, level="substantial"):
        rp_port = free_port()
        # A production store takes only https redirect URIs: its services are shown, never returned to.
        scheme = "http" if self.minid.environment == "test" else "https"
        redirect = f"{scheme}://127.0.0.1:{rp_port}/callback"
        added = self.minid.json(
            "service", "add", "--client-id", client_id, "--name", name, "--level", level, "--redirect-uri", redirect)
        self.parties[client_id] = (added.get("client_secret"), rp_port, redirect)

    def start(self):
        self.server = Server(self.minid, self.issuer, self.port)
        self.parties = {client_id: RelyingParty(self.server.url, self.issuer, client_id, secret, rp_port, redirect)
                        for client_id, (secret, rp_port, redirect) in self.parties.items()}

    def person(self):
        """A new active test person: {pid, password, …}."""
        user = self.minid.json("testuser", "create")
        return user[0] if isinstance(user, list) else user

    def last_code(self, pid, kind="sms"):
        """The code in the newest message of `kind` to `pid`, read with `minid outbox` as support would."""
        messages = self.minid.json("outbox", "list", "--pid", pid, "--kind", kind)
        newest = max(messages, key=lambda message: message["id"])
        return self.minid.json("outbox", "show", str(newest["id"]))["code"]

    def stop(self):
        for party in self.parties.values():
            party.stop()
        if self.server:
            self.server.stop()


@pytest.fixture(scope="session")
def site():
    """A test store: a substantial service, a level-4 one."""
    site = Site()
    site.add_service("skatt", "Skatteetaten (test)")
    site.add_service("postkasse", "Digital postkasse (test)", level="high")
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def production_site():
    """A production store with one level-4 service: no TestID, no MinID for it."""
    site = Site(environment="production")
    site.add_service("nav", "NAV (produksjon)")
    site.add_service("bank", "Banktjeneste", level="high")
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=800,1250",
                     "--disable-gpu", "--lang=nb"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture()
def fresh(browser):
    """The browser with no cookies (a new person at a new computer)."""
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    return browser
