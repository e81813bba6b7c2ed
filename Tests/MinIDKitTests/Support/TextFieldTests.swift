import Foundation
import Testing

@testable import MinIDKit

/// Kept free text refuses control, bidirectional and invisible characters at every entry point.
@Suite struct TextFieldTests {
  /// Each of these would rewrite a terminal, add a header line or make one text look like another.
  static let hidden: [(String, String)] = [
    ("\u{1B}[2J", "U+001B"), ("\u{7}", "U+0007"), ("\u{85}", "U+0085"), ("\u{7F}", "U+007F"),
    ("\u{202E}", "U+202E"), ("\u{202A}", "U+202A"), ("\u{2066}", "U+2066"), ("\u{2069}", "U+2069"),
    ("\u{200F}", "U+200F"), ("\u{061C}", "U+061C"), ("\u{200B}", "U+200B"), ("\u{200D}", "U+200D"),
    ("\u{2060}", "U+2060"), ("\u{FEFF}", "U+FEFF"), ("\u{AD}", "U+00AD"), ("\u{2028}", "U+2028"),
    ("\t", "U+0009"),
  ]

  @Test func singleLineFieldsRefuseHiddenCharactersAndLineBreaks() throws {
    for (character, codePoint) in Self.hidden + [("\n", "U+000A"), ("\r", "U+000D")] {
      #expect(throws: TextFieldError.self, "\(codePoint)") {
        try TextField.serviceName.check("Skatte\(character)etaten")
      }
      do {
        _ = try TextField.serviceName.check("Skatte\(character)etaten")
      } catch {
        #expect(error.message.hasPrefix("name: contains \(codePoint)"), "\(error.message)")
        #expect(error.code == "invalid_service_name")
      }
    }
    #expect(
      try TextField.serviceName.check("  Skatteetaten – Mine skatter ✓ ") == "Skatteetaten – Mine skatter ✓")
    #expect(try TextField.serviceName.check("Sámediggi, Čáhcesuolu") == "Sámediggi, Čáhcesuolu")
  }

  @Test func theAddressIsAMultiLineFieldOnly() throws {
    #expect(try PostalAddress("Storgata 1\r\n0155 Oslo\n").text == "Storgata 1\n0155 Oslo")
    #expect(PostalAddress.singleLine("Storgata 1\n\n 0155 Oslo ") == "Storgata 1, 0155 Oslo")
    for (character, codePoint) in Self.hidden {
      #expect(
        throws: ContactError.address(
          "contains \(codePoint), \(TextField.hiddenKind(of: character.unicodeScalars.first!)!), which is not allowed (line breaks are allowed)"
        )
      ) {
        try PostalAddress("Storgata 1\(character)\n0155 Oslo")
      }
    }
  }

  @Test func registerRefusesABidiOverrideInTheAddress() throws {
    let test = try TestStore()
    defer { test.remove() }
    let before = try test.counts()
    let request = RegistrationRequest(
      pid: People.adult(), phone: "91234567", email: "kari@example.no", address: "Storgata 1\u{202E}0155 Oslo"
    )
    #expect(throws: ContactError.self) { try test.service.register(request) }
    #expect(try test.counts() == before)
  }

  @Test func updateRefusesAZeroWidthSpaceInTheAddress() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    #expect(throws: ContactError.self) {
      try test.service.update(
        pid: pid, phone: nil, email: nil, address: "Storgata\u{200B} 2", caseReference: nil, dryRun: false)
    }
    #expect(try test.service.details(pid: pid).account.address == "Storgata 1, 0155 Oslo")
  }

  @Test func anImportRowWithAnEscapeInTheAddressIsARowError() throws {
    let test = try TestStore()
    defer { test.remove() }
    let csv = "pid,phone,email,address\n\(People.adult()),91234567,k@example.no,\"Storgata 1\u{2067}\"\n"
    var problems: [ImportProblem] = []
    let summary = try test.service.importAccounts(
      dryRun: false, source: { try ImportTests.feed(csv, to: $0) }, report: { problems.append($0) })
    #expect(summary.imported == 0 && summary.failed == 1)
    #expect(problems.map(\.field) == ["address"] && problems.map(\.code) == ["invalid_address"])
    #expect(problems.first?.message.contains("U+2067") == true)
  }

  @Test func serviceAddRefusesALineBreakOrBidiOverrideInTheName() throws {
    let test = try TestStore()
    defer { test.remove() }
    let catalog = ServiceCatalog(store: test.store, time: test.clock, actor: "t")
    for name in ["NAV\nSubject: x", "NAV \u{202E}lanigiro", "N\u{200D}AV"] {
      #expect(throws: TextFieldError.self) {
        try catalog.add(clientID: "nav", name: name, level: .substantial)
      }
    }
    #expect(try catalog.services().isEmpty)
    #expect(
      try catalog.add(clientID: "nav", name: "NAV – Ditt NAV", level: .substantial).name == "NAV – Ditt NAV")
  }

  /// A multi-line address goes into the letter's recipient on one line, so a drained letter's header
  /// block has exactly its three lines.
  @Test func aDrainedLetterHasOneRecipientLine() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    var request = People.request(pid)
    request = RegistrationRequest(
      pid: pid, phone: "91234567", email: "k@example.no",
      address: "Storgata 1\nBcc: evil@example.no\n0155 Oslo")
    let receipt = try test.service.register(request)
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "t")
    #expect(
      try outbox.message(id: receipt.letter.outboxID).recipient
        == "Storgata 1, Bcc: evil@example.no, 0155 Oslo")
    let directory = test.directory.appendingPathComponent("drained")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let drained = try outbox.drain(to: directory.path)
    let text = try String(contentsOfFile: try #require(drained.first?.drainedTo), encoding: .utf8)
    let headers = text.components(separatedBy: "\n\n")[0].split(separator: "\n")
    #expect(
      headers.count == 3
        && headers.allSatisfy { $0.hasPrefix("To: ") || $0.hasPrefix("Subject: ") || $0.hasPrefix("Date: ") })
  }
}
