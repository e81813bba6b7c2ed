import Foundation
import MinIDKit

/// `minid id`: check and make Norwegian identity numbers.
enum IdCommands {
  static let strict1964 = OptionHandle.flag(
    "strict-1964", help: "Accept only the 1964 check-digit rule (refuse 2032-rule numbers).")
  static let onlyInvalid = OptionHandle.flag(
    "only-invalid",
    help: "Print only the numbers that fail, with their errors; a count summary goes to standard error.")
  static let json = OptionHandle.flag("json", help: "Print one JSON object per number (JSON Lines).")
  static let count = IntegerOptionHandle.optional(
    "count", value: "n", in: 1...10_000_000, help: "How many numbers (default 1, at most 10000000).")
  static let kind = OptionHandle.optional(
    "kind", value: "kind", completion: .values(IdentityNumberKind.allCases.map(\.rawValue)),
    help: "The kind of number (default fodselsnummer).")
  static let checksumRule = OptionHandle.optional(
    "checksum-rule", value: "rule", completion: .values(ChecksumRule.allCases.map(\.rawValue)),
    help: "'legacy' (the 1964 rule, default) or '2032' (numbers valid only under the 2032 rule).")
  static let age = IntegerOptionHandle.optional(
    "age", value: "n", in: 0...150, help: "The age in whole years on the reference date.")

  static let born = OptionHandle.optional(
    "born", value: "yyyy-mm-dd", help: "The birth date every number encodes.")

  static var group: CommandSpec {
    CommandSpec(
      "id", abstract: "Check and generate Norwegian identity numbers.",
      subcommands: [validate, generate])
  }

  static let todayOption = OptionSpec(
    "today", value: "yyyy-mm-dd",
    help: "The reference date for future dates and the MinID age rule (default: today, UTC).")

  static var validate: CommandSpec {
    CommandSpec(
      "validate", abstract: "Check identity numbers against every rule, one result per number.",
      discussion: """
        Checks fødselsnummer, D-nummer, H-nummer / NAV synthetic (+40 month), Tenor synthetic (+80), Norsk \
        Helsenett synthetic (+65) and FH-nummer: length, both mod-11 check digits (the 1964 rule, and the 2032 \
        rule that also allows remainders 1-3), the month, a real date in the century the individnummer gives \
        (29.02.1900 does not exist), no date after the reference date, and the MinID age rule (from the \
        calendar year one turns 13). Spaces, '-' and ':' inside a number are ignored, as python-stdnum does.

        With no numbers, or '-', reads one number per line from standard input and writes a result line per \
        number as it goes; blank lines are skipped. Exit status: 0 when every number is valid, 65 when any is \
        invalid, 64 on a usage error. See docs/identity-numbers.md for every error code.
        """,
      arguments: [
        ArgumentSpec("number", repeating: true, help: "Numbers to check; none or '-' reads standard input.")
      ],
      options: [
        json.spec,
        onlyInvalid.spec,
        strict1964.spec,
        todayOption,
      ],
      examples: [
        Example(description: "Check one number", command: "minid id validate '311299 56715'"),
        Example(
          description: "Find the bad lines of a large file",
          command: "minid id validate --only-invalid < numbers.txt"),
        Example(
          description: "Machine-readable results",
          command: "minid id validate --json --today 2026-01-01 01013299966"),
      ],
      action: runValidate)
  }

  static var generate: CommandSpec {
    CommandSpec(
      "generate", abstract: "Generate valid identity numbers of a chosen kind and age.",
      discussion: """
        Prints numbers that pass 'minid id validate', one per line (JSON Lines with --json). Without --born \
        or --age the people are 18 to 80 years old. With --seed the same command prints the same numbers. \
        Numbers are distinct within one run. Kinds: fodselsnummer, d_nummer, h_nummer, d_nummer+h_nummer, \
        tenor, d_nummer+tenor, helsenett, d_nummer+helsenett, fh_nummer. Test stores accept only synthetic \
        kinds (tenor, helsenett, h_nummer and their D-nummer forms).
        """,
      options: [
        count.spec,
        kind.spec,
        born.spec,
        age.spec,
        OptionSpec("seed", value: "n", help: "Make the output reproducible."),
        checksumRule.spec,
        todayOption,
        json.spec,
      ],
      examples: [
        Example(
          description: "A Tenor test person aged 13", command: "minid id generate --kind tenor --age 13"),
        Example(
          description: "A reproducible million for a benchmark",
          command: "minid id generate --count 1000000 --seed 1 > numbers.txt"),
      ],
      action: runGenerate)
  }

  // MARK: validate

  private static func runValidate(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let rules = IdentityNumberRules(
      referenceDate: try context.referenceDate(), strict1964: invocation[Self.strict1964])
    let validator = IdentityNumberValidator(rules: rules)
    let onlyInvalid = invocation[Self.onlyInvalid]
    let output = context.console.standardOutput
    // One worker per core (this machine class has two); results keep input order.
    let workers = (0..<min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))).map { _ in
      ValidationWorker(validator: validator, onlyInvalid: onlyInvalid, json: invocation[Self.json])
    }
    let arguments = invocation.arguments
    if arguments.isEmpty || arguments == ["-"] {
      if arguments.isEmpty, context.console.standardInputIsTerminal {
        throw UsageError(
          "No numbers given, and standard input is a terminal: pass numbers as arguments, or pipe them in "
            + "one per line.")
      }
      try ValidationWorker.run(
        reader: LineReader(descriptor: context.console.standardInputDescriptor), workers: workers,
        output: output)
    } else {
      if arguments.contains("-") {
        throw UsageError("'-' (standard input) cannot be mixed with numbers given as arguments.")
      }
      for argument in arguments {
        var argument = argument
        argument.withUTF8 { workers[0].check(UnsafeRawBufferPointer($0), blankIsInvalid: true) }
      }
      workers[0].flush(to: output)
    }
    let total = workers.reduce(0) { $0 + $1.total }
    let invalid = workers.reduce(0) { $0 + $1.invalid }
    if onlyInvalid {
      context.console.err(
        "Checked \(total) number\(total == 1 ? "" : "s"): \(total - invalid) valid, \(invalid) invalid.\n")
    }
    return invalid > 0 ? .dataError : .success
  }

  // MARK: generate

  private static func runGenerate(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    try invocation.exclusive("born", "age")
    let referenceDate = try context.referenceDate()
    let count = try invocation.integer(Self.count) ?? 1
    let kind = invocation[Self.kind].flatMap(IdentityNumberKind.init(identifier:)) ?? .fodselsnummer
    let rule = invocation[Self.checksumRule].flatMap(ChecksumRule.init(rawValue:)) ?? .legacy
    let birthDate: IdentityNumberGenerator.BirthDate
    if let born = try invocation.date("born") {
      guard born <= referenceDate else {
        throw UsageError.invalidValue(
          String(describing: born), for: Self.born.spec, "it is after the reference date \(referenceDate)")
      }
      birthDate = .on(born)
    } else if let age = try invocation.integer(Self.age) {
      birthDate = .age(age)
    } else {
      birthDate = .ageBetween(18...80)
    }
    let seed = try invocation.unsigned("seed") ?? UInt64.random(in: 0...UInt64.max)
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: seed), referenceDate: referenceDate)
    let validator = IdentityNumberValidator(referenceDate: referenceDate)
    let json = invocation[Self.json]
    let output = context.console.standardOutput
    var seen = Set<UInt64>(minimumCapacity: min(count, 1 << 20))
    var line = [UInt8](repeating: 10, count: 12)
    var writer = JSONWriter()
    var produced = 0
    var duplicatesInARow = 0
    while produced < count {
      let value = try generator.generateValue(kind: kind, birthDate: birthDate, rule: rule)
      guard seen.insert(value).inserted else {
        duplicatesInARow += 1
        if duplicatesInARow > 10_000 {
          throw GenerateError.exhausted(produced: produced, requested: count)
        }
        continue
      }
      duplicatesInARow = 0
      produced += 1
      var rest = value
      for index in (0..<11).reversed() {
        line[index] = UInt8(48 + rest % 10)
        rest /= 10
      }
      if json {
        let report = line.withUnsafeBytes { validator.check(UnsafeRawBufferPointer(rebasing: $0[0..<11])) }
        let number = String(decoding: line[0..<11], as: UTF8.self)
        writer.reset()
        writer.beginObject()
        writer.key("number")
        writer.string(number)
        writer.key("kind")
        writer.optionalString(report.kind?.rawValue)
        writer.key("date")
        writer.optionalString(report.date.map(String.init(describing:)))
        writer.key("checksum_rule")
        writer.optionalString(report.checksumRule?.rawValue)
        writer.key("synthetic")
        writer.bool(report.kind?.isSynthetic ?? false)
        writer.endObject()
        writer.newline()
        output.write(writer.bytes)
      } else {
        output.write(line)
      }
    }
    return .success
  }
}

/// `id generate` ran out of distinct numbers.
enum GenerateError: MinIDError {
  case exhausted(produced: Int, requested: Int)

  var code: String { "exhausted" }
  var category: ErrorCategory { .invalidInput }
  var message: String {
    switch self {
    case .exhausted(let produced, let requested):
      "only \(produced) distinct numbers of \(requested) exist for that kind and birth date; ask for fewer, "
        + "or use --age or no date to spread them over more days"
    }
  }
}
