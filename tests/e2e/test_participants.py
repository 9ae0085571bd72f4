"""Participants end to end: the CSV import (BOM and ';', bad rows named by line with nothing
applied, dry run, the same file twice, scoping), the samverkan-import CLI over several chunks,
entry facts through the API and in their event, and a participant login that sees only itself."""
import datetime
import json
import subprocess
import sys
import unittest
import uuid

from support import OTHER_FEDERATION, ROOT, Builder, Client, StackTestCase, eventually, kcat, retry_while

CLI = ROOT / "tools" / "import" / "samverkan-import"
ENTRY_FACTS = "se.samverkan.enrolment.entry_facts.recorded.v1"


def rows(count, tag, sep=";"):
    lines = [sep.join(["name", "email", "gender", "birth_year", "employment_status", "education_level"])]
    for i in range(count):
        lines.append(sep.join([f"Person {i}", f"p{i}.{tag}@example.se", "woman", "1980", "employed", "isced_5_8"]))
    return "\n".join(lines) + "\n"


class Participants(StackTestCase):
    def setUp(self):
        super().setUp()
        self.build = Builder(self, self.admin)
        self.organisation = self.build.organisation()
        self.path = f"/v1/organisations/{self.organisation['id']}/participants/imports"

    def send(self, csv, client=None, path=None, dry_run=False):
        data = csv.encode() if isinstance(csv, str) else csv
        return (client or self.admin).request(
            "enrolment", "POST", (path or self.path) + ("?dry_run=true" if dry_run else ""), raw=data,
            headers={"Content-Type": "text/csv"})

    def count(self, organisation_id=None):
        """The organisation's participants, over every page."""
        total, after = 0, ""
        while True:
            page = self.assertStatus(self.admin.get(
                "enrolment", f"/v1/participants?organisation_id={organisation_id or self.organisation['id']}"
                             f"&limit=500{after}"), 200).json()
            total += len(page["items"])
            if page["next"] is None:
                return total
            after = f"&after={page['next']}"

    def test_import_with_bom_and_semicolons_then_the_same_file_again(self):
        tag = uuid.uuid4().hex[:8]
        csv = b"\xef\xbb\xbf" + rows(3, tag).replace("\n", "\r\n").encode()
        first = self.assertStatus(self.send(csv), 201).json()
        self.assertEqual((first["created"], first["unchanged"], first["errors"]), (3, 0, []))
        self.assertEqual(self.count(), 3)
        again = self.assertStatus(self.send(csv), 200).json()
        self.assertEqual((again["created"], again["unchanged"], again["unchanged_lines"]), (0, 3, [2, 3, 4]))
        self.assertEqual(self.count(), 3)
        self.assertServicesHealthy()

    def test_a_cohort_column_requests_each_enrolment_once(self):
        cohort = self.build.cohort(self.build.programme()["id"])
        tag = uuid.uuid4().hex[:8]
        csv = (f"name;email;gender;birth_year;cohort_id\n"
               f"A;a.{tag}@example.se;woman;1980;{cohort['id']}\n"
               f"B;b.{tag}@example.se;man;1975;{cohort['id']}\n")
        # 422 naming the cohort_id until enrolment has the cohort from its event.
        first = self.assertStatus(retry_while(lambda: self.send(csv), (422,), "enrolment's cohort replica"),
                                  201).json()
        self.assertEqual((first["created"], first["enrolments_requested"]), (2, 2))
        listed = self.admin.get("enrolment", f"/v1/enrolments?cohort_id={cohort['id']}").json()["items"]
        self.assertEqual(len(listed), 2)
        again = self.assertStatus(self.send(csv), 200).json()
        self.assertEqual((again["created"], again["enrolments_requested"], again["already_enrolled"]), (0, 0, 2))
        self.assertServicesHealthy()

    def test_bad_rows_are_named_and_nothing_is_applied(self):
        tag = uuid.uuid4().hex[:8]
        csv = (f"name,email,gender,birth_year\n"
               f"Ok,ok.{tag}@example.se,man,1980\n"
               f"Bad,not-an-address,robot,1980\n"
               f"Twice,OK.{tag}@example.se,man,1980\n")
        body = self.assertProblem(self.send(csv), 422)
        self.assertEqual([(e["line"], e["field"]) for e in body["errors"]],
                         [(3, "email"), (3, "gender"), (4, "email")])
        self.assertNotIn("not-an-address", json.dumps(body))  # reasons never echo a value
        self.assertEqual(self.count(), 0)
        # A dry run reports the same, and what the good rows would do, and writes nothing.
        dry = self.assertStatus(self.send(csv, dry_run=True), 200).json()
        self.assertEqual((dry["dry_run"], dry["created"], len(dry["errors"])), (True, 1, 3))
        self.assertEqual(self.count(), 0)
        self.assertServicesHealthy()

    def test_a_coordinator_imports_only_into_its_own_organisation(self):
        other = self.build.organisation()
        coordinator = Client(self.stack, self.stack.token(roles=("org_coordinator",), org=other["id"]))
        stranger = Client(self.stack, self.stack.token(federation=OTHER_FEDERATION))
        tag = uuid.uuid4().hex[:8]
        self.assertProblem(self.send(rows(1, tag), client=coordinator), 404)
        self.assertProblem(self.send(rows(1, tag), client=coordinator, dry_run=True), 404)
        self.assertProblem(self.send(rows(1, tag), client=stranger), 404)
        self.assertEqual(self.count(), 0)
        own = f"/v1/organisations/{other['id']}/participants/imports"
        self.assertStatus(self.send(rows(2, tag), client=coordinator, path=own), 201)
        self.assertEqual(self.count(other["id"]), 2)
        self.assertServicesHealthy()

    def run_cli(self, path, *extra):
        return subprocess.run([sys.executable, str(CLI), "participants", str(path), "--org", self.organisation["id"],
                               "--url", f"http://127.0.0.1:{self.stack.ports['enrolment']}", *extra],
                              env={"SAMVERKAN_TOKEN": self.stack.token(), "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, timeout=300)

    def test_the_cli_checks_everything_first_then_imports_in_chunks(self):
        tag = uuid.uuid4().hex[:8]
        path = self.stack.dir / f"import-{tag}.csv"
        # A repeat across chunks (lines 2 and 1202) is found before anything is written.
        text = rows(1500, tag)
        path.write_text(text + f"Again;p0.{tag}@example.se;man;1980;;\n")
        refused = self.run_cli(path, "--chunk-rows", "600")
        self.assertEqual(refused.returncode, 1, refused.stderr)
        self.assertIn(f"line 1502: email: repeats the email on line 2", refused.stderr)
        self.assertEqual(self.count(), 0)

        # A bad row in the third chunk is named by its line in FILE, past a quoted cell that spans
        # two lines in the first chunk; nothing is written.
        lines = text.splitlines(keepends=True)
        lines[2] = f'"Multi\nline";multi.{tag}@example.se;man;1980;;\n'
        lines[1400] = f"Bad;bad.{tag}@example.se;robot;1980;;\n"
        path.write_text("".join(lines))
        refused = self.run_cli(path, "--chunk-rows", "600")
        self.assertEqual(refused.returncode, 1, refused.stderr)
        self.assertIn("line 1402: gender: must be woman, man, non_binary or not_stated", refused.stderr)
        self.assertEqual(self.count(), 0)

        path.write_text(text)
        done = self.run_cli(path, "--chunk-rows", "600")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("1500 created", done.stdout)
        self.assertIn("rows/s", done.stderr)  # the progress bar
        self.assertEqual(self.count(), 1500)
        rerun = self.run_cli(path, "--chunk-rows", "600")
        self.assertEqual(rerun.returncode, 0, rerun.stderr)
        self.assertIn("0 created, 1500 already there", rerun.stdout)
        self.assertServicesHealthy()

    def test_ten_thousand_rows_through_the_cli(self):
        """The throughput figure for the report: printed, never asserted."""
        tag = uuid.uuid4().hex[:8]
        path = self.stack.dir / f"bulk-{tag}.csv"
        path.write_text(rows(10000, tag))
        done = self.run_cli(path)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("10000 created", done.stdout)
        self.assertEqual(self.count(), 10000)
        print(f"\nsamverkan-import, 10000 rows: {done.stdout.strip()}", file=sys.stderr)
        self.assertServicesHealthy()

    def test_entry_facts_are_recorded_corrected_and_published(self):
        participant = self.build.participant(self.organisation["id"], gender="undisclosed")
        path = f"/v1/participants/{participant['id']}/entry-facts"
        first = self.assertStatus(self.admin.get("enrolment", path), 200).json()
        self.assertEqual(first["version"], 1)
        self.assertEqual(first["facts"]["gender"], {"state": "declined", "value": None, "source": None})
        self.assertEqual(first["facts"]["employment_status"]["state"], "not_asked")
        change = {"facts": {"gender": {"state": "declined"},
                            "birth_year": {"state": "answered", "value": 1980, "source": "self_declared"},
                            "employment_status": {"state": "answered", "value": "employed", "source": "target_group"}}}
        second = self.assertStatus(self.admin.put("enrolment", path, change), 200).json()
        self.assertEqual((second["version"], second["frozen_on"]), (2, None))
        self.assertFieldError(self.admin.put("enrolment", path, {"facts": {"gender": {"state": "answered"}}}),
                              400, "facts.gender.value")
        # Both versions were published, each with the full facts and no name or e-mail.
        def published():
            out = kcat(self.stack, "-C", "-t", "samverkan.enrolment", "-o", "beginning", "-e", "-q",
                       "-f", "%k\t%h\t%s\n")
            found = [json.loads(line.split("\t", 2)[2]) for line in out.splitlines()
                     if line.startswith(participant["id"]) and f"ce_type={ENTRY_FACTS}" in line]
            return found if len(found) == 2 else None
        events = eventually(published, "both entry_facts.recorded events")
        self.assertEqual([e["version"] for e in events], [1, 2])
        self.assertEqual(events[1]["facts"]["employment_status"]["source"], "target_group")
        self.assertNotIn("email", events[1])
        self.assertServicesHealthy()

    def test_facts_freeze_when_the_participant_starts_and_then_need_a_reason(self):
        """The start comes from the enrolment lifecycle: the first session attended."""
        programme = self.build.programme()
        module = self.build.module(programme["id"])
        today = datetime.datetime.now(datetime.timezone.utc)
        cohort = self.assertStatus(self.admin.post("modules", f"/v1/programmes/{programme['id']}/cohorts", {
            "name": f"Cohort {uuid.uuid4().hex[:6]}", "starts_on": (today - datetime.timedelta(days=30)).date().isoformat(),
            "ends_on": (today + datetime.timedelta(days=60)).date().isoformat()}), 201).json()
        start = today.replace(microsecond=0) - datetime.timedelta(hours=3)
        session = self.build.session(cohort["id"], module["id"], time_zone="UTC",
                                     starts_at=start.isoformat().replace("+00:00", "Z"),
                                     ends_at=(start + datetime.timedelta(hours=2)).isoformat().replace("+00:00", "Z"))
        participant = self.build.participant(self.organisation["id"])
        enrolment = self.build.enrolment(participant["id"], cohort["id"])
        for _ in range(2):  # as many stages as the cohort's policy has
            if self.admin.get("enrolment", f"/v1/enrolments/{enrolment['id']}").json()["status"] != "approved":
                self.assertStatus(self.admin.post("enrolment", f"/v1/enrolments/{enrolment['id']}/approve", {}), 200)
        path = f"/v1/participants/{participant['id']}/entry-facts"
        change = {"facts": {"gender": {"state": "answered", "value": "woman", "source": "self_declared"},
                            "birth_year": {"state": "answered", "value": 1981, "source": "self_declared"}}}
        self.assertStatus(self.admin.put("enrolment", path, change), 200)  # before the start: no reason needed

        self.assertStatus(self.build.attendance(session["id"], participant["id"], {"status": "present"}), 200, 201)
        started = start.date().isoformat()
        eventually(lambda: self.admin.get("enrolment", path).json()["frozen_on"] == started, "the facts to freeze")

        change["facts"]["birth_year"]["value"] = 1982
        self.assertFieldError(self.admin.put("enrolment", path, change), 422, "reason")
        corrected = self.assertStatus(self.admin.put("enrolment", path, {**change, "reason": "typo on the form"}),
                                      200).json()
        self.assertEqual((corrected["version"], corrected["frozen_on"]), (3, started))
        audit = self.assertStatus(self.admin.get(
            "enrolment", f"/v1/audit?entity_type=entry_facts&entity_id={participant['id']}"), 200).json()
        self.assertEqual([(e["action"], e["version_before"], e["version_after"], e["reason"]) for e in audit["items"]],
                         [("entry_facts.recorded", 1, 2, None), ("entry_facts.corrected", 2, 3, "typo on the form")])
        self.assertServicesHealthy()

    def test_a_participant_login_sees_only_itself(self):
        me = self.build.participant(self.organisation["id"])
        other = self.build.participant(self.organisation["id"])
        subject = f"sub-{uuid.uuid4().hex[:8]}"
        self.assertStatus(self.admin.put("enrolment", f"/v1/participants/{me['id']}/subject",
                                         {"subject": subject}), 200)
        self.assertProblem(self.admin.put("enrolment", f"/v1/participants/{other['id']}/subject",
                                          {"subject": subject}), 409)
        login = Client(self.stack, self.stack.token(roles=("participant",), subject=subject))
        mine = self.assertStatus(login.get("enrolment", f"/v1/participants/{me['id']}"), 200).json()
        self.assertEqual((mine["id"], mine["subject"], mine["version"]), (me["id"], subject, 2))
        self.assertProblem(login.get("enrolment", f"/v1/participants/{other['id']}"), 404)
        listed = self.assertStatus(login.get("enrolment", f"/v1/participants?organisation_id={self.organisation['id']}"),
                                   200).json()
        self.assertEqual([p["id"] for p in listed["items"]], [me["id"]])
        # Neither writes nor entry facts are a participant's.
        self.assertProblem(login.put("enrolment", f"/v1/participants/{me['id']}/subject", {"subject": None}), 403)
        self.assertProblem(login.get("enrolment", f"/v1/participants/{me['id']}/entry-facts"), 403)
        # An unlinked login sees nobody.
        nobody = Client(self.stack, self.stack.token(roles=("participant",), subject="sub-unlinked"))
        self.assertEqual(nobody.get("enrolment", "/v1/participants").json()["items"], [])
        self.assertProblem(nobody.get("enrolment", f"/v1/participants/{me['id']}"), 404)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
