import MinIDKit

/// The options and arguments parsed for one command, with typed accessors that throw usage errors.
struct Invocation {
  let path: [String]
  let command: CommandSpec
  let options: [OptionSpec]
  var flags: Set<String> = []
  var values: [String: [String]] = [:]
  var arguments: [String] = []

  func flag(_ name: String) -> Bool {
    assert(spec(name) != nil, "unknown option --\(name)")
    return flags.contains(name)
  }

  func value(_ name: String) -> String? {
    assert(spec(name) != nil, "unknown option --\(name)")
    return values[name]?.last
  }

  func allValues(_ name: String) -> [String] { values[name] ?? [] }

  func spec(_ name: String) -> OptionSpec? { options.first { $0.long == name } }

  /// An integer option within `range`.
  func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
    guard let text = value(name), let option = spec(name) else { return nil }
    guard let number = Int(text) else {
      throw .invalidValue(text, for: option, "expected a whole number")
    }
    guard range.contains(number) else {
      throw .invalidValue(text, for: option, "must be from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// An unsigned 64-bit option (seeds).
  func unsigned(_ name: String) throws(UsageError) -> UInt64? {
    guard let text = value(name), let option = spec(name) else { return nil }
    guard let number = UInt64(text) else {
      throw .invalidValue(text, for: option, "expected a whole number from 0 to \(UInt64.max)")
    }
    return number
  }

  /// A `YYYY-MM-DD` option.
  func date(_ name: String) throws(UsageError) -> CalendarDate? {
    guard let text = value(name), let option = spec(name) else { return nil }
    guard let date = CalendarDate(iso: text) else {
      throw .invalidValue(text, for: option, "expected a real date as YYYY-MM-DD")
    }
    return date
  }

  /// Refuses options that exclude each other.
  func exclusive(_ names: String...) throws(UsageError) {
    let given = names.filter { flags.contains($0) || values[$0] != nil }
    if given.count > 1 {
      throw UsageError(
        "The options \(given.map { "'--\($0)'" }.joined(separator: " and ")) cannot be used together.")
    }
  }
}

extension Invocation {
  /// Standard input can feed one thing per call: two options given `-` (say `--code-file -` and
  /// `--password-file -`) are refused before anything is read, rather than after the first ate the input.
  func checkStandardInputUse() throws {
    let readers =
      values.filter { $0.value.contains("-") }.keys.sorted().map { "--\($0) -" }
      + (arguments.contains("-") ? ["'-'"] : [])
    guard readers.count > 1 else { return }
    throw UsageError(
      "Only one input can come from standard input in one call, but \(readers.joined(separator: " and ")) "
        + "both read it; give all but one a file.")
  }
}
