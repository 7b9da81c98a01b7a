// securebase: the whole public C++ API in one include: every public header, layer by layer
// (core -> stats -> io -> batch -> render; docs/architecture.md), and the C API. The test
// headers.self_contained (tests/tools/check_headers.py) fails when a public header is missing
// here or does not compile alone.
#pragma once

#include "securebase/core/change.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/core/plan.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scale_step.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/core/session.hpp"

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/careless.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/describe.hpp"
#include "securebase/stats/factor.hpp"
#include "securebase/stats/items.hpp"
#include "securebase/stats/moments.hpp"
#include "securebase/stats/omega.hpp"
#include "securebase/stats/reliability.hpp"
#include "securebase/stats/summary.hpp"

#include "securebase/io/answers.hpp"
#include "securebase/io/change_json.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/io/limits.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/io/session_json.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/io/table.hpp"

#include "securebase/batch/batch.hpp"

#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"
#include "securebase/render/stats_html.hpp"
#include "securebase/render/stats_text.hpp"
#include "securebase/render/terminal.hpp"
#include "securebase/render/wrap.hpp"

#include "securebase/export.h"
#include "securebase/securebase.h"
#include "securebase/version.hpp"
