"""A participant's own time, through the whole stack: a login linked in enrolment reaches
attendance (participant.changed), the participant confirms a monthly statement, a correction
supersedes it (the old version stays readable), and they register an apology and check in with
the code a trainer of the session opened."""
import datetime
import unittest

from support import Builder, Client, StackTestCase, eventually, retry_while, unique


def rfc3339(moment):
    return moment.replace(microsecond=0).isoformat()


class ParticipantTime(StackTestCase):
    def setUp(self):
        super().setUp()
        self.build = Builder(self, self.admin)
        self.w = self.build.world()  # its session: 2025-03-10, 09:00-12:00 Stockholm
        subject = unique("person")  # a subject links to one participant of the federation
        self.assertStatus(self.admin.put("enrolment", f"/v1/participants/{self.w.participant['id']}/subject",
                                         {"subject": subject}), 200)
        self.person = Client(self.stack, self.stack.token(roles=("participant",), subject=subject))
        self.statement = f"/v1/participants/{self.w.participant['id']}/statements/2025-03"

    def mark(self, body):
        path = f"/v1/sessions/{self.w.session['id']}/attendance/{self.w.participant['id']}"
        return retry_while(lambda: self.admin.put("attendance", path, body), (404, 422), "the session and approval")

    def test_a_confirmed_month_is_superseded_by_a_correction_and_stays_readable(self):
        self.assertStatus(self.mark({"status": "present"}), 201)
        # 404 until attendance has the login link.
        first = self.assertStatus(retry_while(lambda: self.person.get("attendance", self.statement), (404,),
                                              "the participant link"), 200).json()
        self.assertEqual((first["version"], first["state"], first["session_minutes"]), (1, "unconfirmed", 180))
        confirm = f"{self.statement}/confirm"
        confirmed = self.assertStatus(self.person.post("attendance", confirm, {"sha256": first["sha256"]}), 201).json()
        self.assertEqual((confirmed["version"], confirmed["state"]), (1, "confirmed"))
        self.assertStatus(self.person.post("attendance", confirm, {"sha256": first["sha256"]}), 200)
        self.assertProblem(self.admin.post("attendance", confirm, {"sha256": first["sha256"]}), 403)

        self.assertStatus(self.mark({"status": "late", "minutes": 60, "reason": "left at ten"}), 200)
        now = self.assertStatus(self.person.get("attendance", self.statement), 200).json()
        self.assertEqual((now["version"], now["state"], now["session_minutes"]), (2, "unconfirmed", 60))
        self.assertEqual([(v["version"], v["state"]) for v in now["versions"]], [(1, "superseded")])
        old = self.assertStatus(self.person.get("attendance", f"{self.statement}/versions/1"), 200).json()
        self.assertEqual((old["sha256"], old["content"]), (first["sha256"], first["content"]))
        self.assertProblem(self.person.post("attendance", confirm, {"sha256": first["sha256"]}), 409)
        self.assertStatus(self.person.post("attendance", confirm, {"sha256": now["sha256"]}), 201)

        status = self.assertStatus(self.admin.get("attendance", "/v1/statements?month=2025-03"), 200).json()
        self.assertIn({"organisation_id": self.w.organisation["id"], "participants": 1, "confirmed": 1,
                       "superseded": 0, "unconfirmed": 0}, status["items"])
        other = self.build.participant(self.w.organisation["id"])
        self.assertProblem(self.person.get("attendance", f"/v1/participants/{other['id']}/statements/2025-03"), 404)

    def test_an_apology_and_a_check_in_with_the_trainers_code(self):
        start = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
        soon = self.build.session(self.w.cohort["id"], self.w.module["id"], starts_at=rfc3339(start),
                                  ends_at=rfc3339(start + datetime.timedelta(hours=2)))
        later = self.build.session(self.w.cohort["id"], self.w.module["id"], starts_at="2030-03-10T09:00:00+01:00",
                                   ends_at="2030-03-10T11:00:00+01:00")
        apology = {"participant_id": self.w.participant["id"], "reason": "at the dentist"}
        self.assertStatus(retry_while(lambda: self.person.post("attendance", f"/v1/sessions/{later['id']}/apologies",
                                                               apology), (403, 404, 422), "the link and the session"), 201)
        mine = self.assertStatus(self.person.get("attendance", f"/v1/sessions/{later['id']}/apologies"), 200).json()
        self.assertEqual([a["reason"] for a in mine["items"]], ["at the dentist"])

        trainer = Client(self.stack, self.stack.token(roles=("trainer",), subject="e2e-trainer"))
        self.assertStatus(self.admin.put("modules", f"/v1/sessions/{soon['id']}/trainers",
                                         {"trainer_subjects": ["e2e-trainer"]}), 200)
        opened = retry_while(lambda: trainer.post("attendance", f"/v1/sessions/{soon['id']}/check-in", {}), (403, 404),
                             "the session and its trainer")
        code = self.assertStatus(opened, 200).json()["code"]
        wrong = "000000" if code != "000000" else "000001"
        self.assertProblem(self.person.post("attendance", f"/v1/sessions/{soon['id']}/check-ins", {"code": wrong}), 422)

        def checked_in():
            current = self.assertStatus(trainer.get("attendance", f"/v1/sessions/{soon['id']}/check-in"), 200).json()
            return self.person.post("attendance", f"/v1/sessions/{soon['id']}/check-ins", {"code": current["code"]})
        record = self.assertStatus(checked_in(), 201).json()
        self.assertEqual((record["status"], record["source"]), ("present", "check_in"))
        eventually(lambda: any(r["participant_id"] == self.w.participant["id"] for r in self.assertStatus(
            self.admin.get("attendance", f"/v1/sessions/{soon['id']}/attendance"), 200).json()["items"]),
            "the check-in in the session's records")


if __name__ == "__main__":
    unittest.main()
