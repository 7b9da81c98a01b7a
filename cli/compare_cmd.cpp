// securebase CLI: `securebase compare` (placeholder until its issue lands).
#include <istream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"

namespace securebase::cli {

int compare_command(std::span<const std::string> /*args*/, std::istream& /*in*/,
                    std::ostream& /*out*/, std::ostream& /*err*/) {
  throw UsageError("compare", "'compare' is not available in this build yet");
}

}  // namespace securebase::cli
