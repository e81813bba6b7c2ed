"""Single sign-on sessions and logout of minid serve, driven as a browser and a relying party drive them.

A requests.Session plays the browser (it keeps the session cookie); Authlib plays the relying parties. A
small http.server receives the back-channel logout tokens, which are verified with Authlib's jose against
the provider's JWKS.
"""
import http.server
import re
import secrets
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.oidc.core import CodeIDToken

from conftest import Minid, Server, free_port
from test_provider import attempt_fields, page_fields

REDIRECT = "http://127.0.0.1:8000/callback"
LOGGED_OUT = "http://127.0.0.1:8000/logged-out"
EVENT = "http://schemas.openid.net/event/backchannel-logout"


class Receiver:
    """A relying party's back-channel logout endpoint: keeps every form posted to it; over TLS with
    `certificate` (a (chain, key) pair of PEM files)."""

    def __init__(self, certificate=None):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                received.append((self.path, self.headers.get("Content-Type"), urllib.parse.parse_qs(body)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, seconds=10):
        deadline = time.time() + seconds
        while len(self.received) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.received


def self_signed(directory, subject_alt_name="IP:127.0.0.1"):
    """A self-signed P-256 certificate and its key, made by the openssl command."""
    chain, key = f"{directory}/chain.pem", f"{directory}/key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-subj", "/CN=relying party", "-addext", f"subjectAltName={subject_alt_name}", "-days", "2",
                    "-keyout", key, "-out", chain], check=True, capture_output=True)
    return chain, key


@pytest.fixture(scope="module")
def sso():
    """A served test store with a test user and two clients registered for front- and back-channel
    logout, a third registered for neither, and two whose back-channel URIs are https: one with a
    certificate the server trusts (through SSL_CERT_FILE), one for another address."""
    receiver = Receiver()
    trusted = self_signed(tempfile.mkdtemp(prefix="minid-rp-tls-"))
    tls_receiver = Receiver(trusted)
    wrong_name = Receiver(self_signed(tempfile.mkdtemp(prefix="minid-rp-tls-"), "DNS:elsewhere.example"))
    minid = Minid(tempfile.mkdtemp(prefix="minid-sso-"))
    minid.env["SSL_CERT_FILE"] = trusted[0]
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    minid.run("init", "--environment", "test", "--issuer", issuer)
    user = minid.json("testuser", "create")
    user = user[0] if isinstance(user, list) else user
    secrets_by_client = {}
    for client_id, extra in [
        ("app1", ["--frontchannel-logout-uri", "http://127.0.0.1:8000/front?app=1",
                  "--backchannel-logout-uri", f"http://127.0.0.1:{receiver.port}/back/app1",
                  "--post-logout-redirect-uri", LOGGED_OUT]),
        ("app2", ["--frontchannel-logout-uri", "http://127.0.0.1:8000/front2",
                  "--backchannel-logout-uri", f"http://127.0.0.1:{receiver.port}/back/app2"]),
        ("plain", []),
        ("tls", ["--backchannel-logout-uri", f"https://127.0.0.1:{tls_receiver.port}/back/tls"]),
        ("tls-wrong", ["--backchannel-logout-uri", f"https://127.0.0.1:{wrong_name.port}/back/tls-wrong"]),
    ]:
        added = minid.json("service", "add", "--client-id", client_id, "--name", f"Service {client_id}",
                           "--level", "substantial", "--redirect-uri", REDIRECT, *extra)
        secrets_by_client[client_id] = added["client_secret"]
    server = Server(minid, issuer, port)
    yield {"minid": minid, "server": server, "issuer": issuer, "pid": user["pid"],
           "password": user["password"], "secrets": secrets_by_client, "receiver": receiver,
           "tls_receiver": tls_receiver, "wrong_name": wrong_name}
    server.stop()
    for each in (receiver, tls_receiver, wrong_name):
        each.server.shutdown()


def discovery(p):
    return requests.get(p["server"].url + "/.well-known/openid-configuration").json()


def relying_party(p, client_id):
    return OAuth2Session(client_id, p["secrets"][client_id], scope="openid profile", redirect_uri=REDIRECT,
                         code_challenge_method="S256")


def begin(p, rp, browser, **extra):
    """Sends the browser to /authorize for `rp`; returns the answer (not followed) and what the RP keeps."""
    verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
    url, state = rp.create_authorization_url(
        discovery(p)["authorization_endpoint"], code_verifier=verifier, nonce=nonce, **extra)
    return browser.get(url, allow_redirects=False), (state, verifier, nonce)


def minid_pages(p, browser, page):
    """Fills in the MinID pages (password, then the test store's SMS code) as a person would."""
    login, csrf = page_fields(page.text)
    code_page = browser.post(p["server"].url + "/authorize/minid/password",
                             data={"login": login, "csrf": csrf, "pid": p["pid"], "password": p["password"]})
    assert code_page.status_code == 200, code_page.text
    attempt = attempt_fields(code_page.text)
    done = browser.post(p["server"].url + "/authorize/minid/code",
                        data={"login": login, "csrf": csrf, **attempt, "code": "12345"},
                        allow_redirects=False)
    assert done.status_code == 302, done.text
    return done


def tokens(p, rp, client_id, location, kept):
    state, verifier, nonce = kept
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["state"] == state
    token = rp.fetch_token(discovery(p)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    jwks = JsonWebKey.import_key_set(requests.get(discovery(p)["jwks_uri"]).json())
    claims = JsonWebToken(["RS256", "ES256"]).decode(
        token["id_token"], jwks, claims_cls=CodeIDToken,
        claims_options={"iss": {"values": [p["issuer"]]}, "aud": {"values": [client_id]}},
        claims_params={"nonce": nonce})
    claims.validate(leeway=5)
    return token, claims


def logged_in(p, client_id="app1"):
    """A new browser logged in to `client_id` through the MinID pages."""
    browser = requests.Session()
    rp = relying_party(p, client_id)
    page, kept = begin(p, rp, browser)
    assert page.status_code == 200 and 'name="csrf"' in page.text
    done = minid_pages(p, browser, page)
    cookie = [h for h in done.raw.headers.getlist("Set-Cookie") if h.startswith("MINID_SESSION=")]
    assert cookie and "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0]
    token, claims = tokens(p, rp, client_id, done.headers["Location"], kept)
    return browser, token, claims


def test_discovery_names_the_logout_endpoint_and_what_it_supports(sso):
    document = discovery(sso)
    assert document["end_session_endpoint"] == sso["issuer"] + "/logout"
    for name in ["frontchannel_logout_supported", "frontchannel_logout_session_supported",
                 "backchannel_logout_supported", "backchannel_logout_session_supported"]:
        assert document[name] is True


def test_a_second_client_logs_in_without_a_password_in_the_same_session(sso):
    browser, _, first = logged_in(sso, "app1")
    rp2 = relying_party(sso, "app2")
    answer, kept = begin(sso, rp2, browser)
    assert answer.status_code == 302, "a live session answers at once, with no page"
    _, second = tokens(sso, rp2, "app2", answer.headers["Location"], kept)
    assert second["sid"] == first["sid"]
    assert second["auth_time"] == first["auth_time"] and second["amr"] == ["Minid-OTC"]
    # A client registered for neither logout gets no sid.
    rp3 = relying_party(sso, "plain")
    answer, kept = begin(sso, rp3, browser)
    _, third = tokens(sso, rp3, "plain", answer.headers["Location"], kept)
    assert "sid" not in third


def test_prompt_login_shows_the_password_page_and_makes_a_new_session(sso):
    browser, _, first = logged_in(sso, "app1")
    page, kept = begin(sso, relying_party(sso, "app2"), browser, prompt="login")
    assert page.status_code == 200 and 'name="csrf"' in page.text
    done = minid_pages(sso, browser, page)
    _, second = tokens(sso, relying_party(sso, "app2"), "app2", done.headers["Location"], kept)
    assert second["sid"] != first["sid"], "a login rotates the session"


def test_prompt_none_answers_from_a_session_or_says_login_required(sso):
    browser, _, _ = logged_in(sso, "app1")
    answer, _ = begin(sso, relying_party(sso, "app2"), browser, prompt="none")
    assert "code" in dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(answer.headers["Location"]).query))
    stranger, _ = begin(sso, relying_party(sso, "app2"), requests.Session(), prompt="none")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(stranger.headers["Location"]).query))
    assert query["error"] == "login_required"


def test_logout_tells_every_client_and_goes_back_with_state(sso):
    browser, token1, claims1 = logged_in(sso, "app1")
    rp2 = relying_party(sso, "app2")
    answer, kept = begin(sso, rp2, browser)
    tokens(sso, rp2, "app2", answer.headers["Location"], kept)
    sid = claims1["sid"]
    before = len(sso["receiver"].received)
    page = browser.post(sso["server"].url + "/logout", data={
        "id_token_hint": token1["id_token"], "post_logout_redirect_uri": LOGGED_OUT, "state": "bye 1"})
    assert page.status_code == 200, page.text
    frames = [f.replace("&amp;", "&") for f in re.findall(r'<iframe src="([^"]+)"', page.text)]
    issuer = urllib.parse.quote_plus(sso["issuer"])
    assert f"http://127.0.0.1:8000/front?app=1&iss={issuer}&sid={sid}" in frames
    assert f"http://127.0.0.1:8000/front2?iss={issuer}&sid={sid}" in frames
    assert f'href="{LOGGED_OUT}?state=bye+1"' in page.text
    assert "nonce-" in page.headers["Content-Security-Policy"]
    # Back-channel: one logout token per client, typ logout+jwt, with the events claim and the sid.
    received = sso["receiver"].wait_for(before + 2)[before:]
    assert sorted(path for path, _, _ in received) == ["/back/app1", "/back/app2"]
    jwks = JsonWebKey.import_key_set(requests.get(discovery(sso)["jwks_uri"]).json())
    for path, content_type, form in received:
        assert content_type == "application/x-www-form-urlencoded"
        token = form["logout_token"][0]
        claims = JsonWebToken(["RS256", "ES256"]).decode(token, jwks)
        assert claims.header["typ"] == "logout+jwt"
        assert claims["events"] == {EVENT: {}}
        assert claims["sid"] == sid and claims["iss"] == sso["issuer"]
        assert claims["aud"] == path.rsplit("/", 1)[1]
        assert "nonce" not in claims and claims["sub"] and claims["jti"]
    # The session is over: the next login asks for the password, and the openid/profile grant is revoked.
    again, _ = begin(sso, rp2, browser)
    assert again.status_code == 200 and 'name="csrf"' in again.text
    refused = requests.post(discovery(sso)["token_endpoint"], auth=("app1", sso["secrets"]["app1"]),
                            data={"grant_type": "refresh_token", "refresh_token": token1["refresh_token"]})
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_logout_refuses_an_unregistered_post_logout_uri_and_a_browser_without_session(sso):
    browser, token, _ = logged_in(sso, "app1")
    refused = browser.get(sso["server"].url + "/logout", params={
        "id_token_hint": token["id_token"], "post_logout_redirect_uri": "http://127.0.0.1:8000/elsewhere"})
    assert refused.status_code == 400 and "post_logout_redirect_uri" in refused.text
    nothing = requests.get(sso["server"].url + "/logout", params={"client_id": "app1"})
    assert nothing.status_code == 400 and "Location" not in nothing.headers


def test_support_sees_and_ends_the_session(sso):
    browser, _, claims = logged_in(sso, "app1")
    listed = sso["minid"].json("session", "list", "--pid", sso["pid"])
    live = [s for s in listed if s["state"] == "live" and claims["sid"].startswith(s["id_prefix"])]
    assert live and live[0]["clients"] == ["app1"]
    sso["minid"].run("session", "end", "--pid", sso["pid"], "--session", live[0]["id_prefix"], "--case", "SUP-1")
    again, _ = begin(sso, relying_party(sso, "app2"), browser)
    assert again.status_code == 200 and 'name="csrf"' in again.text


def test_back_channel_logout_goes_over_https_to_a_certificate_that_names_the_host(sso):
    browser, token, claims = logged_in(sso, "tls")
    other, _, _ = logged_in(sso, "tls-wrong")
    jwks = JsonWebKey.import_key_set(requests.get(discovery(sso)["jwks_uri"]).json())
    page = browser.post(sso["server"].url + "/logout", data={"id_token_hint": token["id_token"]})
    assert page.status_code == 200, page.text
    [(path, _, form)] = sso["tls_receiver"].wait_for(1)
    delivered = JsonWebToken(["RS256", "ES256"]).decode(form["logout_token"][0], jwks)
    assert path == "/back/tls" and delivered["sid"] == claims["sid"] and delivered["aud"] == "tls"
    # A certificate for another name is refused by the TLS handshake: nothing is posted, the log says why.
    other.post(sso["server"].url + "/logout", data={"client_id": "tls-wrong"})
    log = sso["minid"].directory / f"serve-{sso['server'].url.rsplit(':', 1)[1]}.log"
    deadline = time.time() + 10
    while "back-channel logout to tls-wrong" not in log.read_text() and time.time() < deadline:
        time.sleep(0.05)
    assert "back-channel logout to tls-wrong: no answer (TLS:" in log.read_text()
    assert sso["wrong_name"].received == []
