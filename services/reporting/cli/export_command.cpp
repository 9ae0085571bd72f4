#include "export_command.hpp"

#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "../repo/exports.hpp"
#include "../repo/monthly_files.hpp"
#include "../repo/participant_names.hpp"
#include "../repo/unit_costs.hpp"

namespace samverkan::reporting {

namespace {
constexpr const char* kUsage =
    "usage: samverkan-reporting export sessions|hours --federation F --cohort C [--semicolon] "
    "[--pseudonymised | --names] [--out FILE]\n"
    "       samverkan-reporting export participants --federation F --programme P --month YYYY-MM "
    "[--semicolon] [--pseudonymised | --names] [--out FILE]\n"
    "       samverkan-reporting export cofinancing --federation F --cohort C [--funder NAME] "
    "[--semicolon] [--out FILE]\n"
    "  writes to FILE, else to stdout (where the service also logs: use --out or LOG_LEVEL=warn)\n";
}  // namespace

int run_export(db::Pool& db, int argc, char** argv, const Pseudonymiser* pseudonymiser) {
  if (argc < 3) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view which = argv[2];
  std::string federation, cohort, out_path, programme, month, funder;
  ExportFormat format;
  bool pseudonymised = false, names = false;
  for (int i = 3; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--federation" && i + 1 < argc) {
      federation = argv[++i];
    } else if (arg == "--cohort" && i + 1 < argc) {
      cohort = argv[++i];
    } else if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (arg == "--semicolon") {
      format.separator = ';';
    } else if (arg == "--programme" && i + 1 < argc) {
      programme = argv[++i];
    } else if (arg == "--month" && i + 1 < argc) {
      month = argv[++i];
    } else if (arg == "--funder" && i + 1 < argc) {
      funder = argv[++i];
    } else if (arg == "--names") {
      names = true;
    } else if (arg == "--pseudonymised") {
      pseudonymised = true;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  const bool by_cohort = which == "sessions" || which == "hours" || which == "cofinancing";
  const bool usable = by_cohort ? !cohort.empty()
                                : which == "participants" && !programme.empty() && is_month(month);
  if (!usable || federation.empty() || (names && pseudonymised)) {
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
  return db.transact([&](pqxx::work& tx) {
    std::map<std::string, std::string> known_names;
    if (which == "participants") {
      if (!repo::programme_known(tx, federation, programme)) {
        std::cerr << "no such programme in that federation\n";
        return 1;
      }
      if (names) {
        known_names = repo::names_in_programme(tx, federation, programme, std::nullopt);
        format.names = &known_names;
      }
      out << monthly_file_header(format);
      repo::stream_monthly_file(tx, federation, programme, month,
                                [&](const std::string&, const MonthlyFileRow& row) {
                                  out << monthly_file_row(row, format);
                                });
      out.flush();
      return 0;
    }
    if (!repo::cohort_known(tx, federation, cohort)) {
      std::cerr << "no such cohort in that federation\n";
      return 1;
    }
    if (names) {
      known_names = repo::names_in_cohort(tx, federation, cohort, std::nullopt);
      format.names = &known_names;
    }
    if (which == "cofinancing") {
      const auto all =
          repo::read_unit_costs(tx, federation, *repo::programme_of_cohort(tx, federation, cohort));
      const repo::StoredUnitCosts* costs = nullptr;
      for (const auto& c : all) {
        if (funder.empty() ? all.size() == 1 : c.costs.funder == funder) costs = &c;
      }
      if (costs == nullptr) {
        std::cerr << "no unit costs for that funder (--funder, when there are several)\n";
        return 1;
      }
      out << cofinancing_header(format);
      for (const auto& row :
           cofinancing_rows(repo::confirmed_months(tx, federation, cohort), costs->costs)) {
        out << cofinancing_row(row, costs->costs, format);
      }
    } else if (which == "sessions") {
      out << sessions_header(format);
      repo::stream_sessions(tx, federation, cohort,
                            [&](const auto& row) { out << session_row(row, format); });
    } else {
      out << hours_header(format);
      repo::stream_hours(tx, federation, cohort,
                         [&](const auto& row) { out << hours_row(row, format); });
    }
    out.flush();
    return 0;
  });
}

}  // namespace samverkan::reporting
