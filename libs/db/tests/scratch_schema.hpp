#pragma once
// A uniquely named schema in the test database, dropped when the test ends.
#include <string>

namespace samverkan::db::test {

class ScratchSchema {
 public:
  // create=false leaves creating it to the code under test (migrate()).
  explicit ScratchSchema(bool create);
  ~ScratchSchema();
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  // Runs sql on a fresh connection and returns the single integer it selects.
  [[nodiscard]] long long scalar(const std::string& sql) const;
  void exec(const std::string& sql) const;

 private:
  std::string name_;
};

}  // namespace samverkan::db::test
