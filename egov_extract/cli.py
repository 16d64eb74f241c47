"""Command-line interface: `egov-extract SUBCOMMAND`. I/O and exit codes live here only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .datamodel import Document
from .errors import EgovExtractError
from .ingest import default_workers, ingest, ingest_bytes

EXIT_PARTIAL = 12  # a batch where some inputs failed and the rest were written


def _fail(exc: EgovExtractError) -> None:
    click.echo(f"egov-extract: error: {exc}", err=True)


def _ingest_one(path: str, **options) -> Document:
    if path == "-":
        return ingest_bytes(sys.stdin.buffer.read(), "<stdin>", **options)
    return ingest(path, **options)


def _check_encoding(ctx, param, value: str | None) -> str | None:
    from .ingest.legacy import ALIASES, canonical_name

    if value is not None and canonical_name(value) is None:
        raise click.BadParameter(f"{value!r} is not an encoding we read; one of: {', '.join(sorted(set(ALIASES.values())))}")
    return value


def _encoding_option(command):
    return click.option(
        "--encoding",
        "encoding",
        default=None,
        metavar="NAME",
        callback=_check_encoding,
        help=(
            "Read text files in this encoding instead of detecting it: utf-8, utf-16, tcvn3 (ABC, .VnTime), "
            "vni, viqr, viscii, vps, cp1258; PDFs: convert the text layer from this legacy encoding."
        ),
    )(command)


def _page_text(document: Document) -> str:
    # Pages joined by form feeds, like pdftotext: ingesting this output gives the same pages.
    return "\f".join(p.text for p in document.pages) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="egov-extract")
def cli() -> None:
    """Turn Vietnamese government reports into typed, checked data.

    Exit codes: 0 ok, 2 usage, 3 missing file, 4 unsupported type, 5 empty file,
    6 encrypted PDF, 7 corrupt PDF, 8 no pages, 9 undecodable text, 10 OCR engine or model
    missing, 11 LibreOffice missing (legacy .doc), 12 some files of a batch failed, 13 corrupt
    DOCX/ODT/RTF/image file.
    """


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON instead of page text.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one FILE.json (or FILE.txt) per input here; needed for several inputs.",
)
@click.option("--ocr/--no-ocr", default=True, show_default=True, help="OCR pages that are images.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel OCR processes [default: one per core].")
@click.option("--lang", default="vie", show_default=True, help="Tesseract language model(s), e.g. vie or vie+eng.")
@click.option("--dpi", type=click.IntRange(72, 600), default=300, show_default=True, help="Rendering resolution for OCR.")
@_encoding_option
def ingest_cmd(inputs, as_json, out_dir, ocr, workers, lang, dpi, encoding) -> None:
    """Read PDFs (text layer or scanned), text and Markdown files (any Vietnamese encoding), DOCX,
    ODT, DOC, RTF, HTML and PNG/JPEG/TIFF images into pages.

    INPUTS are files, directories (walked; files of other types are named, not read) or '-' for
    standard input.
    """
    options = dict(ocr=ocr, workers=workers or default_workers(), lang=lang, dpi=dpi, encoding=encoding)
    from .ingest.inventory import walk

    files, unread = walk(list(inputs), reports_only=False)  # ingest reads a README too; audit and batch do not
    for u in unread:  # a folder's files we do not read are named, never dropped silently
        click.echo(f"egov-extract: not read: {u.path}: {u.reason}", err=True)
    if out_dir is None:
        if len(files) != 1:
            raise click.UsageError(f"{len(files)} input files: give --out DIR to write one output per file")
        try:
            document = _ingest_one(files[0], **options)
        except EgovExtractError as exc:
            _fail(exc)
            sys.exit(exc.exit_code)
        click.echo(document.to_json() if as_json else _page_text(document), nl=False)
        _report_page_errors(document)
        return

    failed = 0
    for path in files:
        try:
            document = _ingest_one(path, **options)
        except EgovExtractError as exc:
            _fail(exc)
            failed += 1
            continue
        target = out_dir / (_output_name(path, inputs) + (".json" if as_json else ".txt"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document.to_json() if as_json else _page_text(document), encoding="utf-8")
        _report_page_errors(document)
        click.echo(f"{path}: {document.kind}, {len(document.pages)} pages -> {target}", err=True)
    not_read = f", {len(unread)} not read (not a document type we read, listed above)" if unread else ""
    click.echo(f"ingested {len(files) - failed} of {len(files)} files, {failed} failed{not_read}", err=True)
    if failed:
        sys.exit(EXIT_PARTIAL)


def _output_name(path: str, inputs: tuple[str, ...]) -> str:
    """Keep folder structure below a directory input so equal file names do not collide."""
    if path == "-":
        return "stdin"
    for root in inputs:
        if os.path.isdir(root) and os.path.commonpath([os.path.abspath(root), os.path.abspath(path)]) == os.path.abspath(root):
            return os.path.relpath(path, root)
    return os.path.basename(path)


def _report_page_errors(document: Document) -> None:
    for error in document.errors:
        click.echo(f"egov-extract: warning: {document.source}: page {error.page}: {error.message}", err=True)


@cli.command("repair")
@click.argument("input_path", metavar="FILE|-")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the repaired text here instead of standard output.")
@click.option("--changes", "changes_path", type=click.Path(dir_okay=False, path_type=Path), help="Write every change (page, span, original, replacement, confidence) as JSON.")
@click.option("--ocr/--no-ocr", default=True, show_default=True, help="OCR pages that are images (PDF input).")
@click.option(
    "--tone-style",
    type=click.Choice(["document", "old", "new"]),
    default="document",
    show_default=True,
    help="Tone placement of repaired words where conventions differ ('hóa' old, 'hoá' new); 'document' follows the input's proper lines.",
)
@_encoding_option
def repair_cmd(input_path: str, output: Path | None, changes_path: Path | None, ocr: bool, tone_style: str, encoding: str | None) -> None:
    """Restore Vietnamese diacritics in legacy English-OCR garble or stripped text.

    Proper Vietnamese and non-Vietnamese lines are left unchanged; numbers keep every digit.
    Pages are separated by form feeds in the output, as in the input.
    """
    import json

    from .repair import repair_document

    try:
        document = _ingest_one(input_path, ocr=ocr, workers=default_workers(), encoding=encoding)
    except EgovExtractError as exc:
        _fail(exc)
        sys.exit(exc.exit_code)
    repairer = None
    if tone_style != "document":
        from .repair.engine import Repairer, default_repairer

        shared = default_repairer()
        repairer = Repairer(shared.lm, shared.ocr, tone_style=tone_style)
    repaired = repair_document(document, repairer)
    _report_page_errors(document)
    text = repaired.text
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if changes_path:
        rows = [
            {"page": number, **change.model_dump()}
            for number, page in enumerate(repaired.pages, 1)
            for change in page.changes
        ]
        changes_path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    changed = sum(p.stats.changed for p in repaired.pages)
    low = sum(p.stats.low_confidence for p in repaired.pages)
    digits = sum(p.stats.digits_to_letters for p in repaired.pages)
    words = sum(p.stats.words for p in repaired.pages)
    click.echo(
        f"{document.source}: {changed} of {words} words repaired, {low} below confidence "
        f"{repaired.pages[0].low_confidence_threshold if repaired.pages else ''}, {digits} digits read as letters",
        err=True,
    )


@cli.command("extract")
@click.argument("input_path", metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="Print the Report as JSON.")
@click.option("--ocr/--no-ocr", default=True, show_default=True, help="OCR pages that are images (PDF input).")
@_encoding_option
def extract_cmd(input_path: str, as_json: bool, ocr: bool, encoding: str | None) -> None:
    """Extract report metadata and citations of legal documents, with provenance."""
    from .extract import extract_document
    from .repair import repair_document

    try:
        document = _ingest_one(input_path, ocr=ocr, workers=default_workers(), encoding=encoding)
    except EgovExtractError as exc:
        _fail(exc)
        sys.exit(exc.exit_code)
    report = extract_document(document, repair_document(document))
    _report_page_errors(document)
    if as_json:
        click.echo(report.to_json(), nl=False)
        return
    meta = report.meta
    click.echo(f"{meta.doc_type or '?'} {meta.number or ''} — {meta.issuer or '?'}, {meta.place or '?'}, {meta.date or '?'}")
    if meta.title:
        click.echo(f"  {meta.title}")
    for c in report.citations:
        when = f" ngày {c.date_text}" if c.date_text else ""
        click.echo(f"p{c.span.page}:{c.span.start}-{c.span.end}  {c.doc_type or '?'} {c.number}{when}" + (" (own number)" if c.is_self else ""))


@cli.command("audit")
@click.argument("inputs", nargs=-1)
@click.option("--db", "db", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Reconcile every report stored in this archive database (from `batch`).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the Audit as JSON here.")
@click.option("--markdown", "md_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the Audit as Markdown here.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the Audit as a standalone HTML page here.")
@click.option("--ocr/--no-ocr", default=True, show_default=True, help="OCR pages that are images (PDF input).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes [default: one per core].")
@_encoding_option
def audit_cmd(inputs, db: Path | None, json_out: Path | None, md_out: Path | None, html_out: Path | None, ocr: bool, workers: int | None, encoding: str | None) -> None:
    """Reconcile reports: contradictions within and across them, with evidence.

    INPUTS are files or directories; --db adds every report stored by `batch`. --html writes one
    page with filters by report, check and severity that works offline. Without
    --json/--markdown/--html the Markdown goes to standard output.
    """
    from .extract import extract_document
    from .reconcile import reconcile
    from .render import to_html, to_markdown
    from .repair import repair_document

    if not inputs and db is None:
        raise click.UsageError("give INPUTS, --db ARCHIVE.sqlite, or both")
    from .datamodel import FileNotRead
    from .ingest.inventory import walk

    reports, failed = [], 0
    if db is not None:
        from .batch import Store

        with Store(db) as store:
            reports += list(store.reports())
    files, unread = walk(list(inputs))  # every file under a folder: read, or listed with why not
    not_read = [FileNotRead(source=u.path, status=u.status, reason=u.reason) for u in unread]
    for u in unread:
        click.echo(f"egov-extract: not read: {u.path}: {u.reason}", err=True)
    workers = workers or default_workers()
    if "-" in files:  # standard input cannot go to a worker process: convert here, in order
        for path in files:
            try:
                document = _ingest_one(path, ocr=ocr, workers=workers, encoding=encoding)
            except EgovExtractError as exc:
                _fail(exc)
                failed += 1
                not_read.append(FileNotRead(source=path, status="failed", code=exc.code, reason=str(exc)))
                continue
            _report_page_errors(document)
            reports.append(extract_document(document, repair_document(document)))
    elif files:
        # The unit of work of `batch`: many files in worker processes, one file here with its
        # scanned pages OCR'd in parallel. Reports keep the input order.
        from .batch import convert_file, crashed_result
        from .batch.engines import run_local
        from .datamodel import Report

        if len(files) > 1 and workers > 1:
            tasks = ((i, (path, ocr, "vie", 300, 1, encoding)) for i, path in enumerate(files))
            results = dict(run_local(convert_file, tasks, workers, crashed=crashed_result))
        else:
            results = {i: convert_file(path, ocr, page_workers=workers, encoding=encoding) for i, path in enumerate(files)}
        for i, path in enumerate(files):
            result = results[i]
            if not result["ok"]:
                click.echo(f"egov-extract: error: {result['message']}", err=True)
                failed += 1
                not_read.append(FileNotRead(source=path, status="failed", code=result["code"], reason=result["message"]))
                continue
            for page, _code, message in result["page_errors"]:
                click.echo(f"egov-extract: warning: {path}: page {page}: {message}", err=True)
            reports.append(Report.model_validate_json(result["report_json"]))
    audit = reconcile(reports)
    if not_read:
        audit = audit.model_copy(update={"files_not_read": tuple(sorted(not_read, key=lambda f: f.source))})

    def html() -> str:
        from .render.crops import evidence_crops  # reads the scanned PDFs the evidence points into

        return to_html(audit, crops=evidence_crops(audit))

    outputs = ((json_out, audit.to_json), (md_out, lambda: to_markdown(audit)), (html_out, html))
    for target, content in outputs:
        if target:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content(), encoding="utf-8")
    if not (json_out or md_out or html_out):
        click.echo(to_markdown(audit))
    unread_note = f", {len(unread)} files not read (not documents or not reports, listed above)" if unread else ""
    click.echo(f"{len(reports)} reports, {len(audit.findings)} findings, {failed} files failed{unread_note}", err=True)
    if failed:
        sys.exit(EXIT_PARTIAL)


@cli.command("batch")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), required=True, help="SQLite archive database (created when missing).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes [default: one per core].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Local process pool, or dask.distributed.")
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler (engine dask); default: a local cluster.")
@click.option("--only-new", is_flag=True, help="Skip files already stored by path, size and mtime, without reading them.")
@click.option("--retry-failed", is_flag=True, help="Try again files that failed before and have not changed.")
@click.option("--reconvert", is_flag=True, help="Convert every file again, replacing what is stored (after an upgrade).")
@click.option("--ocr/--no-ocr", default=True, show_default=True, help="OCR pages that are images.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; only the summary line.")
def batch_cmd(input_dir: Path, db: Path, workers, engine, scheduler, only_new, retry_failed, reconvert, ocr, quiet) -> None:
    """Convert an archive folder (PDF, text, Markdown, DOCX, ODT, DOC, RTF, HTML, PNG/JPEG/TIFF) into an SQLite database.

    Resumable and idempotent: documents are keyed by content hash, a rerun converts only what is
    missing or changed, and each document is stored in one transaction. Failures are recorded
    with their cause and the batch goes on (exit code 12 when any file failed).
    """
    from .batch import run_batch

    progress = None if quiet else _BatchProgress()
    try:
        summary = run_batch(
            input_dir, db, workers=workers, engine=engine, scheduler=scheduler, only_new=only_new,
            retry_failed=retry_failed, reconvert=reconvert, ocr=ocr,
            on_start=progress.start if progress else None, on_file=progress.advance if progress else None,
        )
    finally:
        if progress:
            progress.stop()
    for path, code, message in summary.failures:
        click.echo(f"egov-extract: failed: {message} [{code}]", err=True)
    for path, code, message in summary.still_failing:
        click.echo(f"egov-extract: still failing (unchanged since it failed; --retry-failed to try again): {message} [{code}]", err=True)
    for path, status, reason in summary.not_read:
        click.echo(f"egov-extract: not read: {path}: {reason} [{status}]", err=True)
    click.echo(f"{summary.line()} -> {db}", err=True)
    if summary.failed or summary.still_failing:
        sys.exit(EXIT_PARTIAL)


class _BatchProgress:
    """A rich progress bar on standard error: files, pages, ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.pages = 0
        self.progress = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[pages]} pages"), TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self.task = None
        self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, pages=0, failed=0)
        if skipped:
            self.progress.console.print(f"{skipped} files already stored: skipped")

    def advance(self, path: str, result: dict) -> None:
        self.pages += len(result.get("pages", ()))
        self.failed += not result["ok"]
        self.progress.update(self.task, advance=1, pages=self.pages, failed=self.failed)

    def stop(self) -> None:
        self.progress.stop()


@cli.command("export")
@click.option("--db", "db", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True, help="jsonl: one Report per line; csv: one row per record.")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Output file [default: standard output].")
def export_cmd(db: Path, fmt: str, out: Path | None) -> None:
    """Export an archive database for pandas, DuckDB or a spreadsheet."""
    from .batch import Store

    with Store(db) as store:
        if out is None:
            n = getattr(store, f"export_{fmt}")(sys.stdout)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(out, "w", encoding="utf-8", newline="") as f:
                n = getattr(store, f"export_{fmt}")(f)
    click.echo(f"{n} {'reports' if fmt == 'jsonl' else 'records'} exported", err=True)


@cli.command("schemas")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 if the schemas in --out are stale, writing nothing.")
def schemas_cmd(out_dir: Path, check: bool) -> None:
    """Write JSON Schemas of the public records (generated from the models)."""
    from .schemas import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out_dir)
        if stale:
            click.echo(f"stale schemas in {out_dir}: {', '.join(stale)}; run egov-extract schemas", err=True)
            sys.exit(1)
        click.echo(f"schemas in {out_dir} are up to date")
        return
    for path in write_schemas(out_dir):
        click.echo(str(path))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="egov-extract")


if __name__ == "__main__":
    main()
