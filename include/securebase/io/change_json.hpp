// securebase: reliable change between two results (core/change.hpp) as one JSON document.
#pragma once

#include <string>

#include "securebase/core/change.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The change as JSON: "format": "securebase-change", the two instruments, per scale its
/// before, after, difference, se_difference, rci (null when unknown), verdict and provisional,
/// and the scales not compared. `indent` < 0 writes one line.
std::string to_change_json(const ReliableChange& change, int indent = 2);

}  // namespace securebase

SECUREBASE_API_END
