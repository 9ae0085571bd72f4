"""Every write route goes through the one write path: walks each POST/PUT/PATCH/DELETE under /v1
of schemas/openapi/*.yaml, performs it, and proves that exactly one audit entry per state change
appears in that service's /v1/audit (none for a repeat that changes nothing), that a POST's
Idempotency-Key replays its answer, and that /v1/audit/verify stays ok.

Entries are sealed (given seq and hash) by each service's sealer shortly after their write
commits, so the walk waits, with a bounded deadline, until a service has no pending entry before
it counts entries by seq or verifies the chain.

The cases live in audit_cases/<service>.py (see audit_cases/__init__.py). A write route without
a case fails the walk, so a new route needs one."""
import importlib
import sys
import unittest
import uuid
from pathlib import Path

from support import ROOT, Builder, Client, StackTestCase, eventually, retry_while, SERVICES

sys.path.insert(0, str(ROOT / "tests" / "docs"))
import check_docs  # noqa: E402  (the same reading of the specs as the docs check)

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def write_routes():
    """{(service, METHOD, path)} of every /v1 write operation in the specs."""
    routes = set()
    for spec in sorted((ROOT / "schemas" / "openapi").glob("*.yaml")):
        for method, path in check_docs.spec_operations(spec):
            if method in WRITE_METHODS and path.startswith("/v1/"):
                routes.add((spec.stem, method, path))
    return routes


def cases():
    """{(service, METHOD, path): case} from audit_cases/<service>.py."""
    found = {}
    for service in SERVICES:
        try:
            module = importlib.import_module(f"audit_cases.{service}")
        except ModuleNotFoundError:
            continue
        for (method, path), case in module.CASES.items():
            found[(service, method, path)] = case
    return found


class Walk:
    """The helpers a case calls; counts audit entries per service around each call."""

    def __init__(self, test, client):
        self.test, self.api, self.build = test, client, Builder(test, client)

    # -- the audit trail ---------------------------------------------------------------------------

    def sealed(self, service):
        """The service's /v1/audit/verify answer once it has no pending (unsealed) entry."""
        def probe():
            body = self.test.assertStatus(self.api.get(service, "/v1/audit/verify"), 200).json()
            return body if body["pending"] == 0 else None
        return eventually(probe, f"{service}: every audit entry sealed")

    def entries_after(self, service, after):
        """Every entry of the service with seq > after, oldest first, once all are sealed."""
        self.sealed(service)
        entries = []
        while True:
            page = self.test.assertStatus(self.api.get(service, f"/v1/audit?limit=500&after={after}"), 200).json()
            for entry in page["items"]:
                self.test.assertEqual(entry["sealed"], entry["seq"] is not None, entry)
            entries += [entry for entry in page["items"] if entry["sealed"]]
            if page["next"] is None:
                return entries
            after = page["next"]

    def last_seq(self, service):
        entries = self.entries_after(service, 0)
        return entries[-1]["seq"] if entries else 0

    def verify(self, service):
        body = self.sealed(service)
        self.test.assertEqual(set(body), {"ok", "entries", "first_broken", "pending"}, body)
        self.test.assertEqual((body["ok"], body["first_broken"]), (True, None), f"{service}: {body}")
        return body

    # -- what cases call ---------------------------------------------------------------------------

    def _send(self, service, method, path, body, key=None):
        request_id = f"walk-{uuid.uuid4().hex}"
        headers = {"X-Request-Id": request_id}
        if key:
            headers["Idempotency-Key"] = key
        return self.api.request(service, method, path, body=body, headers=headers), request_id

    def write(self, service, method, path, body, status, entity_type, entity_id=None, retry=()):
        before = self.last_seq(service)
        key = f"walk-{uuid.uuid4()}" if method == "POST" else None
        sent = {}

        def send():
            sent["response"], sent["request_id"] = self._send(service, method, path, body, key)
            return sent["response"]

        response = retry_while(send, retry, f"{method} {path} past {retry}") if retry else send()
        self.test.assertStatus(response, status)
        result = response.json()
        if entity_id is None:
            entity_id = result.get("id")
            self.test.assertIsNotNone(entity_id, f"no id in the answer; pass entity_id: {response.describe()}")
        new = self.entries_after(service, before)
        self.test.assertEqual(len(new), 1, f"{method} {path}: expected one audit entry, got {new}")
        entry = new[0]
        self.test.assertEqual((entry["entity_type"], entry["entity_id"]), (entity_type, entity_id), entry)
        self.test.assertEqual(entry["request_id"], sent["request_id"], entry)
        self.test.assertEqual(entry["subject"], "dev-user", entry)
        self.test.assertIn("federation_admin", entry["roles"], entry)
        if key:
            after = entry["seq"]
            replay, _ = self._send(service, method, path, body, key)
            self.test.assertEqual((replay.status, replay.body), (response.status, response.body), replay.describe())
            self.test.assertEqual(replay.headers.get("location"), response.headers.get("location"))
            self.test.assertEqual(replay.headers.get("idempotent-replayed"), "true", replay.describe())
            other, _ = self._send(service, method, path, {**body, "walk": "another body"}, key)
            self.test.assertProblem(other, 422)
            self.test.assertEqual(self.entries_after(service, after), [], f"{method} {path}: a replay was audited")
        return result

    def unchanged(self, service, method, path, body, status):
        before = self.last_seq(service)
        response, _ = self._send(service, method, path, body)
        self.test.assertStatus(response, status)
        self.test.assertEqual(self.entries_after(service, before), [],
                              f"{method} {path} changed nothing but was audited")


class AuditRouteWalk(StackTestCase):
    def test_every_write_route_has_a_case(self):
        routes, known = write_routes(), cases()
        self.assertTrue(routes, "no write routes found in schemas/openapi/*.yaml")
        missing = sorted(routes - set(known))
        self.assertEqual(missing, [], "write routes without a case in tests/e2e/audit_cases/<service>.py")
        stale = sorted(set(known) - routes)
        self.assertEqual(stale, [], "cases for routes the specs no longer have")

    def test_every_write_records_one_audit_entry_per_change(self):
        walk = Walk(self, self.admin)
        for route, case in sorted(cases().items(), key=lambda item: item[0]):
            with self.subTest(route=" ".join(route)):
                case(walk)
                walk.verify(route[0])
        for service in SERVICES:
            walk.verify(service)

    def test_audit_routes_are_for_admins_and_auditors_only(self):
        auditor = Client(self.stack, self.stack.token(roles=("funder_auditor",)))
        trainer = Client(self.stack, self.stack.token(roles=("trainer",)))
        for service in SERVICES:
            for path in ("/v1/audit", "/v1/audit/verify"):
                self.assertStatus(auditor.get(service, path), 200)
                self.assertProblem(trainer.get(service, path), 403)
            self.assertProblem(self.admin.get(service, "/v1/audit?limit=0"), 400)
            self.assertProblem(self.admin.get(service, "/v1/audit?after=x"), 400)

    def test_a_malformed_idempotency_key_is_400(self):
        for key in ("k" * 256, "caf\u00e9"):
            response = self.admin.request("modules", "POST", "/v1/programmes", body={"title": "Never"},
                                          headers={"Idempotency-Key": key})
            self.assertProblem(response, 400)
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
