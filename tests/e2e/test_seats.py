"""Seats, stages and the waitlist end to end, as a federation runs them and as attendance and
reporting then see them: two-stage approval in order, quotas holding under parallel approvals, a
withdrawal promoting the next in line, interest turned into a request, and coordinators kept to
their own organisation."""
import datetime
import unittest

from support import in_parallel, utc_day, Builder, Client, StackTestCase, eventually, organisation_row, summary, unique




day = utc_day  # a UTC day relative to today


class Seats(StackTestCase):
    def setUp(self):
        super().setUp()
        self.build = Builder(self, self.admin)
        programme = self.build.programme()
        self.module = self.build.module(programme["id"])
        # A cohort running now, with a session that has already started, so marks are possible.
        self.cohort = self.assertStatus(self.admin.post("modules", f"/v1/programmes/{programme['id']}/cohorts",
                                                        {"name": unique("Cohort"), "starts_on": day(-30),
                                                         "ends_on": day(60)}), 201).json()
        start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(hours=3)
        self.start = start
        self.session = self.build.session(self.cohort["id"], self.module["id"],
                                          starts_at=start.isoformat().replace("+00:00", "Z"), time_zone="UTC",
                                          ends_at=(start + datetime.timedelta(hours=2)).isoformat()
                                          .replace("+00:00", "Z"))
        self.org = self.build.organisation()
        self.other = self.build.organisation()
        self.coordinator = Client(self.stack, self.stack.token(roles=("org_coordinator",), org=self.org["id"]))
        eventually(lambda: self.admin.get("enrolment", f"/v1/cohorts/{self.cohort['id']}/enrolment-policy").status
                   == 200, "enrolment to learn the cohort")

    def policy(self, **body):
        body = {"capacity": None, "organisation_quotas": {}, "approval": ["organisation", "federation"],
                "waitlist": True, **body}
        return self.admin.put("enrolment", f"/v1/cohorts/{self.cohort['id']}/enrolment-policy", body)

    def requested(self, org=None):
        person = self.build.participant((org or self.org)["id"])
        return person, self.build.enrolment(person["id"], self.cohort["id"])

    def approve(self, enrolment_id, client=None):
        return (client or self.admin).post("enrolment", f"/v1/enrolments/{enrolment_id}/approve", {})

    def mark(self, session_id, participant_id):
        return self.admin.put("attendance", f"/v1/sessions/{session_id}/attendance/{participant_id}",
                              {"status": "present"})

    def test_stages_in_order_quota_under_parallel_approvals_and_a_promotion_seen_downstream(self):
        self.assertStatus(self.policy(organisation_quotas={self.org["id"]: 3}), 200)
        people = [self.requested() for _ in range(8)]
        # The federation stage cannot come first: a coordinator approves the organisation stage,
        # then cannot approve the federation's.
        first = people[0][1]["id"]
        at_federation = self.assertStatus(self.approve(first, self.coordinator), 200).json()
        self.assertEqual((at_federation["status"], at_federation["stage"]), ("pending", "federation"))
        self.assertStatus(self.approve(first, self.coordinator), 403)
        for _, enrolment in people[1:]:
            self.assertStatus(self.approve(enrolment["id"], self.coordinator), 200)

        # Eight final approvals at once for an organisation quota of three.
        answers = in_parallel(len(people), lambda i: self.approve(people[i][1]["id"]))
        for answer in answers:
            self.assertStatus(answer, 200)
        statuses = [a.json()["status"] for a in answers]
        self.assertEqual(statuses.count("approved"), 3, statuses)
        self.assertEqual(statuses.count("waitlisted"), 5, statuses)
        policy = self.assertStatus(self.admin.get("enrolment", f"/v1/cohorts/{self.cohort['id']}/enrolment-policy"),
                                   200).json()
        row = next(r for r in policy["seats"]["by_organisation"] if r["organisation_id"] == self.org["id"])
        self.assertEqual((row["quota"], row["used"], row["free"]), (3, 3, 0))
        # The quota cannot drop below the seats in use, and the answer says how many.
        refused = self.assertProblem(self.policy(organisation_quotas={self.org["id"]: 2}), 409)
        self.assertIn("3 seats in use", refused.get("detail", ""))

        # The waitlist is in request order.
        by_id = {a.json()["id"]: a.json() for a in answers}
        queue = [by_id[e["id"]] for _, e in people if by_id[e["id"]]["status"] == "waitlisted"]
        current = [self.admin.get("enrolment", f"/v1/enrolments/{e['id']}").json() for e in queue]
        self.assertEqual([e["waitlist_position"] for e in current], [1, 2, 3, 4, 5])

        # Attendance refuses a waitlisted participant and takes the approved ones.
        approved = [(p, by_id[e["id"]]) for p, e in people if by_id[e["id"]]["status"] == "approved"]
        waiting_person = next(p for p, e in people if e["id"] == current[0]["id"])
        eventually(lambda: self.mark(self.session["id"], approved[0][0]["id"]).status in (200, 201),
                   "attendance to learn the approval")
        # Enrolment learns the mark in turn: the participant started on the session's (UTC) day.
        started = self.start.date().isoformat()
        eventually(lambda: self.admin.get("enrolment", f"/v1/enrolments/{approved[0][1]['id']}").json()
                   .get("started_on") == started, "enrolment to record the start")
        self.assertProblem(self.mark(self.session["id"], waiting_person["id"]), 422)

        # A withdrawal frees a seat: the first in line is approved, by the waitlist.
        self.assertStatus(self.admin.post("enrolment", f"/v1/enrolments/{approved[1][1]['id']}/withdraw",
                                          {"left_on": day(0), "reason": "moved away"}), 200)
        promoted = self.admin.get("enrolment", f"/v1/enrolments/{current[0]['id']}").json()
        self.assertEqual((promoted["status"], promoted["waitlist_position"]), ("approved", None))
        self.assertEqual(self.admin.get("enrolment", f"/v1/enrolments/{current[1]['id']}").json()
                         ["waitlist_position"], 1)
        # ... and attendance and reporting follow.
        eventually(lambda: self.mark(self.session["id"], waiting_person["id"]).status in (200, 201),
                   "attendance to learn the promotion")
        eventually(lambda: (organisation_row(summary(self.admin, self.cohort["id"]) or {"organisations": []},
                                             self.org["id"]) or {}).get("participants_enrolled") == 3,
                   "reporting to count three approved")

    def test_interest_becomes_a_request_or_is_declined_with_a_reason(self):
        person = self.build.participant(self.org["id"])
        interest = self.assertStatus(
            self.coordinator.post("enrolment", f"/v1/cohorts/{self.cohort['id']}/interest",
                                  {"participant_id": person["id"]}), 201).json()
        self.assertEqual(interest["status"], "interest")
        counts = self.assertStatus(self.admin.get("enrolment", f"/v1/cohorts/{self.cohort['id']}/interest"),
                                   200).json()
        self.assertEqual(counts["total"], 1)
        self.assertEqual(counts["by_organisation"], [{"organisation_id": self.org["id"], "interest": 1}])
        requested = self.assertStatus(
            self.coordinator.post("enrolment", f"/v1/enrolments/{interest['id']}/request", {}), 200).json()
        self.assertEqual((requested["status"], requested["stage"]), ("pending", "organisation"))

        other_person = self.build.participant(self.org["id"])
        declined = self.assertStatus(
            self.coordinator.post("enrolment", f"/v1/cohorts/{self.cohort['id']}/interest",
                                  {"participant_id": other_person["id"]}), 201).json()
        self.assertFieldError(self.coordinator.post("enrolment", f"/v1/enrolments/{declined['id']}/reject", {}),
                              400, "reason")
        rejected = self.assertStatus(self.coordinator.post("enrolment", f"/v1/enrolments/{declined['id']}/reject",
                                                           {"reason": "next cohort instead"}), 200).json()
        self.assertEqual(rejected["status"], "rejected")

    def test_a_coordinator_sees_and_decides_only_for_its_own_organisation(self):
        self.assertStatus(self.policy(organisation_quotas={self.org["id"]: 5, self.other["id"]: 1}), 200)
        _, theirs = self.requested(self.other)
        # Their enrolment looks missing: no approval, rejection, withdrawal or choice of modules.
        for path, body in ((f"/v1/enrolments/{theirs['id']}/approve", {}),
                           (f"/v1/enrolments/{theirs['id']}/reject", {"reason": "x"}),
                           (f"/v1/enrolments/{theirs['id']}/withdraw", {"left_on": day(1), "reason": "x"})):
            self.assertProblem(self.coordinator.post("enrolment", path, body), 404)
        self.assertProblem(self.coordinator.put("enrolment", f"/v1/enrolments/{theirs['id']}/modules",
                                                {"module_ids": [self.module["id"]]}), 404)
        self.assertProblem(self.coordinator.get("enrolment", f"/v1/enrolments/{theirs['id']}"), 404)
        # The policy shows the coordinator its own organisation only.
        policy = self.assertStatus(self.coordinator.get("enrolment",
                                                        f"/v1/cohorts/{self.cohort['id']}/enrolment-policy"), 200).json()
        self.assertEqual([r["organisation_id"] for r in policy["seats"]["by_organisation"]], [self.org["id"]])
        self.assertEqual(list(policy["organisation_quotas"]), [self.org["id"]])
        # Only the federation sets policies.
        self.assertProblem(self.coordinator.put("enrolment", f"/v1/cohorts/{self.cohort['id']}/enrolment-policy",
                                                {"capacity": None, "approval": ["organisation"], "waitlist": False}),
                           403)

    def test_a_participant_sees_and_does_only_their_own(self):
        me, mine = self.requested()
        _, theirs = self.requested()
        subject = f"sub-{unique('p')}"
        self.assertStatus(self.admin.put("enrolment", f"/v1/participants/{me['id']}/subject", {"subject": subject}), 200)
        login = Client(self.stack, self.stack.token(roles=("participant",), subject=subject))
        self.assertEqual(self.assertStatus(login.get("enrolment", f"/v1/enrolments/{mine['id']}"), 200).json()["id"],
                         mine["id"])
        self.assertProblem(login.get("enrolment", f"/v1/enrolments/{theirs['id']}"), 404)
        listed = self.assertStatus(login.get("enrolment", f"/v1/enrolments?cohort_id={self.cohort['id']}"), 200).json()
        self.assertEqual([e["id"] for e in listed["items"]], [mine["id"]])
        # Their own modules, before approval; nobody else's.
        eventually(lambda: login.put("enrolment", f"/v1/enrolments/{mine['id']}/modules",
                                     {"module_ids": [self.module["id"]]}).status == 200,
                   "enrolment to learn the module")
        self.assertProblem(login.put("enrolment", f"/v1/enrolments/{theirs['id']}/modules",
                                     {"module_ids": [self.module["id"]]}), 404)
        # No approvals; interest for themself only; withdrawing themself.
        self.assertProblem(login.post("enrolment", f"/v1/enrolments/{mine['id']}/approve", {}), 403)
        other = self.build.participant(self.org["id"])
        self.assertFieldError(login.post("enrolment", f"/v1/cohorts/{self.cohort['id']}/interest",
                                         {"participant_id": other["id"]}), 422, "participant_id")
        self.assertProblem(login.post("enrolment", f"/v1/enrolments/{theirs['id']}/withdraw",
                                      {"left_on": day(1), "reason": "x"}), 404)
        # Approved and marked: their own attendance history, nobody else's.
        self.assertStatus(self.approve(mine["id"]), 200)
        eventually(lambda: self.mark(self.session["id"], me["id"]).status in (200, 201),
                   "attendance to learn the approval")
        history = f"/v1/sessions/{self.session['id']}/attendance"
        eventually(lambda: login.get("attendance", f"{history}/{me['id']}/history").status == 200,
                   "attendance to learn the login link")
        self.assertEqual(len(login.get("attendance", f"{history}/{me['id']}/history").json()["items"]), 1)
        self.assertProblem(login.get("attendance", f"{history}/{theirs['participant_id']}/history"), 404)
        # Their own progress in reporting (once it has the link), nobody else's.
        eventually(lambda: login.get("reporting", f"/v1/participants/{me['id']}/progress").status == 200,
                   "reporting to learn the login link")
        self.assertProblem(login.get("reporting", f"/v1/participants/{theirs['participant_id']}/progress"), 404)
        withdrawn = self.assertStatus(login.post("enrolment", f"/v1/enrolments/{mine['id']}/withdraw",
                                                 {"left_on": day(1), "reason": "no time this term"}), 200).json()
        self.assertEqual(withdrawn["status"], "withdrawn")
        # A login linked to nobody sees nothing.
        stranger = Client(self.stack, self.stack.token(roles=("participant",), subject="nobody-linked"))
        self.assertEqual(stranger.get("enrolment", "/v1/enrolments").json()["items"], [])

    def test_policy_input_is_checked(self):
        self.assertFieldError(self.policy(approval=["federation", "organisation"]), 400, "approval")
        self.assertFieldError(self.policy(approval=[]), 400, "approval")
        self.assertFieldError(self.policy(capacity=-1), 400, "capacity")
        self.assertFieldError(self.policy(organisation_quotas={"not-a-uuid": 1}), 400, "organisation_quotas")
        unknown = "00000000-0000-4000-8000-000000000000"
        self.assertFieldError(self.policy(organisation_quotas={unknown: 1}), 422, "organisation_quotas")
        self.assertProblem(self.admin.put("enrolment", f"/v1/cohorts/{unknown}/enrolment-policy",
                                          {"capacity": 1, "approval": ["organisation"], "waitlist": False}), 404)


if __name__ == "__main__":
    unittest.main()
