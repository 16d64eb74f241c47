"""Audit output as one standalone HTML page: an auditor opens it offline, filters, and links to evidence.

Everything is inline (no fonts, scripts or images fetched) so the file can be mailed or archived as is.
The output depends only on the Audit, so the same audit gives the same bytes.
"""

from __future__ import annotations

import json
from html import escape

from ..datamodel import Audit, Evidence, Finding
from .crops import crop_key
from .markdown import ORDER

LABELS = {"error": "Errors", "warning": "Warnings", "review": "Check the scan", "info": "Info"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _one_line(text: str) -> str:
    """Whitespace runs (the OCR's hard line breaks) as single spaces, like the Markdown renderer."""
    return " ".join(text.split())


def _marked(text: str, start: int, end: int) -> str:
    """The sentence escaped and on one line, the value in <mark>; offsets out of range are clamped."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    before, value, after = text[:start], text[start:end], text[end:]
    if not value.strip():
        return _e(_one_line(text))
    # Collapse each part, keeping one space where the parts meet over whitespace.
    lead = " " if before[-1:].isspace() or value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() or after[:1].isspace() else ""
    before, value, after = _one_line(before), _one_line(value), _one_line(after)
    return f"{_e(before)}{lead if before else ''}<mark>{_e(value)}</mark>{trail if after else ''}{_e(after)}"


def _sources(finding: Finding) -> list[str]:
    return sorted({e.span.source for e in finding.evidence})


def _evidence(e: Evidence, anchor: str, crops: dict) -> str:
    s, q = e.span, e.quote
    where = f"{s.source}, page {s.page}, characters {s.start}–{s.end}"
    value = e.value_span or s
    if value.confidence is not None:
        where += f" · OCR confidence {round(value.confidence * 100)} %"
    parts = [
        f'<li class="evidence" id="{anchor}">',
        f'<div class="where"><a class="anchor" href="#{anchor}" title="Link to this evidence">#</a> {_e(where)}</div>',
        f'<div class="value">Value as written: <code>{_e(e.text)}</code></div>',
    ]
    crop = crops.get(crop_key(value)) or crops.get(crop_key(s))
    if crop:
        parts.append(f'<figure class="scan"><img alt="{_e("The scan around " + e.text)}" src="{crop}"><figcaption>the scan</figcaption></figure>')
    if q.original is not None:
        o_start = q.original_start if q.original_start is not None else 0
        o_end = q.original_end if q.original_end is not None else o_start
        parts += [
            '<div class="quote repaired"><span class="label">repaired</span>',
            f"<blockquote>{_marked(q.text, q.start, q.end)}</blockquote></div>",
            '<div class="quote original"><span class="label">as ingested</span>',
            f"<blockquote>{_marked(q.original, o_start, o_end)}</blockquote></div>",
        ]
    else:
        parts.append(f'<div class="quote"><blockquote>{_marked(q.text, q.start, q.end)}</blockquote></div>')
    parts.append("</li>")
    return "\n".join(parts)


def _finding(f: Finding, anchor: str, crops: dict) -> str:
    sources = json.dumps(_sources(f), ensure_ascii=False)
    parts = [
        f'<article class="finding sev-{_e(f.severity)}" id="{anchor}" data-severity="{_e(f.severity)}"'
        f' data-check="{_e(f.check)}" data-sources="{_e(sources)}">',
        f'<div class="finding-head"><span class="badge">{_e(f.severity)}</span> <code class="check">{_e(f.check)}</code>'
        f' <a class="anchor" href="#{anchor}" title="Link to this finding">#</a></div>',
        f'<p class="message">{_e(f.message)}</p>',
    ]
    if f.suggestion:
        parts.append(f'<p class="suggestion"><strong>Suggestion:</strong> {_e(f.suggestion)}</p>')
    if len(f.facets) > 1:
        parts.append('<ul class="facets">')
        parts += [
            f'<li><code class="check">{_e(x.check)}</code> <span class="facet-sev">{_e(x.severity)}</span>: {_e(x.message)}'
            + (f" <em>{_e(x.suggestion)}</em>" if x.suggestion else "")
            + "</li>"
            for x in f.facets[1:]
        ]
        parts.append("</ul>")
    if f.evidence:
        parts.append('<ol class="evidence-list">')
        parts += [_evidence(e, f"{anchor}-e-{j}", crops) for j, e in enumerate(f.evidence, 1)]
        parts.append("</ol>")
    parts.append("</article>")
    return "\n".join(parts)


def _option(value: str, label: str) -> str:
    return f'<option value="{_e(value)}">{_e(label)}</option>'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _count(n: int, severity: str) -> str:
    return f"{n} info" if severity == "info" else _plural(n, severity)


def to_html(audit: Audit, title: str = "Audit", crops: dict | None = None) -> str:
    """The audit as a page: summary, reports, filters, then findings by severity and by check.
    `crops` (render.crops.evidence_crops) puts the scan beside each OCR'd evidence."""
    crops = crops or {}
    # Anchors are the findings' stable ids, so a link stays valid whatever the grouping.
    by_severity = {s: [f for f in audit.findings if f.severity == s] for s in ORDER}
    checks = sorted({f.check for f in audit.findings})
    reports = list(dict.fromkeys([*audit.reports, *(s for f in audit.findings for s in _sources(f))]))
    per_report = {r: {s: 0 for s in ORDER} for r in reports}
    for f in audit.findings:
        for r in _sources(f):
            per_report[r][f.severity] += 1

    summary = ", ".join(f'<span class="sev-count sev-{s}">{_count(len(by_severity[s]), s)}</span>' for s in ORDER)
    total = len(audit.findings)
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header class=\"page-head\">",
        f"<h1>{_e(title)}</h1>",
        f'<p class="summary">{_plural(len(audit.reports), "report")} reconciled · {_plural(total, "finding")}: {summary}</p>',
        "</header>",
        '<section class="reports">',
        f"<h2>Reports ({len(reports)})</h2>",
        '<table><thead><tr><th scope="col">Report</th>'
        + "".join(f'<th scope="col" class="num">{LABELS[s]}</th>' for s in ORDER)
        + "</tr></thead><tbody>",
    ]
    for r in reports:
        cells = "".join(
            f'<td class="num{" zero" if not per_report[r][s] else ""}">{per_report[r][s]}</td>' for s in ORDER
        )
        out.append(f'<tr data-source="{_e(r)}"><td class="source">{_e(r)}</td>{cells}</tr>')
    out += ["</tbody></table>", "</section>"]
    if audit.files_not_read:  # never a silent skip: what the audit did not read, and why
        out += [
            '<section class="not-read">',
            f"<h2>Files not read ({len(audit.files_not_read)})</h2>",
            '<table><thead><tr><th scope="col">File</th><th scope="col">Why</th><th scope="col">Cause</th></tr></thead><tbody>',
            *(
                f'<tr><td class="source">{_e(f.source)}</td><td>{_e(f.status)}{f" ({_e(f.code)})" if f.code else ""}</td><td>{_e(f.reason)}</td></tr>'
                for f in audit.files_not_read
            ),
            "</tbody></table>",
            "</section>",
        ]
    out += [
        '<form class="filters" id="filters" hidden onsubmit="return false">',
        '<label>Report <select id="filter-source" name="source">',
        _option("", f"All reports ({len(reports)})"),
        *(_option(r, f"{r} ({sum(per_report[r].values())})") for r in reports),
        "</select></label>",
        '<label>Check <select id="filter-check" name="check">',
        _option("", f"All checks ({len(checks)})"),
        *(_option(c, f"{c} ({sum(f.check == c for f in audit.findings)})") for c in checks),
        "</select></label>",
        '<label>Severity <select id="filter-severity" name="severity">',
        _option("", "All severities"),
        *(_option(s, f"{s} ({len(by_severity[s])})") for s in ORDER),
        "</select></label>",
        '<button type="button" id="filter-reset">Show all</button>',
        f'<output id="counter" aria-live="polite">{total} of {total} findings shown</output>',
        "</form>",
        "<main>",
    ]
    if not total:
        out.append('<p class="none">No findings.</p>')
    out.append('<p class="none" id="no-match" hidden>No finding matches the filters.</p>')
    for s in ORDER:
        group = by_severity[s]
        if not group:
            continue
        out += [
            f'<section class="group severity sev-{s}" data-severity="{s}" id="sev-{s}">',
            f'<h2>{LABELS[s]} <span class="count" data-total="{len(group)}">({len(group)})</span></h2>',
        ]
        for check in dict.fromkeys(f.check for f in group):
            of_check = [f for f in group if f.check == check]
            out += [
                f'<section class="group check" data-check="{_e(check)}">',
                f'<h3><code>{_e(check)}</code> <span class="count" data-total="{len(of_check)}">({len(of_check)})</span></h3>',
                *(_finding(f, f.id, crops) for f in of_check),
                "</section>",
            ]
        out.append("</section>")
    out += ["</main>", f"<script>{JS}</script>", "</body>", "</html>", ""]
    return "\n".join(out)


CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;
--error:#b42318;--error-bg:#fef3f2;--warning:#9a6700;--warning-bg:#fff8e5;--info:#0969da;--info-bg:#eef6ff;--review:#6f42c1;--review-bg:#f5f0ff}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:62rem;padding:1.5rem 1.25rem 3rem;color:var(--fg);background:var(--bg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.25rem 0 .5rem;color:var(--muted)}
code{font:.9em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.summary{margin:0;color:var(--muted)}
.sev-count{font-weight:600}
.sev-count.sev-error{color:var(--error)}.sev-count.sev-warning{color:var(--warning)}.sev-count.sev-info{color:var(--info)}
.sev-count.sev-review{color:var(--review)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.3rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--panel)}
td.source{word-break:break-all}
.num{text-align:right;width:6.5rem;font-variant-numeric:tabular-nums}
td.zero{color:#aab3bd}
.filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:.5rem .8rem;align-items:center;
margin:1.5rem 0 0;padding:.5rem .8rem;font-size:.875rem;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.filters label{display:flex;gap:.3rem;align-items:center;color:var(--muted)}
.filters select{max-width:10rem;font:inherit;color:var(--fg);padding:.1rem .2rem}
.filters button{font:inherit;padding:.15rem .6rem;cursor:pointer}
#counter{margin-left:auto;font-weight:600}
.severity.sev-error>h2{color:var(--error)}.severity.sev-warning>h2{color:var(--warning)}.severity.sev-info>h2{color:var(--info)}
.severity.sev-review>h2{color:var(--review)}
.count{font-weight:400;color:var(--muted)}
.finding{margin:0 0 1rem;padding:.75rem 1rem;border:1px solid var(--line);border-left:4px solid var(--muted);
border-radius:6px;break-inside:avoid}
.finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:var(--warning)}
.finding.sev-info{border-left-color:var(--info)}.finding.sev-review{border-left-color:var(--review)}
.finding,.evidence{scroll-margin-top:4.5rem}
.finding:target,.evidence:target{outline:2px solid var(--info);outline-offset:2px}
.finding-head{display:flex;gap:.5rem;align-items:center}
.badge{font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:.05rem .45rem;border-radius:999px}
.sev-error .badge{color:var(--error);background:var(--error-bg)}.sev-warning .badge{color:var(--warning);background:var(--warning-bg)}
.sev-info .badge{color:var(--info);background:var(--info-bg)}.sev-review .badge{color:var(--review);background:var(--review-bg)}
.scan{margin:.3rem 0}.scan img{max-width:100%;border:1px solid var(--line);border-radius:4px}
.scan figcaption{font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.facets{margin:.3rem 0;padding-left:1.2rem;font-size:.9rem;color:var(--muted)}.facet-sev{font-size:.75rem;text-transform:uppercase}
.finding .check{font-weight:600}
.anchor{color:#aab3bd;text-decoration:none;font-size:.85rem}.anchor:hover{color:var(--info)}
.finding-head .anchor{margin-left:auto}
.message{margin:.4rem 0;font-size:1.02rem}
.suggestion{margin:.4rem 0;padding:.35rem .6rem;background:var(--panel);border-radius:4px}
.evidence-list{margin:.5rem 0 0;padding-left:1.4rem}
.evidence{margin:.5rem 0;padding-left:.2rem}
.where{font-size:.85rem;color:var(--muted);word-break:break-word}
.value{font-size:.9rem}
.quote{margin:.3rem 0}
.quote .label{display:inline-block;font-size:.72rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.quote.original .label{color:var(--warning)}
blockquote{margin:.1rem 0 0;padding:.35rem .7rem;border-left:3px solid var(--line);background:#fbfcfd}
.quote.original blockquote{border-left-color:#e5c07b;color:var(--muted);font-style:italic}
mark{background:#fff1a8;color:inherit;padding:0 .1em;border-radius:2px;font-weight:600;font-style:normal}
.none{color:var(--muted);font-style:italic}
@media print{
body{max-width:none;padding:0;font-size:11pt}
.filters,.anchor{display:none!important}
.finding{border-color:#999}
blockquote{background:none}
mark{background:none;font-weight:700;text-decoration:underline}
a{color:inherit;text-decoration:none}
}
"""

JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var source = document.getElementById("filter-source");
  var check = document.getElementById("filter-check");
  var severity = document.getElementById("filter-severity");
  var counter = document.getElementById("counter");
  var noMatch = document.getElementById("no-match");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  findings.forEach(function (f) { f.sourceList = JSON.parse(f.getAttribute("data-sources") || "[]"); });
  function apply() {
    var shown = 0;
    findings.forEach(function (f) {
      var ok = (!severity.value || f.getAttribute("data-severity") === severity.value) &&
        (!check.value || f.getAttribute("data-check") === check.value) &&
        (!source.value || f.sourceList.indexOf(source.value) >= 0);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      var visible = g.querySelectorAll("article.finding:not([hidden])").length;
      var count = g.querySelector(".count");
      var all = count ? count.getAttribute("data-total") : "";
      g.hidden = visible === 0;
      if (count) { count.textContent = String(visible) === all ? "(" + all + ")" : "(" + visible + " of " + all + ")"; }
    });
    counter.textContent = shown + " of " + findings.length + " findings shown";
    noMatch.hidden = !(shown === 0 && findings.length > 0);
  }
  [source, check, severity].forEach(function (s) { s.addEventListener("change", apply); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    source.value = ""; check.value = ""; severity.value = ""; apply();
  });
  form.hidden = false;
  apply();
})();
"""
