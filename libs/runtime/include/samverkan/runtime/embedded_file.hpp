#pragma once
// A file compiled into a service (cmake/embed_files.cmake), served by Service::static_file.
#include <string_view>
#include <vector>

namespace samverkan::runtime {

struct EmbeddedFile {
  std::string_view name;          // relative to its directory, e.g. "index.html"
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view content;
};

}  // namespace samverkan::runtime
