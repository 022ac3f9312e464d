// The query half of TrigramIndex.h: regex → RE2 prefilter atoms → posting-list intersections →
// candidate files.
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "indexer/grep/TrigramIndex.h"
#include "indexer/grep/Trigrams.h"

namespace gloss::indexer {
namespace {

using FileIds = std::vector<std::uint32_t>;

class PostingSource {
 public:
  explicit PostingSource(Database& db) : db_(db) {}

  Expected<const FileIds*, DbError> postings(Trigram trigram) {
    auto cached = cache_.find(trigram);
    if (cached != cache_.end()) return &cached->second;
    auto stmt =
        db_.prepare("SELECT postings FROM trigram_postings WHERE trigram = ?1 ORDER BY first_file");
    if (!stmt) return unexpected(std::move(stmt).error());
    (*stmt)->bindAll(static_cast<std::int64_t>(trigram));
    FileIds ids;
    while (true) {
      auto row = (*stmt)->step();
      if (!row) return unexpected(std::move(row).error());
      if (!*row) break;
      decodePostings((*stmt)->blob(0), ids);
    }
    return &cache_.emplace(trigram, std::move(ids)).first->second;
  }

 private:
  Database& db_;
  std::unordered_map<Trigram, FileIds> cache_;
};

// The files holding every trigram of a literal: the shortest lists are intersected first.
Expected<FileIds, DbError> filesWithAll(PostingSource& source,
                                        const std::vector<Trigram>& trigrams) {
  std::vector<const FileIds*> lists;
  for (Trigram t : trigrams) {
    auto list = source.postings(t);
    if (!list) return unexpected(std::move(list).error());
    if ((*list)->empty()) return FileIds{};
    lists.push_back(*list);
  }
  std::sort(lists.begin(), lists.end(),
            [](const FileIds* a, const FileIds* b) { return a->size() < b->size(); });
  FileIds result = *lists.front();
  FileIds next;
  for (std::size_t i = 1; i < lists.size() && !result.empty(); ++i) {
    next.clear();
    std::set_intersection(result.begin(), result.end(), lists[i]->begin(), lists[i]->end(),
                          std::back_inserter(next));
    result.swap(next);
  }
  return result;
}

Expected<FileIds, DbError> idsFrom(Database& db, const char* sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return unexpected(std::move(stmt).error());
  FileIds ids;
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) break;
    ids.push_back(static_cast<std::uint32_t>((*stmt)->int64(0)));
  }
  return ids;
}

Expected<std::vector<std::string>, DbError> allPaths(Database& db) {
  auto stmt = db.prepare("SELECT path FROM files ORDER BY id");
  if (!stmt) return unexpected(std::move(stmt).error());
  std::vector<std::string> paths;
  while (true) {
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (!*row) return paths;
    paths.push_back((*stmt)->string(0));
  }
}

Expected<std::vector<std::string>, DbError> pathsOf(Database& db, const FileIds& ids) {
  auto stmt = db.prepare("SELECT path FROM files WHERE id = ?1");
  if (!stmt) return unexpected(std::move(stmt).error());
  std::vector<std::string> paths;
  paths.reserve(ids.size());
  for (std::uint32_t id : ids) {
    (*stmt)->bindAll(static_cast<std::int64_t>(id));
    auto row = (*stmt)->step();
    if (!row) return unexpected(std::move(row).error());
    if (*row) paths.push_back((*stmt)->string(0));  // a file deleted since the build: gone
  }
  return paths;
}

// The regex's required literals and their AND/OR structure, from RE2's prefilter.
struct Plan {
  re2::FilteredRE2 filter{3};
  std::vector<std::string> atoms;
};

bool compilePlan(const GrepMatcher& matcher, Plan& plan) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_nl(true);
  options.set_case_sensitive(!matcher.caseInsensitive());
  int id = 0;
  if (plan.filter.Add(matcher.regexSource(), options, &id) != RE2::NoError) return false;
  plan.filter.Compile(&plan.atoms);
  return true;
}

}  // namespace

Expected<TrigramCandidates, DbError> trigramCandidates(Database& db, const GrepMatcher& matcher) {
  TrigramCandidates result;
  auto stale = idsFrom(db, "SELECT file_id FROM trigram_stale");
  if (!stale) return unexpected(std::move(stale).error());
  result.staleFiles = stale->size();

  auto everyFile = [&]() -> Expected<TrigramCandidates, DbError> {
    auto paths = allPaths(db);
    if (!paths) return unexpected(std::move(paths).error());
    result.paths = std::move(*paths);
    return result;
  };
  Plan plan;
  if (!compilePlan(matcher, plan)) return everyFile();
  // Atoms without a usable trigram constrain nothing: count them as present everywhere.
  std::vector<int> everywhere;
  std::vector<std::pair<int, std::vector<Trigram>>> constrained;
  for (std::size_t i = 0; i < plan.atoms.size(); ++i) {
    auto trigrams = literalTrigrams(plan.atoms[i]);
    if (trigrams.empty()) {
      everywhere.push_back(static_cast<int>(i));
    } else {
      constrained.emplace_back(static_cast<int>(i), std::move(trigrams));
    }
  }
  std::vector<int> potential;
  plan.filter.AllPotentials(everywhere, &potential);
  if (!potential.empty()) return everyFile();  // no literal to filter on

  PostingSource source(db);
  std::map<std::uint32_t, std::vector<int>> atomsOfFile;
  for (const auto& [atom, trigrams] : constrained) {
    auto files = filesWithAll(source, trigrams);
    if (!files) return unexpected(std::move(files).error());
    for (std::uint32_t id : *files) atomsOfFile[id].push_back(atom);
  }
  FileIds candidates;
  for (auto& [id, atoms] : atomsOfFile) {
    atoms.insert(atoms.end(), everywhere.begin(), everywhere.end());
    potential.clear();
    plan.filter.AllPotentials(atoms, &potential);
    if (!potential.empty()) candidates.push_back(id);
  }
  FileIds merged;
  std::sort(stale->begin(), stale->end());
  std::set_union(candidates.begin(), candidates.end(), stale->begin(), stale->end(),
                 std::back_inserter(merged));
  auto paths = pathsOf(db, merged);
  if (!paths) return unexpected(std::move(paths).error());
  result.filtered = true;
  result.paths = std::move(*paths);
  return result;
}

}  // namespace gloss::indexer
