"""The table bench.py prints: every figure next to the baseline it is divided by and its target.

A figure is one row. Rates are divided by a baseline measured in the same run (see README.md, "How to
read the table"); a target is either on that ratio, on the figure itself (events/s, ms, MB) or both.
Standard library only.
"""
import json
import os

# Every row the table can have, in order: (name, what it is). The smoke test checks that a run
# prints each of them, so adding a scenario means adding its row here.
ROWS = (
    ("bare_http", "baseline: libs/http server, one trivial route (samverkan-load)"),
    ("bare_http_wrk", "check: the same bare server loaded by wrk"),
    ("pgbench_select", "baseline: pgbench -S"),
    ("pgbench_write", "baseline: pgbench -N"),
    ("kafka_produce", "baseline: librdkafka async produce, delivery reports counted"),
    ("kafka_produce_kcat", "check: kcat -P, the same messages"),
    ("kafka_consume", "baseline: librdkafka consume, samverkan.attendance from the start"),
    ("kafka_consume_kcat", "check: kcat -C -e, the same topic"),
    ("get_programmes", "GET /v1/programmes (modules), demo"),
    ("progress_demo", "GET /v1/participants/{id}/progress (reporting), demo"),
    ("summary_demo", "GET /v1/cohorts/{id}/summary (reporting), demo 2026 cohort"),
    ("put_attendance", "PUT attendance correction (attendance)"),
    ("participant_import", "POST a CSV of new participants (enrolment), all or nothing"),
    ("relay_drain", "attendance relay publishing an outbox backlog"),
    ("projector_drain", "reporting applying a Kafka backlog"),
    ("scale_feed", "scale data: reporting catching up with the events, or COPY and rebuild"),
    ("summary_scale", "GET summary at scale, rotating cohorts"),
    ("progress_scale", "GET progress at scale, rotating participants"),
    ("indicators_scale", "GET indicators at scale, one programme (cached per projection change count)"),
    ("sessions_export_http", "GET the sessions export at scale streamed over HTTP; reporting's RSS meanwhile"),
    ("meeting_report_parse", "meeting-report parsing (Teams UTF-16, Zoom UTF-8), the slower of the two"),
    ("rss_idle", "largest VmRSS of the four services, idle"),
    ("rss_load", "largest VmRSS of the four services during the run"),
)


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 4)


class Figure:
    """One row. `ok` is None when no target applies, else whether every target on the row holds."""

    def __init__(self, name, value, unit, p50=None, p99=None, errors=None, baseline=None, ratio=None,
                 target="", ok=None, note=""):
        self.name, self.value, self.unit = name, value, unit
        self.p50, self.p99, self.errors = p50, p99, errors
        self.baseline, self.ratio, self.target, self.ok, self.note = baseline, ratio, target, ok, note

    def as_dict(self):
        return dict(self.__dict__)


def verdict(ok):
    return "" if ok is None else ("meets" if ok else "BELOW")


def cell(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render(figures, header_line):
    title = (f"{'figure':<20} {'value':>12} {'unit':<9} {'p50 ms':>8} {'p99 ms':>8} {'err':>5} "
             f"{'ratio':>7} {'to baseline':<16} {'target':<28} verdict")
    lines = [header_line, title, "-" * len(title)]
    for f in figures:
        lines.append(f"{f.name:<20} {cell(f.value, 1):>12} {f.unit:<9} {cell(f.p50, 3):>8} {cell(f.p99, 3):>8} "
                     f"{cell(f.errors):>5} {cell(f.ratio, 3):>7} {f.baseline or '-':<16} {f.target or '-':<28} "
                     f"{verdict(f.ok)}")
        if f.note:
            lines.append(f"{'':<20}   {f.note}")
    return "\n".join(lines)


def write_json(path, settings, figures, raw):
    document = {"settings": settings, "cores": os.cpu_count(),
                "figures": [f.as_dict() for f in figures], "raw": raw}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
        out.write("\n")
