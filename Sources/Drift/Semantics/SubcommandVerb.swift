/// The verb lexicon for tools driven by subcommands (`aws s3 rm`, `gcloud compute
/// instances delete`, `heroku apps:destroy`): the first word part decides.
///
/// A subcommand is split at `-`, `_`, `:` and `.`; its first part is looked up
/// (`delete-bucket` -> `delete`, `apps:destroy` -> the last part, `destroy`, for
/// colon namespaces). Words that are no verb yield nil, so the caller keeps looking.
enum SubcommandVerb {
    private static let destroy: Set<String> = [
        "delete", "destroy", "remove", "rm", "rb", "del", "purge", "prune", "drop", "terminate", "wipe", "erase",
        "uninstall", "unpublish", "truncate", "flush", "flushall", "flushdb", "deregister", "nuke", "obliterate",
        "decommission", "reset", "clear", "clean", "rmi", "rmr", "deleteall", "shred", "teardown", "evict",
    ]
    private static let grant: Set<String> = ["grant", "chmod", "chown", "setfacl", "impersonate", "assume", "elevate", "sudo", "promote"]
    private static let send: Set<String> = ["publish", "upload", "send", "push", "post", "share", "email", "mail", "notify", "invite", "transfer"]
    private static let stop: Set<String> = ["kill", "stop", "halt", "shutdown", "poweroff", "reboot", "suspend", "pause", "disable", "scale-to-zero"]
    private static let write: Set<String> = [
        "create", "put", "update", "set", "add", "deploy", "apply", "patch", "edit", "modify", "start", "run", "cp", "mv",
        "sync", "import", "install", "restore", "attach", "enable", "rename", "tag", "label", "write", "insert", "replace",
        "scale", "rollout", "restart", "init", "new", "make", "build", "commit", "merge", "move", "copy", "mb", "mkdir",
    ]
    private static let read: Set<String> = [
        "get", "list", "ls", "describe", "show", "view", "status", "logs", "log", "help", "version", "info", "inspect",
        "search", "find", "cat", "head", "stat", "query", "read", "top", "whoami", "check", "diff", "plan", "validate",
        "lookup", "explain", "config", "auth", "login",
    ]

    static func effects(of word: String) -> CommandEffects? {
        guard word.utf8.count <= 64, let first = word.utf8.first, Byte.isLetter(first) else { return nil }
        let lower = word.lowercased()
        var parts = lower.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        if lower.contains(":"), let last = lower.split(separator: ":").last { parts = [last] }
        guard let verb = parts.first.map(String.init) else { return nil }
        if destroy.contains(verb) {
            // `delete-user`, `remove-iam-policy-binding` take rights away: still destroy.
            return .destroy
        }
        if grant.contains(verb) { return .privilege }
        if (verb == "add" || verb == "attach" || verb == "put" || verb == "set" || verb == "create" || verb == "update")
            && parts.dropFirst().contains(where: { ["iam", "policy", "role", "permission", "permissions", "acl", "admin", "member", "binding", "access"].contains($0) }) {
            return .privilege
        }
        if send.contains(verb) { return .egress }
        if stop.contains(verb) { return .processKill }
        if write.contains(verb) { return .write }
        if read.contains(verb) { return .read }
        return nil
    }
}
