#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "accounts/audit_log.h"
#include "cli/command.h"
#include "cli/library_context.h"
#include "library/permissions.h"

namespace sanad::cli {

namespace {

int grant(const std::string& folder_name, const std::string& principal, const std::string& permission_name) {
  auto permission = library::parse_permission(permission_name);
  if (!permission) return fail(permission.status());
  if (Status s = library::validate_principal(principal); !s) return fail(s);
  auto config = load_effective_config();
  if (!config) return fail(config.status());
  auto ctx = open_library(*config);
  if (!ctx) return fail(ctx.status());
  auto folder = ctx->library->ensure_root_folder(folder_name);
  if (!folder) return fail(folder.status());
  library::Permissions permissions(*ctx->db);
  auto entries = permissions.set_entry(folder->id, {principal, *permission});
  if (!entries) return fail(entries.status());
  accounts::AuditLog audit(*ctx->db);
  accounts::AuditEvent event;
  event.event = "folder.permissions";
  event.target = folder->id;
  event.detail = {{"via", "sanad folder grant"}, {"principal", principal}, {"permission", permission_name}};
  if (Status s = audit.record(std::move(event)); !s) return fail(s);
  std::printf("folder '%s': %s may %s (and what that implies); %zu entries of its own\n", folder->name.c_str(),
              principal.c_str(), permission_name.c_str(), entries->size());
  return kExitOk;
}

}  // namespace

void add_folder_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("folder", "Manage library folders from the command line");
  cmd->require_subcommand(1, 1);
  auto* grant_cmd = cmd->add_subcommand(
      "grant", "Give PRINCIPAL (everyone, user:<id> or group:<id>) PERMISSION (read, write or manage) on the root "
               "folder NAME (created when missing); its other entries are kept, sub-folders inherit");
  auto name = std::make_shared<std::string>();
  auto principal = std::make_shared<std::string>();
  auto permission = std::make_shared<std::string>();
  grant_cmd->add_option("NAME", *name, "root folder name (as in `sanad index --folder`)")->required();
  grant_cmd->add_option("PRINCIPAL", *principal, "everyone, user:<id> or group:<id>")->required();
  grant_cmd->add_option("PERMISSION", *permission, "read, write or manage")->required();
  grant_cmd->callback([&action, name, principal, permission] {
    action = [name, principal, permission] { return grant(*name, *principal, *permission); };
  });
}

}  // namespace sanad::cli
