"""SIGTERM is a clean stop: each service drains, exits 0, and comes back on the same port with
its data and its place in the topics intact."""
import signal
import unittest

from support import (SERVICES, SESSION_MINUTES, Builder, StackTestCase, eventually, progress, retry_while)

STOP_DEADLINE = 30  # the server drains requests and the relay's last round; generous on purpose


class GracefulShutdown(StackTestCase):
    def test_sigterm_exits_zero_and_restarts_cleanly(self):
        api, build = self.admin, Builder(self, self.admin)
        before = build.world()
        self.assertStatus(build.attendance(before.session["id"], before.participant["id"], {"status": "present"}), 201)
        eventually(lambda: (progress(api, before.participant["id"]) or {}).get("minutes"), "the mark in reporting")

        for name in SERVICES:
            with self.subTest(service=name):
                process = self.stack.services[name]
                process.signal(signal.SIGTERM)
                code = process.popen.wait(timeout=STOP_DEADLINE)
                self.assertEqual(code, 0, f"{name} exited with {code}:\n{self.stack.log_tail(name)}")
                log = self.stack.log_tail(name, lines=20)
                self.assertIn('"msg":"shutting down"', log)
                self.assertIn('"msg":"stopped"', log)
                self.stack.restart(name)  # waits for /readyz
                self.assertStatus(api.get(name, "/readyz"), 200)

        # Data written before the restarts is still there ...
        self.assertStatus(api.get("modules", f"/v1/programmes/{before.programme['id']}"), 200)
        self.assertStatus(api.get("enrolment", f"/v1/participants/{before.participant['id']}"), 200)
        self.assertEqual(progress(api, before.participant["id"])["minutes"], SESSION_MINUTES)
        # ... and the whole path works again, through every restarted service and consumer.
        after = build.world()
        self.assertStatus(build.attendance(after.session["id"], after.participant["id"],
                                           {"status": "late", "minutes": 15}), 201)
        eventually(lambda: (progress(api, after.participant["id"]) or {}).get("minutes") == 15,
                   "a mark made after the restarts in reporting")
        # Nothing was counted twice when the consumers resumed from their committed offsets.
        self.assertEqual(progress(api, before.participant["id"])["sessions_attended"], 1)
        for name in SERVICES:
            self.assertNotIn('"level":"error"', (self.stack.dir / f"{name}.log").read_text(), f"{name} logged an error")

    def test_sigterm_publishes_the_last_requests_events_before_exit(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        person = build.participant(build.organisation()["id"])
        # A relay that polls once a minute and does not listen: only the shutdown round can send.
        self.stack.services["modules"].stop()
        self.stack.restart("modules", OUTBOX_POLL_MS=60000, OUTBOX_LISTEN="false")
        cohort = build.cohort(programme["id"])
        process = self.stack.services["modules"]
        process.signal(signal.SIGTERM)
        self.assertEqual(process.popen.wait(timeout=STOP_DEADLINE), 0, self.stack.log_tail("modules"))
        # With modules down, enrolment learns the cohort: the event left during shutdown.
        enrol = lambda: api.post("enrolment", "/v1/enrolments", {"participant_id": person["id"], "cohort_id": cohort["id"]})
        self.assertStatus(retry_while(enrol, (422,), "the cohort in enrolment's replica"), 201)
        self.stack.restart("modules")


if __name__ == "__main__":
    unittest.main()
