#pragma once
// Auto-marking: after a session has ended (plus a configurable delay), every expected participant
// without a mark gets one, so no one's hours are left undecided. Pure: which mark a person gets.
#include "attendance.hpp"

namespace samverkan::attendance {

// 'excused' for someone who registered an apology in advance, else 'absent'; no minutes, source
// auto, with the reason the revision keeps. Marks go through decide() like any other, so someone
// not expected is refused there and stays unmarked.
Mark auto_mark(bool apologised);

}  // namespace samverkan::attendance
