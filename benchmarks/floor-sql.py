"""Prints the SQL for benchmarks/import.sh's floor: N staged rows moved into minid's schema by SQLite alone.

Usage: floor-sql.py N STAGE.sqlite [hashes|letters]
       (STAGE holds table t(pid, phone, email, address[, password_hash]))
       floor-sql.py N --postgres [hashes|letters]
       (PostgreSQL: the store's database holds table t(n, pid, phone, email, address[, password_hash]),
       n numbering the rows from 1)

The statements mirror what `minid account import` writes: for `hashes` (rows with a password hash) one
active account row (with its four indexes) and one audit entry filed under it; for `letters` (rows without)
an account waiting for its letter, the letter's outbox message (address and code) and letter row (the code's
hash), and two audit entries (the import, the letter). 25,000 rows per transaction, with the connection
settings minid uses. No checks, no pseudonym HMAC, no hash chain: random bytes stand in.
"""
import sys

n, stage = int(sys.argv[1]), sys.argv[2]
letters = len(sys.argv) > 3 and sys.argv[3] == "letters"
postgres = stage == "--postgres"
out = print
if postgres:
    # The same statements in PostgreSQL's dialect: md5 of random() for random bytes, a numbered table for
    # rowid, no ATTACH.
    def out(sql):
        sql = sql.replace("hex(randomblob(32))", "md5(random()::text) || md5(random()::text)")
        sql = sql.replace("substr(hex(randomblob(8)), 1, 16)", "substr(md5(random()::text), 1, 16)")
        sql = sql.replace("randomblob(32)", "decode(md5(random()::text) || md5(random()::text), 'hex')")
        sql = sql.replace("s.t WHERE rowid", "t WHERE n").replace("BEGIN IMMEDIATE", "BEGIN")
        sql = sql.replace("SELECT 1) WHERE", "SELECT 1) AS two WHERE")
        print(sql)
else:
    print("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -32768;")
    print("PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;")
    print(f"ATTACH '{stage}' AS s;")
out("CREATE TEMP TABLE base AS SELECT coalesce(max(seq), 0) AS seq FROM audit;")
for first in range(1, n + 1, 25000):
    last = min(n, first + 24999)
    out("BEGIN IMMEDIATE;")
    if letters:
        out(
            "INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, failed_attempts,"
            " created_at, updated_at)"
            " SELECT pid, hex(randomblob(32)), 'tenor', phone, email, address, 'letter_sent', 0, 1, 1"
            f" FROM s.t WHERE rowid BETWEEN {first} AND {last};"
        )
        out(
            "INSERT INTO outbox (id, account_id, kind, recipient, subject, body, created_at, letter_code)"
            " SELECT id, id, 'letter', address, 'MinID activation letter / aktiveringsbrev', address, 1,"
            f" substr(hex(randomblob(8)), 1, 16) FROM account WHERE id >= {first};"
        )
        out(
            "INSERT INTO activation_letter (id, account_id, code_hash, created_at, expires_at, outbox_id)"
            f" SELECT id, id, randomblob(32), 1, 2, id FROM account WHERE id >= {first};"
        )
        out(
            "INSERT INTO audit (seq, at, actor, action, account, outcome, detail, prev_hash, hash, account_id)"
            " SELECT (SELECT seq FROM base) + 2 * id - 1 + e, 1, 'admin:bench',"
            " CASE e WHEN 0 THEN 'account.import' ELSE 'letter.send' END, pseudonym, 'ok',"
            " CASE e WHEN 0 THEN 'kind tenor; state letter_sent' ELSE 'letter ' || id || ', outbox ' || id"
            " || ', valid 60 days' END, randomblob(32), randomblob(32), id"
            f" FROM account, (SELECT 0 AS e UNION ALL SELECT 1) WHERE id >= {first} ORDER BY id, e;"
        )
    else:
        out(
            "INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, password_hash,"
            " failed_attempts, created_at, updated_at, activated_at)"
            " SELECT pid, hex(randomblob(32)), 'tenor', phone, email, address, 'active', password_hash,"
            f" 0, 1, 1, 1 FROM s.t WHERE rowid BETWEEN {first} AND {last};"
        )
        out(
            "INSERT INTO audit (seq, at, actor, action, account, outcome, detail, prev_hash, hash, account_id)"
            " SELECT (SELECT seq FROM base) + id, 1, 'admin:bench', 'account.import', pseudonym, 'ok',"
            f" 'kind tenor; state active', randomblob(32), randomblob(32), id FROM account WHERE id >= {first};"
        )
    out("COMMIT;")
