#pragma once
// The baselines the load results are divided by, taken in the same run on the same machine.
#include <cstdint>
#include <string>

#include "http_load.hpp"

namespace samverkan::load {

// "Bare Beast": an in-process samverkan::http::Server on a free loopback port with one trivial GET
// route (no auth, no database), loaded with the same loop as `samverkan-load http`.
LoadResult run_baseline_http(int connections, double seconds, std::int64_t max_requests,
                             int server_threads);

// The same server on a free loopback port for `seconds`, its port written to `port_file`, so an
// outside load generator (wrk) can check that samverkan-load is not what limits the bare rate.
void serve_bare(double seconds, int server_threads, const std::string& port_file);

}  // namespace samverkan::load
