"""The report page (/reports/ on the reporting service) in headless Chromium against the demo
programme: it loads with a token, draws the same totals the API returns, speaks Swedish and
English, and the browser reports no script error or console message."""
import json
import re
import shutil
import subprocess
import sys
import unittest

from support import ROOT, SERVICES, StackTestCase

NOW = "2026-11-25T12:00:00+01:00"  # as test_demo: the sessions up to 25 November have marks
CHROMIUM = shutil.which("chromium")


class ReportPage(StackTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load = subprocess.run(
            [sys.executable, str(ROOT / "tools/demo/load_demo.py"), "--token", cls.stack.token(), "--now", NOW,
             *[f"--{name}={cls.stack.url(name)}" for name in SERVICES]], capture_output=True, text=True, timeout=300)
        if load.returncode != 0:
            raise RuntimeError(f"the demo did not load: {load.stdout}{load.stderr}")

    def setUp(self):
        super().setUp()
        self.assertIsNotNone(CHROMIUM, "chromium is not installed (deploy/packages/test.txt)")
        cohorts = self.assertStatus(self.admin.get("reporting", "/v1/cohorts"), 200).json()["items"]
        self.cohort = next(c for c in cohorts if c["name"] == "Omgång 2026")

    def render(self, fragment):
        """The page's DOM after its scripts ran, and Chromium's console lines."""
        url = f"{self.stack.url('reporting')}/reports/#{fragment}"
        done = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                               "--no-first-run", "--enable-logging=stderr", "--v=0",
                               "--virtual-time-budget=20000", "--dump-dom", url],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
        return done.stdout, console

    @staticmethod
    def attribute(dom, element_id, name):
        match = re.search(rf'id="{element_id}"[^>]*\b{name}="([^"]*)"', dom) or \
            re.search(rf'\b{name}="([^"]*)"[^>]*id="{element_id}"', dom)
        return match.group(1) if match else None

    def test_the_charts_show_the_apis_totals_without_errors(self):
        cohort = self.cohort["cohort_id"]
        dom, console = self.render(f"token={self.stack.token()}&cohort={cohort}")
        self.assertEqual(console, [], "the browser console is not quiet")
        self.assertIn('data-errors="0"', dom)
        self.assertIn(f'data-loaded="{cohort}"', dom, "the page did not finish loading the cohort")
        self.assertNotIn(self.stack.token(), dom, "the token must not stay in the page")

        summary = self.admin.get("reporting", f"/v1/cohorts/{cohort}/summary").json()
        hours = sum(float(o["hours"]) for o in summary["organisations"])
        self.assertAlmostEqual(float(self.attribute(dom, "hours-chart", "data-total")), hours, places=1)
        sessions = self.admin.get("reporting", f"/v1/cohorts/{cohort}/sessions").json()["items"]
        attended = sum(s["present"] + s["late"] for s in sessions if s["status"] != "cancelled")
        self.assertGreater(attended, 0)
        self.assertEqual(int(self.attribute(dom, "sessions-chart", "data-total")), attended)
        funnel = self.admin.get("reporting", f"/v1/cohorts/{cohort}/funnel").json()
        self.assertEqual(int(self.attribute(dom, "funnel-chart", "data-total")),
                         funnel["enrolled"] + funnel["started"] + funnel["mandatory_complete"] + funnel["complete"])
        self.assertIn("Timmar per organisation", dom)  # Swedish by default
        self.assertEqual(dom.count('role="img"'), 3)

    def test_english_labels(self):
        dom, console = self.render(f"token={self.stack.token()}&cohort={self.cohort['cohort_id']}&lang=en")
        self.assertEqual(console, [])
        self.assertIn("Hours per organisation", dom)
        self.assertIn('lang="en"', dom)

    def test_without_a_token_it_asks_for_one(self):
        dom, console = self.render("")
        self.assertEqual(console, [])
        self.assertIn('data-state="signin"', dom)

    def test_the_page_is_served_with_a_strict_policy(self):
        response = self.admin.with_token(None).get("reporting", "/reports/")
        self.assertStatus(response, 200)
        self.assertIn("default-src 'self'", response.headers.get("content-security-policy", ""))
        self.assertNotIn("<script>", response.body.decode() if isinstance(response.body, bytes) else response.body)


if __name__ == "__main__":
    unittest.main()
