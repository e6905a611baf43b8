// RocksDB's version for hvpat --version (the store is RocksDB's one home).
#include "hvpat/store/library_version.h"

#include <rocksdb/version.h>

namespace hvpat::store {

std::string LibraryVersion() {
  return std::to_string(ROCKSDB_MAJOR) + "." + std::to_string(ROCKSDB_MINOR) + "." + std::to_string(ROCKSDB_PATCH);
}

}  // namespace hvpat::store
