// Symbols as by-products of the index: `textDocument/documentSymbol` (hierarchical, from the
// buffer the editor shows) and `workspace/symbol` (fuzzy, ranked; unsaved buffers included).
#pragma once

#include "protocol/DocumentTypes.h"
#include "server/MethodTable.h"
#include "server/Workspace.h"

namespace gloss::server {

class SymbolMethods {
 public:
  explicit SymbolMethods(Workspace& workspace) : workspace_(workspace) {}
  void registerOn(MethodTable& table);

 private:
  HandlerResult onDocumentSymbol(const protocol::DocumentSymbolParams& params, RequestContext& ctx);
  HandlerResult onWorkspaceSymbol(const protocol::WorkspaceSymbolParams& params,
                                  RequestContext& ctx);

  Workspace& workspace_;
};

// LSP's SymbolKind number for a chunker kind string.
int lspSymbolKind(std::string_view kind);

}  // namespace gloss::server
