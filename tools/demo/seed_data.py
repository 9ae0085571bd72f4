"""The demo programme as data: "Digital kompetens för offentlig sektor" (Östergötland, 2026).

Dates, times, modules and organisations come from the programme's information sheet
(/work/shared/seeds/004_1f5f3ef033748e11.txt). Organisation numbers and people are synthetic:
no real organisation number, name or e-mail address is used. Everything here is plain data
plus a few pure helpers, so load_demo.py only has to deal with HTTP.
"""
import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

PROGRAMME = {
    "title": "Digital kompetens för offentlig sektor",
    "description": (
        "EU-finansierat kompetensutvecklingsprogram för offentlig sektor i Östergötland. "
        "Huvudmål: öka målgruppens förmåga att leda och stödja digital transformation i sina "
        "organisationer. Fem lärarledda onlinemoduler med självstudier och två obligatoriska, "
        "fysiska konferensdagar i Linköping. Utbildningsleverantör: Linköpings universitet."
    ),
    "funder": "Europeiska socialfonden+ (ESF+)",
}

# Both rounds run March to December; only the 2026 round gets sessions and people, because the
# information sheet gives dates for 2026 only.
COHORT_2025 = {"name": "Omgång 2025", "starts_on": "2025-03-01", "ends_on": "2025-12-31"}
COHORT_2026 = {"name": "Omgång 2026", "starts_on": "2026-03-01", "ends_on": "2026-12-31"}
# The programme's rules: module 1 and both conferences mandatory, one to three electives, a module
# complete at 80 % of its sessions.
RULES = {"min_electives": 1, "max_electives": 3, "start_on_approval": False,
         "completion_rule": {"threshold_percent": 80, "basis": "sessions", "excused_counts": False,
                             "self_study_counts": False, "conferences_mandatory": True}}

# The next cohort, for which people register interest before the federation sets its quotas.
COHORT_2027 = {"name": "Omgång 2027", "starts_on": "2027-03-01", "ends_on": "2027-12-31"}

# The 2026 cohort's places: each organisation's quota is its planned headcount, except these
# organisations (indexes into ORGANISATIONS), which nominate WAITLISTED_PER_ORG more people than
# their quota; those end on the waitlist. One approved participant of the first then withdraws,
# which promotes the first in line.
OVERSUBSCRIBED_ORGS = (0, 1)
WAITLISTED_PER_ORG = 2
# How many people of the first few organisations register interest in the 2027 cohort.
INTEREST_2027 = ((0, 4), (2, 3), (5, 2))
# The 2027 cohort's opening conference is already planned; of those interested, the first
# APPROVED_2027 are approved, and the first of them sends an apology in advance.
CONFERENCE_2027 = {"kind": "conference", "title": "Startkonferens 2027", "delivery": "on_site",
                   "location": "Linköping", "starts_at": "2027-03-02T09:00:00+01:00",
                   "ends_at": "2027-03-02T17:00:00+01:00", "time_zone": "Europe/Stockholm"}
APPROVED_2027 = 3

# Each dated session is (month, day, start hour, end hour), local Swedish time, in 2026.
MODULES = [
    {"code": "M1", "title": "Power Skills", "mandatory": True,
     "dates": [(4, 1, 10, 12), (4, 14, 10, 12), (4, 22, 10, 12), (4, 28, 10, 12)]},
    {"code": "M2", "title": "Offentligt ledarskap i en digital tid", "mandatory": False,
     "dates": [(5, 8, 8, 10), (5, 12, 10, 12), (5, 18, 10, 12), (5, 27, 8, 10)]},
    {"code": "M3", "title": "Från digitalisering till AI – möjligheter, risker och etik", "mandatory": False,
     "dates": [(9, 4, 10, 12), (9, 9, 10, 12), (9, 14, 10, 12), (9, 25, 10, 12)]},
    {"code": "M4", "title": "Digitaliseringens möjligheter och utmaningar i offentliga organisationer",
     "mandatory": False,
     "dates": [(9, 30, 10, 12), (10, 6, 10, 12), (10, 13, 8, 10), (10, 19, 10, 12), (10, 28, 9, 11)]},
    {"code": "M5", "title": "Digitalisering och hållbarhet", "mandatory": False,
     "dates": [(11, 4, 9, 11), (11, 9, 9, 11), (11, 17, 9, 11), (11, 23, 9, 11), (11, 25, 9, 11)]},
]
# The sheet states 10 h for module 1 (lectures, assignments and group work); for the others it
# gives only the dated sessions, so their planned hours are 2 h per session.
PLANNED_HOURS = {"M1": 10}

# The trainers of each module's sessions, as (token subject, display name): staff, so their names
# appear in the sessions export's teacher column, pseudonymised or not (ADR 0072).
TRAINERS = {
    "M1": [("trainer-tina", "Tina Tränare"), ("trainer-omar", "Omar Haddad")],
    "M2": [("trainer-karin", "Karin Lund")],
    "M3": [("trainer-omar", "Omar Haddad")],
    "M4": [("trainer-karin", "Karin Lund")],
    "M5": [("trainer-tina", "Tina Tränare")],
}

CONFERENCES = [
    {"title": "Startkonferens", "date": (3, 3, 9, 17)},
    {"title": "Slutkonferens", "date": (12, 1, 9, 17)},
]
CONFERENCE_LOCATION = "Linköping"
YEAR = 2026


def planned_hours(module):
    return PLANNED_HOURS.get(module["code"], 2 * len(module["dates"]))


def local_times(when):
    """(month, day, start hour, end hour) in 2026 -> RFC 3339 start and end with the Swedish offset of that day."""
    month, day, start_hour, end_hour = when
    on = date(YEAR, month, day)
    start = datetime.combine(on, time(start_hour), tzinfo=STOCKHOLM)
    end = datetime.combine(on, time(end_hour), tzinfo=STOCKHOLM)
    return start, end


# The information sheet says "20 organisations" but names only these 19; we do not invent one.
# (name, type, synthetic org-number prefix, participants, e-mail slug). The participant counts are
# our own guess, roughly by size of the organisation, adding up to "more than 350".
ORGANISATIONS = [
    ("Boxholms kommun", "municipality", "212000-9", 7, "boxholm"),
    ("Söderköpings kommun", "municipality", "212000-9", 13, "soderkoping"),
    ("Åtvidabergs kommun", "municipality", "212000-9", 11, "atvidaberg"),
    ("Finspångs kommun", "municipality", "212000-9", 19, "finspang"),
    ("Vadstena kommun", "municipality", "212000-9", 8, "vadstena"),
    ("Ödeshögs kommun", "municipality", "212000-9", 6, "odeshog"),
    ("Linköpings kommun", "municipality", "212000-9", 64, "linkoping"),
    ("Valdemarsviks kommun", "municipality", "212000-9", 8, "valdemarsvik"),
    ("Kinda kommun", "municipality", "212000-9", 8, "kinda"),
    ("Mjölby kommun", "municipality", "212000-9", 22, "mjolby"),
    ("Ydre kommun", "municipality", "212000-9", 4, "ydre"),
    ("Motala kommun", "municipality", "212000-9", 28, "motala"),
    ("Vimmerby kommun", "municipality", "212000-9", 12, "vimmerby"),
    ("Sankt Kors Fastighets AB", "municipal_company", "556999-9", 7, "sanktkors"),
    ("Tekniska Verken", "municipal_company", "556999-9", 22, "tekniskaverken"),
    ("Östgötatrafiken", "regional_company", "556999-9", 14, "ostgotatrafiken"),
    ("Region Östergötland", "region", "232100-9", 70, "regionostergotland"),
    ("Kommunalförbundet ITSAM", "association", "222000-9", 10, "itsam"),
    ("Länsstyrelsen Östergötland", "authority", "202100-9", 19, "lansstyrelsen-ostergotland"),
]


def luhn_check_digit(nine_digits):
    """The digit that makes all ten digits pass the Luhn check (weights 2,1,2,... from the left)."""
    total = 0
    for i, char in enumerate(nine_digits):
        product = int(char) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return str((10 - total % 10) % 10)


def synthetic_org_number(prefix, serial):
    """SYNTHETIC, not the organisation's real number: the real prefix of its kind (212000 municipalities,
    556 companies, 232100 regions, 222000 associations of local authorities, 202100 state authorities),
    then 9 and a serial, then a valid Luhn check digit."""
    digits = (prefix + f"{serial:02d}").replace("-", "")
    digits += luhn_check_digit(digits)
    return digits[:6] + "-" + digits[6:]


WOMEN = ["Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Elin", "Ingrid",
         "Marie", "Malin", "Jenny", "Linda", "Hanna", "Johanna", "Sofia", "Annika", "Susanne", "Helena",
         "Camilla", "Ida", "Frida", "Ulrika", "Therese", "Cecilia", "Åsa", "Louise", "Josefin", "Elisabeth",
         "Monica", "Petra", "Jessica", "Matilda", "Amanda", "Lisa", "Julia", "Ebba", "Sanna", "Caroline",
         "Charlotte", "Fatima", "Amira", "Leila", "Mirela", "Birgitta", "Gunilla", "Ylva", "Tove"]
MEN = ["Lars", "Mikael", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Thomas", "Jan", "Daniel",
       "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Mattias", "Marcus", "Jonas", "Niklas",
       "Henrik", "Martin", "Björn", "Patrik", "Oskar", "Gustav", "Emil", "Viktor", "Simon", "Jesper",
       "Robert", "Ulf", "Göran", "Håkan", "Ola", "Rasmus", "Ahmed", "Mohammed", "Ali", "Omar", "Dragan"]
SURNAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
            "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
            "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
            "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
            "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Mohamed",
            "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm",
            "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson",
            "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Hussein", "Mårtensson",
            "Lundström", "Viklund", "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Nordin",
            "Ström", "Åberg", "Hermansson", "Ekström", "Holmgren", "Hedlund", "Sundberg", "Dahlberg",
            "Sjögren", "Abrahamsson", "Falk", "Martinsson", "Öberg", "Strömberg", "Månsson", "Åkesson"]

# Elected members (förtroendevalda) sit in municipalities and the region, not in companies or agencies.
ROLES_PUBLIC = [("handläggare", 26), ("chef", 22), ("verksamhetsutvecklare", 18), ("IT-strateg", 10),
                ("digitaliseringsstrateg", 8), ("förtroendevald", 8), ("projektledare", 5), ("kommunikatör", 3)]
ROLES_OTHER = [("handläggare", 24), ("chef", 24), ("verksamhetsutvecklare", 20), ("IT-strateg", 14),
               ("projektledare", 10), ("systemförvaltare", 8)]
ELECTED_BODIES = {"municipality", "region"}

# Public-sector staff in Sweden are about 60 % women.
GENDERS = [("woman", 60), ("man", 38), ("non_binary", 1), ("undisclosed", 1)]
# Most participants attend, some are late, excused or absent.
STATUS_MIX = [("present", 80), ("late", 7), ("excused", 5), ("absent", 8)]
ELECTIVE_COUNTS = [(1, 35), (2, 45), (3, 20)]
DROPOUT_SHARE = 0.03

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o"})


def weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def email_for(first, last, serial, slug):
    """firstname.lastname.N@<org>.example: the reserved .example domain, so no real mailbox."""
    local = f"{first}.{last}".lower().translate(_ASCII).replace(" ", "")
    return f"{local}.{serial}@{slug}.example"


def make_participant(rng, serial, org_type, slug):
    gender = weighted(rng, GENDERS)
    first_names = {"woman": WOMEN, "man": MEN}.get(gender) or rng.choice([WOMEN, MEN])
    first, last = rng.choice(first_names), rng.choice(SURNAMES)
    roles = ROLES_PUBLIC if org_type in ELECTED_BODIES else ROLES_OTHER
    return {
        "name": f"{first} {last}",
        "email": email_for(first, last, serial, slug),
        "gender": gender,
        # Working age, clustered around the late 1970s.
        "birth_year": round(rng.triangular(1960, 2000, 1977)),
        "role": weighted(rng, roles),
    }


# Education at entry among public-sector staff (a self-declared answer; some leave it or are not
# asked). Everyone is employed: the programme is for staff (the target group), ADR 0060.
EDUCATION = [("isced_5_8", 62), ("isced_3_4", 30), ("isced_0_2", 3), ("declined", 3), ("not_asked", 2)]


def entry_facts(person, serial):
    """The funder's entry facts of a planned person, with their sources; drawn from their own
    generator so the seed's plan of people and marks stays the same."""
    rng = random.Random(f"entry-facts-{serial}")
    answered = lambda value, source="self_declared": {"state": "answered", "value": value, "source": source}  # noqa: E731
    education = weighted(rng, EDUCATION)
    return {
        "gender": {"state": "declined"} if person["gender"] == "undisclosed" else answered(person["gender"]),
        "birth_year": answered(person["birth_year"]),
        "employment_status": answered("employed", "target_group"),
        "education_level": answered(education) if education.startswith("isced") else {"state": education},
    }


def plan_participants(rng):
    """[(organisation index, participant body without organisation_id, elective codes)], deterministic."""
    electives = [m["code"] for m in MODULES if not m["mandatory"]]
    planned = []
    for org_index, (_, org_type, _, headcount, slug) in enumerate(ORGANISATIONS):
        for _ in range(headcount):
            person = make_participant(rng, len(planned) + 1, org_type, slug)
            chosen = sorted(rng.sample(electives, weighted(rng, ELECTIVE_COUNTS)))
            planned.append((org_index, person, chosen))
    return planned


def plan_marks(rng, planned_participants, sessions):
    """[(participant index, session index, status, minutes or None)] for every session each person is
    expected at: the mandatory module, the conferences and their own electives.

    sessions: chronological [{"module_code": str | None, "mandatory": bool, "minutes": int}]. Marks are
    drawn for future sessions too, so what is sent for past sessions does not depend on today's date.
    """
    marks = []
    for person_index, (_, _, electives) in enumerate(planned_participants):
        expected = [i for i, s in enumerate(sessions) if s["mandatory"] or s["module_code"] in electives]
        dropped_after = rng.randint(3, len(expected) - 2) if rng.random() < DROPOUT_SHARE else None
        for position, session_index in enumerate(expected):
            minutes = sessions[session_index]["minutes"]
            status = weighted(rng, STATUS_MIX)
            if dropped_after is not None and position >= dropped_after:
                status = "absent"  # left the programme; the trainer keeps marking them absent
            late_by = rng.randint(10, 45)
            marks.append((person_index, session_index, status, minutes - late_by if status == "late" else None))
    return marks
