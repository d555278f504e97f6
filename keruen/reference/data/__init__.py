"""Data files of keruen.reference (a package so that setuptools ships the JSON as package data)."""
