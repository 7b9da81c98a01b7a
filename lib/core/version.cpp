#include "securebase/version.hpp"

namespace securebase {

std::string_view library_version() noexcept { return SECUREBASE_VERSION_STRING; }

}  // namespace securebase
