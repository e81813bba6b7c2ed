"""minid serve driven by a second relying-party library: idpyoidc (the Identity Python OpenID Connect
client), with its PKCE add-on.

idpyoidc does discovery, builds the authorization request (state, nonce, PKCE S256), checks the
authorization response, exchanges the code, verifies the ID token against the provider's JWKS and fetches
userinfo, all by itself; the test only plays the browser, following the 302 that TestID's login_hint
answers with. idpyoidc's PAR add-on is not used: it always pushes the request as a signed request object
(`request`, RFC 9101), which minid does not take (discovery says request_parameter_supported false).
"""
import tempfile
import urllib.parse

import pytest
import requests
from cryptojwt.key_jar import KeyJar
from idpyoidc.client.oauth2.stand_alone_client import StandAloneClient

from conftest import Minid, Server, free_port

REDIRECT = "http://localhost:8000/idpy-callback"


@pytest.fixture(scope="module")
def rs256_provider():
    """A store with minid's default RS256 key, served: idpyoidc, as OpenID Connect Discovery §3 says,
    refuses a provider whose id_token_signing_alg_values_supported lacks RS256 (the session's store has
    only an ES256 key; see the last test)."""
    directory = tempfile.mkdtemp(prefix="minid-idpy-")
    minid = Minid(directory)
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    minid.run("init", "--environment", "test", "--issuer", issuer)
    user = minid.json("testuser", "create")
    user = user[0] if isinstance(user, list) else user
    server = Server(minid, issuer, port)
    yield {"minid": minid, "server": server, "issuer": issuer, "pid": user["pid"]}
    server.stop()


@pytest.fixture(scope="module")
def idpy_secret(rs256_provider):
    added = rs256_provider["minid"].json(
        "service", "add", "--client-id", "idpy", "--name", "idpyoidc client", "--level", "substantial",
        "--redirect-uri", REDIRECT)
    return added["client_secret"]


def new_client(provider, secret):
    """An idpyoidc client configured as a web application would configure it: the issuer, its registered
    client id and secret, and PKCE. Its keys (none: it signs nothing) are kept in memory, not in files."""
    client = StandAloneClient(
        keyjar=KeyJar(),
        config={
            "issuer": provider["issuer"],
            "client_id": "idpy",
            "client_secret": secret,
            "redirect_uris": [REDIRECT],
            "client_type": "oidc",
            # The methods the client's services may use; the refresh service finds client_secret_basic here.
            "client_authn_methods": ["client_secret_basic"],
            "preference": {
                "response_types_supported": ["code"],
                "scopes_supported": ["openid", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            },
            "add_ons": {"pkce": {"function": "idpyoidc.client.oauth2.add_on.pkce.add_support",
                                 "kwargs": {"code_challenge_length": 64, "code_challenge_method": "S256"}}},
            "provider_info": {"issuer": provider["issuer"]},
        })
    assert client.do_provider_info() == provider["issuer"], "discovery by the issuer"
    client.do_client_registration()  # the client is registered already: this only settles its metadata
    return client


def browser_login(provider, url):
    """The browser's part: the authorization request with TestID's login_hint answers at once with a 302 to
    the redirect URI; the parameters it carries are what the client's callback receives."""
    answer = requests.get(url, allow_redirects=False)
    assert answer.status_code == 302, answer.text
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def test_idpyoidc_runs_the_code_flow_with_pkce_and_verifies_the_id_token(rs256_provider, idpy_secret):
    provider = rs256_provider
    client = new_client(provider, idpy_secret)
    hint = f"testid:{provider['pid']}_idporten-loa-substantial"
    url = client.init_authorization(req_args={"login_hint": hint})
    sent = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert sent["code_challenge_method"] == "S256" and sent["nonce"] and sent["state"]
    response = browser_login(provider, url)
    assert response["state"] == sent["state"] and response["iss"] == provider["issuer"]

    result = client.finalize(response)  # token exchange, ID token verification, userinfo
    id_token = result["id_token"]
    assert id_token["iss"] == provider["issuer"] and id_token["aud"] == ["idpy"]
    assert id_token["nonce"] == sent["nonce"], "idpyoidc matched the nonce it sent"
    assert id_token["pid"] == provider["pid"] and id_token["acr"] == "idporten-loa-substantial"
    assert id_token["amr"] == ["TestID"]
    published = requests.get(provider["server"].url + "/jwks.json").json()["keys"]
    assert id_token.jws_header["kid"] in [key["kid"] for key in published], "verified with a published key"
    assert result["userinfo"]["sub"] == id_token["sub"] and result["userinfo"]["pid"] == provider["pid"]

    introspected = requests.post(provider["server"].url + "/token/introspect", auth=("idpy", idpy_secret),
                                 data={"token": result["token"]}).json()
    assert introspected["active"] is True and introspected["client_id"] == "idpy"

    # The refresh token rotates, and userinfo answers for the new access token.
    refreshed = client.refresh_access_token(result["state"])
    assert refreshed["access_token"] != result["token"]
    info = client.get_user_info(result["state"], access_token=refreshed["access_token"])
    assert info["pid"] == provider["pid"]


def test_idpyoidc_refuses_a_response_for_another_state(rs256_provider, idpy_secret):
    provider = rs256_provider
    client = new_client(provider, idpy_secret)
    url = client.init_authorization(req_args={"login_hint": f"testid:{provider['pid']}_idporten-loa-substantial"})
    response = browser_login(provider, url)
    with pytest.raises(Exception):
        client.finalize(dict(response, state="not-the-state-sent"))
    # The real response still completes: the code was not spent by the refusal.
    assert client.finalize(response)["id_token"]["pid"] == provider["pid"]


def test_idpyoidc_refuses_a_provider_that_signs_only_es256(provider):
    """What docs/serve.md warns of: a store made with --key-alg ES256 lists only ES256, and idpyoidc's
    discovery refuses it, naming RS256."""
    with pytest.raises(ValueError, match="RS256 missing"):
        new_client(provider, "s" * 43)
