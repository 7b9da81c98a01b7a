// `securebase instruments list | show ID | validate FILE...`
#include <algorithm>
#include <iomanip>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage:\n"
    "  securebase instruments list [--format text|json]\n"
    "  securebase instruments show ID|FILE [--format text|json]\n"
    "  securebase instruments validate FILE...\n"
    "  securebase instruments template ID|FILE [--lang LANG]\n\n"
    "list      the instruments embedded in securebase\n"
    "show      one instrument's scoring key: scales, items, reversed items, minimum answered,\n"
    "          orders, norm sets and key fingerprint ('--format json' is machine-readable)\n"
    "validate  check instrument files and report every problem with its JSON path\n"
    "template  print a text-file skeleton (item ids, numbers, scales, empty wording) to fill in\n"
    "          with wording you are licensed to use\n\n";

std::string join_numbers(const std::vector<int>& v) {
  std::string s;
  for (int n : v) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return s.empty() ? "none" : s;
}

// A scale's reliability line, when it has one.
void show_reliability(const Scale& sc, std::ostream& out) {
  if (!sc.reliability) return;
  out << "    reliability " << sc.reliability->value
      << (sc.reliability->provisional ? " (provisional)" : "") << ": " << sc.reliability->source
      << "\n";
}

// One scale: its items and reversed items, or its component scales; when it is scored; its
// weights (only when some weight is not 1: then every item's, so the formula reads whole).
void show_scale(const Instrument& ins, const Scale& sc, std::ostream& out) {
  if (sc.is_composite()) {
    std::string ids;
    for (std::size_t c : sc.components) ids += (ids.empty() ? "" : ", ") + ins.scales()[c].id;
    out << "  " << sc.id << " (" << sc.name << "): mean of scales " << ids << " (each a "
        << to_string(sc.method) << " of " << ins.scales()[sc.components.front()].items.size()
        << " items)\n    scored when " << describe_min_answered(sc) << "\n";
    show_reliability(sc, out);
    return;
  }
  std::vector<int> items;
  std::vector<int> reversed;
  for (std::size_t idx : sc.items) items.push_back(ins.items()[idx].number);
  for (std::size_t idx : sc.reversed) reversed.push_back(ins.items()[idx].number);
  out << "  " << sc.id << " (" << sc.name << "): " << to_string(sc.method) << " of items "
      << join_numbers(items) << "\n    reversed ("
      << (ins.response_scale().min + ins.response_scale().max)
      << " - answer): " << join_numbers(reversed) << "\n    scored when "
      << describe_min_answered(sc) << "\n";
  if (std::any_of(sc.weights.begin(), sc.weights.end(), [](double w) { return w != 1; })) {
    std::ostringstream w;
    for (std::size_t i = 0; i < sc.items.size(); ++i) {
      w << (i == 0 ? "" : ", ") << "item " << ins.items()[sc.items[i]].number << " x "
        << sc.weights[i];
    }
    out << "    weights: " << w.str() << "\n";
  }
  show_reliability(sc, out);
}

// The plane, the alternative orders, the norm sets, the citations and the licence.
void show_references(const Instrument& ins, std::ostream& out) {
  if (ins.plane()) {
    const auto axis = [&](const PlaneAxis& a) {
      return ins.scales()[a.scale].id + (a.direction < 0 ? " (reversed)" : "");
    };
    out << "\nAttachment plane: anxiety = " << axis(ins.plane()->anxiety)
        << ", avoidance = " << axis(ins.plane()->avoidance) << "\n";
  }
  if (!ins.alternative_orders().empty()) {
    out << "\nAlternative orders:\n";
    for (const ItemOrder& o : ins.alternative_orders()) {
      out << "  " << o.id << (o.verified ? "" : " (unverified)") << ": " << o.description << "\n";
    }
  }
  out << "\nNorm sets:";
  if (ins.norm_sets().empty()) out << " none (scores are read against the response scale)";
  out << "\n";
  for (const NormSet& n : ins.norm_sets()) {
    out << "  " << n.id << ": " << n.name << ", n = " << n.n << "\n";
  }
  out << "\nCitations:\n";
  for (const Citation& c : ins.citations()) {
    out << "  " << c.text << (c.doi.empty() ? "" : " doi:" + c.doi) << "\n";
  }
  out << "\nLicence: " << ins.licence() << "\n";
}

void show_text(const Instrument& ins, std::ostream& out) {
  out << ins.title() << " (" << ins.id() << " " << ins.version() << ")\n";
  out << "  key fingerprint: sha256:" << ins.key_fingerprint() << "\n";
  out << "  source: " << ins.source() << "\n";
  out << "  response scale: " << ins.response_scale().min << " to " << ins.response_scale().max;
  if (!ins.response_scale().labels.empty()) {
    out << " (" << ins.response_scale().labels.front() << " ... "
        << ins.response_scale().labels.back() << ")";
  }
  out << "\n  items: " << ins.items().size() << " (canonical order: " << ins.canonical_order().id
      << ")\n\nScales:\n";
  for (const Scale& sc : ins.scales()) show_scale(ins, sc, out);
  show_references(ins, out);
}

int list(std::span<const std::string> args, std::ostream& out) {
  po::options_description desc("Options");
  std::string format;
  desc.add_options()("help,h", "show this help")(
      "format", po::value(&format)->default_value("text"), "text or json");
  po::positional_options_description pos;
  auto vm = parse_options("instruments list", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("instruments list", "format", format, {"text", "json"});
  std::vector<Instrument> all;
  for (const std::string& id : embedded_instrument_ids())
    all.push_back(load_embedded_instrument(id));
  if (format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const Instrument& ins : all) {
      nlohmann::ordered_json norms = nlohmann::ordered_json::array();
      for (const NormSet& n : ins.norm_sets()) norms.push_back(n.id);
      nlohmann::ordered_json scales = nlohmann::ordered_json::array();
      for (const Scale& s : ins.scales()) scales.push_back(s.id);
      j.push_back({{"id", ins.id()},
                   {"version", ins.version()},
                   {"title", ins.title()},
                   {"short_title", ins.short_title()},
                   {"items", ins.items().size()},
                   {"scales", scales},
                   {"response_scale",
                    {{"min", ins.response_scale().min}, {"max", ins.response_scale().max}}},
                   {"norm_sets", norms},
                   {"languages", embedded_text_languages(ins)},
                   {"licence", ins.licence()},
                   {"key_fingerprint", ins.key_fingerprint()}});
    }
    out << j.dump(2) << "\n";
    return exit_ok;
  }
  out << std::left << std::setw(18) << "ID" << std::setw(9) << "VERSION" << std::setw(7) << "ITEMS"
      << std::setw(7) << "RANGE" << std::setw(7) << "NORMS" << std::setw(11) << "TEXT"
      << "TITLE\n";
  for (const Instrument& ins : all) {
    const std::string range =
        std::to_string(ins.response_scale().min) + "-" + std::to_string(ins.response_scale().max);
    std::string languages;
    for (const std::string& l : embedded_text_languages(ins)) {
      languages += (languages.empty() ? "" : ",") + l;
    }
    out << std::left << std::setw(18) << ins.id() << std::setw(9) << ins.version() << std::setw(7)
        << ins.items().size() << std::setw(7) << range << std::setw(7) << ins.norm_sets().size()
        << std::setw(11) << (languages.empty() ? "supply" : languages) << ins.title() << "\n"
        << "    licence: " << ins.licence() << "\n";
  }
  out << "\nTEXT 'supply': no wording ships with securebase; see 'instruments template ID'.\n";
  return exit_ok;
}

// Parses `desc` plus one positional instrument (id or file) into `which`. False when --help
// was asked for (and printed); a missing instrument is a usage error.
bool parse_with_instrument(std::string_view command, std::span<const std::string> args,
                           const po::options_description& desc, std::string& which,
                           std::ostream& out) {
  po::options_description hidden;
  hidden.add_options()("instrument", po::value(&which));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("instrument", 1);
  const auto vm = parse_options(command, args, all, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return false;
  }
  if (which.empty()) {
    throw UsageError(std::string(command), "name an instrument id or file, e.g. 'securebase " +
                                               std::string(command) + " ecr-r'");
  }
  return true;
}

int show(std::span<const std::string> args, std::ostream& out) {
  po::options_description desc("Options");
  std::string format;
  std::string which;
  desc.add_options()("help,h", "show this help")(
      "format", po::value(&format)->default_value("text"), "text or json");
  if (!parse_with_instrument("instruments show", args, desc, which, out)) return exit_ok;
  check_choice("instruments show", "format", format, {"text", "json"});
  const Instrument ins = load_instrument(which);
  if (format == "json") {
    out << to_key_json(ins);
  } else {
    show_text(ins, out);
  }
  return exit_ok;
}

int text_skeleton(std::span<const std::string> args, std::ostream& out) {
  po::options_description desc("Options");
  std::string which;
  std::string language;
  desc.add_options()("help,h", "show this help")("lang", po::value(&language)->default_value("en"),
                                                 "language tag of the text, e.g. en, es");
  if (!parse_with_instrument("instruments template", args, desc, which, out)) return exit_ok;
  out << text_template(load_instrument(which), language);
  return exit_ok;
}

int validate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description desc("Options");
  std::vector<std::string> files;
  desc.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("file", po::value(&files));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("file", -1);
  auto vm = parse_options("instruments validate", args, all, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  if (files.empty()) throw UsageError("instruments validate", "name at least one instrument file");
  int code = exit_ok;
  for (const std::string& f : files) {
    try {
      const Instrument ins = load_instrument_file(f);
      out << "ok: " << f << " (" << ins.id() << " " << ins.version() << ", " << ins.items().size()
          << " items, " << ins.scales().size() << " scales, key sha256:" << ins.key_fingerprint()
          << ")\n";
    } catch (const Error& e) {
      err << "invalid: " << f << "\n" << e.what() << "\n";
      code = exit_invalid;
    }
  }
  return code;
}

}  // namespace

int instruments_command(std::span<const std::string> args, std::istream& /*in*/, std::ostream& out,
                        std::ostream& err) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    (args.empty() ? err : out) << usage_text << exit_code_help();
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string& sub = args.front();
  if (sub == "list") return list(args.subspan(1), out);
  if (sub == "show") return show(args.subspan(1), out);
  if (sub == "validate") return validate(args.subspan(1), out, err);
  if (sub == "template") return text_skeleton(args.subspan(1), out);
  throw UsageError("instruments",
                   "unknown subcommand '" + sub + "'; use list, show, validate or template");
}

}  // namespace securebase::cli
