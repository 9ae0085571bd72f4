// GET /reports/ and its files: the report page (services/reporting/web), compiled in.
#include <string>

#include "routes.hpp"

namespace samverkan::reporting {

const std::vector<runtime::EmbeddedFile>& embedded_files();  // generated: report_page_files.cpp

void add_report_page(runtime::Service& service) {
  for (const auto& file : embedded_files()) {
    const std::string path =
        file.name == "index.html" ? "/reports/" : "/reports/" + std::string(file.name);
    service.static_file(path, std::string(file.content_type), std::string(file.content));
  }
}

}  // namespace samverkan::reporting
