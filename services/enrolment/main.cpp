// The enrolment service: organisations, participants, enrolments and approval. Composition only.
#include "handlers/routes.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"enrolment", {"samverkan.modules"}}, argc, argv);
  samverkan::enrolment::add_organisation_routes(service);
  samverkan::enrolment::add_participant_routes(service);
  samverkan::enrolment::add_enrolment_routes(service);
  samverkan::enrolment::add_cohort_replica(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) { return samverkan::runtime::guarded_main("enrolment", serve, argc, argv); }
