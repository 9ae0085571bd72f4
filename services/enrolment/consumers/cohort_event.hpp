#pragma once
// modules' cohort.created, read into the cohort replica's row. Events published before versions
// existed carry none: they count as version 1.
#include <boost/json/object.hpp>

#include "../repo/repo.hpp"

namespace samverkan::enrolment {

// `data` passed the consumer's schema check; a date that names no real day still throws.
repo::CohortRow cohort_row_from(const boost::json::object& data);

}  // namespace samverkan::enrolment
