#include "securebase/core/norms.hpp"

#include <algorithm>
#include <cmath>

#include "securebase/core/error.hpp"

namespace securebase {

double normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double percentile_from_table(std::span<const PercentilePoint> table, double score,
                             PercentileBound& bound) noexcept {
  bound = PercentileBound::exact;
  if (table.empty()) return std::nan("");
  if (score < table.front().score) {
    bound = PercentileBound::at_most;
    return table.front().percentile;
  }
  if (score > table.back().score) {
    bound = PercentileBound::at_least;
    return table.back().percentile;
  }
  // Several points may share one score (discrete data): a score equal to them sits in the
  // middle of their percentiles.
  std::size_t first = table.size();
  std::size_t last = 0;
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (table[k].score == score) {
      first = std::min(first, k);
      last = k;
    }
  }
  if (first < table.size()) return (table[first].percentile + table[last].percentile) / 2.0;
  for (std::size_t k = 0; k + 1 < table.size(); ++k) {
    const PercentilePoint& a = table[k];
    const PercentilePoint& b = table[k + 1];
    if (a.score < score && score < b.score) {
      return a.percentile + (score - a.score) / (b.score - a.score) * (b.percentile - a.percentile);
    }
  }
  return std::nan("");  // unreachable for a validated table
}

NormScore standardise(const ScaleNorm& norm, std::string_view norm_set_id, double score) {
  NormScore out;
  out.norm_set = std::string(norm_set_id);
  out.z = (score - norm.mean) / norm.sd;
  out.t = 50.0 + 10.0 * out.z;
  if (!norm.percentiles.empty()) {
    out.source = PercentileSource::table;
    out.percentile = percentile_from_table(norm.percentiles, score, out.bound);
  } else {
    out.source = PercentileSource::normal;
    out.percentile = 100.0 * normal_cdf(out.z);
  }
  return out;
}

const NormSet& find_norm_set_or_throw(const Instrument& instrument, std::string_view norm_set_id) {
  if (const NormSet* set = instrument.find_norm_set(norm_set_id)) return *set;
  std::string known;
  for (const NormSet& n : instrument.norm_sets()) known += (known.empty() ? "" : ", ") + n.id;
  throw Error(ErrorCode::norms_unknown_set, instrument.id(),
              "norm set \"" + std::string(norm_set_id) + "\" does not exist; " +
                  (known.empty() ? "this instrument has no norm sets" : "available: " + known));
}

NormScore norm_score(const Instrument& instrument, std::string_view norm_set_id, std::size_t scale,
                     double score) {
  const NormSet* set = &find_norm_set_or_throw(instrument, norm_set_id);
  if (scale >= instrument.scales().size()) {
    throw Error(ErrorCode::norms_scale_absent, instrument.id(),
                "scale index " + std::to_string(scale) + " does not exist; " + instrument.id() +
                    " has " + std::to_string(instrument.scales().size()) + " scales");
  }
  const ScaleNorm* norm = set->find(scale);
  if (norm == nullptr) {
    throw Error(ErrorCode::norms_scale_absent, instrument.id() + ": norm set " + set->id,
                "has no values for scale \"" + instrument.scales().at(scale).id + "\"");
  }
  return standardise(*norm, set->id, score);
}

MeasurementError measurement_error(double score, double sd, double reliability, double lo,
                                   double hi) noexcept {
  MeasurementError e;
  e.sd = sd;
  e.reliability = reliability;
  e.sem = sd * std::sqrt(1.0 - reliability);
  e.lower = std::max(lo, score - z_975 * e.sem);
  e.upper = std::min(hi, score + z_975 * e.sem);
  return e;
}

}  // namespace securebase
