import MinIDKit
import Testing

@Suite struct PasswordHasherTests {
  /// passlib's documented example, reproduced with OpenSSL: an interoperability vector.
  @Test func passlibDocumentationVector() throws {
    let stored = try PasswordHash(
      phc: "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E")
    let hasher = PasswordHasher()
    #expect(try hasher.verify(Secret("password"), against: stored))
    #expect(try !hasher.verify(Secret("Password"), against: stored))
    #expect(hasher.needsRehash(stored))
  }

  @Test func hashRoundTripsThroughPHC() throws {
    let hasher = PasswordHasher(
      parameters: ScryptParameters(ln: 10, r: 8, p: 1)!, random: SeededRandomSource(seed: 1))
    let hash = try hasher.hash(Secret("correct horse 42"))
    #expect(hash.phc.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
    #expect(hash.salt.count == 16 && hash.hash.count == 32)
    let parsed = try PasswordHash(phc: hash.phc)
    #expect(parsed == hash)
    #expect(try hasher.verify(Secret("correct horse 42"), against: parsed))
    #expect(try !hasher.verify(Secret("correct horse 43"), against: parsed))
    #expect(!"\(hash)".contains(Base64.encode(hash.hash)))
  }

  @Test func recommendedParametersAreOWASPs() {
    #expect(ScryptParameters.recommended.description == "ln=17,r=8,p=1")
    #expect(ScryptParameters.recommended.memoryBytes == 134_220_800)
  }

  @Test(arguments: [
    "", "$scrypt$", "scrypt$ln=17,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$bcrypt$ln=17,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$r=8,ln=17,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=017,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=17,r=8,p=1$aM15713r3Xsvxbi31lqr1Q==$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=17,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E$extra",
    "$scrypt$ln=17,r=8,p=1$$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=-1,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
  ])
  func malformedStringsAreRefused(_ phc: String) {
    #expect(throws: PasswordHashError.self) { try PasswordHash(phc: phc) }
  }

  /// Absurd parameters would make OpenSSL allocate gigabytes; they are refused before any work.
  @Test(arguments: [
    "$scrypt$ln=40,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=20,r=32,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=17,r=8,p=999$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
    "$scrypt$ln=17,r=0,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
  ])
  func absurdParametersAreRefused(_ phc: String) {
    #expect(throws: PasswordHashError.self) { try PasswordHash(phc: phc) }
  }
}

@Suite struct DigestTests {
  @Test func sha256AndHMACKnownAnswers() {
    #expect(
      Digest.sha256(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // RFC 4231 test case 2.
    #expect(
      Digest.hmacSHA256(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
        .map { String(format: "%02x", $0) }.joined()
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func base64RoundTripsAndRejectsNonCanonicalInput() {
    for length in 0..<40 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
      #expect(Base64.decode(Base64.encode(bytes)) == bytes)
      #expect(Base64.decode(Base64.encode(bytes, urlSafe: true), urlSafe: true) == bytes)
    }
    #expect(Base64.decode("QQ==") == nil)
    #expect(Base64.decode("QR") == nil)
    #expect(Base64.decode("a") == nil)
    #expect(Base64.decode("ab-_") == nil)
  }

  @Test func constantTimeEqual() {
    #expect(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
    #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
    #expect(!Digest.constantTimeEqual([1, 2], [1, 2, 3]))
  }

  @Test func randomSourcesAreUniformAndSeeded() {
    #expect(SeededRandomSource(seed: 4).bytes(16) == SeededRandomSource(seed: 4).bytes(16))
    #expect(SystemRandomSource().bytes(32) != SystemRandomSource().bytes(32))
    let source = SeededRandomSource(seed: 9)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<5000 { counts[source.uniform(below: 5)] += 1 }
    #expect(counts.allSatisfy { (850...1150).contains($0) })
  }
}
