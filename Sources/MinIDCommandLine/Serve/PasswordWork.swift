import Dispatch
import Foundation

/// The bound on page steps that compute scrypt (the password step, a recovery's new password, activation):
/// at most one fewer than the cores at once (at least one). At a production cost one scrypt takes about
/// 0.3 s of a core and 128 MiB of memory traffic; with as many running as the work lane has threads, they
/// took every core from the event loop and the fast lane. On 2 cores, with `benchmarks/serve.sh`'s JWKS
/// measurement while ln=17 logins ran, four at once gave a JWKS p99 of 7.4 ms and one at a time 1.9 ms,
/// for the same logins a second (docs/performance.md). Other work-lane requests (codes, tokens) do not
/// wait for it.
enum PasswordWork {
  /// How many may run at once.
  static let limit = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

  private static let slots = DispatchSemaphore(value: limit)

  /// `step`, run when a slot is free.
  static func bounded<Input, Output>(_ step: @escaping @Sendable (Input) throws -> Output)
    -> @Sendable (Input) throws -> Output
  {
    { input in
      slots.wait()
      defer { slots.signal() }
      return try step(input)
    }
  }
}
