import CSystem
import Foundation
import MinIDKit

/// The threads of one lane and their queue: each thread takes a request, runs its handler with the
/// thread's own `HTTPWorkerContext`, and hands the response to `replies`, which wakes the loop.
final class HTTPLanePool: @unchecked Sendable {
  /// A request on its way to a handler; `id` is how the loop finds the libevent request again.
  struct Job: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let handler: any HTTPHandler
  }

  let lane: HTTPLane
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var jobs: [Job] = []
  private var head = 0
  private var closed = false
  private var running: Int

  private let replies: HTTPReplyQueue

  /// Starts `threads` threads.
  /// - Parameter makeContext: called once on each thread, with its index, for that thread's context.
  init(
    lane: HTTPLane, threads: Int, replies: HTTPReplyQueue,
    makeContext: @escaping @Sendable (Int) -> HTTPWorkerContext
  ) {
    self.lane = lane
    self.replies = replies
    self.running = threads
    for index in 0..<threads {
      let thread = Thread { [self] in
        if lane == .work { Self.yieldToFastLane() }
        let context = makeContext(index)
        while let job = self.next() {
          self.replies.push(job.id, Self.answer(job, in: context))
        }
        self.condition.lock()
        self.running -= 1
        self.condition.broadcast()
        self.condition.unlock()
      }
      thread.name = "minid-\(lane.rawValue)-\(index)"
      thread.start()
    }
  }

  /// The niceness of the `.work` lane's threads: ten steps below the loop and the `.fast` lane, so the
  /// kernel gives them about a tenth of a contended core's time (CFS weights 110 against 1024). Logins
  /// still take every core nothing else wants, but scrypt never delays the JWKS behind it.
  static let workNiceness: Int32 = 10

  /// Lowers the calling thread's priority to `workNiceness` (Linux schedules threads, so this touches no
  /// other thread). Lowering one's own priority needs no privilege; a failure leaves the thread as it was.
  private static func yieldToFastLane() {
    _ = minid_set_thread_niceness(workNiceness)
  }

  /// The calling thread's niceness (0 unless lowered), for the lanes' tests.
  static func currentThreadNiceness() -> Int32 { minid_thread_niceness() }

  /// Queues a job for the next free thread.
  func submit(_ job: Job) {
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Lets the threads finish the jobs queued and end; waits up to `limit` for them. A handler that does not
  /// return in time is left running: the process is about to exit.
  /// - Returns: whether every thread ended.
  @discardableResult
  func close(waitingUpTo limit: Double) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    closed = true
    condition.broadcast()
    let deadline = Date(timeIntervalSinceNow: limit)
    while running > 0 {
      if !condition.wait(until: deadline) { return running == 0 }
    }
    return true
  }

  private func next() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while head == jobs.count && !closed { condition.wait() }
    guard head < jobs.count else { return nil }
    let job = jobs[head]
    head += 1
    if head > 64 && head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    return job
  }

  /// Runs the handler; what it throws becomes 503 (a busy store, a lost connection: worth a retry) or 500,
  /// with the error's code for the log and nothing of its message for the client.
  static func answer(_ job: Job, in context: HTTPWorkerContext) -> HTTPReplyQueue.Reply {
    do {
      return HTTPReplyQueue.Reply(
        response: try job.handler.respond(to: job.request, in: context), errorCode: nil)
    } catch let error as any MinIDError {
      if error.category == .io { context.discardStore() }
      let retry = error.category == .busy || error.category == .io
      var response = HTTPResponse.jsonError(
        status: retry ? 503 : 500, code: retry ? "temporarily_unavailable" : "server_error")
      if retry { response.headers.append(("Retry-After", "1")) }
      return HTTPReplyQueue.Reply(response: response, errorCode: error.code)
    } catch {
      return HTTPReplyQueue.Reply(
        response: HTTPResponse.jsonError(status: 500, code: "server_error"), errorCode: "internal")
    }
  }
}
