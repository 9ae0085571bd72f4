#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <sstream>
#include <stdexcept>

namespace samverkan::db {
namespace {

struct MigrationFile {
  std::string name;
  std::string sql;
};

// FNV-1a 64: a stable change detector for applied files, not a security measure.
std::string checksum(const std::string& bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::vector<MigrationFile> read_migrations(const std::filesystem::path& directory) {
  if (!std::filesystem::is_directory(directory))
    throw std::runtime_error("migration directory " + directory.string() + " does not exist");
  static const std::regex pattern("^[0-9]{4}_[a-z0-9_]+\\.sql$");
  std::vector<MigrationFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || !std::regex_match(name, pattern)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw std::runtime_error("cannot read migration " + entry.path().string());
    files.push_back({name, bytes.str()});
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

// Holds the per-schema advisory lock for the lifetime of the session-level guard.
class AdvisoryLock {
 public:
  AdvisoryLock(pqxx::connection& conn, const std::string& schema) : conn_(conn), key_(schema) {
    pqxx::nontransaction tx(conn_);
    tx.exec_params("SELECT pg_advisory_lock(hashtext('samverkan.migrate.' || $1))", key_);
  }
  ~AdvisoryLock() {
    // Ending the session releases the lock too, so a failure here is harmless.
    try {
      pqxx::nontransaction tx(conn_);
      tx.exec_params("SELECT pg_advisory_unlock(hashtext('samverkan.migrate.' || $1))", key_);
    } catch (const std::exception&) {
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  pqxx::connection& conn_;
  std::string key_;
};

// The directory's own name ("common", "modules"): the part of a record's key that tells apart
// files of the same name in different directories.
std::string directory_key(const std::filesystem::path& directory) {
  auto normal = directory.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  auto name = normal.filename().string();
  if (name.empty())
    throw std::runtime_error("migration directory " + directory.string() + " has no name");
  return name;
}

// Records made before keys named their directory hold the bare file name. Such a record was
// written while the directory being migrated then held that file, and each service migrates its
// directories in the same order every time, so the first directory that holds the file now claims
// the record (keeping its checksum, so a changed file is still caught).
void adopt_bare_record(pqxx::work& tx, const std::string& table, const std::string& dir,
                       const std::string& file) {
  tx.exec_params("UPDATE " + table +
                     " SET version = $2 WHERE version = $1 AND NOT EXISTS "
                     "(SELECT 1 FROM " +
                     table + " WHERE version = $2)",
                 file, dir + "/" + file);
}

}  // namespace

MigrationResult migrate(const std::string& url, const std::string& schema,
                        const std::filesystem::path& directory) {
  if (schema.empty()) throw std::invalid_argument("migrate needs a schema name");
  auto files = read_migrations(directory);

  pqxx::connection conn(with_network_timeouts(url));
  AdvisoryLock lock(conn, schema);
  const auto quoted = conn.quote_name(schema);
  const auto table = quoted + ".schema_migrations";
  {
    pqxx::work tx(conn);
    tx.exec("CREATE SCHEMA IF NOT EXISTS " + quoted);
    tx.exec("CREATE TABLE IF NOT EXISTS " + table +
            " (version text PRIMARY KEY, checksum text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())");
    tx.commit();
  }

  const std::string dir = directory_key(directory);
  std::map<std::string, std::string> applied;
  {
    pqxx::work tx(conn);
    for (const auto& file : files) adopt_bare_record(tx, table, dir, file.name);
    for (const auto& row : tx.exec("SELECT version, checksum FROM " + table))
      applied.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    tx.commit();
  }

  MigrationResult result;
  for (const auto& file : files) {
    auto sum = checksum(file.sql);
    const std::string key = dir + "/" + file.name;
    if (auto found = applied.find(key); found != applied.end()) {
      if (found->second != sum) {
        std::ostringstream message;
        message << "migration " << key << " in schema " << schema
                << " changed after it was applied (checksum " << found->second << ", now " << sum
                << "); add a new migration instead";
        throw std::runtime_error(message.str());
      }
      ++result.already;
      continue;
    }
    try {
      pqxx::work tx(conn);
      tx.exec("SET LOCAL search_path TO " + quoted);
      tx.exec(file.sql);
      tx.exec_params("INSERT INTO " + table + " (version, checksum) VALUES ($1, $2)", key, sum);
      tx.commit();
    } catch (const std::exception& e) {
      throw std::runtime_error("migration " + key + " in schema " + schema +
                               " failed: " + e.what());
    }
    result.applied.push_back(file.name);
  }
  return result;
}

}  // namespace samverkan::db
