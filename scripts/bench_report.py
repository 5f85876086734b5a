"""Print the Locust results as a table, with our median latency as a ratio of the bare Wagtail page's.
Exit non-zero when any request failed."""

import csv
import sys


def rows(path):
    with open(path, newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["Name"] != "Aggregated"]


def main(rush_path, bare_path):
    rush, bare = rows(rush_path), rows(bare_path)
    baseline = float(bare[0]["50%"]) if bare else None
    print(f"{'step':<24}{'requests':>9}{'fails':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'p50 ratio':>11}")
    failures = 0
    for r in sorted(rush + bare, key=lambda r: r["Name"]):
        ratio = f"{float(r['50%']) / baseline:.1f}x" if baseline else "-"
        print(f"{r['Name']:<24}{r['Request Count']:>9}{r['Failure Count']:>7}{float(r['Requests/s']):>8.1f}"
              f"{r['50%']:>8}{r['95%']:>8}{r['99%']:>8}{ratio:>11}")
        failures += int(r["Failure Count"])
    total = sum(int(r["Request Count"]) for r in rush)
    print(f"{total} requests in the rush, {failures} failed")
    if failures or not total:
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:3])
