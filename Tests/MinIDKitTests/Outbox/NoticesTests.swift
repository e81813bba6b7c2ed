import Foundation
import Testing

@testable import MinIDKit

/// The words minid sends people live in `Notices` alone; the codes in them read back as fields.
@Suite struct NoticesTests {
  @Test func everyCodeInANoticeReadsBackAsAField() {
    #expect(MessageCode.code(in: Notices.loginCode("12345", service: "Skatt").body) == "12345")
    #expect(MessageCode.code(in: Notices.recoverySMS("54321").body) == "54321")
    #expect(MessageCode.code(in: Notices.recoveryEmail("ABC123").body) == "ABC123")
    let letter = Notices.activationLetter(
      address: "Ola Nordmann", formattedCode: "ABCD-EFGH", qrCode: "", sentAt: Timestamp(seconds: 0),
      expiresAt: Timestamp(seconds: 86_400))
    #expect(MessageCode.code(in: letter) == "ABCD-EFGH")
  }

  @Test func aNoticeWithoutACodeCarriesNone() {
    let date = CalendarDate(year: 2026, month: 11, day: 25)!
    for text in [
      Notices.passwordChangedSMS(at: Timestamp(seconds: 0)),
      Notices.passwordChangedEmail(at: Timestamp(seconds: 0)),
      Notices.phoneChanged(on: date), Notices.emailChanged(on: date), Notices.addressChanged(on: date),
      Notices.appReplaced(on: date), Notices.appRemoved(on: date), Notices.codeGeneratorReplaced(on: date),
      Notices.asEmail(Notices.appRemoved(on: date)),
    ] {
      #expect(MessageCode.code(in: text.body) == nil, "\(text.subject)")
      #expect(text.body.hasSuffix("\n"))
    }
  }

  /// A text written outside `Notices` would be missed by the next translation. The login pages' words are
  /// the other place text lives: `Localization/`'s one table per language, which this does not scan.
  @Test func noOtherLibraryFileWritesToAPerson() throws {
    let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/MinIDKit")
    let files = FileManager.default.enumerator(atPath: library.path)
    var writers: [String] = []
    while let path = files?.nextObject() as? String {
      guard path.hasSuffix(".swift"), !path.hasSuffix("Notices.swift"), !path.hasPrefix("Localization/")
      else { continue }
      let text = try String(contentsOf: library.appendingPathComponent(path), encoding: .utf8)
      if text.contains("brukerstøtte") || text.contains("subject: \"") { writers.append(path) }
    }
    #expect(writers.isEmpty)
  }
}
