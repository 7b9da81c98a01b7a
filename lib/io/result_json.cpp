#include "securebase/io/result_json.hpp"
#include "securebase/io/file.hpp"

#include <charconv>
#include <cmath>

#include "io/json_checker.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

using json = detail::Json;
using ojson = nlohmann::ordered_json;  // keeps members in written order for readers

namespace {

ojson number_or_null(double v) { return std::isnan(v) ? ojson(nullptr) : ojson(v); }

std::string_view to_string(ScoreStatus s) { return s == ScoreStatus::ok ? "ok" : "insufficient"; }
std::string_view to_string(PercentileSource s) {
  return s == PercentileSource::table ? "table" : "normal";
}
std::string_view to_string(PercentileBound b) {
  switch (b) {
    case PercentileBound::at_most:
      return "at_most";
    case PercentileBound::at_least:
      return "at_least";
    default:
      return "exact";
  }
}

ojson scale_json(const ScaleScore& s) {
  ojson j;
  j["id"] = s.scale_id;
  j["status"] = to_string(s.status);
  j["value"] = number_or_null(s.value);
  j["method"] = to_string(s.method);
  j["prorated"] = s.prorated;
  j["n_items"] = s.n_items;
  j["n_answered"] = s.n_answered;
  j["n_missing"] = s.n_missing;
  j["min_required"] = s.min_required;
  j["rule"] = s.rule;
  j["reversed_items"] = s.reversed_items;
  j["missing_items"] = s.missing_items;
  if (s.error) {
    const MeasurementError& e = *s.error;
    j["measurement_error"] = {{"level", 0.95},
                              {"sem", e.sem},
                              {"lower", e.lower},
                              {"upper", e.upper},
                              {"reliability", e.reliability},
                              {"sd", e.sd},
                              {"provisional", e.provisional},
                              {"basis", e.basis}};
  } else {
    j["measurement_error"] = nullptr;
  }
  if (s.norm) {
    const NormScore& n = *s.norm;
    j["norm"] = {{"norm_set", n.norm_set},
                 {"z", n.z},
                 {"t", n.t},
                 {"percentile", n.percentile},
                 {"percentile_source", to_string(n.source)},
                 {"percentile_bound", to_string(n.bound)}};
  } else {
    j["norm"] = nullptr;
  }
  return j;
}

// Reads result documents, recording every schema problem with its JSON path.
class ResultReader {
 public:
  explicit ResultReader(std::string source)
      : c_(std::move(source), {ErrorCode::result_schema, ErrorCode::result_schema,
                               ErrorCode::result_schema, ErrorCode::result_schema}) {}

  Scores read(const json& root) {
    check_header(root);
    Scores out;
    out.library_version = c_.string(root, "", "library_version", true).value_or("");
    read_instrument(root, out);
    if (const json* n = c_.member(root, "", "norm_set", true); n != nullptr && !n->is_null()) {
      out.norm_set = c_.string(root, "", "norm_set", true).value_or("");
    }
    read_answers(root, out);
    if (const json* adj = c_.member(root, "", "administration", false)) {
      if (c_.expect_object(*adj, "/administration", "administration")) {
        out.administration = administration(*adj);
      }
    }
    if (const json* sj = c_.member(root, "", "scales", true)) {
      if (c_.expect_array(*sj, "/scales", "scales")) {
        for (std::size_t i = 0; i < sj->size(); ++i) {
          const std::string p = detail::child("/scales", i);
          if (c_.expect_object((*sj)[i], p, "a scale")) out.scales.push_back(scale((*sj)[i], p));
        }
      }
    }
    c_.throw_if_any();
    return out;
  }

 private:
  // The root object, "schema" and "schema_version": a wrong one stops reading at once.
  void check_header(const json& root) {
    if (!c_.expect_object(root, "", "the result")) c_.throw_if_any();
    if (auto s = c_.string(root, "", "schema", true); s && *s != result_schema_id) {
      c_.bad_value("/schema", "schema", *s, "\"" + std::string(result_schema_id) + "\"");
      c_.throw_if_any();
    }
    if (auto v = c_.integer(root, "", "schema_version", true)) {
      if (*v > result_schema_version) {
        c_.add(ErrorCode::result_version, "/schema_version",
               "schema_version is " + std::to_string(*v) + ", but this securebase reads up to " +
                   std::to_string(result_schema_version) + "; upgrade securebase to read it");
        c_.throw_if_any();
      }
      if (*v < 1) c_.bad_value("/schema_version", "schema_version", *v, "at least 1");
    }
  }

  void read_instrument(const json& root, Scores& out) {
    const json* ij = c_.member(root, "", "instrument", true);
    if (ij == nullptr || !c_.expect_object(*ij, "/instrument", "instrument")) return;
    out.instrument_id = c_.string(*ij, "/instrument", "id", true).value_or("");
    out.instrument_version = c_.string(*ij, "/instrument", "version", true).value_or("");
    out.instrument_title = c_.string(*ij, "/instrument", "title", true).value_or("");
    if (auto fp = c_.string(*ij, "/instrument", "key_fingerprint", true)) {
      const bool hex =
          fp->size() == 64 && fp->find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!hex) {
        c_.bad_value("/instrument/key_fingerprint", "key_fingerprint", *fp,
                     "64 lowercase hexadecimal characters (SHA-256)");
      }
      out.key_fingerprint = *fp;
    }
  }

  void read_answers(const json& root, Scores& out) {
    const json* aj = c_.member(root, "", "answers", true);
    if (aj == nullptr || !c_.expect_array(*aj, "/answers", "answers")) return;
    for (std::size_t i = 0; i < aj->size(); ++i) {
      const std::string p = detail::child("/answers", i);
      const json& a = (*aj)[i];
      if (!c_.expect_object(a, p, "an answer")) continue;
      RecordedAnswer ra;
      ra.item_id = c_.string(a, p, "item", true).value_or("");
      ra.number = static_cast<int>(c_.integer(a, p, "number", true).value_or(0));
      ra.value = nullable(a, p, "value");
      out.answers.push_back(std::move(ra));
    }
  }

  Administration administration(const json& adj) {
    Administration a;
    if (const json* seed = c_.member(adj, "/administration", "seed", true);
        seed != nullptr && !seed->is_null()) {
      a.seed = administration_seed(adj);
    }
    if (const json* oj = c_.member(adj, "/administration", "order", true)) {
      if (c_.expect_array(*oj, "/administration/order", "order")) {
        for (std::size_t i = 0; i < oj->size(); ++i) {
          if (!(*oj)[i].is_string()) {
            c_.add(ErrorCode::result_schema, detail::child("/administration/order", i),
                   "must be an item id (a string)");
          } else {
            a.order.push_back((*oj)[i].get<std::string>());
          }
        }
      }
    }
    if (const json* cj = c_.member(adj, "/administration", "completed", false)) {
      if (cj->is_string() && cj->get<std::string>().size() == 20) {
        a.completed = cj->get<std::string>();
      } else {
        c_.add(ErrorCode::result_schema, "/administration/completed",
               "must be a UTC time written as \"2026-12-07T05:20:47Z\"");
      }
    }
    return a;
  }

  // The seed, written as a decimal string; none (and an error recorded) when it is not one.
  std::optional<std::uint64_t> administration_seed(const json& adj) {
    const auto text = c_.string(adj, "/administration", "seed", true).value_or("");
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
      c_.bad_value("/administration/seed", "seed", text,
                   "a decimal string of an unsigned 64-bit integer, or null");
      return std::nullopt;
    }
    return v;
  }

  double nullable(const json& obj, const std::string& p, std::string_view key) {
    const json* v = c_.member(obj, p, key, true);
    if (v == nullptr || v->is_null()) return missing_answer;
    return c_.number(obj, p, key, true).value_or(missing_answer);
  }

  int count(const json& obj, const std::string& p, std::string_view key) {
    auto v = c_.integer(obj, p, key, true);
    if (v && *v < 0) c_.bad_value(detail::child(p, key), key, *v, "at least 0");
    return static_cast<int>(v.value_or(0));
  }

  std::vector<std::string> strings(const json& obj, const std::string& p, std::string_view key) {
    std::vector<std::string> out;
    const json* v = c_.member(obj, p, key, true);
    if (v == nullptr || !c_.expect_array(*v, detail::child(p, key), key)) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_string()) {
        out.push_back((*v)[i].get<std::string>());
      } else {
        c_.add(ErrorCode::result_schema, detail::child(detail::child(p, key), i),
               "entry is " + detail::brief((*v)[i]) + ", but must be an item id string");
      }
    }
    return out;
  }

  template <typename E>
  E choice(const json& obj, const std::string& p, std::string_view key,
           std::initializer_list<std::pair<std::string_view, E>> options) {
    auto s = c_.string(obj, p, key, true);
    std::string allowed;
    for (const auto& [name, value] : options) {
      if (s && *s == name) return value;
      allowed += (allowed.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    if (s) c_.bad_value(detail::child(p, key), key, *s, "one of " + allowed);
    return options.begin()->second;
  }

  ScaleScore scale(const json& j, const std::string& p) {
    ScaleScore s;
    s.scale_id = c_.string(j, p, "id", true).value_or("");
    s.status = choice<ScoreStatus>(
        j, p, "status", {{"ok", ScoreStatus::ok}, {"insufficient", ScoreStatus::insufficient}});
    s.value = nullable(j, p, "value");
    const json* value = c_.member(j, p, "value", false);
    if (s.status == ScoreStatus::ok && value != nullptr && value->is_null()) {
      c_.add(ErrorCode::result_schema, detail::child(p, "value"),
             "value is null, but must be a number when status is \"ok\"");
    }
    s.method = choice<ScaleMethod>(j, p, "method",
                                   {{"mean", ScaleMethod::mean}, {"sum", ScaleMethod::sum}});
    s.prorated = c_.boolean(j, p, "prorated", false);
    s.n_items = count(j, p, "n_items");
    s.n_answered = count(j, p, "n_answered");
    s.n_missing = count(j, p, "n_missing");
    s.min_required = count(j, p, "min_required");
    s.rule = c_.string(j, p, "rule", true, false).value_or("");
    s.reversed_items = strings(j, p, "reversed_items");
    s.missing_items = strings(j, p, "missing_items");
    const json* me = c_.member(j, p, "measurement_error", true);
    if (me != nullptr && !me->is_null()) {
      const std::string mp = detail::child(p, "measurement_error");
      if (c_.expect_object(*me, mp, "measurement_error")) {
        MeasurementError e;
        e.sem = c_.number(*me, mp, "sem", true).value_or(0);
        e.lower = c_.number(*me, mp, "lower", true).value_or(0);
        e.upper = c_.number(*me, mp, "upper", true).value_or(0);
        e.reliability = c_.number(*me, mp, "reliability", true).value_or(0);
        e.sd = c_.number(*me, mp, "sd", true).value_or(0);
        e.provisional = c_.boolean(*me, mp, "provisional", false);
        e.basis = c_.string(*me, mp, "basis", false, false).value_or("");
        s.error = e;
      }
    }
    const json* nj = c_.member(j, p, "norm", true);
    if (nj != nullptr && !nj->is_null()) {
      const std::string np = detail::child(p, "norm");
      if (c_.expect_object(*nj, np, "norm")) {
        NormScore n;
        n.norm_set = c_.string(*nj, np, "norm_set", true).value_or("");
        n.z = c_.number(*nj, np, "z", true).value_or(0);
        n.t = c_.number(*nj, np, "t", true).value_or(0);
        n.percentile = c_.number(*nj, np, "percentile", true).value_or(0);
        n.source = choice<PercentileSource>(
            *nj, np, "percentile_source",
            {{"table", PercentileSource::table}, {"normal", PercentileSource::normal}});
        n.bound = choice<PercentileBound>(*nj, np, "percentile_bound",
                                          {{"exact", PercentileBound::exact},
                                           {"at_most", PercentileBound::at_most},
                                           {"at_least", PercentileBound::at_least}});
        s.norm = n;
      }
    }
    return s;
  }

  detail::JsonChecker c_;
};

}  // namespace

namespace {

ojson optional_number(const std::optional<double>& v) {
  return v ? number_or_null(*v) : ojson(nullptr);
}

ojson dimension_json(const DimensionPosition& d) {
  return {{"scale", d.scale_id},
          {"direction", d.direction},
          {"score", number_or_null(d.score)},
          {"range", {d.range_low, d.range_high}},
          {"boundary", d.boundary},
          {"distance", number_or_null(d.distance)},
          {"distance_sem", optional_number(d.distance_sem)},
          {"probability_high", optional_number(d.probability_high)},
          {"near_boundary", d.near_boundary}};
}

ojson profile_json(const Profile& p) {
  ojson j;
  j["provisional"] = p.provisional;
  if (p.plane) {
    const PlanePosition& pl = *p.plane;
    ojson plane = {
        {"anxiety", dimension_json(pl.anxiety)},
        {"avoidance", dimension_json(pl.avoidance)},
        {"boundary_rule", pl.rule == BoundaryRule::norm_median ? "norm_median" : "scale_midpoint"},
        {"boundary_norm_set", pl.rule_norm_set.empty() ? ojson(nullptr) : ojson(pl.rule_norm_set)},
        {"nearest_region", pl.scored() ? ojson(to_string(pl.nearest)) : ojson(nullptr)},
        {"near_line", pl.near_line}};
    if (pl.reading) {
      const PlaneReading& r = *pl.reading;
      plane["reading"] = {{"clarity", to_string(r.clarity)},
                          {"region", to_string(r.region)},
                          {"other", r.other ? ojson(to_string(*r.other)) : ojson(nullptr)}};
    } else {
      plane["reading"] = nullptr;
    }
    if (pl.probabilities) {
      ojson probs;
      for (Region r : all_regions) probs[std::string(to_string(r))] = pl.probability(r);
      plane["region_probabilities"] = std::move(probs);
    } else {
      plane["region_probabilities"] = nullptr;
    }
    j["plane"] = std::move(plane);
  } else {
    j["plane"] = nullptr;
  }
  if (p.secure_base) {
    const SecureBaseProfile& sb = *p.secure_base;
    ojson facets = ojson::array();
    for (const FacetScore& f : sb.facets)
      facets.push_back({{"scale", f.scale_id}, {"score", f.score}});
    j["secure_base"] = {{"scale", sb.overall_scale},
                        {"score", number_or_null(sb.overall)},
                        {"facets", std::move(facets)},
                        {"strengths", sb.strengths},
                        {"growth_edges", sb.growth_edges},
                        {"unscored", sb.unscored},
                        {"even", sb.even}};
  } else {
    j["secure_base"] = nullptr;
  }
  if (p.corner) {
    j["secure_corner"] = {{"anxiety_sem", p.corner->anxiety_sem},
                          {"avoidance_sem", p.corner->avoidance_sem},
                          {"combined_sem", p.corner->combined}};
  } else {
    j["secure_corner"] = nullptr;
  }
  return j;
}

ojson feedback_json(const Feedback& f) {
  ojson blocks = ojson::array();
  for (const FeedbackBlock& b : f.blocks) {
    ojson numbers = ojson::object();
    for (const FeedbackNumber& n : b.numbers) numbers[n.id] = number_or_null(n.value);
    blocks.push_back({{"id", b.id},
                      {"title", b.title},
                      {"paragraphs", b.paragraphs},
                      {"numbers", std::move(numbers)}});
  }
  return {{"language", f.language},
          {"validated_translation", f.validated_translation},
          {"blocks", std::move(blocks)}};
}

ojson scores_json(const Scores& scores);

}  // namespace

std::string to_result_json(const Scores& scores, int indent) {
  return scores_json(scores).dump(indent, ' ', false, ojson::error_handler_t::replace) +
         (indent >= 0 ? "\n" : "");
}

std::string to_result_json(const Scores& scores, const Profile& profile, const Feedback& feedback,
                           int indent) {
  ojson j = scores_json(scores);
  j["profile"] = profile_json(profile);
  j["feedback"] = feedback_json(feedback);
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace) + (indent >= 0 ? "\n" : "");
}

namespace {

ojson scores_json(const Scores& scores) {
  ojson j;
  j["schema"] = result_schema_id;
  j["schema_version"] = result_schema_version;
  j["library_version"] = scores.library_version;
  j["instrument"] = {{"id", scores.instrument_id},
                     {"version", scores.instrument_version},
                     {"title", scores.instrument_title},
                     {"key_fingerprint", scores.key_fingerprint}};
  j["norm_set"] = scores.norm_set.empty() ? ojson(nullptr) : ojson(scores.norm_set);
  ojson answers = ojson::array();
  for (const RecordedAnswer& a : scores.answers) {
    answers.push_back(
        {{"item", a.item_id}, {"number", a.number}, {"value", number_or_null(a.value)}});
  }
  j["answers"] = std::move(answers);
  ojson scales = ojson::array();
  for (const ScaleScore& s : scores.scales) scales.push_back(scale_json(s));
  j["scales"] = std::move(scales);
  if (scores.administration) {
    const Administration& a = *scores.administration;
    // The seed as a decimal string: a 64-bit integer does not survive every JSON reader.
    j["administration"] = {{"seed", a.seed ? ojson(std::to_string(*a.seed)) : ojson(nullptr)},
                           {"order", a.order}};
    if (!a.completed.empty()) j["administration"]["completed"] = a.completed;
  }
  // Invalid UTF-8 in a string is replaced (U+FFFD) when dumped, never thrown as an exception.
  return j;
}

}  // namespace

Scores parse_result_json(std::string_view json_text, std::string_view source,
                         const Limits& limits) {
  const json root = detail::parse_json_strict(json_text, source, ErrorCode::result_syntax,
                                              ErrorCode::result_schema, limits);
  return ResultReader(std::string(source)).read(root);
}

Scores load_result_file(const std::filesystem::path& path, const Limits& limits) {
  return parse_result_json(read_document(path, limits.max_json_bytes, ErrorCode::result_syntax),
                           path.string(), limits);
}

void require_scored_with(const Instrument& instrument, const Scores& scores,
                         std::string_view source, std::string_view hint) {
  if (instrument.key_fingerprint() == scores.key_fingerprint) return;
  const auto short_key = [](const std::string& key) { return key.substr(0, 12) + "..."; };
  throw Error(
      ErrorCode::result_incomparable, std::string(source),
      "was scored with " + scores.instrument_id +
          " (key sha256:" + short_key(scores.key_fingerprint) + "), but " + instrument.source() +
          " has key sha256:" + short_key(instrument.key_fingerprint()) + "; " + std::string(hint));
}

}  // namespace securebase
