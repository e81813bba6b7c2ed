#!/usr/bin/env python3
"""Benchmark: what single sign-on costs and saves in `minid serve`.

On a new test store (SQLite, synchronous=FULL), one `minid serve` (default --workers) and one client on
loopback, sequential requests from one keep-alive connection, each measured from send to answer:

  1. a login that starts a session: /authorize with a TestID hint (new session, cookie, code);
  2. single sign-on: /authorize with the session cookie and no hint (the session answers, code, 302);
  3. the same request without a cookie, which shows the login page (no session);
  4. logout: a TestID login then /logout with client_id, the page of front-channel frames (timed: the
     logout only).

Prints Markdown for docs/performance.md. Usage: benchmarks/sso.py [--minid PATH] [--count N]
"""
import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.parse

import requests

CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  # RFC 7636 appendix B


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def milliseconds(samples):
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minid", default=".build/release/minid")
    parser.add_argument("--count", type=int, default=300)
    options = parser.parse_args()
    minid = os.path.abspath(options.minid)
    work = tempfile.mkdtemp(prefix="minid-sso-bench-")
    env = dict(os.environ, MINID_DATABASE=os.path.join(work, "store", "minid.sqlite"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def run(*arguments):
        return subprocess.run([minid, *arguments], env=env, check=True, capture_output=True, text=True).stdout

    run("init", "--environment", "test", "--issuer", base)
    run("service", "add", "--client-id", "app", "--name", "App", "--level", "substantial",
        "--redirect-uri", "http://127.0.0.1:9/cb", "--frontchannel-logout-uri", "http://127.0.0.1:9/front")
    pids = run("id", "generate", "--kind", "tenor", "--count", str(options.count), "--age", "30").split()
    server = subprocess.Popen([minid, "serve", "--listen", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                requests.get(base + "/health", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        authorize = (base + "/authorize?client_id=app&response_type=code&scope=openid"
                     "&redirect_uri=" + urllib.parse.quote("http://127.0.0.1:9/cb", safe="")
                     + f"&state=s&nonce=n&code_challenge={CHALLENGE}&code_challenge_method=S256")
        timings = {"login": [], "sso": [], "page": [], "logout": []}
        for pid in pids:
            browser = requests.Session()
            start = time.perf_counter()
            login = browser.get(authorize + f"&login_hint=testid:{pid}_idporten-loa-substantial",
                                allow_redirects=False)
            timings["login"].append(time.perf_counter() - start)
            assert login.status_code == 302 and "MINID_SESSION" in browser.cookies
            start = time.perf_counter()
            sso = browser.get(authorize, allow_redirects=False)
            timings["sso"].append(time.perf_counter() - start)
            assert sso.status_code == 302 and "code=" in sso.headers["Location"]
            start = time.perf_counter()
            page = requests.get(authorize, allow_redirects=False)
            timings["page"].append(time.perf_counter() - start)
            assert page.status_code == 200
            start = time.perf_counter()
            logout = browser.get(base + "/logout?client_id=app")
            timings["logout"].append(time.perf_counter() - start)
            assert logout.status_code == 200 and "<iframe" in logout.text
    finally:
        server.terminate()
        server.wait()
    print(f"| Request ({options.count} each, sequential) | median ms | p95 ms |")
    print("| --- | --- | --- |")
    names = {"login": "`/authorize`, TestID login: new session, cookie, code",
             "sso": "`/authorize` answered by the session: code, no page",
             "page": "`/authorize` without a cookie: the login page",
             "logout": "`/logout`: session ended, grants revoked, frames page"}
    for key, label in names.items():
        median, p95 = milliseconds(timings[key])
        print(f"| {label} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
