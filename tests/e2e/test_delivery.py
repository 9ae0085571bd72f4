"""Nothing is lost and nothing is counted twice: an event committed to the outbox survives a crash
of its service before the relay ran, a repeated attendance mark changes nothing, and a corrected
mark replaces the old one in reporting."""
import unittest

from support import (SESSION_MINUTES, Builder, StackTestCase, eventually, organisation_row, progress, retry_while,
                     scrape, summary)

# OUTBOX_POLL_MS is capped at 60000 by the service's configuration; a minute is far longer than
# the moment between the POST and the SIGKILL, so the relay cannot have published the event.
SLOW_POLL_MS = 60000
RECORDED = "se.samverkan.attendance.attendance.recorded.v1"


class Delivery(StackTestCase):
    def recorded_events_produced(self):
        return scrape(self.stack, "attendance").total("samverkan_events_produced_total", type=RECORDED)

    def test_event_committed_before_sigkill_is_published_after_restart(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        organisation = build.organisation()
        participant = build.participant(organisation["id"])

        # Restart modules with a relay that publishes at start and then not for a minute.
        self.stack.services["modules"].stop()
        self.stack.restart("modules", OUTBOX_POLL_MS=SLOW_POLL_MS)
        cohort = build.cohort(programme["id"])

        # Nobody has heard of the cohort: its event is only in modules' outbox.
        enrol = lambda: api.post("enrolment", "/v1/enrolments",
                                 {"participant_id": participant["id"], "cohort_id": cohort["id"]})
        self.assertFieldError(enrol(), 422, "cohort_id")
        self.assertProblem(api.get("reporting", f"/v1/cohorts/{cohort['id']}/summary"), 404)

        self.stack.services["modules"].kill()  # SIGKILL: no shutdown hook, no final relay round
        self.stack.restart("modules")          # the normal poll interval

        # The cohort arrives: enrolment's replica accepts an enrolment, reporting knows the cohort.
        self.assertStatus(retry_while(enrol, (422,), "the cohort in enrolment's replica"), 201)
        known = eventually(lambda: summary(api, cohort["id"]), "the cohort in reporting")
        self.assertEqual(known["name"], cohort["name"])
        # The cohort in modules itself survived too (it was committed with its outbox row).
        cohorts = self.assertStatus(api.get("modules", f"/v1/programmes/{programme['id']}/cohorts"), 200).json()
        self.assertIn(cohort["id"], [c["id"] for c in cohorts["items"]])

    def test_repeat_changes_nothing_and_correction_replaces(self):
        api, build = self.admin, Builder(self, self.admin)
        w = build.world()
        other = build.participant(w.organisation["id"])
        build.approve(build.enrolment(other["id"], w.cohort["id"])["id"])
        path = f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}"

        first = self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
        record = first.json()
        self.assertEqual((record["revision"], record["minutes"]), (1, SESSION_MINUTES))
        eventually(lambda: (lambda p: p and p["minutes"] == SESSION_MINUTES)(progress(api, w.participant["id"])),
                   "the first mark in reporting")

        # The same mark again: same record, same revision, no new event.
        again = self.assertStatus(api.put("attendance", path, {"status": "present"}), 200).json()
        self.assertEqual(again, record)
        explicit = self.assertStatus(api.put("attendance", path, {"status": "present", "minutes": SESSION_MINUTES}),
                                     200).json()
        self.assertEqual(explicit, record, "present with the session's full length is the same mark")

        # A barrier: another participant's mark is appended to the outbox after the repeats, and
        # the relay publishes in outbox order, so once it is out any event of the repeats would
        # be out as well.
        self.assertStatus(build.attendance(w.session["id"], other["id"], {"status": "late", "minutes": 30}), 201)
        eventually(lambda: (lambda p: p and p["minutes"] == 30)(progress(api, other["id"])),
                   "the barrier mark in reporting")
        eventually(lambda: self.recorded_events_produced() >= 2, "attendance to count the barrier event")
        self.assertEqual(self.recorded_events_produced(), 2, "a repeated mark emitted an event")
        unchanged = progress(api, w.participant["id"])
        self.assertEqual((unchanged["sessions_attended"], unchanged["minutes"]), (1, SESSION_MINUTES))

        # A different mark is a correction: revision 2 of the same record, replacing revision 1.
        corrected = self.assertStatus(api.put("attendance", path, {"status": "late", "minutes": 45}), 200).json()
        self.assertEqual((corrected["id"], corrected["revision"], corrected["minutes"]), (record["id"], 2, 45))
        self.assertEqual(self.assertStatus(api.put("attendance", path, {"status": "late", "minutes": 45}), 200).json(),
                         corrected)
        after = eventually(lambda: (lambda p: p if p and p["minutes"] == 45 else None)(progress(api, w.participant["id"])),
                           "the correction in reporting")
        self.assertEqual(after["sessions_attended"], 1, "the correction was counted as a second session")
        module = [m for m in after["modules"] if m["module_id"] == w.module["id"]][0]
        self.assertEqual((module["sessions_attended"], module["minutes"]), (1, 45))
        row = organisation_row(summary(api, w.cohort["id"]), w.organisation["id"])
        self.assertEqual((row["sessions_attended"], row["minutes"]), (2, 45 + 30))
        listed = self.assertStatus(api.get("attendance", f"/v1/sessions/{w.session['id']}/attendance"), 200).json()
        mine = [r for r in listed["items"] if r["participant_id"] == w.participant["id"]]
        self.assertEqual([(r["revision"], r["status"], r["minutes"]) for r in mine], [(2, "late", 45)])


if __name__ == "__main__":
    unittest.main()
