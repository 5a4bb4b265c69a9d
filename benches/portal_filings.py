#!/usr/bin/env python3
"""Portal filings for the import benchmark (docs/performance.md, "Portal import").

    python3 benches/portal_filings.py N OUT [--per-birth-date K]

writes N OP-VYDANI filings by distinct new citizens as our JSON Lines to OUT.jsonl, and the same
records as a 14-column CSV to OUT.csv (for sqlite3's .import). With --per-birth-date K, K citizens
share each birth date (the duplicate check's worst case); the default gives most their own.
"""
import argparse
import csv
import json
from datetime import date, timedelta

p = argparse.ArgumentParser()
p.add_argument("n", type=int)
p.add_argument("out")
p.add_argument("--per-birth-date", type=int, default=1)
a = p.parse_args()

first = date(1940, 1, 1)
with open(a.out + ".jsonl", "w", encoding="utf-8") as j, open(a.out + ".csv", "w", newline="", encoding="utf-8") as c:
    w = csv.writer(c)
    for i in range(a.n):
        born = (first + timedelta(days=(i // a.per_birth_date) % 25000)).isoformat()
        citizen = {"given_name": "Jan", "family_name": f"Novák{i}", "birth_date": born, "identified": True}
        record = {"v": 1, "type": "filing", "portal_id": f"P-{i}", "submitted_at": "2026-11-20T08:15:00Z",
                  "citizen": citizen, "situation": "OP-VYDANI", "subject": "nový občanský průkaz",
                  "fields": {"reason": "expiry", "express": "standard", "under15": "no"},
                  "attachments": [{"name": "foto.jpg", "size": 123, "sha256": "a" * 64}]}
        j.write(json.dumps(record, ensure_ascii=False) + "\n")
        w.writerow([f"P-{i}", "2026-11-20T08:15:00Z", "Jan", f"Novák{i}", born, "1", "OP-VYDANI",
                    "nový občanský průkaz", "expiry", "standard", "no", "foto.jpg", "123", "a" * 64])
