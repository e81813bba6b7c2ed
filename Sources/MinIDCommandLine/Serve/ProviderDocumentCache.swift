import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The discovery document and the JWKS as the bytes sent, shared by every thread of one server and made
/// again from the store at most once per `lifetime`.
///
/// Both documents are the same for every request until the store's keys change, and encoding them costs
/// more than everything else in answering them. A key added, activated or retired — by this server or by a
/// `minid keys` command in another process — appears in both within `lifetime` (one second): far inside
/// the five minutes clients may cache the JWKS themselves (`Cache-Control: public, max-age=300`), and a
/// rotated key is published an hour (`keys rotate --activate-after`) before it signs. Each server process
/// has its own cache, so several instances on one store agree within the same second.
final class ProviderDocumentCache: @unchecked Sendable {
  /// The two documents, each a whole JSON body with its final newline.
  struct Documents: Sendable {
    let discovery: [UInt8]
    let jwks: [UInt8]
  }

  /// How long documents are answered before the store is read again: one second.
  static let defaultLifetimeNanoseconds: UInt64 = 1_000_000_000

  let lifetimeNanoseconds: UInt64
  private let clock: @Sendable () -> UInt64
  private let lock = NSLock()
  // Guarded by `lock`.
  private var cached: (documents: Documents, madeAt: UInt64)?

  /// - Parameters:
  ///   - lifetimeNanoseconds: how long a made pair is answered.
  ///   - clock: monotonic nanoseconds (`CLOCK_MONOTONIC` unless a test drives it).
  init(
    lifetimeNanoseconds: UInt64 = defaultLifetimeNanoseconds,
    clock: @escaping @Sendable () -> UInt64 = ProviderDocumentCache.monotonicNanoseconds
  ) {
    self.lifetimeNanoseconds = lifetimeNanoseconds
    self.clock = clock
  }

  /// The documents if they were made less than `lifetime` ago; never blocks on anything but the lock, so
  /// the event loop may call it.
  func fresh() -> Documents? {
    let now = clock()
    lock.lock()
    defer { lock.unlock() }
    guard let cached, now &- cached.madeAt < lifetimeNanoseconds else { return nil }
    return cached.documents
  }

  /// The fresh documents, or new ones from `make` (which reads the store) kept for the next `lifetime`.
  /// Two threads that find them stale at once may both make them; the later pair wins, and both are right.
  /// - Throws: what `make` throws; nothing is kept then.
  func documents(make: () throws -> Documents) rethrows -> Documents {
    if let documents = fresh() { return documents }
    // The time before the store is read: a key changed while making them is picked up a lifetime later.
    let started = clock()
    let documents = try make()
    lock.lock()
    cached = (documents, started)
    lock.unlock()
    return documents
  }

  @Sendable static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }
}
