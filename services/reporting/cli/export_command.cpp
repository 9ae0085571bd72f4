#include "export_command.hpp"

#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "../repo/as_of.hpp"
#include "../repo/exports.hpp"

namespace samverkan::reporting {

namespace {
constexpr const char* kUsage =
    "usage: samverkan-reporting export sessions|hours --federation F --cohort C [--semicolon] "
    "[--pseudonymised] [--as-of RFC3339] [--out FILE]\n"
    "  writes to FILE, else to stdout (where the service also logs: use --out or LOG_LEVEL=warn);\n"
    "  the moment the file reflects goes to stderr (as-of: ...); --as-of gives the file as then\n";
}  // namespace

int run_export(db::Pool& db, int argc, char** argv, const Pseudonymiser* pseudonymiser) {
  if (argc < 3) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view which = argv[2];
  std::string federation, cohort, out_path;
  std::optional<std::string> as_of;
  ExportFormat format;
  bool pseudonymised = false;
  for (int i = 3; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--federation" && i + 1 < argc) {
      federation = argv[++i];
    } else if (arg == "--cohort" && i + 1 < argc) {
      cohort = argv[++i];
    } else if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (arg == "--as-of" && i + 1 < argc && repo::is_rfc3339(argv[i + 1])) {
      as_of = argv[++i];
    } else if (arg == "--semicolon") {
      format.separator = ';';
    } else if (arg == "--pseudonymised") {
      pseudonymised = true;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if ((which != "sessions" && which != "hours") || federation.empty() || cohort.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  if (pseudonymised) {
    if (pseudonymiser == nullptr) {
      std::cerr << "no pseudonym key: set PSEUDONYM_KEY_FILE\n";
      return 2;
    }
    format.pseudonymiser = pseudonymiser;
  }
  std::ofstream file;
  if (!out_path.empty()) {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "cannot write " << out_path << "\n";
      return 2;
    }
  }
  std::ostream& out = out_path.empty() ? std::cout : file;
  int status = 0;
  const auto read = [&](pqxx::work& tx) {
    if (!repo::cohort_known(tx, federation, cohort)) {
      std::cerr << "no such cohort in that federation\n";
      status = 1;
      return;
    }
    if (which == "sessions") {
      out << sessions_header(format);
      repo::stream_sessions(tx, federation, cohort,
                            [&](const auto& row) { out << session_row(row, format); });
    } else {
      out << hours_header(format);
      repo::stream_hours(tx, federation, cohort,
                         [&](const auto& row) { out << hours_row(row, format); });
    }
    out.flush();
  };
  auto lease = db.acquire();
  try {
    const auto moment = repo::read_at(*lease, as_of, read);
    if (status == 0) std::cerr << "as-of: " << moment << "\n";
  } catch (const repo::AsOfRefused& refused) {
    std::cerr << refused.what() << "\n";
    return 2;
  }
  return status;
}

}  // namespace samverkan::reporting
