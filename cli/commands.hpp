// securebase CLI: one entry point per subcommand (each in its own file).
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace securebase::cli {

/// `securebase instruments list|show|validate ...`
int instruments_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                        std::ostream& err);

/// `securebase score --instrument ID --answers FILE|- ...`
int score_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err);

}  // namespace securebase::cli
