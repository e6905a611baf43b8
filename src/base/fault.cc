// Fault points (fault.h).
#include "hvpat/base/fault.h"

#include <csignal>
#include <cstdlib>
#include <string>

namespace hvpat::base {

void FaultPoint(std::string_view point) {
  static const char* wanted = std::getenv("HVPAT_FAULT");
  if (wanted && point == wanted) std::raise(SIGKILL);
}

}  // namespace hvpat::base
