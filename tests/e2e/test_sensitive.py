"""Sensitive categories end to end (ADR 0070): a programme's rules enable them in modules, enrolment
learns it from programme.changed and takes a participant's answers only then, only from the
people allowed to give them, and reporting shows counts (never a person) in the indicators, with
small cells suppressed in the pseudonymised variant. Also the programme's attendance policy, and
the cohort's end (ADR 0071): left_on = ends_on with the status still approved, which reporting
does not count as a withdrawal."""
import json
import unittest
import uuid

from support import (Builder, Client, StackTestCase, claims, craft_token, eventually, retry_while, stack_secret,
                     summary)


class SensitiveCategories(StackTestCase):
    def client(self, **kw):
        return Client(self.stack, craft_token(stack_secret(self.stack), claims(**kw)))

    def test_rules_enable_them_enrolment_takes_answers_and_reporting_counts_them(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        rules = f"/v1/programmes/{programme['id']}/rules"
        body = {"min_electives": 0, "start_on_approval": False, "sensitive_categories": True,
                "attendance_policy": {"present_percent": 80}}
        changed = self.assertStatus(api.put("modules", rules, body), 200).json()
        self.assertEqual((changed["sensitive_categories"], changed["attendance_policy"]),
                         (True, {"present_percent": 80}))
        again = self.assertStatus(api.put("modules", rules, body), 200).json()
        self.assertEqual(again["version"], changed["version"])  # the same rules: no change
        self.assertFieldError(api.put("modules", rules, dict(body, attendance_policy={"present_percent": 0})),
                              422, "attendance_policy.present_percent")

        cohort = build.cohort(programme["id"])
        organisation = build.organisation()
        people = [build.participant(organisation["id"]) for _ in range(3)]
        enrolments = [build.enrolment(p["id"], cohort["id"]) for p in people]
        for enrolment in enrolments[:2]:
            build.approve(enrolment["id"])

        def facts_path(person):
            return f"/v1/participants/{person['id']}/sensitive-facts"
        yes = {"disability": {"state": "answered", "value": True}, "minority": {"state": "declined"}}
        # 409 until enrolment's programme replica has the rule from programme.changed.
        recorded = retry_while(lambda: api.put("enrolment", facts_path(people[0]), yes), (409,),
                               "enrolment's programme replica")
        self.assertStatus(recorded, 200)
        self.assertEqual(recorded.json(), {"participant_id": people[0]["id"], "version": 1})
        # The participant themself, through a linked login.
        subject = f"sub-{uuid.uuid4().hex[:8]}"
        self.assertStatus(api.put("enrolment", f"/v1/participants/{people[1]['id']}/subject",
                                  {"subject": subject}), 200)
        login = Client(self.stack, self.stack.token(roles=("participant",), subject=subject))
        self.assertStatus(login.put("enrolment", facts_path(people[1]),
                                    {"disability": {"state": "answered", "value": False}}), 200)
        mine = self.assertStatus(login.get("enrolment", facts_path(people[1])), 200).json()
        self.assertEqual((mine["collected"], mine["version"], mine["disability"]),
                         (True, 1, {"state": "answered", "value": False}))
        self.assertProblem(login.get("enrolment", facts_path(people[0])), 404)
        # Never the trainer or the funder's auditor; another organisation's coordinator finds nobody.
        for role in ("trainer", "funder_auditor"):
            self.assertProblem(self.client(roles=(role,)).get("enrolment", facts_path(people[0])), 403)
        stranger = self.client(roles=("org_coordinator",), org=build.organisation()["id"])
        self.assertProblem(stranger.get("enrolment", facts_path(people[0])), 404)
        coordinator = self.client(roles=("org_coordinator",), org=organisation["id"])
        seen = self.assertStatus(coordinator.get("enrolment", facts_path(people[0])), 200).json()
        self.assertEqual(seen["minority"], {"state": "declined", "value": None})
        self.assertFieldError(api.put("enrolment", facts_path(people[0]),
                                      {"disability": {"state": "answered"}}), 400, "disability.value")

        # A programme that does not collect them: refused.
        plain = build.cohort(build.programme()["id"])
        outsider = build.participant(organisation["id"])
        build.enrolment(outsider["id"], plain["id"])
        self.assertProblem(api.put("enrolment", facts_path(outsider), yes), 409)

        # Reporting: the approved two, counted; the pending third not at all.
        route = f"/v1/programmes/{programme['id']}/indicators"

        def counted():
            r = api.get("reporting", route)
            if r.status != 200:
                return None
            sensitive = r.json().get("sensitive_categories")
            if not sensitive or sensitive["disability"]["no"]["count"] != 1:
                return None
            return sensitive
        sensitive = eventually(counted, "the sensitive counts in the indicators")
        cells = {category: {answer: cell["count"] for answer, cell in answers.items()}
                 for category, answers in sensitive.items()}
        self.assertEqual(cells["disability"], {"yes": 1, "no": 1, "declined": 0, "not_asked": 0})
        self.assertEqual(cells["minority"], {"yes": 0, "no": 0, "declined": 1, "not_asked": 1})
        self.assertEqual(cells["foreign_background"], {"yes": 0, "no": 0, "declined": 0, "not_asked": 2})
        hidden = self.assertStatus(api.get("reporting", route + "?variant=pseudonymised"), 200).json()
        self.assertEqual(hidden["sensitive_categories"]["disability"]["yes"], {"count": None, "suppressed": True})
        self.assertEqual(hidden["sensitive_categories"]["disability"]["declined"], {"count": 0, "suppressed": False})
        for person in people:
            self.assertNotIn(person["id"], json.dumps(hidden))
        # A programme that does not collect them shows none.
        plain_route = f"/v1/programmes/{plain['programme_id']}/indicators"
        plain_report = eventually(lambda: api.get("reporting", plain_route).json()
                                  if api.get("reporting", plain_route).status == 200 else None,
                                  "the plain programme in reporting")
        self.assertIsNone(plain_report["sensitive_categories"])
        self.assertServicesHealthy()

    def test_zz_the_cohort_end_sets_left_on_and_keeps_the_enrolment_approved(self):
        # Runs last in this module: enrolment restarts with a one-second cohort-end round.
        api, build = self.admin, Builder(self, self.admin)
        cohort = build.cohort(build.programme()["id"])  # ended on 2025-06-30
        organisation = build.organisation()
        enrolment = build.enrolment(build.participant(organisation["id"])["id"], cohort["id"])
        approved = build.approve(enrolment["id"])
        self.stack.services["enrolment"].stop()
        self.stack.restart("enrolment", COHORT_END_INTERVAL_SECONDS=1)

        def ended():
            e = api.get("enrolment", f"/v1/enrolments/{enrolment['id']}").json()
            return e if e.get("left_on") else None
        e = eventually(ended, "left_on from the cohort-end job")
        self.assertEqual((e["status"], e["left_on"], e["version"]), ("approved", "2025-06-30", approved["version"] + 1))
        audit = self.assertStatus(api.get("enrolment", f"/v1/audit?entity_type=enrolment&entity_id={enrolment['id']}"),
                                  200).json()["items"]
        self.assertEqual((audit[-1]["action"], audit[-1]["subject"]), ("enrolment.ended", "samverkan-cohort-end"))
        # Completed the period, not withdrawn: reporting counts them enrolled.

        def counted():
            s = summary(api, cohort["id"])
            return s if s and s["totals"]["participants_enrolled"] == 1 else None
        totals = eventually(counted, "the cohort in reporting")["totals"]
        self.assertEqual(totals["participants_withdrawn"], 0)
        self.assertProblem(api.post("enrolment", f"/v1/enrolments/{enrolment['id']}/withdraw",
                                    {"left_on": "2025-06-30", "reason": "late"}), 409)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
