// The gloss language server: LSP lifecycle, the method table, the worker pool and the
// cancellation registry. It owns its parts and hands them down to the features it serves.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/LspTypes.h"
#include "protocol/Transport.h"
#include "server/Cancellation.h"
#include "server/ChatMethods.h"
#include "server/Client.h"
#include "server/CodeActions.h"
#include "server/CommandMethods.h"
#include "server/DocumentSync.h"
#include "server/GrepMethods.h"
#include "server/MethodTable.h"
#include "server/ProviderService.h"
#include "server/SessionMethods.h"
#include "server/Settings.h"
#include "server/SymbolMethods.h"
#include "server/WorkerPool.h"
#include "server/Workspace.h"

namespace gloss::server {

inline constexpr std::size_t kDefaultMaxQueued = 256;

struct ServerOptions {
  std::size_t workerThreads = 4;
  std::optional<std::size_t> maxQueuedRequests;  // --max-queued; wins over the setting
  bool testMethods = false;  // registers gloss/test/* (used by the end-to-end tests)
  bool indexing = true;      // build and maintain index.db for the workspace
  std::string indexPath;     // overrides the setting and the XDG default
  std::string sessionsPath;  // sessions.db; overrides the setting and the XDG default
  LogLevel logLevel = LogLevel::Info;
  llm::ConfigLayer providerFlags;  // --provider, --model, ... from the command line
};

class Server : public protocol::MessageHandler {
 public:
  Server(protocol::Transport& transport, ServerOptions options);
  ~Server() override;

  // Serves until `exit` or the end of input; returns the process exit status (0 only after a
  // `shutdown` request, as the specification asks).
  int run();

  bool onNotify(const std::string& method, json::value params) override;
  bool onCall(const std::string& method, json::value params, protocol::RequestId id) override;
  bool onReply(protocol::RequestId id,
               gloss::Expected<json::value, protocol::RpcError> result) override;
  void onProtocolError(const std::string& what) override;
  void onBadNotification(const std::string& method, const std::string& error);
  // The chat-session store, for the chat pipeline (opened on first use).
  SessionService& sessions() { return sessions_; }
  // What the server answers to, for tools that go through every method (tests/fuzz/params).
  const MethodTable& methods() const { return methods_; }

 private:
  enum class State { Uninitialized, Running, ShuttingDown };

  void registerMethods();
  void dispatchCall(const MethodTable::Method& method, json::value params, protocol::RequestId id);

  HandlerResult onExecuteCommand(const protocol::ExecuteCommandParams& params, RequestContext& ctx);
  HandlerResult onInitialize(const protocol::InitializeParams& params, RequestContext& ctx);
  HandlerResult onShutdown(const NoParams& params, RequestContext& ctx);
  HandlerResult onStatus(const NoParams& params, RequestContext& ctx);
  void onInitialized(const NoParams& params);
  void onCancelRequest(const protocol::CancelParams& params);
  void onSetTrace(const protocol::SetTraceParams& params);
  void onDidChangeConfiguration(const protocol::DidChangeConfigurationParams& params);
  void onDidChangeWorkspaceFolders(const protocol::DidChangeWorkspaceFoldersParams& params);
  void applySettings(const json::value& value);
  // Hands the limit settings to the parts they bound; under stateMutex_.
  void applyLimitsLocked(std::vector<std::string>& warnings);
  void startIndexing();
  std::vector<std::string> folderUris();
  void registerFileWatchers();
  indexer::IndexerOptions indexerOptions();
  protocol::ClientCapabilities clientCapabilities();
  // Where executeCommand writes its Markdown answers: <cache folder>/answers.
  std::string answersDirectory();

  protocol::Transport& transport_;
  ServerOptions options_;
  Client client_;
  ProviderService providers_{options_.providerFlags, llm::processEnvironment()};
  CancellationRegistry cancellations_;
  MethodTable methods_;
  Workspace workspace_;
  DocumentSync documentSync_{workspace_, client_};
  SymbolMethods symbolMethods_{workspace_};
  GrepMethods grepMethods_{workspace_, [this] { return indexerOptions().walk; }};
  SessionService sessions_{client_};
  SessionMethods sessionMethods_{sessions_, [this] {
                                   auto roots = workspace_.roots();
                                   return roots.empty() ? std::string() : roots.front();
                                 }};
  CommandMethods commandMethods_{workspace_, providers_, [this] { return clientCapabilities(); }};
  CodeActions codeActions_{workspace_, commandMethods_, [this] { return clientCapabilities(); },
                           [this] { return answersDirectory(); }};
  ChatMethods chatMethods_{workspace_, commandMethods_, grepMethods_, sessions_};
  std::unique_ptr<WorkerPool> pool_;
  std::atomic<State> state_{State::Uninitialized};
  std::atomic<std::uint64_t> requestsServed_{0};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  // Written on the reader thread during initialize and folder changes; read by handlers.
  std::mutex stateMutex_;
  Settings settings_;
  protocol::ClientCapabilities capabilities_;
  std::string clientName_;
  std::vector<protocol::WorkspaceFolder> folders_;
  std::string trace_ = "off";
};

}  // namespace gloss::server
