"""Completion end to end: a programme's rule set in modules reaches reporting by event; marks
recorded in attendance complete the participant, progress and the cohort summary show it with
what is missing before, a correction undoes it, and each change is published on
samverkan.reporting."""
import json
import unittest

from support import Builder, StackTestCase, eventually, kcat, organisation_row, progress, retry_while, summary

RULE = {"min_electives": 1, "max_electives": 2, "start_on_approval": False,
        "completion_rule": {"threshold_percent": 50, "basis": "sessions", "excused_counts": False,
                            "self_study_counts": False, "conferences_mandatory": True}}


class Completion(StackTestCase):
    def test_rule_then_marks_then_progress_shows_completion_and_a_correction_undoes_it(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        mandatory = build.module(programme["id"], planned_hours=6)
        elective = self.assertStatus(api.post("modules", f"/v1/programmes/{programme['id']}/modules",
                                              {"code": "E1", "title": "Elective", "mandatory": False,
                                               "planned_hours": 3}), 201).json()

        # The rule: 422 naming the field when wrong, then set (a new version), then the same again.
        bad = dict(RULE, max_electives=0)
        self.assertFieldError(api.put("modules", f"/v1/programmes/{programme['id']}/rules", bad), 422, "max_electives")
        changed = self.assertStatus(api.put("modules", f"/v1/programmes/{programme['id']}/rules", RULE), 200).json()
        self.assertEqual(changed["version"], programme["version"] + 1)
        self.assertEqual(changed["completion_rule"]["threshold_percent"], 50)
        again = self.assertStatus(api.put("modules", f"/v1/programmes/{programme['id']}/rules", RULE), 200).json()
        self.assertEqual(again["version"], changed["version"])

        lectures = [build.session(cohort["id"], mandatory["id"], starts_at=f"2025-03-{day}T09:00:00+01:00",
                                  ends_at=f"2025-03-{day}T12:00:00+01:00") for day in (10, 11)]
        elective_session = build.session(cohort["id"], elective["id"], starts_at="2025-04-01T09:00:00+02:00",
                                         ends_at="2025-04-01T12:00:00+02:00")
        conference = build.session(cohort["id"], kind="conference", starts_at="2025-06-02T09:00:00+02:00",
                                   ends_at="2025-06-02T17:00:00+02:00")
        organisation = build.organisation()
        person = build.participant(organisation["id"])
        build.approve(build.enrolment(person["id"], cohort["id"])["id"])

        for session in (lectures[0], elective_session):
            self.assertStatus(build.attendance(session["id"], person["id"], {"status": "present"}), 201)

        def completion(p):
            return p["completion"][0] if p and p.get("completion") else None

        before = eventually(lambda: (lambda c: c if c and c["modules"] and all(
            m["attended"] for m in c["modules"]) else None)(completion(progress(api, person["id"]))),
            "both modules' marks in the participant's completion")
        self.assertFalse(before["complete"])
        self.assertEqual(before["missing"], ["conference 2025-06-02"])
        self.assertEqual(before["cohort_id"], cohort["id"])

        self.assertStatus(build.attendance(conference["id"], person["id"], {"status": "present"}), 201)
        done = eventually(lambda: (lambda c: c if c and c["complete"] else None)(completion(progress(api, person["id"]))),
                          "the completion in progress")
        self.assertEqual(done["completed_on"], "2025-06-02")
        self.assertEqual(done["missing"], [])
        cohort_summary = eventually(
            lambda: (lambda s: s if s and s["totals"]["participants_completed"] == 1 else None)(summary(api, cohort["id"])),
            "one completion in the cohort summary")
        self.assertEqual(organisation_row(cohort_summary, organisation["id"])["participants_completed"], 1)

        # A correction that undoes it: the conference was missed after all.
        self.assertStatus(api.put("attendance", f"/v1/sessions/{conference['id']}/attendance/{person['id']}",
                                  {"status": "absent", "reason": "not at the conference after all"}), 200, 201)
        undone = eventually(lambda: (lambda c: c if c and not c["complete"] else None)(completion(progress(api, person["id"]))),
                            "the completion undone in progress")
        self.assertEqual(undone["missing"], ["conference 2025-06-02"])

        # Both changes were published, in order, keyed by the participant.
        def published():
            out = kcat(self.stack, "-C", "-t", "samverkan.reporting", "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n")
            mine = [json.loads(line.split("\t", 1)[1]) for line in out.splitlines()
                    if line.startswith(person["id"] + "\t")]
            return mine if len(mine) == 2 else None
        events = eventually(published, "two completion.changed events on samverkan.reporting")
        self.assertEqual([(e["complete"], e["version"]) for e in events], [(True, 1), (False, 2)])
        self.assertServicesHealthy()

    def test_approved_self_study_shows_apart_in_progress_and_completes_by_hours(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        rule = {"min_electives": 0, "max_electives": None, "start_on_approval": False,
                "completion_rule": {"threshold_percent": 100, "basis": "hours", "excused_counts": False,
                                    "self_study_counts": True, "conferences_mandatory": False}}
        self.assertStatus(api.put("modules", f"/v1/programmes/{programme['id']}/rules", rule), 200)
        cohort = build.cohort(programme["id"])
        module = build.module(programme["id"], planned_hours=4)  # 240 minutes
        lecture = build.session(cohort["id"], module["id"])  # 180 minutes on 2025-03-10
        person = build.participant(build.organisation()["id"])
        build.approve(build.enrolment(person["id"], cohort["id"])["id"])
        self.assertStatus(build.attendance(lecture["id"], person["id"], {"status": "present"}), 201)
        self.assertStatus(api.put("attendance", f"/v1/cohorts/{cohort['id']}/self-study-policy",
                                  {"allowed": True}), 200)
        entry = retry_while(lambda: api.post("attendance", "/v1/self-study", {
            "participant_id": person["id"], "cohort_id": cohort["id"], "module_id": module["id"],
            "studied_on": "2025-03-12", "minutes": 60, "description": "read chapter 3"}), (422,),
            "attendance's replicas of the world")
        self.assertStatus(entry, 201)
        self.assertStatus(api.post("attendance", f"/v1/self-study/{entry.json()['id']}/approve", {}), 200)

        def completed(p):
            return p if p and p.get("completion") and p["completion"][0]["complete"] else None
        done = eventually(lambda: completed(progress(api, person["id"])), "completion by approved self-study")
        self.assertEqual(done["completion"][0]["completed_on"], "2025-03-12")
        self.assertEqual(done["completion"][0]["modules"][0]["attended"], 240)
        row = done["modules"][0]
        self.assertEqual((row["minutes"], row["self_study_minutes"]), (180, 60))  # kept apart
        self.assertEqual((done["minutes"], done["self_study_minutes"]), (180, 60))


if __name__ == "__main__":
    unittest.main()
