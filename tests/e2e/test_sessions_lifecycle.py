"""A session's life in the modules service: scheduled, rescheduled (twice, and once to the same
times, which changes nothing), cancelled, and then refused any further change; who may do it; and
the session.changed events it leaves on samverkan.modules, in order, with full state and version
and without the free-text reasons; the audit trail that holds them; and Idempotency-Key."""
import json
import unittest
import uuid

from support import OTHER_FEDERATION, Builder, Client, StackTestCase, eventually, kcat

TOPIC = "samverkan.modules"
SCHEDULED = "se.samverkan.modules.session.scheduled.v1"
CHANGED = "se.samverkan.modules.session.changed.v1"


class SessionLifecycle(StackTestCase):
    def events_of(self, session_id):
        """(type, data) of every event keyed by the session, in topic order (one key, one partition)."""
        out = kcat(self.stack, "-C", "-t", TOPIC, "-o", "beginning", "-e", "-f", "%k\t%h\t%s\n")
        found = []
        for line in out.splitlines():
            key, _, rest = line.partition("\t")
            if key != session_id:
                continue
            headers, _, payload = rest.partition("\t")
            h = dict(item.split("=", 1) for item in headers.split(",") if "=" in item)
            found.append((h.get("ce_type"), json.loads(payload)))
        return found

    def reschedule(self, session_id, starts_at, ends_at, reason="the hall is booked", client=None):
        return (client or self.admin).post("modules", f"/v1/sessions/{session_id}/reschedule",
                                           {"starts_at": starts_at, "ends_at": ends_at, "reason": reason})

    def cancel(self, session_id, reason="the trainer is ill", client=None):
        return (client or self.admin).post("modules", f"/v1/sessions/{session_id}/cancel", {"reason": reason})

    def test_reschedule_twice_then_cancel_and_nothing_after(self):
        build = Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        module = build.module(programme["id"])
        session = build.session(cohort["id"], module["id"])  # 2025-03-10 09:00-12:00 +01:00
        self.assertEqual((session["status"], session["version"], session["cancellation_reason"]),
                         ("scheduled", 1, None))

        moved = self.assertStatus(self.reschedule(session["id"], "2025-03-17T13:00:00+01:00",
                                                  "2025-03-17T16:00:00+01:00"), 200).json()
        self.assertEqual((moved["starts_at"], moved["ends_at"]), ("2025-03-17T12:00:00Z", "2025-03-17T15:00:00Z"))
        self.assertEqual((moved["local_start"], moved["local_end"]), ("2025-03-17T13:00", "2025-03-17T16:00"))
        self.assertEqual((moved["status"], moved["version"]), ("scheduled", 2))

        # The same instants written in UTC: nothing changes, no event.
        same = self.assertStatus(self.reschedule(session["id"], "2025-03-17T12:00:00Z", "2025-03-17T15:00:00Z"),
                                 200).json()
        self.assertEqual(same, moved)

        # Across the change to summer time: local wall time follows the session's zone.
        moved = self.assertStatus(self.reschedule(session["id"], "2025-04-07T09:00:00+02:00",
                                                  "2025-04-07T11:30:00+02:00"), 200).json()
        self.assertEqual((moved["starts_at"], moved["local_start"], moved["version"]),
                         ("2025-04-07T07:00:00Z", "2025-04-07T09:00", 3))

        cancelled = self.assertStatus(self.cancel(session["id"]), 200).json()
        self.assertEqual((cancelled["status"], cancelled["version"], cancelled["cancellation_reason"]),
                         ("cancelled", 4, "the trainer is ill"))
        self.assertEqual(cancelled["starts_at"], moved["starts_at"])

        # Cancelled is final: both changes are refused, and nothing moves.
        self.assertProblem(self.reschedule(session["id"], "2025-04-14T09:00:00+02:00", "2025-04-14T11:00:00+02:00"),
                           409)
        self.assertProblem(self.cancel(session["id"], "again"), 409)

        # Reads show the final state: the session itself and the cohort's list.
        read = self.assertStatus(self.admin.get("modules", f"/v1/sessions/{session['id']}"), 200).json()
        self.assertEqual(read, cancelled)
        listed = self.assertStatus(self.admin.get("modules", f"/v1/cohorts/{cohort['id']}/sessions"), 200).json()
        self.assertEqual([s for s in listed["items"] if s["id"] == session["id"]], [cancelled])

        # One scheduled event and three changes, in order, each with the full state and its version.
        events = eventually(lambda: (lambda e: e if len(e) >= 4 else None)(self.events_of(session["id"])),
                            "the session's four events on samverkan.modules")
        self.assertEqual([(t, d["version"]) for t, d in events], [(SCHEDULED, 1), (CHANGED, 2), (CHANGED, 3),
                                                                   (CHANGED, 4)])
        self.assertEqual([d["status"] for _, d in events[1:]], ["scheduled", "scheduled", "cancelled"])
        self.assertEqual([d["starts_at"] for _, d in events[1:]], ["2025-03-17T12:00:00Z", "2025-04-07T07:00:00Z",
                                                                   "2025-04-07T07:00:00Z"])
        for _, data in events[1:]:
            self.assertEqual((data["session_id"], data["cohort_id"], data["module_id"], data["federation_id"]),
                             (session["id"], cohort["id"], module["id"], "ostergotland"))
            self.assertEqual(data["title"], session["title"])
            self.assertIn("changed_at", data)
            text = json.dumps(data)
            self.assertNotIn("booked", text)
            self.assertNotIn("ill", text)

        # The audit trail has one entry per real change, with the versions and the reasons; the
        # repeated times and the refused changes left none.
        audit = self.assertStatus(self.admin.get(
            "modules", f"/v1/audit?entity_type=session&entity_id={session['id']}"), 200).json()["items"]
        self.assertEqual([(e["action"], e["version_before"], e["version_after"], e["reason"]) for e in audit],
                         [("session.scheduled", None, 1, None),
                          ("session.rescheduled", 1, 2, "the hall is booked"),
                          ("session.rescheduled", 2, 3, "the hall is booked"),
                          ("session.cancelled", 3, 4, "the trainer is ill")])
        self.assertEqual({e["subject"] for e in audit}, {"dev-user"})
        verified = self.assertStatus(self.admin.get("modules", "/v1/audit/verify"), 200).json()
        self.assertTrue(verified["ok"], verified)
        self.assertServicesHealthy()

    def test_an_idempotency_key_makes_a_cancel_safe_to_repeat(self):
        build = Builder(self, self.admin)
        session = build.session(build.cohort(build.programme()["id"])["id"])
        key = {"Idempotency-Key": f"cancel-{uuid.uuid4()}"}
        first = self.assertStatus(self.admin.post("modules", f"/v1/sessions/{session['id']}/cancel",
                                                  {"reason": "storm warning"}, headers=key), 200)
        again = self.assertStatus(self.admin.post("modules", f"/v1/sessions/{session['id']}/cancel",
                                                  {"reason": "storm warning"}, headers=key), 200)
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        self.assertEqual(again.json(), first.json())
        self.assertEqual(first.json()["version"], 2)
        # The same key with another body is refused; without a key, a second cancel is a conflict.
        self.assertProblem(self.admin.post("modules", f"/v1/sessions/{session['id']}/cancel",
                                           {"reason": "another reason"}, headers=key), 422)
        self.assertProblem(self.cancel(session["id"]), 409)
        audit = self.assertStatus(self.admin.get(
            "modules", f"/v1/audit?entity_type=session&entity_id={session['id']}"), 200).json()["items"]
        self.assertEqual([e["action"] for e in audit], ["session.scheduled", "session.cancelled"])
        events = eventually(lambda: (lambda e: e if len(e) >= 2 else None)(self.events_of(session["id"])),
                            "the session's two events on samverkan.modules")
        self.assertEqual([(t, d["version"]) for t, d in events], [(SCHEDULED, 1), (CHANGED, 2)])
        self.assertServicesHealthy()

    def test_trainers_with_display_names(self):
        build = Builder(self, self.admin)
        session = build.session(build.cohort(build.programme()["id"])["id"])
        path = f"/v1/sessions/{session['id']}/trainers"
        named = self.assertStatus(self.admin.put("modules", path, {"trainers": [
            {"subject": "trainer-b", "name": "Bo Berg"}, {"subject": "trainer-a", "name": None},
            {"subject": "trainer-b", "name": "Bo Berg"}]}), 200).json()
        self.assertEqual(named["trainer_subjects"], ["trainer-a", "trainer-b"])
        self.assertEqual(named["trainers"], [{"subject": "trainer-a", "name": None},
                                             {"subject": "trainer-b", "name": "Bo Berg"}])
        self.assertEqual(self.assertStatus(self.admin.get("modules", f"/v1/sessions/{session['id']}"), 200).json(),
                         named)
        for what, body in (("neither shape", {}), ("both shapes", {"trainer_subjects": [], "trainers": []}),
                           ("not objects", {"trainers": ["trainer-a"]}),
                           ("an unknown key", {"trainers": [{"subject": "a", "email": "a@x.se"}]}),
                           ("a blank name", {"trainers": [{"subject": "a", "name": " "}]}),
                           ("two names", {"trainers": [{"subject": "a", "name": "A"}, {"subject": "a", "name": "B"}]})):
            with self.subTest(what):
                self.assertFieldError(self.admin.put("modules", path, body), 400, "trainers")
        # The old shape still assigns, without names; the event carries both lists.
        plain = self.assertStatus(self.admin.put("modules", path, {"trainer_subjects": ["trainer-a"]}), 200).json()
        self.assertEqual((plain["trainers"], plain["version"]), ([{"subject": "trainer-a", "name": None}], 3))
        def both_changes():
            changes = [d for t, d in self.events_of(session["id"]) if t == CHANGED]
            return changes if len(changes) == 2 else None
        first, second = eventually(both_changes, "both session.changed events")
        self.assertEqual((first["trainers"], first["trainer_subjects"]), (named["trainers"], named["trainer_subjects"]))
        self.assertEqual((second["trainers"], second["version"]), (plain["trainers"], 3))

    def test_bad_changes_are_refused_and_change_nothing(self):
        build = Builder(self, self.admin)
        cohort = build.cohort(build.programme()["id"])
        session = build.session(cohort["id"])
        path = f"/v1/sessions/{session['id']}"
        cases = [
            ("ends before it starts", "reschedule",
             {"starts_at": "2025-03-10T12:00:00+01:00", "ends_at": "2025-03-10T09:00:00+01:00", "reason": "r"},
             "ends_at"),
            ("lasts over a day", "reschedule",
             {"starts_at": "2025-03-10T09:00:00+01:00", "ends_at": "2025-03-11T09:00:01+01:00", "reason": "r"},
             "ends_at"),
            ("no offset", "reschedule",
             {"starts_at": "2025-03-10T09:00:00", "ends_at": "2025-03-10T10:00:00+01:00", "reason": "r"},
             "starts_at"),
            ("no reason", "reschedule", {"starts_at": "2025-03-10T09:00:00+01:00",
                                         "ends_at": "2025-03-10T10:00:00+01:00"}, "reason"),
            ("empty reason", "cancel", {"reason": ""}, "reason"),
            ("unknown field", "cancel", {"reason": "r", "status": "cancelled"}, "status"),
            ("reason too long", "cancel", {"reason": "x" * 501}, "reason"),
        ]
        for what, action, body, field in cases:
            with self.subTest(what):
                self.assertFieldError(self.admin.post("modules", f"{path}/{action}", body), 400, field)
        with self.subTest("malformed JSON"):
            self.assertFieldError(self.admin.request("modules", "POST", f"{path}/cancel", raw='{"reason": '), 400,
                                  "body")

        # Only federation administrators change sessions; everyone in the federation reads them.
        for role in ("trainer", "org_coordinator", "funder_auditor"):
            with self.subTest(role=role):
                other = Client(self.stack, self.stack.token(roles=(role,), org=str(uuid.uuid4())))
                self.assertProblem(self.cancel(session["id"], client=other), 403)
                self.assertProblem(self.reschedule(session["id"], "2025-03-11T09:00:00+01:00",
                                                   "2025-03-11T10:00:00+01:00", client=other), 403)
                self.assertStatus(other.get("modules", path), 200)

        # Another federation's administrator, an unknown id and a malformed id all see no session.
        stranger = Client(self.stack, self.stack.token(federation=OTHER_FEDERATION))
        for client, session_id in ((stranger, session["id"]), (self.admin, str(uuid.uuid4())),
                                   (self.admin, "not-a-uuid")):
            with self.subTest(session_id=session_id):
                self.assertProblem(self.cancel(session_id, client=client), 404)
                self.assertProblem(self.reschedule(session_id, "2025-03-11T09:00:00+01:00",
                                                   "2025-03-11T10:00:00+01:00", client=client), 404)
                self.assertProblem(client.get("modules", f"/v1/sessions/{session_id}"), 404)

        unchanged = self.assertStatus(self.admin.get("modules", path), 200).json()
        self.assertEqual(unchanged, session)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
