"""Audit route walk cases for the modules service (see audit_cases/__init__.py)."""
from support import session_body, unique


def programme(walk):
    walk.write("modules", "POST", "/v1/programmes", {"title": unique("Programme")}, 201, "programme")


def cohort(walk):
    programme_id = walk.build.programme()["id"]
    walk.write("modules", "POST", f"/v1/programmes/{programme_id}/cohorts",
               {"name": unique("Cohort"), "starts_on": "2025-03-01", "ends_on": "2025-06-30"}, 201, "cohort")


def module(walk):
    programme_id = walk.build.programme()["id"]
    walk.write("modules", "POST", f"/v1/programmes/{programme_id}/modules",
               {"code": unique("M"), "title": "Module", "mandatory": True, "planned_hours": 8}, 201, "module")


def session(walk):
    programme_id = walk.build.programme()["id"]
    cohort_id = walk.build.cohort(programme_id)["id"]
    walk.write("modules", "POST", f"/v1/cohorts/{cohort_id}/sessions", session_body(), 201, "session")


CASES = {
    ("POST", "/v1/programmes"): programme,
    ("POST", "/v1/programmes/{id}/cohorts"): cohort,
    ("POST", "/v1/programmes/{id}/modules"): module,
    ("POST", "/v1/cohorts/{id}/sessions"): session,
}
