"""The demo programme that `make run` loads: the loader builds it through the public APIs on a
fresh stack, and the result matches the seed (tools/demo, shared seeds 004)."""
import datetime
import subprocess
import sys

from support import ROOT, SERVICES, StackTestCase

# A fixed "now" keeps the counts independent of the day the test runs: every session up to the
# 25 November lecture has ended, the closing conference on 1 December has not.
NOW = "2026-11-25T12:00:00+01:00"


class DemoProgramme(StackTestCase):
    @classmethod
    def load(cls):
        return subprocess.run(
            [sys.executable, str(ROOT / "tools/demo/load_demo.py"), "--token", cls.stack.token(), "--now", NOW,
             "--participant-token", cls.stack.token(roles=("participant",), subject="demo-deltagare"),
             "--participant-subject=demo-deltagare",
             *[f"--{name}={cls.stack.url(name)}" for name in SERVICES]],
            capture_output=True, text=True, timeout=300)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first_load = cls.load()

    def test_loads_the_seed_programme_and_reporting_matches(self):
        run = self.first_load
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)

        programmes = self.admin.get("modules", "/v1/programmes").json()["items"]
        self.assertEqual([p["title"] for p in programmes], ["Digital kompetens för offentlig sektor"])
        programme = programmes[0]["id"]
        modules = self.admin.get("modules", f"/v1/programmes/{programme}/modules").json()["items"]
        self.assertEqual(sorted(m["code"] for m in modules), ["M1", "M2", "M3", "M4", "M5"])
        mandatory = [(m["code"], m["planned_hours"]) for m in modules if m["mandatory"]]
        self.assertEqual(mandatory, [("M1", 10)])

        cohorts = self.admin.get("modules", f"/v1/programmes/{programme}/cohorts").json()["items"]
        cohort = next(c["id"] for c in cohorts if c["starts_on"] == "2026-03-01")
        sessions = self.admin.get("modules", f"/v1/cohorts/{cohort}/sessions?limit=100").json()["items"]
        self.assertEqual(len(sessions), 24)  # 22 module lectures and 2 conferences
        conferences = [(s["local_start"], s["local_end"], s["location"]) for s in sessions if s["kind"] == "conference"]
        self.assertEqual(conferences, [("2026-03-03T09:00", "2026-03-03T17:00", "Linköping"),
                                       ("2026-12-01T09:00", "2026-12-01T17:00", "Linköping")])
        first_lecture = next(s for s in sessions if s["kind"] == "lecture")
        self.assertEqual((first_lecture["local_start"], first_lecture["starts_at"]),
                         ("2026-04-01T10:00", "2026-04-01T08:00:00Z"))  # summer time, UTC+2

        summary = self.admin.get("reporting", f"/v1/cohorts/{cohort}/summary").json()
        self.assertEqual(len(summary["organisations"]), 19)  # the seed names 19 organisations
        self.assertGreaterEqual(summary["totals"]["participants_enrolled"], 350)
        self.assertGreater(summary["totals"]["sessions_attended"], 0)
        enrolled = self.admin.get("enrolment", "/v1/organisations?limit=100").json()["items"]
        self.assertEqual(len(enrolled), 19)

    def test_seats_waitlist_withdrawal_electives_and_interest(self):
        self.assertEqual(self.first_load.returncode, 0, self.first_load.stdout + self.first_load.stderr)
        programme = self.admin.get("modules", "/v1/programmes").json()["items"][0]["id"]
        cohorts = {c["starts_on"][:4]: c["id"] for c in
                   self.admin.get("modules", f"/v1/programmes/{programme}/cohorts").json()["items"]}
        policy = self.admin.get("enrolment", f"/v1/cohorts/{cohorts['2026']}/enrolment-policy").json()
        self.assertEqual(policy["approval"], ["organisation", "federation"])
        self.assertEqual(len(policy["organisation_quotas"]), 19)
        enrolments = self.admin.get("enrolment", f"/v1/enrolments?cohort_id={cohorts['2026']}&limit=500").json()["items"]
        by_status = {}
        for e in enrolments:
            by_status[e["status"]] = by_status.get(e["status"], 0) + 1
        # Four nominations over quota; a withdrawal (while the cohort runs) promoted the first in line.
        withdrew = datetime.date.today().isoformat() <= "2026-12-31"
        self.assertEqual(by_status.get("waitlisted"), 3 if withdrew else 4, by_status)
        self.assertEqual(by_status.get("withdrawn", 0), 1 if withdrew else 0, by_status)
        # 4 over quota, 1 withdrawn, 3 still waiting: one of the four took the freed seat.
        # The approved stay as many as were planned: the withdrawn seat went to the first in line.
        self.assertEqual(by_status.get("approved"), len(enrolments) - 4, by_status)
        # Everyone approved chose modules: M1 and one to three electives.
        approved = [e for e in enrolments if e["status"] == "approved"]
        chosen = [e for e in approved if e["module_ids"]]
        self.assertGreaterEqual(len(chosen), 350)
        self.assertTrue(all(2 <= len(e["module_ids"]) <= 4 for e in chosen))
        # Nine registered interest in 2027; three of them are approved since.
        interest = self.admin.get("enrolment", f"/v1/cohorts/{cohorts['2027']}/interest").json()
        self.assertEqual(interest["total"], 6)
        conference = self.admin.get("modules", f"/v1/cohorts/{cohorts['2027']}/sessions").json()["items"][0]
        apologies = self.assertStatus(self.admin.get("attendance", f"/v1/sessions/{conference['id']}/apologies"),
                                      200).json()["items"]
        self.assertEqual(len(apologies), 1)

    def test_a_confirmed_month_and_indicators_from_entry_facts(self):
        self.assertEqual(self.first_load.returncode, 0, self.first_load.stdout + self.first_load.stderr)
        login = self.admin.with_token(self.stack.token(roles=("participant",), subject="demo-deltagare"))
        me = login.get("enrolment", "/v1/participants").json()["items"][0]["id"]
        april = self.assertStatus(login.get("attendance", f"/v1/participants/{me}/statements/2026-04"), 200).json()
        self.assertEqual(april["state"], "confirmed")
        programme = self.admin.get("modules", "/v1/programmes").json()["items"][0]["id"]
        indicators = self.assertStatus(self.admin.get("reporting", f"/v1/programmes/{programme}/indicators"),
                                       200).json()
        # Every started participant with all four facts answered counts; a few declined or were not asked.
        self.assertGreater(indicators["participants_complete"], 300)
        self.assertGreater(indicators["incomplete"]["count"], 0)
        total = next(row for row in indicators["by_gender"] if row["gender"] == "total")
        self.assertEqual(total["employment_status"]["employed"]["count"], indicators["participants_complete"])

    def test_refuses_to_load_twice(self):
        self.assertEqual(self.first_load.returncode, 0, self.first_load.stdout + self.first_load.stderr)
        run = self.load()
        self.assertNotEqual(run.returncode, 0)
        programmes = self.admin.get("modules", "/v1/programmes").json()["items"]
        self.assertLessEqual(len(programmes), 1)
