/// An option declared once, with the Swift type its value is read as: `invocation[Self.pid]` is a `String`
/// for a required option and a `String?` for an optional one, so a misspelt name or a missing value is a
/// compile error rather than a look-up that traps (swift-argument-parser's `@Option`, without the
/// dependency). The command table lists `spec`, which parsing, help, completions and the man page use.
struct OptionHandle<Value>: Sendable {
  /// The option as the command table lists it.
  let spec: OptionSpec
  private let read: @Sendable (Invocation) -> Value

  /// The option's value in `invocation`.
  func value(in invocation: Invocation) -> Value { read(invocation) }
}

extension OptionHandle where Value == String {
  /// A required option taking a value: the parser runs no command without it, so reading it cannot fail.
  static func required(
    _ long: String, value valueName: String, completion: CompletionKind = .none, help: String
  ) -> OptionHandle {
    let spec = OptionSpec(long, value: valueName, required: true, completion: completion, help: help)
    return OptionHandle(spec: spec) { invocation in
      guard let value = invocation.values[long]?.last else {
        preconditionFailure("the parser runs no command without its required --\(long)")
      }
      return value
    }
  }
}

extension OptionHandle where Value == String? {
  /// An optional option taking a value; nil when not given.
  static func optional(
    _ long: String, value valueName: String, completion: CompletionKind = .none, help: String
  ) -> OptionHandle {
    let spec = OptionSpec(long, value: valueName, completion: completion, help: help)
    return OptionHandle(spec: spec) { $0.values[long]?.last }
  }
}

extension OptionHandle where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
  /// A required option whose value is one of `Value`'s cases: the parser refuses any other and runs no
  /// command without it, so reading it cannot fail.
  static func requiredChoice(_ long: String, value valueName: String, help: String) -> OptionHandle {
    let spec = OptionSpec(
      long, value: valueName, required: true, completion: .values(Value.allCases.map(\.rawValue)), help: help)
    return OptionHandle(spec: spec) { invocation in
      guard let text = invocation.values[long]?.last, let value = Value(rawValue: text) else {
        preconditionFailure("the parser runs no command without one of --\(long)'s values")
      }
      return value
    }
  }
}

extension Invocation {
  /// The value of `option`, typed as it was declared.
  subscript<Value>(option: OptionHandle<Value>) -> Value { option.value(in: self) }
}
