// Keeps the replica of modules' programmes and modules, by version (db::upsert_if_newer).
#include "../handlers/routes.hpp"
#include "programme_event.hpp"

namespace samverkan::enrolment {

void add_programme_replica(runtime::Service& service) {
  service.on_event("se.samverkan.modules.programme.created.v1",
                   [](pqxx::work& tx, const events::Event& e) {
                     repo::store_programme(tx, programme_row_from(e.data));
                   });
  service.on_event("se.samverkan.modules.module.created.v1",
                   [](pqxx::work& tx, const events::Event& e) {
                     repo::store_module(tx, module_row_from(e.data));
                   });
}

}  // namespace samverkan::enrolment
