#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "embed/embedder.h"

namespace sanad::cli {

namespace {
struct EmbedArgs {
  std::string model_dir;
  bool query = false;
  bool int8 = false;
  std::vector<std::string> texts;
};
}  // namespace

void add_embed_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<EmbedArgs>();
  auto* cmd = app.add_subcommand(
      "embed", "Encode texts with a local model folder and print one JSON array of vectors (to check a model)");
  cmd->add_option("--model", args->model_dir, "Hugging Face / sentence-transformers model folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--query", args->query, "encode as queries (the model's query prefix) instead of passages");
  cmd->add_flag("--int8", args->int8, "run the linear layers in int8, as SANAD_EMBED_PRECISION=int8 does");
  cmd->add_option("texts", args->texts, "texts to encode")->required();
  cmd->callback([&action, args] {
    action = [args] {
      auto json = embed::embed_command_json(args->model_dir, args->query, args->texts, args->int8);
      if (!json) return fail(json.status());
      std::printf("%s\n", json->c_str());
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
