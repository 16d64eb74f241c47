"""Reconciler recall and false alarms per check, against hand-labelled contradictions and
consistent statements (negative controls).

    python benchmarks/reconcile.py [--sections seeds,dev,test] [--verbose]

Three labelled sets, each audited as one archive (`egov-extract audit` over its documents):
  seeds  tests/gold/findings.json: the five seeds and three 2025 reports, labelled when the first
         checks were written (the checks were developed on them: not a held-out figure);
  dev    tests/gold/official/, documents in corpora/split.json 'findings_dev': tune on these;
  test   tests/gold/official/, documents in 'findings_test': scored at the end of a change only,
         never read while tuning. Its unlabelled findings are printed in full, to be read.
How the labels were made: tests/gold/README.md and tests/gold/official/README.md.

A finding matches a labelled item when one of its checks (the finding's own, or a facet's) is one
the item's kind names (KIND_CHECKS; kind 'other' accepts any check) and its evidence covers the
labelled values (each located in its file by its unique context): all of them for an item with one
or two values in one report, at least two otherwise. Per kind it prints:
  recall        inconsistent items found / inconsistent items labelled (doubtful ones in brackets;
                the summary also gives the lenient match: any labelled place covered)
  false alarms  findings that match consistent items only (and how many of them are errors)
  unlabelled    findings that match no labelled item (read them: a true finding the labels miss,
                or a false alarm)
and, per set, precision over the labelled findings: found / (found + false alarms).
"""

from __future__ import annotations

import argparse
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
OFFICIAL = ROOT / "tests" / "gold" / "official"
SPLIT = ROOT / "corpora" / "split.json"

# The checks that answer each labelled kind (the labellers named kinds, not our functions).
KIND_CHECKS: dict[str, frozenset[str] | None] = {
    "percent-vs-ratio": frozenset({"percent-vs-ratio"}),
    "count-vs-listed": frozenset({"count-vs-listed"}),
    "parts-vs-total": frozenset({"parts-vs-total", "duration-vs-total"}),
    "change-vs-values": frozenset({"change-vs-values"}),
    "impossible-date": frozenset({"impossible-date"}),
    "implements-later-document": frozenset({"implements-later-document"}),
    "cites-later-document": frozenset({"cites-later-document"}),
    "type-code-mismatch": frozenset({"type-code-mismatch"}),
    "citation-conflict": frozenset({"citation-conflict", "citation-year-mismatch"}),
    "self-reference-conflict": frozenset({"self-reference-conflict"}),
    "target-conflict": frozenset({"target-conflict", "indicator-conflict"}),
    "indicator-conflict": frozenset({"indicator-conflict", "target-conflict"}),
    "denominator-change": frozenset({"denominator-change"}),
    "agency-list-change": frozenset({"agency-list-change"}),
    "other": None,
}


def official_gold(section: str) -> dict:
    """The per-document labels of one split section, in the format of findings.json."""
    names = json.loads(SPLIT.read_text(encoding="utf-8"))[f"findings_{section}"]
    sources, items = [], []
    missing = [name for name in names if not (OFFICIAL / (Path(name).stem + ".json")).is_file()]
    if missing:
        print(f"warning: {len(missing)} documents of findings_{section} have no labels yet: left out", file=sys.stderr)
    for name in names:
        if name in missing:
            continue
        labels = json.loads((OFFICIAL / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
        sources.append(labels["source"])
        for item in labels["items"]:
            items.append(
                {
                    "id": item["id"],
                    "check": item["kind"],
                    "verdict": item["verdict"],
                    "doubtful": bool(item.get("doubtful")),
                    "evidence": [{"source": labels["source"], **e} for e in item["evidence"]],
                    "note": item.get("note", ""),
                }
            )
    return {"sources": sources, "items": items}


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


def checks_of(finding) -> set[str]:
    """The finding's check and those of its facets (several checks on one sentence)."""
    return {finding.check, *(facet.check for facet in getattr(finding, "facets", ()))}


def matches(finding, item, places, root: Path, lenient: bool = False) -> bool:
    """Strict: the finding covers every labelled place of a one- or two-place item (two of more,
    or of an item across reports). Lenient: it covers any of them (a labeller may cite, as the
    proper reading, another mention than the finding does)."""
    wanted = KIND_CHECKS.get(item["check"], frozenset({item["check"]}))
    if wanted is not None and not (checks_of(finding) & wanted):
        return False
    hit = sum(covers(finding, p, root) for p in places)
    if lenient:
        return hit >= 1
    if len({p[0] for p in places}) > 1:
        return hit >= min(2, len(places))
    return hit == len(places) if len(places) <= 2 else hit >= 2


def run(gold: dict):
    """Ingest, repair, extract and reconcile the labelled sources together."""
    documents, reports = {}, []
    for source in gold["sources"]:
        document = ingest(ROOT / source)
        documents[source] = document
        reports.append(extract_document(document, repair_document(document)))
    return documents, reconcile(reports)


def score(gold: dict, documents: dict, audit):
    """Per kind: labelled, found, consistent, false, unlabelled; and the missed items, false
    alarms and unlabelled findings themselves, and the findings that matched a contradiction."""
    items = [(item, [locate(documents, e) for e in item["evidence"]]) for item in gold["items"]]
    per_check = defaultdict(
        lambda: {"labelled": 0, "found": 0, "lenient_found": 0, "doubtful": 0, "doubtful_found": 0, "consistent": 0, "false": 0, "false_errors": 0, "unlabelled": 0}
    )
    missed, false_alarms, unlabelled, true_findings = [], [], [], []
    for item, places in items:
        row = per_check[item["check"]]
        if item["verdict"] == "inconsistent":
            found = any(matches(f, item, places, ROOT) for f in audit.findings)
            key = "doubtful" if item.get("doubtful") else "labelled"
            row[key] += 1
            row[key.replace("labelled", "found") if key == "labelled" else "doubtful_found"] += found
            if not item.get("doubtful"):
                row["lenient_found"] += any(matches(f, item, places, ROOT, lenient=True) for f in audit.findings)
            if not found:
                missed.append(item)
        else:
            row["consistent"] += 1
    for finding in audit.findings:
        hits = [item for item, places in items if matches(finding, item, places, ROOT)]
        if not hits:  # a finding of a labelled case, citing another of its mentions, is no 'unlabelled' one
            lenient = [item for item, places in items if matches(finding, item, places, ROOT, lenient=True)]
            if lenient and any(i["verdict"] == "inconsistent" for i in lenient):
                true_findings.append(finding)
                continue
        if hits and all(i["verdict"] == "consistent" for i in hits):
            row = per_check[hits[0]["check"]]
            row["false"] += 1
            row["false_errors"] += finding.severity == "error"
            false_alarms.append(finding)
        elif not hits:
            per_check[finding.check]["unlabelled"] += 1
            unlabelled.append(finding)
        else:
            true_findings.append(finding)
    return dict(per_check), missed, false_alarms, unlabelled, true_findings


def report(name: str, gold: dict, verbose: bool, show_unlabelled: bool, show_missed: bool = True) -> None:
    started = time.perf_counter()
    documents, audit = run(gold)
    elapsed = time.perf_counter() - started
    per_check, missed, false_alarms, unlabelled, true_findings = score(gold, documents, audit)
    print(f"\n== {name}: {len(gold['sources'])} documents, {len(gold['items'])} labelled items, {len(audit.findings)} findings, {elapsed:.1f} s")
    print(f"{'kind / check':28} {'recall':>8} {'doubtful':>9} {'false alarms':>20} {'unlabelled':>10}")
    total: dict[str, int] = defaultdict(int)
    for check in sorted(per_check):
        row = per_check[check]
        for k, v in row.items():
            total[k] += v
        recall = f"{row['found']}/{row['labelled']}" if row["labelled"] else "-"
        doubtful = f"({row['doubtful_found']}/{row['doubtful']})" if row["doubtful"] else ""
        errors = f", {row['false_errors']} err" if row["false_errors"] else ""
        false = f"{row['false']}{errors} of {row['consistent']} ok" if row["consistent"] else str(row["false"])
        print(f"{check:28} {recall:>8} {doubtful:>9} {false:>20} {row['unlabelled']:>10}")
    errors = f", {total['false_errors']} err" if total["false_errors"] else ""
    print(
        f"{'all':28} {total['found']}/{total['labelled']:<6} ({total['doubtful_found']}/{total['doubtful']}) "
        f"{total['false']}{errors} of {total['consistent']} ok {total['unlabelled']:>6}"
    )
    in_scope = {k: v for k, v in per_check.items() if k != "other"}
    found = sum(v["found"] + v["doubtful_found"] for v in in_scope.values())
    labelled = sum(v["labelled"] + v["doubtful"] for v in in_scope.values())
    firm_found = sum(v["found"] for v in in_scope.values())
    firm = sum(v["labelled"] for v in in_scope.values())
    precision = len(true_findings) / (len(true_findings) + len(false_alarms)) if true_findings or false_alarms else float("nan")
    lenient = sum(v["lenient_found"] for v in in_scope.values())
    print(
        f"recall (kinds with a check): firm {firm_found}/{firm} (lenient match {lenient}/{firm}), with doubtful {found}/{labelled}; "
        f"precision over labelled findings {precision:.3f} ({len(true_findings)} true, {len(false_alarms)} false, "
        f"{len(unlabelled)} unlabelled to read)"
    )
    for item in missed if show_missed else ():
        print(f"missed      {item['id']} [{item['check']}{', doubtful' if item.get('doubtful') else ''}]: {item['note'][:200]}")
    for finding in false_alarms:
        where = finding.evidence[0].span
        print(f"false alarm {finding.severity:7} {finding.check} {Path(where.source).name}:{where.page}:{where.start}: {finding.message[:200]}")
    for finding in unlabelled:
        where = finding.evidence[0].span
        if show_unlabelled:
            print(f"unlabelled  {finding.severity:7} {finding.check} {Path(where.source).name}:{where.page}:{where.start}: {finding.message}")
            for e in finding.evidence:
                print(f"              {Path(e.span.source).name}:{e.span.page}:{e.span.start} «{' '.join(e.quote.text.split())[:240]}»")
        else:
            print(f"unlabelled  {finding.severity:7} {finding.check} {Path(where.source).name}:{where.start}: {finding.message[:160]}")
    if verbose:
        for finding in audit.findings:
            print(f"finding     {finding.severity:7} {finding.check}: {finding.message[:160]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", default="seeds,dev,test", help="comma-separated: seeds, dev, test")
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    args = parser.parse_args(argv)
    for section in args.sections.split(","):
        if section == "seeds":
            report("seed labels (tuned on)", json.loads(GOLD.read_text(encoding="utf-8")), args.verbose, show_unlabelled=False)
        elif section in ("dev", "test"):
            title = "dev (tuned on)" if section == "dev" else "test (held out: read its unlabelled findings)"
            # the test half's items are not printed (not to be read while tuning); its unlabelled findings are
            report(title, official_gold(section), args.verbose, show_unlabelled=section == "test", show_missed=section != "test")
        else:
            parser.error(f"unknown section {section!r}")


if __name__ == "__main__":
    main()
