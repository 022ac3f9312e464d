// gloss for every LSP editor, with no extension: `textDocument/codeAction` offers
// "gloss: Explain `name`", "gloss: Generate tests for `name`" and "gloss: Summarize this file" at
// the cursor, and `workspace/executeCommand` runs them (`gloss.explain`, `gloss.generateTests`,
// `gloss.summarize`) with work-done progress. The answer is written as Markdown under the cache
// folder and opened with `window/showDocument` when the editor supports it; generated tests
// for a file that does not exist yet are created with `workspace/applyEdit` and opened.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "server/CommandMethods.h"

namespace gloss::server {

struct CodeActionParams {
  protocol::TextDocumentIdentifier textDocument;
  protocol::Range range;
  std::vector<std::string> only;  // context.only: the kinds the editor asks for
};
bool fromJSON(const json::value& v, CodeActionParams& out, protocol::JsonPath path);

inline constexpr const char* kCodeActionKind = "refactor.gloss";

class CodeActions {
 public:
  CodeActions(Workspace& workspace, CommandMethods& commands,
              CommandMethods::Capabilities capabilities,
              std::function<std::string()> answersDirectory)
      : workspace_(workspace),
        commands_(commands),
        capabilities_(std::move(capabilities)),
        answersDirectory_(std::move(answersDirectory)) {}
  void registerOn(MethodTable& table);

  HandlerResult onCodeAction(const CodeActionParams& params, RequestContext& ctx);
  // A gloss.explain / gloss.generateTests / gloss.summarize command; nullopt for other names.
  std::optional<HandlerResult> execute(const std::string& command, const json::value& argument,
                                       RequestContext& ctx);

  static const std::vector<std::string>& commandNames();

 private:
  std::optional<std::string> writeDocument(const std::string& name, const std::string& markdown,
                                           RequestContext& ctx);

  Workspace& workspace_;
  CommandMethods& commands_;
  CommandMethods::Capabilities capabilities_;
  std::function<std::string()> answersDirectory_;
};

}  // namespace gloss::server
