"""Render: an Audit as JSON (Audit.to_json), Markdown, or a standalone HTML page."""

from .html import to_html
from .markdown import to_markdown

__all__ = ["to_html", "to_markdown"]
