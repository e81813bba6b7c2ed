import Foundation

/// The write transactions of one process on one store file, one at a time, in the order they asked.
///
/// SQLite lets one writer in at a time and makes the others wait in its busy handler, which polls with
/// sleeps that grow to 100 ms: with several threads of one process writing (`minid serve`'s workers) a
/// writer often sleeps long after the lock came free, and a few wait seconds. Threads of one process queue
/// here instead, each woken the moment the one ahead commits; SQLite's own lock and busy timeout still keep
/// writers of other processes apart (decisions §5).
final class SQLiteWriterQueue: @unchecked Sendable {
  /// Recursive, so a nested write on the same thread fails in SQLite as it always did, never deadlocks.
  private let turn = NSRecursiveLock()
  private let count = NSLock()
  // Guarded by `count`.
  private var waitingCount = 0

  /// Runs `body` once every writer ahead of it in this process has finished.
  func run<T>(_ body: () throws -> T) rethrows -> T {
    count.lock()
    waitingCount += 1
    count.unlock()
    turn.lock()
    count.lock()
    waitingCount -= 1
    count.unlock()
    defer { turn.unlock() }
    return try body()
  }

  /// How many writers wait for their turn now (for tests).
  var waiting: Int {
    count.lock()
    defer { count.unlock() }
    return waitingCount
  }

  private static let registryLock = NSLock()
  nonisolated(unsafe) private static var queues: [String: SQLiteWriterQueue] = [:]

  /// The queue for a store file, by the path it was opened with (a process opens few store files, so the
  /// queues are kept for its life).
  static func forFile(_ path: String) -> SQLiteWriterQueue {
    registryLock.lock()
    defer { registryLock.unlock() }
    if let queue = queues[path] { return queue }
    let queue = SQLiteWriterQueue()
    queues[path] = queue
    return queue
  }
}
