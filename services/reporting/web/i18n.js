// Swedish and English labels. The page's language is kept in the tab with the token.
"use strict";
const LABELS = {
  sv: {
    title: "Samverkan – rapport", language: "Språk", skip: "Hoppa till innehållet", signin: "Logga in",
    token: "Åtkomsttoken (JWT)", use_token: "Använd", signout: "Logga ut", report: "Rapport",
    token_note: "Token sparas bara i den här fliken och skickas bara till rapporttjänsten.",
    cohort: "Omgång", totals: "Översikt", hours_per_org: "Timmar per organisation",
    organisation: "Organisation", enrolled: "Antagna", withdrawn: "Avbrutit", completed: "Fullföljt",
    hours: "Timmar", sessions_attended: "Närvarotillfällen", attendance_per_session: "Närvaro per tillfälle",
    date: "Datum", session: "Tillfälle", present: "Närvarande", late: "Sen", excused: "Anmält förhinder",
    absent: "Frånvarande", attended: "Närvarande eller sena",
    funnel: "Från antagning till fullföljt program", funnel_enrolled: "Antagna",
    funnel_started: "Har börjat", funnel_mandatory: "Obligatoriska moduler klara",
    funnel_complete: "Fullföljt programmet",
    indicators: "ESF+-indikatorer", indicators_forbidden: "Indikatorerna visas för förbundets administratörer och finansiärens granskare.",
    participants: "Deltagare", participants_complete: "Med fullständiga uppgifter",
    participants_incomplete: "Med ofullständiga uppgifter", participants_not_started: "Inte börjat",
    gender: "Kön", woman: "Kvinna", man: "Man", non_binary: "Icke-binär", total: "Totalt",
    employment_status: "Sysselsättning", unemployed: "Arbetslös", long_term_unemployed: "Varav långtidsarbetslös",
    inactive: "Utanför arbetskraften", employed: "Sysselsatt", age_band: "Ålder", under_18: "Under 18",
    "18_29": "18–29", "30_54": "30–54", "55_and_over": "55 och äldre", education_level: "Utbildning",
    isced_0_2: "ISCED 0–2", isced_3_4: "ISCED 3–4", isced_5_8: "ISCED 5–8", suppressed: "dolt (< {n})",
    public_bodies: "Offentliga organisationer med deltagare", loading: "Hämtar …", loaded: "Uppdaterad {time}.",
    unauthorised: "Token saknas, har gått ut eller gäller inte här. Logga in igen.", failed: "Kunde inte hämta: {what}.",
    no_cohorts: "Inga omgångar ännu.", chart_hours: "Stapeldiagram: timmar per organisation",
    chart_sessions: "Linjediagram: närvarande eller sena per tillfälle", chart_funnel: "Stapeldiagram: antal per steg",
    records: "Registreringar bakom siffran", records_of: "Registreringar bakom {name}", status: "Status",
    minutes: "Minuter", source: "Källa", file: "Fil (SHA-256)", source_manual: "Manuell", source_import: "Import",
    source_check_in: "Incheckning", source_auto: "Automatisk", records_total: "Registreringar",
    records_more: "Fler registreringar finns; API:t listar dem sida för sida.",
    show_records: "Visa registreringarna bakom {name}",
  },
  en: {
    title: "Samverkan – report", language: "Language", skip: "Skip to content", signin: "Sign in",
    token: "Access token (JWT)", use_token: "Use", signout: "Sign out", report: "Report",
    token_note: "The token is kept in this tab only and sent to the reporting service only.",
    cohort: "Cohort", totals: "Overview", hours_per_org: "Hours per organisation",
    organisation: "Organisation", enrolled: "Enrolled", withdrawn: "Withdrawn", completed: "Completed",
    hours: "Hours", sessions_attended: "Sessions attended", attendance_per_session: "Attendance per session",
    date: "Date", session: "Session", present: "Present", late: "Late", excused: "Excused", absent: "Absent",
    attended: "Present or late",
    funnel: "From enrolment to programme completed", funnel_enrolled: "Enrolled", funnel_started: "Started",
    funnel_mandatory: "Mandatory modules complete", funnel_complete: "Programme complete",
    indicators: "ESF+ indicators", indicators_forbidden: "The indicators are shown to federation administrators and funder auditors.",
    participants: "Participants", participants_complete: "With complete entry facts",
    participants_incomplete: "With incomplete entry facts", participants_not_started: "Not started",
    gender: "Gender", woman: "Woman", man: "Man", non_binary: "Non-binary", total: "Total",
    employment_status: "Employment status", unemployed: "Unemployed", long_term_unemployed: "of which long-term unemployed",
    inactive: "Inactive", employed: "Employed", age_band: "Age", under_18: "Under 18", "18_29": "18–29",
    "30_54": "30–54", "55_and_over": "55 and over", education_level: "Education", isced_0_2: "ISCED 0–2",
    isced_3_4: "ISCED 3–4", isced_5_8: "ISCED 5–8", suppressed: "suppressed (< {n})",
    public_bodies: "Public bodies with participants", loading: "Loading …", loaded: "Updated {time}.",
    unauthorised: "The token is missing, expired or not valid here. Sign in again.", failed: "Could not load: {what}.",
    no_cohorts: "No cohorts yet.", chart_hours: "Bar chart: hours per organisation",
    chart_sessions: "Line chart: present or late per session", chart_funnel: "Bar chart: count per step",
    records: "Records behind the figure", records_of: "Records behind {name}", status: "Status",
    minutes: "Minutes", source: "Source", file: "File (SHA-256)", source_manual: "Manual", source_import: "Import",
    source_check_in: "Check-in", source_auto: "Automatic", records_total: "Records",
    records_more: "More records exist; the API lists them page by page.",
    show_records: "Show the records behind {name}",
  },
};

let language = sessionStorage.getItem("samverkan-lang") || "sv";

function t(key, values) {
  const text = (LABELS[language] && LABELS[language][key]) || LABELS.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (values && name in values ? String(values[name]) : ""));
}

function applyLanguage(next) {
  language = LABELS[next] ? next : "sv";
  sessionStorage.setItem("samverkan-lang", language);
  document.documentElement.lang = language;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.getElementById("lang").value = language;
}
