"""The funders' CSV exports end to end: the sessions and hours files of a cohort with attendance,
their BOM, separators and neutralised cells, the pseudonymised variant without participant ids,
who may take which variant, and the CLI writing the same bytes."""
import subprocess
import unittest

from support import BUILD_DIR, Builder, Client, StackTestCase, claims, craft_token, eventually, stack_secret


class Exports(StackTestCase):
    def test_sessions_and_hours_files_full_and_pseudonymised(self):
        api, build = self.admin, Builder(self, self.admin)
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        module = self.assertStatus(api.post("modules", f"/v1/programmes/{programme['id']}/modules",
                                            {"code": "=SUM(A1)", "title": "Module", "mandatory": True,
                                             "planned_hours": 6}), 201).json()
        lecture = build.session(cohort["id"], module["id"])  # 2025-03-10 09:00-12:00 +01:00
        # Named trainers (staff): the teacher column names them in both variants.
        self.assertStatus(api.put("modules", f"/v1/sessions/{lecture['id']}/trainers",
                                  {"trainers": [{"subject": "trainer-b", "name": "=Bo Berg"},
                                                {"subject": "trainer-a", "name": "Åsa Ek"},
                                                {"subject": "trainer-c"}]}), 200)
        organisation = build.organisation()
        person = build.participant(organisation["id"])
        build.approve(build.enrolment(person["id"], cohort["id"])["id"])
        self.assertStatus(build.attendance(lecture["id"], person["id"], {"status": "late", "minutes": 150}), 201)
        base = f"/v1/cohorts/{cohort['id']}/exports"

        def sessions_file():
            r = api.get("reporting", base + "/sessions.csv?separator=semicolon")
            if r.status == 404:
                return None  # reporting has not heard of the cohort yet
            self.assertStatus(r, 200)
            body = r.body.decode("utf-8")
            return r if body.count(";2.50\r\n") == 1 and "Åsa Ek" in body else None
        sessions = eventually(sessions_file, "the mark and the teacher in the sessions export")
        self.assertTrue(sessions.content_type.startswith("text/csv"))
        text = sessions.body.decode("utf-8")
        self.assertTrue(text.startswith("\ufeffsession_id;date;start;end;"), text)
        self.assertIn(f"{lecture['id']};2025-03-10;09:00;12:00;180;scheduled;lecture;\"'=SUM(A1)\";"
                      "trainer-a, trainer-b, trainer-c;Åsa Ek, =Bo Berg;1;0;1;0;0;2.50\r\n", text)
        hidden_sessions = self.assertStatus(
            api.get("reporting", base + "/sessions.csv?separator=semicolon&variant=pseudonymised"), 200)
        self.assertIn(";Åsa Ek, =Bo Berg;", hidden_sessions.body.decode("utf-8"))

        hours = self.assertStatus(api.get("reporting", base + "/hours.csv"), 200).body.decode("utf-8")
        self.assertIn(f"{person['id']},{organisation['id']},2025-03,2.50,0.00,open\r\n", hours)
        hidden = self.assertStatus(api.get("reporting", base + "/hours.csv?variant=pseudonymised"), 200).body.decode("utf-8")
        again = self.assertStatus(api.get("reporting", base + "/hours.csv?variant=pseudonymised"), 200).body.decode("utf-8")
        self.assertEqual(hidden, again)
        self.assertNotIn(person["id"], hidden)
        self.assertNotIn(person["email"], hidden)
        self.assertNotIn(person["name"], hidden)
        self.assertIn(",2025-03,2.50,0.00,open\r\n", hidden)

        auditor = Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("funder_auditor",))))
        self.assertProblem(auditor.get("reporting", base + "/hours.csv"), 403)
        self.assertEqual(self.assertStatus(auditor.get("reporting", base + "/hours.csv?variant=pseudonymised"),
                                           200).body.decode("utf-8"), hidden)
        trainer = Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("trainer",))))
        self.assertProblem(trainer.get("reporting", base + "/sessions.csv"), 403)
        other = Client(self.stack, craft_token(stack_secret(self.stack), claims(federation="skane")))
        self.assertProblem(other.get("reporting", base + "/sessions.csv"), 404)
        self.assertFieldError(api.get("reporting", base + "/sessions.csv?separator=tab"), 400, "separator")

        # The CLI writes the same file.
        out = self.stack.dir / "hours-export.csv"
        cli = subprocess.run([str(BUILD_DIR / "services/reporting/samverkan-reporting"), "export", "hours",
                              "--federation", "ostergotland", "--cohort", cohort["id"], "--pseudonymised",
                              "--out", str(out)],
                             env=self.stack.service_env("reporting"), capture_output=True, timeout=60)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode(errors="replace"))
        self.assertEqual(out.read_bytes().decode("utf-8"), hidden)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
