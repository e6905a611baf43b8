// oneTBB's version for hvpat --version (the pipeline is oneTBB's one home).
#include "hvpat/pipeline/library_version.h"

#include <oneapi/tbb/version.h>

namespace hvpat::pipeline {

std::string LibraryVersion() { return TBB_VERSION_STRING; }

}  // namespace hvpat::pipeline
