#pragma once
// SQL for programmes, cohorts and modules: rows to and from the domain's structs. Every function
// takes the caller's federation and filters on it, so a row of another federation is
// indistinguishable from a missing one. Reads take any transaction, so GET routes can use a
// single-statement one (see read_only.hpp).
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <samverkan/runtime/paging.hpp>
#include <vector>

#include "../domain/aggregates.hpp"

namespace samverkan::modules::repo {

void insert_programme(pqxx::transaction_base& tx, const Programme& p);
std::optional<Programme> find_programme(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                        const ids::ProgrammeId& id);
// The programme's row, locked for a change of its rules.
std::optional<Programme> lock_programme(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                        const ids::ProgrammeId& id);
// Writes the rules and the version of an existing programme.
void update_programme_rules(pqxx::transaction_base& tx, const Programme& p);
std::vector<Programme> list_programmes(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const runtime::Page& page);

void insert_cohort(pqxx::transaction_base& tx, const Cohort& c);
std::optional<Cohort> find_cohort(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                  const ids::CohortId& id);
std::vector<Cohort> list_cohorts(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                 const ids::ProgrammeId& programme, const runtime::Page& page);

void insert_module(pqxx::transaction_base& tx, const Module& m);
std::optional<Module> find_module(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                  const ids::ModuleId& id);
std::vector<Module> list_modules(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                 const ids::ProgrammeId& programme, const runtime::Page& page);

}  // namespace samverkan::modules::repo
