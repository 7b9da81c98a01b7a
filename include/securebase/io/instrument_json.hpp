// securebase: an instrument's machine-readable scoring key as JSON.
#pragma once

#include <string>

#include "securebase/instrument.hpp"

namespace securebase {

/// The key of a loaded instrument as JSON: metadata, response scale, each scale with its item
/// numbers, reversed items and resolved minimum, orders, norm sets and the fingerprint. It
/// describes the compiled key (what scoring uses), not the source file.
std::string to_key_json(const Instrument& instrument, int indent = 2);

}  // namespace securebase
