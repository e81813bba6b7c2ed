#!/usr/bin/env python3
"""The stress and crash harness: many `minid` processes on one store at once, and SIGKILL at any moment.

    scripts/reliability.py stress [--workers 8] [--ops 2000]     concurrency: mixed operations, then checks
    scripts/reliability.py crash [--runs 100]                    kill -9 and disk-full runs, checks after each
    scripts/reliability.py all [--full]                          both; --full uses the figures above

Without --full both run a reduced version (8 workers x 120 operations, 12 crash runs) that CI affords.
--minid names the binary (default .build/release/minid); --json-report FILE writes the figures.
Exits 1 when any check fails; every failure is printed with what was expected and what was found.

Crash runs import files whose every other row has no password hash, so its person gets a letter; after each
run every imported person still waiting for one must have exactly one valid letter and one outbox message
holding that letter's code.

What "acknowledged" means here: a command that exited 0 (or with the refusal the harness expected, such as
a wrong password). Every acknowledged write must leave exactly one audit entry of its kind for its account,
and the account's row must be what the sequence of acknowledged operations implies.
"""

import argparse
import base64
import collections
import hashlib
import hmac
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

TODAY = "2026-11-25"
PASSWORD = "stress test password 42"
WRONG_PASSWORD = "not the password at all"
STATIC_CODE = "12345"
LOCKOUT = 5
BUSY_EXIT = 75


def phc_scrypt(password, salt):
    """A passlib-style scrypt hash at the cheapest cost minid accepts on import (ln=10)."""
    digest = hashlib.scrypt(password.encode(), salt=salt, n=1 << 10, r=8, p=1, dklen=32)
    b64 = lambda data: base64.b64encode(data).decode().rstrip("=")
    return f"$scrypt$ln=10,r=8,p=1${b64(salt)}${b64(digest)}"


class Minid:
    """Runs the binary against one store; counts what reached the user as busy."""

    def __init__(self, binary, database):
        self.binary = binary
        self.env = dict(os.environ, MINID_DATABASE=database, NO_COLOR="1")
        self.busy = 0
        self.calls = 0
        self.lock = threading.Lock()

    def run(self, *args, stdin=None, limits=None):
        def preexec():
            if limits:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limits, limits))

        result = subprocess.run(
            [self.binary, *args], input=stdin, capture_output=True, text=True, env=self.env,
            preexec_fn=preexec if limits else None)
        with self.lock:
            self.calls += 1
            if result.returncode == BUSY_EXIT or "database is locked" in result.stderr:
                self.busy += 1
        return result

    def popen(self, *args, stdin_path=None):
        return subprocess.Popen(
            [self.binary, *args], stdin=open(stdin_path) if stdin_path else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env, start_new_session=True)


def generate_pids(minid, count, seed):
    result = minid.run("id", "generate", "--kind", "tenor", "--count", str(count), "--seed", str(seed),
                       "--today", TODAY)
    if result.returncode != 0:
        sys.exit(f"id generate failed: {result.stderr}")
    return result.stdout.split()


class StoreReader:
    """Reads a store for the checks: a SQLite file through Python's sqlite3, a PostgreSQL store through
    psql. Every value comes back as a string (None for NULL) so both read alike."""

    def __init__(self, database):
        self.database = database
        self.postgres = database.startswith(("postgresql://", "postgres://"))

    def rows(self, sql, params=()):
        if self.postgres:
            parts = sql.split("?")
            assert len(parts) == len(params) + 1
            text = parts[0] + "".join("'" + str(value).replace("'", "''") + "'" + rest
                                      for value, rest in zip(params, parts[1:]))
            output = subprocess.run(["psql", self.database, "-X", "-A", "-t", "-F", "\x1f", "-P", "null=\x1e",
                                     "-v", "ON_ERROR_STOP=1", "-c", text],
                                    capture_output=True, text=True, check=True).stdout
            return [tuple(None if value == "\x1e" else value for value in line.split("\x1f"))
                    for line in output.splitlines() if line]
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30) as db:
            return [tuple(None if value is None else str(value) for value in row)
                    for row in db.execute(sql, params).fetchall()]

    def count(self, sql, params=()):
        return int(self.rows(sql, params)[0][0])


def postgres_schema(server, prefix):
    """A fresh schema on the server for one harness run, and the URI that selects it."""
    name = f"{prefix}_{os.getpid()}_{random.randrange(1 << 30)}"
    subprocess.run(["psql", server, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", f"CREATE SCHEMA {name}"], check=True)
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options=-csearch_path%3D{name}"


def store_checks(minid, failures, label):
    """db check (integrity, foreign keys, audit chain) and audit verify, both through minid itself."""
    for args in (("db", "check", "--json"), ("audit", "verify", "--json")):
        result = minid.run(*args)
        if result.returncode != 0:
            failures.append(f"{label}: minid {' '.join(args)} exited {result.returncode}: "
                            f"{result.stdout.strip()} {result.stderr.strip()}")


def half_written(database):
    """Rows that would show a transaction cut in half; each query must find none."""
    queries = {
        "account without its creating audit entry":
            # Entries are filed under their account's row (schema 5); audit verify holds the row to the
            # pseudonym the entry names.
            "SELECT count(*) FROM account a WHERE NOT EXISTS (SELECT 1 FROM audit WHERE audit.account_id = "
            "a.id AND audit.action IN ('account.register', 'account.import', 'testuser.create'))",
        "letter without its account":
            "SELECT count(*) FROM activation_letter l WHERE NOT EXISTS (SELECT 1 FROM account WHERE id = "
            "l.account_id)",
        "letter without its outbox message":
            "SELECT count(*) FROM activation_letter l WHERE l.outbox_id IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM outbox WHERE id = l.outbox_id)",
        "letter_sent account without a letter":
            "SELECT count(*) FROM account a WHERE a.state = 'letter_sent' AND NOT EXISTS "
            "(SELECT 1 FROM activation_letter WHERE account_id = a.id)",
        "registration audited without its account":
            # EXCEPT rather than NOT EXISTS: account has no pseudonym index, and a correlated probe per
            # entry would scan the table once per registration.
            "SELECT count(*) FROM (SELECT account FROM audit WHERE action IN ('account.register', "
            "'account.import') AND outcome = 'ok' EXCEPT SELECT pseudonym FROM account) AS orphans",
    }
    reader = StoreReader(database)
    return {name: reader.count(sql) for name, sql in queries.items()}


def imported_letter_problems(database):
    """Every imported account still waiting for its letter (state letter_sent) must have exactly one valid
    letter (unused, not revoked, not expired) and exactly one outbox letter, and that message must hold the
    code whose keyed hash the letter keeps (HMAC-SHA-256 under the store's code key). Returns a description
    of each account that does not, at most ten. SQLite stores only (hex() reads the blobs)."""
    reader = StoreReader(database)
    key = bytes.fromhex(reader.rows("SELECT hex(value) FROM store_secret WHERE name = 'code_key'")[0][0])
    rows = reader.rows(
        "SELECT a.id, "
        "(SELECT count(*) FROM activation_letter l WHERE l.account_id = a.id AND l.used_at IS NULL "
        "AND l.revoked_at IS NULL AND l.expires_at > CAST(strftime('%s', 'now') AS INTEGER)), "
        "(SELECT count(*) FROM outbox o WHERE o.account_id = a.id AND o.kind = 'letter'), "
        "(SELECT o.letter_code FROM outbox o WHERE o.account_id = a.id AND o.kind = 'letter'), "
        "(SELECT hex(l.code_hash) FROM activation_letter l WHERE l.account_id = a.id) "
        "FROM account a WHERE a.state = 'letter_sent' AND a.id IN "
        "(SELECT account_id FROM audit WHERE action = 'account.import')")
    problems = []
    for account, valid, messages, code, code_hash in rows:
        if valid != "1" or messages != "1":
            problems.append(f"account {account}: {valid} valid letters, {messages} outbox letters")
        elif code is None or hmac.new(key, code.encode(), hashlib.sha256).hexdigest().upper() != code_hash:
            problems.append(f"account {account}: the outbox letter's code is not the letter's")
    return len(rows), problems[:10]


def finish(work, failures):
    """Removes the stores of a passing run; keeps them, and says where, for a failing one."""
    if failures:
        print(f"the stores are kept in {work} for inspection", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)


# --- concurrency -------------------------------------------------------------------------------------------


class Account:
    def __init__(self, pid, state, code=None):
        self.pid = pid
        self.state = state  # letter_sent, active, blocked
        self.code = code
        self.failures = 0
        self.locked = False
        self.phone = None


class Worker(threading.Thread):
    """One stream of operations, as one CI job would run them: each a separate `minid` process."""

    def __init__(self, index, minid, pids, victims, operations, seed, workdir):
        super().__init__()
        self.index = index
        self.minid = minid
        self.fresh = pids
        self.victims = victims
        self.operations = operations
        self.random = random.Random(seed)
        self.workdir = workdir
        self.accounts = {}
        self.expected = collections.Counter()  # (pid, action, outcome) -> count
        self.counts = collections.Counter()
        self.problems = []
        self.secret_files = {}
        for name, text in (("password", PASSWORD), ("wrong", WRONG_PASSWORD), ("static", STATIC_CODE),
                           ("wrongcode", "00000")):
            path = os.path.join(workdir, f"w{index}-{name}")
            with open(path, "w") as handle:
                handle.write(text + "\n")
            self.secret_files[name] = path
        self.phone_serial = 0

    # Each operation returns normally or records a problem; busy exits acknowledge nothing.
    def run(self):
        for _ in range(self.operations):
            choices = self.available()
            operation = self.random.choices([c[0] for c in choices], weights=[c[1] for c in choices])[0]
            self.counts[operation.__name__] += 1
            try:
                operation()
            except Exception as error:  # a harness bug must not hide as a pass
                self.problems.append(f"worker {self.index}: {operation.__name__} raised {error!r}")

    def available(self):
        mine = self.accounts.values()
        letter = any(a.state == "letter_sent" for a in mine)
        active = any(a.state == "active" for a in mine)
        options = [(self.op_find, 1), (self.op_attack_victim, 2)]
        if self.fresh:
            options += [(self.op_register, 3), (self.op_import, 1)]
        if letter:
            options += [(self.op_activate, 3)]
        if active:
            options += [(self.op_login, 4), (self.op_wrong_password, 2), (self.op_lock, 1)]
        if any(a.locked or a.state == "blocked" for a in mine):
            options += [(self.op_unlock, 2)]
        if mine:
            options += [(self.op_update, 1), (self.op_show, 2)]
        return options

    def pick(self, predicate):
        candidates = [a for a in self.accounts.values() if predicate(a)]
        return self.random.choice(candidates) if candidates else None

    def phone(self):
        self.phone_serial += 1
        return f"+479{self.index}{self.phone_serial % 1000000:06d}"

    def check(self, result, expected, what):
        if result.returncode == BUSY_EXIT:
            return False
        if result.returncode not in expected:
            self.problems.append(f"worker {self.index}: {what} exited {result.returncode}, expected "
                                 f"{sorted(expected)}: {result.stderr.strip()[:300]}")
            return False
        return True

    def expect(self, pid, action, outcome="ok"):
        self.expected[(pid, action, outcome)] += 1

    def count_failure(self, account):
        # The counter is of consecutive failures and is not reset by a lock (lock periods escalate); the
        # failure that reaches a multiple of the threshold locks the account.
        account.failures += 1
        if account.failures % LOCKOUT == 0:
            account.locked = True

    def op_register(self):
        pid = self.fresh.pop()
        phone = self.phone()
        result = self.minid.run("account", "register", "--pid", pid, "--phone", phone, "--email",
                                f"w{self.index}.{pid}@stress.test", "--address", "Stressveien 1, 0001 Oslo",
                                "--today", TODAY, "--json")
        if not self.check(result, {0}, "account register"):
            return
        code = json.loads(result.stdout)["letter"]["activation_code"]
        account = Account(pid, "letter_sent", code)
        account.phone = phone
        self.accounts[pid] = account
        self.expect(pid, "account.register")
        self.expect(pid, "letter.send")

    def op_import(self):
        batch = [self.fresh.pop() for _ in range(min(5, len(self.fresh)))]
        lines = ["pid,phone,email,address,password_hash"]
        phones = {}
        for pid in batch:
            phones[pid] = self.phone()
            salt = self.random.randbytes(16)
            lines.append(f'{pid},{phones[pid]},i.{pid}@stress.test,"Importveien 2, 0002 Oslo",'
                         f'"{phc_scrypt(PASSWORD, salt)}"')
        result = self.minid.run("account", "import", "-", "--format", "csv", "--today", TODAY,
                                stdin="\n".join(lines) + "\n")
        if not self.check(result, {0}, "account import"):
            return
        for pid in batch:
            account = Account(pid, "active")
            account.phone = phones[pid]
            self.accounts[pid] = account
            self.expect(pid, "account.import")

    def op_activate(self):
        account = self.pick(lambda a: a.state == "letter_sent")
        if account.locked:
            return
        wrong = self.random.random() < 0.2
        code_file = os.path.join(self.workdir, f"w{self.index}-code")
        with open(code_file, "w") as handle:
            handle.write(("AAAA-AAAA-AAAA-AAAA" if wrong else account.code) + "\n")
        result = self.minid.run("account", "activate", "--pid", account.pid, "--code-file", code_file,
                                "--password-file", self.secret_files["password"], "--json")
        if wrong:
            if self.check(result, {2}, "account activate (wrong code)"):
                self.expect(account.pid, "account.activate", "failed")
                self.count_failure(account)
        elif self.check(result, {0}, "account activate"):
            self.expect(account.pid, "account.activate")
            account.state = "active"
            account.failures = 0

    def op_login(self):
        account = self.pick(lambda a: a.state == "active")
        start = self.minid.run("login", "start", "--pid", account.pid, "--client", "stress", "--password-file",
                               self.secret_files["password"], "--json")
        if account.locked:
            if self.check(start, {3}, "login start (temporarily locked)"):
                self.expect(account.pid, "login.start", "refused")
            return
        if not self.check(start, {0}, "login start"):
            return
        self.expect(account.pid, "login.start")
        login_id = json.loads(start.stdout)["login_id"]
        wrong = self.random.random() < 0.25
        finish = self.minid.run("login", "finish", "--login-id", login_id, "--code-file",
                                self.secret_files["wrongcode" if wrong else "static"], "--json")
        if wrong:
            if self.check(finish, {2}, "login finish (wrong code)"):
                self.expect(account.pid, "login.finish", "failed")
                self.count_failure(account)
        elif self.check(finish, {0}, "login finish"):
            self.expect(account.pid, "login.finish")
            account.failures = 0
            token = json.loads(finish.stdout)["id_token"]
            if self.random.random() < 0.2:
                verified = self.minid.run("token", "verify", "--client", "stress", token)
                self.check(verified, {0}, "token verify")

    def op_wrong_password(self):
        account = self.pick(lambda a: a.state == "active")
        result = self.minid.run("login", "start", "--pid", account.pid, "--client", "stress", "--password-file",
                                self.secret_files["wrong"], "--json")
        if account.locked:
            if self.check(result, {3}, "login start (locked, wrong password)"):
                self.expect(account.pid, "login.start", "refused")
        elif self.check(result, {2}, "login start (wrong password)"):
            self.expect(account.pid, "login.start", "failed")
            self.count_failure(account)

    def op_attack_victim(self):
        victim = self.random.choice(self.victims)
        result = self.minid.run("login", "start", "--pid", victim, "--client", "stress", "--password-file",
                                self.secret_files["wrong"], "--json")
        if self.check(result, {2, 3}, "login start (victim)"):
            self.expect(victim, "login.start", "failed" if result.returncode == 2 else "refused")

    def op_lock(self):
        account = self.pick(lambda a: a.state == "active")
        result = self.minid.run("account", "lock", "--pid", account.pid, "--reason", "SPERRET", "--case",
                                f"STRESS-{self.index}", "--json")
        if self.check(result, {0}, "account lock"):
            self.expect(account.pid, "account.block")
            account.state = "blocked"

    def op_unlock(self):
        account = self.pick(lambda a: a.locked or a.state == "blocked")
        result = self.minid.run("account", "unlock", "--pid", account.pid, "--json")
        if self.check(result, {0}, "account unlock"):
            self.expect(account.pid, "account.unlock")
            if account.state == "blocked":
                account.state = "active"
            account.locked = False
            account.failures = 0

    def op_update(self):
        account = self.pick(lambda a: True)
        phone = self.phone()
        result = self.minid.run("account", "update", "--pid", account.pid, "--phone", phone, "--json")
        if self.check(result, {0}, "account update"):
            self.expect(account.pid, "account.update")
            account.phone = phone

    def op_show(self):
        account = self.pick(lambda a: True)
        result = self.minid.run("account", "show", "--pid", account.pid, "--json")
        if self.check(result, {0}, "account show"):
            shown = json.loads(result.stdout)
            state = shown.get("account", shown).get("state")
            expected = "temporarily_locked" if account.locked and account.state == "active" else account.state
            if state != expected:
                self.problems.append(f"worker {self.index}: account show said {state}, expected {expected}")

    def op_find(self):
        account = self.pick(lambda a: True)
        if account is None:
            result = self.minid.run("account", "find", "--phone", "+4790000000", "--json")
            self.check(result, {0, 67}, "account find (nobody)")
            return
        national = account.phone[3:] if account.phone.startswith("+47") else account.phone
        # --reveal: masked output shows only the birth date part (DDMMYY*****), which many share.
        result = self.minid.run("account", "find", "--phone", f"{national[:3]} {national[3:5]} {national[5:]}",
                                "--json", "--reveal")
        if self.check(result, {0}, "account find"):
            found = json.loads(result.stdout)
            if not any(row.get("pid") == account.pid for row in found):
                self.problems.append(f"worker {self.index}: account find by phone missed an account")


def stress(minid_binary, workers, operations, seed, report, postgres=None):
    work = tempfile.mkdtemp(prefix="minid-stress-")
    database = postgres_schema(postgres, "minid_stress") if postgres else os.path.join(work, "store", "minid.sqlite")
    minid = Minid(minid_binary, database)
    failures = []
    for args in (("init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256"),
                 ("service", "add", "--client-id", "stress", "--name", "Stress", "--level", "substantial")):
        result = minid.run(*args)
        if result.returncode != 0:
            sys.exit(f"set-up failed: minid {' '.join(args)}: {result.stderr}")
    per_worker = operations * 2 + 10
    pids = generate_pids(minid, per_worker * workers + 3, seed)
    victims = pids[-3:]
    lines = ["pid,phone,email,address,password_hash"] + [
        f"{pid},+4741000000,victim{n}@stress.test,Offerveien 3,\"{phc_scrypt(PASSWORD, bytes(16))}\""
        for n, pid in enumerate(victims)]
    if minid.run("account", "import", "-", "--today", TODAY, stdin="\n".join(lines) + "\n").returncode != 0:
        sys.exit("set-up failed: importing the shared accounts")
    setup = collections.Counter((victim, "account.import", "ok") for victim in victims)

    team = [Worker(i, minid, pids[i * per_worker:(i + 1) * per_worker], victims, operations, seed * 100 + i,
                   work) for i in range(workers)]
    started = time.monotonic()
    for worker in team:
        worker.start()
    for worker in team:
        worker.join()
    elapsed = time.monotonic() - started
    for worker in team:
        failures += worker.problems

    store_checks(minid, failures, "after the concurrent run")
    for name, count in half_written(database).items():
        if count:
            failures.append(f"{count} {name}")

    expected = collections.Counter(setup)
    for worker in team:
        expected.update(worker.expected)
    tracked = {action for (_, action, _) in expected}
    lost = duplicated = 0
    reader = StoreReader(database)
    pseudonyms = dict(reader.rows("SELECT pid, pseudonym FROM account WHERE pid IS NOT NULL"))
    by_pseudonym = {v: k for k, v in pseudonyms.items()}
    actual = collections.Counter()
    for pseudonym, action, outcome, count in reader.rows(
            "SELECT account, action, outcome, count(*) FROM audit WHERE account IS NOT NULL "
            "GROUP BY account, action, outcome"):
        pid = by_pseudonym.get(pseudonym)
        if pid is not None and action in tracked:
            actual[(pid, action, outcome)] = int(count)
    for key in expected.keys() | actual.keys():
        if key[0] not in pseudonyms and key in expected:
            failures.append(f"acknowledged {key[1]} for an account that is not in the store")
        difference = actual[key] - expected[key]
        if difference < 0:
            lost += -difference
            failures.append(f"lost: {-difference} x {key[1]} {key[2]} (account …{key[0][-4:]})")
        elif difference > 0:
            duplicated += difference
            failures.append(f"duplicated: {difference} x {key[1]} {key[2]} (account …{key[0][-4:]})")
    rows = {pid: (state, phone, int(failed), locked == "1")
            for pid, state, phone, failed, locked in reader.rows(
                "SELECT pid, state, phone, failed_attempts, CASE WHEN locked_until IS NULL THEN 0 ELSE 1 END "
                "FROM account")}
    for worker in team:
        for account in worker.accounts.values():
            found = rows[account.pid]
            implied = (account.state, account.phone, account.failures, account.locked)
            if found != implied:
                failures.append(f"account …{account.pid[-4:]}: store has {found}, the acknowledged operations "
                                f"imply {implied}")
    victim_failures = 0
    for victim in victims:
        counted = actual[(victim, "login.start", "failed")]
        victim_failures += counted
        locks = reader.count(
            "SELECT count(*) FROM audit WHERE account = ? AND detail LIKE '%temporarily locked until%'",
            (pseudonyms[victim],))
        failed = rows[victim][2]
        if locks != counted // LOCKOUT or failed != counted:
            failures.append(f"lockout counter of a shared account does not add up: {counted} counted "
                            f"failures, {locks} locks, counter {failed}")
    operations_run = sum(sum(w.counts.values()) for w in team)
    figures = {
        "workers": workers, "operations": operations_run, "minid_processes": minid.calls,
        "seconds": round(elapsed, 1), "acknowledged_writes": sum(expected.values()), "lost": lost,
        "duplicated": duplicated, "busy_reaching_user": minid.busy,
        "shared_account_failures_counted": victim_failures,
        "mix": dict(sum((w.counts for w in team), collections.Counter())),
    }
    figures["backend"] = "postgresql" if postgres else "sqlite"
    report["stress"] = figures
    print(f"stress ({figures['backend']}): {workers} processes at once, {operations_run} operations ({minid.calls} minid runs) in "
          f"{elapsed:.1f} s; {figures['acknowledged_writes']} acknowledged writes, lost {lost}, duplicated "
          f"{duplicated}, busy reaching the user {minid.busy}")
    finish(work, failures)
    return failures


# --- crash --------------------------------------------------------------------------------------------------


def crash(minid_binary, runs, rows_per_file, seed, report):
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="minid-crash-")
    database = main_database = os.path.join(work, "store", "minid.sqlite")
    minid = main_minid = Minid(minid_binary, database)
    failures = []
    if minid.run("init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256").returncode:
        sys.exit("set-up failed: minid init")
    pids = generate_pids(minid, runs * rows_per_file + runs * 40, seed)
    hash_ = phc_scrypt(PASSWORD, bytes(range(16)))
    tally = collections.Counter()
    disk_full_message = None
    duration = None
    for run in range(runs):
        kind = "disk-full" if run % 5 == 4 else ("import" if run % 3 else "lifecycle")
        database, minid = main_database, main_minid
        label = f"run {run + 1} ({kind})"
        batch = [pids.pop() for _ in range(rows_per_file)]
        path = os.path.join(work, f"import-{run}.csv")
        with open(path, "w") as handle:
            handle.write("pid,phone,email,address,password_hash\n")
            for n, pid in enumerate(batch):
                handle.write(f'{pid},+4799{run % 100:02d}{n:04d},c{pid}@crash.test,"Krasjveien {n}",'
                             f'{chr(34) + hash_ + chr(34) if n % 2 else ""}\n')
        if kind == "lifecycle":
            people = [pids.pop() for _ in range(40)]
            script = "\n".join(
                f'"$M" account register --pid {pid} --phone +4798{n:06d} --email l{pid}@crash.test '
                f'--address "Livsløpet {n}" --today {TODAY} --json > /dev/null; "$M" account lock --pid {pid} '
                f'--reason SPERRET > /dev/null; "$M" account unlock --pid {pid} > /dev/null'
                for n, pid in enumerate(people))
            process = subprocess.Popen(["bash", "-c", script], env=dict(minid.env, M=minid_binary),
                                       start_new_session=True, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 1.5))
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            tally["killed"] += 1
        elif kind == "import":
            process = minid.popen("account", "import", path, "--today", TODAY)
            if duration is None:
                began = time.monotonic()
                process.wait()
                duration = time.monotonic() - began
                tally["completed (timing run)"] += 1
            else:
                time.sleep(rng.uniform(0, duration * 1.1))
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                tally["killed" if process.returncode == -signal.SIGKILL else "finished before the kill"] += 1
        else:
            # A store of its own, small, so that a limit a little above its size is met by the import's
            # writes: a file-size limit (EFBIG) stands in for a full disk.
            database = os.path.join(work, f"full-{run}", "minid.sqlite")
            minid = Minid(minid_binary, database)
            if minid.run("init", "--environment", "test", "--scrypt-cost", "10").returncode:
                sys.exit("set-up failed: minid init")
            size = os.path.getsize(database)
            limit = size + rng.randint(0, rows_per_file * 600)
            result = minid.run("account", "import", path, "--today", TODAY, limits=limit)
            if result.returncode == 0:
                tally["disk-full run that fitted"] += 1
            elif result.returncode == 74 and "file-size limit" in result.stderr:
                tally["disk full, refused cleanly"] += 1
                disk_full_message = result.stderr.strip().splitlines()[-1][:200]
            else:
                failures.append(f"{label}: a full disk gave exit {result.returncode}: {result.stderr.strip()[:300]}")
        store_checks(minid, failures, label)
        for name, count in half_written(database).items():
            if count:
                failures.append(f"{label}: {count} {name}")
        letter_accounts, problems = imported_letter_problems(database)
        failures += [f"{label}: {problem}" for problem in problems]
        tally["imported letter accounts checked"] += letter_accounts
        rerun = minid.run("account", "import", path, "--today", TODAY, "--json")
        if rerun.returncode not in (0, 4):
            failures.append(f"{label}: re-running the interrupted import exited {rerun.returncode}: "
                            f"{rerun.stderr.strip()[:300]}")
        reader = StoreReader(database)
        marks = ",".join("?" * len(batch))
        present = reader.count(f"SELECT count(*) FROM account WHERE pid IN ({marks})", batch)
        audited = reader.count(
            f"SELECT count(*) FROM audit WHERE action = 'account.import' AND account_id IN "
            f"(SELECT id FROM account WHERE pid IN ({marks}))", batch)
        if present != len(batch) or audited != len(batch):
            failures.append(f"{label}: after the re-run {present} of {len(batch)} rows are present with "
                            f"{audited} import audit entries")
        failures += [f"{label}, after the re-run: {problem}" for problem in imported_letter_problems(database)[1]]
    store_checks(main_minid, failures, "after every crash run")
    figures = {"runs": runs, "survived": runs - len({f.split(':')[0] for f in failures if f.startswith('run ')}),
               "outcomes": dict(tally), "disk_full_message": disk_full_message, "rows_per_import": rows_per_file}
    report["crash"] = figures
    print(f"crash: {figures['survived']}/{runs} runs survived; {dict(tally)}")
    if disk_full_message:
        print(f"  a full disk was reported as: {disk_full_message}")
    finish(work, failures)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["stress", "crash", "all"])
    parser.add_argument("--full", action="store_true", help="8 x 2000 operations and 100 crash runs")
    parser.add_argument("--minid", default=".build/release/minid")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--ops", type=int)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--rows", type=int, help="rows per import file in crash runs")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json-report")
    parser.add_argument("--postgres", metavar="URI",
                        help="run stress against PostgreSQL: a libpq URI of a server database; a fresh schema is "
                             "made for the run (crash runs are SQLite's: a killed client cannot tear a server's "
                             "transaction)")
    args = parser.parse_args()
    binary = os.path.abspath(args.minid)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is not an executable; build it first (swift build -c release --product minid)")
    report = {}
    failures = []
    if args.what in ("stress", "all"):
        failures += stress(binary, args.workers, args.ops or (2000 if args.full else 120), args.seed, report,
                           args.postgres)
    if args.what in ("crash", "all") and not args.postgres:
        failures += crash(binary, args.runs or (100 if args.full else 12), args.rows or (1500 if args.full else 400),
                          args.seed, report)
    if args.json_report:
        with open(args.json_report, "w") as handle:
            json.dump(report, handle, indent=2)
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    print("reliability: " + ("FAILED" if failures else "all checks passed"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
