#include "sim/io/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

namespace model {
namespace {

std::string hex_of(const unsigned char* bytes, unsigned n) {
  std::string hex;
  char two[3];
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(two, sizeof two, "%02x", bytes[i]);
    hex += two;
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return hex_of(digest, len);
}

// Read in chunks: a file may be tens of megabytes (this program's executable in a sanitizer
// build), and reading it whole would cost more than the hash.
std::string sha256_of_file(const std::string& path, const sim::InputCap& cap) {
  const sim::InputFd fd = sim::open_regular_file(path);
  const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1;
  std::vector<char> chunk(1 << 20);
  std::uint64_t total = 0;
  while (ok) {
    const std::size_t n = sim::read_chunk(fd.get(), chunk.data(), chunk.size(), path);
    if (n == 0) break;
    if ((total += n) > cap.bytes) throw sim::over_cap(path, cap);
    ok = EVP_DigestUpdate(ctx.get(), chunk.data(), n) == 1;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ok || EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1) throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return hex_of(digest, len);
}

}  // namespace model
