"""Reconciler recall and false alarms per check, against the hand-labelled list of true findings
and consistent statements in tests/gold/findings.json.

    python benchmarks/reconcile.py [--verbose]

The labelled sources are ingested, repaired, extracted and reconciled together, as
`egov-extract audit` does. A finding matches a labelled item when the check is the same and its
evidence covers the labelled values (each located in its file by its unique context): all of them
for a one-report item, at least two for an item across reports. Per check it prints:
  recall        inconsistent items found / inconsistent items labelled
  false alarms  findings on statements labelled consistent
  unlabelled    findings that match no labelled item (read them: a true finding the labels miss,
                or a false alarm)
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from egov_extract import ingest  # noqa: E402
from egov_extract.extract import extract_document  # noqa: E402
from egov_extract.reconcile import reconcile  # noqa: E402
from egov_extract.repair import repair_document  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "findings.json"


def locate(documents: dict, evidence: dict) -> tuple[str, int, int, int]:
    """(source, page, start, end) of a labelled value, found by its unique context."""
    document = documents[evidence["source"]]
    context, text = (unicodedata.normalize("NFC", evidence[k]) for k in ("context", "text"))  # ingest gives NFC
    for number, page in enumerate(document.pages, 1):
        at = page.text.find(context)
        if at >= 0:
            start = at + context.index(text)
            return evidence["source"], number, start, start + len(text)
    raise ValueError(f"context not found in {evidence['source']}: {evidence['context']!r}")


def covers(finding, place, root: Path) -> bool:
    source, page, start, end = place
    for e in finding.evidence:
        if Path(e.span.source).resolve() == (root / source).resolve() and e.span.page == page:
            if e.span.start < end and start < e.span.end:
                return True
    return False


def matches(finding, item, places, root: Path) -> bool:
    if finding.check != item["check"]:
        return False
    hit = sum(covers(finding, p, root) for p in places)
    return hit == len(places) if len({p[0] for p in places}) == 1 else hit >= min(2, len(places))


def run(gold: dict):
    """Ingest, repair, extract and reconcile the labelled sources together."""
    documents, reports = {}, []
    for source in gold["sources"]:
        document = ingest(ROOT / source)
        documents[source] = document
        reports.append(extract_document(document, repair_document(document)))
    return documents, reconcile(reports)


def score(gold: dict, documents: dict, audit):
    """Per check: labelled, found, consistent, false, unlabelled; and the missed items, false
    alarms and unlabelled findings themselves."""
    items = [(item, [locate(documents, e) for e in item["evidence"]]) for item in gold["items"]]
    per_check = defaultdict(lambda: {"labelled": 0, "found": 0, "consistent": 0, "false": 0, "unlabelled": 0})
    missed, false_alarms, unlabelled = [], [], []
    for item, places in items:
        row = per_check[item["check"]]
        if item["verdict"] == "inconsistent":
            row["labelled"] += 1
            if any(matches(f, item, places, ROOT) for f in audit.findings):
                row["found"] += 1
            else:
                missed.append(item)
        else:
            row["consistent"] += 1
    for finding in audit.findings:
        hits = [item for item, places in items if matches(finding, item, places, ROOT)]
        row = per_check[finding.check]
        if hits and all(i["verdict"] == "consistent" for i in hits):
            row["false"] += 1
            false_alarms.append(finding)
        elif not hits:
            row["unlabelled"] += 1
            unlabelled.append(finding)
    return dict(per_check), missed, false_alarms, unlabelled


def main(verbose: bool = False) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    started = time.perf_counter()
    documents, audit = run(gold)
    elapsed = time.perf_counter() - started
    per_check, missed, false_alarms, unlabelled = score(gold, documents, audit)
    print(f"{len(gold['sources'])} sources, {len(gold['items'])} labelled items, {len(audit.findings)} findings, {elapsed:.1f} s")
    print(f"{'check':28} {'recall':>12} {'false alarms':>16} {'unlabelled':>10}")
    total = defaultdict(int)
    for check in sorted(per_check):
        row = per_check[check]
        for k, v in row.items():
            total[k] += v
        recall = f"{row['found']}/{row['labelled']}" if row["labelled"] else "-"
        false = f"{row['false']} of {row['consistent']} ok" if row["consistent"] else str(row["false"])
        print(f"{check:28} {recall:>12} {false:>16} {row['unlabelled']:>10}")
    print(f"{'all':28} {total['found']}/{total['labelled']:<10} {total['false']} of {total['consistent']} ok{'':4} {total['unlabelled']:>6}")
    for item in missed:
        print(f"missed      {item['id']}: {item['note']}")
    for finding in false_alarms + unlabelled:
        kind = "false alarm" if finding in false_alarms else "unlabelled "
        where = finding.evidence[0].span
        print(f"{kind} {finding.check} {Path(where.source).name}:{where.start}: {finding.message[:160]}")
    if verbose:
        for finding in audit.findings:
            print(f"finding     {finding.severity:7} {finding.check}: {finding.message[:160]}")


if __name__ == "__main__":
    main("--verbose" in sys.argv)
