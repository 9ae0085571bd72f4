"""A database outage under running services: requests get 503 problem+json with Retry-After
(nothing half-written, never a 500), liveness stays up while readiness reports the database down,
and once PostgreSQL is back every service heals by itself and events flow again. A Kafka outage
leaves every service ready and writing: the events wait in the outboxes until it is back."""
import signal

from support import SERVICES, StackTestCase, eventually, scrape, unique


class DatabaseOutage(StackTestCase):
    def assertUnavailable(self, response):
        self.assertEqual(response.status, 503, response.describe())
        self.assertEqual(response.content_type, "application/problem+json", response.describe())
        self.assertEqual(response.json()["status"], 503)
        self.assertEqual(response.headers.get("retry-after"), "1", response.describe())

    def internal_errors(self):
        return sum(scrape(self.stack, name).total("samverkan_http_requests_total", code="500") for name in SERVICES)

    def test_outage_is_a_retryable_503_and_services_heal(self):
        self.assertStatus(self.admin.post("modules", "/v1/programmes", {"title": unique("before")}), 201)

        self.stack.pg.stop()
        try:
            self.assertUnavailable(self.admin.post("modules", "/v1/programmes", {"title": unique("during")}))
            self.assertUnavailable(self.admin.get("enrolment", "/v1/organisations"))
            for name in SERVICES:
                self.assertStatus(self.admin.get(name, "/healthz"), 200)
                ready = self.admin.get(name, "/readyz")
                self.assertStatus(ready, 503)
                self.assertEqual(ready.json()["database"], "down")
        finally:
            self.stack.pg.resume()

        for name in SERVICES:
            eventually(lambda: self.admin.get(name, "/readyz").status == 200, f"{name} ready again")
        created = self.admin.post("modules", "/v1/programmes", {"title": unique("after")})
        self.assertStatus(created, 201)
        programme = created.json()["id"]
        cohort = self.admin.post("modules", f"/v1/programmes/{programme}/cohorts",
                                 {"name": unique("c"), "starts_on": "2026-03-01", "ends_on": "2026-12-31"})
        self.assertStatus(cohort, 201)
        # The cohort event still travels modules -> Kafka -> reporting after the outage.
        eventually(lambda: self.admin.get("reporting", f"/v1/cohorts/{cohort.json()['id']}/summary").status == 200,
                   "reporting to learn the cohort created after the outage")
        # Nothing was created during the outage.
        titles = [p["title"] for p in self.admin.get("modules", "/v1/programmes?limit=500").json()["items"]]
        self.assertFalse(any(t.startswith("during") for t in titles), titles)
        self.assertEqual(self.internal_errors(), 0)
        for name in SERVICES:
            self.assertTrue(self.stack.services[name].alive(), f"{name} died:\n{self.stack.log_tail(name)}")

    def test_kafka_outage_keeps_services_ready_and_events_wait_in_the_outbox(self):
        broker = self.stack.broker
        broker.signal(signal.SIGSTOP)  # frozen, not gone: the dev broker keeps its topics in memory
        try:
            for name in SERVICES:
                ready = eventually(lambda: (lambda r: r if r.json().get("kafka") == "down" else None)(
                    self.admin.get(name, "/readyz")), f"{name} to see Kafka down")
                self.assertStatus(ready, 200)
                self.assertEqual(ready.json(), {"database": "up", "kafka": "down"})
            created = self.admin.post("modules", "/v1/programmes", {"title": unique("kafka-away")})
            self.assertStatus(created, 201)
            cohort = self.admin.post("modules", f"/v1/programmes/{created.json()['id']}/cohorts",
                                     {"name": unique("c"), "starts_on": "2026-03-01", "ends_on": "2026-12-31"})
            self.assertStatus(cohort, 201)
        finally:
            broker.signal(signal.SIGCONT)
        # The cohort's event left modules' outbox once Kafka was back, and reached reporting.
        eventually(lambda: self.admin.get("reporting", f"/v1/cohorts/{cohort.json()['id']}/summary").status == 200,
                   "reporting to learn the cohort created during the Kafka outage")
        for name in SERVICES:
            self.assertTrue(self.stack.services[name].alive(), f"{name} died:\n{self.stack.log_tail(name)}")
