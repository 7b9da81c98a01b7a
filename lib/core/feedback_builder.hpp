// The feedback builder (internal): one result's blocks from the phrase table. One class in two
// files: feedback.cpp (the entry point, phrase lookup and filling, numbers) and
// feedback_blocks.cpp (each block: summary, dimensions, plane, secure base, change, growth,
// about).
#pragma once

#include <string>
#include <vector>

#include "securebase/core/feedback.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/core/profile.hpp"

namespace securebase::detail {

using Values = Placeholders;

// A number by id; its label and shown text are filled in when the blocks are complete.
inline FeedbackNumber numbered(std::string id, double value) {
  FeedbackNumber n;
  n.id = std::move(id);
  n.value = value;
  return n;
}

// Builds one result's blocks from the phrase table. Every phrase lookup and placeholder must
// resolve: a gap is a broken feedback file, reported as an internal error naming the key.
class Builder {
 public:
  Builder(const Instrument& in, const Scores& s, const Profile& p, const FeedbackText& t,
          const FeedbackOptions& o);

  Feedback run();

  [[nodiscard]] std::string display_name() const;

  // A number's label and its value as the paragraphs give it (feedback.md, "Numbers").
  void describe(FeedbackNumber& n) const;

  [[nodiscard]] static Region region_of(const std::string& name);

 private:
  // ---- phrases ----
  [[nodiscard]] const std::vector<std::string>& paragraphs(const std::string& key) const;

  [[nodiscard]] std::string fill(const std::string& key, const std::string& tmpl,
                                 const Values& v) const;

  // The phrase as one string (its paragraphs joined by a space).
  [[nodiscard]] std::string say(const std::string& key, const Values& v = {}) const;

  // Adds each paragraph of a phrase to a block.
  void add(FeedbackBlock& b, const std::string& key, const Values& v = {}) const;

  [[nodiscard]] std::string num(double x, int decimals = 2) const;

  [[nodiscard]] std::string list(const std::vector<std::string>& items) const;

  [[nodiscard]] std::string region_name(Region r) const;

  [[nodiscard]] std::string facet_name(const std::string& id) const;

  [[nodiscard]] FeedbackBlock block(const std::string& id, const std::string& title_key) const;

  [[nodiscard]] FeedbackBlock simple(const std::string& id) const;

  [[nodiscard]] const ScaleScore* scale_score(std::size_t s) const;

  // ---- blocks ----
  [[nodiscard]] FeedbackBlock summary() const;

  // The region sentence of the summary, following the plane's one reading (profile.hpp,
  // PlaneReading): clear, leaning, a blend of two, or the middle.
  void summary_region(FeedbackBlock& b, const PlanePosition& pl) const;

  // The plane block's closing sentence, from the same reading as the summary.
  void plane_reading(FeedbackBlock& b, const PlanePosition& pl) const;

  // Which third of its range a dimension's score lies in, read in the dimension's direction.
  [[nodiscard]] static std::string band(const DimensionPosition& d);

  [[nodiscard]] std::string nearest_label(double score) const;

  [[nodiscard]] FeedbackBlock dimension(const std::string& dim, const DimensionPosition& d) const;

  void distance_sentence(FeedbackBlock& b, const std::string& dim,
                         const DimensionPosition& d) const;

  [[nodiscard]] FeedbackBlock plane() const;

  [[nodiscard]] std::string norm_name(const std::string& id) const;

  [[nodiscard]] FeedbackBlock secure_base() const;

  [[nodiscard]] std::string capitalised(std::string s) const;

  [[nodiscard]] std::string dimension_title(const std::string& scale_id) const;

  [[nodiscard]] FeedbackBlock change(const ReliableChange& rc) const;

  [[nodiscard]] FeedbackBlock growth() const;

  [[nodiscard]] FeedbackBlock about() const;

  const Instrument& in_;
  const Scores& scores_;
  const Profile& profile_;
  const FeedbackText& text_;
  const FeedbackOptions& options_;
};

}  // namespace securebase::detail
