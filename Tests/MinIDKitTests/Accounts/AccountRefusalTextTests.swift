import Foundation
import MinIDKit
import Testing

/// The words of refusals support staff read, and the case references they type.
@Suite struct AccountRefusalTextTests {
  @Test func eachActionHasItsOwnPhrase() {
    #expect(
      AccountError.stateForbids(action: .login, state: .blocked).message
        == "cannot log in to an account in state blocked")
    #expect(
      AccountError.stateForbids(action: .resendLetter, state: .active).message
        == "cannot resend a letter to an account in state active")
    #expect(
      AccountError.stateForbids(action: .recover, state: .letterSent).message
        == "cannot recover the password of an account in state letter_sent")
    let phrases = AccountAction.allCases.map(\.phrase)
    #expect(Set(phrases).count == phrases.count)
    for action in AccountAction.allCases {
      let message = AccountError.stateForbids(action: action, state: .closed).message
      #expect(!message.contains("login an") && !message.contains("letter an"), "\(message)")
      #expect(message.hasPrefix("cannot ") && message.hasSuffix(" in state closed"))
    }
  }

  @Test func caseReferencesTakeTheNorwegianLetters() throws {
    #expect(try CaseReference.check("SAK-Ærø-2026/å") == "SAK-Ærø-2026/å")
    // NFD (a + combining ring) is kept as NFC, so it is found as the same reference.
    #expect(try CaseReference.check("Ta\u{30A}sen-1")?.unicodeScalars.count == 7)
    #expect(try CaseReference.check("Ta\u{30A}sen-1") == "T\u{E5}sen-1")
    #expect(try CaseReference.check(" CASE-1 ") == "CASE-1")
  }

  @Test(arguments: ["A\u{202E}B", "A\u{200B}B", "A\u{1B}[2JB", "A\u{2066}B", "A B", "A,B", ""])
  func caseReferencesRefuseHiddenAndOtherCharacters(_ text: String) {
    #expect(throws: ContactError.self) { try CaseReference.check(text) }
  }

  @Test func aHiddenCharacterIsNamedByCodePoint() {
    #expect(
      throws: ContactError.caseReference(
        "contains U+202E, a bidirectional control, which is not allowed (it is a single line)")
    ) {
      try CaseReference.check("A\u{202E}B")
    }
  }
}
