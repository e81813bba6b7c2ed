import Foundation
import Synchronization
import Testing

@testable import MinIDCommandLine

/// The scrypt page steps take turns: never more at once than `PasswordWork.limit`, however many worker
/// threads call them.
@Suite struct PasswordWorkTests {
  @Test func noMoreThanTheLimitRunAtOnce() {
    let running = Mutex((now: 0, most: 0))
    let step = PasswordWork.bounded { (_: Int) -> Int in
      running.withLock {
        $0.now += 1
        $0.most = max($0.most, $0.now)
      }
      // Long enough that unbounded calls overlap; the assertion is on the count, not on time.
      usleep(20_000)
      running.withLock { $0.now -= 1 }
      return 0
    }
    DispatchQueue.concurrentPerform(iterations: PasswordWork.limit * 4 + 2) { _ = try? step($0) }
    #expect(running.withLock { $0.most } == PasswordWork.limit)
    #expect(PasswordWork.limit == max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
  }
}
