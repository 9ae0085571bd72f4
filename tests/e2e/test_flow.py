"""The main path through all four services: plan a programme, enrol people, record attendance and
read the hours back from reporting, which learns everything from events only."""
import time
import unittest

from support import (SESSION_MINUTES, Builder, StackTestCase, eventually, organisation_row, progress, summary)


class EndToEndFlow(StackTestCase):
    def test_attendance_shows_up_in_progress_and_cohort_summary(self):
        api, build = self.admin, Builder(self, self.admin)

        # modules: programme -> cohort -> two modules -> one session in each
        created = self.assertStatus(api.post("modules", "/v1/programmes", {"title": "Digital ledarskap"}), 201)
        programme = created.json()
        self.assertEqual(created.headers.get("location"), f"/v1/programmes/{programme['id']}")
        cohort = build.cohort(programme["id"])
        leading = build.module(programme["id"], planned_hours=12)
        ethics = build.module(programme["id"], planned_hours=6)
        lecture = build.session(cohort["id"], leading["id"])  # 09:00-12:00, SESSION_MINUTES
        seminar = build.session(cohort["id"], ethics["id"], kind="seminar",
                                starts_at="2025-03-11T13:00:00+01:00", ends_at="2025-03-11T14:30:00+01:00")
        study = build.session(cohort["id"], kind="self_study",  # outside any module, 60 minutes
                              starts_at="2025-03-12T10:00:00+01:00", ends_at="2025-03-12T11:00:00+01:00")
        sessions = self.assertStatus(api.get("modules", f"/v1/cohorts/{cohort['id']}/sessions"), 200).json()
        self.assertEqual({s["id"] for s in sessions["items"]}, {lecture["id"], seminar["id"], study["id"]})

        # enrolment: two organisations, one participant each, enrolled (once the cohort has
        # arrived by event) and approved
        linkoping, motala = build.organisation("Linköpings kommun"), build.organisation("Motala kommun")
        anna = build.participant(linkoping["id"])
        bo = build.participant(motala["id"], name="Bo Ek", gender="man", birth_year=1971)
        for person in (anna, bo):
            enrolment = build.enrolment(person["id"], cohort["id"])
            self.assertEqual(enrolment["status"], "pending")
            self.assertEqual(build.approve(enrolment["id"])["status"], "approved")

        # attendance: retried until its replicas know the sessions and the approvals
        started = time.monotonic()
        marks = [(lecture, anna, {"status": "present"}),                  # 180 minutes
                 (seminar, anna, {"status": "late", "minutes": 60}),      # 60 of 90
                 (study, anna, {"status": "present"}),                    # 60, outside modules
                 (lecture, bo, {"status": "present", "minutes": 120}),    # 120 of 180
                 (seminar, bo, {"status": "absent"})]                     # a record, but not attended
        for session, person, mark in marks:
            response = self.assertStatus(build.attendance(session["id"], person["id"], mark), 201)
            self.assertEqual(response.json()["revision"], 1)
        recorded = time.monotonic()
        listed = self.assertStatus(api.get("attendance", f"/v1/sessions/{lecture['id']}/attendance"), 200).json()
        self.assertEqual(sorted(r["minutes"] for r in listed["items"]), [120, SESSION_MINUTES])

        # reporting: per participant and module ...
        anna_progress = eventually(
            lambda: (lambda p: p if p and p["minutes"] == 300 else None)(progress(api, anna["id"])),
            "Anna's 300 minutes in reporting")
        self.assertEqual(anna_progress["organisation_id"], linkoping["id"])
        self.assertEqual(anna_progress["sessions_attended"], 3)
        self.assertEqual(float(anna_progress["hours"]), 5.0)
        self.assertEqual(anna_progress["sessions_outside_modules"], {"sessions_attended": 1, "minutes": 60})
        per_module = {m["module_id"]: m for m in anna_progress["modules"]}
        self.assertEqual(set(per_module), {leading["id"], ethics["id"]})
        self.assertEqual((per_module[leading["id"]]["minutes"], float(per_module[leading["id"]]["hours"])), (180, 3.0))
        self.assertEqual((per_module[ethics["id"]]["minutes"], float(per_module[ethics["id"]]["hours"])), (60, 1.0))
        self.assertEqual(per_module[leading["id"]]["planned_hours"], 12)

        # ... and per organisation in the cohort
        cohort_summary = eventually(
            lambda: (lambda s: s if s and s["totals"]["minutes"] == 420 and s["totals"]["sessions_attended"] == 4
                     else None)(summary(api, cohort["id"])),
            "the cohort's 420 minutes in 4 attended sessions in reporting")
        print(f"\n  attendance reached reporting {time.monotonic() - recorded:.2f}s after the last PUT "
              f"({recorded - started:.2f}s spent waiting for attendance's replicas)")
        self.assertEqual(cohort_summary["name"], cohort["name"])
        self.assertEqual(cohort_summary["sessions_scheduled"], 3)
        self.assertEqual(cohort_summary["totals"]["participants_enrolled"], 2)
        self.assertEqual(float(cohort_summary["totals"]["hours"]), 7.0)
        for org, minutes, attended in ((linkoping, 300, 3), (motala, 120, 1)):
            row = organisation_row(cohort_summary, org["id"])
            self.assertIsNotNone(row, f"{org['name']} missing from {cohort_summary}")
            self.assertEqual(row["name"], org["name"])
            self.assertEqual((row["participants_enrolled"], row["sessions_attended"], row["minutes"]),
                             (1, attended, minutes))
            self.assertEqual(float(row["hours"]), minutes / 60)

        bo_progress = progress(api, bo["id"])
        self.assertEqual((bo_progress["minutes"], bo_progress["sessions_attended"]), (120, 1))
        bo_modules = {m["module_id"]: (m["sessions_attended"], m["minutes"]) for m in bo_progress["modules"]}
        self.assertEqual(bo_modules, {leading["id"]: (1, 120), ethics["id"]: (0, 0)})


if __name__ == "__main__":
    unittest.main()
