import Foundation

/// A run of consecutive lines, read and checked: the rows to write and the problems found, in line order.
struct ImportChunk {
  var rows: [ValidatedRow] = []
  var problems: [ImportProblem] = []
  /// The last chunk of its batch: the writer commits after it.
  var endsBatch = false
  var lines: Int { rows.count + problems.count }
}

/// Reads and checks an import file on its own thread while the caller writes what was read before, so
/// the file's parsing and checking overlap the store's work instead of taking turns with it. Only a few
/// chunks wait at any time, which keeps memory flat whatever the file's size.
final class ImportPipeline: @unchecked Sendable {
  /// Lines per chunk: small enough that memory stays flat, large enough to share checking between cores.
  static let chunkSize = 2048
  /// Chunks read ahead of the writer.
  static let readAhead = 3

  /// Thrown inside the reading thread to unwind the source when the writer has stopped.
  private struct Stopped: Error {}

  private let condition = NSCondition()
  private var waiting: [ImportChunk] = []
  /// Chunks the writer is done with, released by the reader: their strings were allocated on the reading
  /// thread, and freeing them there keeps the writer out of that thread's allocator arena.
  private var spent: [ImportChunk] = []
  private var ended = false
  private var failure: (any Error)?
  private var stopped = false
  private let done = DispatchSemaphore(value: 0)

  /// Starts reading `source` on a new thread, cutting it into batches of `batchSize` lines, each handed on
  /// in chunks; `check` turns a chunk of records into rows or problems, keeping their order.
  init(
    batchSize: Int,
    source: @escaping ((Result<ImportRecord, ImportProblem>) throws -> Void) throws -> Void,
    check: @escaping ([Result<ImportRecord, ImportProblem>]) -> [Result<ValidatedRow, ImportProblem>]
  ) {
    let work = ReaderWork(batchSize: batchSize, source: source, check: check)
    let thread = Thread { [self] in
      self.read(work)
      self.done.signal()
    }
    thread.name = "minid-import-reader"
    thread.start()
  }

  /// The next chunk, or nil when the file has been read; rethrows what stopped the reading.
  func next() throws -> ImportChunk? {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty && !ended { condition.wait() }
    if !waiting.isEmpty {
      condition.broadcast()
      return waiting.removeFirst()
    }
    if let failure { throw failure }
    return nil
  }

  /// Hands a written chunk back, for the reading thread to release.
  func recycle(_ chunk: ImportChunk) {
    condition.lock()
    spent.append(chunk)
    condition.unlock()
  }

  /// Stops the reader (if it is still reading) and waits for its thread to end. Call exactly once.
  func finish() {
    condition.lock()
    stopped = true
    waiting.removeAll()
    condition.broadcast()
    condition.unlock()
    done.wait()
  }

  /// Takes the closures out of `work`, so that nothing holds them once this returns: the caller lends
  /// them only for the length of its call.
  private func read(_ work: ReaderWork) {
    guard let source = work.source, let check = work.check else { return }
    work.source = nil
    work.check = nil
    read(batchSize: work.batchSize, source: source, check: check)
  }

  private func read(
    batchSize: Int,
    source: ((Result<ImportRecord, ImportProblem>) throws -> Void) throws -> Void,
    check: @escaping ([Result<ImportRecord, ImportProblem>]) -> [Result<ValidatedRow, ImportProblem>]
  ) {
    var records: [Result<ImportRecord, ImportProblem>] = []
    records.reserveCapacity(Self.chunkSize)

    var leftInBatch = batchSize

    func handOn() throws {
      leftInBatch -= records.count
      var chunk = ImportChunk()
      if leftInBatch == 0 {
        chunk.endsBatch = true
        leftInBatch = batchSize
      }
      for result in check(records) {
        switch result {
        case .success(let row): chunk.rows.append(row)
        case .failure(let problem): chunk.problems.append(problem)
        }
      }
      records.removeAll(keepingCapacity: true)
      var released: [ImportChunk] = []
      condition.lock()
      defer {
        condition.unlock()
        released.removeAll()
      }
      while waiting.count >= Self.readAhead && !stopped { condition.wait() }
      if stopped { throw Stopped() }
      waiting.append(chunk)
      swap(&released, &spent)
      condition.broadcast()
    }

    var failure: (any Error)?
    do {
      try source { item in
        records.append(item)
        if records.count >= min(Self.chunkSize, leftInBatch) { try handOn() }
      }
      if !records.isEmpty { try handOn() }
    } catch is Stopped {
    } catch {
      failure = error
    }
    condition.lock()
    ended = true
    self.failure = failure
    condition.broadcast()
    condition.unlock()
  }
}

/// The reading thread's closures, handed over once.
private final class ReaderWork: @unchecked Sendable {
  let batchSize: Int
  var source: (((Result<ImportRecord, ImportProblem>) throws -> Void) throws -> Void)?
  var check: (([Result<ImportRecord, ImportProblem>]) -> [Result<ValidatedRow, ImportProblem>])?

  init(
    batchSize: Int, source: @escaping ((Result<ImportRecord, ImportProblem>) throws -> Void) throws -> Void,
    check: @escaping ([Result<ImportRecord, ImportProblem>]) -> [Result<ValidatedRow, ImportProblem>]
  ) {
    self.batchSize = batchSize
    self.source = source
    self.check = check
  }
}

/// Hands values that are only read to another thread.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
}
