"""Audit route walk cases for the attendance service (see audit_cases/__init__.py)."""
import uuid

from support import eventually, retry_while


def settle_start(walk, world):
    """A participant's first mark makes enrolment record the start (enrolment.started, its own
    audit entry, written by its consumer a moment later). Wait for it, so that entry is not counted
    against the next case's write."""
    path = f"/v1/enrolments/{world.enrolment['id']}"
    eventually(lambda: walk.api.get("enrolment", path).json().get("started_on"), "enrolment to record the start")


def record(walk):
    world = walk.build.world()
    path = f"/v1/sessions/{world.session['id']}/attendance/{world.participant['id']}"
    # 404/422 until attendance has the session and the approval from their events.
    walk.write("attendance", "PUT", path, {"status": "present"}, 201, "attendance", retry=(404, 422))
    walk.unchanged("attendance", "PUT", path, {"status": "present"}, 200)  # the same mark again
    walk.write("attendance", "PUT", path, {"status": "late", "minutes": 60, "reason": "came late"}, 200,
               "attendance")  # a correction, with the reason it needs
    settle_start(walk, world)


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


def _self_study_body(world):
    return {"participant_id": world.participant["id"], "cohort_id": world.cohort["id"],
            "module_id": world.module["id"], "studied_on": "2025-03-11", "minutes": 90,
            "description": "read chapter 3"}


def _logged_entry(walk):
    """A pending entry, logged outside the walk's count (422 until the replicas have the world)."""
    world = walk.build.world()
    walk.test.assertStatus(walk.api.put("attendance", f"/v1/cohorts/{world.cohort['id']}/self-study-policy",
                                        {"allowed": True}), 200)
    response = retry_while(lambda: walk.api.post("attendance", "/v1/self-study", _self_study_body(world)),
                           (422,), "the self-study world")
    walk.test.assertStatus(response, 201)
    return response.json()


def self_study_policy(walk):
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    path = f"/v1/cohorts/{cohort_id}/self-study-policy"
    walk.write("attendance", "PUT", path, {"allowed": True}, 200, "cohort", entity_id=cohort_id)
    walk.unchanged("attendance", "PUT", path, {"allowed": True}, 200)  # already so


def log_self_study(walk):
    world = walk.build.world()
    walk.test.assertStatus(walk.api.put("attendance", f"/v1/cohorts/{world.cohort['id']}/self-study-policy",
                                        {"allowed": True}), 200)
    walk.write("attendance", "POST", "/v1/self-study", _self_study_body(world), 201, "self_study", retry=(422,))


def approve_self_study(walk):
    entry = _logged_entry(walk)
    path = f"/v1/self-study/{entry['id']}/approve"
    walk.write("attendance", "POST", path, {}, 200, "self_study")
    walk.unchanged("attendance", "POST", path, {}, 200)  # the same decision again


def reject_self_study(walk):
    entry = _logged_entry(walk)
    path = f"/v1/self-study/{entry['id']}/reject"
    walk.write("attendance", "POST", path, {"reason": "not course work"}, 200, "self_study")
    walk.unchanged("attendance", "POST", f"/v1/self-study/{entry['id']}/approve", {}, 409)  # final


def open_check_in(walk):
    world = walk.build.world()
    path = f"/v1/sessions/{world.session['id']}/check-in"
    # 404 until attendance has the session from its event.
    walk.write("attendance", "POST", path, {}, 200, "check_in", entity_id=world.session["id"], retry=(404,))
    walk.unchanged("attendance", "POST", path, {}, 200)  # open already: the same secret, no entry


def check_in(walk):
    world = walk.build.world()
    # Participants only, with a token linked to a participant (participant.registered/changed
    # `subject`, not emitted by enrolment yet): the administrator is refused without an entry.
    # The mark's own entry is proven by attendance_store_tests (CheckIn.*).
    walk.unchanged("attendance", "POST", f"/v1/sessions/{world.session['id']}/check-ins", {"code": "123456"}, 403)


def zoom_report(email):
    """A Zoom participants export of the world's session (2025-03-10, 09:00-12:00 Stockholm)."""
    return ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
            f"Astrid,{email.upper()},2025-03-10 08:58:00,2025-03-10 11:30:00,152,No\r\n"
            "Gäst,,2025-03-10 09:05:00,2025-03-10 09:30:00,25,Yes\r\n")


def import_report(walk):
    """An import audits each changed mark (attendance.recorded/corrected) and the import itself
    (attendance_import.applied), all under the request's id: two entries here, one mark. So this
    case checks them itself instead of walk.write, which expects exactly one."""
    world = walk.build.world()
    path = f"/v1/sessions/{world.session['id']}/attendance/imports"
    report = zoom_report(world.participant["email"])

    def send(query="", key=None):
        request_id = f"walk-{uuid.uuid4().hex}"
        headers = {"Content-Type": "text/csv", "X-Request-Id": request_id}
        if key:
            headers["Idempotency-Key"] = key
        return walk.api.request("attendance", "POST", path + query, raw=report, headers=headers), request_id

    # A dry run until attendance knows the session, the approval and the participant's address.
    def matched():
        response, _ = send("?dry_run=true")
        return response.status == 200 and len(response.json()["matched"]) == 1
    eventually(matched, "attendance's replicas to match the report")

    before = walk.last_seq("attendance")
    key = f"walk-{uuid.uuid4()}"
    response, request_id = send(key=key)
    walk.test.assertStatus(response, 200)
    outcome = response.json()
    walk.test.assertEqual((outcome["changes"], outcome["format"]), (1, "zoom"), outcome)
    walk.test.assertEqual([u["reason"] for u in outcome["unmatched"]], ["no_email"], outcome)
    entries = walk.entries_after("attendance", before)
    walk.test.assertEqual(sorted((e["action"], e["entity_type"]) for e in entries),
                          [("attendance.recorded", "attendance"),
                           ("attendance_import.applied", "attendance_import")], entries)
    walk.test.assertEqual({e["request_id"] for e in entries}, {request_id}, entries)
    walk.test.assertIn(outcome["import_id"], {e["entity_id"] for e in entries})
    after = entries[-1]["seq"]
    # The same key again: the same answer, replayed, and no entry.
    replay, _ = send(key=key)
    walk.test.assertEqual((replay.status, replay.body), (response.status, response.body), replay.describe())
    walk.test.assertEqual(replay.headers.get("idempotent-replayed"), "true", replay.describe())
    # The same file under a new key changes nothing and records nothing.
    again, _ = send(key=f"walk-{uuid.uuid4()}")
    walk.test.assertEqual(walk.test.assertStatus(again, 200).json()["changes"], 0)
    walk.test.assertEqual(walk.entries_after("attendance", after), [], "a repeated import was audited")
    settle_start(walk, world)


def email_aliases(walk):
    world = walk.build.world()
    path = f"/v1/participants/{world.participant['id']}/email-aliases"
    body = {"emails": ["Astrid.Private@Example.org"]}
    walk.write("attendance", "PUT", path, body, 200, "participant_email_aliases",
               entity_id=world.participant["id"], retry=(404,))  # 404 until attendance knows them
    walk.unchanged("attendance", "PUT", path, body, 200)


CASES = {
    ("POST", "/v1/sessions/{session_id}/check-in"): open_check_in,
    ("POST", "/v1/sessions/{session_id}/check-ins"): check_in,
    ("PUT", "/v1/cohorts/{cohort_id}/self-study-policy"): self_study_policy,
    ("POST", "/v1/self-study"): log_self_study,
    ("POST", "/v1/self-study/{entry_id}/approve"): approve_self_study,
    ("POST", "/v1/self-study/{entry_id}/reject"): reject_self_study,
    ("POST", "/v1/participants/{participant_id}/statements/{month}/confirm"): confirm_statement,
    ("POST", "/v1/sessions/{session_id}/apologies"): apologise,
    ("PUT", "/v1/sessions/{session_id}/attendance/{participant_id}"): record,
    ("POST", "/v1/sessions/{session_id}/attendance/imports"): import_report,
    ("PUT", "/v1/participants/{participant_id}/email-aliases"): email_aliases,
}
