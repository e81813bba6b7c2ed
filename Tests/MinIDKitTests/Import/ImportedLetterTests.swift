import Foundation
import Testing

@testable import MinIDKit

/// The letters of imported people: kept as their parts until drained, printed exactly as a registered
/// person's letter, and written with their rows' audit entries in line order.
@Suite struct ImportedLetterTests {
  static let address = "Storgata 1, 0155 Oslo"
  static let hash = "$scrypt$ln=10,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"

  /// `count` different adults' numbers.
  static func pids(_ count: Int, seed: UInt64) -> [String] {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: seed), referenceDate: People.today)
    var found: [String] = []
    while found.count < count {
      let pid = try! generator.generate(
        kind: .tenor, birthDate: .on(CalendarDate(year: 1980, month: 1, day: 1)!))
      if !found.contains(pid) { found.append(pid) }
    }
    return found
  }

  /// Imports one row per person, with a password hash where `hashed` says so.
  func importPeople(
    _ test: TestStore, _ people: [(pid: String, hashed: Bool)], address: String = Self.address
  )
    throws -> ImportSummary
  {
    var lines = ["pid,phone,email,address,password_hash"]
    for (index, person) in people.enumerated() {
      lines.append(
        "\(person.pid),9123456\(index % 10),p\(index)@example.no,\"\(address)\",\(person.hashed ? "\"\(Self.hash)\"" : "")"
      )
    }
    var problems: [ImportProblem] = []
    let summary = try test.service.importAccounts(
      dryRun: false, source: { try ImportTests.feed(lines.joined(separator: "\n") + "\n", to: $0) },
      report: { problems.append($0) })
    #expect(problems.isEmpty)
    return summary
  }

  func letterMessage(_ test: TestStore, pid: String) throws -> OutboxMessage {
    let id = try test.service.details(pid: pid).account.id
    return try #require(
      try OutboxService(store: test.store, time: test.clock, actor: "admin:test").messages(
        OutboxFilter(accountID: id, kind: .letter)
      ).first)
  }

  /// The code as the letter prints it.
  func printedCode(_ body: String) throws -> ActivationCode {
    let line = try #require(body.split(separator: "\n").first { $0.contains("activation code:") })
    return try ActivationCode(typed: String(try #require(line.split(separator: " ").last)))
  }

  @Test func anImportedPersonsLetterReadsExactlyAsARegisteredPersonsLetter() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pids = Self.pids(2, seed: 2)
    let registered = try test.service.register(People.request(pids[0]))
    let registeredCode = try #require(registered.letter.code)
    let pid = pids[1]
    _ = try importPeople(test, [(pid, false)])
    let imported = try letterMessage(test, pid: pid)
    let registeredMessage = try letterMessage(test, pid: pids[0])
    let importedCode = try printedCode(try #require(imported.body))
    #expect(importedCode != registeredCode)
    // The registered letter is the one registration composed before letters were kept as parts: from the
    // account's address, the code, the time of sending and the expiry.
    #expect(
      registeredMessage.body
        == LetterComposer.activationLetter(
          address: Self.address, code: registeredCode, sentAt: test.clock.timestamp,
          expiresAt: registered.letter.expiresAt))
    // The registered letter with the other code (and its QR code) in its place is the imported letter.
    let expected = try #require(registeredMessage.body)
      .replacingOccurrences(of: registeredCode.formatted, with: importedCode.formatted)
      .replacingOccurrences(
        of: try #require(QRCode(registeredCode.characters)).text,
        with: try #require(QRCode(importedCode.characters)).text)
    #expect(imported.body == expected)
    #expect(imported.recipient == registeredMessage.recipient)
    #expect(imported.subject == registeredMessage.subject)
    // The printed code is the one whose hash the letter keeps.
    let account = try test.service.activate(
      pid: pid, code: importedCode.formatted, password: Secret("Fjelltur i mai 2026!"))
    #expect(account.storedState == .active)
  }

  /// A letter written before schema 6 kept its printed text, and is shown as it was written.
  @Test func aLetterKeptAsTextIsShownAsItWasWritten() throws {
    let test = try TestStore()
    defer { test.remove() }
    let registered = try test.service.register(People.request(Self.pids(1, seed: 8)[0]))
    try test.store.write { _ in
      try test.connection.run(
        "UPDATE outbox SET body = ?, letter_code = NULL WHERE id = ?",
        [.text("Storgata 1\n\nan old letter's text"), .integer(registered.letter.outboxID)])
    }
    let message = try OutboxService(store: test.store, time: test.clock, actor: "admin:test").message(
      id: registered.letter.outboxID)
    #expect(message.body == "Storgata 1\n\nan old letter's text")
  }

  @Test func theOutboxKeepsTheLettersPartsNotItsPrintedText() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult(seed: 3)
    _ = try importPeople(test, [(pid, false)])
    let message = try letterMessage(test, pid: pid)
    let stored = try #require(
      try test.connection.first(
        "SELECT body, letter_code FROM outbox WHERE id = ?", [.integer(message.id)]
      ) { ($0.text(0), $0.text(1)) })
    #expect(stored.0 == Self.address)
    #expect(try stored.1 == printedCode(try #require(message.body)).characters)
    // No QR code is drawn into the store.
    #expect(try test.connection.scalarInt("SELECT count(*) FROM outbox WHERE body LIKE '%▀%'") == 0)
  }

  /// Line breaks and backslashes mean something to PostgreSQL's COPY and to a one-line recipient.
  @Test func aMultiLineAddressIsKeptLineForLine() throws {
    let test = try TestStore()
    defer { test.remove() }
    let address = "Storgata 1 \\ bakgården\nOppgang B\n0155 Oslo"
    let pid = Self.pids(1, seed: 7)[0]
    _ = try importPeople(test, [(pid, false)], address: address)
    let message = try letterMessage(test, pid: pid)
    #expect(message.body?.hasPrefix(address + "\n\n") == true)
    #expect(message.recipient == "Storgata 1 \\ bakgården, Oppgang B, 0155 Oslo")
    #expect(try test.service.details(pid: pid).account.address == address)
  }

  /// The recipient is the address's lines, trimmed, without empty ones, joined by ", ", whether or not the
  /// address is one line already (which takes a shorter way).
  @Test func theRecipientIsTheAddressOnOneLine() {
    for address in [
      "Storgata 1, 0155 Oslo", " Storgata 1", "Storgata 1 ", "\tStorgata 1", "Storgata\t1", "A", "", " ",
      "a\nb",
      "a\r\nb", "a\rb ", "Ærlig vei 2 \n\n 0155 Oslo", "Storgata 1 \\ B",
    ] {
      let lines = address.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n")) }.filter { !$0.isEmpty }
      #expect(
        PostalAddress.singleLine(address) == lines.joined(separator: ", "), "\(address.debugDescription)")
    }
  }

  @Test func drainingHandsOnThePrintedLetterAndForgetsTheCode() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult(seed: 4)
    _ = try importPeople(test, [(pid, false)])
    let before = try letterMessage(test, pid: pid)
    let directory = test.directory.appendingPathComponent("print").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    let drained = try OutboxService(store: test.store, time: test.clock, actor: "admin:test").drain(
      to: directory)
    #expect(drained.map(\.id) == [before.id])
    let file = try String(contentsOfFile: directory + "/\(before.id)-letter.txt", encoding: .utf8)
    #expect(file.hasSuffix("\n\n" + (before.body ?? "-")))
    #expect(try letterMessage(test, pid: pid).body == nil)
    #expect(
      try test.connection.scalarInt(
        "SELECT count(*) FROM outbox WHERE body IS NOT NULL OR letter_code IS NOT NULL") == 0)
  }

  @Test func purgingErasesTheLettersCode() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult(seed: 5)
    _ = try importPeople(test, [(pid, false)])
    _ = try test.service.delete(pid: pid, purge: true, caseReference: nil, dryRun: false)
    #expect(
      try test.connection.scalarInt(
        "SELECT count(*) FROM outbox WHERE body IS NOT NULL OR letter_code IS NOT NULL") == 0)
  }

  @Test func eachRowsEntriesFollowInLineOrderNamingItsOwnLetter() throws {
    let test = try TestStore()
    defer { test.remove() }
    let people = Self.pids(40, seed: 6).enumerated().map { (pid: $1, hashed: $0 % 3 == 0) }
    let summary = try importPeople(test, people)
    #expect(summary.imported == people.count && summary.activated == people.filter(\.hashed).count)
    let entries = try AuditService(store: test.store).entries(pid: nil, since: nil, limit: nil)
      .filter { $0.action == "account.import" || $0.action == "letter.send" }
    var expected: [String] = []
    for person in people {
      let account = try test.service.details(pid: person.pid).account
      expected.append("account.import \(account.pseudonym)")
      if !person.hashed {
        let letter = try #require(try test.store.read { try $0.letters(accountID: account.id) }.first)
        expected.append(
          "letter.send \(account.pseudonym) letter \(letter.id), outbox \(letter.outboxID ?? 0), valid "
            + "\(test.store.settings.letterValidityDays) days")
        #expect(try test.store.read { try $0.letters(accountID: account.id) }.count == 1)
      }
    }
    #expect(
      entries.map {
        $0.action == "letter.send"
          ? "letter.send \($0.account ?? "") \($0.detail)" : "account.import \($0.account ?? "")"
      } == expected)
    #expect(try AuditService(store: test.store).verify() > 0)
  }
}
