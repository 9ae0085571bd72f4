// Consumes enrolment.sensitive_counts.changed into the per-cohort counts (ADR 0070). It moves no
// total or completion, so it stands apart from the read model's handlers; the indicators show the
// counts, so it bumps the projection change count their cache is keyed by (ADR 0080).
#include "../repo/sensitive_counts.hpp"

#include "../handlers/routes.hpp"
#include "../repo/projection_changes.hpp"

namespace samverkan::reporting {

void add_sensitive_counts_consumer(runtime::Service& service) {
  service.on_event("se.samverkan.enrolment.sensitive_counts.changed.v1",
                   [](pqxx::work& tx, const events::Event& e) {
                     repo::apply_sensitive_counts(tx, e.data);
                     repo::bump_projection_changes(
                         tx, std::string(e.data.at("federation_id").as_string()));
                   });
}

}  // namespace samverkan::reporting
