#include "server/TestMethods.h"

#include <chrono>
#include <thread>

#include "server/ChatStream.h"
#include "server/Progress.h"

namespace gloss::server {
namespace {

struct SleepParams {
  int ms = 0;
};
bool fromJSON(const json::value& v, SleepParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  if (!o || !o.map("ms", out.ms)) return false;
  if (out.ms < 0 || out.ms > 600000) return path.field("ms").report("expected 0..600000");
  return true;
}

struct StreamParams {
  int count = 0;
  int delayMs = 0;
};
bool fromJSON(const json::value& v, StreamParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("count", out.count) && o.mapOptional("delayMs", out.delayMs);
}

// Sleeps in small steps so that cancellation is noticed within a few milliseconds.
bool sleepUnlessCancelled(int ms, const RequestContext& ctx) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ctx.cancelled()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return !ctx.cancelled();
}

HandlerResult sleep(const SleepParams& params, RequestContext& ctx) {
  if (!sleepUnlessCancelled(params.ms, ctx)) return cancelledResult();
  return json::value(json::object{{"slept", params.ms}});
}

HandlerResult stream(const StreamParams& params, RequestContext& ctx) {
  auto progress = WorkDoneProgress::begin(ctx.client, ctx.progress.workDoneToken, false,
                                          "gloss test stream", true);
  PartialResults partial(ctx.client, ctx.progress.partialResultToken);
  json::array all;
  for (int i = 0; i < params.count; ++i) {
    if (!sleepUnlessCancelled(params.delayMs, ctx)) {
      progress->end("cancelled");
      return cancelledResult();
    }
    partial.send(json::array{i});
    all.push_back(i);
    progress->report(std::to_string(i + 1) + "/" + std::to_string(params.count),
                     (i + 1) * 100 / params.count);
  }
  progress->end("done");
  // The final result repeats everything, so a client that ignored the stream loses nothing.
  return json::value(std::move(all));
}

struct ChatParams {
  std::string message;
  std::string system;
};
bool fromJSON(const json::value& v, ChatParams& out, protocol::JsonPath path) {
  protocol::ObjectMapper o(v, path);
  return o && o.map("message", out.message) && o.mapOptional("system", out.system);
}

// One provider chat, streamed: the plumbing that gloss/chat builds on, testable on its own.
HandlerResult chat(ProviderService& providers, const ChatParams& params, RequestContext& ctx) {
  auto progress = WorkDoneProgress::begin(ctx.client, ctx.progress.workDoneToken, false,
                                          "gloss test chat", true);
  auto provider = providers.forRequest([&progress](std::size_t inFlight) {
    if (progress) progress->report(slotWaitMessage(inFlight));
  });
  llm::ChatRequest request;
  request.task = "test";
  request.system = params.system;
  request.messages.push_back({"user", params.message});
  ChatStreamOutcome outcome = streamChat(*provider, request, ctx);
  if (progress) progress->end(outcome.cancelled ? "cancelled" : "done");
  if (outcome.cancelled) return cancelledResult();
  return json::value(chatResultJson(*provider, outcome.result));
}

}  // namespace

void registerTestMethods(MethodTable& table, ProviderService& providers) {
  table.method<SleepParams>("gloss/test/sleep", sleep);
  table.method<StreamParams>("gloss/test/stream", stream);
  table.method<ChatParams>(
      "gloss/test/chat",
      [&providers](const ChatParams& p, RequestContext& ctx) { return chat(providers, p, ctx); });
}

}  // namespace gloss::server
