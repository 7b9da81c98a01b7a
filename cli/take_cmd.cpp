// securebase CLI: `securebase take` (placeholder until its issue lands).
#include <istream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"

namespace securebase::cli {

int take_command(std::span<const std::string> /*args*/, std::istream& /*in*/, std::ostream& /*out*/,
                 std::ostream& /*err*/) {
  throw UsageError("take", "'take' is not available in this build yet");
}

}  // namespace securebase::cli
