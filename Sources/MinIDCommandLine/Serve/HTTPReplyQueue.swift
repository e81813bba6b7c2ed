import CEvent
import Foundation

/// Where worker threads leave their responses for the loop: a mutex-protected list, and `event_active` on a
/// user event of the loop's base, which `evthread_use_pthreads()` makes safe from any thread. Only the
/// loop thread, in the event's callback, takes the responses out and touches libevent's requests.
final class HTTPReplyQueue: @unchecked Sendable {
  struct Reply: Sendable {
    let response: HTTPResponse
    /// The code of the error the handler threw, if it threw.
    let errorCode: String?
  }

  private let lock = NSLock()
  // Guarded by `lock`.
  private var waiting: [(id: UInt64, reply: Reply)] = []
  /// The loop's wake-up event, nil once the loop has ended. Guarded by `lock`, and activated under it, so
  /// no worker wakes an event the loop has freed.
  private var wake: OpaquePointer?

  /// Sets the event to activate; before any worker starts.
  func attach(_ event: OpaquePointer) {
    lock.lock()
    wake = event
    lock.unlock()
  }

  /// Forgets the event before the loop frees it; responses pushed after are dropped.
  func detach() {
    lock.lock()
    wake = nil
    lock.unlock()
  }

  /// Leaves a response and wakes the loop. Called on worker threads.
  func push(_ id: UInt64, _ reply: Reply) {
    lock.lock()
    defer { lock.unlock() }
    guard let wake else { return }
    waiting.append((id, reply))
    // libevent runs callbacks without its base lock held, so the loop's `takeAll` never waits on a worker
    // that waits on the base here.
    event_active(wake, 0, 0)
  }

  /// Every response left so far, oldest first. Called on the loop thread.
  func takeAll() -> [(id: UInt64, reply: Reply)] {
    lock.lock()
    defer { lock.unlock() }
    let all = waiting
    waiting.removeAll()
    return all
  }
}
