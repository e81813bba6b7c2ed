import Foundation
import Testing

@testable import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// `outbox drain --to-dir` into a folder others can write: a planted link or file is refused, and the
/// store keeps the letter's text for the next drain.
@Suite struct OutboxDrainFileTests {
  @Test func aPlantedLinkIsRefusedWithNothingWrittenThroughIt() throws {
    let test = try TestStore()
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult()))
    let code = receipt.letter.code!.formatted
    let directory = test.directory.appendingPathComponent("print").path
    #expect(mkdir(directory, 0o1777) == 0 && chmod(directory, 0o1777) == 0)
    let target = test.directory.appendingPathComponent("root-owned.conf").path
    try Data("original\n".utf8).write(to: URL(fileURLWithPath: target))
    let planted = directory + "/\(receipt.letter.outboxID)-letter.txt"
    #expect(symlink(target, planted) == 0)
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "admin:test")
    #expect(throws: NewFileError.symbolicLink(path: planted)) { try outbox.drain(to: directory) }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "original\n")
    #expect(try outbox.messages(OutboxFilter(undrainedOnly: true)).first?.body?.contains(code) == true)
  }

  @Test func aDirectoryThroughAPlantedLinkOrOneOthersCanSwapFilesInIsRefused() throws {
    let test = try TestStore()
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult()))
    let shared = test.directory.appendingPathComponent("shared").path
    #expect(mkdir(shared, 0o1777) == 0 && chmod(shared, 0o1777) == 0)
    let victim = test.directory.appendingPathComponent("private").path
    #expect(mkdir(victim, 0o700) == 0)
    // Another user's link in the shared folder, to a folder of minid's user.
    #expect(symlink(victim, shared + "/out") == 0 && lchown(shared + "/out", 65534, 65534) == 0)
    // Another user's folder, and a folder of minid's user that anyone may write.
    #expect(mkdir(shared + "/theirs", 0o777) == 0 && chown(shared + "/theirs", 65534, 65534) == 0)
    #expect(mkdir(shared + "/open", 0o700) == 0 && chmod(shared + "/open", 0o777) == 0)
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "admin:test")
    // However the path is written: lstat of "out/" or "out/." would follow the link.
    for written in ["/out", "/out/", "/out/.", "/out//", "/out/../shared/out"] {
      #expect(throws: NewFileError.symbolicLink(path: shared + "/out"), "\(written)") {
        try outbox.drain(to: shared + written)
      }
    }
    #expect(throws: NewFileError.notOwnDirectory(path: shared + "/theirs", owner: 65534)) {
      try outbox.drain(to: shared + "/theirs")
    }
    #expect(throws: NewFileError.directoryWritableByOthers(path: shared + "/open")) {
      try outbox.drain(to: shared + "/open")
    }
    for folder in [victim, shared + "/theirs", shared + "/open"] {
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing in \(folder)")
    }
    #expect(try outbox.messages(OutboxFilter(undrainedOnly: true)).map(\.id) == [receipt.letter.outboxID])
  }

  @Test func anExistingFileIsRefusedAndKept() throws {
    let test = try TestStore()
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult()))
    let directory = test.directory.appendingPathComponent("print").path
    #expect(mkdir(directory, 0o700) == 0)
    let existing = directory + "/\(receipt.letter.outboxID)-letter.txt"
    try Data("someone else's\n".utf8).write(to: URL(fileURLWithPath: existing))
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "admin:test")
    #expect(throws: NewFileError.exists(path: existing)) { try outbox.drain(to: directory) }
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "someone else's\n")
  }

  @Test func aDrainRepeatedAfterACrashFindsItsOwnFiles() throws {
    let test = try TestStore()
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult()))
    let directory = test.directory.appendingPathComponent("print").path
    #expect(mkdir(directory, 0o700) == 0)
    let message = try OutboxService(store: test.store, time: test.clock, actor: "admin:test")
      .message(id: receipt.letter.outboxID)
    // What the crashed drain wrote before it could record the hand-over.
    let text =
      "To: \(message.recipient)\nSubject: \(message.subject)\nDate: \(message.createdAt.rfc3339)\n\n\(message.body ?? "")"
    try NewFile.write(Array(text.utf8), to: directory + "/\(message.id)-letter.txt")
    let drained = try OutboxService(store: test.store, time: test.clock, actor: "admin:test").drain(
      to: directory)
    #expect(drained.map(\.id) == [message.id])
  }
}
