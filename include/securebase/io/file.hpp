// securebase: reading whole files with errors a user can act on.
#pragma once

#include <filesystem>
#include <string>

namespace securebase {

/// The bytes of a file. Throws Error 601 naming the path and the reason (missing, a
/// directory, no permission).
std::string read_file(const std::filesystem::path& path);

}  // namespace securebase
