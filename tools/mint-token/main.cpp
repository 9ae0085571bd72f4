// Prints a signed Samverkan JWT for the local stack and tests:
//   samverkan-mint-token --secret-file PATH --federation ostergotland [--roles a,b] ...
#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <samverkan/auth/verifier.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using samverkan::auth::Algorithm;
using samverkan::auth::MintOptions;
using samverkan::auth::Role;

constexpr const char* kUsage =
    R"(usage: samverkan-mint-token (--secret-file PATH | --private-key PATH)
                            --federation ID [--roles ROLE[,ROLE...]] [--org ID]
                            [--subject SUB] [--audience AUD] [--ttl SECONDS]

  --secret-file PATH   sign with HS256 using the secret in PATH (local stack)
  --private-key PATH   sign with RS256 using the PEM private key in PATH
  --federation ID      tenant id, matching ^[a-z0-9][a-z0-9-]{0,62}$
  --roles LIST         federation_admin, org_coordinator, trainer, funder_auditor,
                       participant (its --subject is linked to a participant)
                       (default federation_admin)
  --org ID             organisation; required with org_coordinator
  --subject SUB        default dev-user
  --audience AUD       default samverkan
  --ttl SECONDS        lifetime, default 28800 (8 hours)

Prints only the token.
)";

struct UsageError {
  std::string message;
};

std::string read_key(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read " + path};
  std::stringstream text;
  text << in.rdbuf();
  std::string key = text.str();
  // Same rule as the services: a trailing newline is not part of the key.
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.empty()) throw UsageError{path + " is empty"};
  return key;
}

std::vector<Role> parse_roles(std::string_view list) {
  std::vector<Role> roles;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    const auto role = samverkan::auth::role_from_string(name);
    if (!role) throw UsageError{"unknown role '" + std::string(name) + "'"};
    roles.push_back(*role);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  if (roles.empty()) throw UsageError{"--roles needs at least one role"};
  return roles;
}

std::int64_t parse_ttl(const std::string& text) {
  std::int64_t ttl = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ttl);
  if (ec != std::errc{} || end != text.data() + text.size() || ttl <= 0 || ttl > 366 * 86400) {
    throw UsageError{"--ttl must be a number of seconds between 1 and 31622400"};
  }
  return ttl;
}

std::map<std::string, std::string> parse_flags(int argc, char** argv) {
  static const std::set<std::string> kFlags = {"--secret-file", "--private-key", "--federation",
                                               "--roles",       "--org",         "--subject",
                                               "--audience",    "--ttl"};
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (!kFlags.count(name)) throw UsageError{"unknown argument '" + name + "'"};
    if (!value) {
      if (i + 1 >= argc) throw UsageError{name + " needs a value"};
      value = argv[++i];
    }
    if (!flags.emplace(name, *value).second) throw UsageError{name + " given twice"};
  }
  return flags;
}

MintOptions options_from(const std::map<std::string, std::string>& flags) {
  const auto flag = [&](const char* name, const char* fallback) -> std::string {
    const auto it = flags.find(name);
    return it != flags.end() ? it->second : fallback;
  };
  const bool secret = flags.count("--secret-file") > 0;
  const bool private_key = flags.count("--private-key") > 0;
  if (secret == private_key)
    throw UsageError{"give exactly one of --secret-file and --private-key"};

  MintOptions options;
  options.algorithm = secret ? Algorithm::HS256 : Algorithm::RS256;
  options.key = read_key(flags.at(secret ? "--secret-file" : "--private-key"));
  options.federation = flag("--federation", "");
  if (options.federation.empty()) throw UsageError{"--federation is required"};
  static const std::regex kFederation("[a-z0-9][a-z0-9-]{0,62}");
  if (!std::regex_match(options.federation, kFederation)) {
    throw UsageError{"--federation must match ^[a-z0-9][a-z0-9-]{0,62}$"};
  }
  options.roles = parse_roles(flag("--roles", "federation_admin"));
  options.organisation = flag("--org", "");
  const bool coordinator = std::find(options.roles.begin(), options.roles.end(),
                                     Role::OrgCoordinator) != options.roles.end();
  if (coordinator && options.organisation.empty()) {
    throw UsageError{"--org is required with org_coordinator"};
  }
  options.subject = flag("--subject", "dev-user");
  options.audience = flag("--audience", "samverkan");
  if (options.subject.empty() || options.audience.empty()) {
    throw UsageError{"--subject and --audience must not be empty"};
  }
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  options.expires_at = now + parse_ttl(flag("--ttl", "28800"));
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  try {
    std::cout << samverkan::auth::mint(options_from(parse_flags(argc, argv))) << '\n';
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "samverkan-mint-token: " << e.message << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "samverkan-mint-token: " << e.what() << '\n';
    return 1;
  }
}
