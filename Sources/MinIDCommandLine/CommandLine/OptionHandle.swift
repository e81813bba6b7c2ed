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

extension OptionHandle where Value == Bool {
  /// A flag: true when given.
  static func flag(_ long: String, short: Character? = nil, hidden: Bool = false, help: String)
    -> OptionHandle
  {
    let spec = OptionSpec(long, short: short, hidden: hidden, help: help)
    return OptionHandle(spec: spec) { $0.flags.contains(long) }
  }
}

extension OptionHandle where Value == [String] {
  /// An option that may be given several times; its values in the order given, empty when not given.
  static func repeated(
    _ long: String, value valueName: String, completion: CompletionKind = .none, help: String
  ) -> OptionHandle {
    let spec = OptionSpec(long, value: valueName, repeated: true, completion: completion, help: help)
    return OptionHandle(spec: spec) { $0.values[long] ?? [] }
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

/// An optional whole-number option declared with its range, which help states nowhere else: reading it
/// (`try invocation.integer(Self.workers)`) is an `Int?` already checked against the range, or a usage
/// error naming the option and the rule.
struct IntegerOptionHandle: Sendable {
  /// The option as the command table lists it.
  let spec: OptionSpec
  /// The values accepted.
  let range: ClosedRange<Int>

  /// An optional option taking a whole number within `range`; nil when not given.
  static func optional(
    _ long: String, value valueName: String, in range: ClosedRange<Int>, help: String
  ) -> IntegerOptionHandle {
    IntegerOptionHandle(spec: OptionSpec(long, value: valueName, help: help), range: range)
  }
}

extension Invocation {
  /// The value of `option` when given, checked against its range.
  /// - Throws: `UsageError` when it is not a whole number or is out of range.
  func integer(_ option: IntegerOptionHandle) throws(UsageError) -> Int? {
    try integer(option.spec.long, in: option.range)
  }
}
