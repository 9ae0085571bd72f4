#!/usr/bin/env python3
"""Loads the demo programme "Digital kompetens för offentlig sektor" into a running Samverkan stack.

Everything goes through the four services' public HTTP APIs, as a federation admin would do it:
  modules     the programme with its electives and completion rule, its 2025, 2026 and 2027
              cohorts, the five modules, and the 2026 cohort's dated sessions (with named trainers)
              and two conferences;
  enrolment   19 organisations, ~350 synthetic participants; the 2026 cohort's policy (quotas per
              organisation, two approval stages, a waitlist), every enrolment approved at both
              stages with its electives, a few people waitlisted, one withdrawal that promotes the
              first in line, and interest registered for the 2027 cohort, three of them approved;
  attendance  a mark per expected participant for every session that has already ended; those of the
              first two ended lectures come from a Teams and a Zoom report (import_demo.py); an apology for
              the 2027 opening conference; with
              --participant-token, the first participant logs in and confirms April's time statement.
It then waits until reporting's cohort summary adds up to what was sent, and prints a summary.

The data is deterministic (random.Random(2026), see seed_data.py); the stack must be fresh.
Standard library only. Called by tools/stack/stack.py `run`; usage:
  load_demo.py --token TOKEN --modules=URL --enrolment=URL --attendance=URL --reporting=URL
"""
import argparse
import http.client
import json
import random
import sys
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_demo  # noqa: E402  (sits next to this file)
import seed_data  # noqa: E402

PROPAGATION_TIMEOUT = 30.0  # how long a service may take to learn, over Kafka, what another one created
REPORTING_TIMEOUT = 60.0


class ApiError(Exception):
    """A non-2xx answer. Carries only the problem's status, title, detail and field names: never the request
    body, which may hold participants' personal data."""

    def __init__(self, method, path, status, problem):
        self.status = status
        self.title = problem.get("title", "")
        self.detail = problem.get("detail", "")
        self.fields = [e.get("field", "") for e in problem.get("errors", []) if isinstance(e, dict)]
        field_notes = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in problem.get("errors", [])
                                if isinstance(e, dict))
        text = f"{method} {path} -> {status} {self.title}"
        if self.detail:
            text += f": {self.detail}"
        if field_notes:
            text += f" ({field_notes})"
        super().__init__(text)


class Api:
    """JSON over HTTP/1.1 keep-alive, one connection per service per thread."""

    def __init__(self, token, timeout=15.0):
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                        "Accept": "application/json"}
        self.timeout = timeout
        self.local = threading.local()

    def _connection(self, netloc):
        pool = self.local.__dict__.setdefault("connections", {})
        if netloc not in pool:
            host, _, port = netloc.partition(":")
            pool[netloc] = http.client.HTTPConnection(host, int(port or 80), timeout=self.timeout)
        return pool[netloc]

    def _drop(self, netloc):
        self.local.__dict__.get("connections", {}).pop(netloc).close()

    def request(self, method, url, body=None):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        payload = None if body is None else json.dumps(body).encode()
        for attempt in (1, 2):
            connection = self._connection(parts.netloc)
            reused = connection.sock is not None
            try:
                connection.request(method, path, body=payload, headers=self.headers)
                response = connection.getresponse()
                raw = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._drop(parts.netloc)
                # A connection the server closed while idle never delivered the request: send it again, once.
                if not reused or attempt == 2:
                    raise
            except OSError:
                self._drop(parts.netloc)
                raise
        if response.will_close:
            self._drop(parts.netloc)
        data = parse_json(raw)
        if not 200 <= response.status < 300:
            raise ApiError(method, parts.path, response.status, data if isinstance(data, dict) else {})
        return data

    def post(self, url, body):
        return self.request("POST", url, body)

    def put(self, url, body):
        return self.request("PUT", url, body)

    def get(self, url):
        return self.request("GET", url)


def parse_json(raw):
    """The body as JSON; a body that is not JSON (say, from a proxy) becomes a problem with a short title."""
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        return {"title": raw[:120].decode("utf-8", "replace")}


def retrying(call, should_retry, timeout=PROPAGATION_TIMEOUT):
    """call() again while it fails with an ApiError that should_retry accepts, backing off, for up to timeout s."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            return call()
        except ApiError as error:
            if not should_retry(error) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def cohort_not_yet_known(error):
    return error.status == 422 and "cohort_id" in error.fields


def attendance_not_yet_informed(error):
    """The attendance service has not yet seen the session, or the approved enrolment."""
    return error.status == 404 or (error.status == 422 and "participant_id" in error.fields)


def in_parallel(workers, function, items):
    """[function(item) for item in items] on a thread pool, in order; the first failure cancels the rest."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(function, item) for item in items]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        failed = next((f for f in futures if f in done and f.exception()), None)
        if failed:
            for future in futures:
                future.cancel()
            raise failed.exception()
        return [f.result() for f in futures]


def progress(message, started):
    print(f"  [{time.monotonic() - started:5.1f}s] {message}", flush=True)


class DemoLoader:
    participant_api, participant_subject = None, None

    def __init__(self, api, urls, workers, now):
        self.api, self.urls, self.workers, self.now = api, urls, workers, now
        self.started = time.monotonic()

    def url(self, service, path):
        return self.urls[service].rstrip("/") + path

    def refuse_if_loaded(self):
        """The loader creates, it does not update: on a stack that has the programme it would only duplicate it."""
        existing = self.api.get(self.url("modules", "/v1/programmes?limit=500")).get("items", [])
        if any(p.get("title") == seed_data.PROGRAMME["title"] for p in existing):
            raise RuntimeError("the demo programme is already loaded; the loader needs a fresh stack")

    def create_catalogue(self):
        """Programme, cohorts, modules and the 2026 sessions; returns (2026 cohort id, chronological sessions)."""
        programme = self.api.post(self.url("modules", "/v1/programmes"), seed_data.PROGRAMME)
        cohorts_path = f"/v1/programmes/{programme['id']}/cohorts"
        self.api.post(self.url("modules", cohorts_path), seed_data.COHORT_2025)
        cohort = self.api.post(self.url("modules", cohorts_path), seed_data.COHORT_2026)
        self.cohort_2027 = self.api.post(self.url("modules", cohorts_path), seed_data.COHORT_2027)["id"]
        progress(f"programme {programme['id']} with cohorts 2025, 2026 and 2027 (2026: {cohort['id']})",
                 self.started)
        module_ids = {}
        for module in seed_data.MODULES:
            body = {"code": module["code"], "title": module["title"], "mandatory": module["mandatory"],
                    "planned_hours": seed_data.planned_hours(module)}
            module_ids[module["code"]] = self.api.post(
                self.url("modules", f"/v1/programmes/{programme['id']}/modules"), body)["id"]
        self.module_ids = module_ids
        self.api.put(self.url("modules", f"/v1/programmes/{programme['id']}/rules"), seed_data.RULES)
        sessions = sorted(self.planned_sessions(module_ids), key=lambda s: s["starts"])
        sessions_url = self.url("modules", f"/v1/cohorts/{cohort['id']}/sessions")
        created = in_parallel(self.workers, lambda s: self.api.post(sessions_url, s["body"]), sessions)
        for session, row in zip(sessions, created):
            session["id"] = row["id"]
        lectures = [s for s in sessions if s["module_code"] in seed_data.TRAINERS]
        in_parallel(self.workers, lambda s: self.api.put(
            self.url("modules", f"/v1/sessions/{s['id']}/trainers"),
            {"trainers": [{"subject": subject, "name": name}
                          for subject, name in seed_data.TRAINERS[s["module_code"]]]}), lectures)
        progress(f"{len(module_ids)} modules, {len(sessions)} sessions in 2026, "
                 f"{len(lectures)} with named trainers", self.started)
        return cohort["id"], sessions

    def planned_sessions(self, module_ids):
        for module in seed_data.MODULES:
            count = len(module["dates"])
            for number, when in enumerate(module["dates"], start=1):
                yield self.session(when, module["code"], module["mandatory"], {
                    "module_id": module_ids[module["code"]], "kind": "lecture",
                    "title": f"{module['code']} {module['title']}, tillfälle {number} av {count}",
                    "delivery": "online"})
        for conference in seed_data.CONFERENCES:
            yield self.session(conference["date"], None, True, {
                "kind": "conference", "title": conference["title"], "delivery": "on_site",
                "location": seed_data.CONFERENCE_LOCATION})

    @staticmethod
    def session(when, module_code, mandatory, body):
        starts, ends = seed_data.local_times(when)
        body.update({"starts_at": starts.isoformat(), "ends_at": ends.isoformat(), "time_zone": "Europe/Stockholm"})
        return {"body": body, "module_code": module_code, "mandatory": mandatory, "starts": starts, "ends": ends,
                "minutes": int((ends - starts).total_seconds() // 60)}

    def register_organisations(self):
        def register(indexed):
            serial, (name, org_type, prefix, _, _) = indexed
            body = {"name": name, "org_number": seed_data.synthetic_org_number(prefix, serial), "type": org_type}
            return self.api.post(self.url("enrolment", "/v1/organisations"), body)["id"]

        ids = in_parallel(self.workers, register, list(enumerate(seed_data.ORGANISATIONS, start=1)))
        progress(f"{len(ids)} organisations", self.started)
        return ids

    def register_participants(self, planned, organisation_ids):
        def register(entry):
            serial, (org_index, person, _) = entry
            return self.api.post(self.url("enrolment", "/v1/participants"),
                                 {"organisation_id": organisation_ids[org_index], **person,
                                  "entry_facts": seed_data.entry_facts(person, serial)})["id"]

        ids = in_parallel(self.workers, register, list(enumerate(planned)))
        progress(f"{len(ids)} participants", self.started)
        return ids

    def set_policy(self, cohort_id, planned, organisation_ids):
        """Quotas per organisation (its planned headcount), both approval stages, and a waitlist."""
        headcount = {}
        for org_index, _, _ in planned:
            headcount[org_index] = headcount.get(org_index, 0) + 1
        body = {"capacity": None, "approval": ["organisation", "federation"], "waitlist": True,
                "organisation_quotas": {organisation_ids[i]: n for i, n in headcount.items()}}
        path = f"/v1/cohorts/{cohort_id}/enrolment-policy"
        # 404 until enrolment has learned the cohort from Kafka.
        retrying(lambda: self.api.put(self.url("enrolment", path), body), lambda e: e.status == 404)
        progress(f"2026 policy: quotas for {len(headcount)} organisations, two stages, a waitlist", self.started)

    def enrol(self, participant_id, cohort_id):
        """Requests an enrolment and approves both stages; returns the answer of the last approval."""
        # The enrolment service learns cohorts from Kafka, so a brand-new cohort may be unknown for a moment.
        enrolment = retrying(lambda: self.api.post(self.url("enrolment", "/v1/enrolments"),
                                                   {"participant_id": participant_id, "cohort_id": cohort_id}),
                             cohort_not_yet_known)
        approve = self.url("enrolment", f"/v1/enrolments/{enrolment['id']}/approve")
        self.api.post(approve, {})  # the organisation's stage
        return self.api.post(approve, {})  # the federation's: a seat, or the waitlist

    def enrol_and_approve(self, participant_ids, cohort_id):
        # The first alone, so the others do not all wait for the cohort to arrive.
        answers = [self.enrol(participant_ids[0], cohort_id)]
        answers += in_parallel(self.workers, lambda p: self.enrol(p, cohort_id), participant_ids[1:])
        approved = sum(1 for a in answers if a["status"] == "approved")
        progress(f"{len(participant_ids)} enrolments in the 2026 cohort, {approved} approved at both stages",
                 self.started)
        return [a["id"] for a in answers]

    def choose_electives(self, planned, ids):
        """Every participant's modules: M1 (mandatory) and their electives."""

        def choose(index):
            codes = ["M1", *planned[index][2]]
            path = f"/v1/enrolments/{ids[index]}/modules"
            body = {"module_ids": [self.module_ids[c] for c in codes]}
            # 422 until enrolment has learned the modules from Kafka.
            retrying(lambda: self.api.put(self.url("enrolment", path), body),
                     lambda e: e.status == 422 and "module_ids" in e.fields)

        choose(0)
        in_parallel(self.workers, choose, range(1, len(ids)))
        progress(f"{len(ids)} choices of electives", self.started)

    def oversubscribe(self, cohort_id, organisation_ids):
        """More nominations than quota for a few organisations: the extra people are waitlisted."""
        rng = random.Random(2027)  # apart from the seed's generator, so the planned data stays the same
        waitlisted = []
        for org_index in seed_data.OVERSUBSCRIBED_ORGS:
            _, org_type, _, _, slug = seed_data.ORGANISATIONS[org_index]
            for n in range(seed_data.WAITLISTED_PER_ORG):
                person = seed_data.make_participant(rng, 9000 + 10 * org_index + n, org_type, slug)
                participant_id = self.api.post(self.url("enrolment", "/v1/participants"),
                                               {"organisation_id": organisation_ids[org_index], **person})["id"]
                answer = self.enrol(participant_id, cohort_id)
                if answer["status"] != "waitlisted":
                    raise RuntimeError(f"expected a place on the waitlist, got {answer['status']}")
                waitlisted.append(answer["id"])
        progress(f"{len(waitlisted)} nominations over quota are on the waitlist", self.started)
        return waitlisted

    def withdraw_one(self, enrolment_id, first_waitlisted):
        """One approved participant leaves; the first in line of their organisation takes the seat."""
        today = datetime.now(timezone.utc).date()
        if today.isoformat() > seed_data.COHORT_2026["ends_on"]:
            progress("the 2026 cohort has ended: no withdrawal to show", self.started)
            return None
        self.api.post(self.url("enrolment", f"/v1/enrolments/{enrolment_id}/withdraw"),
                      {"left_on": today.isoformat(), "reason": "har bytt tjänst"})
        promoted = self.api.get(self.url("enrolment", f"/v1/enrolments/{first_waitlisted}"))
        if promoted["status"] != "approved":
            raise RuntimeError(f"the first in line was not promoted: {promoted['status']}")
        progress("one withdrawal; the first in line was promoted from the waitlist", self.started)
        return enrolment_id

    def confirm_a_month(self, participant_id):
        """A participant's login: linked to the first participant, who reads and confirms their April."""
        if not self.participant_api:
            return
        self.api.put(self.url("enrolment", f"/v1/participants/{participant_id}/subject"),
                     {"subject": self.participant_subject})
        path = f"/v1/participants/{participant_id}/statements/2026-04"
        # 404 until attendance has learned the login link from Kafka.
        statement = retrying(lambda: self.participant_api.get(self.url("attendance", path)),
                             lambda e: e.status == 404)
        self.participant_api.post(self.url("attendance", path + "/confirm"), {"sha256": statement["sha256"]})
        progress(f"the first participant logged in and confirmed April ({statement['session_minutes']} min)",
                 self.started)

    def register_interest(self, planned, participant_ids):
        """People of a few organisations register interest in the 2027 cohort."""
        wanted = dict(seed_data.INTEREST_2027)
        people = []
        for index, (org_index, _, _) in enumerate(planned):
            if wanted.get(org_index, 0) > 0:
                people.append(participant_ids[index])
                wanted[org_index] -= 1
        path = f"/v1/cohorts/{self.cohort_2027}/interest"
        interest = [retrying(lambda: self.api.post(self.url("enrolment", path), {"participant_id": participant_id}),
                             cohort_not_yet_known)["id"] for participant_id in people]
        progress(f"{len(people)} expressions of interest in the 2027 cohort", self.started)
        return people, interest

    def plan_2027(self, people, interest):
        """The 2027 opening conference; the first few interested become requests and are approved
        (one stage: the cohort keeps the default policy), and the first sends an apology."""
        conference = self.api.post(self.url("modules", f"/v1/cohorts/{self.cohort_2027}/sessions"),
                                   seed_data.CONFERENCE_2027)
        for enrolment_id in interest[:seed_data.APPROVED_2027]:
            self.api.post(self.url("enrolment", f"/v1/enrolments/{enrolment_id}/request"), {})
            self.api.post(self.url("enrolment", f"/v1/enrolments/{enrolment_id}/approve"), {})
        # 404 or 422 until attendance has the session and the approval from Kafka.
        retrying(lambda: self.api.post(self.url("attendance", f"/v1/sessions/{conference['id']}/apologies"),
                                       {"participant_id": people[0], "reason": "föräldraledig i mars"}),
                 attendance_not_yet_informed)
        progress(f"2027: opening conference planned, {seed_data.APPROVED_2027} approved, one apology sent",
                 self.started)

    def record_attendance(self, marks, sessions, participant_ids):
        """PUTs every mark of a session that has ended by now; returns the marks sent."""
        due = [m for m in marks if sessions[m[1]]["ends"] <= self.now]
        if not due:
            progress("no session has ended yet: no attendance to record", self.started)
            return due

        def record(mark):
            person_index, session_index, status, minutes = mark
            body = {"status": status} if minutes is None else {"status": status, "minutes": minutes}
            path = f"/v1/sessions/{sessions[session_index]['id']}/attendance/{participant_ids[person_index]}"
            # Attendance learns sessions and approved enrolments from Kafka: wait for them to arrive.
            retrying(lambda: self.api.put(self.url("attendance", path), body), attendance_not_yet_informed)

        record(due[0])
        in_parallel(self.workers, record, due[1:])
        counts = {s: sum(1 for m in due if m[2] == s) for s, _ in seed_data.STATUS_MIX}
        ended = sum(1 for s in sessions if s["ends"] <= self.now)
        progress(f"{len(due)} attendance records for {ended} ended sessions: "
                 + ", ".join(f"{n} {s}" for s, n in counts.items()), self.started)
        return due

    def await_reporting(self, cohort_id, attended, minutes, enrolled):
        """Polls the cohort summary until its totals match what was sent; fails if they never do."""
        url = self.url("reporting", f"/v1/cohorts/{cohort_id}/summary")
        expected = {"sessions_attended": attended, "minutes": minutes, "participants_enrolled": enrolled}
        deadline = time.monotonic() + REPORTING_TIMEOUT
        totals = {}
        while time.monotonic() < deadline:
            try:
                totals = self.api.get(url).get("totals") or {}
            except ApiError as error:
                if error.status != 404:  # 404: reporting has not heard of the cohort yet
                    raise
            if all(totals.get(k) == v for k, v in expected.items()):
                progress(f"reporting caught up: {attended} sessions attended, {totals.get('hours')} h", self.started)
                return totals
            time.sleep(0.25)
        raise RuntimeError(f"after {REPORTING_TIMEOUT:.0f}s reporting's cohort summary still disagrees: " + ", ".join(
            f"{k} is {totals.get(k)}, expected {v}" for k, v in expected.items() if totals.get(k) != v))

    def run(self):
        rng = random.Random(2026)
        planned = seed_data.plan_participants(rng)
        self.refuse_if_loaded()
        cohort_id, sessions = self.create_catalogue()
        marks = seed_data.plan_marks(rng, planned, sessions)
        organisation_ids = self.register_organisations()
        participant_ids = self.register_participants(planned, organisation_ids)
        self.set_policy(cohort_id, planned, organisation_ids)
        enrolment_ids = self.enrol_and_approve(participant_ids, cohort_id)
        self.choose_electives(planned, enrolment_ids)
        waitlisted = self.oversubscribe(cohort_id, organisation_ids)
        marks, reported = import_demo.split(marks, sessions, self.now)  # two lectures from Teams/Zoom reports
        sent = self.record_attendance(marks, sessions, participant_ids) + import_demo.run(
            self, reported, sessions, participant_ids, planned, self.reports_dir)
        attended = [m for m in sent if m[2] in ("present", "late")]
        minutes = sum(m[3] if m[3] is not None else sessions[m[1]]["minutes"] for m in attended)
        # The withdrawn participant's seat goes to the first in line: the number approved stays.
        first_of_oversubscribed = next(i for i, p in enumerate(planned) if p[0] == seed_data.OVERSUBSCRIBED_ORGS[0])
        self.withdraw_one(enrolment_ids[first_of_oversubscribed], waitlisted[0])
        self.plan_2027(*self.register_interest(planned, participant_ids))
        self.confirm_a_month(participant_ids[0])
        totals = self.await_reporting(cohort_id, len(attended), minutes, len(participant_ids))
        print(f"demo loaded in {time.monotonic() - self.started:.1f}s: {len(organisation_ids)} organisations, "
              f"{len(participant_ids)} participants, {len(sessions)} sessions, {len(sent)} attendance records, "
              f"{totals.get('hours')} hours attended; cohort {cohort_id}", flush=True)
        print(f"  sample participant: {participant_ids[0]}  "
              f"(GET {self.url('reporting', f'/v1/participants/{participant_ids[0]}/progress')})", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--token", required=True, help="bearer token of a federation_admin")
    for service in ("modules", "enrolment", "attendance", "reporting"):
        parser.add_argument(f"--{service}", required=True, metavar="URL", help=f"base URL of the {service} service")
    parser.add_argument("--participant-token", help="a participant's token: its subject is linked to the "
                        "first participant, who confirms a month's time statement")
    parser.add_argument("--participant-subject", default=None, help="the subject of --participant-token")
    parser.add_argument("--workers", type=int, default=8, help="parallel requests in the bulk steps")
    parser.add_argument("--reports-dir", help="also write the demo's meeting reports to this folder")
    parser.add_argument("--now", type=datetime.fromisoformat, default=None,
                        help="pretend it is this time (RFC 3339 with offset) when choosing which sessions have ended")
    return parser.parse_args()


def main():
    args = parse_args()
    now = args.now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        sys.exit("load_demo: --now needs an offset, e.g. 2026-11-25T12:00:00+01:00")
    urls = {s: getattr(args, s) for s in ("modules", "enrolment", "attendance", "reporting")}
    try:
        loader = DemoLoader(Api(args.token), urls, args.workers, now)
        loader.reports_dir = args.reports_dir
        if args.participant_token:
            if not args.participant_subject:
                sys.exit("load_demo: --participant-token needs --participant-subject")
            loader.participant_api, loader.participant_subject = Api(args.participant_token), args.participant_subject
        loader.run()
    except (ApiError, RuntimeError, OSError, http.client.HTTPException) as error:
        sys.exit(f"load_demo: failed: {error}")


if __name__ == "__main__":
    main()
