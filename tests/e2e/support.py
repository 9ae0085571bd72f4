"""Shared helpers for the end-to-end tests: one stack per test module, an HTTP client with
problem+json assertions, polling with a deadline, hand-made JWTs, a Prometheus text parser and
builders for the programme/organisation/participant data every test needs.

Standard library only: the tests must run wherever the services build."""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import unittest
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("SAMVERKAN_BUILD_DIR", ROOT / "build")).resolve()
sys.path.insert(0, str(ROOT / "tools" / "stack"))
import stack as stacklib  # noqa: E402  (tools/stack is not a package)

SERVICES = tuple(stacklib.SERVICES)
FEDERATION = stacklib.DEV_FEDERATION
OTHER_FEDERATION = "skane"
# Replicas catch up through Kafka; a generous bound that is never a performance assertion.
EVENT_DEADLINE = 30.0
POLL_INTERVAL = 0.15


# ------------------------------------------------------------------------------------------------
# The stack

class E2EStack(stacklib.Stack):
    """A throwaway stack under <build>/e2e/<name>, with optional extra environment per service."""

    def __init__(self, name):
        super().__init__(BUILD_DIR / "e2e" / name, BUILD_DIR, durable=False)
        self.extra_env = {}  # service name -> {VAR: value}, applied at the next (re)start

    def service_env(self, name):
        env = super().service_env(name)
        env.update(self.extra_env.get(name, {}))
        return env

    def restart(self, name, **env):
        """Starts (again) a service that is not running, on its old port, with `env` added."""
        assert not self.services[name].alive(), f"{name} is still running"
        self.extra_env[name] = {k: str(v) for k, v in env.items()}
        return self.start_service(name)

    def log_tail(self, name, lines=40):
        path = self.dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class StackTestCase(unittest.TestCase):
    """Starts one stack for the whole test module's class and stops it afterwards."""

    stack = None
    admin = None  # a Client with a federation_admin token of FEDERATION

    @classmethod
    def setUpClass(cls):
        for binary in ("services/modules/samverkan-modules", "tools/mint-token/samverkan-mint-token"):
            if not (BUILD_DIR / binary).exists():
                raise RuntimeError(f"{BUILD_DIR / binary} is missing: build first")
        cls.stack = E2EStack(cls.__module__.split(".")[-1])
        # unittest skips tearDownClass when setUpClass fails, so stop what was started here.
        try:
            cls.stack.start_infra()
            cls.stack.start_services()
            cls.admin = Client(cls.stack, cls.stack.token())
        except BaseException:
            cls.stack.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.stack:
            cls.stack.stop()

    # -- assertions ------------------------------------------------------------------------------

    def assertStatus(self, response, *expected):
        if response.status not in expected:
            self.fail(f"expected {' or '.join(map(str, expected))}, got {response.describe()}")
        return response

    def assertProblem(self, response, *expected):
        """A 4xx answer in application/problem+json with type, title and status."""
        self.assertStatus(response, *expected)
        self.assertLess(response.status, 500, response.describe())
        self.assertTrue(response.content_type.startswith("application/problem+json"),
                        f"content-type {response.content_type!r}: {response.describe()}")
        body = response.json()
        self.assertIsInstance(body, dict, response.describe())
        for key in ("type", "title"):
            self.assertIsInstance(body.get(key), str, f"problem without {key}: {response.describe()}")
            self.assertTrue(body[key], f"empty {key}: {response.describe()}")
        self.assertEqual(body.get("status"), response.status, response.describe())
        return body

    def assertFieldError(self, response, status, field):
        """A problem naming `field` among its errors."""
        body = self.assertProblem(response, status)
        fields = [e.get("field") for e in body.get("errors", [])]
        self.assertIn(field, fields, response.describe())
        return body

    def setUp(self):
        self.server_errors_before = self.server_errors()

    def server_errors(self):
        """5xx answers so far, per service, from its own metrics."""
        return {name: scrape(self.stack, name).total("samverkan_http_request_errors_total", **{"class": "5xx"})
                for name in SERVICES}

    def assertServicesHealthy(self):
        """Every service still answers and has answered no 5xx since this test began."""
        for name in SERVICES:
            self.assertTrue(self.stack.services[name].alive(), f"{name} died:\n{self.stack.log_tail(name)}")
            self.assertStatus(Client(self.stack).get(name, "/healthz"), 200)
        for name, count in self.server_errors().items():
            self.assertEqual(count, self.server_errors_before[name], f"{name} answered 5xx:\n{self.stack.log_tail(name)}")


# ------------------------------------------------------------------------------------------------
# HTTP

class Response:
    def __init__(self, method, url, status, headers, body):
        self.method, self.url, self.status, self.headers, self.body = method, url, status, headers, body

    @property
    def content_type(self):
        return self.headers.get("content-type", "")

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            raise AssertionError(f"body is not JSON: {self.describe()}") from None

    def describe(self):
        text = self.body[:600].decode(errors="replace")
        return f"{self.method} {self.url} -> {self.status} [{self.content_type}] {text}"


class Client:
    """A tiny HTTP client bound to a stack and (optionally) a bearer token."""

    def __init__(self, stack, token=None):
        self.stack, self.token = stack, token

    def with_token(self, token):
        return Client(self.stack, token)

    def request(self, service, method, path, body=None, raw=None, headers=None, timeout=30):
        """`body` is sent as JSON; `raw` (bytes or str) is sent as is."""
        all_headers = {"Accept": "application/json"}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        if body is not None:
            raw = json.dumps(body)
        if raw is not None:
            all_headers["Content-Type"] = "application/json"
            if isinstance(raw, str):
                raw = raw.encode()
        all_headers.update(headers or {})
        port = self.stack.ports[service]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request(method, path, body=raw, headers=all_headers)
            resp = conn.getresponse()
            return Response(method, f"{service}{path}", resp.status,
                            {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def get(self, service, path, **kw):
        return self.request(service, "GET", path, **kw)

    def post(self, service, path, body=None, **kw):
        return self.request(service, "POST", path, body=body, **kw)

    def put(self, service, path, body=None, **kw):
        return self.request(service, "PUT", path, body=body, **kw)


# ------------------------------------------------------------------------------------------------
# Waiting

def eventually(probe, what, timeout=EVENT_DEADLINE, interval=POLL_INTERVAL):
    """Calls probe() until it returns something truthy and returns that; fails after `timeout`
    with the last value seen. Exceptions from probe propagate (they are real failures)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}; last: {last!r}")
        time.sleep(interval)


def retry_while(send, statuses, what, timeout=EVENT_DEADLINE):
    """Repeats a request while it answers one of `statuses` (a replica has not caught up yet) and
    returns the first other response; after `timeout` returns the last one for the caller to assert."""
    deadline = time.monotonic() + timeout
    while True:
        response = send()
        if response.status not in statuses or time.monotonic() >= deadline:
            return response
        time.sleep(POLL_INTERVAL)


# ------------------------------------------------------------------------------------------------
# Tokens

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def craft_token(secret, claims, alg="HS256"):
    """An HS256 JWT built by hand, for claims the mint tool refuses (a past expiry, ...)."""
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    payload = b64url(json.dumps(claims).encode())
    signing_input = f"{header}.{payload}".encode()
    if alg == "none":
        return f"{header}.{payload}."
    signature = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def stack_secret(stack):
    # The services strip trailing newlines from the key file; so must we.
    return stack.secret_file.read_text().rstrip("\r\n")


def claims(roles=("federation_admin",), federation=FEDERATION, org=None, exp_in=3600, audience="samverkan"):
    now = int(time.time())
    c = {"sub": "e2e-user", "fed": federation, "aud": audience, "roles": list(roles),
         "iat": now, "exp": now + exp_in}
    if org:
        c["org"] = org
    return c


# ------------------------------------------------------------------------------------------------
# Prometheus text format

_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$')
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')


class Metrics:
    """A parsed /metrics page: families (name -> {help, type}) and samples (name, labels, value)."""

    def __init__(self, text):
        self.text = text
        self.families = {}
        self.samples = []
        self.errors = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            if line.startswith("#"):
                parts = line.split(None, 3)
                if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                    family = self.families.setdefault(parts[2], {})
                    family[parts[1].lower()] = parts[3] if len(parts) > 3 else ""
                continue
            match = _SAMPLE.match(line)
            if not match:
                self.errors.append(f"line {number}: not `name{{labels}} value`: {line!r}")
                continue
            name, _, label_text, value = match.group(1), match.group(2), match.group(3), match.group(4)
            labels = self._labels(label_text or "", number)
            try:
                number_value = float(value)  # accepts +Inf, -Inf and NaN too
            except ValueError:
                self.errors.append(f"line {number}: bad value {value!r}")
                continue
            self.samples.append((name, labels, number_value))
        for name, labels, _ in self.samples:
            family = self.family_of(name)
            if family is None or "help" not in self.families[family] or "type" not in self.families[family]:
                self.errors.append(f"sample {name} has no family with # HELP and # TYPE")

    def _labels(self, text, number):
        labels, pos = {}, 0
        while pos < len(text):
            match = _LABEL.match(text, pos)
            if not match:
                self.errors.append(f"line {number}: bad labels {text!r}")
                break
            labels[match.group(1)] = re.sub(r'\\(.)', lambda m: {"n": "\n"}.get(m.group(1), m.group(1)),
                                            match.group(2))
            pos = match.end()
        return labels

    def family_of(self, sample_name):
        if sample_name in self.families:
            return sample_name
        for suffix in ("_bucket", "_sum", "_count"):
            base = sample_name[: -len(suffix)]
            if sample_name.endswith(suffix) and self.families.get(base, {}).get("type") in ("histogram", "summary"):
                return base
        return None

    def total(self, name, **labels):
        """Sum of the samples named `name` whose labels include `labels` (0 when there are none)."""
        return sum(value for sample, have, value in self.samples
                   if sample == name and all(have.get(k) == v for k, v in labels.items()))

    def label_values(self):
        return [value for _, labels, _ in self.samples for value in labels.values()]


def scrape(stack, service):
    response = Client(stack).get(service, "/metrics")
    if response.status != 200:
        raise AssertionError(f"/metrics failed: {response.describe()}")
    return Metrics(response.body.decode())


# ------------------------------------------------------------------------------------------------
# Kafka through kcat (Debian package kcat): Python has no Kafka client here.

def kcat(stack, *args, stdin=None, timeout=30):
    if not shutil.which("kcat"):
        raise AssertionError("kcat is not installed (Debian package kcat, listed in deploy/packages/build.txt)")
    result = subprocess.run(["kcat", "-b", stack.brokers, *args], input=stdin, capture_output=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"kcat {' '.join(args)} failed: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode(errors="replace")


# ------------------------------------------------------------------------------------------------
# Test data, created through the public APIs

def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def luhn_check_digit(nine):
    total = 0
    for i, ch in enumerate(reversed(nine)):
        d = int(ch)
        if i % 2 == 0:  # doubled positions, counted from the check digit's neighbour
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def org_number(valid=True):
    """A random Swedish organisation number NNNNNN-NNNN (third digit >= 2, Luhn check digit)."""
    nine = f"{random.randint(1, 9)}{random.randint(0, 9)}{random.randint(2, 9)}" + \
           "".join(str(random.randint(0, 9)) for _ in range(6))
    check = luhn_check_digit(nine)
    if not valid:
        check = str((int(check) + 1) % 10)
    digits = nine + check
    return f"{digits[:6]}-{digits[6:]}"


SESSION_MINUTES = 180


def session_body(module_id=None, **overrides):
    body = {"kind": "lecture", "title": unique("Session"), "starts_at": "2025-03-10T09:00:00+01:00",
            "ends_at": "2025-03-10T12:00:00+01:00", "delivery": "online"}
    if module_id:
        body["module_id"] = module_id
    body.update(overrides)
    return body


def participant_body(organisation_id, **overrides):
    tag = uuid.uuid4().hex[:8]
    body = {"organisation_id": organisation_id, "name": f"Astrid Lindqvist {tag}",
            "email": f"astrid.{tag}@example.se", "gender": "woman", "birth_year": 1980}
    body.update(overrides)
    return body


class Builder:
    """Creates data through the public APIs, failing loudly with the response when a step fails."""

    def __init__(self, test, client):
        self.test, self.client = test, client

    def _created(self, response):
        self.test.assertStatus(response, 201)
        return response.json()

    def programme(self):
        return self._created(self.client.post("modules", "/v1/programmes", {"title": unique("Programme")}))

    def cohort(self, programme_id):
        return self._created(self.client.post("modules", f"/v1/programmes/{programme_id}/cohorts",
                                              {"name": unique("Cohort"), "starts_on": "2025-03-01",
                                               "ends_on": "2025-06-30"}))

    def module(self, programme_id, planned_hours=12):
        return self._created(self.client.post("modules", f"/v1/programmes/{programme_id}/modules",
                                              {"code": unique("M"), "title": "Module", "mandatory": True,
                                               "planned_hours": planned_hours}))

    def session(self, cohort_id, module_id=None, **overrides):
        return self._created(self.client.post("modules", f"/v1/cohorts/{cohort_id}/sessions",
                                              session_body(module_id, **overrides)))

    def organisation(self, name=None):
        return self._created(self.client.post("enrolment", "/v1/organisations",
                                              {"name": name or unique("Kommun"), "org_number": org_number(),
                                               "type": "municipality"}))

    def participant(self, organisation_id, **overrides):
        return self._created(self.client.post("enrolment", "/v1/participants",
                                              participant_body(organisation_id, **overrides)))

    def enrolment(self, participant_id, cohort_id):
        """Retries while enrolment has not yet learned the cohort from its event."""
        response = retry_while(
            lambda: self.client.post("enrolment", "/v1/enrolments",
                                     {"participant_id": participant_id, "cohort_id": cohort_id}),
            (422,), "enrolment's cohort replica")
        return self._created(response)

    def approve(self, enrolment_id):
        response = self.client.post("enrolment", f"/v1/enrolments/{enrolment_id}/approve", {})
        self.test.assertStatus(response, 200)
        return response.json()

    def attendance(self, session_id, participant_id, mark, client=None):
        """PUT attendance, retrying while attendance's replicas lack the session (404) or the
        approval (422). Returns the last response for the caller to assert."""
        client = client or self.client
        return retry_while(
            lambda: client.put("attendance", f"/v1/sessions/{session_id}/attendance/{participant_id}", mark),
            (404, 422), "attendance's replicas")

    def world(self):
        """programme, cohort, module, session of SESSION_MINUTES, organisation and one approved participant."""
        w = type("World", (), {})()
        w.programme = self.programme()
        w.cohort = self.cohort(w.programme["id"])
        w.module = self.module(w.programme["id"])
        w.session = self.session(w.cohort["id"], w.module["id"])
        w.organisation = self.organisation()
        w.participant = self.participant(w.organisation["id"])
        w.enrolment = self.enrolment(w.participant["id"], w.cohort["id"])
        self.approve(w.enrolment["id"])
        return w


def progress(client, participant_id):
    """Reporting's progress of a participant, or None while it does not know them yet."""
    response = client.get("reporting", f"/v1/participants/{participant_id}/progress")
    if response.status == 404:
        return None
    if response.status != 200:
        raise AssertionError(response.describe())
    return response.json()


def summary(client, cohort_id):
    """Reporting's summary of a cohort, or None while it does not know the cohort yet."""
    response = client.get("reporting", f"/v1/cohorts/{cohort_id}/summary")
    if response.status == 404:
        return None
    if response.status != 200:
        raise AssertionError(response.describe())
    return response.json()


def organisation_row(cohort_summary, organisation_id):
    rows = [r for r in cohort_summary["organisations"] if r["organisation_id"] == organisation_id]
    return rows[0] if rows else None


def utc_day(offset):
    """A UTC calendar day relative to today (ISO), as the services count days."""
    return (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=offset)).isoformat()


def in_parallel(count, send):
    """Runs send(i) for i in range(count) on separate threads, released together."""
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait()
        return send(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))
