// The offline /explain answer: a structured card from the index — signature, doc comment,
// where it is defined, who calls it (with the calling lines), what it calls, its size. It says
// only what the index knows; the heading from the offline provider already says no model was
// asked.
#pragma once

#include <string>

#include "commands/context/ContextBuilder.h"

namespace gloss::commands {

std::string explainCard(const BuiltContext& context, const std::string& root);

}  // namespace gloss::commands
