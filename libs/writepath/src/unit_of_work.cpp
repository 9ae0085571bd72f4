#include <algorithm>
#include <samverkan/writepath/unit_of_work.hpp>
#include <stdexcept>

namespace samverkan::writepath {

Reason Reason::given(std::string text) {
  const bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  });
  if (blank) throw std::invalid_argument("an audit reason must not be empty");
  return Reason(std::move(text));
}

}  // namespace samverkan::writepath
