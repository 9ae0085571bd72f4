// Pseudonyms (HMAC-SHA256 under a key of at least 32 bytes, from a file) and the export rows:
// BOM and header, separators, CSV injection neutralised, the pseudonymised variant without ids.
#include "../domain/exports.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace samverkan::reporting {
namespace {

const std::string kKey(32, 'k');

TEST(Pseudonym, IsHmacSha256AsRfc4231Says) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Pseudonym, IsStableUnderOneKeyAndDiffersUnderAnother) {
  const Pseudonymiser a(kKey), b(std::string(32, 'x'));
  const std::string id = "00000002-0000-4000-8000-000000000001";
  EXPECT_EQ(a.pseudonym(id), a.pseudonym(id));
  EXPECT_NE(a.pseudonym(id), b.pseudonym(id));
  EXPECT_EQ(a.pseudonym(id).size(), 64u);
  EXPECT_EQ(a.pseudonym(id).find(id), std::string::npos);
}

TEST(Pseudonym, RefusesAShortKey) {
  EXPECT_THROW(Pseudonymiser(std::string(31, 'k')), std::invalid_argument);
}

TEST(Pseudonym, ReadsItsKeyFromAFileWithoutTheTrailingNewline) {
  const auto path = std::filesystem::temp_directory_path() / "samverkan-pseudonym-key-test";
  std::ofstream(path) << kKey << "\n";
  EXPECT_EQ(Pseudonymiser::from_file(path.string()).pseudonym("p"),
            Pseudonymiser(kKey).pseudonym("p"));
  std::filesystem::remove(path);
  EXPECT_THROW(Pseudonymiser::from_file(path.string()), std::runtime_error);
}

TEST(SessionExport, StartsWithABomAndTheHeaderAndNeutralisesFormulas) {
  const ExportFormat format{';', nullptr};
  const auto header = sessions_header(format);
  EXPECT_EQ(header.rfind("\xEF\xBB\xBFsession_id;date;start;end;duration_minutes;", 0), 0u);
  EXPECT_EQ(header.substr(header.size() - 2), "\r\n");
  SessionExportRow row{"s1",       "2026-04-01",
                       "10:00",    "12:00",
                       120,        "scheduled",
                       "lecture",  "=HYPERLINK(\"http://x\")",
                       "t-1, t-2", "@Bo Berg, Åsa Ek",
                       20,         15,
                       2,          1,
                       2,          1950};
  EXPECT_EQ(
      session_row(row, format),
      "s1;2026-04-01;10:00;12:00;120;scheduled;lecture;\"'=HYPERLINK(\"\"http://x\"\")\";t-1, "
      "t-2;\"'@Bo Berg, Åsa Ek\";20;15;2;1;2;32.50\r\n");
  EXPECT_NE(header.find(";module;trainers;teacher;participants_expected;"), std::string::npos);
}

TEST(HoursExport, ThePseudonymisedVariantNamesNoOne) {
  const Pseudonymiser key(kKey);
  const HoursExportRow row{
      "00000002-0000-4000-8000-000000000001", "o1", "2026-04", 240, 60, "open"};
  const auto full = hours_row(row, {',', nullptr});
  EXPECT_EQ(full, "00000002-0000-4000-8000-000000000001,o1,2026-04,4.00,1.00,open\r\n");
  const auto hidden = hours_row(row, {',', &key});
  EXPECT_EQ(hidden.find(row.participant_id), std::string::npos);
  EXPECT_EQ(hidden.rfind(key.pseudonym(row.participant_id) + ",o1,2026-04,", 0), 0u);
  EXPECT_NE(hours_header({',', &key}).find("participant_pseudonym"), std::string::npos);
  EXPECT_NE(hours_header({',', nullptr}).find("participant_id"), std::string::npos);
}

}  // namespace
}  // namespace samverkan::reporting
