"""The MinID app and the code generator on minid serve's login pages, with Authlib as the relying party.

The app is the device key file `minid app enroll` writes; it approves or rejects through the command line
while the page waits, as a phone would while the browser polls. Each ID token's amr is checked by Authlib.
These drive the pages' HTTP directly; Tests/browser/test_second_factors.py drives them in Chromium.
"""
import base64
import hashlib
import hmac
import html
import json
import re
import struct
import time

import requests
from test_provider import attempt_fields, authorize_url, client, discovery, page_fields, query, verified_id_token

PASSWORD = "Fjelltur i mai 2026!"


def registered(provider):
    """A new person in the session's store, registered but not activated; their letter's code."""
    minid = provider["minid"]
    pid = minid.run("id", "generate", "--kind", "tenor", "--count", "1", "--age", "30").stdout.strip()
    letter = minid.json("account", "register", "--pid", pid, "--phone", "91234567", "--email",
                        "kari@example.no", "--address", "Storgata 1, 0155 Oslo")["letter"]
    return pid, letter["activation_code"]


def with_device(provider):
    minid = provider["minid"]
    pid, code = registered(provider)
    key = minid.directory / f"phone-{pid}.pem"
    password_file = minid.directory / "password.txt"
    password_file.write_text(PASSWORD)
    minid.run("app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", str(password_file),
              "--device-key-out", str(key), stdin=code)
    return pid, key


def after_password(provider, pid):
    """Begins a login for the `basic` client and posts the password: the page that follows."""
    session = client(provider)
    url, state, verifier, nonce = authorize_url(provider, session)
    browser = requests.Session()
    page = browser.get(url)
    login, csrf = page_fields(page.text)
    answer = browser.post(provider["server"].url + "/authorize/minid/password",
                          data={"login": login, "csrf": csrf, "pid": pid, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return session, browser, answer, (state, verifier, nonce, login, csrf)


def poll_url(provider, page):
    content = re.search(r'<meta http-equiv="refresh" content="(\d+);url=([^"]+)"', page.text)
    assert content, page.text
    return provider["server"].url + html.unescape(content.group(2))


def attempt_of(page):
    return re.search(r'name="attempt" value="([^"]+)"', page.text).group(1)


def token_for(provider, session, location, flow):
    state, verifier, nonce = flow[:3]
    assert query(location)["state"] == state
    token = session.fetch_token(
        discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    return verified_id_token(provider, token, "basic", nonce)


def test_an_app_approval_given_while_the_page_polls_gives_minid_app(provider):
    minid = provider["minid"]
    pid, key = with_device(provider)
    session, browser, page, flow = after_password(provider, pid)
    assert "Godkjenn innloggingen i MinID-appen" in page.text and "Bruk SMS i stedet" in page.text
    poll = poll_url(provider, page)
    waiting = browser.get(poll, allow_redirects=False)
    assert waiting.status_code == 200 and "sekunder igjen" in waiting.text
    pending = minid.json("app", "pending", "--device-key", str(key))
    assert [p["attempt"] for p in pending] == [attempt_of(page)]
    assert pending[0]["service"] == "Client basic" and pending[0]["issuer"] == provider["issuer"]
    minid.run("app", "approve", "--device-key", str(key), "--attempt", pending[0]["attempt"])
    done = browser.get(poll, allow_redirects=False)
    assert done.status_code == 302, done.text
    assert token_for(provider, session, done.headers["Location"], flow)["amr"] == ["Minid-APP"]
    # The page cannot finish the login twice.
    assert browser.get(poll, allow_redirects=False).status_code == 400


def test_a_rejection_in_the_app_sends_access_denied_to_the_client(provider):
    minid = provider["minid"]
    pid, key = with_device(provider)
    session, browser, page, flow = after_password(provider, pid)
    minid.run("app", "reject", "--device-key", str(key), "--attempt", attempt_of(page))
    done = browser.get(poll_url(provider, page), allow_redirects=False)
    assert done.status_code == 302
    answer = query(done.headers["Location"])
    assert answer["error"] == "access_denied" and answer["state"] == flow[0]
    assert answer["iss"] == provider["issuer"]


def test_use_sms_instead_gives_minid_otc(provider):
    pid, _ = with_device(provider)
    session, browser, page, flow = after_password(provider, pid)
    sms_action = re.search(r'<form method="post" action="([^"]*/authorize/minid/sms)"', page.text).group(1)
    code_page = browser.post(provider["server"].url + sms_action,
                             data={"login": flow[3], "csrf": flow[4], **attempt_fields(page.text), "sms": "1"})
    assert code_page.status_code == 200 and "Engangskode" in code_page.text, code_page.text
    done = browser.post(provider["server"].url + "/authorize/minid/code",
                        data={"login": flow[3], "csrf": flow[4], **attempt_fields(code_page.text), "code": "12345"},
                        allow_redirects=False)
    assert done.status_code == 302, done.text
    assert token_for(provider, session, done.headers["Location"], flow)["amr"] == ["Minid-OTC"]


def totp_now(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = mac[19] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def test_a_code_generator_code_gives_minid_totp(provider):
    minid = provider["minid"]
    pid, code = registered(provider)
    password_file = minid.directory / "password.txt"
    password_file.write_text(PASSWORD)
    minid.run("account", "activate", "--pid", pid, "--code-file", "-", "--password-file", str(password_file),
              stdin=code)
    enrolled = json.loads(minid.run("totp", "enroll", "--pid", pid, "--password-file", str(password_file),
                                    "--code-file", "-", "--json", stdin="12345").stdout)
    session, browser, page, flow = after_password(provider, pid)
    assert "Kode fra kodegenerator" in page.text
    action = re.search(r'<form method="post" action="([^"]*/authorize/minid/totp)"', page.text).group(1)
    wrong = browser.post(provider["server"].url + action,
                         data={"login": flow[3], "csrf": flow[4], **attempt_fields(page.text), "code": "000000"})
    assert wrong.status_code == 400 and "Kode fra kodegenerator" in wrong.text and "forsøk igjen" in wrong.text
    done = browser.post(provider["server"].url + action,
                        data={"login": flow[3], "csrf": flow[4], **attempt_fields(page.text), "code": totp_now(enrolled["secret"])},
                        allow_redirects=False)
    assert done.status_code == 302, done.text
    assert token_for(provider, session, done.headers["Location"], flow)["amr"] == ["Minid-TOTP"]


def test_a_headless_app_login_hint_in_a_test_store_gives_minid_app(provider):
    pid, _ = with_device(provider)
    session = client(provider)
    url, state, verifier, nonce = authorize_url(provider, session, login_hint=f"minid-app:{pid}")
    location = requests.get(url, allow_redirects=False).headers["Location"]
    assert token_for(provider, session, location, (state, verifier, nonce, None))["amr"] == ["Minid-APP"]
    # A person without the app gets access_denied, back at the client.
    stranger = authorize_url(provider, session, login_hint=f"minid-app:{provider['pid']}")[0]
    assert query(requests.get(stranger, allow_redirects=False).headers["Location"])["error"] == "access_denied"
