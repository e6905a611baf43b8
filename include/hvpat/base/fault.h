// Fault injection for the crash-safety tests: a named point in a run where the process
// kills itself with SIGKILL when the environment variable HVPAT_FAULT names that point.
// Costs one comparison when unset; never set in production.
#pragma once

#include <string_view>

namespace hvpat::base {

// Dies by SIGKILL (as `kill -9` would) when HVPAT_FAULT equals `point`.
void FaultPoint(std::string_view point);

}  // namespace hvpat::base
