"""Audit route walk cases for the reporting service: it has no write routes (it only reads the
other services' events), so there is nothing to walk; the walk still verifies its chain."""

CASES = {}
