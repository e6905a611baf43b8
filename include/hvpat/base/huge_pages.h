// An allocator for the run buffers, whose hundreds of MiB are written once and read once:
// blocks of 2 MiB and more are mapped on their own and offered to the kernel's
// transparent huge pages (madvise MADV_HUGEPAGE; Debian's default THP mode is
// "madvise"), so that first touching them takes one page fault per 2 MiB instead of one
// per 4 KiB. Smaller blocks come from the ordinary heap. Where the kernel has no THP the
// advice is ignored and the mapping behaves as ordinary memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace hvpat::base {

// Maps `bytes` (a multiple of kHugePage) advised for huge pages; throws std::bad_alloc.
void* MapHugePages(size_t bytes);
void UnmapHugePages(void* p, size_t bytes);
inline constexpr size_t kHugePage = size_t{2} << 20;

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor): allocator rebinding

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>().allocate(n);
    return static_cast<T*>(MapHugePages(Rounded(bytes)));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) {
      std::allocator<T>().deallocate(p, n);
    } else {
      UnmapHugePages(p, Rounded(bytes));
    }
  }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }

 private:
  static size_t Rounded(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
};

using HugeBytes = std::basic_string<char, std::char_traits<char>, HugePageAllocator<char>>;
template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace hvpat::base
