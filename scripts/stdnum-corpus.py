#!/usr/bin/env python3
"""Records python-stdnum's verdict on a corpus of identity numbers, for minid's differential test.

Usage: scripts/stdnum-corpus.py TODAY < numbers > Fixtures/identity-numbers/stdnum-corpus.tsv

TODAY (YYYY-MM-DD) replaces python-stdnum's datetime.date.today() so its future-date check is reproducible.
Needs `pip install python-stdnum`. Output columns: number, verdict (valid/invalid), birth date, error class.
"""
import datetime
import sys
import types

import stdnum
from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

today = datetime.date.fromisoformat(sys.argv[1])


class FixedDate(datetime.date):
    @classmethod
    def today(cls):
        return today


fodselsnummer.datetime = types.SimpleNamespace(date=FixedDate)

print(f"# python-stdnum {stdnum.__version__}, today {today.isoformat()}")
print("number\tstdnum\tdate\terror")
for line in sys.stdin:
    number = line.rstrip("\n")
    if not number:
        continue
    try:
        compact = fodselsnummer.validate(number)
        print(f"{number}\tvalid\t{fodselsnummer.get_birth_date(compact).isoformat()}\t-")
    except ValidationError as error:
        print(f"{number}\tinvalid\t-\t{type(error).__name__}")
