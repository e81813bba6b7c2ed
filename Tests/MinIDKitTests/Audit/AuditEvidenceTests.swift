import Foundation
import Testing

@testable import MinIDKit

/// The audit trail as evidence: checkpoints kept elsewhere catch truncation and rewrites the hash chain
/// alone cannot, and the trail's records of settings and keys catch edits made outside minid.
@Suite struct AuditEvidenceTests {
  /// A production store (the environment is what an attacker would flip) with an account's history.
  func storeWithHistory() throws -> TestStore {
    let test = try TestStore(.production)
    for seed in [1, 2, 3] as [UInt64] {
      _ = try test.service.register(
        People.request(person(seed), email: "person\(seed)@example.no"))
    }
    return test
  }

  /// A Folkeregister number per seed (a production store refuses synthetic ones).
  func person(_ seed: UInt64) -> String {
    People.number(.fodselsnummer, born: CalendarDate(year: 1980 + Int(seed), month: 3, day: 14)!, seed: seed)
  }

  func keyService(_ test: TestStore) -> KeyService {
    KeyService(store: test.store, time: test.clock, actor: "admin:test")
  }

  @Test func aCheckpointStatesCountHeadAndStoreAndVerifiesWithThePublicKeys() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let made = try audit.checkpoint(at: test.clock.timestamp)
    let entries = try audit.entries(pid: nil, since: nil)
    #expect(made.checkpoint.count == Int64(entries.count))
    #expect(made.checkpoint.head == Base64.encode(entries.last!.hash, urlSafe: true))
    #expect(made.checkpoint.store == Base64.encode(entries.first!.hash, urlSafe: true))
    #expect(made.checkpoint.issuer == "https://minid.test")
    #expect(made.checkpoint.issuedAt == test.clock.seconds)
    let jwks = try keyService(test).jwks()
    let read = try AuditCheckpoint.verified(made.token, line: 1, keys: (jwks, "the JWKS"))
    #expect(read == made.checkpoint)
    let header = try JSONSerialization.jsonObject(with: Data(try CompactJWS(parsing: made.token).headerBytes))
    #expect((header as? [String: String])?["typ"] == "minid-audit-checkpoint+jwt")
    let verified = try audit.verify(checkpoints: [made.token, ""], trustedKeys: jwks)
    #expect(verified.entries == made.checkpoint.count && verified.checkpoints == 1)
  }

  /// Deleting the last entry, the last five or all of them leaves a chain that verifies on its own; a
  /// checkpoint made before catches each.
  @Test(arguments: [1, 5, 10]) func truncationAfterACheckpointIsFound(removed: Int64) throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let made = try audit.checkpoint(at: test.clock.timestamp)
    #expect(made.checkpoint.count == 10)
    try test.dropAuditTriggers()
    try test.connection.run("DELETE FROM audit WHERE seq > ?", [.integer(made.checkpoint.count - removed)])
    // The limit this rule exists for: without the checkpoint, nothing shows.
    #expect(try audit.verify() == made.checkpoint.count - removed)
    let error = #expect(throws: AuditCheckpointError.self) { try audit.verify(checkpoints: [made.token]) }
    #expect(
      error == .truncated(line: 1, missing: removed, covered: made.checkpoint.count, at: made.checkpoint.time)
    )
    #expect(error?.category == .io)
    #expect(error?.message.contains("truncated: \(removed) entr") == true)
  }

  /// Someone with the file rewrites an entry and recomputes every hash after it (the chain is not keyed):
  /// `verify` alone finds nothing, the checkpoint finds the rewrite.
  @Test func aRewriteBeforeTheCheckpointIsFound() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let made = try audit.checkpoint(at: test.clock.timestamp)
    try test.dropAuditTriggers()
    var previous = AuditChain.genesis
    for entry in try audit.entries(pid: nil, since: nil) {
      let actor = entry.sequence == 6 ? "admin:mallory" : entry.actor
      let hash = AuditChain.hash(
        previous: previous, sequence: entry.sequence, at: entry.at, actor: actor, action: entry.action,
        account: entry.account, caseReference: entry.caseReference, outcome: entry.outcome,
        detail: entry.detail)
      try test.connection.run(
        "UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
        [.text(actor), .blob(previous), .blob(hash), .integer(entry.sequence)])
      previous = hash
    }
    #expect(try audit.verify() == made.checkpoint.count)
    let error = #expect(throws: AuditCheckpointError.self) { try audit.verify(checkpoints: [made.token]) }
    #expect(error == .rewritten(line: 1, sequence: made.checkpoint.count, at: made.checkpoint.time))
    #expect(error?.category == .io)
  }

  /// Entries appended after the checkpoint are fine: the trail extends it.
  @Test func laterEntriesStillExtendTheCheckpoint() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let made = try audit.checkpoint(at: test.clock.timestamp)
    _ = try test.service.register(
      People.request(person(9), email: "late@example.no"))
    _ = try keyService(test).rotate(algorithm: .es256, activateAfter: 0)
    let verified = try audit.verify(checkpoints: [made.token])
    #expect(verified.entries == made.checkpoint.count + 4)
  }

  /// An attacker who puts a key of their own into the store can sign a checkpoint the store's keys accept;
  /// the JWKS kept elsewhere refuses it.
  @Test func aCheckpointSignedByAKeySlippedIntoTheStoreFailsAgainstTheTrustedKeys() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let trusted = try keyService(test).jwks()
    let honest = try audit.checkpoint(at: test.clock.timestamp)
    let forger = try SigningKey.generate(.es256, at: test.clock.timestamp)
    try test.store.write { try $0.insertSigningKey(forger) }
    let forged = try AuditCheckpoint(
      issuer: honest.checkpoint.issuer, store: honest.checkpoint.store, count: 3,
      head: honest.checkpoint.head,
      issuedAt: honest.checkpoint.issuedAt
    ).signed(with: forger)
    let error = #expect(throws: AuditCheckpointError.self) {
      try audit.verify(checkpoints: [honest.token, forged], trustedKeys: trusted)
    }
    #expect(error == .signature(line: 2, keys: "the trusted keys", .unknownKey(forger.kid)))
    #expect(error?.category == .authenticationFailed)
    // And a key that is nowhere in the store fails against the store's own keys.
    let stranger = try SigningKey.generate(.es256, at: test.clock.timestamp)
    let unknown = try honest.checkpoint.signed(with: stranger)
    #expect(
      throws: AuditCheckpointError.signature(line: 1, keys: "the store's keys", .unknownKey(stranger.kid))
    ) {
      try audit.verify(checkpoints: [unknown])
    }
  }

  /// A checkpoint outlives the key that signed it: retiring the key takes it out of the JWKS, not out of
  /// the keys checkpoints are checked with.
  @Test func aCheckpointStillVerifiesAfterItsKeyIsRetired() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let made = try audit.checkpoint(at: test.clock.timestamp)
    _ = try keyService(test).rotate(algorithm: .es256, activateAfter: 0)
    try keyService(test).retire(kid: made.kid)
    #expect(try audit.verify(checkpoints: [made.token]).checkpoints == 1)
  }

  @Test func anIDTokenIsNotACheckpoint() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let key = try #require(try test.store.read { try $0.signingKeys() }.first(where: \.isActive))
    let claims = IDTokenClaims(
      iss: "https://minid.test", aud: "my-app", sub: "s", pid: nil, acr: "idporten-loa-substantial",
      amr: ["Minid-OTC"], authTime: 0, iat: 0, exp: 120, jti: "j", nonce: nil, locale: nil)
    let token = try CompactJWS.sign(
      header: ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": "JWT"], claims: claims, key: key)
    let error = #expect(throws: AuditCheckpointError.self) {
      try AuditService(store: test.store).verify(checkpoints: [token])
    }
    #expect(error?.code == "checkpoint_malformed")
    #expect(error?.category == .invalidInput)
  }

  @Test func aCheckpointOfAnotherStoreIsRefused() throws {
    let test = try storeWithHistory()
    let other = try TestStore(seed: 2)
    defer {
      test.remove()
      other.remove()
    }
    let made = try AuditService(store: test.store).checkpoint(at: test.clock.timestamp)
    // Give the other store the first store's keys so that only the history differs.
    try other.store.write { transaction in
      for key in try transaction.signingKeys() {
        try transaction.retireSigningKey(kid: key.kid, at: other.clock.timestamp)
      }
      for key in try test.store.read({ try $0.signingKeys() }) { try transaction.insertSigningKey(key) }
    }
    let error = #expect(throws: AuditCheckpointError.self) {
      try AuditService(store: other.store).verify(checkpoints: [made.token])
    }
    #expect(error == .otherStore(line: 1))
  }

  /// The issue's first attack: production → test with an SQL editor.
  @Test func aSettingChangedWithSQLIsFound() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    #expect(try AuditService(store: test.store).verify() == 10)
    try test.connection.run("UPDATE store_info SET value = 'test' WHERE key = 'environment'")
    let error = #expect(throws: AuditRecordError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.settings == ["environment"])
    #expect(error?.keys == [])
    #expect(error?.message == "settings changed outside minid: environment")
    #expect(error?.category == .io)
    let check = try test.store.check()
    #expect(!check.ok)
    #expect(check.auditProblem == "settings changed outside minid: environment")
    // Signing a checkpoint over a store in that state is refused too.
    #expect(throws: AuditRecordError.self) {
      try AuditService(store: test.store).checkpoint(at: test.clock.timestamp)
    }
  }

  @Test func theInitialSettingsAreRecordedWithTheirDigest() throws {
    let test = try TestStore(.production)
    defer { test.remove() }
    let entries = try AuditService(store: test.store).entries(pid: nil, since: nil)
    #expect(entries.map(\.action) == ["store.init", "settings.change", "key.add", "key.activate"])
    let detail = entries[1].detail
    #expect(detail.hasPrefix("environment: (none) → production; issuer: (none) → https://minid.test; "))
    #expect(detail.hasSuffix("; settings sha256 " + SettingsRecord.digest(test.store.settings)))
  }

  /// The issue's second attack: a key's public JWK swapped for another (so tokens signed with another
  /// private key would verify against the published set).
  @Test func aSwappedPublicKeyIsFound() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let key = try #require(try keyService(test).keys().first)
    let other = try SigningKey.generate(.es256, at: test.clock.timestamp)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let swapped = String(
      decoding: try encoder.encode(other.publicKey.with(kid: key.kid)), as: UTF8.self)
    try test.connection.run(
      "UPDATE signing_key SET public_jwk = ? WHERE kid = ?", [.text(swapped), .text(key.kid)])
    let error = #expect(throws: AuditRecordError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.settings == [])
    #expect(error?.keys == ["\(key.kid) (public key replaced: not the one its kid names)"])
    #expect(try test.store.check().auditProblem?.contains("keys changed outside minid: \(key.kid)") == true)
  }

  @Test func aKeyAddedOrActivatedWithSQLIsFound() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let first = try #require(try keyService(test).keys().first)
    let second = try keyService(test).rotate(algorithm: .es256, activateAfter: 0)
    #expect(try AuditService(store: test.store).verify() == 12)
    // Back to the first key, as an UPDATE would do it: the second no longer has an activation time.
    try test.connection.run("UPDATE signing_key SET activates_at = NULL WHERE kid = ?", [.text(second.kid)])
    let error = #expect(throws: AuditRecordError.self) { try AuditService(store: test.store).verify() }
    #expect(
      error?.keys
        == ["\(second.kid) (recorded \(KeySetRecord.activeFrom(test.clock.timestamp)), found published)"])
  }

  @Test func keyEventsAreAuditedWithKidStatesAndDigestButNoKeyMaterial() throws {
    let test = try storeWithHistory()
    defer { test.remove() }
    let service = keyService(test)
    let first = try #require(try test.store.read { try $0.signingKeys() }.first)
    let second = try service.rotate(algorithm: .es256, activateAfter: 0)
    try service.retire(kid: first.kid)
    let entries = try AuditService(store: test.store).entries(pid: nil, since: nil).suffix(3)
    #expect(entries.map(\.action) == ["key.add", "key.activate", "key.retire"])
    let details = entries.map(\.detail)
    #expect(details[0].hasPrefix("\(second.kid): (none) → published; ES256; keys sha256 "))
    #expect(
      details[1].hasPrefix(
        "\(second.kid): published → active from \(test.clock.timestamp.rfc3339); keys sha256 "))
    #expect(
      details[2]
        == "\(first.kid): active → retired; keys sha256 \(KeySetRecord.digest(try service.keys()))")
    for detail in details {
      let secondPrivate = try #require(
        try test.store.read { try $0.signingKeys() }.first { $0.kid == second.kid })
      for secret in [first.privateDER, secondPrivate.privateDER] {
        #expect(
          !detail.contains(Base64.encode(secret)) && !detail.contains(Base64.encode(secret, urlSafe: true)))
      }
      #expect(!detail.contains(second.publicKey.x ?? "-"))
    }
    #expect(try AuditService(store: test.store).verify() == 13)
  }

  /// A store made before keys were recorded has `key.create`, `key.rotate` and bare-kid `key.retire`
  /// entries; the first recorded event after an upgrade must not report its older keys as foreign.
  @Test func keyEntriesWrittenBeforeTheRecordStillCount() throws {
    let test = try TestStore()
    defer { test.remove() }
    let service = keyService(test)
    let old = try #require(try service.keys().first)
    let second = try service.rotate(algorithm: .es256, activateAfter: 0)
    try service.retire(kid: old.kid)
    let keys = try service.keys()
    var replay = KeySetRecord.Replay()
    var head: (sequence: Int64, hash: [UInt8])?
    for (action, detail) in [
      (AuditAction.keyCreate, "ES256 \(old.kid); active"), (.keyRotate, "ES256 \(second.kid); active"),
      (.keyRetire, old.kid),
    ] {
      let entry = AuditChain.next(
        after: head, draft: AuditDraft(actor: "admin:old", action: action, detail: detail),
        at: test.clock.timestamp)
      replay.apply(entry)
      head = (entry.sequence, entry.hash)
    }
    #expect(replay.states == [old.kid: "retired", second.kid: "active"])
    #expect(replay.changedOutsideMinID(keys) == [], "no digest recorded yet")
    let third = try service.rotate(algorithm: .es256, activateAfter: 0)
    for entry in try AuditService(store: test.store).entries(pid: nil, since: nil).suffix(2) {
      replay.apply(entry)
    }
    #expect(replay.changedOutsideMinID(try service.keys()) == [])
    #expect(replay.states[third.kid] == KeySetRecord.activeFrom(test.clock.timestamp))
  }

  @Test func theActorIsTheOperatingSystemAccountAndALabelOnlyAnAnnotation() throws {
    let account = try #require(getpwuid(geteuid())).pointee.pw_name.map { String(cString: $0) }
    let actor = AuditActor.operatingSystemAccount(label: "Kari \"Support\"; ticket 7")
    #expect(actor.name == "admin:" + (account ?? "uid:\(geteuid())"))
    #expect(actor.annotate("reason x") == #"reason x; label "Kari \"Support\"\u{3b} ticket 7" (unverified)"#)
    #expect(actor.annotate("") == #"label "Kari \"Support\"\u{3b} ticket 7" (unverified)"#)
    #expect(AuditActor.operatingSystemAccount().annotate("d") == "d")
    let hostile = AuditActor("admin:x", label: "a\u{202E}b\nc" + String(repeating: "z", count: 200))
    let annotated = hostile.annotate("")
    #expect(annotated.hasPrefix(#"label "a\u{202e}b\u{a}c"#))
    // 64 characters kept; the two escaped ones take 8 and 5 characters instead of 1.
    #expect(annotated.count == #"label ""#.count + 64 + 7 + 4 + #"" (unverified)"#.count)
    let draft = AuditDraft(actor: actor, action: .accountUpdate, detail: "d")
    #expect(draft.actor == actor.name && draft.detail == actor.annotate("d"))
  }
}
