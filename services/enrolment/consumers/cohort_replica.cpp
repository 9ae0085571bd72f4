// Keeps the local replica of cohorts from se.samverkan.modules.cohort.created.v1.
#include "../handlers/routes.hpp"
#include "../repo/enrolment_repo.hpp"

namespace samverkan::enrolment {

void add_cohort_replica(runtime::Service& service) {
  service.on_event("se.samverkan.modules.cohort.created.v1",
                   [](pqxx::work& tx, const events::Event& e) { repo::upsert_cohort(tx, e.data); });
}

}  // namespace samverkan::enrolment
