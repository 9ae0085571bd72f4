#pragma once
// Entry facts in request bodies: {"gender": {"state", "value", "source"}, "birth_year": ..., ...}.
// A fact left out is not asked. Shape errors go to the reader, named "<prefix><fact>.<key>".
#include <boost/json/value.hpp>
#include <samverkan/json/reader.hpp>
#include <string>

#include "../domain/entry_facts.hpp"

namespace samverkan::enrolment {

EntryFacts read_entry_facts(const boost::json::value& body, json::ObjectReader& in,
                            const std::string& prefix);

}  // namespace samverkan::enrolment
