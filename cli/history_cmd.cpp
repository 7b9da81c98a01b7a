// securebase CLI: `securebase history` (placeholder until its issue lands).
#include <istream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"

namespace securebase::cli {

int history_command(std::span<const std::string> /*args*/, std::istream& /*in*/,
                    std::ostream& /*out*/, std::ostream& /*err*/) {
  throw UsageError("history", "'history' is not available in this build yet");
}

}  // namespace securebase::cli
