"""Bad input gets a 4xx application/problem+json answer naming what is wrong, never a 5xx, and
the service keeps serving. Every write route of every service is covered."""
import json
import socket
import unittest
import uuid

from support import (OTHER_FEDERATION, SERVICES, SESSION_MINUTES, Builder, StackTestCase, org_number,
                     participant_body, session_body)

MIB = 1024 * 1024


class BadInput(StackTestCase):
    w = None  # the data every test refers to, built once by the first setUp

    def setUp(self):
        super().setUp()
        # One world for the whole class, built through the APIs on first use.
        if BadInput.w is None:
            build = Builder(self, self.admin)
            w = build.world()
            w.pending = build.participant(w.organisation["id"])
            w.pending_enrolment = build.enrolment(w.pending["id"], w.cohort["id"])
            # Wait until attendance knows the session and the approval, so a 422 below is the
            # rule speaking and not a replica that has not caught up.
            self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
            BadInput.w = w
        self.w = BadInput.w

    def write_routes(self):
        """(service, method, path, a valid body, a required field, a string field, an integer field)."""
        w = self.w
        return [
            ("modules", "POST", "/v1/programmes", {"title": "T"}, "title", "title", None),
            ("modules", "POST", f"/v1/programmes/{w.programme['id']}/cohorts",
             {"name": "C", "starts_on": "2025-01-01", "ends_on": "2025-02-01"}, "ends_on", "starts_on", None),
            ("modules", "POST", f"/v1/programmes/{w.programme['id']}/modules",
             {"code": "X1", "title": "T", "mandatory": False, "planned_hours": 3}, "mandatory", "code", "planned_hours"),
            ("modules", "POST", f"/v1/cohorts/{w.cohort['id']}/sessions", session_body(), "starts_at", "title", None),
            ("enrolment", "POST", "/v1/organisations",
             {"name": "N", "org_number": org_number(), "type": "region"}, "org_number", "name", None),
            ("enrolment", "POST", "/v1/participants", participant_body(w.organisation["id"]),
             "email", "name", "birth_year"),
            ("enrolment", "POST", "/v1/enrolments", {"participant_id": w.pending["id"], "cohort_id": w.cohort["id"]},
             "cohort_id", "participant_id", None),
            ("enrolment", "POST", f"/v1/enrolments/{w.pending_enrolment['id']}/approve", {}, None, None, None),
            ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
             {"status": "late", "minutes": 10}, "status", "status", "minutes"),
        ]

    def test_malformed_bodies_on_every_write_route(self):
        for service, method, path, valid, required, string_field, int_field in self.write_routes():
            send = lambda **kw: self.admin.request(service, method, path, **kw)
            with self.subTest(route=f"{method} {path}", case="malformed JSON"):
                self.assertFieldError(send(raw='{"title": "unterminated'), 400, "body")
            with self.subTest(route=f"{method} {path}", case="array instead of object"):
                self.assertFieldError(send(raw=json.dumps([valid])), 400, "body")
            with self.subTest(route=f"{method} {path}", case="not JSON at all"):
                self.assertFieldError(send(raw="title=T"), 400, "body")
            with self.subTest(route=f"{method} {path}", case="unknown field"):
                self.assertFieldError(send(body={**valid, "surprise": 1}), 400, "surprise")
            if required:
                with self.subTest(route=f"{method} {path}", case="missing field"):
                    self.assertFieldError(send(body={k: v for k, v in valid.items() if k != required}), 400, required)
                with self.subTest(route=f"{method} {path}", case="null for a required field"):
                    self.assertFieldError(send(body={**valid, required: None}), 400, required)
            if string_field:
                with self.subTest(route=f"{method} {path}", case="number for a string"):
                    self.assertFieldError(send(body={**valid, string_field: 42}), 400, string_field)
            if int_field:
                with self.subTest(route=f"{method} {path}", case="string for an integer"):
                    self.assertFieldError(send(body={**valid, int_field: "12"}), 400, int_field)
                with self.subTest(route=f"{method} {path}", case="fraction for an integer"):
                    self.assertFieldError(send(body={**valid, int_field: 1.5}), 400, int_field)
        # Nothing above was applied.
        enrolments = self.assertStatus(self.admin.get("enrolment", f"/v1/enrolments?cohort_id={self.w.cohort['id']}"),
                                       200).json()["items"]
        self.assertEqual(sorted(e["status"] for e in enrolments), ["approved", "pending"])
        programmes = self.assertStatus(self.admin.get("modules", "/v1/programmes"), 200).json()["items"]
        self.assertEqual([p["id"] for p in programmes], [self.w.programme["id"]])
        self.assertServicesHealthy()

    def test_oversize_body_is_413(self):
        big = json.dumps({"title": "x" * (MIB + 1024)})
        w = self.w
        for service, method, path in (("modules", "POST", "/v1/programmes"),
                                      ("enrolment", "POST", "/v1/organisations"),
                                      ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}"),
                                      ("reporting", "POST", "/v1/cohorts/x/summary")):
            with self.subTest(service=service):
                self.assertProblem(self.admin.request(service, method, path, raw=big), 413)
        self.assertServicesHealthy()

    def test_oversize_header_is_431(self):
        for service in SERVICES:
            with self.subTest(service=service):
                response = self.admin.get(service, "/healthz", headers={"X-Padding": "a" * (9 * 1024)})
                self.assertProblem(response, 431)
        self.assertServicesHealthy()

    def test_unknown_ids_are_404(self):
        w, nobody = self.w, str(uuid.uuid4())
        cases = [
            ("modules", "GET", f"/v1/programmes/{nobody}", None),
            ("modules", "GET", f"/v1/programmes/{nobody}/cohorts", None),
            ("modules", "GET", f"/v1/cohorts/{nobody}/sessions", None),
            ("modules", "POST", f"/v1/programmes/{nobody}/cohorts",
             {"name": "C", "starts_on": "2025-01-01", "ends_on": "2025-02-01"}),
            ("modules", "POST", f"/v1/programmes/{nobody}/modules",
             {"code": "Z", "title": "T", "mandatory": True, "planned_hours": 1}),
            ("modules", "POST", f"/v1/cohorts/{nobody}/sessions", session_body()),
            ("enrolment", "GET", f"/v1/organisations/{nobody}", None),
            ("enrolment", "GET", f"/v1/participants/{nobody}", None),
            ("enrolment", "POST", f"/v1/enrolments/{nobody}/approve", {}),
            ("attendance", "GET", f"/v1/sessions/{nobody}/attendance", None),
            ("attendance", "PUT", f"/v1/sessions/{nobody}/attendance/{w.participant['id']}", {"status": "present"}),
            ("reporting", "GET", f"/v1/participants/{nobody}/progress", None),
            ("reporting", "GET", f"/v1/cohorts/{nobody}/summary", None),
        ]
        for service, method, path, body in cases:
            with self.subTest(route=f"{method} {service}{path}"):
                self.assertProblem(self.admin.request(service, method, path, body=body), 404)
        # Referring to an unknown id inside a body is a 422 naming the field.
        self.assertFieldError(self.admin.post("enrolment", "/v1/enrolments",
                                              {"participant_id": nobody, "cohort_id": w.cohort["id"]}),
                              422, "participant_id")
        self.assertFieldError(self.admin.post("enrolment", "/v1/participants", participant_body(nobody)),
                              422, "organisation_id")
        self.assertFieldError(self.admin.post("modules", f"/v1/cohorts/{w.cohort['id']}/sessions",
                                              session_body(nobody)), 422, "module_id")
        self.assertServicesHealthy()

    def test_malformed_ids_in_paths_are_404(self):
        w = self.w
        for bad in ("not-a-uuid", "123", w.programme["id"].upper(), w.programme["id"] + "0", "%20"):
            cases = [("modules", "GET", f"/v1/programmes/{bad}", None),
                     ("modules", "POST", f"/v1/programmes/{bad}/cohorts",
                      {"name": "C", "starts_on": "2025-01-01", "ends_on": "2025-02-01"}),
                     ("modules", "POST", f"/v1/cohorts/{bad}/sessions", session_body()),
                     ("enrolment", "GET", f"/v1/organisations/{bad}", None),
                     ("enrolment", "POST", f"/v1/enrolments/{bad}/approve", {}),
                     ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{bad}", {"status": "present"}),
                     ("attendance", "PUT", f"/v1/sessions/{bad}/attendance/{w.participant['id']}", {"status": "present"}),
                     ("reporting", "GET", f"/v1/participants/{bad}/progress", None),
                     ("reporting", "GET", f"/v1/cohorts/{bad}/summary", None)]
            for service, method, path, body in cases:
                with self.subTest(route=f"{method} {service}{path}"):
                    self.assertProblem(self.admin.request(service, method, path, body=body), 404)
        self.assertServicesHealthy()

    def test_bad_query_parameters_are_400(self):
        cases = [("modules", "/v1/programmes?after=nope", "after"),
                 ("modules", "/v1/programmes?limit=0", "limit"),
                 ("modules", "/v1/programmes?limit=many", "limit"),
                 ("modules", f"/v1/programmes/{self.w.programme['id']}/cohorts?after=1", "after"),
                 ("enrolment", "/v1/participants?organisation_id=acme", "organisation_id"),
                 ("enrolment", "/v1/enrolments?cohort_id=42", "cohort_id"),
                 ("enrolment", "/v1/enrolments?organisation_id=x&cohort_id=" + self.w.cohort["id"], "organisation_id"),
                 ("enrolment", "/v1/organisations?limit=501", "limit"),
                 # A well-formed cursor that is not a session of this cohort (here: the module's id).
                 ("modules", f"/v1/cohorts/{self.w.cohort['id']}/sessions?after={self.w.module['id']}", "after")]
        for service, path, field in cases:
            with self.subTest(path=path):
                self.assertFieldError(self.admin.get(service, path), 400, field)
        self.assertProblem(self.admin.get("modules", "/v1/programmes/%zz"), 400)  # bad percent-encoding
        self.assertServicesHealthy()

    def test_ids_of_another_federation_are_404(self):
        w = self.w
        stranger = self.admin.with_token(self.stack.token(federation=OTHER_FEDERATION))
        cases = [("modules", "GET", f"/v1/programmes/{w.programme['id']}", None),
                 ("modules", "GET", f"/v1/cohorts/{w.cohort['id']}/sessions", None),
                 ("modules", "POST", f"/v1/programmes/{w.programme['id']}/modules",
                  {"code": "F", "title": "T", "mandatory": True, "planned_hours": 1}),
                 ("enrolment", "GET", f"/v1/organisations/{w.organisation['id']}", None),
                 ("enrolment", "GET", f"/v1/participants/{w.participant['id']}", None),
                 ("enrolment", "POST", f"/v1/enrolments/{w.pending_enrolment['id']}/approve", {}),
                 ("attendance", "GET", f"/v1/sessions/{w.session['id']}/attendance", None),
                 ("attendance", "PUT", f"/v1/sessions/{w.session['id']}/attendance/{w.participant['id']}",
                  {"status": "absent"}),
                 ("reporting", "GET", f"/v1/participants/{w.participant['id']}/progress", None),
                 ("reporting", "GET", f"/v1/cohorts/{w.cohort['id']}/summary", None)]
        for service, method, path, body in cases:
            with self.subTest(route=f"{method} {service}{path}"):
                self.assertProblem(stranger.request(service, method, path, body=body), 404)
        self.assertServicesHealthy()

    def test_invalid_values_are_rejected(self):
        w, api = self.w, self.admin
        org = lambda **kw: api.post("enrolment", "/v1/organisations",
                                    {"name": "N", "org_number": org_number(), "type": "municipality", **kw})
        # The organisation number's check digit (Luhn) is wrong, or its shape is.
        self.assertFieldError(org(org_number=org_number(valid=False)), 400, "org_number")
        self.assertFieldError(org(org_number="12345"), 400, "org_number")
        self.assertFieldError(org(type="club"), 400, "type")
        duplicate = org_number()
        self.assertStatus(org(org_number=duplicate), 201)
        self.assertProblem(org(org_number=duplicate), 409)

        person = lambda **kw: api.post("enrolment", "/v1/participants", participant_body(w.organisation["id"], **kw))
        self.assertFieldError(person(email="not-an-address"), 400, "email")
        self.assertFieldError(person(gender="unknown"), 400, "gender")
        self.assertFieldError(person(birth_year=2024), 400, "birth_year")
        self.assertFieldError(api.post("enrolment", "/v1/participants", participant_body("acme")), 400,
                              "organisation_id")

        session = lambda **kw: api.post("modules", f"/v1/cohorts/{w.cohort['id']}/sessions", session_body(**kw))
        # A session ending before (or when) it starts, or lasting over a day.
        self.assertFieldError(session(starts_at="2025-03-10T12:00:00+01:00", ends_at="2025-03-10T09:00:00+01:00"),
                              400, "ends_at")
        self.assertFieldError(session(ends_at="2025-03-10T09:00:00+01:00"), 400, "ends_at")
        self.assertFieldError(session(ends_at="2025-03-12T09:00:00+01:00"), 400, "ends_at")
        self.assertFieldError(session(starts_at="10 March 2025"), 400, "starts_at")
        self.assertFieldError(session(kind="party"), 400, "kind")
        self.assertFieldError(session(delivery="on_site"), 400, "location")
        self.assertFieldError(session(time_zone="Mars/Olympus_Mons"), 422, "time_zone")

        cohort = lambda **kw: api.post("modules", f"/v1/programmes/{w.programme['id']}/cohorts",
                                       {"name": "C2", "starts_on": "2025-05-01", "ends_on": "2025-06-01", **kw})
        self.assertFieldError(cohort(ends_on="2025-04-01"), 400, "ends_on")
        self.assertFieldError(cohort(starts_on="2025-02-30"), 400, "starts_on")
        self.assertFieldError(api.post("modules", f"/v1/programmes/{w.programme['id']}/modules",
                                       {"code": "M", "title": "T", "mandatory": "yes", "planned_hours": 1}),
                              400, "mandatory")
        self.assertServicesHealthy()

    def test_attendance_rules(self):
        w, api = self.w, self.admin
        mark = lambda participant_id, body: api.put(
            "attendance", f"/v1/sessions/{w.session['id']}/attendance/{participant_id}", body)
        # No approved enrolment: pending, unknown, or enrolled nowhere.
        self.assertFieldError(mark(w.pending["id"], {"status": "present"}), 422, "participant_id")
        self.assertFieldError(mark(str(uuid.uuid4()), {"status": "present"}), 422, "participant_id")
        # Marks that do not fit the session (SESSION_MINUTES long).
        me = w.participant["id"]
        self.assertFieldError(mark(me, {"status": "present", "minutes": SESSION_MINUTES + 1}), 422, "minutes")
        self.assertFieldError(mark(me, {"status": "late"}), 422, "minutes")
        self.assertFieldError(mark(me, {"status": "late", "minutes": 0}), 422, "minutes")
        self.assertFieldError(mark(me, {"status": "absent", "minutes": 30}), 422, "minutes")
        self.assertFieldError(mark(me, {"status": "asleep"}), 422, "status")
        self.assertFieldError(mark(me, {"status": "present", "minutes": 1441}), 400, "minutes")
        self.assertFieldError(mark(me, {"status": "present", "minutes": -5}), 400, "minutes")
        # The mark recorded in setUp is untouched.
        listed = self.assertStatus(api.get("attendance", f"/v1/sessions/{w.session['id']}/attendance"), 200).json()
        self.assertEqual([(r["participant_id"], r["status"], r["minutes"], r["revision"]) for r in listed["items"]],
                         [(me, "present", SESSION_MINUTES, 1)])
        self.assertServicesHealthy()

    def test_values_the_database_cannot_store_are_4xx(self):
        """Valid JSON that PostgreSQL would refuse must be refused by the service, not crash a request."""
        w, nul = self.w, "a\u0000b"  # JSON allows \u0000; PostgreSQL text does not
        cohorts, sessions = f"/v1/programmes/{w.programme['id']}/cohorts", f"/v1/cohorts/{w.cohort['id']}/sessions"
        cases = [
            ("NUL in a programme title", "modules", "/v1/programmes", {"title": nul}),
            ("NUL in a cohort name", "modules", cohorts, {"name": nul, "starts_on": "2025-01-01", "ends_on": "2025-02-01"}),
            ("NUL in a module title", "modules", f"/v1/programmes/{w.programme['id']}/modules",
             {"code": "NUL", "title": nul, "mandatory": True, "planned_hours": 1}),
            ("NUL in a session title", "modules", sessions, session_body(title=nul)),
            ("NUL in an organisation name", "enrolment", "/v1/organisations",
             {"name": nul, "org_number": org_number(), "type": "region"}),
            ("NUL in a participant name", "enrolment", "/v1/participants", participant_body(w.organisation["id"], name=nul)),
            ("a session that ends after 9999 in UTC", "modules", sessions,
             session_body(starts_at="9999-12-31T23:00:00-23:00", ends_at="9999-12-31T23:30:00-23:00")),
            ("a session in year 0", "modules", sessions,
             session_body(starts_at="0000-01-01T09:00:00Z", ends_at="0000-01-01T10:00:00Z")),
            ("a cohort starting in year 0", "modules", cohorts,
             {"name": "Year zero", "starts_on": "0000-01-01", "ends_on": "2025-01-01"}),
        ]
        for case, service, path, body in cases:
            with self.subTest(case=case):
                self.assertProblem(self.admin.post(service, path, body), 400, 422)
        self.assertServicesHealthy()

    def test_malformed_http_is_rejected_with_a_problem(self):
        """Requests that never reach a route still get a problem+json answer."""
        token = self.stack.token().encode()
        cases = [
            ("garbage request line", b"HELLO\r\n\r\n", 400),
            ("unknown HTTP version", b"GET /healthz HTTP/9.9\r\n\r\n", 400),
            ("non-numeric Content-Length", b"POST /v1/programmes HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400),
            ("announced body over 1 MiB", b"POST /v1/programmes HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
             b"Authorization: Bearer " + token + b"\r\nContent-Length: 2000000\r\n\r\n", 413),
            ("thousands of small headers", b"GET /healthz HTTP/1.1\r\nHost: x\r\n" +
             b"".join(b"X-H%d: v\r\n" % i for i in range(2000)) + b"\r\n", 431),
        ]
        for service in SERVICES:
            for case, request, status in cases:
                with self.subTest(service=service, case=case):
                    head, _, body = raw_exchange(self.stack.ports[service], request).partition(b"\r\n\r\n")
                    self.assertRegex(head, rb"^HTTP/1\.[01] %d " % status, head)
                    self.assertIn(b"content-type: application/problem+json", head.lower())
                    problem = json.loads(body)
                    self.assertEqual(problem["status"], status)
                    self.assertTrue(problem["type"] and problem["title"])
        self.assertServicesHealthy()

    def test_unknown_routes_404_and_wrong_methods_405(self):
        for service in SERVICES:
            with self.subTest(service=service, case="unknown route"):
                self.assertProblem(self.admin.get(service, "/v1/nothing-here"), 404)
                self.assertProblem(self.admin.get(service, "/"), 404)
        w = self.w
        for service, method, path in (("modules", "DELETE", "/v1/programmes"),
                                      ("modules", "PUT", f"/v1/programmes/{w.programme['id']}"),
                                      ("enrolment", "PATCH", f"/v1/participants/{w.participant['id']}"),
                                      ("enrolment", "GET", f"/v1/enrolments/{w.pending_enrolment['id']}/approve"),
                                      ("attendance", "POST", f"/v1/sessions/{w.session['id']}/attendance"),
                                      ("reporting", "POST", f"/v1/cohorts/{w.cohort['id']}/summary"),
                                      ("reporting", "DELETE", "/metrics")):
            with self.subTest(route=f"{method} {service}{path}"):
                response = self.admin.request(service, method, path, body={} if method != "GET" else None)
                self.assertProblem(response, 405)
                self.assertTrue(response.headers.get("allow"), f"405 without Allow: {response.describe()}")
        self.assertServicesHealthy()


def raw_exchange(port, request, timeout=10):
    """Sends bytes as they are and returns everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request)
        conn.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
        return answer


if __name__ == "__main__":
    unittest.main()
