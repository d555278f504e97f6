"""Locale formats Django does not ship: Kazakh (``FORMAT_MODULE_PATH``)."""
