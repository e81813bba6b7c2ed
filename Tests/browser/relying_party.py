"""A sample relying party: a few lines of Authlib behind Python's own HTTP server, as a web team's service
would sit in front of minid serve. `/login` sends the browser to /authorize (PKCE, state, nonce; any query
parameters such as ui_locales or acr_values passed on); `/callback` takes the code, fetches the tokens and
checks the ID token with Authlib against the provider's JWKS, then shows who logged in (or the error)."""
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
                elif path == "/frame":
                    # Another site trying to show the login inside its own page (clickjacking).
                    body = f'<!doctype html><html lang="en"><head><title>Framing</title></head><body><iframe title="login" src="{html.escape(rp.url)}/login"></iframe></body></html>'.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(body)
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
        self.logins.append(dict(claims))
        return json.dumps({"logged_in": claims["pid"], "acr": claims["acr"], "amr": claims["amr"]})

    def stop(self):
        self.server.shutdown()
