"""Each service's /metrics is valid Prometheus text with the agreed families, its counters move with
real traffic, and no personal data leaks into labels. Probes answer without a token."""
import unittest

from support import (SERVICES, Builder, Client, StackTestCase, eventually, progress, scrape)

FAMILIES = {
    "samverkan_http_requests_total": "counter",
    "samverkan_http_request_errors_total": "counter",
    "samverkan_http_request_duration_seconds": "histogram",
    "samverkan_events_produced_total": "counter",
    "samverkan_events_consumed_total": "counter",
    "samverkan_events_failed_total": "counter",
    "samverkan_events_dead_lettered_total": "counter",
    "samverkan_outbox_backlog_events": "gauge",
    "samverkan_outbox_oldest_age_seconds": "gauge",
    "samverkan_consumer_lag_messages": "gauge",
    "samverkan_db_pool_connections_in_use": "gauge",
}
CONSUMERS = ("enrolment", "attendance", "reporting")  # modules consumes nothing


class Observability(StackTestCase):
    def test_probes_answer_without_a_token(self):
        anonymous = Client(self.stack)
        for service in SERVICES:
            with self.subTest(service=service):
                self.assertStatus(anonymous.get(service, "/healthz"), 200)
                ready = self.assertStatus(anonymous.get(service, "/readyz"), 200).json()
                self.assertEqual(ready, {"database": "up", "kafka": "up"})

    def test_metrics_are_valid_and_free_of_personal_data(self):
        api, build = self.admin, Builder(self, self.admin)
        w = build.world()
        name, email = w.participant["name"], w.participant["email"]
        self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
        eventually(lambda: (progress(api, w.participant["id"]) or {}).get("minutes"), "the mark in reporting")
        # Requests with personal data in the path and query: labels must carry route patterns only.
        for service in SERVICES:
            self.assertProblem(api.get(service, f"/v1/participants/{email}"), 404, 405)
            self.assertProblem(api.get(service, f"/v1/people/{email}?name={name.replace(' ', '+')}"), 404)
        self.assertProblem(api.get("enrolment", f"/v1/participants?organisation_id={email}"), 400)

        for service in SERVICES:
            with self.subTest(service=service):
                metrics = scrape(self.stack, service)
                self.assertEqual(metrics.errors, [], f"{service}/metrics is not valid Prometheus text")
                for family, kind in FAMILIES.items():
                    self.assertIn(family, metrics.families, f"{service} lacks {family}")
                    self.assertTrue(metrics.families[family].get("help"), f"{family} has no # HELP text")
                    self.assertEqual(metrics.families[family].get("type"), kind, f"{family} # TYPE")
                for value in metrics.label_values():
                    self.assertNotIn("@", value, f"{service}: label value {value!r} looks like an e-mail address")
                for secret in (name, email, email.split("@")[0], name.split()[-1]):
                    self.assertNotIn(secret, metrics.text, f"{service}/metrics shows personal data")
                routes = {labels.get("route") for sample, labels, _ in metrics.samples
                          if sample == "samverkan_http_requests_total"}
                for route in routes:
                    self.assertTrue(route == "unmatched" or route.startswith("/"), route)
                    self.assertNotIn(w.participant["id"], route, "a route label holds an id")
                self.assertGreaterEqual(metrics.total("samverkan_http_requests_total", route="/readyz", code="200"), 1)
                self.assertGreaterEqual(metrics.total("samverkan_http_request_errors_total", **{"class": "4xx"}), 2)
                self.assertGreaterEqual(metrics.total("samverkan_db_pool_connections_in_use"), 0)
                self.assertEqual(metrics.total("samverkan_http_request_errors_total", **{"class": "5xx"}), 0)

        # The counters follow the traffic above.
        modules = scrape(self.stack, "modules")
        self.assertEqual(modules.total("samverkan_http_requests_total", route="/v1/programmes", method="POST",
                                       code="201"), 1)
        self.assertEqual(modules.total("samverkan_http_request_duration_seconds_count", route="/v1/programmes",
                                       method="POST"), 1)
        eventually(lambda: scrape(self.stack, "modules").total(
            "samverkan_events_produced_total", topic="samverkan.modules") >= 4, "modules' four events counted")
        enrolled = "se.samverkan.enrolment.participant.registered.v1"
        self.assertGreaterEqual(scrape(self.stack, "enrolment").total("samverkan_events_produced_total", type=enrolled), 1)
        self.assertGreaterEqual(scrape(self.stack, "reporting").total(
            "samverkan_events_consumed_total", consumer="reporting", type=enrolled), 1)
        self.assertGreaterEqual(scrape(self.stack, "attendance").total(
            "samverkan_events_consumed_total", consumer="attendance",
            type="se.samverkan.modules.session.scheduled.v1"), 1)
        for service in CONSUMERS:  # the lag gauge is refreshed every two seconds per consumed topic
            eventually(lambda: [labels for sample, labels, _ in scrape(self.stack, service).samples
                                if sample == "samverkan_consumer_lag_messages"], f"{service}'s consumer lag gauge")
        eventually(lambda: scrape(self.stack, "attendance").total("samverkan_outbox_backlog_events") == 0 or None,
                   "attendance's outbox to drain")


if __name__ == "__main__":
    unittest.main()
