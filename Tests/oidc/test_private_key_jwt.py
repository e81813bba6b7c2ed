"""private_key_jwt client authentication (RFC 7523) driven by Authlib's own PrivateKeyJWT auth method.

The client registers only its public key (`minid service add --auth-method private_key_jwt --jwks FILE`) and
signs a new assertion for each request to the token, PAR, introspection and revocation endpoints.
"""
import json
import secrets
import time

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT, private_key_jwt_sign
from joserfc.jwk import ECKey, RSAKey

from test_provider import REDIRECT, discovery, login_with_testid, query, verified_id_token

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class ShortLivedPrivateKeyJWT(PrivateKeyJWT):
    """Authlib's PrivateKeyJWT with a 60-second assertion: its default (an hour) is longer than minid's five
    minutes, which the test below shows is refused."""

    def sign(self, auth, token_endpoint):
        return private_key_jwt_sign(auth.client_secret, client_id=auth.client_id, token_endpoint=token_endpoint,
                                    header=dict(self.headers or {}), alg=self.alg, expires_in=60)


@pytest.fixture(scope="module")
def jwt_client(provider):
    """A private_key_jwt client with an ES256 key, and an RS256 one, registered by their public halves."""
    clients = {}
    for client_id, key, alg in [("pkjwt-ec", ECKey.generate_key("P-256", parameters={"kid": "ec-1"}), "ES256"),
                                ("pkjwt-rsa", RSAKey.generate_key(2048, parameters={"kid": "rsa-1"}), "RS256")]:
        path = provider["minid"].directory / f"{client_id}.jwks.json"
        path.write_text(json.dumps({"keys": [key.as_dict(private=False)]}))
        added = provider["minid"].json(
            "service", "add", "--client-id", client_id, "--name", "Signed client", "--level", "substantial",
            "--redirect-uri", REDIRECT, "--auth-method", "private_key_jwt", "--jwks", str(path))
        assert added["token_endpoint_auth_method"] == "private_key_jwt" and "client_secret" not in added
        clients[client_id] = (key, alg)
    return clients


def session(provider, jwt_client, client_id="pkjwt-ec", method=ShortLivedPrivateKeyJWT):
    key, alg = jwt_client[client_id]
    token_endpoint = discovery(provider)["token_endpoint"]
    client = OAuth2Session(client_id, key, scope="openid profile", redirect_uri=REDIRECT,
                           token_endpoint_auth_method="private_key_jwt", code_challenge_method="S256")
    client.register_client_auth_method(method(token_endpoint, alg=alg, headers={"kid": key.kid}))
    return client


def assertion(provider, jwt_client, client_id="pkjwt-ec", **claims):
    key, alg = jwt_client[client_id]
    return private_key_jwt_sign(key, client_id=client_id, token_endpoint=provider["issuer"], alg=alg,
                                header={"kid": key.kid}, claims=claims or None, expires_in=60)


def test_discovery_offers_private_key_jwt(provider):
    document = discovery(provider)
    assert "private_key_jwt" in document["token_endpoint_auth_methods_supported"]
    assert document["token_endpoint_auth_signing_alg_values_supported"] == ["RS256", "ES256"]


@pytest.mark.parametrize("client_id", ["pkjwt-ec", "pkjwt-rsa"])
def test_the_code_flow_with_private_key_jwt(provider, jwt_client, client_id):
    client = session(provider, jwt_client, client_id)
    location, state, verifier, nonce = login_with_testid(provider, client)
    assert query(location)["state"] == state
    document = discovery(provider)
    token = client.fetch_token(document["token_endpoint"], authorization_response=location, code_verifier=verifier)
    claims = verified_id_token(provider, token, client_id, nonce)
    assert claims["pid"] == provider["pid"]
    access = json.loads(__import__("base64").urlsafe_b64decode(token["access_token"].split(".")[1] + "=="))
    assert access["client_amr"] == "private_key_jwt" and access["client_id"] == client_id
    assert client.get(document["userinfo_endpoint"]).json()["pid"] == provider["pid"]
    refreshed = client.refresh_token(document["token_endpoint"], refresh_token=token["refresh_token"])
    assert refreshed["refresh_token"] != token["refresh_token"]
    # Introspection and revocation authenticate the same way, a new assertion each.
    def form(**extra):
        return dict(extra, client_id=client_id, client_assertion_type=ASSERTION_TYPE,
                    client_assertion=assertion(provider, jwt_client, client_id))
    active = requests.post(document["introspection_endpoint"], data=form(token=refreshed["access_token"])).json()
    assert active["active"] is True and active["client_id"] == client_id
    assert requests.post(document["revocation_endpoint"], data=form(token=refreshed["refresh_token"])).status_code == 200
    assert requests.post(document["introspection_endpoint"],
                         data=form(token=refreshed["access_token"])).json() == {"active": False}


def test_a_pushed_request_with_private_key_jwt(provider, jwt_client):
    document = discovery(provider)
    verifier = secrets.token_urlsafe(48)
    challenge = __import__("base64").urlsafe_b64encode(
        __import__("hashlib").sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    pushed = requests.post(document["pushed_authorization_request_endpoint"], data={
        "client_id": "pkjwt-ec", "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion(provider, jwt_client),
        "response_type": "code", "redirect_uri": REDIRECT, "scope": "openid", "state": "s", "nonce": "n",
        "code_challenge": challenge, "code_challenge_method": "S256",
        "login_hint": f"testid:{provider['pid']}_idporten-loa-substantial"})
    assert pushed.status_code == 201, pushed.text


def test_a_replayed_assertion_is_refused(provider, jwt_client):
    client = session(provider, jwt_client)
    location, _, verifier, _ = login_with_testid(provider, client)
    endpoint = discovery(provider)["token_endpoint"]
    signed = assertion(provider, jwt_client)
    form = {"grant_type": "authorization_code", "code": query(location)["code"], "redirect_uri": REDIRECT,
            "code_verifier": verifier, "client_id": "pkjwt-ec", "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": signed}
    first = requests.post(endpoint, data=form)
    assert first.status_code == 200, first.text
    replay = requests.post(endpoint, data=dict(form, grant_type="refresh_token",
                                               refresh_token=first.json()["refresh_token"]))
    assert replay.status_code == 401 and replay.json()["error"] == "invalid_client"
    assert "jti has been used" in replay.json()["error_description"]
    assert replay.headers["WWW-Authenticate"]


def test_assertions_breaking_a_rule_are_refused_naming_it(provider, jwt_client):
    client = session(provider, jwt_client, method=PrivateKeyJWT)
    location, _, verifier, _ = login_with_testid(provider, client)
    endpoint = discovery(provider)["token_endpoint"]
    with pytest.raises(Exception) as refused:
        client.fetch_token(endpoint, authorization_response=location, code_verifier=verifier)
    assert "300 seconds after iat" in str(refused.value), "Authlib's default one-hour assertion is too long"
    form = {"grant_type": "authorization_code", "code": query(location)["code"], "redirect_uri": REDIRECT,
            "code_verifier": verifier, "client_id": "pkjwt-ec", "client_assertion_type": ASSERTION_TYPE}
    other_key = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
    stranger = private_key_jwt_sign(other_key, client_id="pkjwt-ec", token_endpoint=provider["issuer"],
                                    alg="ES256", header={"kid": "ec-1"}, expires_in=60)
    for signed, rule in [
        (stranger, "signature does not verify"),
        (private_key_jwt_sign(jwt_client["pkjwt-ec"][0], client_id="pkjwt-rsa", token_endpoint=provider["issuer"],
                              alg="ES256", header={"kid": "ec-1"}, expires_in=60), "iss must be the client id"),
        (assertion(provider, jwt_client, client_id="pkjwt-rsa"), "kid names none of this client's"),
        (private_key_jwt_sign(jwt_client["pkjwt-ec"][0], client_id="pkjwt-ec", token_endpoint="https://elsewhere",
                              alg="ES256", header={"kid": "ec-1"}, expires_in=60), "aud must contain"),
        (private_key_jwt_sign(jwt_client["pkjwt-ec"][0], client_id="pkjwt-ec", token_endpoint=provider["issuer"],
                              alg="ES256", header={"kid": "ec-1"}, issued_at=int(time.time()) - 120,
                              expires_in=60), "expired"),
    ]:
        answer = requests.post(endpoint, data=dict(form, client_assertion=signed))
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_client", answer.text
        assert rule in answer.json()["error_description"]
    # None of the refusals used the code up.
    assert requests.post(endpoint, data=dict(form, client_assertion=assertion(provider, jwt_client))).status_code == 200


def test_registration_refuses_private_keys_and_other_key_types(provider):
    minid = provider["minid"]
    private = ECKey.generate_key("P-256", parameters={"kid": "leaked"}).as_dict(private=True)
    symmetric = {"kty": "oct", "kid": "s", "k": "c2VjcmV0"}
    for number, (key, rule) in enumerate([(private, "private member 'd'"), (symmetric, "private member 'k'"),
                                          ({"kty": "OKP", "kid": "o", "crv": "Ed25519", "x": "AA"}, "kty 'OKP'")]):
        path = minid.directory / f"bad-{number}.jwks.json"
        path.write_text(json.dumps({"keys": [key]}))
        result = minid.run("service", "add", "--client-id", f"bad-{number}", "--name", "Bad", "--level", "substantial",
                           "--redirect-uri", REDIRECT, "--auth-method", "private_key_jwt", "--jwks", str(path),
                           check=False)
        assert result.returncode != 0 and rule in result.stderr, result.stderr
    missing = minid.run("service", "add", "--client-id", "bad-none", "--name", "Bad", "--level", "substantial",
                        "--redirect-uri", REDIRECT, "--auth-method", "private_key_jwt", check=False)
    assert missing.returncode != 0 and "private_key_jwt needs the client's public keys" in missing.stderr
