import MinIDKit

/// How `id validate` shows one result: a human line or a JSON Lines record.
enum IdentityNumberRendering {
  /// Fields of the JSON record, documented in docs/identity-numbers.md.
  static func json(
    _ report: IdentityNumberReport, input: UnsafeRawBufferPointer, into writer: inout JSONWriter
  ) {
    writer.reset()
    writer.beginObject()
    writer.key("input")
    writer.string(bytes: input)
    writer.key("valid")
    writer.bool(report.isValid)
    writer.key("number")
    writer.optionalString(report.digits)
    writer.key("kind")
    writer.optionalString(report.kind?.rawValue)
    writer.key("kind_name")
    writer.optionalString(report.kind?.name)
    writer.key("checksum_rule")
    writer.optionalString(report.checksumRule?.rawValue)
    writer.key("date")
    writer.optionalString(report.date.map(String.init(describing:)))
    writer.key("date_meaning")
    if report.date == nil {
      writer.null()
    } else {
      writer.string(report.kind?.isDNummer == true ? "encoded" : "birth")
    }
    writer.key("century_assumed")
    writer.bool(report.centuryAssumed)
    writer.key("synthetic")
    if let kind = report.kind { writer.bool(kind.isSynthetic) } else { writer.null() }
    let eligibility = report.minidEligibility
    writer.key("minid_eligible")
    writer.bool(eligibility.isEligible)
    writer.key("minid_environment")
    if case .eligible(let environment) = eligibility {
      writer.string(environment.rawValue)
    } else {
      writer.null()
    }
    writer.key("minid_reason")
    if case .notEligible(let reason) = eligibility { writer.string(reason.rawValue) } else { writer.null() }
    writer.key("reference_date")
    writer.string(String(describing: report.options.referenceDate))
    writer.key("errors")
    writer.beginArray()
    for (problem, message) in report.messages {
      writer.beginObject()
      writer.key("code")
      writer.string(problem.code)
      writer.key("message")
      writer.string(message + (CommandLineErrorText.hint(for: problem) ?? ""))
      writer.endObject()
    }
    writer.endArray()
    writer.key("warnings")
    writer.beginArray()
    if report.isNotYetIssued {
      writer.beginObject()
      writer.key("code")
      writer.string("not_yet_issued")
      writer.key("message")
      writer.string(notYetIssuedMessage)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    writer.newline()
  }

  static let notYetIssuedMessage =
    "valid only under the 2032 rule: no such number is issued before 2032-01-01"

  /// Appends the human line for `report` to `line`, writing bytes directly: with `--only-invalid` on a
  /// large file this runs for every bad line.
  static func appendHuman(
    _ report: IdentityNumberReport, input: UnsafeRawBufferPointer, truncated: Bool, into line: inout [UInt8]
  ) {
    line.removeAll(keepingCapacity: true)
    if !truncated, input.allSatisfy({ $0 >= 32 && $0 < 127 }) {
      line.append(contentsOf: input)
    } else {
      line.append(contentsOf: TerminalText.sanitized(input, truncated: truncated).utf8)
    }
    guard !report.isValid else {
      line.append(contentsOf: human(report).utf8)
      return
    }
    line.append(contentsOf: ": invalid: ".utf8)
    var first = true
    for problem in report.problems {
      if !first { line.append(contentsOf: "; ".utf8) }
      first = false
      line.append(contentsOf: report.message(for: problem).utf8)
      if let hint = CommandLineErrorText.hint(for: problem) { line.append(contentsOf: hint.utf8) }
      line.append(contentsOf: " [".utf8)
      line.append(contentsOf: problem.code.utf8)
      line.append(UInt8(ascii: "]"))
    }
    line.append(10)
  }

  /// `: valid fødselsnummer, born 1899-12-31, 1964 check-digit rule` and a newline, for a valid report.
  static func human(_ report: IdentityNumberReport) -> String {
    guard let kind = report.kind else { return ": valid\n" }
    var parts = ["valid \(kind.name)"]
    if let date = report.date {
      let label = kind.isDNummer ? "encoded date" : "born"
      parts.append("\(label) \(date)" + (report.centuryAssumed ? " (century assumed)" : ""))
    }
    switch report.checksumRule {
    case .legacy: parts.append("1964 check-digit rule")
    case .rule2032: parts.append("2032 check-digit rule")
    case nil: break
    }
    switch report.minidEligibility {
    case .eligible(.production): parts.append("may hold a MinID")
    case .eligible(.test): parts.append("may hold a MinID in a test store")
    case .notEligible(.tooYoung):
      if let year = report.date?.year {
        parts.append("may hold a MinID from \(MinIDAgeRule.firstEligibleYear(birthYear: year))")
      }
    case .notEligible(.notYetIssued): parts.append("warning: \(notYetIssuedMessage)")
    case .notEligible: break
    }
    return ": " + parts.joined(separator: ", ") + "\n"
  }
}
