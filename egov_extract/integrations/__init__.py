"""Bridges to other toolkits (optional dependencies)."""
