"""ESF+ indicators end to end: participants enrolled and attending in a programme, entry facts
recorded through enrolment (which publishes entry_facts.recorded), and the indicator route's
figures, roles, variants and errors."""
import json
import unittest

from support import Builder, Client, StackTestCase, claims, craft_token, eventually, org_number, stack_secret


def answered(value, source="self_declared"):
    return {"state": "answered", "value": value, "source": source}


class Indicators(StackTestCase):
    def record_facts(self, person, gender, birth_year, employment, education):
        """Through enrolment's route, which emits entry_facts.recorded."""
        facts = {"gender": answered(gender), "birth_year": answered(birth_year, "estimate"),
                 "employment_status": answered(employment, "target_group"),
                 "education_level": answered(education)}
        self.assertStatus(self.admin.put("enrolment", f"/v1/participants/{person['id']}/entry-facts",
                                         {"facts": facts, "reason": "recorded at entry"}), 200)

    def test_indicators_count_complete_people_by_gender_and_list_the_others(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        conference = build.session(cohort["id"], kind="conference", starts_at="2025-03-03T09:00:00+01:00",
                                   ends_at="2025-03-03T17:00:00+01:00")
        municipality = build.organisation()
        region = self.assertStatus(api.post("enrolment", "/v1/organisations", {
            "name": "Region Östergötland", "org_number": org_number(), "type": "region"}), 201).json()
        people = [build.participant(municipality["id"]), build.participant(municipality["id"]),
                  build.participant(region["id"])]
        for person in people:
            build.approve(build.enrolment(person["id"], cohort["id"])["id"])
            self.assertStatus(build.attendance(conference["id"], person["id"], {"status": "present"}), 201)
        self.record_facts(people[0], "woman", 1980, "long_term_unemployed", "isced_5_8")
        self.record_facts(people[1], "man", 2000, "employed", "isced_3_4")
        route = f"/v1/programmes/{programme['id']}/indicators"

        def ready():
            r = api.get("reporting", route + "?from=2025-03-01&to=2025-03-31")
            if r.status != 200:
                return None
            body = r.json()
            return body if body["participants"] == 3 and body["participants_complete"] == 2 else None
        report = eventually(ready, "three participants, two complete, in the indicators")
        rows = {r["gender"]: r for r in report["by_gender"]}
        self.assertEqual(rows["woman"]["employment_status"]["unemployed"]["count"], 1)
        self.assertEqual(rows["woman"]["employment_status"]["long_term_unemployed"]["count"], 1)
        self.assertEqual(rows["woman"]["age_band"]["30_54"]["count"], 1)
        self.assertEqual(rows["man"]["age_band"]["18_29"]["count"], 1)
        self.assertEqual(rows["total"]["employment_status"]["employed"]["sources"]["employment_status"],
                         {"self_declared": 0, "target_group": 1, "estimate": 0})
        # Registration records gender and birth year; employment and education were never asked.
        self.assertEqual(report["incomplete"]["participants"],
                         [{"participant_id": people[2]["id"], "missing": [
                             {"fact": f, "state": "not_asked"} for f in ("employment_status", "education_level")]}])
        self.assertEqual(report["public_bodies"]["total"], 2)
        self.assertEqual({b["organisation_type"] for b in report["public_bodies"]["by_type"]}, {"municipality", "region"})

        # A later period holds no one; the pseudonymised variant hides the small cells and names no one.
        self.assertEqual(self.assertStatus(api.get("reporting", route + "?from=2025-04-01"), 200).json()["participants"], 0)
        hidden = self.assertStatus(api.get("reporting", route + "?variant=pseudonymised"), 200).json()
        self.assertIsNone(hidden["incomplete"]["participants"])
        hidden_rows = {r["gender"]: r for r in hidden["by_gender"]}
        self.assertEqual(hidden_rows["woman"]["total"], {"count": None, "suppressed": True, "sources": None})
        self.assertEqual(hidden_rows["non_binary"]["total"]["count"], 0)
        self.assertNotIn(people[2]["id"], json.dumps(hidden))

        # A change after that answer was served (and cached, ADR 0080) shows in the same query's next
        # answer: the projected entry facts bump the federation's change count.
        self.record_facts(people[2], "non_binary", 1990, "employed", "isced_0_2")

        def third_complete():
            body = self.assertStatus(api.get("reporting", route + "?from=2025-03-01&to=2025-03-31"), 200).json()
            return body if body["participants_complete"] == 3 else None
        after = eventually(third_complete, "the third person's facts in the indicators answered before")
        self.assertEqual(after["incomplete"]["participants"], [])
        self.assertEqual({r["gender"]: r for r in after["by_gender"]}["non_binary"]["total"]["count"], 1)

        # Roles, federations and the query.
        auditor = Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("funder_auditor",))))
        self.assertStatus(auditor.get("reporting", route), 200)
        coordinator = Client(self.stack, craft_token(stack_secret(self.stack),
                                                     claims(roles=("org_coordinator",), org=municipality["id"])))
        self.assertProblem(coordinator.get("reporting", route), 403)
        other = Client(self.stack, craft_token(stack_secret(self.stack), claims(federation="skane")))
        self.assertProblem(other.get("reporting", route), 404)
        self.assertFieldError(api.get("reporting", route + "?from=2025-13-01"), 400, "from")
        self.assertFieldError(api.get("reporting", route + "?from=2025-04-01&to=2025-03-01"), 400, "to")
        self.assertFieldError(api.get("reporting", route + "?variant=raw"), 400, "variant")
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
