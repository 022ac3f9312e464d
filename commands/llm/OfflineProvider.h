// The provider when no language model is configured: no network; it answers with the context
// the index supplied (titles and leading lines), clearly labelled as the offline provider.
// Deterministic, so it also serves tests and CI.
#pragma once

#include "commands/llm/Provider.h"

namespace gloss::llm {

class OfflineProvider final : public Provider {
 public:
  using Provider::Provider;

  // Streams a heading, then one delta per context piece; stops early when cancelled.
  ChatResult chat(const ChatRequest& request, const DeltaSink& onDelta,
                  const CancelCheck& cancelled) const override;
  Health checkHealth(const CancelCheck& cancelled) const override;
};

// The first line of the offline answer; callers may look for it.
inline constexpr std::string_view kOfflineHeading =
    "Offline provider: no language model is configured";

}  // namespace gloss::llm
