#!/usr/bin/env python3
"""Starts and stops the local Samverkan stack on loopback.

One piece of code serves `make run`, the integration-test fixture and the end-to-end tests:
  stack.py run        PostgreSQL, dev broker, the four services and the demo programme, until Ctrl-C
  stack.py infra-up   PostgreSQL and the dev broker only, detached; writes DIR/env (for ctest)
  stack.py infra-down stops what infra-up started
"""
import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SERVICES = {"modules": 8081, "enrolment": 8082, "attendance": 8083, "reporting": 8084}
AUDIENCE = "samverkan"
DEV_FEDERATION = "ostergotland"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, what, timeout=30.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout:.0f}s waiting for {what}")


def as_postgres(args, **kw):
    """initdb and pg_ctl refuse root; run them as the postgres user when we are root."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, **kw)


class Postgres:
    def __init__(self, directory: Path, port=None):
        # The cluster lives under the system temp dir, not the checkout: the postgres user that runs
        # it may not be able to enter a checkout under /root. The name is derived from the stack
        # directory so infra-down finds the same cluster.
        key = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:12]
        self.dir = Path(tempfile.gettempdir()) / f"samverkan-pg-{key}"
        self.data = self.dir / "data"
        self.port = port or free_port()

    @property
    def url(self):
        return f"postgresql://postgres@127.0.0.1:{self.port}/samverkan"

    def start(self, durable=True):
        self.durable = durable
        self.dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres",
                         "-E", "UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)
        self.resume()
        as_postgres(["psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                     "-c", "CREATE DATABASE samverkan"], stdout=subprocess.DEVNULL)
        return self

    def resume(self):
        """Starts the existing cluster again on the same port (after stop(), as in an outage)."""
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if not self.durable:
            # Test clusters are thrown away; durability of the cluster itself is not under test.
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"),
                     "-o", opts, "-w", "-t", "60", "start"], stdout=subprocess.DEVNULL)

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Process:
    """A child process with its output in a log file, in its own process group."""

    def __init__(self, name, args, log_dir: Path, env=None):
        self.name, self.args, self.env = name, args, env
        self.log_path = log_dir / f"{name}.log"
        self.popen = None

    def start(self):
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT, env=self.env,
                                      start_new_session=True)
        log.close()
        return self

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig):
        if self.alive():
            self.popen.send_signal(sig)

    def stop(self, timeout=15):
        if not self.alive():
            return
        self.popen.terminate()
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def kill(self):
        if self.alive():
            self.popen.kill()
            self.popen.wait()


def start_broker(directory: Path, build_dir: Path):
    addr_file = directory / "broker.addr"
    addr_file.unlink(missing_ok=True)
    broker = Process("dev-broker", [str(build_dir / "tools/dev-broker/samverkan-dev-broker"),
                                    "--bootstrap-file", str(addr_file)], directory).start()
    wait_for(lambda: addr_file.exists() or not broker.alive(), "the dev broker", timeout=30)
    if not broker.alive():
        raise RuntimeError(f"dev broker exited; see {broker.log_path}")
    return broker, addr_file.read_text().strip()


def http_get(url, headers=None, timeout=2.0):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Stack:
    """The whole local stack. Used by `run` and by the end-to-end tests."""

    def __init__(self, directory: Path, build_dir: Path, durable=True):
        self.dir, self.build = Path(directory), Path(build_dir)
        self.durable = durable
        self.pg = None
        self.broker = None
        self.brokers = None
        self.services = {}
        self.ports = {}
        self.secret_file = self.dir / "jwt-secret"
        self.pseudonym_key_file = self.dir / "pseudonym-key"  # reporting's export pseudonyms

    def start_infra(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.pg = Postgres(self.dir)
        self.pg.stop()  # a cluster left behind by a killed earlier run
        shutil.rmtree(self.pg.dir, ignore_errors=True)
        self.secret_file.write_text(secrets.token_urlsafe(48))
        self.secret_file.chmod(0o600)
        self.pseudonym_key_file.write_text(secrets.token_urlsafe(48))
        self.pseudonym_key_file.chmod(0o600)
        self.pg.start(durable=self.durable)
        self.broker, self.brokers = start_broker(self.dir, self.build)
        return self

    def service_env(self, name):
        env = dict(os.environ)
        env.update({
            "SAMVERKAN_MODE": "dev",
            "DATABASE_URL": self.pg.url,
            "KAFKA_BROKERS": self.brokers,
            "HTTP_ADDRESS": "127.0.0.1",
            "HTTP_PORT": str(self.ports[name]),
            "JWT_ALGORITHM": "HS256",
            "JWT_SECRET_FILE": str(self.secret_file),
            "JWT_AUDIENCE": AUDIENCE,
            "PSEUDONYM_KEY_FILE": str(self.pseudonym_key_file),
            "SAMVERKAN_SCHEMAS_DIR": str(ROOT / "schemas"),
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "info"),
            # Locally every client is 127.0.0.1: the per-client cap would throttle the load tool.
            "HTTP_MAX_CONNECTIONS_PER_CLIENT": os.environ.get("HTTP_MAX_CONNECTIONS_PER_CLIENT", "256"),
        })
        return env

    def start_service(self, name, wait=True):
        if name not in self.ports:
            self.ports[name] = SERVICES[name] if self.durable else free_port()
        binary = self.build / "services" / name / f"samverkan-{name}"
        self.services[name] = Process(name, [str(binary)], self.dir, self.service_env(name)).start()
        if wait:
            self.wait_ready(name)
        return self.services[name]

    def wait_ready(self, name, timeout=60):
        proc = self.services[name]

        def ready():
            if not proc.alive():
                raise RuntimeError(f"{name} exited with {proc.popen.returncode}; see {proc.log_path}")
            try:
                return http_get(self.url(name, "/readyz"))[0] == 200
            except OSError:
                return False

        wait_for(ready, f"{name} to be ready", timeout=timeout, interval=0.1)

    def start_services(self):
        for name in SERVICES:
            self.start_service(name, wait=False)
        for name in SERVICES:
            self.wait_ready(name)
        return self

    def url(self, name, path=""):
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def token(self, roles=("federation_admin",), federation=DEV_FEDERATION, org=None, subject="dev-user",
              ttl=8 * 3600):
        args = [str(self.build / "tools/mint-token/samverkan-mint-token"), "--secret-file", str(self.secret_file),
                "--federation", federation, "--roles", ",".join(roles), "--subject", subject,
                "--audience", AUDIENCE, "--ttl", str(ttl)]
        if org:
            args += ["--org", org]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()

    def stop(self):
        # Signal every service first, then wait: they drain in parallel.
        for proc in self.services.values():
            proc.signal(signal.SIGTERM)
        for proc in self.services.values():
            proc.stop()
        if self.broker:
            self.broker.stop()
        if self.pg:
            self.pg.stop()
            if not self.durable:
                shutil.rmtree(self.pg.dir, ignore_errors=True)


def write_env(directory: Path, values: dict):
    tmp = directory / "env.tmp"
    tmp.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    tmp.rename(directory / "env")


def infra_up(args):
    infra_down(args)
    stack = Stack(Path(args.dir), Path(args.build_dir), durable=False).start_infra()
    (stack.dir / "broker.pid").write_text(str(stack.broker.popen.pid))
    write_env(stack.dir, {"DATABASE_URL": stack.pg.url, "KAFKA_BROKERS": stack.brokers})
    print(f"PostgreSQL {stack.pg.url}, dev broker {stack.brokers}")


def infra_down(args):
    directory = Path(args.dir)
    pid_file = directory / "broker.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass
    pg = Postgres(directory)
    pg.stop()
    shutil.rmtree(pg.dir, ignore_errors=True)
    shutil.rmtree(directory, ignore_errors=True)


class Terminated(Exception):
    pass


DEMO_PARTICIPANT_SUBJECT = "demo-deltagare"


def run(args):
    def on_signal(signum, _frame):
        raise Terminated(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stack = Stack(Path(args.dir), Path(args.build_dir), durable=True)
    try:
        stack.ports = dict(SERVICES)
        stack.start_infra()
        stack.start_services()
        token = stack.token()
        # A participant's login: the demo links this subject to one participant, who confirms a month.
        participant_token = stack.token(roles=("participant",), subject=DEMO_PARTICIPANT_SUBJECT)
        print("loading the demo programme through the public APIs ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "tools/demo/load_demo.py"),
                        "--token", token, f"--reports-dir={stack.dir / 'meeting-reports'}",
                        "--participant-token", participant_token,
                        f"--participant-subject={DEMO_PARTICIPANT_SUBJECT}",
                        *[f"--{name}={stack.url(name)}" for name in SERVICES]], check=True)
        (stack.dir / "dev-token").write_text(token + "\n")
        (stack.dir / "participant-token").write_text(participant_token + "\n")
        print_welcome(stack, token)
        while True:
            for name, proc in stack.services.items():
                if not proc.alive():
                    raise RuntimeError(f"{name} exited; see {proc.log_path}")
            time.sleep(1)
    except (Terminated, KeyboardInterrupt):
        print("\nstopping ...", flush=True)
    finally:
        # A second Ctrl-C or SIGTERM (a terminal sends one to the whole process group) must not cut
        # the clean-up short and leave servers behind.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()
        print("stopped: nothing left running", flush=True)


def print_welcome(stack, token):
    print("\nSamverkan is running with the demo programme.\n")
    for name in SERVICES:
        print(f"  {name:<11} {stack.url(name)}   metrics {stack.url(name, '/metrics')}")
    print(f"\n  PostgreSQL  {stack.pg.url}\n  Kafka       {stack.brokers}\n  logs        {stack.dir}/*.log")
    print(f"\nDev token (federation_admin of '{DEV_FEDERATION}', 8 hours), also in {stack.dir}/dev-token:\n")
    print(f"  export TOKEN={token}\n")
    print(f"A participant's token (subject '{DEMO_PARTICIPANT_SUBJECT}'): {stack.dir}/participant-token\n")
    print("Try:\n")
    print(f"  curl -s -H \"Authorization: Bearer $TOKEN\" {stack.url('modules', '/v1/programmes')}\n")
    print("Press Ctrl-C to stop everything.", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "infra-up", "infra-down"):
        p = sub.add_parser(name)
        p.add_argument("--dir", default=str(ROOT / ".local" / "run"))
        p.add_argument("--build-dir", default=str(ROOT / "build"))
    args = parser.parse_args()
    {"run": run, "infra-up": infra_up, "infra-down": infra_down}[args.command](args)


if __name__ == "__main__":
    main()
