import CSQLite
import Foundation
import Testing

@testable import MinIDKit

/// Verifying and publishing never read a private key: a store that refuses every read of
/// `signing_key.private_der` (a SQLite authorizer, as an unreadable column) still verifies tokens and
/// serves its JWKS, while signing, which needs the key, is refused.
@Suite(.enabled(if: TestBackend.isSQLite, "uses SQLite's authorizer")) struct PublicKeyReadTests {
  /// Denies reading `private_der` on the store's connection from now on.
  static func denyPrivateKeyReads(_ store: SQLiteStore) {
    sqlite3_set_authorizer(
      store.connection.handle,
      { _, action, table, column, _, _ in
        guard action == SQLITE_READ, let table, let column else { return SQLITE_OK }
        return String(cString: table) == "signing_key" && String(cString: column) == "private_der"
          ? SQLITE_DENY : SQLITE_OK
      }, nil)
  }

  @Test func tokenVerificationAndTheJWKSDoNotReadPrivateKeys() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let token = try fixture.login().token
    let store = fixture.test.sqlite
    Self.denyPrivateKeyReads(store)
    // The authorizer works: anything that does read the private key now fails.
    #expect(throws: SQLiteError.self) { try store.read { try $0.signingKeys() } }
    let keys = KeyService(store: store, time: fixture.test.clock, actor: "t")
    #expect(try keys.jwks().keys.count == 1)
    #expect(try keys.keys().count == 1)
    #expect(try fixture.verifier().verify(token).pid == fixture.pid)
    // Verifying the audit trail (and the key records in it) needs only public keys too.
    #expect(try AuditService(store: store).verify() > 0)
  }
}
