import Dispatch
import Foundation
import MinIDKit
import Testing

/// A store is `Sendable`: one handle may be used from many threads at once, its connection serialized
/// (each transaction whole, one after another), on SQLite and on PostgreSQL.
@Suite struct SharedStoreTests {
  @Test func oneStoreHandleServesManyThreadsAtOnce() throws {
    let test = try TestStore()
    let store: any Store = test.store
    let catalog = ServiceCatalog(store: store, time: test.clock, actor: "admin:test", random: test.random)
    let failures = ConcurrentFailures()
    DispatchQueue.concurrentPerform(iterations: 16) { index in
      do {
        // A write and reads in turn, so transactions of every kind overlap across the threads.
        _ = try catalog.add(clientID: "svc-\(index)", name: "Service \(index)", level: .substantial)
        _ = try catalog.services()
        _ = try store.read { try $0.service(clientID: "svc-\(index)") }
      } catch {
        failures.record("\(index): \(error)")
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    #expect(try catalog.services().count == 16)
    // Every write kept the one audit chain whole.
    #expect(try AuditService(store: store, time: test.clock).verify() >= 16)
  }
}

/// Errors collected from concurrent work.
final class ConcurrentFailures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []

  func record(_ item: String) {
    lock.lock()
    items.append(item)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}
