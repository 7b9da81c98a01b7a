// securebase: the whole public C++ API in one include.
#pragma once

#include "securebase/error.hpp"
#include "securebase/instrument.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/norms.hpp"
#include "securebase/plan.hpp"
#include "securebase/responses.hpp"
#include "securebase/scoring.hpp"
#include "securebase/text.hpp"
#include "securebase/version.hpp"
