"""Audit route walk cases for the attendance service (see audit_cases/__init__.py)."""


def record(walk):
    world = walk.build.world()
    path = f"/v1/sessions/{world.session['id']}/attendance/{world.participant['id']}"
    # 404/422 until attendance has the session and the approval from their events.
    walk.write("attendance", "PUT", path, {"status": "present"}, 201, "attendance", retry=(404, 422))
    walk.unchanged("attendance", "PUT", path, {"status": "present"}, 200)  # the same mark again
    walk.write("attendance", "PUT", path, {"status": "late", "minutes": 60, "reason": "came late"}, 200,
               "attendance")  # a correction, with the reason it needs


def apologise(walk):
    world = walk.build.world()
    future = walk.build.session(world.cohort["id"], starts_at="2030-03-10T09:00:00+01:00",
                                ends_at="2030-03-10T11:00:00+01:00")
    path = f"/v1/sessions/{future['id']}/apologies"
    body = {"participant_id": world.participant["id"], "reason": "at the dentist"}
    # 404/422 until attendance has the session and the approval from their events.
    walk.write("attendance", "POST", path, body, 201, "apology", retry=(404, 422))
    walk.unchanged("attendance", "POST", path, body, 200)  # one apology per session and participant


def confirm_statement(walk):
    world = walk.build.world()
    path = f"/v1/participants/{world.participant['id']}/statements/2025-03/confirm"
    # Only the participant themselves confirms, and a token is linked to a participant through
    # participant.registered/changed `subject`, which enrolment does not emit yet: the walk's
    # administrator is refused without an entry. The confirmation's own entry is proven by
    # attendance_store_tests (Statements.ACorrectionSupersedesTheConfirmedVersionWhichStaysReadable).
    walk.unchanged("attendance", "POST", path, {"sha256": "0" * 64}, 403)


CASES = {
    ("POST", "/v1/participants/{participant_id}/statements/{month}/confirm"): confirm_statement,
    ("POST", "/v1/sessions/{session_id}/apologies"): apologise,
    ("PUT", "/v1/sessions/{session_id}/attendance/{participant_id}"): record,
}
