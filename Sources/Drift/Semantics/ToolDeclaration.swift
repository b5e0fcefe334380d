import JSON

/// A tool as a framework declares it: name, description, and the MCP annotations
/// (`readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint`). A hint is
/// nil when the declaration does not give it: MCP's defaults (not read-only,
/// destructive, open world) say nothing about this tool and are not taken as evidence.
public struct ToolDeclaration: Hashable, Sendable {
    public var name: String
    public var description: String?
    public var readOnly: Bool?
    public var destructive: Bool?
    public var idempotent: Bool?
    public var openWorld: Bool?

    public init(name: String, description: String? = nil, readOnly: Bool? = nil, destructive: Bool? = nil, idempotent: Bool? = nil, openWorld: Bool? = nil) {
        self.name = name
        self.description = description
        self.readOnly = readOnly
        self.destructive = destructive
        self.idempotent = idempotent
        self.openWorld = openWorld
    }

    /// The longest description kept: the lexicon reads only the first words.
    public static let maximumDescriptionBytes = 1024

    /// The tool's meaning: the graver of what its name and its description's first verb
    /// say, with the objects of both (a name in a vocabulary the lexicon lacks, such as
    /// `openEntrance`, is read through "Unlock a smart lock."); then the annotations,
    /// which beat both. Taking the graver reading is the monitor's side of doubt.
    public var meaning: ToolMeaning? {
        var meaning = ToolMeaning.infer(fromName: name)
        if let description, let described = ToolMeaning.infer(fromDescription: description) {
            if var named = meaning {
                named.objects.formUnion(described.objects)
                if described.action > named.action {
                    named.action = described.action
                    named.verb = described.verb
                    named.basis = "description"
                }
                meaning = named
            } else {
                meaning = described
            }
        }
        if readOnly == true {
            var read = meaning ?? ToolMeaning(action: .read, objects: [], verb: "", basis: "annotations")
            if read.action != .read {
                read.action = .read
                read.basis = "annotations"
            }
            if openWorld == true, read.objects.isDisjoint(with: .untrustedChannels) { read.objects.insert(.web) }
            return read
        }
        if destructive == true, meaning.map({ $0.action == .write }) ?? true {
            var destroy = meaning ?? ToolMeaning(action: .destroy, objects: [], verb: "", basis: "annotations")
            destroy.action = .destroy
            destroy.basis = "annotations"
            return destroy
        }
        if destructive == false, var kept = meaning, kept.action == .destroy {
            kept.action = .write
            kept.basis = "annotations"
            return kept
        }
        return meaning
    }
}

/// The tools a session or transcript declares, by name. Bounded: at most
/// `maximumCount` declarations are kept (a framework with more tools than that is
/// unusual; the rest are inferred from their names like undeclared tools).
public struct ToolCatalog: Hashable, Sendable {
    public static let maximumCount = 512
    public private(set) var declarations: [String: ToolDeclaration] = [:]
    /// Declarations not kept because the catalog was full.
    public private(set) var dropped = 0

    public init(_ declarations: [ToolDeclaration] = []) {
        for declaration in declarations { add(declaration) }
    }

    public mutating func add(_ declaration: ToolDeclaration) {
        guard declarations.count < Self.maximumCount || declarations[declaration.name] != nil else {
            dropped += 1
            return
        }
        declarations[declaration.name] = declaration
    }

    public subscript(name: String) -> ToolDeclaration? { declarations[name] }
    public var isEmpty: Bool { declarations.isEmpty }
    public var count: Int { declarations.count }
}

extension ToolCatalog {
    /// Reads a `tools` array in any of the shapes frameworks use: OpenAI function tools
    /// (`{"type": "function", "function": {"name", "description", "parameters"}}`), the
    /// flat OpenAI Responses shape (`{"type": "function", "name", ...}`), and MCP's
    /// `tools/list` entries (`{"name", "description", "inputSchema", "annotations"}`).
    public static func decode(_ field: JSONField) throws(JSONDecodingError) -> ToolCatalog {
        var catalog = ToolCatalog()
        for item in try field.array() {
            catalog.add(try declaration(item))
        }
        return catalog
    }

    static func declaration(_ item: JSONField) throws(JSONDecodingError) -> ToolDeclaration {
        let body = try item.optional("function") ?? item
        let nameField = try body.required("name")
        let name = try nameField.string()
        guard !name.isEmpty else { throw nameField.error("the tool name is empty") }
        var declaration = ToolDeclaration(name: name)
        if let text = try body.optional("description")?.value.stringValue {
            declaration.description = text.utf8.count <= ToolDeclaration.maximumDescriptionBytes
                ? text : String(decoding: Array(text.utf8.prefix(ToolDeclaration.maximumDescriptionBytes)), as: UTF8.self)
        }
        var annotationsField = try body.optional("annotations")
        if annotationsField == nil { annotationsField = try item.optional("annotations") }
        if let annotations = annotationsField {
            func hint(_ key: String) throws(JSONDecodingError) -> Bool? {
                guard let f = try annotations.optional(key) else { return nil }
                if case .null = f.value { return nil }
                return try f.bool()
            }
            declaration.readOnly = try hint("readOnlyHint")
            declaration.destructive = try hint("destructiveHint")
            declaration.idempotent = try hint("idempotentHint")
            declaration.openWorld = try hint("openWorldHint")
        }
        return declaration
    }
}
