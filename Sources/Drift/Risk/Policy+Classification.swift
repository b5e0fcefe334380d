import JSON

extension Policy {
    /// What a step does to the risk state under this policy, with the evidence.
    ///
    /// Labels on the step win over derived values; a failed call exposes nothing and
    /// leaves reversibility alone but still raises T (the agent reached for the tool).
    public func effect(of step: Step) -> StepEffect {
        let (profile, source) = tools.classify(step.tool)
        var effect = StepEffect(unknownTool: source == .default)
        effect.escalation = step.labels.escalation ?? profile.escalation
        effect.evidence.append("tool \(step.tool): \(effect.escalation.className) (\(step.labels.escalation != nil ? "label" : source.description))")
        if step.failed {
            effect.evidence.append("the call failed: nothing exposed or changed")
            return effect
        }
        effect.reversibility = step.labels.reversibility ?? profile.reversibility
        if effect.escalation == .network, step.labels.escalation == nil {
            applyDestinations(of: step, to: &effect)
        }

        if let exposes = step.labels.exposes {
            effect.exposure = exposes
            if exposes > .none { effect.evidence.append("exposes \(exposes.name) (label)") }
        } else if !paths.isEmpty {
            var strongest: (DataExposure, String)?
            step.arguments.forEachPathLikeWord { word in
                for rule in paths where rule.exposes > (strongest?.0 ?? .none) && rule.matches(word) {
                    strongest = (rule.exposes, "\(word) matches \"\(rule.glob.pattern)\"")
                }
            }
            if let (level, why) = strongest {
                effect.exposure = level
                effect.evidence.append("exposes \(level.name): \(why)")
            }
        }

        var instructed = false
        if content.isEnabled {
            var found: [(DataExposure, Bool, [String])] = []
            if let result = step.result, !result.isEmpty { found.append(content.assess(result, source: "result")) }
            if content.scanOutgoingArguments, effect.escalation == .network {
                let outgoing = step.arguments.contentText(excluding: Destinations.recipientKeys)
                if !outgoing.isEmpty { found.append(content.assess(outgoing, source: "outgoing arguments")) }
            }
            for (exposure, injection, evidence) in found {
                if step.labels.exposes == nil, exposure > effect.exposure { effect.exposure = exposure }
                instructed = instructed || injection
                if step.labels.exposes == nil || injection { effect.evidence += evidence }
            }
        }

        if let taint = step.labels.taint {
            effect.taint = taint
            if taint > .none { effect.evidence.append("taint \(taint.name) (label)") }
        } else if instructed {
            effect.taint = .instructed
        } else if profile.untrustedSource {
            effect.taint = .untrusted
            effect.evidence.append("taint UNTRUSTED: \(step.tool) brings in outside content")
        }
        return effect
    }
}

extension Policy {
    /// Lowers a network step whose every destination is internal to an internal write.
    private func applyDestinations(of step: Step, to effect: inout StepEffect) {
        let hosts = destinations.hosts(in: step.arguments)
        guard !hosts.isEmpty else { return }
        if let external = hosts.first(where: { !destinations.isInternal($0) }) {
            effect.evidence.append("external destination \(external)")
            return
        }
        effect.escalation = destinations.internalEscalation
        if step.labels.reversibility == nil { effect.reversibility = destinations.internalReversibility }
        effect.evidence.append("internal destination \(hosts[0]): treated as \(effect.escalation.className)")
    }
}

extension JSONValue {
    /// The text of every string in the value, one per line, leaving out members whose key
    /// is in `excluded` (recipients: where the data goes, not what it is).
    func contentText(excluding excluded: Set<String>) -> String {
        var parts: [String] = []
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let text): parts.append(text)
            case .array(let items): items.forEach(visit)
            case .object(let object):
                for member in object.members where !excluded.contains(member.key.lowercased()) { visit(member.value) }
            case .null, .bool, .number: break
            }
        }
        visit(self)
        return parts.joined(separator: "\n")
    }

    /// Calls `body` with every whitespace-separated word of every string in the value
    /// that looks like a path (contains `/`, or starts with `.` or `~`).
    func forEachPathLikeWord(_ body: (String) -> Void) {
        switch self {
        case .string(let text):
            for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "'" || $0 == "\"" }) {
                if word.contains("/") || word.hasPrefix(".") || word.hasPrefix("~") { body(String(word)) }
            }
        case .array(let items):
            for item in items { item.forEachPathLikeWord(body) }
        case .object(let object):
            for member in object.members { member.value.forEachPathLikeWord(body) }
        case .null, .bool, .number:
            break
        }
    }
}
