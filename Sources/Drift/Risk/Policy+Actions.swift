import JSON

extension Policy {
    /// The argument members that carry what an exec-class tool runs, most specific first.
    static let commandKeys = [
        "command", "cmd", "commands", "shell_command", "bash_command", "command_line", "commandline", "script", "code",
        "source", "program", "expression", "sql", "query", "statement", "input", "args", "text",
    ]
    static let sqlKeys: Set<String> = ["sql", "query", "statement"]
    static let codeKeys: Set<String> = ["code", "source", "program", "expression", "script"]

    /// Reads the command line, SQL statement or code an exec-class step runs, and raises
    /// impact, reversibility and T by what it does; egress hosts and recipients, and the
    /// paths it destroys, become the step's targets.
    func applyCommand(of step: Step, profile: ToolTaxonomy.Profile, to effect: inout StepEffect, targets: inout [Target], explain: Bool) {
        guard let (key, text) = Self.commandText(in: step.arguments), !text.isEmpty else { return }
        let lowerTool = step.tool.lowercased()
        let analysis: CommandAnalysis
        if Self.sqlKeys.contains(key) || (profile.objects.contains(.database) && !profile.objects.contains(.shell)) {
            analysis = SQLStatementAnalyzer.analyze(text)
        } else if Self.codeKeys.contains(key) || lowerTool.contains("python") || lowerTool.contains("javascript")
            || lowerTool.contains("node") || lowerTool.contains("eval") || lowerTool.contains("code")
        {
            var merged = CodeSnippetAnalyzer.analyze(text)
            if merged.effects.isEmpty { merged = CommandLineAnalyzer.analyze(text) }
            analysis = merged
        } else {
            analysis = CommandLineAnalyzer.analyze(text)
        }
        var e = analysis.effects
        // `sudo` marks privilege, but running a program as root grants nobody anything:
        // only a program that changes who may do what makes the command a grant.
        if e.contains(.privilege), !analysis.programs.contains(where: Self.grantingPrograms.contains) { e.remove(.privilege) }
        guard !e.isEmpty else { return }
        var impact = Impact.none
        if !e.isDisjoint(with: [.destroy, .privilege, .processKill, .persistence]) { impact = .consequential }
        if !e.isDisjoint(with: [.destroyBroad, .downloadAndRun, .disableProtection]) { impact = .severe }
        effect.impact = max(effect.impact, impact)
        if e.contains(.destroy) || e.contains(.destroyBroad) { effect.action = max(effect.action, .destroy) }
        if e.contains(.privilege) { effect.action = max(effect.action, .grantAccess) }
        if !e.isDisjoint(with: [.destroy, .destroyBroad, .egress]) { effect.reversibility = .irreversible }
        if e.contains(.egress) {
            effect.escalation = .network
            // A download run on the spot is code execution; other egress sends.
            if effect.action < .communicate, !e.contains(.downloadAndRun) { effect.action = .communicate }
        } else if e.isDisjoint(with: [.read]) || e.contains(.write) {
            effect.escalation = max(effect.escalation, .codeExec)
        }
        if e == [.read] { effect.reversibility = nil }
        for host in analysis.hosts { targets.append(Target(kind: .host, value: host)) }
        for recipient in analysis.recipients { targets.append(Target(kind: .email, value: recipient)) }
        if !e.isDisjoint(with: [.destroy, .destroyBroad, .privilege]) {
            for path in analysis.paths where path.hasPrefix("/") || path.hasPrefix("~") {
                targets.append(Target.normalized(path, as: .path) ?? Target(kind: .path, value: path))
            }
        }
        if explain {
            let names = Self.effectNames.filter { e.contains($0.0) }.map(\.1).joined(separator: ", ")
            let finding = analysis.finding.map { " (\(Self.quoted($0)))" } ?? ""
            effect.evidence.append("\(key): \(names)\(finding)\(impact > .none ? " -> impact \(impact.name)" : "")")
        }
    }

    static let grantingPrograms: Set<String> = [
        "chmod", "chown", "chgrp", "setfacl", "useradd", "usermod", "adduser", "passwd", "chpasswd", "visudo", "gpasswd",
        "groupadd", "ssh-keygen", "ssh-copy-id", "psql", "mysql", "tee", "cp", "echo",
    ]

    static let effectNames: [(CommandEffects, String)] = [
        (.read, "read"), (.write, "write"), (.destroy, "destroy"), (.destroyBroad, "broad destruction"), (.egress, "egress"),
        (.privilege, "privilege"), (.downloadAndRun, "download and run"), (.processKill, "process kill"),
        (.persistence, "persistence"), (.disableProtection, "disables a protection"),
    ]

    /// The command text of a step: the first string member under a command-like key, or
    /// the arguments themselves when they are one string, or the only string member.
    static func commandText(in arguments: JSONValue) -> (key: String, text: String)? {
        switch arguments {
        case .string(let text): return ("command", text)
        case .array(let items):
            let words = items.compactMap(\.stringValue)
            return words.count == items.count && !words.isEmpty ? ("command", words.joined(separator: " ")) : nil
        case .object(let object):
            for key in commandKeys {
                for member in object.members where member.key.lowercased() == key {
                    if let text = member.value.stringValue { return (key, text) }
                    if case .array(let items) = member.value {
                        let words = items.compactMap(\.stringValue)
                        if !words.isEmpty { return (key, words.joined(separator: " ")) }
                    }
                }
            }
            let strings = object.members.compactMap { m in m.value.stringValue.map { (m.key.lowercased(), $0) } }
            return strings.count == 1 ? strings[0] : nil
        case .null, .bool, .number: return nil
        }
    }

    /// The kinds of target each action is aimed at: where a message or money goes for
    /// the senders, what is removed for the destroyers. Attachments and amounts are what
    /// is sent, not where: they are left out.
    static func targetKinds(of action: ActionClass) -> Set<TargetKind> {
        switch action {
        case .communicate, .transferValue, .grantAccess: [.email, .url, .host, .iban, .account, .phone]
        case .destroy: [.email, .url, .host, .path, .iban, .account, .phone]
        case .execute: [.email, .url, .host]
        // A read is aimed at a URL too: fetching one that instructing content supplied
        // can carry data out in its query (only INSTRUCTED counts for reads, below).
        case .read: [.url]
        case .write, .actuate: []
        }
    }

    /// Classifies each target of a directed action as TASK, NEW, UNTRUSTED or
    /// INSTRUCTED against the session's index; the step's provenance is the strongest.
    func applyProvenance(
        of step: Step, action: ActionClass, commandTargets: [Target], context: SessionContext, to effect: inout StepEffect, explain: Bool
    ) {
        let taken = max(action, effect.action)
        let kinds = Self.targetKinds(of: taken)
        var targets = commandTargets
        if !kinds.isEmpty {
            // Senders are aimed at what their recipient-like keys hold; a destroyer at
            // whatever its arguments name.
            let keyedOnly = taken == .communicate || taken == .transferValue || taken == .grantAccess
            // A relative path is inside the agent's working folder: scoped, not aimed.
            for target in TargetExtractor.targets(in: step.arguments, keyedOnly: keyedOnly)
            where kinds.contains(target.kind) && !targets.contains(target)
                && !(target.kind == .path && !target.value.hasPrefix("/") && !target.value.hasPrefix("~")) {
                targets.append(target)
            }
        }
        // The action's own mandate: a consequential action (or a message or payment) of a
        // class the task never asks for was the agent's idea, or someone else's. Without
        // a task there is nothing to compare with and the mandate is not judged.
        var mandate = TargetProvenance.none
        var mandateWhy: String?
        if context.hasTask, taken != .read, taken != .write, effect.impact > .none || taken == .communicate || taken == .transferValue {
            if context.taskRequests(taken) {
                mandate = .task
                if explain { mandateWhy = "the task asks for a \(taken.name) action" }
            } else {
                mandate = .new
                if explain { mandateWhy = "the task asks for no \(taken.name) action" }
            }
        }
        var strongest = TargetProvenance.none
        var why: String?
        for target in targets.prefix(16) {
            let (provenance, reason) = classify(target, in: context, explain: explain)
            if provenance > strongest || why == nil, provenance >= strongest {
                strongest = provenance
                why = reason
            }
        }
        if mandate == .new, strongest == .untrusted {
            // Nobody asked for the action and its target came out of a tool result: the
            // content directed it, whether or not its words were caught as instructions.
            strongest = .instructed
            if explain, let reason = why { why = "\(mandateWhy!) and \(reason.replacingOccurrences(of: " -> target UNTRUSTED", with: "")): directed by content -> target INSTRUCTED" }
        } else if mandate > strongest {
            strongest = mandate
            if explain, let mandateWhy { why = "\(mandateWhy) -> target \(mandate.name)" }
        } else if explain, let mandateWhy, let reason = why, mandate != .none {
            why = "\(reason) (\(mandateWhy))"
        }
        guard strongest > .none else { return }
        // Following links is what reading is for: a read counts only when it fetches what
        // instructing content told the agent to fetch.
        if action == .read, effect.action == .read, strongest < .instructed { return }
        effect.target = strongest
        if explain, let why { effect.evidence.append(why) }
    }

    func classify(_ target: Target, in context: SessionContext, explain: Bool) -> (TargetProvenance, String?) {
        let label = Self.targetLabel(target.kind)
        let shown = Self.quoted(target.value)
        if let host = Self.host(of: target), destinations.isInternal(host) {
            return (.task, explain ? "\(label) \(shown) is internal (\(host)): trusted like the task" : nil)
        }
        let task = context.hasTask ? "the task does not mention it" : "the session has no task to compare with"
        guard let sighting = context.targets.sighting(of: target) ?? Self.homeRelative(target).flatMap(context.targets.sighting(of:)) else {
            if explain, context.targets.isNamedInTask(target) {
                return (.new, "\(label) \(shown) appears nowhere before this step, though its name matches a word of the task -> target NEW")
            }
            return (.new, explain ? "\(label) \(shown) appears nowhere before this step and \(task) -> target NEW" : nil)
        }
        let from = explain ? "the result of step \(sighting.step)\(sighting.sourceTool.map { ", \(Self.quoted($0))" } ?? "")" : ""
        switch sighting.source {
        case .task:
            return (.task, explain ? "\(label) \(shown) was named in the task -> target TASK" : nil)
        case .untrusted:
            if context.targets.isNamedInTask(target) {
                return (.task, explain ? "\(label) \(shown) first appeared in \(from), and the task names it -> target TASK" : nil)
            }
            return (.untrusted, explain ? "\(label) \(shown) first appeared in \(from); \(task) -> target UNTRUSTED" : nil)
        case .instructed:
            return (.instructed, explain ? "\(label) \(shown) first appeared in \(from), which addressed instructions to the agent; \(task) -> target INSTRUCTED" : nil)
        }
    }

    /// `/home/ann/notes/x.txt` as the task would say it: `~/notes/x.txt`.
    static func homeRelative(_ target: Target) -> Target? {
        guard target.kind == .path else { return nil }
        let parts = target.value.split(separator: "/", omittingEmptySubsequences: true)
        let rest: ArraySlice<Substring>
        if target.value.hasPrefix("/home/") || target.value.hasPrefix("/Users/"), parts.count > 2 {
            rest = parts.dropFirst(2)
        } else if target.value.hasPrefix("/root/"), parts.count > 1 {
            rest = parts.dropFirst(1)
        } else {
            return nil
        }
        return Target.normalized("~/" + rest.joined(separator: "/"), as: .path)
    }

    static func targetLabel(_ kind: TargetKind) -> String {
        switch kind {
        case .email: "recipient"
        case .url: "URL"
        case .host: "host"
        case .iban: "IBAN"
        case .account: "account"
        case .phone: "phone number"
        case .path: "path"
        case .amount: "amount"
        }
    }

    static func host(of target: Target) -> String? {
        switch target.kind {
        case .host: return target.value
        case .email: return target.value.split(separator: "@").last.map(String.init)
        case .url:
            guard let range = target.value.range(of: "://") else { return nil }
            return String(target.value[range.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "?" })
        default: return nil
        }
    }

    /// A client string made safe for evidence: at most 80 characters, control characters
    /// escaped, in quotes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= 80 {
                out += "..."
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out + "\""
    }
}
