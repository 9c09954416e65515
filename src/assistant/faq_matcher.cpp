#include "assistant/faq_matcher.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "llm/match_text.h"

namespace sanad::assistant {

namespace {

bool shares_form(const WordForms& a, const WordForms& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& f) { return b.count(f) > 0; });
}

// Total weight of the words of `from`, and of those `in` has.
std::pair<double, double> weights(const std::vector<WordForms>& from, const std::vector<WordForms>& in,
                                  const WordWeight& weight) {
  double all = 0;
  double matched = 0;
  for (const WordForms& w : from) {
    double x = weight ? weight(w) : 1.0;
    all += x;
    if (std::any_of(in.begin(), in.end(), [&](const WordForms& v) { return shares_form(w, v); })) matched += x;
  }
  return {all, matched};
}

bool readable(const search::AccessFilter& access, const std::string& folder_id) {
  return access.all || access.folders.count(folder_id) > 0;
}

}  // namespace

double question_similarity(const std::vector<WordForms>& a, const std::vector<WordForms>& b,
                           const WordWeight& weight) {
  if (a.empty() || b.empty()) return 0.0;
  auto [all_a, matched_a] = weights(a, b, weight);
  auto [all_b, matched_b] = weights(b, a, weight);
  double all = all_a + all_b;
  return all > 0 ? (matched_a + matched_b) / all : 0.0;
}

Result<std::shared_ptr<const FaqMatcher::Snapshot>> FaqMatcher::snapshot() {
  SANAD_ASSIGN_OR_RETURN(db::Rows sig, db_.query("SELECT COUNT(*) AS n, MAX(updated_at) AS u, MAX(created_at) AS c "
                                                 "FROM faq_entries"));
  const db::Row& r = sig.front();
  std::string signature = std::to_string(r.get_int("n")) + ":" + std::to_string(r.opt_int("u").value_or(0)) + ":" +
                          std::to_string(r.opt_int("c").value_or(0));
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_->signature == signature) return snapshot_;
  }
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT id, folder_id, question, answer, source FROM faq_entries ORDER BY id"));
  auto fresh = std::make_shared<Snapshot>();
  fresh->signature = signature;
  search::Analyzer analyzer;
  for (const db::Row& row : rows) {
    Entry e;
    e.faq.id = row.get_string("id");
    e.faq.folder_id = row.get_string("folder_id");
    e.faq.question = row.get_string("question");
    e.faq.answer = row.get_string("answer");
    e.faq.source = row.get_string("source");
    e.normalized = llm::normalize_for_match(e.faq.question);
    e.words = content_words(analyzer, e.faq.question, candidate_languages(e.faq.question));
    std::unordered_set<std::string> forms;
    for (const WordForms& w : e.words) forms.insert(w.begin(), w.end());
    for (const std::string& f : forms) ++fresh->entries_with_form[f];
    fresh->entries.push_back(std::move(e));
  }
  std::lock_guard lock(mutex_);
  snapshot_ = fresh;
  return std::shared_ptr<const Snapshot>(fresh);
}

Result<std::optional<FaqMatch>> FaqMatcher::best(std::string_view question, const search::AccessFilter& access) {
  SANAD_ASSIGN_OR_RETURN(auto snap, snapshot());
  if (snap->entries.empty()) return std::optional<FaqMatch>();
  search::Analyzer analyzer;
  auto words = content_words(analyzer, question, candidate_languages(question));
  std::string normalized = llm::normalize_for_match(question);
  // Inverse document frequency over the curated questions.
  const double n = static_cast<double>(snap->entries.size());
  WordWeight weight = [&snap, n](const WordForms& w) {
    size_t df = 0;
    for (const std::string& f : w) {
      auto it = snap->entries_with_form.find(f);
      if (it != snap->entries_with_form.end()) df = std::max(df, it->second);
    }
    return std::log(1.0 + (n + 1.0) / (1.0 + static_cast<double>(df)));
  };
  const Entry* best = nullptr;
  double best_sim = -1;
  for (const Entry& e : snap->entries) {
    if (!readable(access, e.faq.folder_id)) continue;
    double sim = e.normalized == normalized ? 1.0 : question_similarity(words, e.words, weight);
    if (sim > best_sim) {
      best_sim = sim;
      best = &e;
    }
  }
  if (best == nullptr) return std::optional<FaqMatch>();
  FaqMatch m = best->faq;
  m.similarity = best_sim;
  return std::optional<FaqMatch>(std::move(m));
}

Result<std::optional<FaqMatch>> FaqMatcher::match(std::string_view question, const search::AccessFilter& access) {
  SANAD_ASSIGN_OR_RETURN(auto found, best(question, access));
  if (!found || found->similarity < threshold_) return std::optional<FaqMatch>();
  return found;
}

}  // namespace sanad::assistant
