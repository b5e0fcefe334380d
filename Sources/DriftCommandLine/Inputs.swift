import Drift

/// Loading the files commands share (policy, model), with one way of failing.
enum Inputs {
    static let policyOption = OptionSpec(["--policy"], value: "file", help: "Risk policy: a file, or drift-default (the built-in, as config/policy.json) or safetydrift-paper (the paper's).")

    /// `--category-key metadata.suite_name`: where records keep their category.
    static func traceDefaults(_ arguments: ParsedArguments) -> TraceDefaults {
        TraceDefaults(categoryKey: arguments.value("--category-key").map { $0.split(separator: ".").map(String.init) })
    }

    static func policy(_ arguments: ParsedArguments) throws -> Policy {
        guard let path = arguments.value("--policy") else { return .default }
        return try Policy.resolve(path)
    }

    /// A model and the policy it must be used with: the model must have been fitted
    /// under exactly this policy, or its states would mean other things.
    static func model(at path: String, policy: Policy, policyPath: String?) throws -> ChainModel {
        let model = try ChainModel.load(contentsOf: path)
        try model.requireFitted(under: policy, file: path, hint: policyPath == nil ? "; pass the model's policy with --policy" : "")
        return model
    }
}
