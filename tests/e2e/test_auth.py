"""Who may do what: every API route wants a valid bearer token of the right audience; a federation
sees and changes only its own data; roles limit the routes; coordinators stay in their organisation."""
import subprocess
import time
import unittest
import uuid

from support import (OTHER_FEDERATION, SERVICES, Builder, Client, StackTestCase, claims, craft_token, eventually,
                     participant_body, progress, retry_while, session_body, stack_secret, summary)


class Auth(StackTestCase):
    w = None  # built once by the first setUp

    def setUp(self):
        super().setUp()
        if Auth.w is None:
            build = Builder(self, self.admin)
            w = build.world()
            self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
            # A second organisation with its own approved participant, for the coordinator tests.
            w.other_org = build.organisation()
            w.other_participant = build.participant(w.other_org["id"])
            w.other_enrolment = build.enrolment(w.other_participant["id"], w.cohort["id"])
            w.pending = build.participant(w.organisation["id"])
            w.pending_enrolment = build.enrolment(w.pending["id"], w.cohort["id"])
            build.approve(w.other_enrolment["id"])
            self.assertStatus(build.attendance(w.session["id"], w.other_participant["id"],
                                               {"status": "late", "minutes": 30}), 201)
            eventually(lambda: (lambda s: s and len(s["organisations"]) == 2)(summary(self.admin, w.cohort["id"])),
                       "both organisations in reporting's summary")
            Auth.w = w
        self.w = Auth.w

    def protected_routes(self):
        """One authenticated route per service, (service, method, path, body)."""
        w = self.w
        return [("modules", "GET", "/v1/programmes", None),
                ("modules", "POST", "/v1/programmes", {"title": "Should not exist"}),
                ("enrolment", "GET", "/v1/organisations", None),
                ("enrolment", "POST", f"/v1/enrolments/{w.pending_enrolment['id']}/approve", {}),
                ("attendance", "GET", f"/v1/sessions/{w.session['id']}/attendance", None),
                ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
                 {"status": "absent"}),
                ("reporting", "GET", f"/v1/cohorts/{w.cohort['id']}/summary", None)]

    def test_missing_or_invalid_tokens_are_401(self):
        secret = stack_secret(self.stack)
        now = int(time.time())
        bad = {
            "no token": None,
            "not a JWT": "not-a-token",
            "two segments": "abc.def",
            "signed with another secret": craft_token("another-secret-" + uuid.uuid4().hex, claims()),
            "expired beyond the leeway": craft_token(secret, {**claims(), "iat": now - 7200, "exp": now - 300}),
            "not yet valid": craft_token(secret, {**claims(), "nbf": now + 3600}),
            "wrong audience": self.mint("--audience", "someone-else"),
            "unsigned (alg none)": craft_token(secret, claims(), alg="none"),
            "without exp": craft_token(secret, {k: v for k, v in claims().items() if k != "exp"}),
            "without federation": craft_token(secret, {k: v for k, v in claims().items() if k != "fed"}),
            "invalid federation": craft_token(secret, claims(federation="Bad Fed!")),
            "coordinator without org": craft_token(secret, claims(roles=("org_coordinator",))),
            "tampered payload": self.tampered(secret),
        }
        for service, method, path, body in self.protected_routes():
            for case, token in bad.items():
                with self.subTest(route=f"{method} {service}{path}", case=case):
                    response = Client(self.stack, token).request(service, method, path, body=body)
                    self.assertProblem(response, 401)
                    self.assertEqual(response.headers.get("www-authenticate"), "Bearer", response.describe())
            with self.subTest(route=f"{method} {service}{path}", case="other schemes"):
                for header in ("Basic YWRtaW46YWRtaW4=", "Bearer", "Token " + self.stack.token()):
                    response = Client(self.stack).request(service, method, path, body=body,
                                                          headers={"Authorization": header})
                    self.assertProblem(response, 401)
        # The hand-made tokens are right in every other respect: a fresh one is accepted.
        self.assertStatus(Client(self.stack, craft_token(secret, claims())).get("modules", "/v1/programmes"), 200)
        self.assertEqual(self.titles(), [self.w.programme["title"]])  # no write above got through
        self.assertEqual(self.marks()[self.w.participant["id"]], ("present", 1))
        self.assertStatus(self.admin.get("enrolment", f"/v1/participants/{self.w.pending['id']}"), 200)
        pending = self.admin.get("enrolment", f"/v1/enrolments?organisation_id={self.w.organisation['id']}").json()
        self.assertIn("pending", [e["status"] for e in pending["items"]])

    def mint(self, *extra):
        """A token from the project's mint tool, with extra flags."""
        args = [str(self.stack.build / "tools/mint-token/samverkan-mint-token"), "--secret-file",
                str(self.stack.secret_file), "--federation", "ostergotland", "--roles", "federation_admin", *extra]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()

    def tampered(self, secret):
        """A valid admin token of another federation whose payload is swapped for ours."""
        ours = craft_token(secret, claims()).split(".")
        theirs = craft_token(secret, claims(federation=OTHER_FEDERATION)).split(".")
        return ".".join([theirs[0], ours[1], theirs[2]])

    def marks(self):
        listed = self.admin.get("attendance", f"/v1/sessions/{self.w.session['id']}/attendance").json()["items"]
        return {m["participant_id"]: (m["status"], m["revision"]) for m in listed}

    def titles(self, client=None):
        return [p["title"] for p in (client or self.admin).get("modules", "/v1/programmes").json()["items"]]

    def test_another_federation_sees_nothing(self):
        w = self.w
        stranger = Client(self.stack, self.stack.token(federation=OTHER_FEDERATION))
        for service, path in (("modules", "/v1/programmes"), ("enrolment", "/v1/organisations"),
                              ("enrolment", "/v1/participants"), ("enrolment", "/v1/enrolments"),
                              ("enrolment", f"/v1/enrolments?cohort_id={w.cohort['id']}")):
            with self.subTest(path=path):
                self.assertEqual(self.assertStatus(stranger.get(service, path), 200).json()["items"], [])
        for service, path in (("modules", f"/v1/programmes/{w.programme['id']}"),
                              ("modules", f"/v1/programmes/{w.programme['id']}/cohorts"),
                              ("modules", f"/v1/programmes/{w.programme['id']}/modules"),
                              ("modules", f"/v1/cohorts/{w.cohort['id']}/sessions"),
                              ("enrolment", f"/v1/organisations/{w.organisation['id']}"),
                              ("enrolment", f"/v1/participants/{w.participant['id']}"),
                              ("attendance", f"/v1/sessions/{w.session['id']}/attendance"),
                              ("reporting", f"/v1/participants/{w.participant['id']}/progress"),
                              ("reporting", f"/v1/cohorts/{w.cohort['id']}/summary")):
            with self.subTest(path=path):
                self.assertProblem(stranger.get(service, path), 404)

    def test_another_federation_cannot_change_anything(self):
        w = self.w
        stranger = Client(self.stack, self.stack.token(federation=OTHER_FEDERATION))
        attempts = [
            ("modules", "POST", f"/v1/programmes/{w.programme['id']}/cohorts",
             {"name": "Intruders", "starts_on": "2025-01-01", "ends_on": "2025-02-01"}, 404),
            ("modules", "POST", f"/v1/programmes/{w.programme['id']}/modules",
             {"code": "EVIL", "title": "T", "mandatory": True, "planned_hours": 1}, 404),
            ("modules", "POST", f"/v1/cohorts/{w.cohort['id']}/sessions", session_body(), 404),
            ("enrolment", "POST", f"/v1/enrolments/{w.pending_enrolment['id']}/approve", {}, 404),
            ("enrolment", "POST", "/v1/participants", participant_body(w.organisation["id"]), 422),
            ("enrolment", "POST", "/v1/enrolments", {"participant_id": w.pending["id"], "cohort_id": w.cohort["id"]}, 422),
            ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
             {"status": "absent"}, 404),
        ]
        for service, method, path, body, status in attempts:
            with self.subTest(route=f"{method} {service}{path}"):
                self.assertProblem(stranger.request(service, method, path, body=body), status)
        # Our data is as it was.
        cohorts = self.admin.get("modules", f"/v1/programmes/{w.programme['id']}/cohorts").json()["items"]
        self.assertEqual([c["id"] for c in cohorts], [w.cohort["id"]])
        self.assertEqual(len(self.admin.get("modules", f"/v1/cohorts/{w.cohort['id']}/sessions").json()["items"]), 1)
        enrolments = self.admin.get("enrolment", f"/v1/enrolments?cohort_id={w.cohort['id']}").json()["items"]
        self.assertEqual(sorted(e["status"] for e in enrolments), ["approved", "approved", "pending"])
        self.assertEqual(self.marks(), {w.participant["id"]: ("present", 1), w.other_participant["id"]: ("late", 1)})
        self.assertEqual(self.titles(stranger), [])

    def test_roles_without_the_right_get_403(self):
        w = self.w
        as_role = lambda *roles, org=None: Client(self.stack, self.stack.token(roles=roles, org=org))
        auditor, trainer = as_role("funder_auditor"), as_role("trainer")
        coordinator = as_role("org_coordinator", org=w.organisation["id"])
        forbidden = [
            (auditor, "modules", "POST", "/v1/programmes", {"title": "Audit"}),
            (trainer, "modules", "POST", "/v1/programmes", {"title": "Train"}),
            (coordinator, "modules", "POST", f"/v1/programmes/{w.programme['id']}/cohorts",
             {"name": "Mine", "starts_on": "2025-01-01", "ends_on": "2025-02-01"}),
            (trainer, "modules", "POST", f"/v1/cohorts/{w.cohort['id']}/sessions", session_body()),
            (coordinator, "enrolment", "POST", "/v1/organisations",
             {"name": "N", "org_number": "556016-0680", "type": "other"}),
            (trainer, "enrolment", "POST", "/v1/participants", participant_body(w.organisation["id"])),
            (auditor, "enrolment", "POST", "/v1/participants", participant_body(w.organisation["id"])),
            (trainer, "enrolment", "POST", "/v1/enrolments", {"participant_id": w.pending["id"], "cohort_id": w.cohort["id"]}),
            (auditor, "enrolment", "POST", f"/v1/enrolments/{w.pending_enrolment['id']}/approve", {}),
            (auditor, "enrolment", "GET", "/v1/participants", None),  # personal data
            (trainer, "enrolment", "GET", f"/v1/participants/{w.participant['id']}", None),
            (auditor, "attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
             {"status": "absent"}),
            (coordinator, "attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
             {"status": "absent"}),
            (Client(self.stack, craft_token(stack_secret(self.stack), claims(roles=("unknown_role",)))), "reporting", "GET", f"/v1/cohorts/{w.cohort['id']}/summary", None),
        ]
        for client, service, method, path, body in forbidden:
            with self.subTest(route=f"{method} {service}{path}"):
                self.assertProblem(client.request(service, method, path, body=body), 403)
        # The same roles can do what they are for.
        self.assertStatus(trainer.get("modules", "/v1/programmes"), 200)
        self.assertStatus(auditor.get("reporting", f"/v1/cohorts/{w.cohort['id']}/summary"), 200)
        self.assertStatus(auditor.get("attendance", f"/v1/sessions/{w.session['id']}/attendance"), 200)
        mark = f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}"
        # A trainer marks only the sessions assigned to it (403 until attendance has the assignment).
        assigned = Client(self.stack, self.stack.token(roles=("trainer",), subject="e2e-trainer"))
        self.assertProblem(assigned.put("attendance", mark, {"status": "present"}), 403)
        self.assertStatus(self.admin.put("modules", f"/v1/sessions/{w.session['id']}/trainers",
                                         {"trainer_subjects": ["e2e-trainer"]}), 200)
        self.assertStatus(retry_while(lambda: assigned.put("attendance", mark, {"status": "present"}), (403,),
                                      "the trainer's assignment"), 200)  # the same mark: no change
        self.assertProblem(trainer.put("attendance", mark, {"status": "present"}), 403)  # not assigned
        self.assertEqual(self.titles(), [w.programme["title"]])

    def test_org_coordinator_stays_in_own_organisation(self):
        w = self.w
        mine, theirs = w.organisation["id"], w.other_org["id"]
        coordinator = Client(self.stack, self.stack.token(roles=("org_coordinator",), org=mine))

        self.assertProblem(coordinator.post("enrolment", "/v1/participants", participant_body(theirs)), 403)
        self.assertProblem(coordinator.get("enrolment", f"/v1/participants?organisation_id={theirs}"), 403)
        self.assertProblem(coordinator.get("enrolment", f"/v1/enrolments?organisation_id={theirs}"), 403)
        self.assertProblem(coordinator.get("enrolment", f"/v1/participants/{w.other_participant['id']}"), 404)
        self.assertProblem(coordinator.post("enrolment", f"/v1/enrolments/{w.other_enrolment['id']}/approve", {}), 404)
        self.assertFieldError(coordinator.post("enrolment", "/v1/enrolments",
                                               {"participant_id": w.other_participant["id"],
                                                "cohort_id": w.cohort["id"]}), 422, "participant_id")
        self.assertProblem(coordinator.get("reporting", f"/v1/participants/{w.other_participant['id']}/progress"), 404)

        # What they see is their own organisation only.
        own = self.assertStatus(coordinator.post("enrolment", "/v1/participants", participant_body(mine)), 201).json()
        listed = {p["id"] for p in coordinator.get("enrolment", "/v1/participants").json()["items"]}
        self.assertEqual(listed, {w.participant["id"], w.pending["id"], own["id"]})
        enrolled = {e["organisation_id"] for e in coordinator.get("enrolment", "/v1/enrolments").json()["items"]}
        self.assertEqual(enrolled, {mine})
        marks = coordinator.get("attendance", f"/v1/sessions/{w.session['id']}/attendance").json()["items"]
        self.assertEqual({m["participant_id"] for m in marks}, {w.participant["id"]})
        rows = self.assertStatus(coordinator.get("reporting", f"/v1/cohorts/{w.cohort['id']}/summary"), 200).json()
        self.assertEqual([r["organisation_id"] for r in rows["organisations"]], [mine])
        self.assertEqual(progress(coordinator, w.participant["id"])["organisation_id"], mine)
        # The other organisation's participant is still theirs alone.
        self.assertEqual(self.admin.get("enrolment", f"/v1/participants/{w.other_participant['id']}").json()
                         ["organisation_id"], theirs)

    def test_probes_and_metrics_need_no_token(self):
        for service in SERVICES:
            for path in ("/healthz", "/readyz", "/metrics"):
                with self.subTest(service=service, path=path):
                    self.assertStatus(Client(self.stack).get(service, path), 200)


if __name__ == "__main__":
    unittest.main()
