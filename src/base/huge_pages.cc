// MapHugePages (huge_pages.h).
#include "hvpat/base/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace hvpat::base {

// A huge page needs a 2 MiB-aligned range: map one page more than asked, keep the aligned
// part and return the ends.
void* MapHugePages(size_t bytes) {
  const size_t mapped = bytes + kHugePage;
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(p);
  const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(p, aligned - start);
  const uintptr_t end = start + mapped;
  if (end > aligned + bytes) munmap(reinterpret_cast<void*>(aligned + bytes), end - (aligned + bytes));
  (void)madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // advice: without THP, small pages
  return reinterpret_cast<void*>(aligned);
}

void UnmapHugePages(void* p, size_t bytes) { munmap(p, bytes); }

}  // namespace hvpat::base
