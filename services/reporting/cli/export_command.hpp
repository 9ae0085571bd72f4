#pragma once
// `samverkan-reporting export sessions|hours --federation F --cohort C [--semicolon]
// [--pseudonymised] [--out FILE]`: the same CSV files as the export routes, streamed row by row
// to FILE or stdout (memory stays flat). The pseudonymised variant needs PSEUDONYM_KEY_FILE.
#include <samverkan/db/pool.hpp>

#include "../domain/pseudonym.hpp"

namespace samverkan::reporting {

// argv[1] is "export". Returns the exit code: 0, 2 for a usage error, 1 for an unknown cohort.
int run_export(db::Pool& db, int argc, char** argv, const Pseudonymiser* pseudonymiser);

}  // namespace samverkan::reporting
