"""A sample relying party: a few lines of Authlib behind Python's own HTTP server, as a web team's service
would sit in front of minid serve. `/login` sends the browser to /authorize (PKCE, state, nonce; any query
parameters such as ui_locales or acr_values passed on); `/callback` takes the code, fetches the tokens and
checks the ID token with Authlib against the provider's JWKS, then shows who logged in (or the error).
For logout it plays a registered client's part: `/logout` sends the browser to the provider's
end_session_endpoint (id_token_hint, post_logout_redirect_uri, state); `/front` is its front-channel logout
URI (each GET kept with its iss and sid); `/back` its back-channel logout URI (each logout token kept, and
verified with Authlib against the JWKS); `/logged-out` the post-logout redirect URI, which shows its state."""
import html
import json
import secrets
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oidc.core import CodeIDToken


class RelyingParty:
    def __init__(self, provider_url, issuer, client_id, client_secret, port, redirect_uri=None):
        self.url = f"http://127.0.0.1:{port}"
        self.redirect_uri = redirect_uri or self.url + "/callback"
        self.client_id, self.client_secret, self.provider_url, self.issuer = client_id, client_secret, provider_url, issuer
        self.pending = {}   # state -> (verifier, nonce)
        self.logins = []    # verified ID-token claims, newest last
        self.id_tokens = []  # the ID tokens as received, newest last (the id_token_hint at logout)
        self.front_channel = []  # the query parameters of each front-channel logout GET
        self.back_channel = []   # (header, claims) of each back-channel logout token, verified
        self.back_channel_errors = []
        rp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path, _, query = self.path.partition("?")
                parameters = dict(urllib.parse.parse_qsl(query))
                if path == "/login":
                    self.redirect(rp.authorization_url(parameters))
                elif path == "/callback":
                    self.page(rp.callback(parameters, self.path))
                elif path == "/logout":
                    self.redirect(rp.logout_url(parameters.get("state", "")))
                elif path == "/front":
                    rp.front_channel.append(parameters)
                    self.page("front-channel logout received")
                elif path == "/logged-out":
                    self.page(json.dumps({"logged_out": True, "state": parameters.get("state")}))
                elif path == "/frame":
                    # Another site trying to show the login (or the page at `src`) inside its own page.
                    src = parameters.get("src", rp.url + "/login")
                    body = f'<!doctype html><html lang="en"><head><title>Framing</title></head><body><iframe title="login" src="{html.escape(src)}"></iframe></body></html>'.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    self.send_error(404)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                if self.path == "/back":
                    rp.receive_logout_token(dict(urllib.parse.parse_qsl(body)).get("logout_token", ""))
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.send_error(404)

            def redirect(self, location):
                self.send_response(302)
                self.send_header("Location", location)
                self.end_headers()

            def page(self, text):
                body = f'<!doctype html><html lang="en"><head><title>Sample service</title></head><body><main><h1>Sample service</h1><pre id="result">{html.escape(text)}</pre></main></body></html>'.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def session(self):
        return OAuth2Session(self.client_id, self.client_secret, scope="openid profile",
                             redirect_uri=self.redirect_uri, code_challenge_method="S256")

    def discovery(self):
        return requests.get(self.provider_url + "/.well-known/openid-configuration").json()

    def authorization_url(self, extra):
        verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        url, state = self.session().create_authorization_url(
            self.discovery()["authorization_endpoint"], code_verifier=verifier, nonce=nonce, **extra)
        self.pending[state] = (verifier, nonce)
        return url

    def callback(self, parameters, path):
        if "error" in parameters:
            return json.dumps({"error": parameters["error"], "state_known": parameters.get("state") in self.pending,
                               "iss": parameters.get("iss")})
        verifier, nonce = self.pending.pop(parameters["state"])
        token = self.session().fetch_token(self.discovery()["token_endpoint"],
                                           authorization_response=self.url + path, code_verifier=verifier)
        jwks = JsonWebKey.import_key_set(requests.get(self.discovery()["jwks_uri"]).json())
        claims = jwt.decode(token["id_token"], jwks, claims_cls=CodeIDToken,
                            claims_options={"iss": {"values": [self.issuer]}, "aud": {"values": [self.client_id]}},
                            claims_params={"nonce": nonce})
        claims.validate(leeway=5)
        self.id_tokens.append(token["id_token"])
        self.logins.append(dict(claims))
        return json.dumps({"logged_in": claims["pid"], "acr": claims["acr"], "amr": claims["amr"]})

    def logout_url(self, state):
        """RP-initiated logout: the newest ID token as the hint, and the registered post-logout URI."""
        return self.discovery()["end_session_endpoint"] + "?" + urllib.parse.urlencode({
            "id_token_hint": self.id_tokens[-1], "post_logout_redirect_uri": self.url + "/logged-out",
            "state": state})

    def receive_logout_token(self, token):
        """A back-channel logout token, verified as OpenID Connect Back-Channel Logout 1.0 §2.6 asks."""
        try:
            jwks = JsonWebKey.import_key_set(requests.get(self.discovery()["jwks_uri"]).json())
            claims = jwt.decode(token, jwks, claims_options={
                "iss": {"essential": True, "values": [self.issuer]},
                "aud": {"essential": True, "values": [self.client_id]}, "iat": {"essential": True}})
            claims.validate(leeway=5)
            self.back_channel.append((dict(claims.header), dict(claims)))
        except Exception as error:  # kept for the test to report, never swallowed
            self.back_channel_errors.append(repr(error))

    def stop(self):
        self.server.shutdown()
