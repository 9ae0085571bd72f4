"""Audit route walk cases for the reporting service (see audit_cases/__init__.py). Reporting reads
the other services' events; its own writes are the funder files' records: a monthly file's
submission and a programme's unit costs."""


def submit_monthly_file(walk):
    programme = walk.build.programme()
    path = f"/v1/programmes/{programme['id']}/monthly-files/2025-03/submission"
    # 404 until reporting has the programme from programme.created.
    walk.write("reporting", "POST", path, {}, 201, "monthly_file", entity_id=f"{programme['id']}/2025-03",
               retry=(404,))
    walk.unchanged("reporting", "POST", path, {}, 200)  # the same file again: nothing to record


def set_unit_costs(walk):
    programme = walk.build.programme()
    path = f"/v1/programmes/{programme['id']}/unit-costs"
    body = {"funder": "ESF+", "currency": "SEK", "rounding": "minutes",
            "rates": [{"valid_from": "2026-01-01", "per_hour": "512.00"}]}
    walk.write("reporting", "PUT", path, body, 200, "unit_costs", entity_id=f"{programme['id']}/ESF+",
               retry=(404,))
    walk.unchanged("reporting", "PUT", path, body, 200)  # the same table again


CASES = {
    ("POST", "/v1/programmes/{id}/monthly-files/{month}/submission"): submit_monthly_file,
    ("PUT", "/v1/programmes/{id}/unit-costs"): set_unit_costs,
}
