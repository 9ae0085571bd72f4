"""Audit cases for the enrolment service's write routes.

CASES feeds the route walk (tests/e2e/test_audit_route_walk.py; see audit_cases/__init__.py).
cases(test, client) lists the same routes as one lifecycle with the exact audit entry each must
leave (action, entity, versions before and after, reason), for tests/e2e/test_withdrawal.py."""
import datetime
import uuid

from support import Builder, org_number, participant_body, unique


def _day(offset):
    return (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=offset)).isoformat()


def cases(test, client):
    build = Builder(test, client)
    programme = build.programme()
    # A cohort running now, so that a leaving date of today or later lies within it.
    cohort = test.assertStatus(client.post("modules", f"/v1/programmes/{programme['id']}/cohorts",
                                           {"name": unique("Cohort"), "starts_on": _day(-30),
                                            "ends_on": _day(60)}), 201).json()
    organisation = build.organisation()
    first = build.participant(organisation["id"])
    pending = build.enrolment(first["id"], cohort["id"])  # waits for enrolment's cohort replica
    second = build.participant(organisation["id"])
    reason = f"moved to another post {uuid.uuid4().hex[:6]}"

    def entry(action, entity_type, entity_id, before, after, why=None):
        return {"action": action, "entity_type": entity_type, "entity_id": entity_id,
                "version_before": before, "version_after": after, "reason": why}

    return [
        {"service": "enrolment", "method": "POST", "path": "/v1/organisations",
         "body": {"name": unique("Kommun"), "org_number": org_number(), "type": "municipality"},
         "status": 201, "entry": entry("organisation.registered", "organisation", None, None, 1)},
        {"service": "enrolment", "method": "POST", "path": "/v1/participants",
         "body": participant_body(organisation["id"]),
         "status": 201, "entry": entry("participant.registered", "participant", None, None, 1)},
        {"service": "enrolment", "method": "POST", "path": "/v1/enrolments",
         "body": {"participant_id": second["id"], "cohort_id": cohort["id"]},
         "status": 201, "entry": entry("enrolment.requested", "enrolment", None, None, 1)},
        {"service": "enrolment", "method": "POST", "path": f"/v1/enrolments/{pending['id']}/approve",
         "body": {},
         "status": 200, "entry": entry("enrolment.approved", "enrolment", pending["id"], 1, 2)},
        {"service": "enrolment", "method": "POST", "path": f"/v1/enrolments/{pending['id']}/withdraw",
         "body": {"left_on": _day(3), "reason": reason},
         "status": 200, "entry": entry("enrolment.withdrawn", "enrolment", pending["id"], 2, 3, reason)},
    ]


def organisation(walk):
    walk.write("enrolment", "POST", "/v1/organisations",
               {"name": unique("Kommun"), "org_number": org_number(), "type": "municipality"}, 201, "organisation")


def participant(walk):
    organisation_id = walk.build.organisation()["id"]
    walk.write("enrolment", "POST", "/v1/participants", participant_body(organisation_id), 201, "participant")


def enrolment(walk):
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    # 422 until enrolment has the cohort from its event; a refused request writes nothing.
    walk.write("enrolment", "POST", "/v1/enrolments", {"participant_id": participant_id, "cohort_id": cohort_id},
               201, "enrolment", retry=(422,))


def approve(walk):
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    enrolment_id = walk.build.enrolment(participant_id, cohort_id)["id"]
    path = f"/v1/enrolments/{enrolment_id}/approve"
    walk.write("enrolment", "POST", path, {}, 200, "enrolment", entity_id=enrolment_id)
    walk.unchanged("enrolment", "POST", path, {}, 409)  # already approved: no change, no entry


def withdraw(walk):
    programme_id = walk.build.programme()["id"]
    # A cohort running now, so that a leaving date a few days ahead lies within it.
    cohort = walk.api.post("modules", f"/v1/programmes/{programme_id}/cohorts",
                           {"name": unique("Cohort"), "starts_on": _day(-30), "ends_on": _day(60)}).json()
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    enrolment_id = walk.build.enrolment(participant_id, cohort["id"])["id"]
    path = f"/v1/enrolments/{enrolment_id}/withdraw"
    body = {"left_on": _day(3), "reason": "moved to another post"}
    walk.write("enrolment", "POST", path, body, 200, "enrolment", entity_id=enrolment_id)
    walk.unchanged("enrolment", "POST", path, body, 409)  # already withdrawn: no change, no entry


def _open_enrolment(walk):
    """An enrolment pending at the organisation stage, in a cohort enrolment already knows."""
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    return walk.build.enrolment(participant_id, cohort_id)


def reject(walk):
    enrolment_id = _open_enrolment(walk)["id"]
    path = f"/v1/enrolments/{enrolment_id}/reject"
    walk.write("enrolment", "POST", path, {"reason": "not in the target group"}, 200, "enrolment",
               entity_id=enrolment_id)
    walk.unchanged("enrolment", "POST", path, {"reason": "again"}, 409)  # already rejected


def interest(walk):
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    cohort_id = walk.build.cohort(walk.build.programme()["id"])["id"]
    # 422 until enrolment has the cohort from its event.
    created = walk.write("enrolment", "POST", f"/v1/cohorts/{cohort_id}/interest",
                         {"participant_id": participant_id}, 201, "enrolment", retry=(422,))
    return created


def request(walk):
    enrolment_id = interest(walk)["id"]
    path = f"/v1/enrolments/{enrolment_id}/request"
    walk.write("enrolment", "POST", path, {}, 200, "enrolment", entity_id=enrolment_id)
    walk.unchanged("enrolment", "POST", path, {}, 409)  # no longer interest


def policy(walk):
    cohort_id = _open_enrolment(walk)["cohort_id"]  # the cohort is in enrolment's replica
    path = f"/v1/cohorts/{cohort_id}/enrolment-policy"
    body = {"capacity": 5, "organisation_quotas": {}, "approval": ["organisation", "federation"],
            "waitlist": True}
    walk.write("enrolment", "PUT", path, body, 200, "cohort", entity_id=cohort_id)


def modules(walk):
    programme_id = walk.build.programme()["id"]
    module_id = walk.build.module(programme_id)["id"]
    cohort_id = walk.build.cohort(programme_id)["id"]
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    enrolment_id = walk.build.enrolment(participant_id, cohort_id)["id"]
    # 422 until enrolment has the module from its event.
    walk.write("enrolment", "PUT", f"/v1/enrolments/{enrolment_id}/modules", {"module_ids": [module_id]},
               200, "enrolment", entity_id=enrolment_id, retry=(422,))


def link_subject(walk):
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    path = f"/v1/participants/{participant_id}/subject"
    body = {"subject": unique("sub")}
    walk.write("enrolment", "PUT", path, body, 200, "participant", entity_id=participant_id)
    walk.unchanged("enrolment", "PUT", path, body, 200)  # the same link again: no change, no entry


def entry_facts(walk):
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    path = f"/v1/participants/{participant_id}/entry-facts"
    answered = {"state": "answered", "value": "employed", "source": "target_group"}
    body = {"facts": {"gender": {"state": "declined"}, "employment_status": answered}}
    walk.write("enrolment", "PUT", path, body, 200, "entry_facts", entity_id=participant_id)
    walk.unchanged("enrolment", "PUT", path, body, 200)  # the same facts again: no new version


def sensitive_facts(walk):
    """Only where a programme collects them (ADR 0070): 409 until enrolment's programme replica has
    the rule; the audit entry names the participant, never a value."""
    programme_id = walk.build.programme()["id"]
    walk.api.put("modules", f"/v1/programmes/{programme_id}/rules",
                 {"min_electives": 0, "start_on_approval": False, "sensitive_categories": True})
    cohort_id = walk.build.cohort(programme_id)["id"]
    organisation_id = walk.build.organisation()["id"]
    participant_id = walk.build.participant(organisation_id)["id"]
    walk.build.enrolment(participant_id, cohort_id)
    path = f"/v1/participants/{participant_id}/sensitive-facts"
    body = {"disability": {"state": "declined"}, "minority": {"state": "answered", "value": False}}
    walk.write("enrolment", "PUT", path, body, 200, "sensitive_facts", entity_id=participant_id,
               retry=(409,))
    walk.unchanged("enrolment", "PUT", path, body, 200)  # the same facts again: no new version


def participant_import(walk):
    """A CSV body, so not walk.write: one participant.registered entry per row created, a replay
    of the key answers the same without an entry, and the same file again creates nobody."""
    organisation_id = walk.build.organisation()["id"]
    path = f"/v1/organisations/{organisation_id}/participants/imports"
    tag = uuid.uuid4().hex[:8]
    csv = ("name;email;gender;birth_year\n"
           f"Astrid {tag};astrid.{tag}@example.se;woman;1980\n"
           f"Bo {tag};bo.{tag}@example.se;man;1975\n")
    key = f"walk-{uuid.uuid4()}"

    def send(key=None):
        headers = {"Content-Type": "text/csv", "X-Request-Id": f"walk-{uuid.uuid4().hex}"}
        if key:
            headers["Idempotency-Key"] = key
        return walk.api.request("enrolment", "POST", path, raw=csv, headers=headers), headers["X-Request-Id"]

    before = walk.last_seq("enrolment")
    response, request_id = send(key)
    walk.test.assertStatus(response, 201)
    walk.test.assertEqual(response.json()["created"], 2)
    entries = walk.entries_after("enrolment", before)
    walk.test.assertEqual([(e["action"], e["entity_type"], e["version_before"], e["version_after"], e["request_id"])
                           for e in entries],
                          [("participant.registered", "participant", None, 1, request_id)] * 2, entries)
    after = entries[-1]["seq"]
    replay, _ = send(key)
    walk.test.assertEqual((replay.status, replay.body), (response.status, response.body), replay.describe())
    again, _ = send()
    walk.test.assertStatus(again, 200)
    walk.test.assertEqual((again.json()["created"], again.json()["unchanged"]), (0, 2))
    walk.test.assertEqual(walk.entries_after("enrolment", after), [], "a repeat import was audited")


CASES = {
    ("POST", "/v1/organisations"): organisation,
    ("POST", "/v1/participants"): participant,
    ("POST", "/v1/enrolments"): enrolment,
    ("POST", "/v1/enrolments/{id}/approve"): approve,
    ("POST", "/v1/enrolments/{id}/withdraw"): withdraw,
    ("POST", "/v1/enrolments/{id}/reject"): reject,
    ("POST", "/v1/enrolments/{id}/request"): request,
    ("POST", "/v1/cohorts/{cohort_id}/interest"): interest,
    ("PUT", "/v1/cohorts/{cohort_id}/enrolment-policy"): policy,
    ("PUT", "/v1/enrolments/{id}/modules"): modules,
    ("PUT", "/v1/participants/{id}/subject"): link_subject,
    ("PUT", "/v1/participants/{id}/entry-facts"): entry_facts,
    ("PUT", "/v1/participants/{id}/sensitive-facts"): sensitive_facts,
    ("POST", "/v1/organisations/{id}/participants/imports"): participant_import,
}
