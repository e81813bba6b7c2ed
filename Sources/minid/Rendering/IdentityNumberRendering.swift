import MinIDKit

/// How `id validate` shows one result: a human line or a JSON Lines record.
enum IdentityNumberRendering {
  /// Fields of the JSON record, documented in docs/identity-numbers.md.
  static func json(_ report: IdentityNumberReport, input: UnsafeRawBufferPointer, into writer: inout JSONWriter) {
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
    if case .eligible(let environment) = eligibility { writer.string(environment.rawValue) } else { writer.null() }
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
      writer.string(message)
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

  /// `31129956715: valid fødselsnummer, born 1899-12-31, 1964 check-digit rule`.
  static func human(_ report: IdentityNumberReport, input: String) -> String {
    guard report.isValid, let kind = report.kind else {
      let problems = report.messages.map { "\($0.message) [\($0.problem.code)]" }.joined(separator: "; ")
      return "\(input): invalid: \(problems)\n"
    }
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
    return "\(input): " + parts.joined(separator: ", ") + "\n"
  }
}
