"""Route-walk cases for the enrolment service's write routes. Each case is one request that makes
one state change, and the audit entry it must leave (ADR 0025): the action, the entity, the
versions before and after, and the reason (only a withdrawal has one). The cases run in order:
the approval and withdrawal act on the enrolment prepared here, one version after the other.

cases(test, client) prepares what the cases need through the public APIs and returns them as
dicts: service, method, path, body, status, and entry = {action, entity_type, entity_id,
version_before, version_after, reason}. entity_id None means "the id in the response body"
(the entity the request created)."""
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


__all__ = ["cases"]
