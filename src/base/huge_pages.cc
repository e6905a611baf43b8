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
  char* start = static_cast<char*>(p);
  const size_t misaligned = reinterpret_cast<uintptr_t>(start) % kHugePage;
  const size_t head = misaligned == 0 ? 0 : kHugePage - misaligned;
  char* aligned = start + head;
  if (head > 0) munmap(start, head);
  munmap(aligned + bytes, mapped - head - bytes);  // the tail: never empty, as head < kHugePage
  (void)madvise(aligned, bytes, MADV_HUGEPAGE);    // advice: without THP, small pages
  return aligned;
}

void UnmapHugePages(void* p, size_t bytes) { munmap(p, bytes); }

}  // namespace hvpat::base
