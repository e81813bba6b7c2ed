import Foundation
import Testing

@testable import MinIDKit

/// Write transactions of one process on one file take turns in `SQLiteWriterQueue` before SQLite's busy
/// handler is ever asked. Nothing here waits for a time to pass: the first writer holds until the test has
/// seen the second one queue.
@Suite struct SQLiteWriterQueueTests {
  @Test func aSecondWriterInTheProcessWaitsItsTurnRatherThanFailingBusy() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-writers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.path + "/writers.sqlite"
    nonisolated(unsafe) let first = try SQLiteConnection(path: path, create: true)
    try first.execute("CREATE TABLE t (v INTEGER)")
    nonisolated(unsafe) let second = try SQLiteConnection(path: path)
    // With no busy timeout SQLite answers BUSY at once: only the queue can make the second writer wait.
    try second.execute("PRAGMA busy_timeout = 0")
    #expect(first.writers === second.writers, "one queue per file")

    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let finished = DispatchGroup()
    finished.enter()
    Thread {
      _ = try? first.writeTransaction {
        try first.run("INSERT INTO t VALUES (1)")
        entered.signal()
        release.wait()
      }
      finished.leave()
    }.start()
    #expect(entered.wait(timeout: .now() + 60) == .success)

    nonisolated(unsafe) var outcome: Result<Void, any Error>?
    finished.enter()
    Thread {
      outcome = Result { try second.writeTransaction { _ = try second.run("INSERT INTO t VALUES (2)") } }
      finished.leave()
    }.start()
    let deadline = Date(timeIntervalSinceNow: 60)
    while first.writers.waiting == 0 && Date() < deadline { usleep(1000) }
    #expect(first.writers.waiting == 1, "the second writer queues behind the first")

    release.signal()
    #expect(finished.wait(timeout: .now() + 60) == .success)
    #expect(throws: Never.self) { try outcome?.get() }
    #expect(try first.scalarInt("SELECT count(*) FROM t") == 2)
  }

  @Test func differentFilesHaveDifferentQueues() {
    #expect(SQLiteWriterQueue.forFile("/a/minid.sqlite") !== SQLiteWriterQueue.forFile("/b/minid.sqlite"))
    #expect(SQLiteWriterQueue.forFile("/a/minid.sqlite") === SQLiteWriterQueue.forFile("/a/minid.sqlite"))
  }
}
