#!/usr/bin/env python3
"""Builds test/fixtures/mail/sisimai/ from two public repositories (BSD 2-Clause):
the messages of sisimai/set-of-emails (maildir/bsd) and, for each, the reason
sisimai's own test tables (sisimai/go-sisimai, fact/*_test.go) expect.

  python3 scripts/sisimai-corpus.py <set-of-emails git dir> <go-sisimai git dir>

Kept so the corpus can be rebuilt and checked against its sources; the tests
read only the files it writes (expected.json, the .eml files, LICENSE)."""
import json, re, subprocess, sys
from pathlib import Path

emails, engine = sys.argv[1], sys.argv[2]
out = Path(__file__).resolve().parent.parent / "test/fixtures/mail/sisimai"

def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout

ROW = re.compile(r'\{\{?"(\d+)",\s*(\d+),\s*"([^"]*)",\s*"([^"]*)",\s*"([a-z]*)",\s*(true|false)')
expected = {}
for name in git(engine, "ls-tree", "--name-only", "HEAD", "fact/").decode().split():
    m = re.match(r"fact/\d+-(lhost|rhost|rfc3464|rfc3834|arf)(?:-([a-z0-9]+))?_test\.go$", name)
    if not m:
        continue
    prefix = f"{m[1]}-{m[2]}" if m[2] else m[1]
    source = git(engine, "show", f"HEAD:{name}").decode()
    public = source.split("secretlist")[0]  # only the public samples are in maildir/bsd
    for label, index, status, code, reason, hard in ROW.findall(public):
        file = f"{prefix}-{label}.eml"
        entry = expected.setdefault(file, {"reasons": [], "statuses": []})
        entry["reasons"].append(reason)
        entry["statuses"].append(status)

def expected_class(reasons, text):
    """Postbag's class for a message sisimai parsed: an auto-reply (vacation), a
    report that is no failure (a spam complaint, a delivery that succeeded), a
    warning that delivery is only delayed (as the report's own Action field, or
    its subject, says), else a bounce whose server gave up."""
    if "vacation" in reasons:
        return "auto-reply"
    if all(reason in ("feedback", "delivered") for reason in reasons):
        return "report"
    failed = re.search(r"^Action:\s*failed", text, re.I | re.M)
    delayed = re.search(r"^Action:\s*delayed", text, re.I | re.M)
    subject = re.search(r"^Subject:(.*)$", text, re.I | re.M)
    warning = subject and re.search(r"delay|\bwarning\b|still being retried", subject[1], re.I)
    return "delay" if not failed and (delayed or warning) else "bounce"

kept = {}
for file, entry in sorted(expected.items()):
    try:
        raw = git(emails, "show", f"HEAD:maildir/bsd/{file}")
    except subprocess.CalledProcessError:
        continue
    (out / file).write_bytes(raw)
    kept[file] = {**entry, "class": expected_class(entry["reasons"], raw.decode("latin1"))}
# sisimai's own samples of ordinary mail that is not a bounce: a person's message, one forwarding another.
for file in ("is-not-bounce-01.eml", "is-not-bounce-02.eml"):
    (out / file).write_bytes(git(emails, "show", f"HEAD:maildir/not/{file}"))
    kept[file] = {"reasons": [], "statuses": [], "class": "reply"}
(out / "LICENSE").write_bytes(git(emails, "show", "HEAD:LICENSE"))
(out / "expected.json").write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n")
print(f"{len(kept)} messages")
