// `securebase columns FILE`: the columns of a research file, so that --columns, --map, --id and
// --keep can name them: for SPSS and Stata files every variable's label, type, value labels and
// user-missing values; for CSV and TSV the header's names.
#include <cstddef>
#include <filesystem>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/table.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase columns FILE [--format text|json]\n\n"
    "Lists the columns of a research file (CSV, TSV, SPSS .sav/.zsav/.por, Stata .dta; '-'\n"
    "reads a CSV/TSV from standard input), in file order, with the names 'securebase batch'\n"
    "matches in --columns, --map, --id and --keep. For SPSS and Stata files each variable's\n"
    "label, type, display format, value labels and user-missing values are listed too.\n\n"
    "Examples:\n"
    "  securebase columns survey.sav\n"
    "  securebase columns survey.csv --format json\n\n";

// The header of a CSV/TSV as variables with a name only.
std::vector<StatVariable> table_columns(const std::string& input, std::istream& in,
                                        char& delimiter) {
  std::vector<std::string> header;
  const auto read = [&](TableReader& reader) {
    reader.next_record(header);
    delimiter = reader.delimiter();
  };
  if (input == "-") {
    TableReader reader(in, "<stdin>");
    read(reader);
  } else {
    TableReader reader{std::filesystem::path(input)};
    read(reader);
  }
  std::vector<StatVariable> out(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    out[i].name = header[i];
    out[i].type = "text";
  }
  return out;
}

void print_text(const std::vector<StatVariable>& vars, std::ostream& out) {
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const StatVariable& v = vars[i];
    out << i + 1 << "  " << v.name << "  " << v.type;
    if (!v.format.empty()) out << " (" << v.format << ")";
    if (!v.label.empty()) out << "  " << v.label;
    out << "\n";
    if (!v.value_labels.empty()) {
      out << "     values:";
      for (std::size_t k = 0; k < v.value_labels.size(); ++k) {
        out << (k == 0 ? " " : "; ") << v.value_labels[k].first << " = "
            << v.value_labels[k].second;
      }
      out << "\n";
    }
    if (!v.missing.empty()) {
      out << "     user-missing:";
      for (std::size_t k = 0; k < v.missing.size(); ++k)
        out << (k == 0 ? " " : "; ") << v.missing[k];
      out << "\n";
    }
  }
}

std::string to_json(const std::string& input, const std::vector<StatVariable>& vars,
                    char delimiter) {
  nlohmann::ordered_json j;
  j["file"] = input == "-" ? "<stdin>" : input;
  j["delimiter"] = delimiter == 0 ? "none (SPSS/Stata)" : delimiter_name(delimiter);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const StatVariable& v : vars) {
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const auto& [value, label] : v.value_labels)
      labels.push_back({{"value", value}, {"label", label}});
    list.push_back({{"name", v.name},
                    {"label", v.label},
                    {"type", v.type},
                    {"format", v.format},
                    {"value_labels", labels},
                    {"missing", v.missing}});
  }
  j["columns"] = list;
  return j.dump(2) + "\n";
}

}  // namespace

int columns_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::string input;
  std::string format;
  desc.add_options()("help,h", "show this help")("input", po::value(&input), "the file")(
      "format,f", po::value(&format)->default_value("text"), "output format: text or json");
  po::positional_options_description pos;
  pos.add("input", 1);
  const auto vm = parse_options("columns", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n";
    return exit_ok;
  }
  check_choice("columns", "format", format, {"text", "json"});
  if (input.empty()) throw UsageError("columns", "a FILE (or - for standard input) is required");
  char delimiter = 0;
  const std::vector<StatVariable> vars = input != "-" && is_stat_file_path(input)
                                             ? read_stat_variables(input)
                                             : table_columns(input, in, delimiter);
  if (format == "json") {
    out << to_json(input, vars, delimiter);
  } else {
    print_text(vars, out);
  }
  return exit_ok;
}

}  // namespace securebase::cli
