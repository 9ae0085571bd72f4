"""Cases for the audit route walk (tests/e2e/test_audit_route_walk.py), one module per service.

Each module defines CASES: {(METHOD, path exactly as in schemas/openapi/<service>.yaml): case},
where case(walk) performs the write through the walk's helpers, which prove the audit effect:

    walk.write(service, method, path, body, status, entity_type, entity_id=None, retry=())
        sends the write (a POST with an Idempotency-Key and every write with its own
        X-Request-Id), expects `status`, and exactly one new audit entry in that service's
        /v1/audit about entity_type/entity_id (default: the response's "id") carrying the
        request id. A POST is then repeated with the same key: the same status and body, and no
        new entry; and with the same key and another body: 422. `retry` lists statuses to retry
        while a replica catches up. Returns the response's JSON.
    walk.unchanged(service, method, path, body, status)
        a write that changes nothing (an idempotent repeat, a refused transition): expects
        `status` and no new audit entry.
    walk.api, walk.build: the admin client and the support.Builder, for the data a case needs
        (their writes are audited too, but only the walk's calls are counted).

After every case the walk checks that the service's /v1/audit/verify answers ok.
"""
