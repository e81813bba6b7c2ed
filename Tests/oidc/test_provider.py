"""minid serve driven by a real relying-party library (Authlib), as a web application's login would.

Each test is named after what a relying party relies on; refusals are checked with the error codes the
RFCs name. The browser part of the MinID page is submitted as a browser submits forms.
"""
import base64
import re
import secrets
import urllib.parse

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oidc.core import CodeIDToken

REDIRECT = "http://localhost:8000/callback"


def discovery(p):
    return requests.get(p["server"].url + "/.well-known/openid-configuration").json()


def client(p, client_id="basic", **kwargs):
    method = {"basic": "client_secret_basic", "post": "client_secret_post", "spa": "none"}[client_id]
    return OAuth2Session(
        client_id, p["secrets"].get(client_id), scope="openid profile", redirect_uri=REDIRECT,
        token_endpoint_auth_method=method, code_challenge_method="S256", **kwargs)


def authorize_url(p, session, **extra):
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    url, state = session.create_authorization_url(
        discovery(p)["authorization_endpoint"], code_verifier=verifier, nonce=nonce, **extra)
    return url, state, verifier, nonce


def follow(url):
    response = requests.get(url, allow_redirects=False)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def attempt_fields(html):
    """The login attempt a page names and the token that binds it to this login and browser."""
    return {"attempt": re.search(r'name="attempt" value="([^"]+)"', html).group(1),
            "attempt_token": re.search(r'name="attempt_token" value="([^"]+)"', html).group(1)}


def page_fields(html):
    """The login id and form token every form of the login pages carries."""
    return (re.search(r'name="login" value="([^"]+)"', html).group(1),
            re.search(r'name="csrf" value="([^"]+)"', html).group(1))


def query(location):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def login_with_testid(p, session, acr="idporten-loa-substantial", **extra):
    url, state, verifier, nonce = authorize_url(p, session, login_hint=f"testid:{p['pid']}_{acr}", **extra)
    location = follow(url)
    return location, state, verifier, nonce


def verified_id_token(p, token, client_id, nonce):
    jwks = JsonWebKey.import_key_set(requests.get(discovery(p)["jwks_uri"]).json())
    claims = jwt.decode(
        token["id_token"], jwks, claims_cls=CodeIDToken,
        claims_options={"iss": {"values": [p["issuer"]]}, "aud": {"values": [client_id]}},
        claims_params={"nonce": nonce})
    claims.validate(leeway=5)
    return claims


def test_discovery_lists_only_what_is_served_in_id_portens_shape(provider):
    document = discovery(provider)
    assert document["issuer"] == provider["issuer"]
    assert document["response_types_supported"] == ["code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["authorization_response_iss_parameter_supported"] is True
    for name, value in document.items():
        if name.endswith("_endpoint") or name == "jwks_uri":
            answer = requests.options(value) if name == "end_session_endpoint" else requests.head(value)
            assert answer.status_code != 404, f"{name} {value} answers 404"
    assert document["end_session_endpoint"] == provider["issuer"] + "/logout"


def test_headless_testid_code_flow_with_client_secret_basic(provider):
    session = client(provider)
    location, state, verifier, nonce = login_with_testid(provider, session)
    parameters = query(location)
    assert parameters["iss"] == provider["issuer"] and parameters["state"] == state
    token = session.fetch_token(
        discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    assert token["token_type"] == "Bearer" and token["expires_in"] == 120 and token["refresh_token_expires_in"] > 0
    claims = verified_id_token(provider, token, "basic", nonce)
    assert claims["amr"] == ["TestID"] and claims["acr"] == "idporten-loa-substantial"
    assert claims["pid"] == provider["pid"]
    info = session.get(discovery(provider)["userinfo_endpoint"]).json()
    assert info == {"sub": claims["sub"], "pid": provider["pid"], "locale": "nb"}


def test_client_secret_post_and_a_public_client(provider):
    for client_id in ["post", "spa"]:
        session = client(provider, client_id)
        location, _, verifier, nonce = login_with_testid(provider, session)
        token = session.fetch_token(
            discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
        assert verified_id_token(provider, token, client_id, nonce)["sub"]


def test_the_minid_page_with_password_and_sms_code(provider):
    session = client(provider)
    url, state, verifier, nonce = authorize_url(provider, session)
    browser = requests.Session()
    page = browser.get(url + "&ui_locales=en")
    assert page.status_code == 200 and "MinID" in page.text
    login, csrf = page_fields(page.text)
    action = "/authorize/minid/password"
    wrong = browser.post(provider["server"].url + action,
                         data={"login": login, "csrf": csrf, "pid": provider["pid"], "password": "Not the password 1"})
    assert wrong.status_code == 400 and "Wrong national identity number or password" in wrong.text
    code_page = browser.post(provider["server"].url + action,
                             data={"login": login, "csrf": csrf, "pid": provider["pid"], "password": provider["password"]})
    assert code_page.status_code == 200, code_page.text
    attempt = attempt_fields(code_page.text)
    code_action = "/authorize/minid/code"
    done = browser.post(provider["server"].url + code_action,
                        data={"login": login, "csrf": csrf, **attempt, "code": "12345"}, allow_redirects=False)
    assert done.status_code == 302, done.text
    location = done.headers["Location"]
    assert query(location)["state"] == state
    token = session.fetch_token(
        discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    assert verified_id_token(provider, token, "basic", nonce)["amr"] == ["Minid-OTC"]
    # The login page cannot be replayed, nor posted from another browser.
    again = browser.post(provider["server"].url + code_action, data={"login": login, "csrf": csrf, **attempt, "code": "12345"})
    assert again.status_code == 400
    stranger = requests.post(provider["server"].url + action,
                             data={"login": login, "csrf": csrf, "pid": provider["pid"], "password": provider["password"]})
    assert stranger.status_code == 403, "the form token is bound to the browser's cookie"


def test_refresh_rotates_and_reuse_revokes_the_grant(provider):
    session = client(provider)
    location, _, verifier, _ = login_with_testid(provider, session)
    endpoint = discovery(provider)["token_endpoint"]
    first = session.fetch_token(endpoint, authorization_response=location, code_verifier=verifier)
    second = session.refresh_token(endpoint, refresh_token=first["refresh_token"])
    assert second["refresh_token"] != first["refresh_token"]
    reuse = requests.post(endpoint, data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
                          auth=("basic", provider["secrets"]["basic"]))
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    userinfo = requests.get(discovery(provider)["userinfo_endpoint"],
                            headers={"Authorization": "Bearer " + second["access_token"]})
    assert userinfo.status_code == 401 and userinfo.json()["error"] == "invalid_token"


def test_pushed_authorization_request(provider):
    document = discovery(provider)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(__import__("hashlib").sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    pushed = requests.post(document["pushed_authorization_request_endpoint"], auth=("basic", provider["secrets"]["basic"]), data={
        "response_type": "code", "redirect_uri": REDIRECT, "scope": "openid", "state": "par-state", "nonce": "par-nonce",
        "code_challenge": challenge, "code_challenge_method": "S256",
        "login_hint": f"testid:{provider['pid']}_idporten-loa-substantial"})
    assert pushed.status_code == 201, pushed.text
    request_uri = pushed.json()["request_uri"]
    assert pushed.json()["expires_in"] == 120
    url = document["authorization_endpoint"] + "?" + urllib.parse.urlencode({"client_id": "basic", "request_uri": request_uri})
    location = follow(url)
    assert query(location)["state"] == "par-state"
    token = client(provider).fetch_token(document["token_endpoint"], authorization_response=location, code_verifier=verifier)
    assert token["access_token"]
    reused = requests.get(url)
    assert reused.status_code == 400 and "request_uri" in reused.text


def test_introspection_and_revocation(provider):
    session = client(provider)
    location, _, verifier, _ = login_with_testid(provider, session)
    document = discovery(provider)
    token = session.fetch_token(document["token_endpoint"], authorization_response=location, code_verifier=verifier)
    auth = ("basic", provider["secrets"]["basic"])
    active = requests.post(document["introspection_endpoint"], auth=auth, data={"token": token["access_token"]}).json()
    assert active["active"] is True and active["client_id"] == "basic" and active["pid"] == provider["pid"]
    assert requests.post(document["revocation_endpoint"], auth=auth, data={"token": token["refresh_token"]}).status_code == 200
    assert requests.post(document["introspection_endpoint"], auth=auth, data={"token": token["access_token"]}).json() == {"active": False}


@pytest.mark.parametrize("change, error", [
    ({"code_challenge": None, "code_challenge_method": None}, "invalid_request"),
    ({"code_challenge_method": "plain"}, "invalid_request"),
    ({"nonce": None}, "invalid_request"),
    ({"state": None}, "invalid_request"),
    ({"response_type": "token"}, "unsupported_response_type"),
    ({"resource": "api-without-scheme"}, "invalid_target"),
    ({"resource": "https://api.example/#fragment"}, "invalid_target"),
])
def test_authorization_refusals_go_back_to_the_client(provider, change, error):
    session = client(provider)
    url, _, _, _ = authorize_url(provider, session, login_hint=f"testid:{provider['pid']}_idporten-loa-substantial")
    parts = urllib.parse.urlsplit(url)
    parameters = dict(urllib.parse.parse_qsl(parts.query))
    for name, value in change.items():
        if value is None:
            parameters.pop(name, None)
        else:
            parameters[name] = value
    location = follow(parts._replace(query=urllib.parse.urlencode(parameters)).geturl())
    assert location.startswith(REDIRECT)
    assert query(location)["error"] == error
    assert query(location)["iss"] == provider["issuer"]


def test_an_unknown_redirect_gets_an_error_page_not_a_redirect(provider):
    url, _, _, _ = authorize_url(provider, client(provider))
    bad = url.replace(urllib.parse.quote(REDIRECT, safe=""), urllib.parse.quote("http://evil.example/cb", safe=""))
    answer = requests.get(bad, allow_redirects=False)
    assert answer.status_code == 400 and "Location" not in answer.headers


def test_token_refusals(provider):
    session = client(provider)
    location, _, verifier, _ = login_with_testid(provider, session)
    endpoint = discovery(provider)["token_endpoint"]
    code = query(location)["code"]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier}
    wrong_secret = requests.post(endpoint, data=form, auth=("basic", "not-the-secret"))
    assert wrong_secret.status_code == 401 and wrong_secret.json()["error"] == "invalid_client"
    wrong_verifier = requests.post(endpoint, data=dict(form, code_verifier="x" * 43), auth=("basic", provider["secrets"]["basic"]))
    assert wrong_verifier.json()["error"] == "invalid_grant"
    first = requests.post(endpoint, data=form, auth=("basic", provider["secrets"]["basic"]))
    assert first.status_code == 200
    replay = requests.post(endpoint, data=form, auth=("basic", provider["secrets"]["basic"]))
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    revoked = requests.get(discovery(provider)["userinfo_endpoint"], headers={"Authorization": "Bearer " + first.json()["access_token"]})
    assert revoked.status_code == 401, "a replayed code revokes what it issued"
    repeated = requests.post(endpoint, data=[("grant_type", "authorization_code"), ("code", "a"), ("code", "b")],
                             auth=("basic", provider["secrets"]["basic"]))
    assert repeated.json()["error"] == "invalid_request"


def test_a_level_4_service_refuses_minid_and_takes_testid_high(provider):
    session = OAuth2Session("mailbox", None, scope="openid", redirect_uri=REDIRECT, code_challenge_method="S256")
    url, _, _, _ = authorize_url(provider, session)
    browser = requests.Session()
    page = browser.get(url + "&ui_locales=en")
    assert page.status_code == 200 and "BankID, Buypass ID or Commfides" in page.text
    assert 'value="minid"' not in page.text, "MinID is not offered for level 4"
    login, csrf = page_fields(page.text)
    forced = browser.post(provider["server"].url + "/authorize/minid/password",
                          data={"login": login, "csrf": csrf, "pid": provider["pid"], "password": provider["password"]})
    assert 'name="code"' not in forced.text and "BankID" in forced.text, "nor taken when posted anyway"
    url, _, _, _ = authorize_url(provider, session, login_hint=f"testid:{provider['pid']}_idporten-loa-high")
    assert "code" in query(follow(url))


def test_two_servers_on_one_store_serve_one_flow(provider):
    from conftest import Server, free_port
    other = Server(provider["minid"], provider["issuer"], free_port())
    try:
        session = client(provider)
        location, _, verifier, nonce = login_with_testid(provider, session)
        code = query(location)["code"]
        answer = requests.post(other.url + "/token", auth=("basic", provider["secrets"]["basic"]), data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier})
        assert answer.status_code == 200, answer.text
        assert requests.get(other.url + "/userinfo", headers={"Authorization": "Bearer " + answer.json()["access_token"]}).status_code == 200
    finally:
        other.stop()


def test_a_login_attempt_for_another_service_cannot_finish_this_login(provider):
    """A person's own SMS step begun for service 'post' (with the command line) must not complete a login
    that the browser began for service 'basic'."""
    minid = provider["minid"]
    url, _, _, _ = authorize_url(provider, client(provider))
    browser = requests.Session()
    page = browser.get(url)
    login, csrf = page_fields(page.text)
    password_file = minid.directory / "password-other.txt"
    password_file.write_text(provider["password"] + "\n")
    other = minid.json("login", "start", "--pid", provider["pid"], "--client", "post",
                       "--password-file", str(password_file))
    done = browser.post(provider["server"].url + "/authorize/minid/code",
                        data={"login": login, "csrf": csrf, "attempt": other["login_id"], "code": "12345"},
                        allow_redirects=False)
    # Refused before any code is checked: the attempt was not begun on this login's pages, so the page
    # never gave this browser its attempt token (the library also refuses an attempt for another service).
    assert done.status_code == 403 and "Location" not in done.headers


def test_a_page_step_posted_with_a_repeated_field_gets_an_error_page(provider):
    url, _, _, _ = authorize_url(provider, client(provider))
    browser = requests.Session()
    page = browser.get(url)
    login = re.search(r'name="login" value="([^"]+)"', page.text).group(1)
    for step in ["password", "code"]:
        answer = browser.post(provider["server"].url + f"/authorize/minid/{step}",
                              data=[("login", login), ("pid", "1"), ("pid", "2")])
        assert answer.status_code == 400 and "more than once" in answer.text, answer.text


def test_a_resource_indicator_becomes_the_access_tokens_audience(provider):
    """RFC 8707, as ID-porten: `resource` at /authorize gives the access token's aud; the ID token's aud
    stays the client."""
    session = client(provider)
    location, _, verifier, nonce = login_with_testid(provider, session, resource="https://api.skatt.example/v1")
    token = session.fetch_token(
        discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    jwks = JsonWebKey.import_key_set(requests.get(discovery(provider)["jwks_uri"]).json())
    access = jwt.decode(token["access_token"], jwks,
                        claims_options={"aud": {"essential": True, "values": ["https://api.skatt.example/v1"]}})
    access.validate(leeway=5)
    assert access.header["typ"] == "at+jwt" and access["client_id"] == "basic"
    assert verified_id_token(provider, token, "basic", nonce)["aud"] == "basic"
    # Without a resource, no aud at all (ID-porten's own sample has none).
    location, _, verifier, _ = login_with_testid(provider, session)
    plain = session.fetch_token(
        discovery(provider)["token_endpoint"], authorization_response=location, code_verifier=verifier)
    assert "aud" not in jwt.decode(plain["access_token"], jwks)
