"""Render: an Audit as JSON (Audit.to_json), Markdown, or a standalone HTML page."""

from .markdown import to_markdown

__all__ = ["to_markdown"]
