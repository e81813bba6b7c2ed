#!/usr/bin/env python3
"""Regenerates Sources/MinIDKit/Credentials/CommonPasswords/common-passwords.txt from Django's common-password list.

Source: django/contrib/auth/common-passwords.txt.gz in the Django wheel from PyPI (BSD-3-Clause, the list
itself by Royce Williams). Only entries that could pass minid's other rules are kept: 8 to 256 printable
ASCII characters with a letter and a digit, lower-cased, since minid compares case-insensitively.

Usage: pip download --no-deps -d /tmp/django django && scripts/update-common-passwords.py /tmp/django/*.whl
"""
import gzip
import sys
import zipfile

wheel = zipfile.ZipFile(sys.argv[1])
version = sys.argv[1].rsplit("/", 1)[-1].split("-")[1]
words = gzip.decompress(wheel.read("django/contrib/auth/common-passwords.txt.gz")).decode().split()
kept = sorted({
    w.lower() for w in words
    if 8 <= len(w) <= 256 and all(32 <= ord(c) < 127 for c in w)
    and any(c.isalpha() for c in w) and any(c.isdigit() for c in w)
})
for w in kept:
    assert '"""#' not in w and "\n" not in w
path = "Sources/MinIDKit/Credentials/CommonPasswords/common-passwords.txt"
with open(path, "w") as out:
    for w in kept:
        out.write(w + "\n")
print(len(kept), "entries of", len(words), "from Django", version, "- update the counts and version in README.md beside", path)
