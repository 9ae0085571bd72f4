#include "check_in.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace samverkan::attendance {

std::string check_in_code(std::string_view secret, std::int64_t step) {
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), counter.data(),
           counter.size(), digest, &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  // Dynamic truncation (RFC 4226, section 5.3).
  const unsigned offset = digest[length - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(digest[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(digest[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(digest[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(digest[offset + 3]);
  char code[8];
  std::snprintf(code, sizeof code, "%06u", binary % 1000000U);
  return code;
}

std::string_view to_string(CheckInOutcome outcome) {
  switch (outcome) {
    case CheckInOutcome::Accepted:
      return "accepted";
    case CheckInOutcome::NotOpen:
      return "check_in_not_open";
    case CheckInOutcome::OutsideWindow:
      return "outside_check_in_window";
    case CheckInOutcome::Limited:
      return "too_many_wrong_codes";
    case CheckInOutcome::WrongCode:
      return "wrong_code";
  }
  return "unknown";
}

CheckInOutcome decide_check_in(const CheckInAttempt& a) {
  if (!a.secret) return CheckInOutcome::NotOpen;
  if (a.wrong_by_participant >= kMaxWrongPerParticipant ||
      a.wrong_in_session >= kMaxWrongPerSession)
    return CheckInOutcome::Limited;
  if (a.now < a.starts - kOpensBeforeStart || a.now > a.starts + kClosesAfterStart)
    return CheckInOutcome::OutsideWindow;
  const auto step = step_of(a.now);
  for (const auto candidate : {step, step - 1}) {
    const auto expected = check_in_code(*a.secret, candidate);
    if (a.code.size() == expected.size() &&
        CRYPTO_memcmp(a.code.data(), expected.data(), expected.size()) == 0)
      return CheckInOutcome::Accepted;
  }
  return CheckInOutcome::WrongCode;
}

}  // namespace samverkan::attendance
