"""Nothing is lost and nothing is counted twice: an event committed to the outbox survives a crash
of its service before the relay ran, a repeated attendance mark changes nothing, a corrected mark
replaces the old one in reporting, and concurrent identical requests take effect once."""
import unittest

from support import (in_parallel, SESSION_MINUTES, Builder, StackTestCase, eventually, organisation_row, progress, retry_while,
                     scrape, summary)

# Without LISTEN the relay only polls, and OUTBOX_POLL_MS is capped at 60000 by the service's
# configuration; a minute is far longer than the moment between the POST and the SIGKILL, so the
# relay cannot have published the event.
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
        self.stack.restart("modules", OUTBOX_POLL_MS=SLOW_POLL_MS, OUTBOX_LISTEN="false")
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
        # Attendance's relay publishes in outbox order and counts an event before reporting can
        # see it, so every earlier event is counted by now.
        produced = self.recorded_events_produced()

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
        eventually(lambda: self.recorded_events_produced() >= produced + 1, "the barrier event counted")
        self.assertEqual(self.recorded_events_produced(), produced + 1, "a repeated mark emitted an event")
        unchanged = progress(api, w.participant["id"])
        self.assertEqual((unchanged["sessions_attended"], unchanged["minutes"]), (1, SESSION_MINUTES))

        # A different mark is a correction: revision 2 of the same record, replacing revision 1.
        self.assertFieldError(api.put("attendance", path, {"status": "late", "minutes": 45}), 422, "reason")
        corrected = self.assertStatus(api.put("attendance", path, {"status": "late", "minutes": 45, "reason": "came late"}),
                                      200).json()
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

    def test_concurrent_requests_count_once(self):
        api, build = self.admin, Builder(self, self.admin)
        w = build.world()
        # Make sure attendance's replicas are ready using a second session, so the race below is
        # the first mark of this pair and nothing else.
        warmup = build.session(w.cohort["id"], w.module["id"], starts_at="2025-03-12T09:00:00+01:00",
                               ends_at="2025-03-12T10:00:00+01:00")
        self.assertStatus(build.attendance(warmup["id"], w.participant["id"], {"status": "present"}), 201)
        eventually(lambda: api.get("attendance", f"/v1/sessions/{w.session['id']}/attendance").status == 200,
                   "attendance to know the session")
        eventually(lambda: (progress(api, w.participant["id"]) or {}).get("minutes") == 60, "the warm-up in reporting")
        produced_before = self.recorded_events_produced()  # every earlier event is counted (see above)
        path = f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}"

        # The same first mark eight times at once: one creates it, the others see it.
        same = in_parallel(8, lambda _: api.put("attendance", path, {"status": "present"}))
        for response in same:
            self.assertStatus(response, 200, 201)
        self.assertEqual(sorted(r.status for r in same), [200] * 7 + [201], [r.describe() for r in same])
        self.assertEqual({(r.json()["id"], r.json()["revision"]) for r in same}, {(same[0].json()["id"], 1)})

        # Eight different corrections at once: eight consecutive revisions, the last one wins.
        corrections = in_parallel(8, lambda i: api.put("attendance", path, {"status": "late", "minutes": 10 + i,
                                                                               "reason": "corrected"}))
        for response in corrections:
            self.assertStatus(response, 200)
        self.assertEqual(sorted(r.json()["revision"] for r in corrections), list(range(2, 10)))
        final = max((r.json() for r in corrections), key=lambda r: r["revision"])
        eventually(lambda: self.recorded_events_produced() >= produced_before + 9, "nine events published")
        self.assertEqual(self.recorded_events_produced(), produced_before + 9, "one event per revision, no more")
        shown = eventually(lambda: (lambda p: p if p and p["minutes"] == 60 + final["minutes"] else None)(
            progress(api, w.participant["id"])), "the last revision in reporting")
        self.assertEqual(shown["sessions_attended"], 2, "a revision was counted as another session")

        # Approving one enrolment eight times at once: one approval, seven conflicts.
        person = build.participant(w.organisation["id"])
        enrolment = build.enrolment(person["id"], w.cohort["id"])
        approvals = in_parallel(8, lambda _: api.post("enrolment", f"/v1/enrolments/{enrolment['id']}/approve", {}))
        self.assertEqual(sorted(r.status for r in approvals), [200] + [409] * 7, [r.describe() for r in approvals])
        for response in approvals:
            if response.status == 409:
                self.assertProblem(response, 409)
        # Enrolling the same person twice at once: one enrolment.
        late = build.participant(w.organisation["id"])
        build.enrolment(late["id"], w.cohort["id"])  # waits for the cohort replica
        twice = in_parallel(4, lambda _: api.post("enrolment", "/v1/enrolments",
                                                  {"participant_id": late["id"], "cohort_id": w.cohort["id"]}))
        self.assertEqual([r.status for r in twice], [409] * 4, [r.describe() for r in twice])
        row = eventually(lambda: (lambda s: (lambda r: r if r and r["participants_enrolled"] == 2 else None)(
            organisation_row(s, w.organisation["id"])) if s else None)(summary(api, w.cohort["id"])),
            "two approved participants in reporting")
        self.assertEqual(row["participants_enrolled"], 2)
        self.assertServicesHealthy()



if __name__ == "__main__":
    unittest.main()
