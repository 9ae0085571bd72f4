"""Audit route walk cases for the attendance service (see audit_cases/__init__.py)."""


def record(walk):
    world = walk.build.world()
    path = f"/v1/sessions/{world.session['id']}/attendance/{world.participant['id']}"
    # 404/422 until attendance has the session and the approval from their events.
    walk.write("attendance", "PUT", path, {"status": "present"}, 201, "attendance", retry=(404, 422))
    walk.unchanged("attendance", "PUT", path, {"status": "present"}, 200)  # the same mark again
    walk.write("attendance", "PUT", path, {"status": "late", "minutes": 60, "reason": "came late"}, 200,
               "attendance")  # a correction, with the reason it needs


CASES = {
    ("PUT", "/v1/sessions/{session_id}/attendance/{participant_id}"): record,
}
