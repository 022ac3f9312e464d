// ContextBuilder::build: runs the collection stages in order, polling for cancellation between
// them, and turns a database failure inside any stage into the error value.
#include "commands/context/ContextBuilder.h"

#include "commands/context/ContextCollector.h"

namespace gloss::commands {

Expected<BuiltContext, std::string> ContextBuilder::build(const ContextRequest& request,
                                                          const llm::CancelCheck& cancelled) {
  using Stage = void (ContextCollector::*)();
  // Cheapest and most important first: a cancelled build still returns the target.
  static constexpr Stage kStages[] = {
      &ContextCollector::resolveTarget, &ContextCollector::addOutline,
      &ContextCollector::addReferences, &ContextCollector::addDefinitions,
      &ContextCollector::addCallers,    &ContextCollector::addSearch,
  };
  try {
    ContextCollector collector(index_, unsaved_, request);
    for (Stage stage : kStages) {
      if (cancelled && cancelled()) break;
      (collector.*stage)();
    }
    return collector.finish();
  } catch (const ContextDbFailure& failure) {
    return unexpected("index query failed: " + failure.message);
  }
}

}  // namespace gloss::commands
