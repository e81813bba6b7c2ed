import Testing

@testable import MinIDKit

@Suite struct TimeBasedCodeTests {
  /// RFC 6238 Appendix B, the SHA-1 rows: the 20-byte ASCII secret "12345678901234567890", 8 digits.
  static let appendixB: [(time: Int64, step: Int64, code: String)] = [
    (59, 0x1, "94287082"),
    (1_111_111_109, 0x23523EC, "07081804"),
    (1_111_111_111, 0x23523ED, "14050471"),
    (1_234_567_890, 0x273EF07, "89005924"),
    (2_000_000_000, 0x3F940AA, "69279037"),
    (20_000_000_000, 0x27BC86AA, "65353130"),
  ]

  @Test(arguments: appendixB)
  func rfc6238AppendixBSHA1(vector: (time: Int64, step: Int64, code: String)) {
    let generator = TimeBasedCode(secret: Array("12345678901234567890".utf8), digits: 8)
    #expect(generator.step(at: vector.time) == vector.step)
    #expect(generator.code(step: generator.step(at: vector.time)) == vector.code)
  }

  static let secret = Array("12345678901234567890".utf8)
  static let now: Int64 = 1_111_111_111

  @Test(arguments: [-1, 0, 1] as [Int64])
  func aCodeFromOneStepEitherSideIsAccepted(offset: Int64) {
    let generator = TimeBasedCode(secret: Self.secret)
    let step = generator.step(at: Self.now) + offset
    #expect(generator.matchingStep(generator.code(step: step), at: Self.now, after: nil) == step)
  }

  @Test(arguments: [-2, 2, -3, 3] as [Int64])
  func aCodeFromTwoStepsAwayIsRefused(offset: Int64) {
    let generator = TimeBasedCode(secret: Self.secret)
    let step = generator.step(at: Self.now) + offset
    #expect(generator.matchingStep(generator.code(step: step), at: Self.now, after: nil) == nil)
  }

  @Test func aCodeIsAcceptedOnceAndNoOlderCodeAfterIt() {
    let generator = TimeBasedCode(secret: Self.secret)
    let step = generator.step(at: Self.now)
    #expect(generator.matchingStep(generator.code(step: step), at: Self.now, after: step) == nil)
    #expect(generator.matchingStep(generator.code(step: step - 1), at: Self.now, after: step) == nil)
    #expect(generator.matchingStep(generator.code(step: step + 1), at: Self.now, after: step) == step + 1)
  }

  @Test func malformedCodesMatchNothing() {
    let generator = TimeBasedCode(secret: Self.secret)
    for typed in ["", "12345", "1234567", "12a456", "１２３４５６"] {
      #expect(generator.matchingStep(typed, at: Self.now, after: nil) == nil)
    }
  }

  /// RFC 4648 §10's base32 vectors, without padding.
  @Test func base32MatchesRFC4648() {
    let vectors = [
      ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
      ("foobar", "MZXW6YTBOI"),
    ]
    for (plain, encoded) in vectors { #expect(Base32.encode(Array(plain.utf8)) == encoded) }
  }

  @Test func aSealedSecretOpensOnlyForItsOwnAccountAndKey() throws {
    let seal = SecretSeal(codeKey: [UInt8](repeating: 7, count: 32))
    let secret = [UInt8](repeating: 0xAB, count: 20)
    let sealed = try seal.seal(secret, context: "totp:1", nonce: [UInt8](repeating: 1, count: 12))
    #expect(!sealed.contains(0xAB) || Array(sealed[12..<32]) != secret)
    #expect(seal.open(sealed, context: "totp:1") == secret)
    #expect(seal.open(sealed, context: "totp:2") == nil)
    #expect(SecretSeal(codeKey: [UInt8](repeating: 8, count: 32)).open(sealed, context: "totp:1") == nil)
    var altered = sealed
    altered[14] ^= 1
    #expect(seal.open(altered, context: "totp:1") == nil)
  }
}
