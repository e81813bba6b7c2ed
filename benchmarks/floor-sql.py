"""Prints the SQL for benchmarks/import.sh's floor: N staged rows moved into minid's schema by SQLite alone.

Usage: floor-sql.py N STAGE.sqlite   (STAGE holds table t(pid, phone, email, address, password_hash))

The statements mirror what `minid account import` writes for rows with a password hash: one account row
(with its four indexes) and one audit entry filed under it, 25,000 rows per transaction, with the
connection settings minid uses. No checks, no pseudonym HMAC, no hash chain: random bytes stand in.
"""
import sys

n, stage = int(sys.argv[1]), sys.argv[2]
print("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -32768;")
print("PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;")
print(f"ATTACH '{stage}' AS s;")
print("CREATE TEMP TABLE base AS SELECT coalesce(max(seq), 0) AS seq FROM audit;")
for first in range(1, n + 1, 25000):
    last = min(n, first + 24999)
    print("BEGIN IMMEDIATE;")
    print(
        "INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, password_hash,"
        " failed_attempts, created_at, updated_at, activated_at)"
        " SELECT pid, hex(randomblob(32)), 'tenor', phone, email, address, 'active', password_hash,"
        f" 0, 1, 1, 1 FROM s.t WHERE rowid BETWEEN {first} AND {last};"
    )
    print(
        "INSERT INTO audit (seq, at, actor, action, account, outcome, detail, prev_hash, hash, account_id)"
        " SELECT (SELECT seq FROM base) + id, 1, 'admin:bench', 'account.import', pseudonym, 'ok',"
        f" 'kind tenor; state active', randomblob(32), randomblob(32), id FROM account WHERE id >= {first};"
    )
    print("COMMIT;")
