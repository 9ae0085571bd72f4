"""A Teams attendance report imported through the stack: a dry run first, then the import, whose
marks reach reporting by events; unmatched guests, an alias and a re-import; a broken file changes
nothing; who may import."""
import unittest

from support import OTHER_FEDERATION, Builder, StackTestCase, eventually, progress, retry_while


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def teams_report(rows):
    """A Teams 2022+ report (English client): UTF-16LE, tabs, CRLF, three sections. The world's
    session is 2025-03-10 09:00-12:00 in Stockholm; rows are (name, join, leave, email)."""
    lines = ["1. Summary", "Meeting title\tDigital ledarskap", "Start time\t3/10/25, 8:55:00 AM", "",
             "2. Participants",
             "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole", "",
             "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    lines += [f"{n}\t3/10/25, {j}\t3/10/25, {l}\t1h\t{e}\tAttendee" for n, j, l, e in rows]
    return utf16("\r\n".join(lines) + "\r\n")


class MeetingImport(StackTestCase):
    def setUp(self):
        super().setUp()
        self.build = Builder(self, self.admin)
        w = self.w = self.build.world()
        self.other = self.build.participant(w.organisation["id"])
        self.build.approve(self.build.enrolment(self.other["id"], w.cohort["id"])["id"])
        self.path = f"/v1/sessions/{w.session['id']}/attendance/imports"

    def post(self, body, query="", client=None, content_type="text/csv"):
        return (client or self.admin).request("attendance", "POST", self.path + query, raw=body,
                                              headers={"Content-Type": content_type})

    def test_dry_run_then_import_moves_reporting_and_a_repeat_changes_nothing(self):
        w, api = self.w, self.admin
        me, other = w.participant, self.other
        report = teams_report([
            ("Astrid", "8:58:00 AM", "10:00:00 AM", me["email"].upper()),
            ("Astrid", "10:05:00 AM", "12:10:00 PM", me["email"]),      # a rejoin: 60 + 115 minutes
            ("Other", "9:00:00 AM", "10:00:00 AM", "other.private@example.org"),  # unknown address
            ("Kalle (Guest)", "9:00:00 AM", "9:30:00 AM", ""),
        ])

        def dry_matched():
            response = self.post(report, "?dry_run=true")
            return response.status == 200 and len(response.json()["matched"]) == 1 and response.json()
        dry = eventually(dry_matched, "attendance to know the session, the approval and the address")
        self.assertEqual((dry["format"], dry["rows"], dry["changes"], dry["dry_run"]), ("teams_2022", 4, 1, True))
        self.assertEqual(dry["matched"][0]["participant_id"], me["id"])
        self.assertEqual((dry["matched"][0]["minutes"], dry["matched"][0]["status"]), (175, "present"))
        self.assertEqual(dry["present_percent"], 75)  # the programme states no policy: the default
        self.assertEqual(dry["matched"][0]["first_join"], "2025-03-10T08:58:00+01:00")
        self.assertEqual(sorted(u["reason"] for u in dry["unmatched"]), ["no_email", "unknown_email"])
        self.assertEqual(dry["expected_missing"], [other["id"]])  # in the file, under an unknown address
        self.assertEqual(self.assertStatus(api.get("attendance", f"/v1/sessions/{w.session['id']}/attendance"),
                                           200).json()["items"], [], "a dry run wrote a mark")

        applied = self.assertStatus(self.post(report), 200).json()
        self.assertEqual((applied["changes"], applied["dry_run"]), (1, False))
        self.assertIsNotNone(applied["import_id"])
        eventually(lambda: (progress(api, me["id"]) or {}).get("minutes") == 175, "the import in reporting")
        self.assertEqual(self.assertStatus(self.post(report), 200).json()["changes"], 0)

        # The unknown address becomes an alias of the other participant; the re-import matches.
        self.assertStatus(api.put("attendance", f"/v1/participants/{other['id']}/email-aliases",
                                  {"emails": ["Other.Private@example.org"]}), 200)
        again = self.assertStatus(self.post(report), 200).json()
        self.assertEqual(again["changes"], 1)
        self.assertEqual({m["participant_id"]: m["status"] for m in again["matched"]},
                         {me["id"]: "present", other["id"]: "late"})
        eventually(lambda: (progress(api, other["id"]) or {}).get("minutes") == 60, "the re-import in reporting")
        history = self.assertStatus(api.get(
            "attendance", f"/v1/sessions/{w.session['id']}/attendance/{me['id']}/history"), 200).json()
        self.assertEqual([(r["revision"], r["source"], r["file_sha256"]) for r in history["items"]],
                         [(1, "import", applied["sha256"])])

    def test_a_broken_or_hostile_file_is_a_4xx_and_changes_nothing(self):
        w, api = self.w, self.admin
        valid = teams_report([("A", "9:00:00 AM", "10:00:00 AM", "a@x.se")])
        eventually(lambda: self.post(valid, "?dry_run=true").status == 200, "attendance to know the session")
        cases = [
            (b"Name,Join Time,Leave Time\r\n\"never closed,3/10/25 9:00,3/10/25 10:00\r\n", 422, "line 2, column 1"),
            (teams_report([("A", "9:00:00 AM", "10:00:00 AM", "a@x.se")]).replace(b"3\x00/\x001\x000\x00/\x002\x005\x00",
                                                                               b"3\x00/\x001\x001\x00/\x002\x005\x00"),
             422, "not the session's day"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 422, "line 1"),
            (b"=cmd|' /C calc'!A0,@SUM(1+1)\r\n", 422, "no attendance table"),
            (b"\xfe\xff\x00A", 422, "big-endian"),
        ]
        for body, status, where in cases:
            with self.subTest(where=where):
                problem = self.assertProblem(self.post(body), status)
                self.assertIn(where, problem["detail"])
        self.assertProblem(self.post(b"x" * (1024 * 1024 + 1)), 413)
        self.assertProblem(self.post(b"a,b\r\n", content_type="application/json"), 415)
        self.assertProblem(self.post(b"a,b\r\n", "?dry_run=maybe"), 400)
        self.assertEqual(self.assertStatus(api.get("attendance", f"/v1/sessions/{w.session['id']}/attendance"),
                                           200).json()["items"], [])
        self.assertServicesHealthy()

    def test_email_aliases_are_checked_and_scoped(self):
        w, api = self.w, self.admin
        path = f"/v1/participants/{w.participant['id']}/email-aliases"
        put = lambda body, client=api: client.put("attendance", path, body)  # noqa: E731
        eventually(lambda: api.get("attendance", path).status == 200, "attendance to know the participant")
        self.assertEqual(api.get("attendance", path).json(),
                         {"participant_id": w.participant["id"], "emails": [], "version": 0})
        self.assertFieldError(put({}), 400, "emails")
        self.assertFieldError(put({"emails": "a@x.se"}), 400, "emails")
        self.assertFieldError(put({"emails": ["a@x.se"], "extra": 1}), 400, "extra")
        self.assertFieldError(put({"emails": [f"p{i}@x.se" for i in range(11)]}), 400, "emails")
        self.assertFieldError(put({"emails": ["a@x.se", "not an address"]}), 422, "emails/1")
        self.assertFieldError(put({"emails": [3]}), 422, "emails/0")
        stored = self.assertStatus(put({"emails": ["B@Y.se", "b@y.se", "c@z.se"]}), 200).json()
        self.assertEqual((stored["emails"], stored["version"]), (["b@y.se", "c@z.se"], 1))
        self.assertEqual(self.assertStatus(put({"emails": ["b@y.se", "c@z.se"]}), 200).json()["version"], 1)
        own = self.admin.with_token(self.stack.token(roles=("org_coordinator",), org=w.organisation["id"]))
        other = self.admin.with_token(self.stack.token(roles=("org_coordinator",), org=self.build.organisation()["id"]))
        self.assertEqual(self.assertStatus(put({"emails": []}, own), 200).json()["version"], 2)
        self.assertProblem(put({"emails": []}, other), 404)
        self.assertProblem(other.get("attendance", path), 404)
        self.assertProblem(self.admin.with_token(self.stack.token(roles=("trainer",))).get("attendance", path), 403)
        self.assertProblem(api.get("attendance", "/v1/participants/00000000-0000-4000-8000-000000000000/email-aliases"),
                           404)

    def test_who_may_import(self):
        w = self.w
        report = teams_report([("A", "9:00:00 AM", "10:00:00 AM", "a@x.se")])
        coordinator = self.admin.with_token(self.stack.token(roles=("org_coordinator",), org=w.organisation["id"]))
        auditor = self.admin.with_token(self.stack.token(roles=("funder_auditor",)))
        trainer = self.admin.with_token(self.stack.token(roles=("trainer",), subject="trainer-1"))
        other_federation = self.admin.with_token(self.stack.token(federation=OTHER_FEDERATION))
        self.assertProblem(self.post(report, client=coordinator), 403)
        self.assertProblem(self.post(report, client=auditor), 403)
        self.assertProblem(self.post(report, client=other_federation), 404)
        # A trainer imports only for the sessions assigned to it (403 until attendance has the assignment).
        self.assertProblem(retry_while(lambda: self.post(report, "?dry_run=true", client=trainer), (404,),
                                       "the session in attendance"), 403)
        self.assertStatus(self.admin.put("modules", f"/v1/sessions/{w.session['id']}/trainers",
                                         {"trainer_subjects": ["trainer-1"]}), 200)
        eventually(lambda: self.post(report, "?dry_run=true", client=trainer).status == 200, "a trainer's dry run")


if __name__ == "__main__":
    unittest.main()
