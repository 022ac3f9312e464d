#include "server/CodeActions.h"

#include <filesystem>
#include <fstream>

#include "commands/Markdown.h"
#include "commands/explain/Explain.h"
#include "commands/generate_tests/GenerateTests.h"
#include "commands/grep/GrepCommand.h"
#include "commands/summarize/Summarize.h"
#include "protocol/Uri.h"

namespace gloss::server {

namespace {

namespace fs = std::filesystem;

bool wanted(const std::vector<std::string>& only) {
  if (only.empty()) return true;
  std::string_view kind = kCodeActionKind;
  for (const std::string& k : only)
    if (kind == k || (kind.starts_with(k) && kind[k.size()] == '.')) return true;
  return false;
}

json::object action(const std::string& title, const std::string& command, json::value argument) {
  return json::object{{"title", title},
                      {"kind", kCodeActionKind},
                      {"command", json::object{{"title", title},
                                               {"command", command},
                                               {"arguments", json::array{std::move(argument)}}}}};
}

// A file name from a title: letters, digits, '-' and '_' only, at most 80 characters.
std::string slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
    if (out.size() == 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "answer" : out;
}

std::string documentText(const commands::CommandOutcome& outcome, const std::string& root) {
  std::string out = "# " + outcome.title + "\n\n" + outcome.result.text;
  if (!out.ends_with("\n")) out += "\n";
  if (outcome.result.error) out += "\n> **Incomplete:** " + outcome.result.error->message + "\n";
  for (const commands::FileProposal& file : outcome.files) {
    out += "\n## Proposed file `" + commands::relativeTo(file.path, root) + "`\n\n" +
           commands::codeBlock(commands::fenceLanguage(file.path), file.content);
  }
  if (!outcome.context.items.empty()) {
    out += "\n## Code used\n\n";
    for (const commands::ContextItem& item : outcome.context.items) {
      if (item.path.empty()) continue;
      out += "- [" + commands::location(item.path, root, item.startLine, item.endLine) + "](" +
             protocol::pathToUri(item.path) + "#L" + std::to_string(item.startLine + 1) + ")";
      if (!item.why.empty()) out += " — " + item.why;
      out += "\n";
    }
  }
  return out;
}

}  // namespace

bool fromJSON(const json::value& v, CodeActionParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  if (!o || !o.map("textDocument", out.textDocument) || !o.map("range", out.range)) return false;
  const json::object& object = v.as_object();
  if (const json::value* context = object.if_contains("context"); context && context->is_object()) {
    protocol::ObjectMapper c(*context, path.field("context"));
    if (!c.mapOptional("only", out.only)) return false;
  }
  return true;
}

const std::vector<std::string>& CodeActions::commandNames() {
  static const std::vector<std::string> names{"gloss.explain", "gloss.generateTests",
                                              "gloss.summarize"};
  return names;
}

void CodeActions::registerOn(MethodTable& table) {
  table.method("textDocument/codeAction", this, &CodeActions::onCodeAction);
}

HandlerResult CodeActions::onCodeAction(const CodeActionParams& params, RequestContext&) {
  json::array actions;
  auto path = workspace_.resolve(params.textDocument.uri);
  if (!path || !wanted(params.only)) return json::value(std::move(actions));
  std::vector<indexer::Symbol> symbols;
  if (auto doc = workspace_.overlay().find(*path)) {
    symbols = workspace_.chunksOf(doc)->chunks.symbols;
  } else if (IndexService* index = workspace_.index()) {
    index->withReader([&](indexer::IndexReader& reader) {
      if (auto rows = reader.symbolsOfFile(*path)) {
        for (indexer::SymbolRow& row : *rows) symbols.push_back(std::move(row.symbol));
      }
    });
  }
  const json::value document = json::object{{"uri", params.textDocument.uri}};
  if (const indexer::Symbol* symbol = commands::enclosingSymbol(symbols, params.range.start.line)) {
    json::object argument{{"textDocument", document},
                          {"position", protocol::toJSON(protocol::Position{symbol->nameLine, 0})},
                          {"symbol", symbol->qualifiedName}};
    std::string name = commands::inlineCode(symbol->name);
    actions.push_back(action("gloss: Explain " + name, "gloss.explain", argument));
    actions.push_back(action("gloss: Generate tests for " + name, "gloss.generateTests", argument));
  }
  actions.push_back(action("gloss: Summarize this file", "gloss.summarize",
                           json::object{{"uri", params.textDocument.uri}}));
  return json::value(std::move(actions));
}

std::optional<std::string> CodeActions::writeDocument(const std::string& name,
                                                      const std::string& markdown,
                                                      RequestContext& ctx) {
  std::error_code error;
  fs::path folder = answersDirectory_();
  fs::create_directories(folder, error);
  fs::path file = folder / (slug(name) + ".md");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << markdown;
  if (!out.flush()) {
    ctx.client.log(LogLevel::Warning, "cannot write " + file.string());
    return std::nullopt;
  }
  return file.string();
}

std::optional<HandlerResult> CodeActions::execute(const std::string& command,
                                                  const json::value& argument,
                                                  RequestContext& ctx) {
  const auto& names = commandNames();
  if (std::find(names.begin(), names.end(), command) == names.end()) return std::nullopt;
  CommandMethods::Command run;
  std::string title;
  if (command == "gloss.summarize") {
    SummarizeParams params;
    if (auto error = protocol::parseParams(argument, params))
      return gloss::unexpected(protocol::makeError(protocol::ErrorCode::InvalidParams, *error));
    auto path = resolveSummaryPath(params, workspace_);
    if (!path) return gloss::unexpected(path.error());
    run = [request = commands::SummarizeRequest{*path, params.question}](
              const commands::CommandEnv& env) { return runSummarize(env, request); };
    title = "gloss: summarize";
  } else {
    CodeTargetParams params;
    if (auto error = protocol::parseParams(argument, params))
      return gloss::unexpected(protocol::makeError(protocol::ErrorCode::InvalidParams, *error));
    auto target = resolveTarget(params, workspace_);
    if (!target) return gloss::unexpected(target.error());
    if (command == "gloss.explain") {
      run = [request = commands::ExplainRequest{*target, params.question, {}}](
                const commands::CommandEnv& env) { return runExplain(env, request); };
      title = "gloss: explain";
    } else {
      run = [request = commands::GenerateTestsRequest{*target, params.question}](
                const commands::CommandEnv& env) { return runGenerateTests(env, request); };
      title = "gloss: generate tests";
    }
  }
  auto outcome = commands_.run(ctx, title, run, true);
  if (!outcome) return gloss::unexpected(outcome.error());
  json::object result = commands_.outcomeJson(*outcome);
  std::vector<std::string> roots = workspace_.roots();
  std::string root = roots.empty() ? std::string() : roots.front();
  protocol::ClientCapabilities caps = capabilities_();
  std::optional<std::string> shown;
  if (caps.applyEdit && !outcome->files.empty() && !outcome->files.front().exists &&
      !outcome->result.error) {
    if (auto error = applyProposals(ctx.client, workspace_, outcome->files)) {
      ctx.client.showMessage(protocol::MessageType::Warning, "gloss: " + *error);
    } else {
      result["applied"] = true;
      shown = outcome->files.front().path;
    }
  }
  if (auto document = writeDocument(outcome->title, documentText(*outcome, root), ctx)) {
    result["document"] = protocol::pathToUri(*document);
    if (!shown) shown = *document;
  }
  if (shown && caps.showDocument) {
    ctx.client.call("window/showDocument",
                    json::object{{"uri", protocol::pathToUri(*shown)}, {"takeFocus", true}},
                    [&client = ctx.client](gloss::Expected<json::value, protocol::RpcError> r) {
                      if (!r) client.log(LogLevel::Warning, "showDocument: " + r.error().message);
                    });
  }
  return HandlerResult(json::value(std::move(result)));
}

}  // namespace gloss::server
