// The report page: asks for a token once (kept in this tab's sessionStorage), then draws a
// cohort's figures from the reporting API on this origin. No framework, nothing fetched from
// elsewhere. Any script error is counted in body[data-errors] so the browser test sees it.
"use strict";
const TOKEN_KEY = "samverkan-token";
let token = sessionStorage.getItem(TOKEN_KEY) || "";
let cohorts = [];

window.addEventListener("error", () => {
  document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1);
});
window.addEventListener("unhandledrejection", () => {
  document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1);
});

class ApiError extends Error {
  constructor(status, path) {
    super(`${path}: ${status}`);
    this.status = status;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
  if (!response.ok) throw new ApiError(response.status, path);
  return response.json();
}

function status(text, error) {
  const node = document.getElementById("status");
  node.textContent = text;
  node.classList.toggle("error", Boolean(error));
}

const number = (value) => new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB").format(value);
const hours = (value) => new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB",
                                               { maximumFractionDigits: 1 }).format(value);

function cell(text, numeric) {
  const td = document.createElement("td");
  td.textContent = text;
  if (numeric) td.className = "num";
  return td;
}

function show(signedIn) {
  document.getElementById("signin").hidden = signedIn;
  document.getElementById("report").hidden = !signedIn;
  document.body.dataset.state = signedIn ? "report" : "signin";
}

function signOut(message) {
  token = "";
  sessionStorage.removeItem(TOKEN_KEY);
  show(false);
  if (message) document.getElementById("token").setCustomValidity("");
  document.getElementById("token").focus();
}

function renderTotals(summary) {
  const t0 = summary.totals;
  const entries = [["enrolled", number(t0.participants_enrolled)], ["withdrawn", number(t0.participants_withdrawn)],
                   ["completed", number(t0.participants_completed ?? 0)], ["sessions_attended", number(t0.sessions_attended)],
                   ["hours", hours(Number(t0.hours))]];
  const list = document.getElementById("totals");
  list.replaceChildren(...entries.map(([key, value]) => {
    const wrap = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = t(key);
    const dd = document.createElement("dd");
    dd.textContent = value;
    dd.id = `total-${key}`;
    wrap.append(dt, dd);
    return wrap;
  }));
  list.dataset.hours = String(t0.hours);
}

function renderHours(summary) {
  const rows = [...summary.organisations].sort((a, b) => Number(b.hours) - Number(a.hours));
  barChart(document.getElementById("hours-chart"),
           rows.map((r) => ({ label: r.name || r.organisation_id, value: Number(r.hours) })), t("chart_hours"), hours);
  document.querySelector("#hours-table tbody").replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    tr.append(organisationCell(r), cell(number(r.participants_enrolled), true),
              cell(number(r.participants_completed ?? 0), true), cell(hours(Number(r.hours)), true));
    return tr;
  }));
}

// An organisation's name opens the records behind its row (drill-down, ADR 0078) when the
// summary links them on this service.
function organisationCell(row) {
  const name = row.name || row.organisation_id;
  const link = row.links && row.links.records;
  if (!link || link.service !== "reporting") return cell(name);
  const td = document.createElement("td");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link";
  button.textContent = name;
  button.setAttribute("aria-label", t("show_records", { name }));
  button.addEventListener("click", () => showRecords(row).catch(failed));
  td.append(button);
  return td;
}

// The first page of the row's records and the totals of all of them, which equal the row.
async function showRecords(row) {
  const records = await api(row.links.records.href);
  const section = document.getElementById("records");
  const heading = document.getElementById("records-h");
  heading.textContent = t("records_of", { name: row.name || row.organisation_id });
  const totals = records.totals;
  document.getElementById("records-note").textContent =
    `${t("records_total")}: ${number(totals.records)} · ${t("hours")}: ${hours(Number(totals.hours))}` +
    (records.next ? ` · ${t("records_more")}` : "");
  document.querySelector("#records-table tbody").replaceChildren(...records.items.map((r) => {
    const tr = document.createElement("tr");
    tr.append(cell(r.date || "–"), cell(t(r.status)), cell(number(r.minutes), true),
              cell(r.source ? t(`source_${r.source}`) : "–"),
              cell(r.file_sha256 ? r.file_sha256.slice(0, 12) : "–"));
    return tr;
  }));
  section.dataset.organisation = row.organisation_id;
  section.dataset.hours = String(totals.hours);
  section.dataset.count = String(records.items.length);
  section.hidden = false;
  heading.focus();
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) return signOut(true);
  status(t("failed", { what: error.message }), true);
}

function renderSessions(sessions) {
  const held = sessions.items.filter((s) => s.status !== "cancelled");
  lineChart(document.getElementById("sessions-chart"),
            held.map((s) => ({ date: s.date, value: s.present + s.late,
                               title: `${s.date} ${s.title}: ${s.present + s.late}` })), t("chart_sessions"));
  document.querySelector("#sessions-table tbody").replaceChildren(...held.map((s) => {
    const tr = document.createElement("tr");
    tr.append(cell(s.date), cell(s.title), cell(number(s.present), true), cell(number(s.late), true),
              cell(number(s.excused), true), cell(number(s.absent), true));
    return tr;
  }));
}

function renderFunnel(funnel) {
  const steps = [["funnel_enrolled", funnel.enrolled], ["funnel_started", funnel.started],
                 ["funnel_mandatory", funnel.mandatory_complete], ["funnel_complete", funnel.complete]];
  barChart(document.getElementById("funnel-chart"), steps.map(([key, value]) => ({ label: t(key), value })),
           t("chart_funnel"), number);
}

function figureText(figure, threshold) {
  return figure.suppressed ? t("suppressed", { n: threshold }) : number(figure.count);
}

function indicatorTable(indicators, dimension, keys) {
  const table = document.createElement("table");
  const caption = document.createElement("caption");
  caption.textContent = t(dimension);
  const head = document.createElement("tr");
  const corner = document.createElement("th");
  corner.textContent = t("gender");
  head.append(corner);
  for (const key of keys) {
    const th = document.createElement("th");
    th.scope = "col";
    th.className = "num";
    th.textContent = t(key);
    head.append(th);
  }
  const body = document.createElement("tbody");
  for (const row of indicators.by_gender) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = t(row.gender);
    tr.append(th, ...keys.map((key) => cell(row[dimension][key]
      ? figureText(row[dimension][key], indicators.small_cell_threshold) : "–", true)));
    body.append(tr);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  table.append(caption, thead, body);
  return table;
}

function renderIndicators(indicators) {
  const note = document.getElementById("indicators-note");
  note.textContent = `${t("participants")}: ${number(indicators.participants)} · ${t("participants_complete")}: ` +
    `${number(indicators.participants_complete)} · ${t("participants_incomplete")}: ${number(indicators.incomplete.count)}` +
    ` · ${t("participants_not_started")}: ${number(indicators.participants_not_started)} · ${t("public_bodies")}: ` +
    `${number(indicators.public_bodies.total)}`;
  document.getElementById("indicators").replaceChildren(
    indicatorTable(indicators, "employment_status", ["unemployed", "long_term_unemployed", "inactive", "employed"]),
    indicatorTable(indicators, "age_band", ["under_18", "18_29", "30_54", "55_and_over"]),
    indicatorTable(indicators, "education_level", ["isced_0_2", "isced_3_4", "isced_5_8"]));
}

async function loadCohort(id) {
  const cohort = cohorts.find((c) => c.cohort_id === id);
  if (!cohort) return;
  status(t("loading"));
  try {
    const [summary, sessions, funnel] = await Promise.all([
      api(`/v1/cohorts/${id}/summary`), api(`/v1/cohorts/${id}/sessions`), api(`/v1/cohorts/${id}/funnel`)]);
    renderTotals(summary);
    renderHours(summary);
    document.getElementById("records").hidden = true;
    // A link may ask for one organisation's records: #cohort=...&records=<organisation id>.
    const asked = new URLSearchParams(location.hash.slice(1)).get("records");
    const row = summary.organisations.find((o) => o.organisation_id === asked);
    if (row && row.links) await showRecords(row);
    renderSessions(sessions);
    renderFunnel(funnel);
    try {
      renderIndicators(await api(`/v1/programmes/${cohort.programme_id}/indicators`));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 403) throw error;
      document.getElementById("indicators").replaceChildren();
      document.getElementById("indicators-note").textContent = t("indicators_forbidden");
    }
    status(t("loaded", { time: new Date().toLocaleTimeString(language === "sv" ? "sv-SE" : "en-GB") }));
    document.body.dataset.loaded = id;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut(true);
    status(t("failed", { what: error.message }), true);
  }
}

async function start() {
  show(true);
  try {
    cohorts = (await api("/v1/cohorts")).items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut(true);
    status(t("failed", { what: error.message }), true);
    return;
  }
  const select = document.getElementById("cohort");
  select.replaceChildren(...cohorts.map((c) => new Option(c.name, c.cohort_id)));
  if (cohorts.length === 0) return status(t("no_cohorts"));
  const wanted = new URLSearchParams(location.hash.slice(1)).get("cohort");
  select.value = cohorts.some((c) => c.cohort_id === wanted) ? wanted : cohorts[cohorts.length - 1].cohort_id;
  await loadCohort(select.value);
}

function init() {
  applyLanguage(language);
  // A link may carry the token and cohort in its fragment (never sent to a server): taken once,
  // then removed from the address bar and history.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get("token")) {
    token = fragment.get("token");
    sessionStorage.setItem(TOKEN_KEY, token);
    fragment.delete("token");
    history.replaceState(null, "", location.pathname + (fragment.toString() ? `#${fragment}` : ""));
  }
  if (fragment.get("lang")) applyLanguage(fragment.get("lang"));
  document.getElementById("lang").addEventListener("change", (event) => {
    applyLanguage(event.target.value);
    if (token) loadCohort(document.getElementById("cohort").value);
  });
  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    token = document.getElementById("token").value.trim();
    document.getElementById("token").value = "";
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  });
  document.getElementById("cohort").addEventListener("change", (event) => loadCohort(event.target.value));
  document.getElementById("signout").addEventListener("click", () => signOut(false));
  if (token) start(); else show(false);
}

init();
