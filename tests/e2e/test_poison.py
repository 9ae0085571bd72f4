"""A poison message on a topic does not stop its consumers: it goes to the dead-letter topic, the
dead-letter counter rises, and later events on the same partitions are still handled."""
import json
import unittest
import uuid

from support import (Builder, StackTestCase, eventually, kcat, progress, scrape)

TOPIC = "samverkan.enrolment"
DEADLETTER = "samverkan.deadletter"
PARTITIONS = (0, 1, 2)  # the dev broker's default; a poison message on each blocks every partition
CONSUMERS = ("attendance", "reporting")  # the services that consume samverkan.enrolment


class PoisonMessage(StackTestCase):
    def dead_lettered(self, service, reason):
        return scrape(self.stack, service).total("samverkan_events_dead_lettered_total",
                                                   consumer=service, reason=reason)

    def deadletter_records(self, marker):
        """(consumer, reason, original topic) of every dead letter whose payload holds `marker`."""
        out = kcat(self.stack, "-C", "-t", DEADLETTER, "-o", "beginning", "-e", "-f", "%h\t%s\n")
        found = set()
        for line in out.splitlines():
            headers, _, payload = line.partition("\t")
            if marker not in payload:
                continue
            h = dict(item.split("=", 1) for item in headers.split(",") if "=" in item)
            found.add((h.get("samverkan-dlq-consumer"), h.get("samverkan-dlq-reason"), h.get("samverkan-dlq-topic")))
        return found

    def test_poison_is_dead_lettered_and_consumers_keep_going(self):
        api, build = self.admin, Builder(self, self.admin)
        w = build.world()
        self.assertStatus(build.attendance(w.session["id"], w.participant["id"], {"status": "present"}), 201)
        eventually(lambda: (progress(api, w.participant["id"]) or {}).get("minutes"), "the first mark in reporting")
        before = {(s, r): self.dead_lettered(s, r) for s in CONSUMERS for r in ("malformed", "schema")}

        marker = uuid.uuid4().hex
        # Not an event at all: no CloudEvents headers, not JSON.
        for partition in PARTITIONS:
            kcat(self.stack, "-P", "-t", TOPIC, "-p", str(partition), "-k", f"poison-{marker}",
                 stdin=f"this is not an event {marker}".encode())
        # A well-formed CloudEvent whose data breaks its schema.
        bad_data = json.dumps({"federation_id": "ostergotland", "note": marker}).encode()
        kcat(self.stack, "-P", "-t", TOPIC, "-p", "0", "-k", f"schema-{marker}",
             "-H", "ce_specversion=1.0", "-H", f"ce_id={uuid.uuid4()}", "-H", "ce_source=/e2e/poison",
             "-H", "ce_type=se.samverkan.enrolment.enrolment.approved.v1", "-H", "ce_time=2025-03-10T08:00:00Z",
             "-H", f"ce_subject=enrolment/{uuid.uuid4()}", "-H", "content-type=application/json",
             stdin=bad_data)

        # Later events still flow: a new participant's approval reaches attendance (which then
        # accepts a mark) and reporting.
        late = build.participant(w.organisation["id"])
        build.approve(build.enrolment(late["id"], w.cohort["id"])["id"])
        self.assertStatus(build.attendance(w.session["id"], late["id"], {"status": "late", "minutes": 50}), 201)
        shown = eventually(lambda: (lambda p: p if p and p["minutes"] == 50 else None)(progress(api, late["id"])),
                           "the later participant's minutes in reporting")
        self.assertEqual(shown["sessions_attended"], 1)

        for service in CONSUMERS:
            for reason, count in (("malformed", len(PARTITIONS)), ("schema", 1)):
                eventually(lambda: self.dead_lettered(service, reason) >= before[(service, reason)] + count,
                           f"{service} to dead-letter {count} {reason} message(s)")
            self.assertTrue(self.stack.services[service].alive(), self.stack.log_tail(service))
            failed = scrape(self.stack, service).total("samverkan_events_failed_total", consumer=service,
                                                       reason="malformed")
            self.assertGreaterEqual(failed, len(PARTITIONS))

        letters = eventually(lambda: (lambda f: f if len(f) == 4 else None)(self.deadletter_records(marker)),
                             "both consumers' dead letters on samverkan.deadletter")
        self.assertEqual(letters, {(s, r, TOPIC) for s in CONSUMERS for r in ("malformed", "schema")})
        self.assertServicesHealthy()


if __name__ == "__main__":
    unittest.main()
