"""Helpers for the accessibility and archival checks (issue 5): the sample corpus, the
Chromium/axe-core runner (check.mjs), the Nu HTML Checker and screenshots."""
