// Keeps the local replica of cohorts from se.samverkan.modules.cohort.created.v1, by version: a
// replay or an older copy never overwrites a newer one (db::upsert_if_newer).
#include "../handlers/routes.hpp"
#include "cohort_event.hpp"

namespace samverkan::enrolment {

void add_cohort_replica(runtime::Service& service) {
  service.on_event("se.samverkan.modules.cohort.created.v1",
                   [](pqxx::work& tx, const events::Event& e) {
                     repo::store_cohort(tx, cohort_row_from(e.data));
                   });
}

}  // namespace samverkan::enrolment
