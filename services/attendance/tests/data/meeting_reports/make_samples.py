#!/usr/bin/env python3
"""Writes the sample meeting reports the parser's tests read, shaped like real Teams and Zoom
exports (encodings, separators, line endings, labels and date styles as those clients write them).
Every sample is of one session: 2026-03-10, 09:00-11:00 Europe/Stockholm.

People: Anna Lind (rejoins), Bo Ek (two devices overlapping), "Ek, Lena" (a comma in the name),
a guest without an e-mail, and the trainer (organiser, not a participant).
usage: python3 make_samples.py   (rewrites the files next to it)
"""
from pathlib import Path

HERE = Path(__file__).parent


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def write(name, data):
    (HERE / name).write_bytes(data)


def tsv(rows):
    return "\r\n".join("\t".join(r) for r in rows) + "\r\n"


# Teams 2022+ (English client, US locale): UTF-16LE, tabs, CRLF, three sections.
write("teams_2022_en.csv", utf16(tsv([
    ["1. Summary"],
    ["Meeting title", "Digital kompetens, modul 2"],
    ["Attended participants", "5"],
    ["Start time", "3/10/26, 8:55:02 AM"],
    ["End time", "3/10/26, 11:03:40 AM"],
    ["Meeting duration", "2h 8m 38s"],
    ["Average attendance time", "1h 41m 3s"],
    [],
    ["2. Participants"],
    ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"],
    ["Tina Tränare", "3/10/26, 8:55:02 AM", "3/10/26, 11:03:40 AM", "2h 8m 38s", "tina.tranare@ostergotland.se", "tina.tranare@ostergotland.se", "Organizer"],
    ["Anna Lind", "3/10/26, 8:58:12 AM", "3/10/26, 11:01:05 AM", "1h 59m 53s", "Anna.Lind@Linkoping.se", "anna.lind@linkoping.se", "Attendee"],
    ["Bo Ek", "3/10/26, 9:20:00 AM", "3/10/26, 10:40:00 AM", "1h 20m", "bo.ek@norrkoping.se", "bo.ek@norrkoping.se", "Attendee"],
    ["Ek, Lena", "3/10/26, 9:00:30 AM", "3/10/26, 11:00:00 AM", "1h 59m 30s", "lena.ek@motala.se", "lena.ek@motala.se", "Attendee"],
    ["Kalle (Guest)", "3/10/26, 9:10:00 AM", "3/10/26, 9:40:00 AM", "30m", "", "", "Attendee"],
    [],
    ["3. In-Meeting Activities"],
    ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"],
    ["Tina Tränare", "3/10/26, 8:55:02 AM", "3/10/26, 11:03:40 AM", "2h 8m 38s", "tina.tranare@ostergotland.se", "Organizer"],
    ["Anna Lind", "3/10/26, 8:58:12 AM", "3/10/26, 10:02:00 AM", "1h 3m 48s", "Anna.Lind@Linkoping.se", "Attendee"],
    ["Anna Lind", "3/10/26, 10:05:00 AM", "3/10/26, 11:01:05 AM", "56m 5s", "Anna.Lind@Linkoping.se", "Attendee"],
    ["Bo Ek", "3/10/26, 9:20:00 AM", "3/10/26, 10:40:00 AM", "1h 20m", "bo.ek@norrkoping.se", "Attendee"],
    ["Bo Ek", "3/10/26, 9:30:00 AM", "3/10/26, 10:00:00 AM", "30m", "bo.ek@norrkoping.se", "Attendee"],
    ["Ek, Lena", "3/10/26, 9:00:30 AM", "3/10/26, 11:00:00 AM", "1h 59m 30s", "lena.ek@motala.se", "Attendee"],
    ["Kalle (Guest)", "3/10/26, 9:10:00 AM", "3/10/26, 9:40:00 AM", "30m", "", "Attendee"],
])))

# Teams 2022+ (Swedish client): Swedish labels, ISO-like dates, 24-hour time.
write("teams_2022_sv.csv", utf16(tsv([
    ["1. Sammanfattning"],
    ["Mötesrubrik", "Digital kompetens, modul 2"],
    ["Starttid", "2026-03-10 08:55:02"],
    ["Sluttid", "2026-03-10 11:03:40"],
    [],
    ["2. Deltagare"],
    ["Namn", "Första anslutning", "Senaste avslut", "Varaktighet i möte", "E-post", "Deltagar-ID (UPN)", "Roll"],
    ["Anna Lind", "2026-03-10 08:58:12", "2026-03-10 11:01:05", "1 tim 59 min", "anna.lind@linkoping.se", "anna.lind@linkoping.se", "Deltagare"],
    ["Bo Ek", "2026-03-10 09:20:00", "2026-03-10 10:40:00", "1 tim 20 min", "bo.ek@norrkoping.se", "bo.ek@norrkoping.se", "Deltagare"],
    [],
    ["3. Aktiviteter under mötet"],
    ["Namn", "Anslutningstid", "Lämnade", "Varaktighet", "E-post", "Roll"],
    ["Anna Lind", "2026-03-10 08:58:12", "2026-03-10 10:02:00", "1 tim 3 min", "anna.lind@linkoping.se", "Deltagare"],
    ["Anna Lind", "2026-03-10 10:05:00", "2026-03-10 11:01:05", "56 min", "anna.lind@linkoping.se", "Deltagare"],
    ["Bo Ek", "2026-03-10 09:20:00", "2026-03-10 10:40:00", "1 tim 20 min", "bo.ek@norrkoping.se", "Deltagare"],
    ["Bo Ek", "2026-03-10 09:30:00", "2026-03-10 10:00:00", "30 min", "bo.ek@norrkoping.se", "Deltagare"],
])))

# Teams 2021 meeting summary: a summary block, then one row per join; four-digit US dates.
write("teams_2021.csv", utf16(tsv([
    ["Meeting Summary"],
    ["Total Number of Participants", "4"],
    ["Meeting Title", "Digital kompetens, modul 2"],
    ["Meeting Start Time", "3/10/2026, 8:55:02 AM"],
    ["Meeting End Time", "3/10/2026, 11:03:40 AM"],
    [],
    ["Full Name", "Join Time", "Leave Time", "Duration", "Email", "Role", "Participant ID (UPN)"],
    ["Anna Lind", "3/10/2026, 8:58:12 AM", "3/10/2026, 10:02:00 AM", "1h 3m", "anna.lind@linkoping.se", "Attendee", "anna.lind@linkoping.se"],
    ["Anna Lind", "3/10/2026, 10:05:00 AM", "3/10/2026, 11:01:05 AM", "56m", "anna.lind@linkoping.se", "Attendee", "anna.lind@linkoping.se"],
    ["Bo Ek", "3/10/2026, 9:20:00 AM", "3/10/2026, 10:40:00 AM", "1h 20m", "bo.ek@norrkoping.se", "Attendee", "bo.ek@norrkoping.se"],
    ["Kalle (Guest)", "3/10/2026, 9:10:00 AM", "3/10/2026, 9:40:00 AM", "30m", "", "Attendee", ""],
])))

# Teams 2020 attendance list: names and actions only, and Bo still in the meeting at download.
write("teams_2020.csv", utf16(tsv([
    ["Full Name", "User Action", "Timestamp"],
    ["Tina Tränare", "Joined", "3/10/2026, 8:55:02 AM"],
    ["Anna Lind", "Joined before", "3/10/2026, 8:55:02 AM"],
    ["Bo Ek", "Joined", "3/10/2026, 9:20:00 AM"],
    ["Anna Lind", "Left", "3/10/2026, 10:02:00 AM"],
    ["Anna Lind", "Joined", "3/10/2026, 10:05:00 AM"],
    ["Ek, Lena", "Joined", "3/10/2026, 9:00:30 AM"],
    ["Ek, Lena", "Left", "3/10/2026, 9:45:30 AM"],
    ["Anna Lind", "Left", "3/10/2026, 11:01:05 AM"],
])))

# Zoom participants export with the meeting block: UTF-8, commas, quoted fields, LF; a waiting
# room row; a guest; times in the US style with AM/PM.
write("zoom_participants.csv", (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "\"812 3456 7890\",\"Digital kompetens, modul 2\",03/10/2026 08:55:02 AM,03/10/2026 11:03:40 AM,tina.tranare@ostergotland.se,129,5\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room\n"
    "Tina Tränare,tina.tranare@ostergotland.se,03/10/2026 08:55:02 AM,03/10/2026 11:03:40 AM,129,No,,No\n"
    "Anna Lind,ANNA.LIND@linkoping.se,03/10/2026 08:58:12 AM,03/10/2026 10:02:00 AM,64,No,Y,No\n"
    "Anna Lind,anna.lind@linkoping.se,03/10/2026 10:05:00 AM,03/10/2026 11:01:05 AM,57,No,Y,No\n"
    "Bo Ek (Bosse),bo.ek@norrkoping.se,03/10/2026 09:20:00 AM,03/10/2026 10:40:00 AM,80,No,Y,No\n"
    "Bo Ek (Bosse),bo.ek@norrkoping.se,03/10/2026 09:30:00 AM,03/10/2026 10:00:00 AM,30,No,Y,No\n"
    "\"Ek, Lena\",lena.ek@motala.se,03/10/2026 08:50:00 AM,03/10/2026 09:00:30 AM,1,No,,Yes\n"
    "\"Ek, Lena\",lena.ek@motala.se,03/10/2026 09:00:30 AM,03/10/2026 11:00:00 AM,120,No,Y,No\n"
    "Kalle,,03/10/2026 09:10:00 AM,03/10/2026 09:40:00 AM,30,Yes,Y,No\n"
).encode())

# Zoom without the meeting block: UTF-8 with a BOM, CRLF, ISO-like times.
write("zoom_no_meeting_block.csv", b"\xef\xbb\xbf" + (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
    "Anna Lind,anna.lind@linkoping.se,2026-03-10 08:58:12,2026-03-10 10:02:00,64,No\r\n"
    "Anna Lind,anna.lind@linkoping.se,2026-03-10 10:05:00,2026-03-10 11:01:05,57,No\r\n"
    "Bo Ek,bo.ek@norrkoping.se,2026-03-10 09:20:00,2026-03-10 10:40:00,80,No\r\n"
).encode())

# Zoom "unique users": one row per person with the total minutes.
write("zoom_unique_users.csv", (
    "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
    "Anna Lind,anna.lind@linkoping.se,121,No\n"
    "Bo Ek,bo.ek@norrkoping.se,80,No\n"
    "Kalle,,30,Yes\n"
).encode())

# A European client: semicolons, day first, no seconds (10/03 is 10 March, settled by the day).
write("day_first_semicolons.csv", (
    "Namn;E-post;Anslutningstid;Lämnade;Varaktighet (minuter);Gäst\n"
    "Anna Lind;anna.lind@linkoping.se;10/03/2026 09:00;10/03/2026 11:00;120;Nej\n"
    "Bo Ek;bo.ek@norrkoping.se;10/03/2026 09:20;10/03/2026 10:10;50;Nej\n"
).encode())

# Labels in a language the parser does not know: columns by shape.
write("unknown_labels.csv", (
    "Nimi\tLiittymisaika\tPoistumisaika\tKesto\tSähköposti\n"
    "Anna Lind\t2026-03-10 09:00:00\t2026-03-10 11:00:00\t120\tanna.lind@linkoping.se\n"
    "Bo Ek\t2026-03-10 09:20:00\t2026-03-10 10:40:00\t80\tbo.ek@norrkoping.se\n"
).encode())

# Refused: a report of another day.
write("broken_other_day.csv", (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Anna Lind,anna.lind@linkoping.se,2026-03-11 09:00:00,2026-03-11 11:00:00,120,No\n"
).encode())

# Refused: a quote that is never closed.
write("broken_quote.csv", (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "\"Anna Lind,anna.lind@linkoping.se,2026-03-10 09:00:00,2026-03-10 11:00:00,120,No\n"
).encode())
