#include "commands/CommandEnv.h"

#include <fstream>
#include <sstream>

namespace gloss::commands {

std::optional<std::string> CommandEnv::text(const std::string& path) const {
  if (unsaved) {
    if (auto buffer = unsaved(path)) return buffer;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

llm::ChatResult CommandEnv::chat(const llm::ChatRequest& request) const {
  llm::DeltaSink sink = onDelta ? onDelta : [](std::string_view) {};
  llm::CancelCheck cancel = cancelled ? cancelled : [] { return false; };
  return provider.chat(request, sink, cancel);
}

llm::ChatResult CommandEnv::chatQuietly(const llm::ChatRequest& request) const {
  llm::CancelCheck cancel = cancelled ? cancelled : [] { return false; };
  return provider.chat(
      request, [](std::string_view) {}, cancel);
}

}  // namespace gloss::commands
