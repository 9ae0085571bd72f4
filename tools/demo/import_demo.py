"""The demo's attendance for its first two ended lectures comes from meeting reports, as a trainer
would bring it: a Microsoft Teams report (2022+ layout, English client: UTF-16LE, tabs, US dates)
and a Zoom participants export (UTF-8, commas, quoted names, the meeting block). Both are written
here from the planned marks, with what real reports hold: people who join early and leave late,
rejoins and a second device, a participant joining from a private address (set as an alias
first), the trainer, a guest without an e-mail, someone unknown, and a waiting-room row.

Each report is imported dry run first (until attendance has every participant's address), then
for real with absent_if_missing=true. Excused people get their mark by PUT before the import, so
the import leaves them be. Minutes by the union of intervals give back the planned minutes; the
status follows the programme's attendance policy (the demo's states none: present at >= 75 %),
so a planned "late" with many minutes comes back "present". Standard library only; used by load_demo.py.
"""
import http.client
import json
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

MATCH_TIMEOUT = 30.0
TRAINER = ("Tina Tränare", "tina.tranare@ostergotland.example")


def split(marks, sessions, now):
    """(marks to PUT, marks the reports stand for): the latter are those of the first two lectures
    that have ended by now."""
    ended = [i for i, s in enumerate(sessions) if s["ends"] <= now and s["module_code"] is not None]
    chosen = set(ended[:2])
    return [m for m in marks if m[1] not in chosen], [m for m in marks if m[1] in chosen]


def _us_teams(t):
    return f"{t.month}/{t.day}/{t.year % 100}, {t.hour % 12 or 12}:{t.minute:02}:{t.second:02} " + (
        "AM" if t.hour < 12 else "PM")


def _us_zoom(t):
    return f"{t.month:02}/{t.day:02}/{t.year} {t.hour % 12 or 12:02}:{t.minute:02}:{t.second:02} " + (
        "AM" if t.hour < 12 else "PM")


def _intervals(session, status, minutes, serial):
    """Join and leave times whose union inside the session gives back `minutes`."""
    start, end = session["starts"], session["ends"]
    if status == "present":
        early, late = timedelta(minutes=1 + serial % 9), timedelta(minutes=serial % 4)
        if serial % 5 == 0:  # left for a moment and came back: the two rows touch
            middle = start + timedelta(minutes=40)
            return [(start - early, middle), (middle, end + late)]
        if serial % 7 == 0:  # a second device for a while: it overlaps, and counts once
            return [(start - early, end + late), (start + timedelta(minutes=20), start + timedelta(minutes=50))]
        return [(start - early, end + late)]
    return [(start + timedelta(minutes=session["minutes"] - minutes), end + timedelta(minutes=2))]


def teams_report(session, rows):
    """rows: (name, email, [(join, leave)]); UTF-16LE with a BOM, tabs, CRLF, three sections."""
    first = min(j for _, _, spans in rows for j, _ in spans)
    last = max(l for _, _, spans in rows for _, l in spans)
    lines = ["1. Summary", f"Meeting title\t{session['body']['title']}", f"Attended participants\t{len(rows)}",
             f"Start time\t{_us_teams(first)}", f"End time\t{_us_teams(last)}", "",
             "2. Participants", "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole"]
    for name, email, spans in rows:
        seconds = sum(int((l - j).total_seconds()) for j, l in spans)
        lines.append(f"{name}\t{_us_teams(spans[0][0])}\t{_us_teams(spans[-1][1])}\t{seconds // 3600}h "
                     f"{seconds // 60 % 60}m {seconds % 60}s\t{email}\t{email}\t"
                     + ("Organizer" if email == TRAINER[1] else "Attendee"))
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    for name, email, spans in rows:
        for join, leave in spans:
            seconds = int((leave - join).total_seconds())
            lines.append(f"{name}\t{_us_teams(join)}\t{_us_teams(leave)}\t{seconds // 60}m {seconds % 60}s\t{email}\t"
                         + ("Organizer" if email == TRAINER[1] else "Attendee"))
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def zoom_report(session, rows, waiting):
    """UTF-8, commas, quoted fields where needed, LF; the meeting block first."""
    def quoted(text):
        return f'"{text}"' if "," in text or '"' in text else text
    first = min(j for _, _, spans in rows for j, _ in spans)
    last = max(l for _, _, spans in rows for _, l in spans)
    out = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
           f"812 5550 {session['starts'].day:04},{quoted(session['body']['title'])},{_us_zoom(first)},{_us_zoom(last)},"
           f"{TRAINER[1]},{int((last - first).total_seconds() // 60)},{len(rows)}", "",
           "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,"
           "In Waiting Room"]
    for name, email, spans in rows:
        for join, leave in spans:
            out.append(f"{quoted(name)},{email},{_us_zoom(join)},{_us_zoom(leave)},"
                       f"{int((leave - join).total_seconds() // 60)},{'No' if email else 'Yes'},Y,No")
    for name, email, join in waiting:
        out.append(f"{quoted(name)},{email},{_us_zoom(join)},{_us_zoom(join + timedelta(minutes=3))},3,No,,Yes")
    return ("\n".join(out) + "\n").encode()


def _retry(call):
    """call() again while attendance has not yet heard of the session, approval or person (404, 422)."""
    deadline = time.monotonic() + MATCH_TIMEOUT
    while True:
        try:
            return call()
        except Exception as error:  # load_demo.ApiError, which carries the status
            if getattr(error, "status", None) not in (404, 422) or time.monotonic() > deadline:
                raise
        time.sleep(0.25)


def _post(loader, session_id, report, query):
    parts = urlsplit(loader.url("attendance", f"/v1/sessions/{session_id}/attendance/imports{query}"))
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"Authorization": loader.api.headers["Authorization"], "Content-Type": "text/csv"}
        connection.request("POST", f"{parts.path}?{parts.query}", body=report, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def _import(loader, session_id, report, expected_matches):
    deadline = time.monotonic() + MATCH_TIMEOUT
    while True:  # attendance learns sessions, approvals and addresses from Kafka
        status, body = _post(loader, session_id, report, "?dry_run=true")
        if status == 200 and len(body["matched"]) == expected_matches:
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"meeting report dry run for session {session_id}: {status} "
                               f"{len(body.get('matched', []))} of {expected_matches} matched")
        time.sleep(0.25)
    status, body = _post(loader, session_id, report, "?absent_if_missing=true")
    if status != 200:
        raise RuntimeError(f"meeting report import for session {session_id}: {status} {body.get('detail')}")
    return body


def run(loader, marks, sessions, participant_ids, planned, reports_dir=None):
    """Imports the reports standing for `marks`; returns what they recorded as (person, session,
    status, minutes) marks, the excused ones (sent by PUT) included."""
    index_of = {pid: i for i, pid in enumerate(participant_ids)}
    recorded = []
    for serial, session_index in enumerate(sorted({m[1] for m in marks})):
        session = sessions[session_index]
        mine = [m for m in marks if m[1] == session_index]
        for person, _, status, minutes in mine:
            if status == "excused":
                path = f"/v1/sessions/{session['id']}/attendance/{participant_ids[person]}"
                _retry(lambda: loader.api.put(loader.url("attendance", path), {"status": "excused"}))
                recorded.append((person, session_index, "excused", None))
        attending = [m for m in mine if m[2] in ("present", "late")]
        rows = [(TRAINER[0], TRAINER[1], [(session["starts"] - timedelta(minutes=10),
                                           session["ends"] + timedelta(minutes=5))])]
        for k, (person, _, status, minutes) in enumerate(attending):
            body = planned[person][1]
            email = body["email"]
            if k == 0:  # joins from a private address, known to attendance as an alias
                email = f"{body['email'].split('@')[0]}.privat@mail.example"
                alias_path = f"/v1/participants/{participant_ids[person]}/email-aliases"
                _retry(lambda: loader.api.put(loader.url("attendance", alias_path), {"emails": [email]}))
            rows.append((body["name"], email.upper() if k == 1 else email,
                         _intervals(session, status, minutes or session["minutes"], k)))
        rows.append(("Gäst (extern)", "", [(session["starts"] + timedelta(minutes=15),
                                             session["starts"] + timedelta(minutes=45))]))
        rows.append(("Okänd Person", "okand.person@annan.example", [(session["starts"], session["ends"])]))
        if serial == 0:
            report, name = teams_report(session, rows), "teams"
        else:
            waiting = [(planned[attending[-1][0]][1]["name"], planned[attending[-1][0]][1]["email"],
                        session["starts"] - timedelta(minutes=8))] if attending else []
            report, name = zoom_report(session, rows, waiting), "zoom"
        if reports_dir:
            Path(reports_dir).mkdir(parents=True, exist_ok=True)
            (Path(reports_dir) / f"{session['id']}-{name}.csv").write_bytes(report)
        outcome = _import(loader, session["id"], report, len(attending))
        for m in outcome["matched"]:
            recorded.append((index_of[m["participant_id"]], session_index, m["status"], m["minutes"]))
        for pid in outcome["marked_absent"]:
            recorded.append((index_of[pid], session_index, "absent", None))
        print(f"  meeting report ({outcome['format']}) for {session['body']['title']}: {outcome['rows']} rows, "
              f"{len(outcome['matched'])} matched, {len(outcome['unmatched'])} unmatched, "
              f"{len(outcome['marked_absent'])} marked absent, {outcome['changes']} changes", flush=True)
    return recorded
