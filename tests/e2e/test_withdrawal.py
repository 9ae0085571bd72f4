"""Withdrawal of an enrolment, end to end: who may withdraw, the rules for the leaving date, the
version every state change raises, the events it publishes (with the full state and without the
reason), concurrent transitions of one enrolment, and e-mail clashes that stay inside an
organisation."""
import json
import unittest

from audit_cases import enrolment as enrolment_audit_cases
from support import (in_parallel, utc_day, OTHER_FEDERATION, Builder, StackTestCase, eventually, kcat, participant_body, unique)

TOPIC = "samverkan.enrolment"
CHANGED = "se.samverkan.enrolment.enrolment.changed.v1"
APPROVED = "se.samverkan.enrolment.enrolment.approved.v1"




day = utc_day  # a UTC day relative to today


class Withdrawal(StackTestCase):
    w = None  # built once by the first setUp

    def setUp(self):
        super().setUp()
        if Withdrawal.w is None:
            build = Builder(self, self.admin)
            w = type("World", (), {})()
            w.programme = build.programme()
            # A cohort running now, so that today's and later days are within it.
            w.cohort = self.assertStatus(self.admin.post("modules", f"/v1/programmes/{w.programme['id']}/cohorts",
                                                         {"name": unique("Cohort"), "starts_on": day(-30),
                                                          "ends_on": day(60)}), 201).json()
            w.organisation = build.organisation()
            w.other_org = build.organisation()
            Withdrawal.w = w
        self.build = Builder(self, self.admin)

    def enrolled(self, organisation=None, approve=False):
        person = self.build.participant((organisation or self.w.organisation)["id"])
        enrolment = self.build.enrolment(person["id"], self.w.cohort["id"])
        return self.build.approve(enrolment["id"]) if approve else enrolment

    def withdraw(self, enrolment_id, client=None, **body):
        body = {"left_on": day(5), "reason": "moved to another post", **body}
        return (client or self.admin).post("enrolment", f"/v1/enrolments/{enrolment_id}/withdraw", body)

    def published(self, enrolment_id):
        """(type, data) of every event on the enrolment topic keyed by this enrolment, in order."""
        out = kcat(self.stack, "-C", "-t", TOPIC, "-o", "beginning", "-e", "-q", "-f", "%k\t%h\t%s\n")
        events = []
        for line in out.splitlines():
            key, headers, payload = line.split("\t", 2)
            if key != enrolment_id:
                continue
            ce_type = next((h.split("=", 1)[1] for h in headers.split(",") if h.startswith("ce_type=")), "")
            events.append((ce_type, json.loads(payload)))
        return events

    def test_approved_enrolment_is_withdrawn_with_a_new_version(self):
        enrolment = self.enrolled(approve=True)
        self.assertEqual((enrolment["status"], enrolment["version"]), ("approved", 2))
        withdrawn = self.assertStatus(self.withdraw(enrolment["id"], left_on=day(5)), 200).json()
        self.assertEqual(withdrawn["status"], "withdrawn")
        self.assertEqual(withdrawn["left_on"], day(5))
        self.assertEqual(withdrawn["version"], 3)
        self.assertIsNone(withdrawn["stage"])
        self.assertEqual(withdrawn["approved_at"], enrolment["approved_at"])  # history is kept
        self.assertEqual(self.admin.get("enrolment", f"/v1/enrolments/{enrolment['id']}").json(), withdrawn)
        # Neither approved again nor withdrawn twice.
        self.assertProblem(self.admin.post("enrolment", f"/v1/enrolments/{enrolment['id']}/approve", {}), 409)
        self.assertProblem(self.withdraw(enrolment["id"]), 409)

        # Published: requested (v1), approved as changed and as the transitional approved (v2),
        # and the withdrawal as changed (v3) with the full state and without the reason.
        events = eventually(lambda: (lambda e: e if len(e) >= 4 else None)(self.published(enrolment["id"])),
                            "the enrolment's four events on the topic")
        self.assertEqual([(t, d["version"]) for t, d in events],
                         [("se.samverkan.enrolment.enrolment.requested.v1", 1), (CHANGED, 2), (APPROVED, 2),
                          (CHANGED, 3)])
        last = events[-1][1]
        self.assertEqual((last["status"], last["left_on"], last["stage"]), ("withdrawn", day(5), None))
        self.assertNotIn("reason", last)
        self.assertNotIn("moved to another post", str(events))
        self.assertServicesHealthy()

    def test_pending_enrolment_can_be_withdrawn(self):
        enrolment = self.enrolled()
        self.assertEqual((enrolment["status"], enrolment["stage"], enrolment["version"]),
                         ("pending", "organisation", 1))
        withdrawn = self.assertStatus(self.withdraw(enrolment["id"], left_on=day(0)), 200).json()
        self.assertEqual((withdrawn["status"], withdrawn["left_on"], withdrawn["version"]), ("withdrawn", day(0), 2))
        self.assertIsNone(withdrawn["approved_at"])
        self.assertProblem(self.admin.post("enrolment", f"/v1/enrolments/{enrolment['id']}/approve", {}), 409)

    def test_leaving_date_rules(self):
        enrolment = self.enrolled(approve=True)
        for left_on in (day(-1), day(61), day(-31)):  # backdated, after the cohort, before it
            with self.subTest(left_on=left_on):
                self.assertFieldError(self.withdraw(enrolment["id"], left_on=left_on), 422, "left_on")
        for left_on in ("2027-02-30", "tomorrow", "2027-1-01"):
            with self.subTest(left_on=left_on):
                self.assertFieldError(self.withdraw(enrolment["id"], left_on=left_on), 400, "left_on")
        self.assertFieldError(self.withdraw(enrolment["id"], reason="   "), 400, "reason")
        self.assertFieldError(self.withdraw(enrolment["id"], reason=""), 400, "reason")
        self.assertFieldError(self.admin.post("enrolment", f"/v1/enrolments/{enrolment['id']}/withdraw",
                                              {"left_on": day(1)}), 400, "reason")
        self.assertFieldError(self.withdraw(enrolment["id"], surprise=1), 400, "surprise")
        self.assertFieldError(self.admin.post("enrolment", f"/v1/enrolments/{enrolment['id']}/withdraw",
                                              raw="left_on=tomorrow"), 400, "body")
        # None of the above changed anything.
        self.assertEqual(self.admin.get("enrolment", f"/v1/enrolments/{enrolment['id']}").json()["version"], 2)
        self.assertServicesHealthy()

    def test_who_may_withdraw(self):
        mine = self.enrolled(approve=True)
        theirs = self.enrolled(organisation=self.w.other_org, approve=True)
        coordinator = self.admin.with_token(self.stack.token(roles=("org_coordinator",),
                                                             org=self.w.organisation["id"]))
        trainer = self.admin.with_token(self.stack.token(roles=("trainer",)))
        stranger = self.admin.with_token(self.stack.token(federation=OTHER_FEDERATION))
        # Another organisation's enrolment, or another federation's, looks missing.
        self.assertProblem(self.withdraw(theirs["id"], client=coordinator), 404)
        self.assertProblem(self.withdraw(mine["id"], client=stranger), 404)
        self.assertProblem(self.withdraw(mine["id"], client=trainer), 403)
        self.assertStatus(self.withdraw(mine["id"], client=coordinator), 200)
        self.assertStatus(self.withdraw(theirs["id"]), 200)  # the administrator acts for all

    def test_concurrent_transitions_succeed_once_per_version(self):
        enrolment = self.enrolled()
        path = f"/v1/enrolments/{enrolment['id']}"
        responses = in_parallel(10, lambda i: self.admin.post("enrolment", f"{path}/approve", {}) if i % 2 == 0
                                else self.withdraw(enrolment["id"]))
        for response in responses:
            self.assertStatus(response, 200, 409)
        winners = [r.json() for r in responses if r.status == 200]
        versions = sorted(w["version"] for w in winners)
        self.assertEqual(versions, list(range(2, 2 + len(winners))), "two transitions from one version")
        self.assertEqual([w["status"] for w in winners].count("withdrawn"), 1, [r.describe() for r in responses])
        final = self.admin.get("enrolment", path).json()
        self.assertEqual((final["status"], final["version"]), ("withdrawn", versions[-1]))
        changed = eventually(lambda: (lambda e: e if len([1 for t, _ in e if t == CHANGED]) >= len(winners) else None)(
            self.published(enrolment["id"])), "one enrolment.changed per transition")
        self.assertEqual([d["version"] for t, d in changed if t == CHANGED], versions)
        self.assertServicesHealthy()

    def test_an_email_clash_stays_inside_the_organisation(self):
        email = f"{unique('shared')}@example.se"
        coordinator = self.admin.with_token(self.stack.token(roles=("org_coordinator",),
                                                             org=self.w.other_org["id"]))
        self.assertStatus(self.admin.post("enrolment", "/v1/participants",
                                          participant_body(self.w.organisation["id"], email=email)), 201)
        # The same address in another organisation: the coordinator learns nothing about the first.
        self.assertStatus(coordinator.post("enrolment", "/v1/participants",
                                           participant_body(self.w.other_org["id"], email=email.upper())), 201)
        # Within one organisation it is still a clash (case-insensitively).
        self.assertProblem(coordinator.post("enrolment", "/v1/participants",
                                            participant_body(self.w.other_org["id"], email=email)), 409)

    def audit_entries(self, entity_type, entity_id):
        response = self.assertStatus(self.admin.get(
            "enrolment", f"/v1/audit?entity_type={entity_type}&entity_id={entity_id}&limit=500"), 200)
        return response.json()["items"]

    def test_every_write_route_leaves_one_audit_entry_and_replays_by_idempotency_key(self):
        for case in enrolment_audit_cases.cases(self, self.admin):
            route = f"{case['method']} {case['path']}"
            with self.subTest(route=route):
                key = unique("key")
                send = lambda: self.admin.request(case["service"], case["method"], case["path"], body=case["body"],
                                                  headers={"Idempotency-Key": key})
                first = self.assertStatus(send(), case["status"])
                expected = dict(case["entry"])
                if expected["entity_id"] is None:
                    expected["entity_id"] = first.json()["id"]
                entries = self.audit_entries(expected["entity_type"], expected["entity_id"])
                self.assertTrue(entries, route)
                last = entries[-1]
                self.assertEqual({k: last[k] for k in expected}, expected, route)
                self.assertEqual(last["subject"], "dev-user")
                self.assertNotIn("@", str(last))  # ids and role names only
                # The same request with the same key: the stored answer, and no second change.
                again = self.assertStatus(send(), case["status"])
                self.assertEqual(again.headers.get("idempotent-replayed"), "true", again.describe())
                self.assertEqual(again.json(), first.json())
                self.assertEqual(len(self.audit_entries(expected["entity_type"], expected["entity_id"])), len(entries))
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
