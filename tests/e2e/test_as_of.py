"""As-of reports end to end (issue 9 §5): a report taken, a correction made through attendance's
API, the change listed by changes?since and flagged when its month was locked, and the report as
of the earlier moment still the same bytes."""
import unittest
import urllib.parse

from support import Builder, Client, StackTestCase, claims, craft_token, eventually, stack_secret


class AsOf(StackTestCase):
    def test_a_correction_shows_in_changes_and_the_as_of_report_is_unchanged(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        module = self.assertStatus(api.post("modules", f"/v1/programmes/{programme['id']}/modules",
                                            {"code": "AS1", "title": "Module", "mandatory": True,
                                             "planned_hours": 6}), 201).json()
        lecture = build.session(cohort["id"], module["id"])  # 2025-03-10 09:00-12:00 +01:00
        organisation = build.organisation()
        person = build.participant(organisation["id"])
        build.approve(build.enrolment(person["id"], cohort["id"])["id"])
        mark_path = f"/v1/sessions/{lecture['id']}/attendance/{person['id']}"
        self.assertStatus(build.attendance(lecture["id"], person["id"], {"status": "present", "minutes": 180}), 201)
        summary_path = f"/v1/cohorts/{cohort['id']}/summary"
        export_path = f"/v1/cohorts/{cohort['id']}/exports/sessions.csv"

        def summary_with(minutes):
            def probe():
                r = api.get("reporting", summary_path)
                if r.status != 200:
                    return None
                body = r.json()
                return r if sum(o["minutes"] for o in body["organisations"]) == minutes else None
            return probe
        report = eventually(summary_with(180), "the mark in the summary")
        as_of = report.json()["as_of"]
        export = self.assertStatus(api.get("reporting", export_path), 200)
        self.assertTrue(export.headers["x-as-of"].endswith("Z"))
        records_path = f"/v1/cohorts/{cohort['id']}/records?organisation_id={organisation['id']}"
        records = self.assertStatus(api.get("reporting", records_path), 200)
        self.assertEqual(records.json()["totals"]["minutes"], 180)

        # The auditor locks March 2025, the report's month; locking again changes nothing.
        auditor = Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("funder_auditor",))))
        lock_path = f"/v1/programmes/{programme['id']}/locks/2025-03"
        self.assertStatus(auditor.put("reporting", lock_path, {}), 201)
        self.assertStatus(auditor.put("reporting", lock_path, {}), 200)
        locks = self.assertStatus(auditor.get("reporting", f"/v1/programmes/{programme['id']}/locks"), 200).json()
        self.assertEqual([lock["month"] for lock in locks["items"]], ["2025-03"])

        # A correction through attendance's API, after the report and the lock.
        self.assertStatus(api.put("attendance", mark_path, {"status": "late", "minutes": 120, "reason": "came late"}), 200)
        eventually(summary_with(120), "the correction in the summary")

        since = urllib.parse.quote(as_of)
        changes = self.assertStatus(
            auditor.get("reporting", f"/v1/programmes/{programme['id']}/changes?since={since}"), 200).json()
        marks = [c for c in changes["items"] if c["entity"] == "attendance"]
        self.assertEqual(len(marks), 1, changes)
        self.assertEqual((marks[0]["month"], marks[0]["locked_month"]), ("2025-03", True))
        self.assertEqual((marks[0]["before"]["status"], marks[0]["after"]["status"]), ("present", "late"))
        self.assertIn("minutes", marks[0]["changed"])
        self.assertNotIn(person["name"], str(changes))
        self.assertNotIn(person["email"], str(changes))
        by_cohort = self.assertStatus(
            auditor.get("reporting", f"/v1/cohorts/{cohort['id']}/changes?since={since}"), 200).json()
        self.assertEqual(by_cohort["items"], changes["items"])

        # As of the report's moment: the same bytes as then.
        again = self.assertStatus(api.get("reporting", f"{summary_path}?as_of={since}"), 200)
        self.assertEqual(again.body, report.body)
        export_then = self.assertStatus(
            api.get("reporting", f"{export_path}?as_of={urllib.parse.quote(export.headers['x-as-of'])}"), 200)
        self.assertEqual(export_then.body, export.body)
        self.assertNotEqual(self.assertStatus(api.get("reporting", export_path), 200).body, export.body)
        # The records behind the figure open as of the same moment too (drill-down, ADR 0078).
        records_then = self.assertStatus(api.get(
            "reporting", f"{records_path}&as_of={urllib.parse.quote(records.json()['as_of'])}"), 200)
        self.assertEqual(records_then.body, records.body)
        self.assertEqual(self.assertStatus(api.get("reporting", records_path), 200).json()["totals"]["minutes"], 120)

        # Outside the history or malformed: refused naming the parameter.
        self.assertFieldError(api.get("reporting", f"{summary_path}?as_of=2000-01-01T00:00:00Z"), 422, "as_of")
        self.assertFieldError(api.get("reporting", f"{summary_path}?as_of=yesterday"), 400, "as_of")
        self.assertFieldError(auditor.get("reporting", f"/v1/programmes/{programme['id']}/changes"), 400, "since")
        trainer = Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("trainer",))))
        self.assertProblem(trainer.put("reporting", lock_path, {}), 403)
        other = Client(self.stack, craft_token(stack_secret(self.stack),
                                               claims(federation="skane", roles=("funder_auditor",))))
        self.assertProblem(other.get("reporting", f"/v1/programmes/{programme['id']}/changes?since={since}"), 404)
        self.assertProblem(other.put("reporting", lock_path, {}), 404)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
