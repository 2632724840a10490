#!/usr/bin/python3
"""Prints the measured part of docs/compliance.md (Markdown) from a zetasql_compliance run.

  scripts/compliance_report.py [build/tools/zetasql_compliance] [../shared/testdata/zetasql]

Runs the tool twice (per-file counts, then --list-unsupported) and prints: the overall line,
the per-file table, the top failure causes, the declared features and the skip counts.
Paste the output over the "Measured" section of docs/compliance.md.
"""
import re
import subprocess
import sys

tool = sys.argv[1] if len(sys.argv) > 1 else "build/tools/zetasql_compliance"
data = sys.argv[2] if len(sys.argv) > 2 else "../shared/testdata/zetasql"

plain = subprocess.run([tool, data], capture_output=True, text=True, check=True).stdout
listing = subprocess.run([tool, "--list-unsupported", data], capture_output=True, text=True,
                         check=True).stdout

rows = []
overall = ""
for line in plain.splitlines():
    match = re.match(r"^\S*/([^/]+\.test): (\d+) passed, (\d+) failed, (\d+) skipped", line)
    if match:
        rows.append((match.group(1), *map(int, match.group(2, 3, 4))))
    elif "pass rate" in line:
        overall = line.strip()

print(f"Overall: **{overall}**\n")
print("| file | passed | failed | skipped | pass rate of cases run |")
print("|---|---|---|---|---|")
for name, passed, failed, skipped in rows:
    run = passed + failed
    rate = f"{100 * passed // run}%" if run else "—"
    print(f"| {name} | {passed} | {failed} | {skipped} | {rate} |")

declared = re.search(r"declared features: (.*)", listing)
sections = listing.split("Failures by cause (our error message, or the kind of mismatch):")
causes = [l for l in sections[1].splitlines() if re.match(r"^\s+\d+\s", l)][:20] if len(sections) > 1 else []
print("\nTop failure causes:\n\n```")
print("\n".join(causes))
print("```\n")
if declared:
    print("Declared features: **" + ", ".join(declared.group(1).split()) + "**.\n")
skips = re.search(r"Skipped cases by missing feature.*?\n(.*?)Skipped cases by other reason:\n(.*?)Failures",
                  listing, re.S)
if skips:
    features = [" ".join(l.split()[::-1]) for l in skips.group(1).splitlines() if l.strip()]
    other = ["; ".join(" ".join(l.split()[1:]) + " " + l.split()[0] for l in skips.group(2).splitlines() if l.strip())]
    print("Skipped cases by missing feature (a case counts once per missing feature): " +
          ", ".join(features[:30]) + (", ..." if len(features) > 30 else "") + ".")
    print("Other reasons: " + other[0] + ".")
