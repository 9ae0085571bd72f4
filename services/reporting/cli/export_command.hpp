#pragma once
// `samverkan-reporting export sessions|hours|cofinancing --federation F --cohort C ...` and
// `export participants --federation F --programme P --month YYYY-MM ...` (options: --semicolon,
// --pseudonymised or --names, --funder NAME for cofinancing, --out FILE): the same CSV files as
// the export routes, written to FILE or stdout (sessions and hours streamed row by row, so memory
// stays flat). The pseudonymised variant needs PSEUDONYM_KEY_FILE.
#include <samverkan/db/pool.hpp>

#include "../domain/pseudonym.hpp"

namespace samverkan::reporting {

// argv[1] is "export". Returns the exit code: 0, 2 for a usage error, 1 for an unknown cohort.
int run_export(db::Pool& db, int argc, char** argv, const Pseudonymiser* pseudonymiser);

}  // namespace samverkan::reporting
