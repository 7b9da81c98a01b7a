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

/// `securebase take [--brief] [--instrument ID --text FILE] ...`: the interactive questionnaire.
int take_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                 std::ostream& err);

/// `securebase history [--delete ID|--all]`: saved results over time.
int history_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& err);

/// `securebase batch --instrument ID INPUT ...`: score a research file, one row out per row in.
int batch_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err);

/// `securebase stats INPUT ...` and `securebase stats merge PART...`: statistics of a batch.
int stats_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err);

/// `securebase columns FILE`: the columns of a research file (SPSS/Stata: labels, codes).
int columns_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& err);

/// `securebase report RESULT.json -o report.html`: render a saved result.
int report_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                   std::ostream& err);

/// `securebase compare OLD.json NEW.json`: reliable change between two results.
int compare_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& err);

/// `securebase web -o FILE`: writes the offline questionnaire page (docs/web.md).
int web_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                std::ostream& err);
}  // namespace securebase::cli
