"""Audit route walk cases for the reporting service (see audit_cases/__init__.py). Its only write
route is a funder auditor's month lock; everything else it holds comes from events."""


def month_lock(walk):
    programme_id = walk.build.programme()["id"]
    path = f"/v1/programmes/{programme_id}/locks/2025-03"
    # 404 until reporting has heard of the programme.
    walk.write("reporting", "PUT", path, {}, 201, "month_lock", entity_id=f"{programme_id}/2025-03", retry=(404,))
    walk.unchanged("reporting", "PUT", path, {}, 200)  # locked already: no change, no entry


CASES = {
    ("PUT", "/v1/programmes/{id}/locks/{month}"): month_lock,
}
