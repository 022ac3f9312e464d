#include "server/Server.h"

#include <algorithm>

#include "protocol/Uri.h"
#include "server/ReplyOnce.h"
#include "server/TestMethods.h"
#include "server/Version.h"
#include "server/WorkspacePaths.h"

namespace gloss::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

// What workspace/executeCommand runs: grep and the code actions' commands.
json::array executeCommands() {
  json::array names{"gloss.grep"};
  for (const std::string& name : CodeActions::commandNames()) names.push_back(json::value(name));
  return names;
}

}  // namespace

Server::Server(protocol::Transport& transport, ServerOptions options)
    : transport_(transport),
      options_(options),
      client_(transport),
      workspace_({}, protocol::PositionEncoding::Utf16) {
  client_.setLogLevel(options_.logLevel);
  settings_.logLevel = options_.logLevel;
  pool_ = std::make_unique<WorkerPool>(options_.workerThreads,
                                       options_.maxQueuedRequests.value_or(kDefaultMaxQueued));
  registerMethods();
}

Server::~Server() {
  pool_->stop();
}

void Server::registerMethods() {
  methods_.method("initialize", this, &Server::onInitialize, Execution::Inline);
  methods_.method("shutdown", this, &Server::onShutdown, Execution::Inline);
  methods_.method("gloss/status", this, &Server::onStatus);
  methods_.notification("initialized", this, &Server::onInitialized);
  methods_.notification("$/cancelRequest", this, &Server::onCancelRequest);
  methods_.notification("$/setTrace", this, &Server::onSetTrace);
  methods_.notification("workspace/didChangeConfiguration", this,
                        &Server::onDidChangeConfiguration);
  methods_.notification("workspace/didChangeWorkspaceFolders", this,
                        &Server::onDidChangeWorkspaceFolders);
  documentSync_.registerOn(methods_);
  symbolMethods_.registerOn(methods_);
  grepMethods_.registerOn(methods_);
  sessionMethods_.registerOn(methods_);
  commandMethods_.registerOn(methods_);
  codeActions_.registerOn(methods_);
  chatMethods_.registerOn(methods_);
  methods_.method("workspace/executeCommand", this, &Server::onExecuteCommand);
  if (options_.testMethods) registerTestMethods(methods_, providers_);
}

int Server::run() {
  protocol::LoopEnd end = transport_.loop(*this);
  cancellations_.cancelAll();
  // The editor can no longer answer: handlers waiting on one of its replies (applyEdit) must
  // not hold up the pool's stop.
  client_.abandonCalls();
  pool_->stop();
  chatMethods_.stop();
  workspace_.setIndex(nullptr);
  bool clean = state_ == State::ShuttingDown;
  switch (end) {
    case protocol::LoopEnd::Stopped:
      break;
    case protocol::LoopEnd::EndOfInput:
      if (!clean) client_.log(LogLevel::Info, "input closed without shutdown; exiting");
      break;
    case protocol::LoopEnd::Truncated:
      client_.log(LogLevel::Warning, "input closed in the middle of a message; exiting");
      break;
    case protocol::LoopEnd::ReadError:
      client_.log(LogLevel::Error, "reading input failed; exiting");
      break;
  }
  return clean ? 0 : 1;
}

bool Server::onNotify(const std::string& method, json::value params) {
  if (method == "exit") return false;
  // Before initialize, notifications are dropped (the specification's rule).
  if (state_ == State::Uninitialized) return true;
  if (const MethodTable::NotifyHandler* handler = methods_.findNotification(method)) {
    try {
      (*handler)(params);
    } catch (const std::exception& e) {
      client_.log(LogLevel::Error, method + " failed: " + e.what());
    }
  } else if (method.rfind("$/", 0) != 0) {
    client_.log(LogLevel::Debug, "ignoring unknown notification " + method);
  }
  return true;
}

bool Server::onCall(const std::string& method, json::value params, protocol::RequestId id) {
  auto fail = [&](ErrorCode code, std::string message) {
    transport_.reply(id, gloss::unexpected(makeError(code, std::move(message))));
    return true;
  };
  State state = state_;
  if (method == "initialize" && state != State::Uninitialized) {
    return fail(ErrorCode::InvalidRequest, "initialize may only be sent once");
  }
  if (method != "initialize" && state == State::Uninitialized) {
    return fail(ErrorCode::ServerNotInitialized, "server not initialized: send initialize first");
  }
  if (state == State::ShuttingDown) {
    return fail(ErrorCode::InvalidRequest, "server is shutting down: only exit is accepted");
  }
  const MethodTable::Method* handler = methods_.findCall(method);
  if (!handler) return fail(ErrorCode::MethodNotFound, "method not found: " + method);
  if (cancellations_.contains(protocol::idKey(id))) {
    return fail(ErrorCode::InvalidRequest, "a request with this id is already in progress");
  }
  dispatchCall(*handler, std::move(params), std::move(id));
  return true;
}

void Server::dispatchCall(const MethodTable::Method& method, json::value params,
                          protocol::RequestId id) {
  CancellationToken token = cancellations_.add(protocol::idKey(id));
  auto reply = std::make_shared<ReplyOnce>(transport_, cancellations_, id, token);
  auto run = [this, handler = method.handler, params = std::move(params), reply]() {
    if (reply->token().cancelled()) return reply->send(cancelledResult());
    RequestContext ctx{reply->id(), reply->token(), protocol::readProgressTokens(params), client_};
    try {
      reply->send(handler(params, ctx));
    } catch (const std::exception& e) {
      reply->send(gloss::unexpected(makeError(ErrorCode::InternalError, e.what())));
    }
    ++requestsServed_;
  };
  if (method.execution == Execution::Inline) return run();
  if (!pool_->submit(run)) {
    reply->send(gloss::unexpected(makeError(
        ErrorCode::RequestFailed, "server busy: too many requests queued; try again shortly")));
  }
}

bool Server::onReply(protocol::RequestId id,
                     gloss::Expected<json::value, protocol::RpcError> result) {
  if (!client_.deliverReply(id, std::move(result))) {
    client_.log(LogLevel::Warning, "reply to an unknown request " + protocol::idKey(id));
  }
  return true;
}

void Server::onProtocolError(const std::string& what) {
  client_.log(LogLevel::Warning, "protocol error: " + what);
}

void Server::onBadNotification(const std::string& method, const std::string& error) {
  client_.log(LogLevel::Warning, method + ": " + error);
}

HandlerResult Server::onInitialize(const protocol::InitializeParams& params, RequestContext&) {
  {
    std::lock_guard lock(stateMutex_);
    capabilities_ = params.capabilities;
    clientName_ = params.clientInfo ? params.clientInfo->name : "";
    if (params.trace) trace_ = *params.trace;
    if (params.workspaceFolders) {
      folders_ = *params.workspaceFolders;
    } else if (params.rootUri) {
      folders_ = {protocol::WorkspaceFolder{*params.rootUri, ""}};
    } else if (params.rootPath) {
      folders_ = {protocol::WorkspaceFolder{protocol::pathToUri(*params.rootPath), ""}};
    }
  }
  // Offsets are cheapest for us in UTF-8; use it when the client offers it, else UTF-16.
  const auto& encodings = params.capabilities.positionEncodings;
  bool utf8 = std::find(encodings.begin(), encodings.end(), "utf-8") != encodings.end();
  workspace_.setEncoding(utf8 ? protocol::PositionEncoding::Utf8
                              : protocol::PositionEncoding::Utf16);
  workspace_.setRoots(rootPaths(folderUris()));
  applySettings(params.initializationOptions);
  {
    std::lock_guard lock(stateMutex_);
    std::string sessionsPath =
        options_.sessionsPath.empty() ? settings_.sessionsPath : options_.sessionsPath;
    if (sessionsPath.empty()) sessionsPath = dataDirectory(workspace_.roots()) + "/sessions.db";
    sessions_.setPath(std::move(sessionsPath));
  }
  state_ = State::Running;
  json::object capabilities{
      {"positionEncoding", protocol::positionEncodingName(workspace_.encoding())},
      {"textDocumentSync", DocumentSync::capability()},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"executeCommandProvider", json::object{{"commands", executeCommands()}}},
      {"codeActionProvider", json::object{{"codeActionKinds", json::array{kCodeActionKind}}}},
      {"workspace",
       json::object{
           {"workspaceFolders", json::object{{"supported", true}, {"changeNotifications", true}}}}},
  };
  return json::value(json::object{
      {"capabilities", std::move(capabilities)},
      {"serverInfo", json::object{{"name", "gloss"}, {"version", kVersion}}},
  });
}

// Generic LSP clients reach gloss's commands through executeCommand; the single argument is the
// same object the direct method takes.
HandlerResult Server::onExecuteCommand(const protocol::ExecuteCommandParams& params,
                                       RequestContext& ctx) {
  json::value argument = params.arguments.empty() ? json::value() : params.arguments.front();
  if (auto result = codeActions_.execute(params.command, argument, ctx)) return *result;
  if (params.command != "gloss.grep") {
    std::string known;
    for (const auto& name : executeCommands())
      known += (known.empty() ? "" : ", ") + std::string(name.as_string());
    return gloss::unexpected(
        makeError(ErrorCode::InvalidParams,
                  "unknown command '" + params.command + "' (known: " + known + ")"));
  }
  GrepParams grep;
  if (auto error = protocol::parseParams(argument, grep)) {
    return gloss::unexpected(makeError(ErrorCode::InvalidParams, "arguments[0]: " + *error));
  }
  return grepMethods_.onGrep(grep, ctx);
}

void Server::onInitialized(const NoParams&) {
  client_.setForwardLogs(true);
  client_.log(LogLevel::Info, std::string("gloss ") + kVersion + " ready");
  registerFileWatchers();
  startIndexing();
}

std::vector<std::string> Server::folderUris() {
  std::lock_guard lock(stateMutex_);
  std::vector<std::string> uris;
  for (const auto& folder : folders_) uris.push_back(folder.uri);
  return uris;
}

protocol::ClientCapabilities Server::clientCapabilities() {
  std::lock_guard lock(stateMutex_);
  return capabilities_;
}

std::string Server::answersDirectory() {
  return cacheDirectory(workspace_.roots()) + "/answers";
}

indexer::IndexerOptions Server::indexerOptions() {
  std::lock_guard lock(stateMutex_);
  indexer::IndexerOptions options;
  options.walk.excludeGlobs = settings_.exclude;
  options.maxChunkedFileSize = settings_.maxFileSize;
  options.walk.includeHidden = settings_.includeHidden;
  options.walk.followSymlinks = settings_.followSymlinks;
  return options;
}

void Server::startIndexing() {
  std::vector<std::string> roots = workspace_.roots();
  if (!options_.indexing || roots.empty()) return;
  IndexServiceOptions options;
  options.indexer = indexerOptions();
  {
    std::lock_guard lock(stateMutex_);
    options.databasePath = options_.indexPath.empty() ? settings_.indexPath : options_.indexPath;
    options.reportProgress = capabilities_.workDoneProgress;
  }
  auto index = std::make_unique<IndexService>(roots, options, client_);
  index->start();
  workspace_.setIndex(std::move(index));
}

// Editors watch files for us when they can; the index then follows changes made outside them.
void Server::registerFileWatchers() {
  {
    std::lock_guard lock(stateMutex_);
    if (!capabilities_.watchedFilesDynamic) return;
  }
  json::object registration{
      {"id", "gloss-file-watcher"},
      {"method", "workspace/didChangeWatchedFiles"},
      {"registerOptions",
       json::object{{"watchers", json::array{json::object{{"globPattern", "**/*"}}}}}}};
  client_.call("client/registerCapability",
               json::object{{"registrations", json::array{std::move(registration)}}},
               [this](gloss::Expected<json::value, protocol::RpcError> reply) {
                 if (!reply) {
                   client_.log(LogLevel::Warning,
                               "the editor refused file watching: " + reply.error().message);
                 }
               });
}

HandlerResult Server::onShutdown(const NoParams&, RequestContext& ctx) {
  state_ = State::ShuttingDown;
  cancellations_.cancelAll(protocol::idKey(ctx.id));
  return json::value(nullptr);
}

HandlerResult Server::onStatus(const NoParams&, RequestContext&) {
  json::value index = workspace_.index() ? workspace_.index()->status()
                                         : json::value(json::object{{"state", "off"}});
  json::value sessions = sessions_.status();
  std::lock_guard lock(stateMutex_);
  json::array folders;
  for (const auto& folder : folders_) folders.push_back(protocol::toJSON(folder));
  auto uptime = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_);
  return json::value(json::object{
      {"version", kVersion},
      {"client", clientName_},
      {"workspaceFolders", std::move(folders)},
      {"positionEncoding", protocol::positionEncodingName(workspace_.encoding())},
      {"trace", trace_},
      {"requestsServed", requestsServed_.load()},
      {"uptimeMs", uptime.count()},
      {"index", std::move(index)},
      {"provider", providers_.status()},
      {"sessions", std::move(sessions)},
  });
}

void Server::onCancelRequest(const protocol::CancelParams& params) {
  if (!cancellations_.cancel(protocol::idKey(params.id))) {
    client_.log(LogLevel::Debug,
                "cancel for a request not in flight: " + protocol::idKey(params.id));
  }
}

void Server::onSetTrace(const protocol::SetTraceParams& params) {
  std::lock_guard lock(stateMutex_);
  trace_ = params.value;
}

void Server::onDidChangeConfiguration(const protocol::DidChangeConfigurationParams& params) {
  applySettings(params.settings);
}

void Server::applySettings(const json::value& value) {
  std::vector<std::string> warnings;
  json::value raw;
  {
    std::lock_guard lock(stateMutex_);
    warnings = mergeSettings(value, settings_);
    client_.setLogLevel(settings_.logLevel);
    raw = settings_.raw;
    applyLimitsLocked(warnings);
  }
  chatMethods_.setPolicy(policyFromSettings(raw, chatMethods_.policy(), warnings));
  for (const std::string& warning : warnings) client_.log(LogLevel::Warning, warning);
  if (auto error = providers_.configure(raw)) {
    client_.log(LogLevel::Warning, "language model: " + *error);
    client_.showMessage(protocol::MessageType::Warning, "gloss: " + *error);
  }
  if (IndexService* index = workspace_.index()) index->setIndexerOptions(indexerOptions());
}

void Server::applyLimitsLocked(std::vector<std::string>& warnings) {
  workspace_.setLimits({settings_.maxFileSize, settings_.grepMaxFileSize, settings_.maxResults,
                        settings_.maxSymbolResults});
  providers_.setLimits(settings_.maxConcurrentLlmRequests,
                       static_cast<int>(settings_.maxPromptTokens));
  if (!settings_.maxQueuedRequests) return;
  if (options_.maxQueuedRequests) {
    warnings.push_back("settings.maxQueuedRequests: the --max-queued flag wins, ignored");
  } else {
    pool_->setMaxQueued(*settings_.maxQueuedRequests);
  }
}

void Server::onDidChangeWorkspaceFolders(const protocol::DidChangeWorkspaceFoldersParams& params) {
  {
    std::lock_guard lock(stateMutex_);
    for (const auto& gone : params.removed) {
      std::erase_if(folders_, [&](const auto& f) { return f.uri == gone.uri; });
    }
    for (const auto& added : params.added) folders_.push_back(added);
  }
  workspace_.setRoots(rootPaths(folderUris()));
  if (IndexService* index = workspace_.index()) index->setRoots(workspace_.roots());
}

}  // namespace gloss::server
