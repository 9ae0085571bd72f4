#include "auto_mark.hpp"

namespace samverkan::attendance {

Mark auto_mark(bool apologised) {
  if (apologised) {
    return Mark{Status::Excused, 0, Source::Auto, "apology registered before the session",
                std::nullopt};
  }
  return Mark{Status::Absent, 0, Source::Auto, "no mark when the session ended", std::nullopt};
}

}  // namespace samverkan::attendance
