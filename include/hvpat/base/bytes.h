// Little-endian varints and fixed-width integers: the byte codec under the store's
// values (store/schema) and the pipeline's spill format (pipeline/facts, runs).
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace hvpat::base {

template <typename Bytes>  // std::string or another basic_string<char>
inline void PutVarint(Bytes& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void PutFixed64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A byte string's first 16 bytes as two big-endian integers, zero-padded: prefixes
// order as the strings' first 16 bytes do under memcmp, and a shorter string's padding
// sorts before any byte. So a < b between prefixes means a < b between the strings,
// and only equal prefixes need the strings themselves: sorts of keys that carry their
// prefix compare integers and do not touch the key bytes, wherever they are in memory.
struct KeyPrefix {
  uint64_t high = 0;
  uint64_t low = 0;

  static KeyPrefix Of(std::string_view s) {
    unsigned char bytes[16] = {};
    if (!s.empty()) std::memcpy(bytes, s.data(), s.size() < 16 ? s.size() : 16);
    KeyPrefix p;
    for (int i = 0; i < 8; ++i) p.high = (p.high << 8) | bytes[i];
    for (int i = 8; i < 16; ++i) p.low = (p.low << 8) | bytes[i];
    return p;
  }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  friend auto operator<=>(const KeyPrefix&, const KeyPrefix&) = default;
};

// Reads what the Put functions wrote. A read past the end, or an overlong varint, sets
// ok() to false and returns zeros; callers check ok() (or done()) once at the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && !in_.empty(); shift += 7) {
      auto b = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  uint8_t Byte() {
    std::string_view b = Bytes(1);
    return ok_ ? static_cast<uint8_t>(b[0]) : 0;
  }
  uint64_t Fixed64() {
    std::string_view b = Bytes(8);
    uint64_t v = 0;
    for (int i = 7; ok_ && i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[i]);
    return v;
  }
  std::string_view Bytes(size_t n) {
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string_view s = in_.substr(0, n);
    in_.remove_prefix(n);
    return s;
  }
  void String(std::string& s) { s.assign(Bytes(Varint())); }
  // A count of elements, each at least one byte: more than the bytes left is corrupt.
  uint64_t Count() {
    uint64_t n = Varint();
    if (n > in_.size()) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace hvpat::base
