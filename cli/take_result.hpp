// securebase CLI: after `take` shows a result, keeping it: saving it privately (or, when the
// results folder cannot be written, in a file the person names) and writing an HTML report
// without ever overwriting a file unasked.
#pragma once

#include <string>

#include "store.hpp"
#include "take_ui.hpp"

namespace securebase::cli {

/// Asks whether to save `document` (a result document) and saves it in the results folder.
/// When that folder cannot be written, says where and why and offers another file. Returns
/// false only when the person wanted it saved and it could not be saved anywhere (the caller
/// then keeps the session, so nothing is lost).
bool offer_save(Console& c, const StorePaths& paths, const std::string& instrument_id,
                const std::string& document, long long unix_time);

/// Asks whether to write the HTML report `html`, and where. An existing file is replaced only
/// when the person says so; otherwise the next free name is offered instead.
void offer_report(Console& c, const std::string& html);

/// The first of "NAME-2.EXT", "NAME-3.EXT", ... that does not exist ("NAME.EXT" given).
std::string free_name(const std::string& path);

}  // namespace securebase::cli
