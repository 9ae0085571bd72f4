#pragma once
// Applies schemas/sql/<service>/NNNN_name.sql in order, each in its own transaction, recording
// them in <schema>.schema_migrations under "<directory name>/<file name>" (e.g.
// "common/0002_outbox_notify.sql"), so two directories may hold files of the same name. A session
// advisory lock keyed on the schema name makes two starts at once safe: the second waits, then
// finds nothing left to do.
#include <filesystem>
#include <string>
#include <vector>

namespace samverkan::db {

struct MigrationResult {
  std::vector<std::string> applied;  // file names applied by this call
  std::size_t already = 0;           // how many were applied before
};

// Creates the schema if needed and runs each file with search_path set to it. Throws on a failed
// file (its transaction rolls back) or a file whose checksum changed after being applied.
MigrationResult migrate(const std::string& url, const std::string& schema,
                        const std::filesystem::path& directory);

}  // namespace samverkan::db
