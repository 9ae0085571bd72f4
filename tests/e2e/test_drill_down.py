"""Drill-down (issue 9 §4, ADR 0078) through the stack, by the links alone: an organisation's
hours in the summary open to its records for the month, which add up to the figure; an imported
mark opens to its history (source import, the file's hash) and to its audit entries and the
import's, which say who did it; coordinators see only their own organisation's records."""
from urllib.parse import urlsplit

from support import OTHER_FEDERATION, Builder, StackTestCase, eventually, organisation_row, summary
from test_meeting_import import teams_report
import test_report_page as page  # the module, so its test class is not collected twice


def answered(value):
    return {"state": "answered", "value": value, "source": "self_declared"}


class DrillDown(StackTestCase):
    def follow(self, link, client=None):
        """GET a link as the API gives it: the service it names and the path on it."""
        self.assertEqual(urlsplit(link["href"]).netloc, "", link)  # a path, never a host
        self.assertTrue(link["href"].startswith("/v1/"), link)
        return self.assertStatus((client or self.admin).get(link["service"], link["href"]), 200).json()

    def test_from_an_organisations_hours_to_a_marks_author_and_file(self):
        build, api = Builder(self, self.admin), self.admin
        w = build.world()
        other = build.participant(w.organisation["id"])
        build.approve(build.enrolment(other["id"], w.cohort["id"])["id"])
        path = f"/v1/sessions/{w.session['id']}/attendance/imports"
        report = teams_report([("Astrid", "9:00:00 AM", "11:55:00 AM", w.participant["email"])])

        def imported():
            response = api.request("attendance", "POST", path, raw=report,
                                   headers={"Content-Type": "text/csv"})
            return response.status == 200 and response.json()["changes"] == 1 and response.json()
        applied = eventually(imported, "attendance's replicas to match the report")
        self.assertStatus(build.attendance(w.session["id"], other["id"], {"status": "late", "minutes": 45}), 201)

        # The figure: the organisation's hours in the cohort's summary (175 + 45 minutes).
        row = eventually(lambda: (r := organisation_row(summary(api, w.cohort["id"]) or {"organisations": []},
                                                        w.organisation["id"])) and r["minutes"] == 220 and r,
                         "both marks in the summary")
        self.assertEqual(row["hours"], 3.67)
        records_link = row["links"]["records"]
        self.assertEqual(records_link["service"], "reporting")

        # Its records for March, by the link with the month added: they add up to the figure.
        records = self.follow({**records_link, "href": records_link["href"] + "&month=2025-03"})
        self.assertEqual((records["totals"]["minutes"], records["totals"]["hours"]), (220, 3.67))
        self.assertEqual(records["totals"]["sessions_attended"], row["sessions_attended"])
        self.assertEqual(sum(r["minutes"] for r in records["items"]), row["minutes"])
        self.assertEqual(records["next"], None)
        self.assertEqual(self.follow({**records_link, "href": records_link["href"] + "&month=2025-04"})
                         ["totals"]["minutes"], 0)
        by_participant = {r["participant_id"]: r for r in records["items"]}
        mark = by_participant[w.participant["id"]]
        self.assertEqual((mark["source"], mark["import_id"], mark["file_sha256"], mark["date"]),
                         ("import", applied["import_id"], applied["sha256"], "2025-03-10"))
        self.assertEqual((by_participant[other["id"]]["source"], by_participant[other["id"]]["import_id"]),
                         ("manual", None))

        # The mark: its revisions say where it came from ...
        history = self.follow(mark["links"]["history"])
        self.assertEqual([(h["revision"], h["source"], h["file_sha256"]) for h in history["items"]],
                         [(1, "import", applied["sha256"])])
        # ... and its audit entries who made it, under the same request as the import's entry.
        audit = self.follow(mark["links"]["audit"])
        self.assertEqual([(e["action"], e["entity_id"], e["subject"]) for e in audit["items"]],
                         [("attendance.recorded", mark["record_id"], "dev-user")])
        imports = self.follow(mark["links"]["import_audit"])
        self.assertEqual([e["action"] for e in imports["items"]], ["attendance_import.applied"])
        self.assertEqual(imports["items"][0]["request_id"], audit["items"][0]["request_id"])

        # The summary's totals open the same way.
        everything = self.follow(summary(api, w.cohort["id"])["totals"]["links"]["records"])
        self.assertEqual(everything["totals"]["minutes"], 220)
        completed = self.follow(row["links"]["completed"])
        self.assertEqual(completed["items"], [])  # no completion rule, no completions
        funnel = self.assertStatus(api.get("reporting", f"/v1/cohorts/{w.cohort['id']}/funnel"), 200).json()
        self.assertEqual(self.follow(funnel["links"]["records"])["totals"]["minutes"], 220)
        self.assertEqual(self.follow(funnel["links"]["complete"])["items"], [])

        # A correction: the figure moves, and the corrected mark says who changed it and why.
        self.assertStatus(build.attendance(w.session["id"], other["id"],
                                           {"status": "present", "minutes": 60, "reason": "register checked"}), 200)
        row = eventually(lambda: (r := organisation_row(summary(api, w.cohort["id"]), w.organisation["id"]))
                         and r["minutes"] == 235 and r, "the correction in the summary")
        records = self.follow(row["links"]["records"])
        self.assertEqual(records["totals"]["minutes"], 235)
        corrected = {r["participant_id"]: r for r in records["items"]}[other["id"]]
        self.assertEqual((corrected["revision"], corrected["status"], corrected["reason_given"]), (2, "present", True))
        history = self.follow(corrected["links"]["history"])
        self.assertEqual([(h["revision"], h["source"], h["reason"], h["recorded_by"]) for h in history["items"]],
                         [(1, "manual", None, "dev-user"), (2, "manual", "register checked", "dev-user")])
        audit = self.follow(corrected["links"]["audit"])
        self.assertEqual([(e["action"], e["reason"]) for e in audit["items"]],
                         [("attendance.recorded", None), ("attendance.corrected", "register checked")])

    def test_the_report_page_opens_an_organisations_records(self):
        build, api = Builder(self, self.admin), self.admin
        w = build.world()
        self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "late", "minutes": 50}), 201)
        row = eventually(lambda: (r := organisation_row(summary(api, w.cohort["id"]) or {"organisations": []},
                                                        w.organisation["id"])) and r["minutes"] == 50 and r,
                         "the mark in the summary")
        self.assertIsNotNone(page.CHROMIUM, "chromium is not installed (deploy/packages/test.txt)")
        dom, console = page.ReportPage.render(
            self, f"token={self.stack.token()}&cohort={w.cohort['id']}&records={w.organisation['id']}")
        self.assertEqual(console, [], "the browser console is not quiet")
        self.assertIn('data-errors="0"', dom)
        self.assertIn(f'data-loaded="{w.cohort["id"]}"', dom)
        self.assertEqual(page.ReportPage.attribute(dom, "records", "data-organisation"), w.organisation["id"])
        self.assertEqual(float(page.ReportPage.attribute(dom, "records", "data-hours")), row["hours"])
        self.assertEqual(page.ReportPage.attribute(dom, "records", "data-count"), "1")

    def test_an_indicator_cell_opens_to_its_participants(self):
        build, api = Builder(self, self.admin), self.admin
        programme = build.programme()
        cohort = build.cohort(programme["id"])
        conference = build.session(cohort["id"], kind="conference", starts_at="2025-03-03T09:00:00+01:00",
                                   ends_at="2025-03-03T17:00:00+01:00")
        organisation = build.organisation()
        people = [build.participant(organisation["id"]) for _ in range(3)]
        for person, (gender, employment) in zip(people, [("woman", "long_term_unemployed"),
                                                         ("woman", "employed"), ("man", "unemployed")]):
            build.approve(build.enrolment(person["id"], cohort["id"])["id"])
            self.assertStatus(build.attendance(conference["id"], person["id"], {"status": "present"}), 201)
            facts = {"gender": answered(gender), "birth_year": answered(1980),
                     "employment_status": answered(employment), "education_level": answered("isced_3_4")}
            self.assertStatus(api.put("enrolment", f"/v1/participants/{person['id']}/entry-facts",
                                      {"facts": facts, "reason": "recorded at entry"}), 200)
        route = f"/v1/programmes/{programme['id']}/indicators?from=2025-03-01&to=2025-03-31"
        report = eventually(lambda: (r := api.get("reporting", route)).status == 200
                            and r.json()["participants_complete"] == 3 and r.json(), "three people in the indicators")
        link = report["links"]["participants"]
        cell = self.follow({**link, "href": link["href"] + "&gender=woman&employment_status=unemployed"})
        rows = {r["gender"]: r for r in report["by_gender"]}
        self.assertEqual(cell["count"], rows["woman"]["employment_status"]["unemployed"]["count"])
        self.assertEqual((cell["count"], cell["participants"], cell["variant"]), (1, [people[0]["id"]], "full"))
        everyone = self.follow({**link, "href": link["href"] + "&gender=total"})
        self.assertEqual(sorted(everyone["participants"]), sorted(p["id"] for p in people))
        # The funder's auditor gets the count and the keyed pseudonyms (the stack has a key), never ids.
        auditor = api.with_token(self.stack.token(roles=("funder_auditor",)))
        seen = self.follow({**link, "href": link["href"] + "&gender=woman"}, client=auditor)
        self.assertEqual((seen["count"], seen["variant"], len(seen["participants"])), (2, "pseudonymised", 2))
        self.assertTrue(all(len(p) == 64 and p not in {q["id"] for q in people} for p in seen["participants"]))
        self.assertFieldError(api.get("reporting", link["href"] + "&gender=woman&age_band=18_29&education_level=isced_3_4"),
                              400, "education_level")

    def test_records_are_scoped_to_the_callers_organisation_and_federation(self):
        build, api = Builder(self, self.admin), self.admin
        w = build.world()
        self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
        path = f"/v1/cohorts/{w.cohort['id']}/records"
        eventually(lambda: api.get("reporting", path).status == 200
                   and len(api.get("reporting", path).json()["items"]) == 1, "the mark in reporting")
        own = api.with_token(self.stack.token(roles=("org_coordinator",), org=w.organisation["id"]))
        stranger = api.with_token(self.stack.token(roles=("org_coordinator",), org=build.organisation()["id"]))
        auditor = api.with_token(self.stack.token(roles=("funder_auditor",)))
        trainer = api.with_token(self.stack.token(roles=("trainer",)))
        self.assertEqual(len(self.assertStatus(own.get("reporting", path), 200).json()["items"]), 1)
        self.assertEqual(self.assertStatus(stranger.get("reporting", path), 200).json()["items"], [])
        self.assertProblem(stranger.get("reporting", path + f"?organisation_id={w.organisation['id']}"), 403)
        self.assertEqual(len(self.assertStatus(auditor.get("reporting", path), 200).json()["items"]), 1)
        self.assertProblem(trainer.get("reporting", path), 403)
        self.assertProblem(api.with_token(self.stack.token(federation=OTHER_FEDERATION)).get("reporting", path), 404)
        self.assertFieldError(api.get("reporting", path + "?month=2025-13"), 400, "month")
        self.assertFieldError(api.get("reporting", path + "?status=here"), 400, "status")
        self.assertProblem(api.get("reporting", path + "?session_id=nope"), 400)
        self.assertServicesHealthy()
