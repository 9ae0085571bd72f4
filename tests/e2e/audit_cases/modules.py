"""Audit route walk cases for the modules service (see audit_cases/__init__.py)."""
from support import session_body, unique


def programme(walk):
    walk.write("modules", "POST", "/v1/programmes", {"title": unique("Programme")}, 201, "programme")


def programme_rules(walk):
    programme_id = walk.build.programme()["id"]
    path = f"/v1/programmes/{programme_id}/rules"
    rules = {"min_electives": 1, "max_electives": None, "start_on_approval": False,
             "completion_rule": {"threshold_percent": 80, "basis": "sessions", "excused_counts": False,
                                 "self_study_counts": True, "conferences_mandatory": True}}
    walk.write("modules", "PUT", path, rules, 200, "programme", entity_id=programme_id)
    walk.unchanged("modules", "PUT", path, rules, 200)  # the same rules: no change, no entry
    walk.unchanged("modules", "PUT", path, dict(rules, min_electives=-1), 422)


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


def reschedule(walk):
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    session_id = walk.build.session(cohort_id)["id"]
    path = f"/v1/sessions/{session_id}/reschedule"
    body = {"starts_at": "2025-03-11T09:00:00+01:00", "ends_at": "2025-03-11T12:00:00+01:00", "reason": "room clash"}
    walk.write("modules", "POST", path, body, 200, "session", entity_id=session_id)
    # The same times again, written in UTC: no change, no event, no entry.
    walk.unchanged("modules", "POST", path,
                   {"starts_at": "2025-03-11T08:00:00Z", "ends_at": "2025-03-11T11:00:00Z", "reason": "again"}, 200)


def cancel(walk):
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    session_id = walk.build.session(cohort_id)["id"]
    path = f"/v1/sessions/{session_id}/cancel"
    walk.write("modules", "POST", path, {"reason": "trainer ill"}, 200, "session", entity_id=session_id)
    walk.unchanged("modules", "POST", path, {"reason": "twice"}, 409)  # a cancelled session is final


def trainers(walk):
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    session_id = walk.build.session(cohort_id)["id"]
    path = f"/v1/sessions/{session_id}/trainers"
    walk.write("modules", "PUT", path, {"trainer_subjects": ["trainer-b", "trainer-a"]}, 200, "session",
               entity_id=session_id)
    walk.unchanged("modules", "PUT", path, {"trainer_subjects": ["trainer-a", "trainer-b", "trainer-a"]}, 200)
    # Names given for the same subjects are a change (one entry); the same names again are not.
    named = {"trainers": [{"subject": "trainer-a", "name": "Åsa Ek"}, {"subject": "trainer-b"}]}
    walk.write("modules", "PUT", path, named, 200, "session", entity_id=session_id)
    walk.unchanged("modules", "PUT", path, named, 200)


CASES = {
    ("PUT", "/v1/sessions/{session_id}/trainers"): trainers,
    ("POST", "/v1/sessions/{session_id}/reschedule"): reschedule,
    ("POST", "/v1/sessions/{session_id}/cancel"): cancel,
    ("POST", "/v1/programmes"): programme,
    ("PUT", "/v1/programmes/{id}/rules"): programme_rules,
    ("POST", "/v1/programmes/{id}/cohorts"): cohort,
    ("POST", "/v1/programmes/{id}/modules"): module,
    ("POST", "/v1/cohorts/{id}/sessions"): session,
}
