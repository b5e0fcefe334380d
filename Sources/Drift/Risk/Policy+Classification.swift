import JSON

extension Policy {
    /// What a step does to the risk state under this policy, in a session that knows
    /// `context` (declared tools, the target index). The context is not changed: call
    /// `record(_:effect:in:)` once the step is taken.
    ///
    /// Labels on the step win over derived values; a failed call exposes nothing and
    /// leaves reversibility alone but still raises T (the agent reached for the tool).
    /// With `explain`, the effect carries the evidence as sentences; without, nothing is
    /// formatted, which is what keeps the hot path free of string building.
    public func effect(of step: Step, in context: SessionContext = SessionContext(), explain: Bool = true) -> StepEffect {
        let (profile, source) = tools.classify(step.tool, declared: context.tools.isEmpty ? nil : context.tools[step.tool])
        var effect = StepEffect(unknownTool: source == .default)
        effect.escalation = step.labels.escalation ?? profile.escalation
        effect.action = profile.action ?? .read
        if explain {
            let what = profile.action.map { $0.name == effect.escalation.className ? $0.name : "\($0.name), \(effect.escalation.className)" }
                ?? effect.escalation.className
            effect.evidence.append("tool \(step.tool): \(what) (\(step.labels.escalation != nil ? "label" : source.description))")
        }
        if step.failed {
            if explain { effect.evidence.append("the call failed: nothing exposed or changed") }
            return effect
        }
        effect.reversibility = step.labels.reversibility ?? profile.reversibility
        if step.labels.escalation == nil { effect.impact = profile.action?.impact ?? .none }
        var commandTargets: [Target] = []
        if tools.infers, step.labels.escalation == nil,
            profile.action == .execute || profile.escalation == .codeExec || profile.objects.contains(.database)
        {
            applyCommand(of: step, profile: profile, to: &effect, targets: &commandTargets, explain: explain)
        }
        if effect.escalation == .network, step.labels.escalation == nil {
            applyDestinations(of: step, to: &effect, explain: explain)
        }

        if let exposes = step.labels.exposes {
            effect.exposure = exposes
            if explain, exposes > .none { effect.evidence.append("exposes \(exposes.name) (label)") }
        } else {
            if profile.exposes > .none {
                effect.exposure = profile.exposes
                if explain { effect.evidence.append("exposes \(profile.exposes.name): \(step.tool) reads \(profile.objects.names) data") }
            }
            if !paths.isEmpty {
                var strongest = effect.exposure
                var why: (word: String, rule: PathRule)?
                step.arguments.forEachPathLikeWord { word in
                    for rule in paths where rule.exposes > strongest && rule.matches(bytes: word) {
                        strongest = rule.exposes
                        if explain { why = (String(decoding: word, as: UTF8.self), rule) }
                    }
                    return strongest < .credentials
                }
                effect.exposure = strongest
                if let why { effect.evidence.append("exposes \(strongest.name): \(why.word) matches \"\(why.rule.glob.pattern)\"") }
            }
        }

        var instructed = false
        // A step whose labels already give its exposure and taint leaves the detectors
        // nothing to decide; one with only the exposure labelled needs the injection
        // detector alone. (Labelled corpora fit that much faster.)
        if content.isEnabled, !explain, step.labels.exposes != nil {
            if step.labels.taint == nil {
                if let result = step.result, !result.isEmpty { instructed = content.isInstructed(result) }
                if !instructed, content.scanOutgoingArguments, effect.escalation == .network {
                    step.arguments.forEachContentString(excluding: Destinations.recipientKeys) { text in
                        if !instructed { instructed = content.isInstructed(text) }
                    }
                }
            }
        } else if content.isEnabled {
            if let result = step.result, !result.isEmpty {
                apply(content.assess(result, source: "result", explain: explain), to: &effect, step: step, instructed: &instructed)
            }
            if content.scanOutgoingArguments, effect.escalation == .network {
                apply(content.assessOutgoing(step.arguments, explain: explain), to: &effect, step: step, instructed: &instructed)
            }
        }

        if let taint = step.labels.taint {
            effect.taint = taint
            if explain, taint > .none { effect.evidence.append("taint \(taint.name) (label)") }
        } else if instructed {
            effect.taint = .instructed
        } else if profile.untrustedSource {
            effect.taint = .untrusted
            if explain { effect.evidence.append("taint UNTRUSTED: \(step.tool) brings in outside content") }
        }

        if provenance.enabled, step.labels.escalation == nil, let action = profile.action, action.isDirected || action == .read {
            applyProvenance(of: step, action: action, commandTargets: commandTargets, context: context, to: &effect, explain: explain)
        }
        return effect
    }

    /// Remembers what a taken step brought into the session: every value in its result,
    /// as coming from a tool result, or from instructed content when the step's result
    /// addressed instructions to the agent.
    public func record(_ step: Step, effect: StepEffect, in context: inout SessionContext) {
        context.steps += 1
        guard provenance.enabled, !step.failed, let result = step.result, !result.isEmpty else { return }
        context.targets.record(result, source: effect.taint == .instructed ? .instructed : .untrusted, step: context.steps, tool: step.tool)
    }

    private func apply(
        _ found: (exposure: DataExposure, instructed: Bool, evidence: [String]), to effect: inout StepEffect, step: Step,
        instructed: inout Bool
    ) {
        if step.labels.exposes == nil, found.exposure > effect.exposure { effect.exposure = found.exposure }
        instructed = instructed || found.instructed
        if step.labels.exposes == nil || found.instructed { effect.evidence += found.evidence }
    }
}

extension Policy {
    /// Lowers a network step whose every destination is internal to an internal write.
    private func applyDestinations(of step: Step, to effect: inout StepEffect, explain: Bool) {
        let hosts = destinations.hosts(in: step.arguments)
        guard !hosts.isEmpty else { return }
        if let external = hosts.first(where: { !destinations.isInternal($0) }) {
            if explain { effect.evidence.append("external destination \(external)") }
            return
        }
        effect.escalation = destinations.internalEscalation
        if step.labels.reversibility == nil { effect.reversibility = destinations.internalReversibility }
        if explain { effect.evidence.append("internal destination \(hosts[0]): treated as \(effect.escalation.className)") }
    }
}

extension JSONValue {
    /// The text of every string in the value, one per line, leaving out members whose key
    /// is in `excluded` (recipients: where the data goes, not what it is).
    func contentText(excluding excluded: Set<String>) -> String {
        var parts: [String] = []
        forEachContentString(excluding: excluded) { parts.append($0) }
        return parts.joined(separator: "\n")
    }

    /// Calls `body` with every string in the value, leaving out members whose key is in
    /// `excluded` (compared in lower case).
    func forEachContentString(excluding excluded: Set<String>, _ body: (String) -> Void) {
        switch self {
        case .string(let text): body(text)
        case .array(let items): for item in items { item.forEachContentString(excluding: excluded, body) }
        case .object(let object):
            for member in object.members where !excluded.contains(member.key.lowercased()) {
                member.value.forEachContentString(excluding: excluded, body)
            }
        case .null, .bool, .number: break
        }
    }

    /// Calls `body` with every whitespace- or quote-separated word, as UTF-8 bytes, of
    /// every string in the value that looks like a path (contains `/`, or starts with
    /// `.` or `~`), until `body` returns false. Nothing is allocated for native strings.
    func forEachPathLikeWord(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        _ = visitPathLikeWords(body)
    }

    private func visitPathLikeWords(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        switch self {
        case .string(var text):
            return text.withUTF8 { bytes in
                var start = 0
                var sawSlash = false
                var i = 0
                while i <= bytes.count {
                    let b: UInt8 = i < bytes.count ? bytes[i] : 32
                    switch b {
                    case 32, 10, 9, 13, 39, 34:
                        if i > start, sawSlash || bytes[start] == 46 || bytes[start] == 126 {
                            if !body(UnsafeBufferPointer(rebasing: bytes[start..<i])) { return false }
                        }
                        start = i + 1
                        sawSlash = false
                    case 47:
                        sawSlash = true
                    default:
                        break
                    }
                    i += 1
                }
                return true
            }
        case .array(let items):
            for item in items where !item.visitPathLikeWords(body) { return false }
            return true
        case .object(let object):
            for member in object.members where !member.value.visitPathLikeWords(body) { return false }
            return true
        case .null, .bool, .number:
            return true
        }
    }
}
