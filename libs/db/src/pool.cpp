#include <condition_variable>
#include <mutex>
#include <samverkan/db/pool.hpp>
#include <vector>

namespace samverkan::db {

struct Pool::Impl {
  std::string url;
  std::string schema;
  std::size_t size;
  std::chrono::milliseconds acquire_timeout;
  std::vector<PreparedStatement> statements;  // fixed after construction: read without the mutex

  mutable std::mutex mutex;
  std::condition_variable freed;
  // Invariant: idle.size() + in_use <= size, so the pool never holds more than size connections.
  std::vector<std::unique_ptr<pqxx::connection>> idle;
  std::size_t in_use = 0;

  std::unique_ptr<pqxx::connection> connect() const {
    auto conn = std::make_unique<pqxx::connection>(with_network_timeouts(url));
    // set_variable (unlike a plain SET) is replayed by libpqxx if it silently reconnects.
    if (!schema.empty()) conn->set_variable("search_path", conn->quote_name(schema));
    conn->set_variable("statement_timeout", "30000");
    // Definitions live in the connection object: a new one (after a database restart) gets them
    // here, and libpqxx re-prepares them itself if it reconnects a connection silently.
    for (const auto& statement : statements) conn->prepare(statement.name, statement.sql);
    return conn;
  }
};

Pool::Pool(std::string url, std::string schema, std::size_t size,
           std::chrono::milliseconds acquire_timeout)
    : Pool(std::move(url), std::move(schema), size, {}, acquire_timeout) {}

Pool::Pool(std::string url, std::string schema, std::size_t size,
           std::vector<PreparedStatement> statements, std::chrono::milliseconds acquire_timeout)
    : impl_(std::make_unique<Impl>()) {
  if (size == 0) throw std::invalid_argument("db::Pool size must be at least 1");
  impl_->url = std::move(url);
  impl_->schema = std::move(schema);
  impl_->size = size;
  impl_->acquire_timeout = acquire_timeout;
  impl_->statements = std::move(statements);
}

Pool::~Pool() = default;

Pool::Lease Pool::acquire() {
  std::unique_ptr<pqxx::connection> conn;
  {
    std::unique_lock lock(impl_->mutex);
    bool free = impl_->freed.wait_for(lock, impl_->acquire_timeout,
                                      [&] { return impl_->in_use < impl_->size; });
    if (!free) throw PoolTimeout("no database connection became free in time");
    ++impl_->in_use;
    if (!impl_->idle.empty()) {
      conn = std::move(impl_->idle.back());
      impl_->idle.pop_back();
    }
  }
  if (conn && conn->is_open()) return Lease(this, std::move(conn));
  conn.reset();
  try {
    return Lease(this, impl_->connect());
  } catch (...) {
    release(nullptr);
    throw;
  }
}

void Pool::release(std::unique_ptr<pqxx::connection> conn) {
  {
    std::lock_guard lock(impl_->mutex);
    --impl_->in_use;
    if (conn && conn->is_open()) impl_->idle.push_back(std::move(conn));
  }
  impl_->freed.notify_one();
}

bool Pool::ping() {
  try {
    auto lease = acquire();
    pqxx::work tx(*lease);
    tx.exec("SET LOCAL statement_timeout = 2000");
    tx.exec("SELECT 1");
    tx.commit();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::size_t Pool::in_use() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->in_use;
}

std::size_t Pool::size() const { return impl_->size; }

Pool::Lease::Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}

Pool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->release(std::move(conn_));
}

std::string with_network_timeouts(const std::string& url) {
  static const std::pair<const char*, const char*> kDefaults[] = {
      {"connect_timeout", "5"},      {"keepalives", "1"},       {"keepalives_idle", "30"},
      {"keepalives_interval", "10"}, {"keepalives_count", "3"}, {"tcp_user_timeout", "30000"}};
  const bool uri = url.find("://") != std::string::npos;
  std::string result = url;
  bool has_query = url.find('?') != std::string::npos;
  for (const auto& [key, value] : kDefaults) {
    if (url.find(std::string(key) + "=") != std::string::npos) continue;
    if (uri) {
      result += has_query ? "&" : "?";
      has_query = true;
    } else {
      result += result.empty() ? "" : " ";
    }
    result += std::string(key) + "=" + value;
  }
  return result;
}

bool is_retryable(const std::exception& e) {
  return dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr ||
         dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr ||
         dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
}

}  // namespace samverkan::db
