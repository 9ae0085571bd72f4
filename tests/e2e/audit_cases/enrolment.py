"""Audit route walk cases for the enrolment service (see audit_cases/__init__.py)."""
from support import org_number, participant_body, unique


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


CASES = {
    ("POST", "/v1/organisations"): organisation,
    ("POST", "/v1/participants"): participant,
    ("POST", "/v1/enrolments"): enrolment,
    ("POST", "/v1/enrolments/{id}/approve"): approve,
}
