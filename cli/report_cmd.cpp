// securebase CLI: `securebase report` (placeholder until its issue lands).
#include <istream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"

namespace securebase::cli {

int report_command(std::span<const std::string> /*args*/, std::istream& /*in*/,
                   std::ostream& /*out*/, std::ostream& /*err*/) {
  throw UsageError("report", "'report' is not available in this build yet");
}

}  // namespace securebase::cli
