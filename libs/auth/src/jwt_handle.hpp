#pragma once
// RAII for libjwt objects. libjwt 1.10 has no jwt_free_str: strings it returns are plain malloc.
#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace samverkan::auth::detail {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct MallocDeleter {
  void operator()(char* text) const { std::free(text); }
};
using CString = std::unique_ptr<char, MallocDeleter>;

inline jwt_alg_t to_jwt_alg(bool rs256) { return rs256 ? JWT_ALG_RS256 : JWT_ALG_HS256; }

}  // namespace samverkan::auth::detail
