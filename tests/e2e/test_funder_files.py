"""Funder files end to end: the monthly participant file of a programme (who started and who
left, with entry facts), its submissions and the resubmission mark after a late correction, the
names variant and who may take it, and the co-financing unit costs and export."""
import subprocess
import unittest

from support import (BUILD_DIR, Builder, Client, StackTestCase, claims, craft_token, eventually,
                     retry_while, stack_secret, unique)


def answered(value, source="self_declared"):
    return {"state": "answered", "value": value, "source": source}


class FunderFiles(StackTestCase):
    def client(self, *roles, org=None):
        return Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=roles, org=org)))

    def record_facts(self, person, education, reason):
        facts = {"gender": answered("woman"), "birth_year": answered(1980),
                 "employment_status": answered("employed", "target_group"),
                 "education_level": answered(education)}
        self.assertStatus(self.admin.put("enrolment", f"/v1/participants/{person['id']}/entry-facts",
                                         {"facts": facts, "reason": reason}), 200)

    def test_monthly_files_names_and_a_late_correction(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        march = build.session(cohort["id"])  # 2025-03-10
        april = build.session(cohort["id"], starts_at="2025-04-07T09:00:00+02:00",
                              ends_at="2025-04-07T12:00:00+02:00")
        organisation = build.organisation()
        first, second = build.participant(organisation["id"]), build.participant(organisation["id"])
        for person, session in ((first, march), (second, april)):
            build.approve(build.enrolment(person["id"], cohort["id"])["id"])
            self.assertStatus(build.attendance(session["id"], person["id"], {"status": "present"}), 201)
        self.record_facts(first, "isced_3_4", "recorded at entry")
        files = f"/v1/programmes/{programme['id']}/monthly-files"
        csv = f"/v1/programmes/{programme['id']}/exports/participants.csv"

        def both_months():
            r = api.get("reporting", files)
            if r.status != 200:
                return None
            months = {m["month"]: m for m in r.json()["months"]}
            march_file = api.get("reporting", csv + "?month=2025-03").body.decode("utf-8")
            ready = {"2025-03", "2025-04"} <= months.keys() and ",isced_3_4," in march_file
            return months if ready else None
        months = eventually(both_months, "both starts and the entry facts in reporting")
        self.assertIsNone(months["2025-03"]["submitted"])
        self.assertFalse(months["2025-03"]["needs_resubmission"])

        text = self.assertStatus(api.get("reporting", csv + "?month=2025-03"), 200).body.decode("utf-8")
        self.assertTrue(text.startswith("\ufeffevent,participant_id,organisation_id,started_on,"), text)
        self.assertIn(f"started,{first['id']},{organisation['id']},2025-03-10,,woman,self_declared,"
                      "30_54,self_declared,employed,target_group,isced_3_4,self_declared\r\n", text)
        self.assertNotIn(second["id"], text)
        self.assertEqual(api.get("reporting", csv + "?month=2025-03").body.decode("utf-8"), text)
        self.assertFieldError(api.get("reporting", csv + "?month=2025-13"), 400, "month")

        # Names: the federation and a coordinator for their own rows; never the auditor.
        named = self.assertStatus(api.get("reporting", csv + "?month=2025-03&names=true"), 200).body.decode("utf-8")
        self.assertIn(f"started,{first['id']},{first['name']},{organisation['id']},", named)
        auditor = self.client("funder_auditor")
        self.assertProblem(auditor.get("reporting", csv + "?month=2025-03&names=true"), 403)
        self.assertProblem(auditor.get("reporting", csv + "?month=2025-03"), 403)
        hours = f"/v1/cohorts/{cohort['id']}/exports/hours.csv"
        self.assertProblem(auditor.get("reporting", hours + "?names=true"), 403)
        hidden = self.assertStatus(auditor.get("reporting", csv + "?month=2025-03&variant=pseudonymised"),
                                   200).body.decode("utf-8")
        for person in (first, second):
            for value in (person["id"], person["name"], person["email"]):
                self.assertNotIn(value, hidden)
        self.assertIn(",2025-03-10,,woman,", hidden)
        coordinator = self.client("org_coordinator", org=organisation["id"])
        own = self.assertStatus(coordinator.get("reporting", hours + "?names=true"), 200).body.decode("utf-8")
        self.assertIn(f"{first['id']},{first['name']},{organisation['id']},2025-03,", own)
        stranger = self.client("org_coordinator", org=build.organisation()["id"])
        theirs = self.assertStatus(stranger.get("reporting", csv + "?month=2025-03&names=true"),
                                   200).body.decode("utf-8")
        self.assertEqual(theirs.count("\r\n"), 1, theirs)  # the header alone
        other = Client(self.stack, craft_token(stack_secret(self.stack), claims(federation="skane")))
        self.assertProblem(other.get("reporting", files), 404)

        # Both months sent; then March is corrected late, which marks March and April.
        sent = self.assertStatus(auditor.post("reporting", f"{files}/2025-03/submission", {}), 201).json()
        self.assertEqual(sent["sha256"], months["2025-03"]["sha256"])
        self.assertStatus(auditor.post("reporting", f"{files}/2025-04/submission",
                                       {"sha256": months["2025-04"]["sha256"]}), 201)
        self.assertStatus(auditor.post("reporting", f"{files}/2025-04/submission", {}), 200)  # unchanged
        self.assertProblem(auditor.post("reporting", f"{files}/2025-04/submission", {"sha256": "0" * 64}), 409)
        self.assertProblem(self.client("trainer").post("reporting", f"{files}/2025-04/submission", {}), 403)
        listed = {m["month"]: m for m in self.assertStatus(api.get("reporting", files), 200).json()["months"]}
        self.assertEqual([listed[m]["needs_resubmission"] for m in ("2025-03", "2025-04")], [False, False])
        self.record_facts(first, "isced_5_8", "education corrected")

        def marked():
            listing = {m["month"]: m for m in api.get("reporting", files).json()["months"]}
            return listing if listing["2025-03"]["needs_resubmission"] else None
        listed = eventually(marked, "the correction to reach the March file")
        self.assertTrue(listed["2025-04"]["needs_resubmission"])
        self.assertNotEqual(listed["2025-03"]["sha256"], listed["2025-03"]["submitted"]["sha256"])
        self.assertEqual(listed["2025-04"]["sha256"], listed["2025-04"]["submitted"]["sha256"])
        trail = self.assertStatus(api.get("reporting", "/v1/audit?entity_type=monthly_file"), 200).json()
        actions = [e["action"] for e in trail["items"] if e["entity_id"].startswith(programme["id"])]
        self.assertEqual(actions, ["monthly_file.submitted"] * 2)

        # The CLI writes the route's bytes.
        out = self.stack.dir / "participants-export.csv"
        cli = subprocess.run([str(BUILD_DIR / "services/reporting/samverkan-reporting"), "export", "participants",
                              "--federation", "ostergotland", "--programme", programme["id"],
                              "--month", "2025-03", "--out", str(out)],
                             env=self.stack.service_env("reporting"), capture_output=True, timeout=60)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode(errors="replace"))
        self.assertEqual(out.read_bytes(), api.get("reporting", csv + "?month=2025-03").body)
        self.assertServicesHealthy()

    def test_unit_costs_and_the_cofinancing_export_of_a_confirmed_month(self):
        api, build = self.admin, Builder(self, self.admin)
        w = build.world()  # its session: 2025-03-10, 09:00-12:00 Stockholm
        subject = unique("person")
        self.assertStatus(api.put("enrolment", f"/v1/participants/{w.participant['id']}/subject",
                                  {"subject": subject}), 200)
        person = Client(self.stack, self.stack.token(roles=("participant",), subject=subject))
        self.assertStatus(build.attendance(w.session["id"], w.participant["id"],
                                           {"status": "late", "minutes": 150}), 201)
        costs = f"/v1/programmes/{w.programme['id']}/unit-costs"
        body = {"funder": "ESF+", "currency": "SEK", "rounding": "whole_hours_down",
                "rates": [{"valid_from": "2025-04-01", "per_hour": "530"},
                          {"valid_from": "2025-01-01", "per_hour": "512.00"}]}
        # 404 until reporting has heard of the programme.
        stored = self.assertStatus(retry_while(lambda: api.put("reporting", costs, body), (404,),
                                               "reporting to know the programme"), 200).json()
        self.assertEqual(stored["rates"], [{"valid_from": "2025-01-01", "per_hour": "512.00"},
                                           {"valid_from": "2025-04-01", "per_hour": "530.00"}])
        self.assertEqual(stored["version"], 1)
        self.assertEqual(self.assertStatus(api.put("reporting", costs, body), 200).json()["version"], 1)
        self.assertFieldError(api.put("reporting", costs, dict(body, rounding="nearest")), 400, "rounding")
        self.assertFieldError(api.put("reporting", costs, dict(body, rates=[{"valid_from": "2026-01-01",
                                                                              "per_hour": "5.123"}])),
                              400, "rates/0/per_hour")
        auditor = self.client("funder_auditor")
        self.assertProblem(auditor.put("reporting", costs, body), 403)
        listed = self.assertStatus(auditor.get("reporting", costs), 200).json()
        self.assertEqual([c["funder"] for c in listed["items"]], ["ESF+"])
        export = f"/v1/cohorts/{w.cohort['id']}/exports/cofinancing.csv"
        header = ("\ufefforganisation_id,month,participants,confirmed_session_hours,confirmed_self_study_hours,"
                  "counted_hours,rounding,currency,rate_per_hour,amount\r\n")
        # An open month does not count: the header alone.
        self.assertEqual(self.assertStatus(retry_while(lambda: api.get("reporting", export), (404,),
                                                       "reporting to know the cohort"), 200).body.decode("utf-8"),
                         header)
        self.assertProblem(api.get("reporting", export + "?funder=Region"), 404)

        # The participant confirms March: 2.50 h, whole hours down: 2 h at 512.00.
        statement = f"/v1/participants/{w.participant['id']}/statements/2025-03"
        first = self.assertStatus(retry_while(lambda: person.get("attendance", statement), (404,),
                                              "the participant link"), 200).json()
        self.assertStatus(person.post("attendance", statement + "/confirm", {"sha256": first["sha256"]}), 201)
        row = f"{w.organisation['id']},2025-03,1,2.50,0.00,2.00,whole_hours_down,SEK,512.00,1024.00\r\n"
        text = eventually(lambda: (lambda t: t if row in t else None)(
            auditor.get("reporting", export).body.decode("utf-8")), "the confirmed month in the export")
        self.assertEqual(text, header + row)

        out = self.stack.dir / "cofinancing-export.csv"
        cli = subprocess.run([str(BUILD_DIR / "services/reporting/samverkan-reporting"), "export", "cofinancing",
                              "--federation", "ostergotland", "--cohort", w.cohort["id"], "--out", str(out)],
                             env=self.stack.service_env("reporting"), capture_output=True, timeout=60)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode(errors="replace"))
        self.assertEqual(out.read_bytes().decode("utf-8"), text)
        self.assertServicesHealthy()

if __name__ == "__main__":
    unittest.main()
