#include "server/GrepMethods.h"

#include <algorithm>
#include <chrono>

#include "protocol/JsonRpc.h"
#include "protocol/Uri.h"
#include "server/Progress.h"

namespace gloss::server {
namespace {

constexpr std::size_t kMaxResultsCap = 10'000'000;
constexpr std::size_t kLongLine = 1024;  // longer lines are sent as a window around the match
constexpr auto kBatchInterval = std::chrono::milliseconds(50);

bool parseCase(const std::string& name, indexer::CaseMode& out, protocol::JsonPath path) {
  if (name == "sensitive")
    out = indexer::CaseMode::Sensitive;
  else if (name == "insensitive")
    out = indexer::CaseMode::Insensitive;
  else if (name == "smart")
    out = indexer::CaseMode::Smart;
  else
    return path.report("expected \"sensitive\", \"insensitive\" or \"smart\"");
  return true;
}

// Keeps a window of a long line around its first match; `start` is where the window begins.
std::string_view previewOf(const indexer::GrepLine& line, std::size_t& start) {
  std::string_view text = line.text;
  start = 0;
  if (text.size() <= kLongLine) return text;
  std::size_t anchor = line.spans.empty() ? 0 : line.spans.front().begin;
  start = anchor > kLongLine / 4 ? anchor - kLongLine / 4 : 0;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t end = std::min(text.size(), start + kLongLine);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return text.substr(start, end - start);
}

json::object symbolJson(const indexer::Symbol& symbol) {
  return json::object{{"name", symbol.name},
                      {"kind", symbol.kind},
                      {"qualifiedName", symbol.qualifiedName},
                      {"line", symbol.startLine}};
}

json::object lineJson(const std::string& uri, const indexer::GrepLine& line,
                      const indexer::Symbol* symbol, protocol::PositionEncoding encoding) {
  std::size_t start = 0;
  std::string_view preview = previewOf(line, start);
  json::object out{{"uri", uri}, {"line", line.line}, {"text", protocol::toValidUtf8(preview)}};
  if (start > 0) {
    out["textStart"] = protocol::columnOf(std::string_view(line.text).substr(0, start), encoding);
  }
  if (line.isContext()) {
    out["context"] = true;
    return out;
  }
  json::array ranges;
  for (const auto& span : line.spans) {
    auto column = [&](std::size_t byte) {
      return protocol::columnOf(std::string_view(line.text).substr(0, byte), encoding);
    };
    ranges.push_back(protocol::toJSON(
        protocol::Range{{line.line, column(span.begin)}, {line.line, column(span.end)}}));
  }
  out["ranges"] = std::move(ranges);
  if (symbol) out["symbol"] = symbolJson(*symbol);
  return out;
}

// Converts hits, sends them in batches on the partial-result token, and keeps them all.
class LspGrepListener : public commands::GrepListener {
 public:
  LspGrepListener(PartialResults& partial, protocol::PositionEncoding encoding)
      : partial_(partial), encoding_(encoding) {}

  void onFile(const indexer::GrepFileHits& hits,
              const std::vector<const indexer::Symbol*>& enclosing) override {
    std::string uri = protocol::pathToUri(hits.path);
    for (std::size_t i = 0; i < hits.lines.size(); ++i) {
      json::object entry = lineJson(uri, hits.lines[i], enclosing[i], encoding_);
      all_.push_back(entry);
      if (partial_.active()) batch_.push_back(std::move(entry));
    }
    if (std::chrono::steady_clock::now() - lastSent_ >= kBatchInterval) flush();
  }

  void flush() {
    lastSent_ = std::chrono::steady_clock::now();
    if (batch_.empty()) return;
    partial_.send(json::object{{"matches", std::move(batch_)}});
    batch_ = json::array();
  }

  json::array sorted() {
    std::vector<json::object*> order;
    for (auto& v : all_) order.push_back(&v);
    std::stable_sort(order.begin(), order.end(), [](json::object* a, json::object* b) {
      const auto& ua = a->at("uri").as_string();
      const auto& ub = b->at("uri").as_string();
      if (ua != ub) return ua < ub;
      return a->at("line").to_number<std::int64_t>() < b->at("line").to_number<std::int64_t>();
    });
    json::array out;
    out.reserve(order.size());
    for (auto* v : order) out.push_back(std::move(*v));
    return out;
  }

 private:
  PartialResults& partial_;
  protocol::PositionEncoding encoding_;
  std::vector<json::object> all_;
  json::array batch_;
  std::chrono::steady_clock::time_point lastSent_ = std::chrono::steady_clock::now();
};

}  // namespace

bool fromJSON(const json::value& v, GrepParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  auto& r = out.request;
  std::optional<std::string> caseSensitivity;
  std::optional<std::int64_t> maxResults;
  std::optional<std::vector<std::string>> include, exclude;
  if (!o || !o.map("pattern", r.pattern.pattern) ||
      !o.mapOptional("fixedStrings", r.pattern.fixedStrings) ||
      !o.mapOptional("caseSensitivity", caseSensitivity) ||
      !o.mapOptional("wordRegexp", r.pattern.wordRegexp) || !o.mapOptional("include", include) ||
      !o.mapOptional("exclude", exclude) || !o.mapOptional("types", r.paths.types) ||
      !o.mapOptional("typesNot", r.paths.typesNot) || !o.mapOptional("maxResults", maxResults) ||
      !o.mapOptional("contextBefore", r.contextBefore) ||
      !o.mapOptional("contextAfter", r.contextAfter) ||
      !o.mapOptional("includeHidden", r.includeHidden) || !o.mapOptional("noIgnore", r.noIgnore) ||
      !o.mapOptional("includeBinary", r.includeBinary) || !o.mapOptional("useIndex", r.useIndex)) {
    return false;
  }
  if (caseSensitivity &&
      !parseCase(*caseSensitivity, r.pattern.caseMode, path.field("caseSensitivity"))) {
    return false;
  }
  if (r.pattern.pattern.empty()) return path.field("pattern").report("must not be empty");
  r.maxResults = 0;  // the workspace's default, filled in when the request runs
  if (maxResults) {
    if (*maxResults < 1) return path.field("maxResults").report("expected a positive number");
    r.maxResults = std::min<std::size_t>(static_cast<std::size_t>(*maxResults), kMaxResultsCap);
  }
  for (const auto& glob : include.value_or(std::vector<std::string>{}))
    r.paths.globs.push_back(glob);
  for (const auto& glob : exclude.value_or(std::vector<std::string>{})) {
    r.paths.globs.push_back("!" + glob);
  }
  if (r.contextBefore > 100 || r.contextAfter > 100) {
    return path.field(r.contextBefore > 100 ? "contextBefore" : "contextAfter")
        .report("context is limited to 100 lines");
  }
  return true;
}

void GrepMethods::registerOn(MethodTable& table) {
  table.method("gloss/grep", this, &GrepMethods::onGrep);
}

commands::GrepContext GrepMethods::workspaceContext(std::function<bool()> cancelled) {
  commands::GrepContext context;
  context.roots = workspace_.roots();
  context.walk = walkOptions_();
  context.maxFileBytes = workspace_.limits().grepMaxFileSize;
  context.overlay = workspace_.overlay().all();
  context.indexCurrent = true;
  context.cancelled = std::move(cancelled);
  context.overlaySymbols = [this](const std::string& path) {
    auto doc = workspace_.overlay().find(path);
    if (!doc) return std::vector<indexer::Symbol>{};
    return workspace_.chunksOf(doc)->chunks.symbols;
  };
  return context;
}

HandlerResult GrepMethods::onGrep(const GrepParams& params, RequestContext& ctx) {
  commands::GrepContext context = workspaceContext([&ctx] { return ctx.cancelled(); });
  if (context.roots.empty()) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidRequest, "no workspace folder is open"));
  }
  WorkspaceLimits limits = workspace_.limits();
  commands::GrepRequest request = params.request;
  if (request.maxResults == 0) request.maxResults = limits.grepResults;
  PartialResults partial(ctx.client, ctx.progress.partialResultToken);
  LspGrepListener listener(partial, workspace_.encoding());
  std::optional<Expected<commands::GrepSummary, std::string>> outcome;
  auto run = [&](indexer::IndexReader* reader) {
    context.index = reader;
    outcome = commands::runGrep(request, context, listener);
  };
  IndexService* index = workspace_.index();
  if (!index || !index->ready() || !index->withReader([&](indexer::IndexReader& r) { run(&r); })) {
    run(nullptr);
  }
  listener.flush();
  if (ctx.cancelled()) return cancelledResult();
  if (!*outcome) {
    return gloss::unexpected(
        protocol::makeError(protocol::ErrorCode::InvalidParams, outcome->error()));
  }
  const commands::GrepSummary& summary = **outcome;
  return json::value(json::object{
      {"matches", listener.sorted()},
      {"filesSearched", summary.stats.filesSearched},
      {"filesMatched", summary.stats.filesMatched},
      {"lineCount", summary.stats.matchLines},
      {"matchCount", summary.stats.matches},
      {"truncated", summary.stats.truncated},
      {"filesTooLarge", summary.stats.tooLarge},
      {"elapsedMs", static_cast<std::int64_t>(summary.elapsedMs + 0.5)},
      {"mode", summary.mode},
  });
}

}  // namespace gloss::server
