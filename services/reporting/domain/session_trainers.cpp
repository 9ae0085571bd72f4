#include "session_trainers.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace samverkan::reporting {

namespace {
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::vector<SessionTrainer> from_array(const boost::json::array& items) {
  std::vector<SessionTrainer> out;
  for (const auto& item : items) {
    if (item.is_string()) {  // trainer_subjects
      out.push_back({std::string(item.as_string()), std::nullopt});
      continue;
    }
    const auto& o = item.as_object();
    SessionTrainer t{std::string(o.at("subject").as_string()), std::nullopt};
    if (const auto* name = o.if_contains("name"); name != nullptr && name->is_string())
      t.name = std::string(name->as_string());
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(),
            [](const SessionTrainer& a, const SessionTrainer& b) { return a.subject < b.subject; });
  return out;
}
}  // namespace

std::vector<SessionTrainer> session_trainers_from(const boost::json::object& data) {
  for (const char* key : {"trainers", "trainer_subjects"}) {
    if (const auto* items = data.if_contains(key); items != nullptr && items->is_array())
      return from_array(items->as_array());
  }
  return {};
}

std::string trainers_text(const std::vector<SessionTrainer>& trainers) {
  boost::json::array out;
  for (const auto& t : trainers) {
    out.push_back({{"subject", t.subject},
                   {"name", t.name ? boost::json::value(*t.name) : boost::json::value(nullptr)}});
  }
  return boost::json::serialize(out);
}

std::vector<SessionTrainer> trainers_from_text(std::string_view text) {
  return from_array(boost::json::parse(text).as_array());
}

std::string trainers_cell(const std::vector<SessionTrainer>& trainers) {
  std::vector<std::string> subjects;
  for (const auto& t : trainers) subjects.push_back(t.subject);
  return joined(subjects);
}

std::string teacher_cell(const std::vector<SessionTrainer>& trainers) {
  std::vector<std::string> names;
  for (const auto& t : trainers) {
    if (t.name) names.push_back(*t.name);
  }
  return joined(names);
}

}  // namespace samverkan::reporting
