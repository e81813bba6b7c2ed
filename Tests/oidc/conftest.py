"""A running `minid serve` over a fresh test store, for relying-party tests.

The store's issuer is the server's own URL (http://127.0.0.1:PORT), so discovery, the tokens' `iss` and the
endpoints agree, as they do in a real deployment. MINID_BIN names the binary (default: the debug build);
MINID_TEST_POSTGRES, when set, puts the store on that PostgreSQL server, each test session in a schema of
its own.
"""
import json
import os
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MINID = os.environ.get("MINID_BIN", str(ROOT / ".build" / "debug" / "minid"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Minid:
    """A store and the environment that points minid at it."""

    def __init__(self, directory, environment="test"):
        self.directory = Path(directory)
        server = os.environ.get("MINID_TEST_POSTGRES")
        if server:
            schema = "minid_py_" + uuid.uuid4().hex
            subprocess.run(["psql", server, "-X", "-q", "-c", f"CREATE SCHEMA {schema}"], check=True)
            joiner = "&" if "?" in server else "?"
            self.database = f"{server}{joiner}options=-csearch_path%3D{schema}"
        else:
            self.database = str(self.directory / "store" / "minid.sqlite")
        self.env = dict(os.environ, MINID_DATABASE=self.database)
        self.environment = environment

    def run(self, *arguments, stdin=None, check=True):
        result = subprocess.run(
            [MINID, *arguments], input=stdin, capture_output=True, text=True, env=self.env)
        if check and result.returncode != 0:
            raise AssertionError(f"minid {' '.join(arguments)} exited {result.returncode}: {result.stderr}")
        return result

    def json(self, *arguments):
        return json.loads(self.run(*arguments, "--json").stdout)


class Server:
    """`minid serve` as a subprocess; stops it (SIGTERM) at the end."""

    def __init__(self, minid, issuer, port):
        self.url = f"http://127.0.0.1:{port}"
        self.issuer = issuer
        log = open(minid.directory / f"serve-{port}.log", "w")
        self.process = subprocess.Popen(
            [MINID, "serve", "--listen", f"127.0.0.1:{port}", "--public-url", issuer],
            env=minid.env, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("minid serve did not start")

    def stop(self):
        self.process.terminate()
        assert self.process.wait(timeout=20) == 0


@pytest.fixture(scope="session")
def provider():
    """A test store with a test user and three clients (secret_basic, secret_post, public), served."""
    directory = tempfile.mkdtemp(prefix="minid-oidc-")
    minid = Minid(directory)
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    minid.run("init", "--environment", "test", "--issuer", issuer, "--key-alg", "ES256")
    user = minid.json("testuser", "create")
    user = user[0] if isinstance(user, list) else user
    clients = {}
    for client_id, method in [("basic", "client_secret_basic"), ("post", "client_secret_post"), ("spa", "none")]:
        added = minid.json(
            "service", "add", "--client-id", client_id, "--name", f"Client {client_id}", "--level", "substantial",
            "--redirect-uri", "http://localhost:8000/callback", "--auth-method", method)
        clients[client_id] = added.get("client_secret")
    minid.run("service", "add", "--client-id", "mailbox", "--name", "Digital postkasse", "--level", "high",
              "--redirect-uri", "http://localhost:8000/callback")
    server = Server(minid, issuer, port)
    yield {"minid": minid, "server": server, "issuer": issuer, "user": user, "secrets": clients,
           "pid": user["pid"], "password": user["password"]}
    server.stop()
